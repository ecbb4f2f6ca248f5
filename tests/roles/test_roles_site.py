"""playbooks/site.yml on simulated routers: converge, rerun, check mode, defconf adoption, bad variables.

Every run is ansible-playbook in a subprocess with the repository's ansible.cfg, against routeros-sim.
Idempotence is a rerun with changed=0 and nothing in the audit log; check mode and validation are proven
by an empty audit log.
"""

from __future__ import annotations

import glob
import json
import os
import re
import subprocess
import sys

import pytest

import guest_isolation
from roles_helpers import CONNECTION, ROOT, inventory, rows, site, writes

LAB_HOSTS = {"home": (0, {}), "cafe": (1, {})}


@pytest.fixture(scope="module")
def blank_pair(routeros_sim_module_factory):
    return routeros_sim_module_factory("--factory", "blank", "--names", "home,cafe", routers=2)


@pytest.fixture(scope="module")
def converged(blank_pair, tmp_path_factory):
    """The lab inventory's home office and cafe, converged once from blank."""
    tmp = tmp_path_factory.mktemp("converged")
    inv = inventory(tmp, blank_pair, LAB_HOSTS)
    first = site(inv, tmp_path=tmp)
    return blank_pair, inv, tmp, first


def test_site_converges_both_lab_routers_from_blank(converged):
    sim, first = converged[0], converged[3]
    assert first.rc == 0, first.output
    assert first.recap["home"]["failed"] == 0 and first.recap["cafe"]["failed"] == 0
    assert first.recap["home"]["changed"] > 0 and first.recap["cafe"]["changed"] > 0
    assert writes(sim, 0) and writes(sim, 1)


def test_home_office_gets_an_enabled_wan_client_lan_dhcp_nat_and_delegated_ipv6(converged):
    sim = converged[0]
    clients = rows(sim, "/ip/dhcp-client")
    assert [(c["interface"], c["status"], c["disabled"]) for c in clients] == [("wan", "bound", False)]
    assert [r for r in rows(sim, "/ip/route") if r["dst-address"] == "0.0.0.0/0" and r["active"]]
    assert [(a["address"], a["interface"]) for a in rows(sim, "/ip/address", dynamic=False)] == [("192.168.88.1/24", "bridge")]
    assert [(p["name"], p["ranges"]) for p in rows(sim, "/ip/pool")] == [("dhcp_pool_lan", "192.168.88.10-192.168.88.254")]
    servers = rows(sim, "/ip/dhcp-server")
    assert [(s["interface"], s["address-pool"], s["lease-time"], s["disabled"]) for s in servers] == [("bridge", "dhcp_pool_lan", "10m", False)]
    networks = rows(sim, "/ip/dhcp-server/network")
    assert [(n["address"], n["gateway"], n["dns-server"]) for n in networks] == [("192.168.88.0/24", "192.168.88.1", "192.168.88.1")]
    nat = rows(sim, "/ip/firewall/nat", action="masquerade")
    assert [(r["chain"], r["out-interface-list"]) for r in nat] == [("srcnat", "WAN")]
    assert rows(sim, "/ipv6/dhcp-client")[0]["status"] == "bound"
    assert rows(sim, "/ipv6/pool", name="ipv6_pool_lan")
    lan6 = rows(sim, "/ipv6/address", interface="bridge", dynamic=False)
    assert len(lan6) == 1 and lan6[0]["address"].endswith("::1/64") and lan6[0]["from-pool"] == "ipv6_pool_lan"
    nd = rows(sim, "/ipv6/nd", interface="bridge")
    assert nd and nd[0]["ra-interval"] == "20s-1m" and nd[0]["advertise-dns"] is True and nd[0]["disabled"] is False
    drops = rows(sim, "/ipv6/firewall/filter", action="drop")
    assert {(r["chain"], r.get("in-interface-list")) for r in drops} >= {("input", "!LAN"), ("forward", "!LAN")}
    assert not [r for r in rows(sim, "/ipv6/firewall/filter") if "2001:db8:" in r.get("src-address", "") + r.get("dst-address", "")]


