"""What playbooks/site.yml costs each router on the lab's soho.routeros.api connection, counted by the simulator
(/sim/stats): on a link with latency every login and every print is a wait, so a run that changes nothing logs in once
and prints each path at most once."""

from __future__ import annotations

import pytest
import yaml

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


@pytest.mark.parametrize("bad", [{"lan_ipv4_cdir": "10.1.0.0/24"}, {"routeros_api_tsl": True}, {"routeros_api_timeout": "soon"}],
                         ids=["misspelled role variable", "misspelled connection variable", "bad connection value"])
def test_a_bad_variable_stops_site_before_anything_reaches_the_router(pair, tmp_path, bad):
    """site.yml starts the router's connection process first (soho.routeros.connect), while it checks the variables:
    a misspelled TLS variable must not let a login with the password go out in clear text, so no connection is made
    to the router before the checks pass."""
    inv = inventory(tmp_path, pair, {"home": (0, bad), "cafe": (1, {})})
    run, traffic = counted(pair, lambda: site(inv, "--limit", "home", tmp_path=tmp_path))
    assert run.rc != 0 and list(bad)[0] in run.message("home"), run.output
    stats, prints = traffic[0]
    assert stats["connections"] == 0 and stats["logins"] == 0 and prints == {}, stats


def test_connect_starts_the_process_the_next_task_logs_in_through_and_takes_no_options(pair, tmp_path):
    inv = inventory(tmp_path, pair, LAB_HOSTS)
    play = tmp_path / "connect.yml"
    play.write_text(yaml.safe_dump([{
        "hosts": "home", "gather_facts": False, "tasks": [
            {"name": "start", "soho.routeros.connect": None, "register": "started"},
            {"name": "on local", "soho.routeros.connect": None, "register": "local", "vars": {"ansible_connection": "local"}},
            {"name": "read", "soho.routeros.system_identity": {"state": "gathered"}, "register": "identity"},
            {"name": "show", "ansible.builtin.debug": {"msg": "{{ [started.started, local.started, identity.gathered.name] }}"}},
            {"name": "an option", "soho.routeros.connect": {"timeout": 5}},
        ]}]))
    run, traffic = counted(pair, lambda: site(inv, tmp_path=tmp_path, playbook=str(play)))
    assert '"msg": [\n        true,\n        false,\n        "MikroTik"\n    ]' in run.output, run.output
    assert "Unsupported parameters for (soho.routeros.connect) module: timeout" in run.message("home"), run.output
    stats, _prints = traffic[0]
    assert stats["connections"] == 1 and stats["logins"] == 1, stats
