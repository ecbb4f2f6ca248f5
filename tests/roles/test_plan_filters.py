"""The plan filters (plugins/filter/plan.py) on their own: what they derive from the role variables, which values they
refuse (naming the variable), and the MikroTik default rules and lists the ipv6_pd and hardening roles share."""

from __future__ import annotations

import os

import pytest
import yaml

from ansible_collections.soho.routeros.plugins.filter.hardening_plan import hardening_plan
from ansible_collections.soho.routeros.plugins.filter.plan import ipv6_plan, lan_plan, wan_plan
from roles_helpers import ROOT

ROLES = ("wan_dhcp", "lan_ipv4", "ipv6_pd")


def defaults(role):
    with open(os.path.join(ROOT, "roles", role, "defaults", "main.yml")) as handle:
        return yaml.safe_load(handle)


def spec(role, entry="main"):
    with open(os.path.join(ROOT, "roles", role, "meta", "argument_specs.yml")) as handle:
        return yaml.safe_load(handle)["argument_specs"][entry]["options"]


@pytest.mark.parametrize("role", ROLES)
def test_settings_hand_every_role_variable_to_the_filter(role):
    with open(os.path.join(ROOT, "roles", role, "vars", "main.yml")) as handle:
        settings = yaml.safe_load(handle)[role + "_settings"]
    assert set(settings) == set(spec(role))


def test_lan_defaults_give_the_lab_home_office():
    plan = lan_plan(defaults("lan_ipv4"))
    assert plan["errors"] == []
    assert plan["ip_address"] == [{"address": "192.168.88.1/24", "interface": "bridge", "comment": "LAN"}]
    assert plan["ip_pool"][0]["ranges"] == ["192.168.88.10-192.168.88.254"]
    assert plan["ip_dhcp_server"][0]["lease_time"] == "10m" and plan["ip_dhcp_server"][0]["disabled"] is False
    assert plan["ip_dhcp_server_network"] == [{"address": "192.168.88.0/24", "gateway": ["192.168.88.1"],
                                               "dns_server": ["192.168.88.1"], "comment": "LAN"}]
    assert plan["ip_firewall_nat"][0]["out_interface_list"] == "WAN"
    assert [p["interface"] for p in plan["bridge_ports"]] == ["ether2", "ether3", "ether4", "ether5", "wlan1"]


def test_lan_address_and_pool_follow_the_cidr():
    plan = lan_plan(dict(defaults("lan_ipv4"), lan_ipv4_cidr="10.20.0.0/23", lan_ipv4_reserved=20))
    assert plan["errors"] == []
    assert plan["ip_address"][0]["address"] == "10.20.0.1/23"
    assert plan["ip_pool"][0]["ranges"] == ["10.20.0.22-10.20.1.254"]


def test_lan_refuses_absent_ports_unless_told_to_skip_them():
    existing = {"interfaces": ["ether1", "ether2", "ether3", "bridge"]}
    errors = lan_plan(dict(defaults("lan_ipv4"), lan_ipv4_bridge_ports=["ether2", "ehter3"]), existing=existing)["errors"]
    assert errors == ["lan_ipv4_bridge_ports: ehter3 is not an interface of this router; did you mean ether3? "
                      "(lan_ipv4_skip_absent_ports: true skips absent ports, for one inventory shared by several router models)"]
    extra = [{"name": "office", "cidr": "192.168.99.0/24", "interface": "vlan99", "bridge": False}]
    errors = lan_plan(dict(defaults("lan_ipv4"), lan_ipv4_skip_absent_ports=True, lan_ipv4_extra_networks=extra), existing=existing)["errors"]
    assert [e.split(":")[0] for e in errors] == ["lan_ipv4_extra_networks[0].interface"]