def test_cafe_guest_networks_get_their_interfaces_servers_list_and_ipv6(converged):
    sim = converged[0]
    addresses = {a["address"]: a["interface"] for a in rows(sim, "/ip/address", router=1, dynamic=False)}
    assert addresses == {"192.168.88.1/24": "bridge", "192.168.99.1/24": "guest", "192.168.30.1/24": "kiosk",
                         "192.168.98.1/24": "guest-wifi"}
    ports = {p["interface"]: p["bridge"] for p in rows(sim, "/interface/bridge/port", router=1)}
    assert ports == {"ether2": "bridge", "ether3": "bridge", "ether4": "bridge", "wlan1": "bridge", "ether5": "guest"}
    assert [(v["name"], v["vlan-id"], v["interface"]) for v in rows(sim, "/interface/vlan", router=1)] == [("kiosk", 30, "bridge")]
    servers = {s["name"]: (s["interface"], s["lease-time"]) for s in rows(sim, "/ip/dhcp-server", router=1, disabled=False)}
    assert servers == {"dhcp_server_lan": ("bridge", "1h"), "dhcp_server_guest": ("guest", "30m"), "dhcp_server_kiosk": ("kiosk", "1d"),
                       "dhcp_server_guest-wifi": ("guest-wifi", "30m")}
    networks = {n["address"]: (n["gateway"], n["dns-server"]) for n in rows(sim, "/ip/dhcp-server/network", router=1)}
    assert networks["192.168.30.0/24"] == ("192.168.30.1", "192.168.30.1")
    # The guests are in a list of their own, not in the LAN list.
    assert {(m["list"], m["interface"]) for m in rows(sim, "/interface/list/member", router=1)} == {
        ("WAN", "ether1"), ("LAN", "bridge"), ("GUEST", "guest"), ("GUEST", "kiosk"), ("GUEST", "guest-wifi")}
    ipv6 = {a["interface"] for a in rows(sim, "/ipv6/address", router=1, dynamic=False)}
    assert ipv6 == {"bridge", "guest", "kiosk", "guest-wifi"}
    assert {n["interface"] for n in rows(sim, "/ipv6/nd", router=1, disabled=False)} >= {"bridge", "guest", "kiosk", "guest-wifi"}
    leases = rows(sim, "/ip/dhcp-server/lease", router=1)
    assert [(le["address"], le["mac-address"], le["server"]) for le in leases] == [("192.168.88.5", "00:11:22:33:44:55", "dhcp_server_lan")]


def test_cafe_wifi_staff_ssid_on_the_lan_and_guest_ssid_on_a_virtual_access_point(converged):
    sim = converged[0]
    radios = {w["name"]: w for w in rows(sim, "/interface/wireless", router=1)}
    staff, guests = radios["wlan1"], radios["guest-wifi"]
    assert (staff["mode"], staff["ssid"], staff["security-profile"], staff["country"], staff["wps-mode"], staff["disabled"]) == (
        "ap-bridge", "Cafe Staff", "soho-lan", "germany", "disabled", False)
    assert (guests["master-interface"], guests["ssid"], guests["security-profile"], guests["default-forwarding"], guests["disabled"]) == (
        "wlan1", "Cafe Guests", "guest-wifi", False, False)
    assert staff["running"] is True and guests["running"] is True
    profiles = {p["name"]: p for p in rows(sim, "/interface/wireless/security-profiles", router=1)}
    for name, key in (("soho-lan", "cafe-lab-staff-wifi-9Kd3"), ("guest-wifi", "cafe-lab-guests-2026")):
        profile = profiles[name]
        assert (profile["mode"], profile["authentication-types"], profile["unicast-ciphers"]) == ("dynamic-keys", "wpa2-psk", "aes-ccm")
        assert profile["wpa2-pre-shared-key"] == key
    # The staff SSID is a LAN bridge port; the guest SSID is in the guest list only.
    assert {p["interface"]: p["bridge"] for p in rows(sim, "/interface/bridge/port", router=1)}["wlan1"] == "bridge"


def test_cafe_guests_reach_the_internet_dns_and_dhcp_only(converged):
    sim, first = converged[0], converged[3]
    assert first.rc == 0, first.output
    cases = guest_isolation.expectations(sim, 1)
    assert len(cases) > 100 and {c[6] for c in cases} == {True, False}
    assert guest_isolation.violations(sim, 1) == []


