"""/system script run and /system scheduler on the simulated clock (scheduler
start-date in the v6 form ``may/28/2022``, interval ``0s``)."""

import time

import pytest
from librouteros.exceptions import TrapError
from routeros_sim import scheduler
from routeros_sim.clock import MONTHS
from routeros_sim.router import Options, Router

DAY = 86400
KEEP = 3
# A v6 daily export: a dated name built with :pick from the v6 date (nov/29/2026 has no
# format= in v6), the newest KEEP files kept, the result logged.
DAILY_EXPORT = f"""\
:local keep {KEEP}
:local date [/system clock get date]
:local months ("jan","feb","mar","apr","may","jun","jul","aug","sep","oct","nov","dec")
:local month ([:find $months [:pick $date 0 3]] + 1)
:if ($month < 10) do={{ :set month ("0" . $month) }}
:local name ("daily-" . [:pick $date 7 11] . $month . [:pick $date 4 6])
/export file=$name
:local files [/file find where name~"^daily-.*\\\\.rsc\\$" type=script]
:while ([:len $files] > $keep) do={{
    :local oldest ""
    :local oldestId ""
    :foreach f in=$files do={{
        :local n [/file get $f name]
        :if ($oldest = "" || $n < $oldest) do={{ :set oldest $n; :set oldestId $f }}
    }}
    /file remove $oldestId
    :log info ("removed old export " . $oldest)
    :set files [/file find where name~"^daily-.*\\\\.rsc\\$" type=script]
}}
:log info ("daily export written to " . $name . ".rsc")
"""


@pytest.fixture(scope="module")
def clock_sim(routeros_sim_module_factory):
    """A simulator of this module's own: moving its clock by days must not shift the uptime that
    other modules' tests see on the shared one."""
    return routeros_sim_module_factory()


@pytest.fixture
def api(clock_sim):
    clock_sim.reset(0, "blank")
    connection = clock_sim.api()
    yield connection
    connection.close()


def v6_date(epoch):
    t = time.gmtime(epoch)
    return f"{MONTHS[t.tm_mon - 1]}/{t.tm_mday:02d}/{t.tm_year}"


def one(api, path, **match):
    rows = [r for r in api.path(path) if all(r.get(k) == v for k, v in match.items())]
    assert len(rows) == 1, rows
    return rows[0]


def at(epoch):
    """start-date and start-time for an epoch, in the v6 forms."""
    return {"start-date": v6_date(epoch), "start-time": time.strftime("%H:%M:%S", time.gmtime(epoch))}


def clock_epoch(api):
    return int(next(iter(api("/sim/clock/print")))["epoch"])


def advance(api, seconds):
    tuple(api("/sim/clock/advance", seconds=seconds))


def messages(api, topics="script,info"):
    return [r["message"] for r in api.path("/log") if r["topics"] == topics]


# ------------------------------------------------------------------ over the API


def test_daily_export_keeps_the_newest_files(api):
    days = KEEP + 2
    tuple(api.path("/system/script").add(name="daily-export", source=DAILY_EXPORT))
    start = clock_epoch(api) + 3600
    tuple(
        api(
            "/system/scheduler/add",
            name="daily",
            interval="1d",
            **{"on-event": "daily-export", "start-date": v6_date(start), "start-time": time.strftime("%H:%M:%S", time.gmtime(start))},
        )
    )
    for _day in range(days):
        advance(api, DAY)
    names = ["daily-" + time.strftime("%Y%m%d", time.gmtime(start + k * DAY)) + ".rsc" for k in range(days)]
    assert sorted(f["name"] for f in api.path("/file")) == names[-KEEP:]
    for name in names[-KEEP:]:
        entry = one(api, "/file", name=name)
        assert entry["type"] == "script" and entry["creation-time"].startswith(v6_date(start + names.index(name) * DAY))
    assert messages(api) == [
        line
        for k, name in enumerate(names)
        for line in ((["removed old export " + names[k - KEEP]] if k >= KEEP else []) + ["daily export written to " + name])
    ]
    assert one(api, "/system/script", name="daily-export")["run-count"] == days
    scheduler = one(api, "/system/scheduler", name="daily")
    assert scheduler["run-count"] == days
    assert scheduler["next-run"] == f"{v6_date(start + days * DAY)} {time.strftime('%H:%M:%S', time.gmtime(start))}"


def test_script_run_by_name_and_id_counts_runs(api):
    tuple(api("/system/script/add", name="hello", source=':log info "hello"'))
    script_id = one(api, "/system/script", name="hello")[".id"]
    tuple(api("/system/script/run", number="hello"))
    tuple(api("/system/script/run", **{".id": script_id}))
    script = one(api, "/system/script", name="hello")
    assert script["run-count"] == 2
    assert script["last-started"].startswith(v6_date(clock_epoch(api)))
    assert messages(api) == ["hello", "hello"]


