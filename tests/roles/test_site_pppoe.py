"""playbooks/site.yml with a PPPoE WAN (wan_dhcp_mode: pppoe) on simulated routers: from blank and from defconf, a
password the ISP refuses, a router converged before with a DHCP WAN and back, check mode, and the password in no
output.

The simulator's access concentrator connects a PPPoE client at once when it takes the password; its log and
`monitor` say why it did not.
"""

from __future__ import annotations

import glob
import os

import pytest

from roles_helpers import CONNECTION, inventory, rows, runs_in_turn, site, writes

PASSWORD = "Dsl-Secret-7x!"
PPPOE = dict(CONNECTION, wan_dhcp_mode="pppoe", wan_dhcp_pppoe_user="customer-1234@isp.example",
             wan_dhcp_pppoe_password=PASSWORD, wan_dhcp_wait_bound=True, wan_dhcp_wait_timeout=2, wan_dhcp_wait_delay=1)
# Each router of the simulator by host name, and the variables of each run: the second run turns "switch" (a DHCP WAN
# in the first) into PPPoE, the third turns it back.
HOSTS = {"dsl": 0, "defconf": 1, "refused": 2, "switch": 3, "hand": 4}
RUNS = [
    {"dsl": PPPOE, "defconf": PPPOE, "refused": PPPOE, "switch": CONNECTION, "hand": PPPOE},
    {"dsl": PPPOE, "defconf": PPPOE, "switch": PPPOE, "hand": PPPOE},
    {"switch": CONNECTION},
    {"switch": CONNECTION},
]


@pytest.fixture(scope="module")
def runs(routeros_sim_module_factory, tmp_path_factory):
    sim = routeros_sim_module_factory("--factory", "blank", routers=5)
    sim.reset(1, factory="defconf")
    # Router 4 was set up by hand: a PPPoE client of its own name in a WAN list of its own.
    api = sim.api(4)
    try:
        tuple(api("/interface/pppoe-client/add", name="pppoe-isp", interface="ether1", user="old-user", password="old-password",
                  disabled="no", **{"add-default-route": "yes"}))
        tuple(api("/interface/list/add", name="WAN"))
        tuple(api("/interface/list/member/add", list="WAN", interface="pppoe-isp"))
    finally:
        api.close()
    # The ISP's access concentrator takes one password, not the one router 2 has.
    sim.control(2, "/sim/upstream/set", **{"pppoe-password": "the-isp-password"})
    results, states, backups = runs_in_turn(sim, tmp_path_factory, "pppoe", HOSTS, RUNS)
    return sim, results, states, backups


def _wan(sim, router):
    return {
        "pppoe": [(c["name"], c["interface"], c["running"], c["disabled"]) for c in rows(sim, "/interface/pppoe-client", router=router)],
        "members": sorted(m["interface"] for m in rows(sim, "/interface/list/member", router=router, list="WAN")),
        "dhcp": [c["interface"] for c in rows(sim, "/ip/dhcp-client", router=router)],
        "dhcpv6": [(c["interface"], c["status"]) for c in rows(sim, "/ipv6/dhcp-client", router=router)],
        "default": [(r["gateway"], r["active"]) for r in rows(sim, "/ip/route", router=router, **{"dst-address": "0.0.0.0/0"})],
    }


def test_pppoe_wan_from_blank_connects_and_carries_nat_and_ipv6(runs):
    sim, results, _states, _backups = runs
    assert results[0].recap["dsl"]["failed"] == 0, results[0].output
    assert _wan(sim, 0) == {"pppoe": [("pppoe-out1", "ether1", True, False)], "members": ["ether1", "pppoe-out1"],
                            "dhcp": [], "dhcpv6": [("pppoe-out1", "bound")], "default": [("pppoe-out1", True)]}
    (client,) = rows(sim, "/interface/pppoe-client")
    assert client["user"] == "customer-1234@isp.example" and client["use-peer-dns"] is True
    assert client["max-mtu"] == "auto" and client["comment"] == "WAN"
    assert [n["out-interface-list"] for n in rows(sim, "/ip/firewall/nat", action="masquerade")] == ["WAN"]
    # Nothing of the router's management answers on the PPPoE interface.
    for port in ("8728", "8291", "22"):
        (verdict,) = list(sim.api(0)("/sim/firewall/judge", **{"src-address": "198.51.100.7", "dst-address": "100.64.1.200",
                                                               "in-interface": "pppoe-out1", "dst-port": port}))
        assert verdict["verdict"] == "drop", (port, verdict)