def test_cafe_snmp_answers_the_monitoring_server_only(converged):
    sim, first = converged[0], converged[3]
    assert first.rc == 0, first.output
    (agent,) = rows(sim, "/snmp", router=1)
    assert agent["enabled"] is True and agent["contact"] == "staff@cafe.lan" and agent["trap-target"] == guest_isolation.MONITOR
    assert str(agent["trap-version"]) == "2"
    communities = dict((c["name"], c) for c in rows(sim, "/snmp/community", router=1))
    assert set(communities) == {"public", "cafe-lab-snmp-7Qx2"} and communities["public"]["disabled"] is True
    assert communities["cafe-lab-snmp-7Qx2"]["addresses"] == guest_isolation.MONITOR + "/32"
    assert communities["cafe-lab-snmp-7Qx2"]["write-access"] is False
    assert guest_isolation.snmp_violations(sim, 1) == []
    # The community never shows in the run's output, diff or snapshot.
    assert "cafe-lab-snmp-7Qx2" not in first.output
    # (The copies of the router's own exports in router-files/ hold it, as every export of the router does.)
    snapshots = [f for f in glob.glob(os.path.join(converged[1], "backups", "cafe", "*")) if os.path.isfile(f)]
    assert snapshots and not any("cafe-lab-snmp-7Qx2" in open(f, errors="replace").read() for f in snapshots)


def test_cafe_snmp_for_the_monitoring_server_depends_on_its_accept_before_the_drop(converged):
    sim = converged[0]
    rule = "soho:monitoring: input: accept SNMP from 192.168.88.20/32"
    before = _move(sim, "/ip/firewall/filter", rule, to_end=True)
    try:
        assert guest_isolation.snmp_verdicts(sim, 1)["monitoring server"] == ("drop", "soho:monitoring: input: drop SNMP from anyone else")
    finally:
        _move(sim, "/ip/firewall/filter", rule, to_end=before if before else True)
    assert guest_isolation.snmp_verdicts(sim, 1)["monitoring server"][0] == "accept"


def _move(sim, path, comment, to_end):
    """Move the rule with ``comment`` to the end of the table (``to_end``), or back before the rule it was before."""
    api = sim.api(1)
    try:
        table = list(api.path(*path.strip("/").split("/")))
        ident = next(r[".id"] for r in table if r.get("comment") == comment)
        tuple(api(path + "/move", numbers=ident, **({} if to_end is True else {"destination": to_end})))
        return next((table[n + 1][".id"] for n, r in enumerate(table[:-1]) if r[".id"] == ident), None)
    finally:
        api.close()


@pytest.mark.parametrize("path,rule,broken", [
    # IPv6 forward chain of the defconf kind accepts ICMPv6 and IPsec from anywhere before its final drop: a guest drop
    # after them lets guests reach LAN hosts.
    ("/ipv6/firewall/filter", "soho:guest: forward: drop from the guest networks to anywhere but the WAN",
     "IPv6 guest -> lan host udp 4500"),
    # The hardening input chain drops everything not from the LAN: the guests' DNS accept must come first.
    ("/ip/firewall/filter", "soho:guest: input: accept DNS over UDP", "IPv4 guest -> router DNS over UDP"),
])
def test_cafe_isolation_depends_on_the_rule_order(converged, path, rule, broken):
    sim, inv, tmp, first = converged
    assert first.rc == 0, first.output
    before = _move(sim, path, rule, to_end=True)
    try:
        found = guest_isolation.violations(sim, 1)
        assert any(line.startswith(broken + ":") for line in found), found
    finally:
        _move(sim, path, rule, to_end=before if before else True)
    assert guest_isolation.violations(sim, 1) == []


def test_second_run_writes_nothing(converged):
    sim, inv, tmp, first = converged
    assert first.rc == 0, first.output
    sim.clear_audit(0)
    sim.clear_audit(1)
    second = site(inv, tmp_path=tmp)
    assert second.rc == 0, second.output
    assert second.recap["home"]["changed"] == 0 and second.recap["cafe"]["changed"] == 0, second.output
    assert writes(sim, 0) == [] and writes(sim, 1) == []


