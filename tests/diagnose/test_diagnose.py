"""Diagnose on the lab's home office and cafe after site.yml: every check passes; breaking the one thing a check
verifies fails that check, and only it, with its cause; the playbook writes nothing, in check mode too, and fails
only when asked to.

The routers are converged once; each break is undone before the next, and the undo is checked by all checks passing
again. The module runs in this process (as the action plugin runs it) so that the breaks cost no playbook run each.
"""

from __future__ import annotations

import ipaddress
import os
import re
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "roles"))

# pylint: disable=wrong-import-position
from roles_helpers import ROOT, inventory, site

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible_collections.soho.routeros.plugins.module_utils import diagnose as diagnose_utils
from ansible_collections.soho.routeros.plugins.module_utils import runner

HOME, CAFE = 0, 1
DIAGNOSE = os.path.join(ROOT, "playbooks", "diagnose.yml")


@pytest.fixture(scope="module")
def lab(routeros_sim_module_factory, tmp_path_factory):
    sim = routeros_sim_module_factory("--factory", "blank", "--names", "home,cafe", routers=2)
    tmp = tmp_path_factory.mktemp("diagnose")
    inv = inventory(tmp, sim, {"home": (HOME, {}), "cafe": (CAFE, {})})
    first = site(inv, tmp_path=tmp)
    assert first.rc == 0, first.output
    return sim, inv, tmp


def run_diagnose(sim, router, **options):
    host, port = sim.address(router)
    params = dict({"hostname": host, "port": port, "username": "admin", "password": "", "timeout": 5,
                   "fail_on_check": False}, **options)
    validation = ArgumentSpecValidator(runner.argument_spec("diagnose")).validate(params)
    assert not validation.error_messages, validation.error_messages
    return runner.run("diagnose", validation.validated_parameters)


def statuses(result):
    return {check["name"]: check["status"] for check in result["checks"]}


class Router:
    """API helpers for breaking one thing on a router and putting it back."""

    def __init__(self, sim, index):
        self.sim = sim
        self.index = index

    def rows(self, path, **match):
        api = self.sim.api(self.index)
        try:
            return [r for r in api.path(*path.strip("/").split("/")) if all(r.get(k) == v for k, v in match.items())]
        finally:
            api.close()

    def id_of(self, path, **match):
        (row,) = self.rows(path, **match)
        return row.get(".id")  # None for a menu of one entry (/system ntp client)

    def do(self, command, **attrs):
        self.sim.control(self.index, command, **attrs)

    def set(self, path, ident, **attrs):
        self.do(path + "/set", **(dict(attrs, **{".id": ident}) if ident else attrs))


def _toggle(path, verb_off="disable", verb_on="enable", **match):
    def off(r):
        r.state = r.id_of(path, **match)
        r.do("%s/%s" % (path, verb_off), numbers=r.state)

    def on(r):
        r.do("%s/%s" % (path, verb_on), numbers=r.state)

    return off, on


def _set(path, attrs, back, **match):
    def off(r):
        r.state = r.id_of(path, **match)
        r.set(path, r.state, **attrs)

    def on(r):
        r.set(path, r.state, **back)

    return off, on


def _upstream(**attrs):
    def off(r):
        r.do("/sim/upstream/set", **attrs)

    def on(r):
        r.do("/sim/upstream/set", **dict.fromkeys(attrs, "yes"))

    return off, on


def _add(path, attrs, place_first=False):
    def off(r):
        r.do(path + "/add", **attrs)
        added = [row for row in r.rows(path) if all(str(row.get(k)) == str(v) for k, v in attrs.items())]
        r.state = added[-1][".id"]
        if place_first:
            first = r.rows(path)[0][".id"]
            r.do(path + "/move", numbers=r.state, destination=first)

    def on(r):
        r.do(path + "/remove", numbers=r.state)

    return off, on


def _both(first, second):
    def off(r):
        first[0](r)
        state = r.state
        second[0](r)
        r.state = (state, r.state)

    def on(r):
        state, r.state = r.state
        second[1](r)
        r.state = state
        first[1](r)

    return off, on


def _leases(server, count):
    def off(r):
        r.do("/sim/lease/add", server=server, count=str(count))

    def on(r):
        r.do("/sim/lease/clear")

    return off, on