def test_lan_skips_missing_ports_when_told_and_takes_over_the_defconf_server_and_nat():
    existing = {
        "interfaces": ["ether1", "ether2", "ether3", "bridge"],
        "ip_dhcp_server": [{"name": "defconf", "interface": "bridge", "address_pool": "dhcp", "comment": "defconf"}],
        "ip_firewall_nat": [{"chain": "srcnat", "action": "masquerade", "out_interface_list": "WAN", "comment": "defconf: masquerade"}],
    }
    plan = lan_plan(dict(defaults("lan_ipv4"), lan_ipv4_skip_absent_ports=True), existing=existing)
    assert plan["errors"] == []
    assert [p["interface"] for p in plan["bridge_ports"]] == ["ether2", "ether3"]
    # The defconf server is renamed to the role's name; its pool too, once the pools the router has are known.
    assert plan["ip_dhcp_server"][0]["name"] == "dhcp_server_lan" and plan["ip_pool"][0]["name"] == "dhcp"
    assert plan["ip_dhcp_server_renamed"] == {"name": {"defconf": "dhcp_server_lan"}}
    assert plan["ip_dhcp_server_lease_renamed"] == {"server": {"defconf": "dhcp_server_lan"}}
    with_pools = lan_plan(dict(defaults("lan_ipv4"), lan_ipv4_skip_absent_ports=True), existing=dict(existing, ip_pool=[{"name": "dhcp"}]))
    assert with_pools["ip_pool"][0]["name"] == "dhcp_pool_lan" and with_pools["ip_pool_renamed"] == {"name": {"dhcp": "dhcp_pool_lan"}}
    assert with_pools["ip_dhcp_server_renamed"] == {"name": {"defconf": "dhcp_server_lan"}, "address_pool": {"dhcp": "dhcp_pool_lan"}}
    # A pool or server that has the role's name already keeps the adopted names (no rename onto a taken name).
    taken = lan_plan(dict(defaults("lan_ipv4"), lan_ipv4_skip_absent_ports=True),
                     existing=dict(existing, ip_pool=[{"name": "dhcp"}, {"name": "dhcp_pool_lan"}],
                                   ip_dhcp_server=existing["ip_dhcp_server"] + [{"name": "dhcp_server_lan", "interface": "ether9"}]))
    assert taken["ip_dhcp_server"][0]["name"] == "defconf" and taken["ip_pool"][0]["name"] == "dhcp"
    assert taken["ip_dhcp_server_renamed"] == {} and taken["ip_pool_renamed"] == {}
    # A server made by hand keeps its name and its pool's.
    hand = lan_plan(dict(defaults("lan_ipv4"), lan_ipv4_skip_absent_ports=True),
                    existing=dict(existing, ip_pool=[{"name": "office"}],
                                  ip_dhcp_server=[{"name": "office_dhcp", "interface": "bridge", "address_pool": "office"}]))
    assert (hand["ip_dhcp_server"][0]["name"], hand["ip_pool"][0]["name"]) == ("office_dhcp", "office")
    assert hand["ip_dhcp_server_renamed"] == {} and hand["ip_pool_renamed"] == {}
    # defconf's masquerade gives way to the role's, tagged with the role's comment: one masquerade, which the role owns.
    assert plan["ip_firewall_nat"][0]["comment"] == "soho.routeros: masquerade LAN to WAN"
    assert plan["ip_firewall_nat_stale"] == existing["ip_firewall_nat"]
    assert set(p["comment"] for p in plan["bridge_ports"] + plan["interface_list_members"] + plan["interface_lists"]) == {"LAN"}


def test_lan_replaces_a_masquerade_made_by_hand_out_of_a_wan_port():
    # wan is in the WAN list; ether1 is the port the WAN role puts there in this run (wan_ports).
    hand = [{"chain": "srcnat", "action": "masquerade", "out_interface": "wan", "comment": "NAT for LAN to WAN IPv4", "bytes": 9},
            {"chain": "srcnat", "action": "masquerade", "out_interface": "ether1", "src_address": "192.168.88.0/24"}]
    other = [{"chain": "srcnat", "action": "masquerade", "out_interface": "wan", "disabled": True, "comment": "old, off"},
             {"chain": "srcnat", "action": "masquerade", "out_interface": "ether5", "comment": "to the lab"},
             {"chain": "srcnat", "action": "src-nat", "out_interface": "wan", "to_addresses": "192.0.2.1", "comment": "fixed"}]
    existing = {"interfaces": ["ether1", "ether2", "ether5", "wan", "bridge"], "ip_firewall_nat": hand + other,
                "interface_list_member": [{"list": "WAN", "interface": "wan"}], "wan_ports": ["ether1"]}
    plan = lan_plan(defaults("lan_ipv4"), existing=existing)
    assert plan["ip_firewall_nat"][0]["comment"] == "soho.routeros: masquerade LAN to WAN"
    assert plan["ip_firewall_nat_stale"] == [dict((k, v) for k, v in r.items() if k != "bytes") for r in hand]
    assert lan_plan(dict(defaults("lan_ipv4"), lan_ipv4_nat=False), existing=existing)["ip_firewall_nat_stale"] == []