def test_check_diff_after_a_change_writes_nothing(converged):
    sim, inv, tmp, first = converged
    assert first.rc == 0, first.output
    sim.clear_audit(0)
    run = site(inv, "--check", "--diff", "-e", "lan_ipv4_lease_time=30m", "--limit", "home", tmp_path=tmp)
    assert run.rc == 0, run.output
    assert run.recap["home"]["changed"] == 1, run.output
    assert "+++ after: /ip dhcp-server [name=dhcp_server_lan]" in run.output, run.output
    assert "-lease_time: 10m\n+lease_time: 30m" in run.output
    assert "RouterOS commands:\n/ip dhcp-server set [find name=dhcp_server_lan] lease-time=30m" in run.output
    assert writes(sim, 0) == []
    assert rows(sim, "/ip/dhcp-server")[0]["lease-time"] == "10m"


def test_guest_networks_taken_out_leave_nothing_behind(converged):
    sim, inv, tmp, first = converged
    assert first.rc == 0, first.output
    # The guest role removes the IPv6 addresses and router advertisements of the interfaces it removes itself.
    removed = site(inv, "-e", '{"guest_network_networks": []}', "--limit", "cafe", "--tags", "guest", tmp_path=tmp)
    assert removed.rc == 0, removed.output
    for path in ("/interface/vlan", "/interface/bridge", "/interface/bridge/port", "/interface/list", "/interface/list/member",
                 "/ip/address", "/ip/pool", "/ip/dhcp-server", "/ip/dhcp-server/network", "/ip/firewall/filter",
                 "/ipv6/firewall/filter"):
        assert not [r for r in rows(sim, path, router=1) if str(r.get("comment", "")).startswith("soho:guest: ")], path
    assert {i["name"] for i in rows(sim, "/interface", router=1)} & {"guest", "kiosk"} == set()
    assert {a["interface"] for a in rows(sim, "/ipv6/address", router=1, dynamic=False)} == {"bridge"}
    assert {n["interface"] for n in rows(sim, "/ipv6/nd", router=1)} <= {"all", "bridge"}
    sim.clear_audit(1)
    again = site(inv, "-e", '{"guest_network_networks": []}', "--limit", "cafe", tmp_path=tmp)
    assert again.rc == 0, again.output
    # Only the controller snapshot changes (the router changed since the last one, taken before the removal).
    changed = re.findall(r"TASK \[([^\]]+)\][^\n]*\n(?:changed: \[cafe\])", again.output)
    assert changed == ["soho.routeros.backup : Snapshot of the configuration on the controller"], again.output
    assert writes(sim, 1) == []


def test_monitoring_turned_off_takes_its_rules_away(converged):
    sim, inv, tmp, first = converged
    assert first.rc == 0, first.output
    off = site(inv, "-e", '{"monitoring_enabled": false}', "--limit", "cafe", "--tags", "monitoring", tmp_path=tmp)
    assert off.rc == 0, off.output
    for path in ("/ip/firewall/filter", "/ipv6/firewall/filter"):
        assert not [r for r in rows(sim, path, router=1) if str(r.get("comment", "")).startswith("soho:monitoring: ")], path
    sim.clear_audit(1)
    again = site(inv, "-e", '{"monitoring_enabled": false}', "--limit", "cafe", "--tags", "monitoring", tmp_path=tmp)
    assert again.rc == 0 and again.recap["cafe"]["changed"] <= 1, again.output
    assert writes(sim, 1) == []


STATIC_WAN = {"wan_dhcp_mode": "static", "wan_dhcp_static_address": "203.0.113.5/24", "wan_dhcp_static_gateway": "203.0.113.1",
              "wan_dhcp_static_dns_servers": ["203.0.113.53"]}
IPV6_ALLOWED = {"ipv6_pd_enable_package": True, "ipv6_pd_allow_reboot": True}