def test_pppoe_wan_over_defconf_replaces_its_dhcp_client(runs):
    sim, results, _states, _backups = runs
    assert results[0].recap["defconf"]["failed"] == 0, results[0].output
    wan = _wan(sim, 1)
    assert wan["pppoe"] == [("pppoe-out1", "ether1", True, False)] and wan["dhcp"] == []
    assert wan["members"] == ["ether1", "pppoe-out1"] and wan["dhcpv6"] == [("pppoe-out1", "bound")]


def test_pppoe_client_made_by_hand_is_taken_over_not_doubled(runs):
    sim, results, states, _backups = runs
    assert results[0].recap["hand"]["failed"] == 0, results[0].output
    wan = _wan(sim, 4)
    assert wan["pppoe"] == [("pppoe-out1", "ether1", True, False)] and wan["members"] == ["ether1", "pppoe-out1"]
    (client,) = rows(sim, "/interface/pppoe-client", router=4)
    assert client["user"] == "customer-1234@isp.example"
    assert results[1].recap["hand"]["changed"] == 0 and states[1][HOSTS["hand"]] == []


def test_refused_password_stops_the_run_with_the_client_status_and_the_log(runs):
    sim, results, _states, _backups = runs
    assert results[0].recap["refused"]["failed"] == 1
    message = results[0].message("refused")
    assert "wan_dhcp_wait_timeout" in message and "pppoe-out1 on ether1 is not connected after 2 s" in message, message
    assert "status: disconnected" in message and "authentication failed" in message, message
    assert PASSWORD not in message


def test_rerun_writes_nothing(runs):
    _sim, results, states, _backups = runs
    for host in ("dsl", "defconf", "hand"):
        assert results[1].recap[host]["changed"] == 0 and results[1].recap[host]["failed"] == 0, results[1].output
        assert states[1][HOSTS[host]] == []


def test_dhcp_wan_converged_before_turns_into_pppoe_and_back(runs):
    sim, results, states, _backups = runs
    assert results[1].recap["switch"]["failed"] == 0, results[1].output
    assert all(r.recap["switch"]["failed"] == 0 for r in results[2:]), results[2].output
    # The state after the second run is read now: the third run has turned it back.
    assert results[3].recap["switch"]["changed"] == 0 and states[3][HOSTS["switch"]] == []
    wan = _wan(sim, 3)
    assert wan == {"pppoe": [], "members": ["ether1"], "dhcp": ["ether1"], "dhcpv6": [("ether1", "bound")],
                   "default": [("100.64.4.1", True)]}
    commands = [(w["path"], w["command"]) for w in states[1][HOSTS["switch"]]]
    assert ("/interface/pppoe-client", "add") in commands and ("/ip/dhcp-client", "remove") in commands
    assert ("/ipv6/dhcp-client", "remove") in commands, "the DHCPv6 client moves to the PPPoE interface"
    back = [(w["path"], w["command"]) for w in states[2][HOSTS["switch"]]]
    assert ("/interface/pppoe-client", "remove") in back and ("/ip/dhcp-client", "add") in back
    assert all(PASSWORD not in w["attrs"] for state in states for w in state[HOSTS["dsl"]]), "the audit log masks it"


def test_check_mode_on_a_fresh_router_writes_nothing(routeros_sim_factory, tmp_path):
    sim = routeros_sim_factory("--factory", "blank", routers=1)
    inv = inventory(tmp_path, sim, {"dsl": (0, PPPOE)}, copy_lab=False)
    run = site(inv, "--check", "--diff", tmp_path=tmp_path)
    assert run.rc == 0 and run.recap["dsl"]["failed"] == 0, run.output
    assert run.recap["dsl"]["changed"] > 0
    assert writes(sim) == []
    assert "interface pppoe-client add name=pppoe-out1 interface=ether1" in run.output
    assert PASSWORD not in run.output


def test_the_password_is_in_no_output_snapshot_or_router_log(runs):
    sim, results, _states, backups = runs
    assert "pppoe-client" in results[0].output and PASSWORD not in results[0].output
    snapshots = [p for p in glob.glob(os.path.join(backups, "**", "*"), recursive=True) if os.path.isfile(p)]
    assert snapshots, "the backup role wrote its snapshots"
    for path in snapshots:
        with open(path, encoding="utf-8", errors="replace") as handle:
            assert PASSWORD not in handle.read(), path
    for router in HOSTS.values():
        assert all(PASSWORD not in entry["message"] for entry in rows(sim, "/log", router=router))
