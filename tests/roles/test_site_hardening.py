"""playbooks/site.yml hardens by default: on a blank router, on MikroTik defconf and on a router an earlier version
converged with the ipv6_pd role's IPv6 firewall, one set of firewall rules remains, owned by the hardening role.

The IPv6 firewall has one owner without any variable: the hardening role when it runs, the ipv6_pd role's otherwise.
"""

from __future__ import annotations

from collections import Counter

import netaddr
import pytest

from roles_helpers import CONNECTION, inventory, rows, site, writes

HARDENING = "soho:hardening: "
# The hardening role's rules per chain: MikroTik's default rules for IPv4 and IPv6, plus management access and the
# brute-force stages before each input chain's final drop (plugins/filter/hardening_plan.py).
RULES = {"/ip/firewall/filter": {"input": 11, "forward": 6}, "/ipv6/firewall/filter": {"input": 15, "forward": 12}}


@pytest.fixture(scope="module")
def home(routeros_sim_module_factory):
    return routeros_sim_module_factory("--factory", "blank", "--names", "home")


def _chains(sim, path, router=0):
    return dict(Counter(r["chain"] for r in rows(sim, path, router=router, dynamic=False)))


def _assert_one_hardened_rule_set(sim, router=0):
    for path, counts in RULES.items():
        rules = rows(sim, path, router=router, dynamic=False)
        comments = [r.get("comment", "") for r in rules]
        assert _chains(sim, path, router) == counts, (path, comments)
        assert all(c.startswith(HARDENING) for c in comments), (path, comments)
        assert len(set(comments)) == len(comments), (path, comments)
        assert [r["chain"] for r in rules if r["action"] == "fasttrack-connection"] == (["forward"] if "/ip/" in path else [])


def test_default_site_hardens_and_reruns_unchanged(home, tmp_path):
    inv = inventory(tmp_path, home, {"home": (0, {})})
    first = site(inv, tmp_path=tmp_path)
    assert first.rc == 0 and first.recap["home"]["changed"] > 0, first.output
    _assert_one_hardened_rule_set(home)
    assert {s["name"] for s in rows(home, "/ip/service", disabled=True)} >= {"telnet", "ftp", "www"}
    api = rows(home, "/ip/service", name="api")[0]
    controller = netaddr.IPAddress(home.control(0, "/sim/client/print")[0]["address"])
    allowed = [netaddr.IPNetwork(a) for a in api["address"].split(",")]
    assert not api["disabled"] and any(controller in a for a in allowed), "the controller keeps its plain API, restricted"
    assert rows(home, "/tool/mac-server")[0]["allowed-interface-list"] == "LAN"
    assert rows(home, "/ip/neighbor/discovery-settings")[0]["discover-interface-list"] == "LAN"

    home.clear_audit(0)
    again = site(inv, tmp_path=tmp_path)
    assert again.rc == 0 and again.recap["home"]["changed"] == 0, again.output
    assert writes(home, 0) == []


def test_without_hardening_the_ipv6_pd_role_owns_the_ipv6_firewall(routeros_sim_factory, tmp_path):
    sim = routeros_sim_factory("--factory", "blank")
    inv = inventory(tmp_path, sim, {"r": (0, dict(CONNECTION))}, copy_lab=False)
    run = site(inv, "-e", "routeros_hardening=false", tmp_path=tmp_path)
    assert run.rc == 0, run.output
    assert rows(sim, "/ip/firewall/filter") == []
    comments = [r.get("comment", "") for r in rows(sim, "/ipv6/firewall/filter")]
    assert comments and all(c.startswith("soho.routeros: ") for c in comments)