@pytest.fixture(scope="module")
def variants(routeros_sim_module_factory, tmp_path_factory):
    """One run, six routers: defaults alone (blank), defconf adopted, static WAN over defconf, a WAN that never gets
    an address, and two routers whose ipv6 package is disabled (one allowed to enable it and reboot, one not); then the
    same run again."""
    main = routeros_sim_module_factory("--factory", "blank", routers=4)
    main.reset(1, factory="defconf")
    main.reset(2, factory="defconf")
    api = main.api(3)
    try:
        list(api("/interface/ethernet/set", **{".id": "ether1", "disabled": "yes"}))  # the ISP never answers
    finally:
        api.close()
    no_ipv6 = routeros_sim_module_factory("--factory", "blank", "--ipv6-package", "disabled", routers=2)
    renamed = {"wan_dhcp_interface_name": "wan", "ipv6_pd_wan_interface": "wan"}
    hosts = {
        "office": (0, CONNECTION),
        "adopt": (1, dict(CONNECTION, **renamed)),
        "static": (2, dict(CONNECTION, **STATIC_WAN)),
        "unbound": (3, dict(CONNECTION, wan_dhcp_wait_bound=True, wan_dhcp_wait_timeout=2, wan_dhcp_wait_delay=1)),
        "reboot": ((no_ipv6, 0), dict(CONNECTION, **IPV6_ALLOWED)),
        "refuse": ((no_ipv6, 1), CONNECTION),
    }
    tmp = tmp_path_factory.mktemp("variants")
    inv = inventory(tmp, main, hosts, copy_lab=False)
    first = site(inv, tmp_path=tmp)
    for sim, router in ((main, 0), (main, 1), (main, 2), (no_ipv6, 0), (no_ipv6, 1)):
        sim.clear_audit(router)
    second = site(inv, tmp_path=tmp)
    return {"main": main, "no_ipv6": no_ipv6, "first": first, "second": second}


def test_defaults_alone_give_the_lab_home_office(variants):
    """Nothing in the inventory but connection settings: a factory hAP becomes the lab's home office."""
    sim, run = variants["main"], variants["first"]
    assert run.recap["office"]["failed"] == 0, run.output
    assert [(c["interface"], c["disabled"], c["status"]) for c in rows(sim, "/ip/dhcp-client")] == [("ether1", False, "bound")]
    assert {(m["list"], m["interface"]) for m in rows(sim, "/interface/list/member")} == {("WAN", "ether1"), ("LAN", "bridge")}
    assert sorted(p["interface"] for p in rows(sim, "/interface/bridge/port")) == ["ether2", "ether3", "ether4", "ether5", "wlan1"]
    assert [a["address"] for a in rows(sim, "/ip/address", dynamic=False)] == ["192.168.88.1/24"]
    assert [p["ranges"] for p in rows(sim, "/ip/pool")] == ["192.168.88.10-192.168.88.254"]
    assert [s["disabled"] for s in rows(sim, "/ip/dhcp-server")] == [False]
    assert [n["gateway"] for n in rows(sim, "/ip/dhcp-server/network")] == ["192.168.88.1"]
    assert len(rows(sim, "/ip/firewall/nat", action="masquerade")) == 1
    assert [a["interface"] for a in rows(sim, "/ipv6/address", dynamic=False)] == ["bridge"]


def test_defconf_is_adopted_without_duplicates(variants):
    sim, run = variants["main"], variants["first"]
    assert run.recap["adopt"]["failed"] == 0, run.output
    assert [a["address"] for a in rows(sim, "/ip/address", router=1, dynamic=False)] == ["192.168.88.1/24"]
    assert len(rows(sim, "/ip/pool", router=1)) == 1
    assert [(s["name"], s["interface"], s["disabled"]) for s in rows(sim, "/ip/dhcp-server", router=1)] == [("dhcp_server_lan", "bridge", False)]
    assert len(rows(sim, "/ip/dhcp-server/network", router=1)) == 1
    assert len(rows(sim, "/ip/dhcp-client", router=1)) == 1
    assert len(rows(sim, "/ip/firewall/nat", router=1, action="masquerade")) == 1
    assert len(rows(sim, "/interface/bridge", router=1)) == 1
    assert sorted((m["list"], m["interface"]) for m in rows(sim, "/interface/list/member", router=1)) == [("LAN", "bridge"), ("WAN", "wan")]
    ipv6_rules = [r.get("comment", "") for r in rows(sim, "/ipv6/firewall/filter", router=1)]
    assert len(ipv6_rules) == 27 and all(c.startswith("soho:hardening: ") for c in ipv6_rules), "defconf's taken over, once"
    entries = rows(sim, "/ipv6/firewall/address-list", router=1)
    assert len(entries) == len({(e["list"], e["address"]) for e in entries})


