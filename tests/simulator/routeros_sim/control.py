"""``/sim/...`` control paths for tests, served through the API like any menu (see README.md).

They work only after login, never reach the audit log or the traffic counters, and are exempt from
fault injection.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import scheduler
from .errors import ARGUMENT, Trap, UnknownCommand, invalid_value, unknown_parameter
from .factory import FACTORIES
from .values import BOOL

if TYPE_CHECKING:
    from .router import Reply, Router


def _done() -> list[Reply]:
    return [("!done", {})]


@dataclass
class Faults:
    """Injected faults. ``drop_after``: the router answers that many more command sentences (any
    session, /sim excluded), then closes the connection that sends the next one and forgets the
    fault. ``delay_ms``: every reply waits that long. ``trap_path``: every command under that path
    answers ``!trap`` with ``trap_message``. ``refuse_login``: logins fail with the version's
    bad-credentials trap."""

    drop_after: int | None = None
    delay_ms: int = 0
    trap_path: str | None = None
    trap_message: str = "simulated failure"
    refuse_login: bool = False


# Verbs counted on their own in /sim/stats (getall counts as print); every other command sentence
# (/login, enable, listen, /export, ...) counts as ``other``, so the verbs add up to ``sentences-in``.
COUNTED_VERBS = ("print", "add", "set", "remove", "move")


@dataclass
class Stats:
    """API traffic of one router since start or the last /sim/stats/reset, /sim sentences left
    out: accepted connections, successful logins, command sentences received and reply sentences
    sent, and the commands by verb."""

    connections: int = 0
    logins: int = 0
    sentences_in: int = 0
    sentences_out: int = 0
    verbs: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNTED_VERBS + ("other",), 0))

    def command(self, command: str) -> None:
        verb = command.rsplit("/", 1)[-1]
        verb = "print" if verb == "getall" else verb
        self.verbs[verb if verb in COUNTED_VERBS else "other"] += 1
        self.sentences_in += 1


def _rows(rows: list[dict[str, str]], attrs: dict[str, str]) -> list[Reply]:
    if "count-only" in attrs:
        return [("!done", {"ret": str(len(rows))})]
    return [("!re", row) for row in rows] + _done()


def _int(attrs: dict[str, str], name: str) -> int:
    try:
        return int(attrs[name])
    except ValueError:
        raise invalid_value(name) from None


def _audit_print(router: Router, attrs: dict[str, str]) -> list[Reply]:
    return _rows([{".id": f"*{n + 1:X}", **row} for n, row in enumerate(router.audit)], attrs)


def _audit_clear(router: Router, attrs: dict[str, str]) -> list[Reply]:
    router.audit.clear()
    return _done()


def _fault_set(router: Router, attrs: dict[str, str]) -> list[Reply]:
    faults = router.faults
    for name in attrs:
        if name not in ("drop-after", "delay", "trap-path", "trap-message", "refuse-login"):
            raise unknown_parameter()
    if "drop-after" in attrs:
        faults.drop_after = _int(attrs, "drop-after")
    if "delay" in attrs:
        faults.delay_ms = _int(attrs, "delay")
    if "trap-path" in attrs:
        faults.trap_path = attrs["trap-path"] or None
    if "trap-message" in attrs:
        faults.trap_message = attrs["trap-message"]
    if "refuse-login" in attrs:
        try:
            faults.refuse_login = BOOL.parse(attrs["refuse-login"]) == "true"
        except ValueError:
            raise invalid_value("refuse-login") from None
    return _done()


def _fault_print(router: Router, attrs: dict[str, str]) -> list[Reply]:
    f = router.faults
    row = {
        "drop-after": "" if f.drop_after is None else str(f.drop_after),
        "delay": str(f.delay_ms),
        "trap-path": f.trap_path or "",
        "trap-message": f.trap_message,
        "refuse-login": "true" if f.refuse_login else "false",
    }
    return [("!re", row)] + _done()


def _fault_clear(router: Router, attrs: dict[str, str]) -> list[Reply]:
    router.faults = Faults()
    return _done()


def _clock_advance(router: Router, attrs: dict[str, str]) -> list[Reply]:
    if "seconds" not in attrs:
        raise Trap("missing value(s) of argument(s) seconds", ARGUMENT)
    router.clock.advance(_int(attrs, "seconds"))
    scheduler.catch_up(router)  # scheduler entries due within the advanced span fire in time order
    router.save()
    return _done()


def _clock_print(router: Router, attrs: dict[str, str]) -> list[Reply]:
    clock = router.clock
    row = {"date": clock.date(), "time": clock.time(), "epoch": str(int(clock.now())), "offset": str(int(clock.offset))}
    return [("!re", row)] + _done()


def _reset(router: Router, attrs: dict[str, str]) -> list[Reply]:
    name = attrs.get("factory", router.options.factory)
    if name not in FACTORIES:
        raise invalid_value("factory")
    router.reset(name)
    return _done()


def _sessions_print(router: Router, attrs: dict[str, str]) -> list[Reply]:
    rows = [
        {".id": f"*{s.id:X}", "address": s.address, "via": s.via, "user": s.user or "", "logged-in": "true" if s.user else "false"}
        for s in router.sessions.values()
    ]
    return _rows(rows, attrs)


def _stats_print(router: Router, attrs: dict[str, str]) -> list[Reply]:
    stats = router.stats
    row = {
        "connections": str(stats.connections),
        "logins": str(stats.logins),
        "sentences-in": str(stats.sentences_in),
        "sentences-out": str(stats.sentences_out),
        **{verb: str(count) for verb, count in stats.verbs.items()},
    }
    return [("!re", row)] + _done()


def _stats_reset(router: Router, attrs: dict[str, str]) -> list[Reply]:
    router.stats = Stats()
    return _done()


COMMANDS = {
    "/sim/audit/print": _audit_print,
    "/sim/audit/clear": _audit_clear,
    "/sim/fault/set": _fault_set,
    "/sim/fault/print": _fault_print,
    "/sim/fault/clear": _fault_clear,
    "/sim/clock/advance": _clock_advance,
    "/sim/clock/print": _clock_print,
    "/sim/reset": _reset,
    "/sim/sessions/print": _sessions_print,
    "/sim/stats/print": _stats_print,
    "/sim/stats/reset": _stats_reset,
}


def execute(router: Router, command: str, attrs: dict[str, str]) -> list[Reply]:
    handler = COMMANDS.get(command)
    if handler is None:
        raise UnknownCommand(command.rsplit("/", 1)[-1])
    attrs.pop(".proplist", None)
    return handler(router, attrs)