def test_ipv6_removes_addresses_and_ra_on_ports_of_a_lan_bridge():
    on_port = {"address": "2001:db8:100::1/64", "from_pool": "ipv6_pool_lan", "interface": "lan", "advertise": True,
               "comment": "LAN IPv6 Address from Delegated Prefix"}
    existing = {
        "ipv6_address": [on_port, {"address": "fe80::1/64", "interface": "lan", "dynamic": True},
                         {"address": "2001:db8:9::1/64", "interface": "ether7"}],
        "ipv6_nd": [{"interface": "all", "disabled": True}, {"interface": "lan", "ra_interval": "3s-10s"},
                    {"interface": "ether3"}, {"interface": "ether7"}],
        # lan is a port of the bridge on the router; ether3 becomes one in this run (the LAN role's plan).
        "bridge_port": [{"interface": "lan", "bridge": "bridge"}, {"interface": "ether7", "bridge": "lab"}],
        "bridge_ports_planned": [{"interface": "ether3", "bridge": "bridge", "comment": "LAN"}],
    }
    plan = ipv6_plan(defaults("ipv6_pd"), existing=existing)
    assert plan["errors"] == []
    assert plan["ipv6_address_stale"] == [on_port]
    assert plan["ipv6_nd_stale"] == [{"interface": "lan"}, {"interface": "ether3"}]
    assert ipv6_plan(defaults("ipv6_pd"))["ipv6_address_stale"] == []


def test_lan_takes_over_a_masquerade_made_by_hand_in_place():
    hand = {"chain": "srcnat", "action": "masquerade", "out_interface_list": "WAN", "comment": "NAT for the office"}
    plan = lan_plan(defaults("lan_ipv4"), existing={"interfaces": ["ether1", "ether2", "bridge"], "ip_firewall_nat": [hand]})
    assert plan["ip_firewall_nat"][0]["comment"] == "NAT for the office" and plan["ip_firewall_nat_stale"] == []


def test_static_wan_gets_address_route_and_dns_instead_of_a_dhcp_client():
    plan = wan_plan(dict(defaults("wan_dhcp"), wan_dhcp_mode="static", wan_dhcp_interface_name="wan",
                         wan_dhcp_static_address="203.0.113.5/24", wan_dhcp_static_gateway="203.0.113.1",
                         wan_dhcp_static_dns_servers=["203.0.113.53"]))
    assert plan["errors"] == []
    assert plan["ip_dhcp_client"] == []
    assert plan["ip_address"] == [{"address": "203.0.113.5/24", "interface": "wan", "comment": "WAN"}]
    assert plan["ip_route"][0]["dst_address"] == "0.0.0.0/0" and plan["ip_route"][0]["gateway"] == "203.0.113.1"
    assert plan["ip_dns"] == {"servers": ["203.0.113.53"]}
    assert plan["interface_ethernet"] == [{"default_name": "ether1", "name": "wan", "comment": "WAN"}]


def test_wan_dhcp_client_is_sent_enabled_with_routeros_words():
    plan = wan_plan(dict(defaults("wan_dhcp"), wan_dhcp_add_default_route=False, wan_dhcp_wait_bound=True))
    assert plan["errors"] == []
    client = plan["ip_dhcp_client"][0]
    assert client["disabled"] is False and client["add_default_route"] == "no"
    assert plan["wait_retries"] == 30


PPPOE = {"wan_dhcp_mode": "pppoe", "wan_dhcp_pppoe_user": "customer-1234@isp.example", "wan_dhcp_pppoe_password": "Dsl-Secret-7x!"}
ETHERNET = [{"default_name": "ether1", "name": "ether1"}, {"default_name": "ether2", "name": "ether2"}]