def test_static_wan_replaces_the_dhcp_client(variants):
    sim, run = variants["main"], variants["first"]
    assert run.recap["static"]["failed"] == 0, run.output
    assert rows(sim, "/ip/dhcp-client", router=2) == []
    assert [a["interface"] for a in rows(sim, "/ip/address", router=2, address="203.0.113.5/24")] == ["ether1"]
    assert [r["gateway"] for r in rows(sim, "/ip/route", router=2, **{"dst-address": "0.0.0.0/0", "dynamic": False})] == ["203.0.113.1"]
    assert rows(sim, "/ip/dns", router=2)[0]["servers"] == "203.0.113.53"


def test_wan_that_never_binds_fails_with_a_clear_message(variants):
    run = variants["first"]
    assert run.recap["unbound"]["failed"] == 1
    message = run.message("unbound")
    assert "wan_dhcp_wait_timeout" in message and "ether1 is not bound after 2 s" in message and "searching" in message, message


def test_ipv6_package_enabled_with_an_explicit_reboot(variants):
    sim, run = variants["no_ipv6"], variants["first"]
    assert run.recap["reboot"]["failed"] == 0, run.output
    assert [p["disabled"] for p in rows(sim, "/system/package", router=0, name="ipv6")] == [False]
    assert rows(sim, "/ipv6/dhcp-client", router=0)[0]["status"] == "bound"


def test_disabled_ipv6_package_stops_without_permission(variants):
    sim, run = variants["no_ipv6"], variants["first"]
    assert run.recap["refuse"]["failed"] == 1
    assert "ipv6_pd_enable_package" in run.message("refuse") and "reboot" in run.message("refuse")
    assert [(p["disabled"], p.get("scheduled", "")) for p in rows(sim, "/system/package", router=1, name="ipv6")] == [(True, "")]


def test_second_run_on_every_variant_writes_nothing(variants):
    run = variants["second"]
    for host in ("office", "adopt", "static", "reboot"):
        assert run.recap[host]["changed"] == 0 and run.recap[host]["failed"] == 0, run.output
    for router in range(3):
        assert writes(variants["main"], router) == []
    assert writes(variants["no_ipv6"], 0) == [] and writes(variants["no_ipv6"], 1) == []


def test_check_mode_on_fresh_routers_writes_nothing(routeros_sim_factory, tmp_path):
    sim = routeros_sim_factory("--factory", "blank", "--names", "home,cafe", routers=2)
    no_ipv6 = routeros_sim_factory("--factory", "blank", "--ipv6-package", "disabled", routers=1)
    hosts = dict(LAB_HOSTS, package=((no_ipv6, 0), dict(CONNECTION, **IPV6_ALLOWED)))
    run = site(inventory(tmp_path, sim, hosts), "--check", tmp_path=tmp_path)
    assert run.rc == 0, run.output
    assert all(run.recap[host]["changed"] > 0 for host in hosts)
    assert "The ipv6 package would be enabled" in run.output
    assert writes(sim, 0) == [] and writes(sim, 1) == [] and writes(no_ipv6, 0) == []


