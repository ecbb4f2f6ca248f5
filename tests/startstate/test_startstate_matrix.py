"""The start-state matrix: playbooks/site.yml with the lab inventory on routers that start from different states.

Start states (startstate_helpers.START_STATES) x the lab's sites (home, cafe). For each cell: the converge succeeds;
the rerun reports changed=0 and writes nothing; `--check` beforehand predicted exactly the writes the run made (each
task's ``commands`` against the simulator's audit log); the managed state afterwards equals what a blank router
converges to, apart from the names and comments of ports the inventory leaves alone and the factory Wi-Fi security
profile (the router's own). README.md in this folder has the table of the cells. A cell that fails today carries a
strict xfail naming the failure: once the roles fix it, the xfail fails and its mark goes.

Each start state runs once per test session: the first test that needs it, in any xdist worker, computes it under
a file lock in the session's shared temporary folder.
"""

from __future__ import annotations

import fcntl
import json
import os

import pytest

from startstate_helpers import (SITES, START_STATES, kept_names, managed_paths, prediction_differences, run_start_state,
                                state_differences)

# (start state, site, aspect) -> the failure seen, for the cells that fail with the roles of today (none now).
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


@pytest.fixture(scope="module")
def start_state(tmp_path_factory, worker_id, routeros_sim_module_factory):
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
                result.write_text(json.dumps(run_start_state(name, tmp, routeros_sim_module_factory)))
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
    normal = kept_names(cell["state"], blank["state"])
    differences = state_differences(normal, blank["state"], managed_paths(blank["converge"], cell["converge"]))
    assert not differences, "\n".join(differences)


@pytest.mark.parametrize("state", list(START_STATES))
def test_cafe_guests_reach_the_internet_dns_and_dhcp_only(start_state, state):
    """From the cafe's firewall rules in their order after the rerun: no guest reaches the LAN, the other guest network
    or the router's management, for IPv4 and IPv6; guests reach the internet and the router's DNS and DHCP; SNMP
    reaches the router from the monitoring server only."""
    cell = start_state(state)["cafe"]
    _setup(cell)
    assert cell["converge"]["ok"], "converge failed: %s" % cell["converge"]["failure"]
    assert cell["isolation"] == [], "\n".join(cell["isolation"])


def test_readme_table_shows_the_cells_that_fail_today():
    """README.md's table says "fails" exactly where FAILING has an xfail, "ok" elsewhere."""
    columns = {"converge ok": "converge", "rerun changed=0, zero writes": "rerun", "check predicted the writes": "check",
               "state equals blank": "state"}
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "README.md"), encoding="utf-8") as stream:
        rows = [[cell.strip() for cell in line.strip().strip("|").split("|")] for line in stream if line.startswith("| ")]
    start = next(index for index, row in enumerate(rows) if row[:2] == ["Start state", "Site"])
    header = rows[start]
    body = [row for row in rows[start + 1:] if len(row) == len(header)]
    aspects = [columns[name.lower()] for name in header[2:]]
    shown = {}
    for row in body:
        for aspect, value in zip(aspects, row[2:]):
            shown[(row[0], row[1], aspect)] = value
    expected = {(state, host, aspect): "reference" if aspect == "state" and state == "blank" else
                "fails" if (state, host, aspect) in FAILING else "ok"
                for state in START_STATES for host in SITES for aspect in ASPECTS}
    assert shown == expected