# (check that must fail, router, how to break it and undo it): one thing a user or an ISP really breaks each.
BREAKS = {
    "wan_running": (HOME, _toggle("/interface", name="wan")),
    "wan_address": (HOME, _toggle("/ip/dhcp-client", interface="wan")),
    "default_route": (HOME, _set("/ip/dhcp-client", {"add-default-route": "no"}, {"add-default-route": "yes"},
                                 interface="wan")),
    "internet_ipv4": (HOME, _upstream(internet="no")),
    "nat_masquerade": (HOME, _toggle("/ip/firewall/nat", action="masquerade")),
    "nat_masquerade-hidden": (HOME, _add("/ip/firewall/nat", {"chain": "srcnat", "action": "accept"}, place_first=True)),
    "dns_servers": (HOME, _set("/ip/dhcp-client", {"use-peer-dns": "no"}, {"use-peer-dns": "yes"}, interface="wan")),
    "dns_reachable": (HOME, _upstream(dns="no")),
    "clock": (HOME, _set("/system/ntp/client", {"enabled": "no"}, {"enabled": "yes"})),
    "input_firewall": (HOME, _toggle("/ip/firewall/filter", chain="input", action="drop",
                                     **{"in-interface-list": "!LAN"})),
    "dhcp_server": (HOME, _toggle("/ip/dhcp-server", interface="bridge")),
    "dhcp_pool_free": (CAFE, _leases("dhcp_server_guest", 300)),
    "dhcp_pool_conflicts": (CAFE, _add("/ip/dhcp-server/lease", {"address": "192.168.88.50",
                                                                 "mac-address": "02:AA:BB:CC:DD:EE"})),
    "dhcp_pool_conflicts-address": (HOME, _add("/ip/address", {"address": "192.168.88.20/24", "interface": "bridge"})),
    "dhcpv6_client": (HOME, _toggle("/ipv6/dhcp-client", interface="wan")),
    "dhcpv6_client-no-prefix": (CAFE, _upstream(prefix="no")),
    "lan_ipv6": (CAFE, _toggle("/ipv6/address", interface="guest", dynamic=False)),
    # The bridge's own entry and the factory entry for all interfaces: either alone still advertises.
    "lan_ra": (HOME, _both(_toggle("/ipv6/nd", interface="bridge"), _toggle("/ipv6/nd", interface="all"))),
    "internet_ipv6": (HOME, _upstream(ipv6="no")),
    "ipv6_forward_firewall": (HOME, _toggle("/ipv6/firewall/filter", chain="forward", action="accept",
                                            **{"connection-state": "established,related,untracked"})),
}


def test_every_check_passes_on_the_converged_home_office_and_cafe(lab):
    sim = lab[0]
    for router in (HOME, CAFE):
        result = run_diagnose(sim, router)
        assert result["failed_checks"] == [], result["summary"]
        assert set(statuses(result).values()) == {"pass"}, result["summary"]
        assert [c["name"] for c in result["checks"]] == list(diagnose_utils.CHECK_NAMES)


@pytest.mark.parametrize("case", sorted(BREAKS))
def test_breaking_one_thing_fails_its_check_and_only_it(lab, case):
    sim = lab[0]
    check = case.split("-")[0]
    index, (off, on) = BREAKS[case]
    router = Router(sim, index)
    off(router)
    try:
        sim.clear_audit(index)
        result = run_diagnose(sim, index)
        assert sim.audit(index) == [], "diagnose wrote to the router"
        assert result["failed_checks"] == [check], result["summary"]
        (failed,) = [c for c in result["checks"] if c["name"] == check]
        assert failed["cause"] and failed["fix"] and failed["detail"]
        # What relies on the failed check is skipped, never failed: the first failure is the cause.
        assert all(status in ("pass", "skipped") for name, status in statuses(result).items() if name != check)
    finally:
        on(router)
    again = run_diagnose(sim, index)
    assert again["failed_checks"] == [], again["summary"]


def test_dependent_checks_are_skipped_with_the_check_they_rely_on(lab):
    sim = lab[0]
    router = Router(sim, HOME)
    off, on = BREAKS["wan_address"][1]
    off(router)
    try:
        result = run_diagnose(sim, HOME)
    finally:
        on(router)
    verdicts = {c["name"]: c for c in result["checks"]}
    for name in ("wan_address_kind", "default_route", "internet_ipv4", "dns_servers", "dns_reachable", "clock"):
        assert verdicts[name]["status"] == "skipped", name
    assert "wan_address" in verdicts["default_route"]["detail"]
    assert verdicts["dhcpv6_client"]["status"] == "pass"