def test_pppoe_wan_dials_over_the_port_and_puts_both_in_the_wan_list():
    plan = wan_plan(dict(defaults("wan_dhcp"), **PPPOE, wan_dhcp_wait_bound=True), existing={"interface_ethernet": ETHERNET})
    assert plan["errors"] == []
    assert plan["interface_pppoe_client"] == [{
        "name": "pppoe-out1", "interface": "ether1", "user": "customer-1234@isp.example", "password": "Dsl-Secret-7x!",
        "service_name": "", "add_default_route": True, "default_route_distance": 1, "use_peer_dns": True,
        "max_mtu": "auto", "max_mru": "auto", "disabled": False, "comment": "WAN"}]
    assert [m["interface"] for m in plan["interface_list_member"]] == ["ether1", "pppoe-out1"]
    assert plan["interfaces"] == ["ether1", "pppoe-out1"] and plan["pppoe_interface"] == "pppoe-out1"
    assert plan["ip_dhcp_client"] == [] and plan["wait_retries"] == 30


@pytest.mark.parametrize("variables, message", [
    ({"wan_dhcp_pppoe_password": ""}, "wan_dhcp_pppoe_password: must not be empty in the pppoe mode"),
    ({"wan_dhcp_pppoe_user": " "}, "wan_dhcp_pppoe_user: must not be empty"),
    ({"wan_dhcp_add_default_route": "special-classless"}, "wan_dhcp_add_default_route: special-classless is for the DHCP mode"),
    ({"wan_dhcp_pppoe_mtu": 1500}, "wan_dhcp_pppoe_mtu:"),
    ({"wan_dhcp_pppoe_interface_name": "ether2"}, "wan_dhcp_pppoe_interface_name: ether2 is the name of an ethernet port"),
])
def test_pppoe_wan_mistakes_name_the_variable_and_never_the_password(variables, message):
    plan = wan_plan(dict(defaults("wan_dhcp"), **dict(PPPOE, **variables)), existing={"interface_ethernet": ETHERNET})
    assert any(e.startswith(message) for e in plan["errors"]), plan["errors"]
    assert all("Dsl-Secret-7x!" not in e for e in plan["errors"])


def test_pppoe_client_made_by_hand_on_the_wan_port_is_taken_over_under_the_role_name():
    clients = [{"name": "pppoe-isp", "interface": "wan", "comment": ""}]
    ethernet = [{"default_name": "ether1", "name": "wan"}]
    plan = wan_plan(dict(defaults("wan_dhcp"), **PPPOE), existing={"interface_ethernet": ethernet, "interface_pppoe_client": clients})
    assert plan["errors"] == [] and plan["interface_pppoe_client"][0]["interface"] == "wan"
    assert plan["pppoe_renamed"] == {"name": {"pppoe-isp": "pppoe-out1"}}
    assert plan["member_renamed"] == {"interface": {"pppoe-isp": "pppoe-out1"}}
    # One already under the role's name is the role's: nothing else is taken over.
    clients.append({"name": "pppoe-out1", "interface": "wan"})
    plan = wan_plan(dict(defaults("wan_dhcp"), **PPPOE), existing={"interface_ethernet": ethernet, "interface_pppoe_client": clients})
    assert plan["pppoe_renamed"] == {}


def test_dhcp_wan_removes_the_pppoe_client_the_role_made_and_keeps_one_made_by_hand():
    clients = [{"name": "pppoe-out1", "interface": "ether1", "comment": "WAN"},
               {"name": "pppoe-lab", "interface": "ether1", "comment": "test line"},
               {"name": "pppoe-out2", "interface": "ether2", "comment": "WAN"}]
    plan = wan_plan(defaults("wan_dhcp"), existing={"interface_ethernet": ETHERNET, "interface_pppoe_client": clients})
    assert plan["interface_pppoe_client_stale"] == [{"name": "pppoe-out1"}]
    assert plan["interface_list_member_stale"] == [{"list": "WAN", "interface": "pppoe-out1"}]