def test_script_run_errors_trap_with_the_line(api):
    tuple(api("/system/script/add", name="broken", source=":log info start\n/ip address add address=10.0.0.1/24 interface=nope"))
    with pytest.raises(TrapError) as info:
        tuple(api("/system/script/run", number="broken"))
    assert info.value.message == "input does not match any value of interface (line 2)"
    assert one(api, "/system/script", name="broken")["run-count"] == 1


def test_script_policy_is_enforced(api):
    tuple(api("/system/script/add", name="ro", policy="read", source="/system identity set name=changed"))
    with pytest.raises(TrapError) as info:
        tuple(api("/system/script/run", number="ro"))
    assert info.value.message == "not enough permissions (9) (line 1)"
    assert one(api, "/system/identity")["name"] == "MikroTik"


def test_a_script_runs_another_only_within_its_own_policy(api):
    tuple(api("/system/script/add", name="inner", source=':log info "inner ran"'))
    tuple(api("/system/script/add", name="outer", policy="read,write", source="/system script run inner"))
    tuple(api("/system/script/add", name="trusted", policy="read,write", source="/system script run lenient"))
    tuple(api("/system/script/add", name="lenient", **{"dont-require-permissions": "yes"}, source=':log info "lenient ran"'))
    with pytest.raises(TrapError) as info:
        tuple(api("/system/script/run", number="outer"))
    assert info.value.message == "not enough permissions (9) (line 1)"
    tuple(api("/system/script/run", number="trusted"))
    tuple(api("/system/script/run", number="inner"))  # an API user runs any script
    assert messages(api) == ["lenient ran", "inner ran"]


def test_interval_0s_fires_once_at_start_time_with_inline_source(api):
    start = clock_epoch(api) + 600
    tuple(api("/system/scheduler/add", name="once", **{"on-event": ':log info "once"', **at(start)}))
    assert one(api, "/system/scheduler", name="once")["interval"] == "0s"
    advance(api, 300)
    assert messages(api) == []
    advance(api, 2 * DAY)
    assert messages(api) == ["once"]
    entry = one(api, "/system/scheduler", name="once")
    assert entry["run-count"] == 1 and "next-run" not in entry


def test_runs_fire_in_time_order_across_entries(api):
    now = clock_epoch(api)
    for name, delay in (("late", 7200), ("early", 3600)):
        when = now + delay
        tuple(api("/system/scheduler/add", name=name, **{"on-event": f':log info "{name}"', **at(when)}))
    off = {"on-event": ':log info "off"', "start-date": v6_date(now), "start-time": "00:00:00"}
    tuple(api("/system/scheduler/add", name="off", disabled="yes", interval="1m", **off))
    advance(api, 3 * 3600)
    assert messages(api) == ["early", "late"]


def test_errors_in_scheduled_scripts_go_to_the_log(api):
    start = clock_epoch(api) + 60
    tuple(api("/system/scheduler/add", name="bad", **{"on-event": ":log info a\n:put $missing", **at(start)}))
    advance(api, 120)
    assert messages(api, "script,error") == ["script error: undefined variable missing (line 2)"]


def test_start_date_and_time_default_to_the_creation(api):
    created = clock_epoch(api)
    tuple(api("/system/scheduler/add", name="hourly", interval="1h", **{"on-event": ':log info "hourly"'}))
    entry = one(api, "/system/scheduler", name="hourly")
    assert entry["start-date"] == v6_date(created)
    assert 0 <= scheduler.parse_start(entry["start-date"], entry["start-time"]) - int(created) <= 10  # a loaded machine
    advance(api, 3600 + 10)
    assert messages(api) == ["hourly"]


def test_explicit_startup_shows_the_1970_date(api):
    tuple(api("/system/scheduler/add", name="boot", **{"start-time": "startup", "on-event": ':log info "boot"'}))
    entry = one(api, "/system/scheduler", name="boot")
    assert (entry["start-time"], entry["start-date"]) == ("startup", "jan/01/1970")
    assert "next-run" not in entry
    advance(api, DAY)
    assert messages(api) == []


# ------------------------------------------------------------------ in-process