# Each host of one run carries one bad variable set; site.yml must stop every host before any write.
INVALID = {
    "cidr_not_cidr": ({"lan_ipv4_cidr": "192.168.88.0"}, "lan_ipv4_cidr", "CIDR"),
    "cidr_host_bits": ({"lan_ipv4_cidr": "192.168.88.1/24"}, "lan_ipv4_cidr", "host bits"),
    "cidr_too_long": ({"lan_ipv4_cidr": "192.168.88.0/31"}, "lan_ipv4_cidr", "out of range"),
    "cidr_bad_length": ({"lan_ipv4_cidr": "192.168.88.0/33"}, "lan_ipv4_cidr", "CIDR"),
    "pool_outside": ({"lan_ipv4_pool_ranges": ["192.168.1.10-192.168.1.20"]}, "lan_ipv4_pool_ranges",
                     "192.168.1.10-192.168.1.20 is outside lan_ipv4_cidr 192.168.88.0/24"),
    "pool_covers_router": ({"lan_ipv4_pool_ranges": ["192.168.88.1-192.168.88.50"]}, "lan_ipv4_pool_ranges", "covers the router"),
    "pool_reversed": ({"lan_ipv4_pool_ranges": ["192.168.88.200-192.168.88.100"]}, "lan_ipv4_pool_ranges", "starts above"),
    "router_outside": ({"lan_ipv4_address": "192.168.89.1"}, "lan_ipv4_address", "not a usable host"),
    "gateway_outside": ({"lan_ipv4_gateway": "10.0.0.1"}, "lan_ipv4_gateway", "outside"),
    "reserved_too_many": ({"lan_ipv4_reserved": 300}, "lan_ipv4_reserved", "no pool"),
    "lease_time": ({"lan_ipv4_lease_time": "ten minutes"}, "lan_ipv4_lease_time", "duration"),
    "guest_overlaps_lan": ({"lan_ipv4_extra_networks": [{"name": "guest", "cidr": "192.168.88.128/25"}]},
                           "lan_ipv4_extra_networks[0].cidr", "overlaps lan_ipv4_cidr"),
    "guest_unknown_key": ({"lan_ipv4_extra_networks": [{"name": "guest", "cidr": "192.168.99.0/24", "vlan": 99}]},
                          "lan_ipv4_extra_networks[0]", "unknown key"),
    "lease_outside": ({"lan_ipv4_static_leases": [{"address": "10.1.1.5", "mac_address": "00:11:22:33:44:55"}]},
                      "lan_ipv4_static_leases[0].address", "none of the networks"),
    "dhcp_dns_bad": ({"lan_ipv4_dhcp_dns_servers": ["999.1.1.1"]}, "lan_ipv4_dhcp_dns_servers", "not a valid IPv4"),
    "wan_mode": ({"wan_dhcp_mode": "pppoa"}, "wan_dhcp_mode", "dhcp, static, pppoe"),
    "wan_pppoe_no_password": ({"wan_dhcp_mode": "pppoe", "wan_dhcp_pppoe_user": "customer-1234"}, "wan_dhcp_pppoe_password",
                              "must not be empty in the pppoe mode"),
    "wan_static_gateway": ({"wan_dhcp_mode": "static", "wan_dhcp_static_address": "203.0.113.5/24", "wan_dhcp_static_gateway": "198.51.100.1"},
                           "wan_dhcp_static_gateway", "outside wan_dhcp_static_address"),
    "wan_static_missing": ({"wan_dhcp_mode": "static"}, "wan_dhcp_static_address", "must be set"),
    "wan_distance": ({"wan_dhcp_default_route_distance": 0}, "wan_dhcp_default_route_distance", "out of range"),
    "wan_default_route": ({"wan_dhcp_add_default_route": "maybe"}, "wan_dhcp_add_default_route", "special-classless"),
    "ipv6_mode": ({"ipv6_pd_mode": "6to4"}, "ipv6_pd_mode", "dhcp, static"),
    "ra_interval_single": ({"ipv6_pd_ra_interval": "10s"}, "ipv6_pd_ra_interval", "MIN-MAX"),
    "ra_interval_reversed": ({"ipv6_pd_ra_interval": "1m-20s"}, "ipv6_pd_ra_interval", "MIN below MAX"),
    "ra_interval_equal": ({"ipv6_pd_ra_interval": "20s-20s"}, "ipv6_pd_ra_interval", "MIN must be below MAX"),
    "pool_prefix_length": ({"ipv6_pd_pool_prefix_length": 72}, "ipv6_pd_pool_prefix_length", "out of range"),
    "prefix_hint": ({"ipv6_pd_prefix_hint": "::/80"}, "ipv6_pd_prefix_hint", "out of range"),
    "lan6_address_length": ({"ipv6_pd_lan_address": "::1/56"}, "ipv6_pd_lan_address", "prefix length"),
    "request_without_prefix": ({"ipv6_pd_request": ["address"]}, "ipv6_pd_request", "prefix"),
    "ipv6_static_no_lan_prefix": ({"ipv6_pd_mode": "static", "ipv6_pd_static_wan_address": "2001:db8:1::2/64",
                                   "ipv6_pd_static_gateway": "fe80::1"}, "ipv6_pd_static_lan_prefix", "must be set"),
    "dns_twice": ({"wan_dhcp_mode": "static", "wan_dhcp_static_address": "203.0.113.5/24", "wan_dhcp_static_gateway": "203.0.113.1",
                   "wan_dhcp_static_dns_servers": ["203.0.113.53"], "lan_ipv4_dns_servers": ["1.1.1.1"]},
                  "lan_ipv4_dns_servers", "wan_dhcp_static_dns_servers"),
    "lease_mac": ({"lan_ipv4_static_leases": [{"address": "192.168.88.5", "mac_address": "00:11:22"}]},
                  "lan_ipv4_static_leases[0].mac_address", "not a MAC address"),
}


