"""The start-state matrix: playbooks/site.yml with the lab inventory on routers that start from different states.

Start states (startstate_helpers.START_STATES) x the lab's sites (home, cafe). For each cell: the converge succeeds;
the rerun reports changed=0 and writes nothing; `--check` beforehand predicted exactly the writes the run made (each
task's ``commands`` against the simulator's audit log); the managed state afterwards equals what a blank router
converges to, apart from the names and comments of ports the inventory leaves alone. README.md in this folder has
the table of the cells. A cell that fails today carries a strict xfail naming the failure: once the roles fix it,
the xfail fails and its mark goes.

Each start state runs once per test session: the first test that needs it computes it under a file lock in the
session's shared temporary folder, so the xdist workers share it too.
"""

from __future__ import annotations

import fcntl
import json

import pytest

from startstate_helpers import (SITES, START_STATES, kept_names, managed_paths, prediction_differences, run_start_state,
                                state_differences)

# (start state, site, aspect) -> the failure seen, for the cells that fail with the roles of today.
FAILING = {}

ASPECTS = ("converge", "rerun", "check", "state")


def cells(aspect):
    params = []
    for state in START_STATES:
        if aspect == "state" and state == "blank":
            continue
        for host in SITES:
            reason = FAILING.get((state, host, aspect))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            params.append(pytest.param(state, host, marks=marks, id="%s-%s" % (state, host)))
    return params


@pytest.fixture(scope="session")
def start_state(tmp_path_factory, worker_id):
    """``get(name)`` -> the JSON result of run_start_state, computed once for all workers."""
    shared = tmp_path_factory.getbasetemp()
    if worker_id != "master":
        shared = shared.parent
    shared = shared / "startstate"
    shared.mkdir(exist_ok=True)

    def get(name):
        result = shared / ("%s.json" % name)
        with open(shared / ("%s.lock" % name), "w", encoding="utf-8") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not result.exists():
                tmp = tmp_path_factory.mktemp(name)
                result.write_text(json.dumps(run_start_state(name, tmp)))
        return json.loads(result.read_text())

    return get


def _setup(cell):
    assert cell["setup"]["ok"], "the start state could not be set up: %s" % cell["setup"]["failure"]


@pytest.mark.parametrize("state,host", cells("converge"))
def test_converge_succeeds(start_state, state, host):
    cell = start_state(state)[host]
    _setup(cell)
    assert cell["converge"]["ok"], "converge failed: %s %s" % (cell["converge"]["recap"], cell["converge"]["failure"])


@pytest.mark.parametrize("state,host", cells("rerun"))
def test_rerun_reports_changed_0_and_writes_nothing(start_state, state, host):
    cell = start_state(state)[host]
    _setup(cell)
    rerun = cell["rerun"]
    assert rerun["ok"], "rerun failed: %s" % rerun["failure"]
    assert rerun["recap"]["changed"] == 0 and not rerun["writes"], (
        "rerun changed=%d, writes:\n%s" % (rerun["recap"]["changed"], "\n".join(rerun["writes"])))


@pytest.mark.parametrize("state,host", cells("check"))
def test_check_predicted_exactly_the_writes_of_the_run(start_state, state, host):
    cell = start_state(state)[host]
    _setup(cell)
    check = cell["check"]
    assert check["ok"], "--check failed: %s" % check["failure"]
    assert not check["writes"], "--check wrote:\n%s" % "\n".join(check["writes"])
    differences = prediction_differences(check["predicted"], cell["converge"]["writes"])
    assert not differences, "\n".join(differences)


@pytest.mark.parametrize("state,host", cells("state"))
def test_managed_state_equals_a_converged_blank_router(start_state, state, host):
    cell = start_state(state)[host]
    blank = start_state("blank")[host]
    _setup(cell)
    assert blank["converge"]["ok"], "the blank reference did not converge: %s" % blank["converge"]["failure"]
    _, normal = kept_names(cell["state"], blank["state"])
    differences = state_differences(normal, blank["state"], managed_paths(blank["converge"], cell["converge"]))
    assert not differences, "\n".join(differences)