@pytest.fixture(scope="module")
def defconf(routeros_sim_module_factory, tmp_path_factory):
    """A defconf router and a router converged by site.yml without hardening (the ipv6_pd role's IPv6 firewall), both
    then run with the defaults."""
    sim = routeros_sim_module_factory("--factory", "defconf", routers=2)
    sim.reset(1, factory="blank")
    tmp = tmp_path_factory.mktemp("defconf")
    renamed = {"wan_dhcp_interface_name": "wan", "ipv6_pd_wan_interface": "wan"}
    hosts = {"defconf": (0, dict(CONNECTION, **renamed)), "upgraded": (1, dict(CONNECTION))}
    inv = inventory(tmp, sim, hosts, copy_lab=False)
    earlier = site(inv, "-e", "routeros_hardening=false", "--limit", "upgraded", tmp_path=tmp)
    before = {path: _chains(sim, path) for path in RULES}
    sim.clear_audit(0)
    sim.clear_audit(1)
    check = site(inv, "--check", tmp_path=tmp)
    check_writes = writes(sim, 0) + writes(sim, 1)
    first = site(inv, tmp_path=tmp)
    sim.clear_audit(0)
    sim.clear_audit(1)
    second = site(inv, tmp_path=tmp)
    return {"sim": sim, "earlier": earlier, "before": before, "check": check, "check_writes": check_writes,
            "first": first, "second": second}


def test_defconf_rules_are_taken_over_not_duplicated(defconf):
    sim, first = defconf["sim"], defconf["first"]
    assert defconf["before"] == {"/ip/firewall/filter": {"input": 5, "forward": 6},
                                 "/ipv6/firewall/filter": {"input": 10, "forward": 12}}, "MikroTik defconf: 11 and 22 rules"
    assert defconf["check"].rc == 0 and defconf["check_writes"] == [], defconf["check"].output
    assert first.recap["defconf"]["failed"] == 0, first.output
    _assert_one_hardened_rule_set(sim, 0)
    assert len(rows(sim, "/ip/firewall/nat", action="masquerade")) == 1


def test_rules_of_the_earlier_ipv6_pd_firewall_are_replaced(defconf):
    sim = defconf["sim"]
    assert defconf["earlier"].rc == 0, defconf["earlier"].output
    assert defconf["first"].recap["upgraded"]["failed"] == 0, defconf["first"].output
    _assert_one_hardened_rule_set(sim, 1)


def test_defconf_and_upgraded_routers_rerun_unchanged(defconf):
    second = defconf["second"]
    for host in ("defconf", "upgraded"):
        assert second.recap[host]["changed"] == 0 and second.recap[host]["failed"] == 0, second.output
    assert writes(defconf["sim"], 0) == [] and writes(defconf["sim"], 1) == []


def test_controller_on_the_wan_side_is_refused_before_the_firewall_write_unless_named(routeros_sim_factory, tmp_path):
    """The simulator's firewall judges the controller's API connections as coming from 100.64.200.7 on ether1."""
    sim = routeros_sim_factory("--factory", "blank")
    sim.control(0, "/sim/client/set", address="100.64.200.7", interface="ether1")
    inv = inventory(tmp_path, sim, {"r": (0, dict(CONNECTION))}, copy_lab=False)
    refused = site(inv, tmp_path=tmp_path)
    assert refused.recap["r"]["failed"] == 1
    message = refused.message("r")
    assert "hardening_management_subnets" in message and "100.64.200.7" in message, message
    guarded = ("/ip/firewall/filter", "/ipv6/firewall/filter", "/ip/firewall/raw", "/ip/service", "/user", "/system/scheduler")
    assert not [w for w in writes(sim) if w["path"] in guarded]
    sim.clear_audit(0)

    kept = site(inv, "-e", '{"hardening_management_subnets": ["192.168.88.0/24", "100.64.200.7/32"]}', tmp_path=tmp_path)
    assert kept.rc == 0, kept.output
    _assert_one_hardened_rule_set(sim)
    sim.clear_audit(0)
    again = site(inv, "-e", '{"hardening_management_subnets": ["192.168.88.0/24", "100.64.200.7/32"]}', tmp_path=tmp_path)
    assert again.rc == 0 and again.recap["r"]["changed"] == 0, again.output