@pytest.fixture(scope="module")
def invalid_run(routeros_sim_module_factory, tmp_path_factory):
    sim = routeros_sim_module_factory("--factory", "blank", routers=1)
    tmp = tmp_path_factory.mktemp("invalid")
    hosts = {name: (0, case[0]) for name, case in INVALID.items()}
    run = site(inventory(tmp, sim, hosts, copy_lab=False), tmp_path=tmp)
    return sim, run


@pytest.mark.parametrize("case", sorted(INVALID))
def test_invalid_variables_fail_before_any_write(invalid_run, case):
    sim, run = invalid_run
    variable, words = INVALID[case][1:]
    assert run.rc != 0
    assert run.recap[case]["failed"] == 1 and run.recap[case]["changed"] == 0, run.output
    message = run.message(case)
    assert variable in message and words in message, message
    assert writes(sim, 0) == []


def test_example_inventory_decrypts_and_validates(tmp_path):
    """The example inventory's vault opens with the password its README gives, and its variables pass validation."""
    password = tmp_path / "vault-pass"
    password.write_text("example-only-vault-password\n")
    run = site(os.path.join(ROOT, "inventories", "example"), "--tags", "validate", "--vault-password-file", str(password),
               tmp_path=tmp_path)
    assert run.rc == 0, run.output
    assert set(run.recap) == {"home-gw", "cafe-gw", "cafe-dsl"}
    assert all(r["failed"] == 0 and r["changed"] == 0 for r in run.recap.values())


def test_site_runs_by_its_collection_name(tmp_path):
    """`ansible-playbook soho.routeros.site` finds the playbook in the collection's playbooks/ directory."""
    env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, "ansible.cfg"))
    env.setdefault("ANSIBLE_COLLECTIONS_PATH", os.path.join(ROOT, ".collections"))
    proc = subprocess.run([os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), "-i", os.path.join(ROOT, "inventories", "lab"),
                           "soho.routeros.site", "--syntax-check"], capture_output=True, text=True, env=env, cwd=str(tmp_path), check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "playbooks/site.yml" in proc.stdout


@pytest.mark.parametrize("extra, failed_on", [
    ({"backup_time": "25:00"}, "backup_time: '25:00' must be a time of day HH:MM:SS"),
    ({"hardening_rollback_delay": "soon", "routeros_hardening": False}, None),
    ({"hardening_rollback_delay": "soon"}, "hardening_rollback_delay"),
    # One role's variable against another's, with no router read.
    ({"wan_dhcp_mode": "static", "wan_dhcp_static_address": "192.168.88.200/24", "wan_dhcp_static_gateway": "192.168.88.254"},
     "lan_ipv4_cidr: 192.168.88.0/24 overlaps wan_dhcp_static_address"),
])
def test_variable_check_covers_every_role_of_the_play_and_hardening_only_when_it_runs(tmp_path, extra, failed_on):
    """`--tags validate` runs the validate entry point of each role site.yml lists, offline."""
    run = site(os.path.join(ROOT, "inventories", "lab"), "--tags", "validate", "--limit", "home", "-e", json.dumps(extra),
               tmp_path=tmp_path)
    if failed_on is None:
        assert run.rc == 0, run.output
    else:
        assert run.rc != 0 and run.recap["home"]["changed"] == 0
        assert failed_on in run.message("home"), run.output
