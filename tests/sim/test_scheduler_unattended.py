"""The scheduler of a routeros-sim process runs jobs on the simulated clock while no session talks to
the router, as a router's scheduler does (https://wiki.mikrotik.com/wiki/Manual:System/Scheduler):
a rollback job restores access to a router that locked its controller out."""

import json
import time

import rawapi
from routeros_sim.clock import MONTHS

# Seconds until a job is due, and how long a test waits for it at most.
DUE_IN = 2
PATIENCE = 15


def at(epoch):
    t = time.gmtime(epoch)
    return {"start-date": f"{MONTHS[t.tm_mon - 1]}/{t.tm_mday:02d}/{t.tm_year}", "start-time": time.strftime("%H:%M:%S", t)}


def clock_epoch(api):
    return int(next(iter(api("/sim/clock/print")))["epoch"])


def wait_for(condition):
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.25)
    return False


def refused(sim):
    client = rawapi.RawApi(*sim.address())
    try:
        return client.is_closed(timeout=1)
    except TimeoutError:  # still open: the router let it in
        return False
    finally:
        client.close()


def test_a_due_job_runs_with_no_session_open(routeros_sim_factory, tmp_path):
    sim = routeros_sim_factory("--state-dir", str(tmp_path), "--names", "home")
    api = sim.api()
    due = clock_epoch(api) + DUE_IN + 1  # start-time has whole seconds
    tuple(api("/system/scheduler/add", name="rename", **{"on-event": "/system identity set name=renamed", **at(due)}))
    api.close()

    def identity_on_disk():
        with open(tmp_path / "home.json", encoding="utf-8") as f:
            identity = json.load(f)["state"]["menus"].get("/system/identity", [{}])
        return identity[0].get("name")

    # Read from the state file: a command would let the scheduler catch up on its own.
    assert identity_on_disk() is None
    assert wait_for(lambda: identity_on_disk() == "renamed")
    api = sim.api()
    # /sim paths never run the scheduler: the write was made while nobody was connected.
    (write,) = [r for r in api("/sim/audit/print") if r["path"] == "/system/identity"]
    assert write["session"] == ""
    assert next(iter(api.path("/system/scheduler")))["run-count"] == 1
    api.close()


def test_a_rollback_job_reopens_a_locked_out_router(routeros_sim_factory):
    sim = routeros_sim_factory()
    api = sim.api()
    due = clock_epoch(api) + DUE_IN + 1
    job = {"on-event": '/ip service set api address=""; /system identity set name=restored', "policy": "read,write", **at(due)}
    tuple(api("/system/scheduler/add", name="rollback", **job))
    tuple(api("/ip/service/set", **{".id": "api", "address": "192.0.2.0/24"}))  # shuts the controller out
    api.close()
    assert refused(sim)
    assert wait_for(lambda: not refused(sim))
    api = sim.api()
    assert next(iter(api.path("/system/identity")))["name"] == "restored"
    api.close()


def test_the_timer_follows_a_clock_advance(routeros_sim_factory):
    """A job an hour away, brought to within seconds by /sim/clock/advance, fires unattended."""
    sim = routeros_sim_factory()
    api = sim.api()
    due = clock_epoch(api) + 3600 + DUE_IN + 1
    tuple(api("/system/scheduler/add", name="later", **{"on-event": "/system identity set name=later", **at(due)}))
    tuple(api("/sim/clock/advance", seconds=3600))
    api.close()

    def ran():
        return any(r["path"] == "/system/identity" for r in sim.control(0, "/sim/audit/print"))

    assert wait_for(ran)