def test_ipv6_on_a_pppoe_wan_runs_over_the_pppoe_interface_and_moves_the_old_client():
    old = {"interface": "ether1", "request": ["prefix"], "pool_name": "ipv6-pd"}
    existing = {"interface_ethernet": ETHERNET, "ipv6_dhcp_client": [old],
                "pppoe_planned": [{"name": "pppoe-out1", "interface": "ether1"}]}
    plan = ipv6_plan(dict(defaults("ipv6_pd"), ipv6_pd_pool_name="ipv6-pd"), existing=existing)
    assert plan["errors"] == []
    assert [c["interface"] for c in plan["ipv6_dhcp_client"]] == ["pppoe-out1"]
    assert plan["ipv6_dhcp_client_stale"] == [{"interface": "ether1", "request": ["prefix"]}]
    disabled = {"interface_ethernet": ETHERNET,
                "interface_pppoe_client": [{"name": "pppoe-out1", "interface": "ether1", "disabled": True}]}
    assert [c["interface"] for c in ipv6_plan(defaults("ipv6_pd"), existing=disabled)["ipv6_dhcp_client"]] == ["ether1"]


def test_ipv6_defaults_request_a_prefix_with_pool_prefix_length_and_an_ra_range():
    plan = ipv6_plan(defaults("ipv6_pd"))
    assert plan["errors"] == []
    client = plan["ipv6_dhcp_client"][0]
    assert client["request"] == ["prefix"] and client["pool_prefix_length"] == 64 and "pool_length" not in client
    assert plan["ipv6_nd"][0]["ra_interval"] == "20s-1m"
    assert len(plan["ipv6_firewall_filter"]) == 22
    assert not [r for r in plan["ipv6_firewall_filter"] if r.get("src_address", "").startswith("2001:")]
    plan = ipv6_plan(dict(defaults("ipv6_pd"), ipv6_pd_lan_eui_64=True))
    assert plan["ipv6_address"][0]["address"] == "::/64" and plan["ipv6_address"][0]["eui_64"] is True


def test_ipv6_adopts_defconf_rules_only_when_it_has_none_of_its_own():
    defconf = {"ipv6_firewall_filter": [{"comment": "defconf: drop invalid"}]}
    assert ipv6_plan(defaults("ipv6_pd"), existing=defconf)["firewall_comment_prefix"] == "defconf: "
    both = {"ipv6_firewall_filter": [{"comment": "defconf: drop invalid"}, {"comment": "soho.routeros: drop invalid"}]}
    assert ipv6_plan(defaults("ipv6_pd"), existing=both)["firewall_comment_prefix"] == "soho.routeros: "


def test_ipv6_static_plan_gives_each_lan_its_subnet():
    plan = ipv6_plan(dict(defaults("ipv6_pd"), ipv6_pd_mode="static", ipv6_pd_lan_interfaces=["bridge", "guest"],
                          ipv6_pd_static_wan_address="2001:db8:1::2/64", ipv6_pd_static_gateway="fe80::1",
                          ipv6_pd_static_lan_prefix="2001:db8:2::/63"))
    assert plan["errors"] == []
    assert [a["address"] for a in plan["ipv6_address"]] == ["2001:db8:1::2/64", "2001:db8:2::1/64", "2001:db8:2:1::1/64"]
    assert plan["ipv6_route"][0]["gateway"] == "fe80::1%ether1"
    short = ipv6_plan(dict(defaults("ipv6_pd"), ipv6_pd_mode="static", ipv6_pd_lan_interfaces=["bridge", "guest"],
                           ipv6_pd_static_wan_address="2001:db8:1::2/64", ipv6_pd_static_gateway="2001:db8:1::1",
                           ipv6_pd_static_lan_prefix="2001:db8:2::/64"))
    assert [e for e in short["errors"] if e.startswith("ipv6_pd_static_lan_prefix:")]


@pytest.mark.parametrize("changes, variable", [
    ({"lan_ipv4_extra_networks": [{"name": "guest", "cidr": "192.168.99.0/24", "interface": "bridge"}]}, "lan_ipv4_extra_networks[0].interface"),
    ({"lan_ipv4_extra_networks": [{"name": "guest", "cidr": "192.168.99.0/24", "bridge_ports": ["ether2"]}]},
     "lan_ipv4_extra_networks[0].bridge_ports"),
    ({"lan_ipv4_extra_networks": [{"name": "lan", "cidr": "192.168.99.0/24"}]}, "lan_ipv4_extra_networks[0].name"),
    ({"lan_ipv4_pool_ranges": ["192.168.88.10-192.168.88.100", "192.168.88.50-192.168.88.150"]}, "lan_ipv4_pool_ranges"),
    ({"lan_ipv4_pool_ranges": ["192.168.88.10-192.168.88.255"]}, "lan_ipv4_pool_ranges"),
    ({"lan_ipv4_static_leases": [{"address": "192.168.88.1", "mac_address": "00:11:22:33:44:55"}]}, "lan_ipv4_static_leases[0].address"),
    ({"lan_ipv4_bridge": False}, "lan_ipv4_bridge_ports"),
])
def test_lan_errors_name_the_variable(changes, variable):
    errors = lan_plan(dict(defaults("lan_ipv4"), **changes))["errors"]
    assert errors and errors[0].startswith(variable + ":"), errors