def test_startup_entries_run_on_reboot_and_reboot_resets_run_counts():
    """MikroTik's scheduler manual: startup with interval 0 runs at every boot; with an interval
    it does not run at boot but every interval after; a reboot resets run-count."""
    router = Router(Options())
    router.execute("/system/scheduler/add", {"name": "boot", "start-time": "startup", "on-event": ':log info "booted"'})
    router.execute("/system/scheduler/add", {"name": "tick", "start-time": "startup", "interval": "1h", "on-event": ':log info "tick"'})
    router.execute("/system/reboot")
    assert [entry["message"] for entry in router.items("/log")] == ["booted"]
    router.execute("/sim/clock/advance", {"seconds": "7201"})
    assert [entry["message"] for entry in router.items("/log")] == ["booted", "tick", "tick"]
    router.execute("/system/reboot")
    assert [entry["run-count"] for entry in router.items("/system/scheduler")] == ["1", "0"]


def test_any_clock_movement_fires_due_entries():
    router = Router(Options())
    when = router.clock.now() + 30
    router.execute("/system/scheduler/add", {"name": "soon", **at(when), "on-event": ':log info "soon"'})
    router.clock.advance(60)  # the clock moves without /sim/clock/advance (as wall time does)
    router.execute("/system/identity/print")
    assert [r["message"] for w, r in router.execute("/log/print") if w == "!re"] == ["soon"]


def test_a_storm_of_runs_is_capped(monkeypatch):
    monkeypatch.setattr(scheduler, "MAX_RUNS_PER_CATCH_UP", 50)
    router = Router(Options())
    fast = {"name": "fast", "interval": "1s", "on-event": ":local x 1", **at(router.clock.now() + 10)}
    router.execute("/system/scheduler/add", fast)
    router.execute("/sim/clock/advance", {"seconds": str(2 * DAY)})
    # Read the state directly: a command would let the wall clock fire the next second's run.
    assert router.items("/system/scheduler")[0]["run-count"] == "50"
    assert [entry["topics"] for entry in router.items("/log")] == ["script,warning"]


def test_a_self_removing_rollback_job():
    """The shape of the config guard's job (plugins/module_utils/guard.py): one :do/on-error per
    line, then the job removes its scheduler entry and script."""
    router = Router(Options())
    router.execute("/ip/service/set", {".id": "api", "address": "10.9.9.0/24"})
    router.execute("/ip/firewall/filter/add", {"chain": "input", "action": "drop", "comment": "lockout"})
    source = "\n".join(
        (
            ':log warning "guard: restoring the configuration from before the change"',
            ':do {/ip service set [find name=api] address=""} on-error={:log error "guard: failed: /ip service set"}',
            ':do {/ip firewall filter remove [find comment="lockout"]} on-error={:log error "guard: failed: filter"}',
            ':do {/ip pool add name=p ranges=nonsense} on-error={:log error "guard: failed: /ip pool add name=p ranges=nonsense"}',
            '/system scheduler remove [find name="guard"]',
            '/system script remove [find name="guard"]',
        )
    )
    policy = "password,policy,read,sensitive,test,write"
    router.execute("/system/script/add", {"name": "guard", "source": source, "policy": policy})
    router.execute("/system/scheduler/add", {"name": "guard", "on-event": "guard", "interval": "0s", "policy": policy, **at(router.clock.now() + 300)})
    router.execute("/sim/clock/advance", {"seconds": "299"})
    assert router.items("/ip/firewall/filter")
    router.execute("/sim/clock/advance", {"seconds": "2"})
    assert next(s for s in router.items("/ip/service") if s["name"] == "api").get("address", "") == ""
    assert router.items("/ip/firewall/filter") == [] and router.items("/ip/pool") == []
    assert router.items("/system/scheduler") == [] and router.items("/system/script") == []
    assert [(e["topics"], e["message"]) for e in router.items("/log")] == [
        ("script,warning", "guard: restoring the configuration from before the change"),
        ("script,error", "guard: failed: /ip pool add name=p ranges=nonsense"),
    ]


@pytest.mark.parametrize(
    "attrs,printed",
    [
        ({"start-date": "Nov/3/2026", "start-time": "3:00"}, ("nov/03/2026", "03:00:00")),
        ({"start-date": "feb/29/2028", "start-time": "23:59:59"}, ("feb/29/2028", "23:59:59")),
    ],
)
def test_fact_scheduler_dates_in_the_v6_form(attrs, printed):
    router = Router(Options())
    router.execute("/system/scheduler/add", {"name": "x", **attrs})
    entry = router.items("/system/scheduler")[0]
    assert (entry["start-date"], entry["start-time"]) == printed


@pytest.mark.parametrize("name,value", [("start-date", "2026-11-30"), ("start-date", "feb/30/2026"), ("start-time", "24:00:00"), ("start-time", "3am")])
def test_other_date_forms_are_refused(api, name, value):
    with pytest.raises(TrapError) as info:
        tuple(api("/system/scheduler/add", name="x", **{name: value}))
    assert info.value.message == f"invalid value for argument {name}"