def test_wan_address_kind_says_carrier_grade_nat(lab):
    result = run_diagnose(lab[0], HOME)
    (kind,) = [c for c in result["checks"] if c["name"] == "wan_address_kind"]
    assert "100.64.1.100 is carrier-grade NAT" in kind["detail"]
    assert result["addressing"]["wan"]["ipv4"] == [{"address": "100.64.1.100/24", "kind": "cgnat"}]


def test_bad_options_are_refused_before_connecting(lab):
    sim = lab[0]
    with pytest.raises(Exception, match="ping_count: 12 is out of range"):
        run_diagnose(sim, HOME, ping_count=12)
    with pytest.raises(Exception, match="ping_count: 5 pings take about 5 s"):
        run_diagnose(sim, HOME, ping_count=5, timeout=5)
    with pytest.raises(Exception, match="ping_ipv4: 'dns.google' is not an IPv4 address"):
        run_diagnose(sim, HOME, ping_ipv4="dns.google")


def test_skip_and_ipv6_off(lab):
    result = run_diagnose(lab[0], HOME, skip=["internet_ipv4"], ipv6="off")
    verdicts = statuses(result)
    assert verdicts["internet_ipv4"] == "skipped" and verdicts["clock"] == "skipped"
    assert all(verdicts[name] == "skipped" for name in diagnose_utils.IPV6_CHECKS)
    assert result["failed_checks"] == []


def test_playbook_passes_writes_nothing_and_runs_the_same_in_check_mode(lab):
    sim, inv, tmp = lab
    for args in ((), ("--check",)):
        for router in (HOME, CAFE):
            sim.clear_audit(router)
        run = site(inv, *args, tmp_path=tmp, playbook=DIAGNOSE)
        assert run.rc == 0, run.output
        assert run.recap["home"]["changed"] == 0 and run.recap["cafe"]["changed"] == 0
        assert sim.audit(HOME) == [] and sim.audit(CAFE) == []
        assert "ok   nat_masquerade: masquerade out of WAN" in run.output


def test_playbook_fails_on_a_failed_check_unless_told_to_report_only(lab):
    sim, inv, tmp = lab
    router = Router(sim, HOME)
    off, on = BREAKS["nat_masquerade"][1]
    off(router)
    try:
        failed = site(inv, "--limit", "home", tmp_path=tmp, playbook=DIAGNOSE)
        reported = site(inv, "--limit", "home", "-e", "diagnose_fail=false", tmp_path=tmp, playbook=DIAGNOSE)
    finally:
        on(router)
    assert failed.rc != 0
    assert "1 check(s) failed: nat_masquerade (LAN traffic is not translated.) The fixes are in the verdicts above" in failed.message("home")
    assert "FAIL nat_masquerade: the masquerade out of the WAN is disabled -> LAN traffic is not translated." in failed.output
    assert reported.rc == 0, reported.output
    assert "FAIL nat_masquerade" in reported.output


def test_a_misspelled_diagnose_variable_stops_before_reading(lab):
    sim, inv, tmp = lab
    sim.control(HOME, "/sim/stats/reset")
    run = site(inv, "--limit", "home", "-e", "diagnose_ping_cont=2", tmp_path=tmp, playbook=DIAGNOSE)
    assert run.rc != 0
    assert "diagnose_ping_cont: unknown variable, did you mean diagnose_ping_count?" in run.message("home")
    assert sim.control(HOME, "/sim/stats/prints/print") == []


# ---------------------------------------------------------------------------------------------- report.yml

REPORT = os.path.join(ROOT, "playbooks", "report.yml")
NODE = re.compile(r'^\s+(\w+)\["(.*)"\]\s*$')
EDGE = re.compile(r'^\s+(\w+) ---\|"(.*)"\| (\w+)\s*$')


def diagram(markdown):
    """({node: [label lines]}, [(from, [label lines], to)]) of the report's Mermaid block."""
    block = markdown.split("```mermaid\n", 1)[1].split("```", 1)[0]
    nodes, edges = {}, []
    for line in block.splitlines():
        node, edge = NODE.match(line), EDGE.match(line)
        if node:
            nodes[node.group(1)] = node.group(2).split("<br/>")
        elif edge:
            edges.append((edge.group(1), edge.group(2).split("<br/>"), edge.group(3)))
    return nodes, edges