@pytest.mark.parametrize("changes, variable", [
    ({"ipv6_pd_lan_interfaces": ["bridge", "ether1"]}, "ipv6_pd_lan_interfaces"),
    ({"ipv6_pd_lan_interfaces": []}, "ipv6_pd_lan_interfaces"),
    ({"ipv6_pd_lan_address": "::/64"}, "ipv6_pd_lan_address"),
    ({"ipv6_pd_prefix_hint": "2001:db8::1/56"}, "ipv6_pd_prefix_hint"),
    ({"ipv6_pd_ra_interval": "2s-1m"}, "ipv6_pd_ra_interval"),
    ({"ipv6_pd_ra_lifetime": "forever"}, "ipv6_pd_ra_lifetime"),
    ({"ipv6_pd_firewall_comment_prefix": " "}, "ipv6_pd_firewall_comment_prefix"),
    ({"ipv6_pd_mode": "static", "ipv6_pd_static_wan_address": "2001:db8:1::2/64", "ipv6_pd_static_gateway": "2001:db8:9::1",
      "ipv6_pd_static_lan_prefix": "2001:db8:2::/64"}, "ipv6_pd_static_gateway"),
])
def test_ipv6_errors_name_the_variable(changes, variable):
    errors = ipv6_plan(dict(defaults("ipv6_pd"), **changes))["errors"]
    assert errors and errors[0].startswith(variable + ":"), errors


def test_lan_refuses_wan_ports_and_the_wan_network():
    existing = {
        "interfaces": ["ether1", "ether2", "ether3", "ether4", "ether5", "wlan1"],
        "interface_list_member": [{"list": "WAN", "interface": "ether1"}],
        "addresses": [{"address": "192.168.88.23/24", "interface": "ether1", "dynamic": True},
                      {"address": "192.168.88.1/24", "interface": "bridge", "dynamic": False}],
    }
    errors = lan_plan(dict(defaults("lan_ipv4"), lan_ipv4_bridge_ports=["ether1", "ether2"]), existing=existing)["errors"]
    assert "lan_ipv4_bridge_ports: ether1 is in the WAN interface list" in errors
    assert "lan_ipv4_cidr: 192.168.88.0/24 overlaps the WAN address 192.168.88.23/24 on ether1; choose another network" in errors
    assert lan_plan(dict(defaults("lan_ipv4"), lan_ipv4_cidr="192.168.50.0/24"), existing=existing)["errors"] == []


HARDENING = {"routeros_api_tls": False, "hardening_controller_user": "admin"}
HARDENING_EXISTING = {"ip_service": [], "ip_firewall_address_list": [], "ipv6_firewall_address_list": []}


def without_prefix(rules, prefix):
    return [dict(r, comment=r["comment"][len(prefix):]) for r in rules]


def test_ipv6_pd_and_hardening_send_one_defconf_ipv6_rule_set():
    """Both roles write MikroTik's default IPv6 rules with the same matches and comment texts; hardening adds its
    management and brute-force rules before the input chain's final drop, and names the chain in each comment."""
    pd = without_prefix(ipv6_plan(defaults("ipv6_pd"))["ipv6_firewall_filter"], "soho.routeros: ")
    plan = hardening_plan(dict(defaults("hardening"), **HARDENING), existing=HARDENING_EXISTING)
    hardened = [dict(r, comment=r["comment"].split(": ", 1)[1])
                for r in without_prefix(plan["ipv6_firewall_filter"], "soho:hardening: ")]
    assert all(r["comment"].startswith("soho:hardening: %s: " % r["chain"]) for r in plan["ipv6_firewall_filter"])
    own = [r for r in hardened if r not in pd]
    assert [r for r in hardened if r not in own] == pd
    assert {r["chain"] for r in own} == {"input"} and len(own) == 5
    assert hardened.index(own[-1]) == len([r for r in hardened if r["chain"] == "input"]) - 2, "before the final drop"


