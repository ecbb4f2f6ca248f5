"""What playbooks/site.yml costs each router on the lab's soho.routeros.api connection, counted by the simulator
(/sim/stats): on a link with latency every login and every print is a wait, so a run that changes nothing logs in once
and prints each path at most once."""

from __future__ import annotations

import pytest

from roles_helpers import inventory, site

LAB_HOSTS = {"home": (0, {}), "cafe": (1, {})}


@pytest.fixture(scope="module")
def pair(routeros_sim_module_factory):
    return routeros_sim_module_factory("--factory", "blank", "--names", "home,cafe", routers=2)


def counted(sim, run):
    """The run's result and, per router, its /sim/stats and prints by path (the control sessions log in before)."""
    controls = [sim.api(n) for n in range(2)]
    try:
        for api in controls:
            list(api("/sim/stats/reset"))
        result = run()
        traffic = [(list(api("/sim/stats/print"))[0], {r["path"]: r["count"] for r in api("/sim/stats/prints/print")})
                   for api in controls]
    finally:
        for api in controls:
            api.close()
    return result, traffic


def test_a_rerun_logs_in_once_per_router_and_prints_each_path_at_most_once(pair, tmp_path):
    inv = inventory(tmp_path, pair, LAB_HOSTS)
    first, converge = counted(pair, lambda: site(inv, tmp_path=tmp_path))
    assert first.rc == 0, first.output
    second, rerun = counted(pair, lambda: site(inv, tmp_path=tmp_path))
    assert second.rc == 0 and all(recap["changed"] == 0 for recap in second.recap.values()), second.output
    for stats, prints in rerun:
        assert stats["logins"] == 1
        assert stats["add"] + stats["set"] + stats["remove"] + stats["move"] == 0
        assert {path: count for path, count in prints.items() if count > 1} == {}
    for stats, _prints in converge:
        # The lockout guard installs its rollback job and proves access on logins of its own.
        assert stats["logins"] <= 3
