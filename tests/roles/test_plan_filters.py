"""The plan filters (plugins/filter/plan.py) on their own, and the role documentation that feeds them."""

from __future__ import annotations

import os

import pytest
import yaml

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
def test_defaults_and_argument_specs_agree(role):
    assert spec(role) == spec(role, "validate")
    assert set(defaults(role)) == set(spec(role)), "every variable is in both files"
    for name, option in spec(role).items():
        assert name.startswith(role + "_")
        assert defaults(role)[name] == option["default"], name
        description = option["description"]
        assert description and (isinstance(description, str) or all(description))


@pytest.mark.parametrize("role", ROLES)
def test_settings_pass_every_variable(role):
    with open(os.path.join(ROOT, "roles", role, "vars", "main.yml")) as handle:
        settings = yaml.safe_load(handle)[role + "_settings"]
    assert set(settings) == set(spec(role))


def test_defaults_give_the_lab_home_office():
    plan = lan_plan(defaults("lan_ipv4"))
    assert plan["errors"] == []
    assert plan["ip_address"] == [{"address": "192.168.88.1/24", "interface": "bridge", "comment": "LAN"}]
    assert plan["ip_pool"][0]["ranges"] == ["192.168.88.10-192.168.88.254"]
    assert plan["ip_dhcp_server"][0]["lease_time"] == "10m" and plan["ip_dhcp_server"][0]["disabled"] is False
    assert plan["ip_dhcp_server_network"] == [{"address": "192.168.88.0/24", "gateway": ["192.168.88.1"],
                                               "dns_server": ["192.168.88.1"], "comment": "LAN"}]
    assert plan["ip_firewall_nat"][0]["out_interface_list"] == "WAN"
    assert [p["interface"] for p in plan["bridge_ports"]] == ["ether2", "ether3", "ether4", "ether5", "wlan1"]


def test_derivation_follows_the_cidr():
    plan = lan_plan(dict(defaults("lan_ipv4"), lan_ipv4_cidr="10.20.0.0/23", lan_ipv4_reserved=20))
    assert plan["errors"] == []
    assert plan["ip_address"][0]["address"] == "10.20.0.1/23"
    assert plan["ip_pool"][0]["ranges"] == ["10.20.0.22-10.20.1.254"]


def test_existing_router_narrows_ports_and_adopts_defconf():
    existing = {
        "interfaces": ["ether1", "ether2", "ether3", "bridge"],
        "ip_dhcp_server": [{"name": "defconf", "interface": "bridge", "address_pool": "dhcp"}],
        "ip_firewall_nat": [{"chain": "srcnat", "action": "masquerade", "out_interface_list": "WAN", "comment": "defconf: masquerade"}],
    }
    plan = lan_plan(defaults("lan_ipv4"), existing=existing)
    assert [p["interface"] for p in plan["bridge_ports"]] == ["ether2", "ether3"]
    assert plan["ip_dhcp_server"][0]["name"] == "defconf" and plan["ip_pool"][0]["name"] == "dhcp"
    assert plan["ip_dhcp_server"][0]["address_pool"] == "dhcp"
    assert plan["ip_firewall_nat"][0]["comment"] == "defconf: masquerade"


def test_wan_static_plan():
    plan = wan_plan(dict(defaults("wan_dhcp"), wan_dhcp_mode="static", wan_dhcp_interface_name="wan",
                         wan_dhcp_static_address="203.0.113.5/24", wan_dhcp_static_gateway="203.0.113.1",
                         wan_dhcp_static_dns_servers=["203.0.113.53"]))
    assert plan["errors"] == []
    assert plan["ip_dhcp_client"] == []
    assert plan["ip_address"] == [{"address": "203.0.113.5/24", "interface": "wan", "comment": "WAN"}]
    assert plan["ip_route"][0]["dst_address"] == "0.0.0.0/0" and plan["ip_route"][0]["gateway"] == "203.0.113.1"
    assert plan["ip_dns"] == {"servers": ["203.0.113.53"]}
    assert plan["interface_ethernet"] == [{"default_name": "ether1", "name": "wan", "comment": "WAN"}]


def test_wan_dhcp_plan_sends_disabled_no_and_boolean_words():
    plan = wan_plan(dict(defaults("wan_dhcp"), wan_dhcp_add_default_route=False, wan_dhcp_wait_bound=True))
    assert plan["errors"] == []
    client = plan["ip_dhcp_client"][0]
    assert client["disabled"] is False and client["add_default_route"] == "no"
    assert plan["wait_retries"] == 30


def test_ipv6_defaults_and_eui_64():
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


def test_lan_must_stay_clear_of_the_wan():
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