def test_ipv6_pd_and_hardening_fill_bad_ipv6_from_one_list():
    pd = ipv6_plan(defaults("ipv6_pd"))["ipv6_firewall_address_list"]
    plan = hardening_plan(dict(defaults("hardening"), **HARDENING), existing=HARDENING_EXISTING)
    hardened = [e for e in plan["ipv6_firewall_address_list"] if e["list"] == "bad_ipv6"]
    assert [(e["address"], e["comment"][len("soho.routeros: "):]) for e in pd] == \
        [(e["address"], e["comment"][len("soho:hardening: "):]) for e in hardened]
    assert ("2001:db8::/32", "soho.routeros: documentation") in [(e["address"], e["comment"]) for e in pd]
    lab = hardening_plan(dict(defaults("hardening"), hardening_ipv6_bogon_exceptions=["2001:db8::/32"], **HARDENING),
                         existing=HARDENING_EXISTING)
    kept = [e["address"] for e in lab["ipv6_firewall_address_list"] if e["list"] == "bad_ipv6"]
    assert kept == [e["address"] for e in pd if e["address"] != "2001:db8::/32"]


def test_bogon_exception_outside_the_bad_ipv6_list_is_refused():
    errors = hardening_plan(dict(defaults("hardening"), hardening_ipv6_bogon_exceptions=["2001:db8:1::/48"], **HARDENING))["errors"]
    assert errors == ["hardening_ipv6_bogon_exceptions[0]: 2001:db8:1::/48 is not in the bad_ipv6 list (::/128, ::1/128, "
                      "fec0::/10, ::ffff:0.0.0.0/96, ::/96, 100::/64, 2001:db8::/32, 2001:10::/28, 3ffe::/16)"]


def test_static_lease_mac_with_dashes_is_sent_as_routeros_prints_it():
    """A MAC address is read by netaddr as the modules read it: colons or dashes, any case."""
    lease = {"address": "192.168.88.5", "mac_address": "dc-a6-32-00-00-01"}
    plan = lan_plan(dict(defaults("lan_ipv4"), lan_ipv4_static_leases=[lease]))
    assert plan["errors"] == []
    assert plan["ip_dhcp_server_lease"][0]["mac_address"] == "DC:A6:32:00:00:01"


@pytest.mark.parametrize("mac", ["00:11:22", "DCA6.3200.0001", "dca632000001", "00:11:22:33:44:55:66", 5])
def test_static_lease_mac_in_a_form_routeros_does_not_take_is_refused(mac):
    lease = {"address": "192.168.88.5", "mac_address": mac}
    errors = lan_plan(dict(defaults("lan_ipv4"), lan_ipv4_static_leases=[lease]))["errors"]
    assert errors == ["lan_ipv4_static_leases[0].mac_address: %r is not a MAC address (example: 00:11:22:33:44:55)" % (mac,)]


def test_two_leases_with_one_mac_in_two_spellings_are_refused():
    leases = [{"address": "192.168.88.5", "mac_address": "00:11:22:aa:bb:cc"},
              {"address": "192.168.88.6", "mac_address": "00-11-22-AA-BB-CC"}]
    errors = lan_plan(dict(defaults("lan_ipv4"), lan_ipv4_static_leases=leases))["errors"]
    assert errors == ["lan_ipv4_static_leases[1]: 192.168.88.6 / 00:11:22:AA:BB:CC is already leased"]


def test_the_ipv6_firewall_has_one_owner_and_its_switch_is_still_checked_when_hardening_owns_it():
    assert ipv6_plan(defaults("ipv6_pd"))["ipv6_firewall_filter"]
    owned = ipv6_plan(defaults("ipv6_pd"), firewall_by_hardening=True)
    assert not owned["firewall"] and owned["ipv6_firewall_filter"] == [] and owned["ipv6_firewall_address_list"] == []
    errors = ipv6_plan(dict(defaults("ipv6_pd"), ipv6_pd_firewall="sometimes"), firewall_by_hardening=True)["errors"]
    assert [e.split(":")[0] for e in errors] == ["ipv6_pd_firewall"]
