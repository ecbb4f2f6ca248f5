"""``/system scheduler`` on the simulated clock.

Every entry has an internal ``.next`` (epoch of its next run) computed when it is added or changed.
``catch_up`` runs whenever the clock may have moved (before and after each command, after
``/sim/clock/advance``, and in the API server on a timer set to ``next_due``, as a router's scheduler
runs whether or not anyone is connected): every run due up to the present fires in time order, with the clock
set to the run's own time while its ``on-event`` executes, so a script sees the date it was
scheduled for. An entry added without a start date or time gets those of its creation (the
collection's documented expectation; the facts file is silent). ``interval=0s`` runs once at start
time. ``start-time=startup`` (shown with ``start-date=jan/01/1970`` unless given) runs at every
reboot when its interval is 0s, else every interval after the boot and not at it (MikroTik's
scheduler manual). A reboot resets every run-count (same manual). ``on-event`` naming a script
runs that script (its run-count and last-started update too); anything else runs as inline source.
Errors go to the log (topics ``script,error``).
"""

from __future__ import annotations

import calendar
import weakref
from typing import TYPE_CHECKING

from . import log
from .clock import MONTHS
from .menus import DEFAULT_POLICY
from .script import ScriptError
from .values import duration_seconds

if TYPE_CHECKING:
    from .router import Item, Router

PATH = "/system/scheduler"
STARTUP = "startup"
STARTUP_DATE = "jan/01/1970"
# A one-second interval across a simulated year would be 31 million runs: beyond this many runs
# in one catch-up the rest are skipped (and a warning logged).
MAX_RUNS_PER_CATCH_UP = 10_000


# Routers whose scheduler is running a job right now (runs do not nest), and routers already
# looked at since this process started.
_busy: weakref.WeakSet = weakref.WeakSet()
_seen: weakref.WeakSet = weakref.WeakSet()


def parse_start(date: str, clock: str) -> float | None:
    """Epoch of ``may/28/2022`` + ``03:00:00`` (UTC, like the simulated clock); None if invalid."""
    try:
        month, day, year = date.split("/")
        hours, minutes, seconds = (int(p) for p in clock.split(":"))
        return calendar.timegm((int(year), MONTHS.index(month.lower()) + 1, int(day), hours, minutes, seconds, 0, 0, 0))
    except (ValueError, AttributeError):
        return None


def _interval(item: Item) -> int:
    try:
        return duration_seconds(item.get("interval", "0s"))
    except ValueError:
        return 0


def _is_startup(item: Item) -> bool:
    return item.get("start-time") == STARTUP


def _first_after(router: Router, item: Item, baseline: float) -> float | None:
    if item.get("disabled") == "true":
        return None
    interval = _interval(item)
    if _is_startup(item):
        # With an interval a startup entry does not run at boot but every interval after it.
        if not interval:
            return None
        start = router.clock.boot_time + interval
    else:
        start = parse_start(item.get("start-date", ""), item["start-time"])
        if start is None:
            return None
        if not interval:
            return start if start > baseline else None
    if start > baseline:
        return start
    return start + (int((baseline - start) // interval) + 1) * interval


def _sync(router: Router) -> bool:
    """Entries new or changed since the last look get their first run after the present; entries
    added without a start time get the date and time of their creation. True if that happened."""
    baseline = router.clock.now()
    filled = False
    for item in router.items(PATH):
        if "start-time" not in item:
            item["start-time"] = router.clock.time()
            filled = True
        if "start-date" not in item and not _is_startup(item):
            item["start-date"] = router.clock.date()
            filled = True
        signature = [item.get("start-date"), item.get("start-time"), item.get("interval"), item.get("disabled")]
        if _is_startup(item):
            signature.append(router.clock.boot_time)
        if item.get(".sig") != signature:
            item[".sig"] = signature
            item[".next"] = _first_after(router, item, baseline)
        shown = item.setdefault(".shown", {})
        if "start-date" not in item:
            shown["start-date"] = STARTUP_DATE
        else:
            shown.pop("start-date", None)
        if item.get(".next") is None:
            shown.pop("next-run", None)
        else:
            shown["next-run"] = router.clock.stamp(item[".next"])
    return filled


def catch_up(router: Router) -> None:
    """Fire every run due up to now; give entries added or changed since the last look their next
    run. Cheap when there is no scheduler entry: it runs around every command."""
    items = router.state["menus"].get(PATH)
    if not items or router in _busy:
        return
    if router not in _seen:
        # First look at this router (state loaded after a restart): runs missed while the
        # simulator was down do not fire, as on a router that was switched off.
        _seen.add(router)
        for item in items:
            item.pop(".sig", None)
    _busy.add(router)
    now = router.clock.now()
    offset = router.clock.offset
    runs = 0
    try:
        changed = _sync(router)
        while True:
            due = [(item[".next"], n, item) for n, item in enumerate(router.items(PATH)) if item.get(".next") is not None and item[".next"] <= now]
            if not due:
                break
            when, item = min(due, key=lambda d: (d[0], d[1]))[::2]
            runs += 1
            if runs > MAX_RUNS_PER_CATCH_UP:
                log.write(router, "script,warning", f"scheduler: more than {MAX_RUNS_PER_CATCH_UP} runs due, skipping to the present")
                for entry in router.items(PATH):
                    entry.pop(".sig", None)
                break
            interval = _interval(item)
            item[".next"] = when + interval if interval else None
            # The run sees the clock at its own time; entries it adds count from then.
            router.clock.offset = offset - (now - when)
            fire(router, item)
            _sync(router)
        router.clock.offset = offset
        if _sync(router) or changed or runs:
            router.save()
    finally:
        router.clock.offset = offset
        _busy.discard(router)


def next_due(router: Router) -> float | None:
    """Epoch of the earliest run still to come (after catching up), None without one: the API server
    sleeps until then, so jobs fire on the simulated clock with nobody connected."""
    catch_up(router)
    runs = [item[".next"] for item in router.state["menus"].get(PATH, ()) if item.get(".next") is not None]
    return min(runs) if runs else None


def startup(router: Router) -> None:
    """A reboot resets every entry's run-count, then runs the ``start-time=startup`` entries without
    an interval."""
    if router in _busy:
        return
    _busy.add(router)
    try:
        for item in router.items(PATH):
            item["run-count"] = "0"
        for item in list(router.items(PATH)):
            if _is_startup(item) and not _interval(item) and item.get("disabled") != "true":
                fire(router, item)
        _sync(router)
    finally:
        _busy.discard(router)


def fire(router: Router, item: Item) -> None:
    from .scripting import run_script, run_source

    item["run-count"] = str(int(item.get("run-count", "0")) + 1)
    policy = set(item.get("policy", DEFAULT_POLICY).split(","))
    event = item.get("on-event", "")
    script = next((s for s in router.items("/system/script") if s.get("name") == event), None)
    try:
        if script is not None:
            run_script(router, script, caller_policy=policy)
        else:
            run_source(router, event, policy)
    except ScriptError as error:
        log.write(router, "script,error", f"script error: {error.describe()}")