def held(sim, index):
    """What the simulator holds, computed here from its rows: the WAN lines and, per LAN interface, its lines."""
    router = Router(sim, index)
    members = router.rows("/interface/list/member")
    ports = {p["interface"] for p in router.rows("/interface/bridge/port")}
    lans = [m["interface"] for m in members if m["list"] in ("LAN", "GUEST") and m["interface"] not in ports]
    guests = {m["interface"] for m in members if m["list"] == "GUEST"}
    wans = [m["interface"] for m in members if m["list"] == "WAN"]
    pools = {p["name"]: p["ranges"] for p in router.rows("/ip/pool")}
    servers = {s["interface"]: s for s in router.rows("/ip/dhcp-server")}
    v4 = router.rows("/ip/address")
    v6 = [a for a in router.rows("/ipv6/address") if not ipaddress.ip_interface(a["address"]).is_link_local]
    networks = {}
    for lan in lans:
        lines = [("Guest " if lan in guests else "LAN ") + lan]
        lines += ["IPv4 %s" % ipaddress.ip_interface(a["address"]).network for a in v4 if a["interface"] == lan]
        lines += ["IPv6 %s" % ipaddress.ip_interface(a["address"]).network for a in v6 if a["interface"] == lan]
        if lan in servers:
            lines.append("DHCP " + pools[servers[lan]["address-pool"]])
        networks[lan] = lines
    (client,) = router.rows("/ipv6/dhcp-client")
    wan = ["WAN " + ", ".join(wans)]
    wan += ["IPv4 " + a["address"] for a in v4 if a["interface"] in wans]
    wan += ["IPv6 prefix " + client["prefix"].split(",")[0]]
    return wan, networks


def test_report_draws_exactly_the_addressing_the_router_holds(lab):
    sim, inv, tmp = lab
    reports = tmp / "reports"
    for router in (HOME, CAFE):
        sim.clear_audit(router)
    run = site(inv, "--check", "-e", "report_dir=%s" % reports, tmp_path=tmp, playbook=REPORT)
    assert run.rc == 0, run.output
    assert sim.audit(HOME) == [] and sim.audit(CAFE) == []
    for name, index in (("home", HOME), ("cafe", CAFE)):
        nodes, edges = diagram((reports / ("%s.md" % name)).read_text())
        wan, networks = held(sim, index)
        internet = [lines for start, lines, end in edges if start == "internet"]
        assert internet == [wan]
        drawn = sorted(lines for node, lines in nodes.items() if node.startswith("net"))
        assert drawn == sorted(networks.values())
        # Home: the LAN. Cafe: the LAN, the guest port, the kiosk VLAN and the guest SSID.
        assert len(networks) == (1 if name == "home" else 4)
    index_page = (reports / "index.md").read_text()
    assert "| [home](home.md) | MikroTik | pass |  |" in index_page
    assert "| [cafe](cafe.md) | MikroTik | pass |  |" in index_page


def test_report_follows_a_change_of_addressing_and_shows_the_failed_check(lab):
    sim, inv, tmp = lab
    reports = tmp / "reports-changed"
    cafe = Router(sim, CAFE)
    pool = cafe.id_of("/ip/pool", name="dhcp_pool_guest")
    (before,) = cafe.rows("/ip/pool", name="dhcp_pool_guest")
    cafe.set("/ip/pool", pool, ranges="192.168.99.100-192.168.99.199")
    home = Router(sim, HOME)
    off, on = BREAKS["nat_masquerade"][1]
    off(home)
    try:
        run = site(inv, "-e", "report_dir=%s" % reports, tmp_path=tmp, playbook=REPORT)
        assert run.rc == 0, run.output
        nodes, _edges = diagram((reports / "cafe.md").read_text())
        _wan, networks = held(sim, CAFE)
        assert sorted(lines for node, lines in nodes.items() if node.startswith("net")) == sorted(networks.values())
        assert "DHCP 192.168.99.100-192.168.99.199" in networks["guest"]
        home_report = (reports / "home.md").read_text()
        assert "| NAT masquerade out of the WAN present, enabled and not hidden | fail |" in home_report
        assert "| [home](home.md) | MikroTik | fail | nat_masquerade |" in (reports / "index.md").read_text()
    finally:
        on(home)
        cafe.set("/ip/pool", pool, ranges=before["ranges"])
