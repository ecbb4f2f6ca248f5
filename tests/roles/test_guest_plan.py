"""The guest_network role's plan filter on its own: what it derives from the role variables, the rules it puts at the
head of the chains, what it finds stale on the router, and the values it refuses (naming the variable)."""

from __future__ import annotations

import os

import pytest
import yaml

from ansible_collections.soho.routeros.plugins.filter.guest_plan import guest_plan, with_guest_interfaces
from roles_helpers import ROOT

PREFIX = "soho:guest: "


def settings(**more):
    with open(os.path.join(ROOT, "roles", "guest_network", "defaults", "main.yml")) as handle:
        values = yaml.safe_load(handle)
    values.update(lan_ipv4_interface="bridge", lan_ipv4_cidr="192.168.88.0/24", lan_ipv4_extra_networks=[],
                  lan_ipv4_bridge_ports=["ether2", "ether3", "ether4"], hardening_management_subnets=[])
    values.update(more)
    return values


CAFE = [{"name": "guest", "cidr": "192.168.99.0/24", "ports": ["ether5"]},
        {"name": "kiosk", "cidr": "192.168.30.0/24", "vlan_id": 30, "lease_time": "1d", "ipv6": False}]


def test_settings_hand_every_role_variable_to_the_filter():
    with open(os.path.join(ROOT, "roles", "guest_network", "vars", "main.yml")) as handle:
        handed = yaml.safe_load(handle)["guest_network_settings"]
    with open(os.path.join(ROOT, "roles", "guest_network", "meta", "argument_specs.yml")) as handle:
        declared = yaml.safe_load(handle)["argument_specs"]["main"]["options"]
    assert set(declared) <= set(handed)


def test_no_guest_network_plans_nothing():
    plan = guest_plan(settings())
    assert plan["errors"] == []
    assert plan["interface_vlan"] == plan["ip_address"] == plan["ip_firewall_filter"] == plan["ipv6_firewall_filter"] == []


def test_a_vlan_and_a_bridge_of_ports_each_with_addressing_a_list_and_the_rules():
    plan = guest_plan(settings(guest_network_networks=CAFE))
    assert plan["errors"] == []
    assert plan["interface_vlan"] == [{"name": "kiosk", "vlan_id": 30, "interface": "bridge", "comment": PREFIX + "kiosk"}]
    assert plan["interface_bridge"] == [{"name": "guest", "comment": PREFIX + "guest"}]
    assert plan["bridge_port"] == [{"interface": "ether5", "bridge": "guest", "comment": PREFIX + "guest"}]
    assert [m["interface"] for m in plan["interface_list_member"]] == ["guest", "kiosk"]
    assert {m["list"] for m in plan["interface_list_member"]} == {"GUEST"}
    assert [a["address"] for a in plan["ip_address"]] == ["192.168.99.1/24", "192.168.30.1/24"]
    assert plan["ip_pool"][1]["ranges"] == ["192.168.30.10-192.168.30.254"]
    assert [(s["name"], s["lease_time"]) for s in plan["ip_dhcp_server"]] == [("dhcp_server_guest", "30m"), ("dhcp_server_kiosk", "1d")]
    assert plan["ip_dhcp_server_network"][0]["dns_server"] == ["192.168.99.1"]
    chains = [(r["chain"], r["action"]) for r in plan["ip_firewall_filter"]]
    assert chains == [("input", "accept")] * 4 + [("input", "drop"), ("forward", "drop")]
    assert all(r["in_interface_list"] == "GUEST" for r in plan["ip_firewall_filter"] + plan["ipv6_firewall_filter"])
    assert plan["ip_firewall_filter"][-1]["out_interface_list"] == "!WAN"
    assert plan["ipv6_firewall_filter"][-1] == {"chain": "forward", "action": "accept", "in_interface_list": "GUEST",
                                                "out_interface_list": "WAN",
                                                "comment": PREFIX + "forward: accept from the guest networks to the WAN"}


def test_firewall_off_plans_no_rules_and_finds_the_old_ones_stale():
    existing = {"interfaces": ["ether1", "ether5", "bridge"], "ip_firewall_filter": [
        {"chain": "input", "action": "drop", "in_interface_list": "GUEST", "comment": PREFIX + "input: drop everything else"},
        {"chain": "input", "action": "drop", "in_interface_list": "!LAN", "comment": "defconf: drop all not coming from LAN"}]}
    plan = guest_plan(settings(guest_network_networks=CAFE, guest_network_firewall=False), existing=existing)
    assert plan["errors"] == [] and plan["ip_firewall_filter"] == []
    assert [r["comment"] for r in plan["stale"]["ip_firewall_filter"]] == [PREFIX + "input: drop everything else"]


def test_a_network_taken_out_leaves_its_entries_stale_and_the_lan_list_loses_guest_interfaces():
    existing = {
        "interfaces": ["ether1", "ether5", "bridge", "guest", "old"],
        "interface_vlan": [{"name": "old", "vlan_id": 40, "interface": "bridge", "comment": PREFIX + "old"},
                           {"name": "tv", "vlan_id": 50, "interface": "bridge", "comment": "made by hand"}],
        "ip_address": [{"address": "192.168.40.1/24", "interface": "old", "comment": PREFIX + "old"},
                       {"address": "192.168.99.1/24", "interface": "guest", "comment": "Guest Wi-Fi"}],
        "interface_list_member": [{"list": "LAN", "interface": "guest", "comment": "Guest Wi-Fi"},
                                  {"list": "LAN", "interface": "bridge", "comment": "LAN"}],
    }
    plan = guest_plan(settings(guest_network_networks=CAFE[:1]), existing=existing)
    assert plan["errors"] == []
    assert plan["stale"]["interface_vlan"] == [{"name": "old", "vlan_id": 40, "interface": "bridge", "comment": PREFIX + "old"}]
    assert [a["address"] for a in plan["stale"]["ip_address"]] == ["192.168.40.1/24"]
    assert plan["interface_list_member_lan"] == [{"list": "LAN", "interface": "guest"}]


@pytest.mark.parametrize("networks,more,message", [
    ([{"name": "g", "cidr": "192.168.88.128/25", "vlan_id": 9}], {}, "guest_network_networks[0].cidr: 192.168.88.128/25 overlaps the LAN"),
    ([{"name": "g", "cidr": "10.9.0.0/24", "vlan_id": 9}], {"hardening_management_subnets": ["10.9.0.0/16"]},
     "guest_network_networks[0].cidr: 10.9.0.0/24 overlaps the management network 10.9.0.0/16"),
    ([{"name": "g", "cidr": "203.0.113.0/24", "vlan_id": 9}], {"wan_dhcp_mode": "static", "wan_dhcp_static_address": "203.0.113.5/24"},
     "overlaps the WAN 203.0.113.0/24"),
    ([{"name": "g", "cidr": "10.9.0.0/24", "vlan_id": 0}], {}, "guest_network_networks[0].vlan_id"),
    ([{"name": "g", "cidr": "10.9.0.0/24", "vlan_id": 9, "ports": ["ether5"]}], {}, "not several"),
    ([{"name": "g", "cidr": "10.9.0.0/24"}], {}, "needs vlan_id"),
    ([{"name": "g", "cidr": "10.9.0.0/24", "ports": ["ether2"]}], {}, "ether2 is a LAN bridge port"),
    ([{"name": "g", "cidr": "10.9.0.0/24", "vlan_id": 9}, {"name": "g", "cidr": "10.8.0.0/24", "vlan_id": 8}], {},
     "guest_network_networks[1].name: 'g' is also the name"),
    ([{"name": "g", "cidr": "10.9.0.0/24", "ports": ["ether5"]}, {"name": "h", "cidr": "10.8.0.0/24", "ports": ["ether5"]}], {},
     "guest_network_networks[1].ports: ether5 is also a port"),
    ([{"name": "g", "cidr": "10.9.0.0/24", "vlan_id": 9, "bridge": "br-x"}], {}, None),
    ([{"name": "g", "cidr": "10.9.0.0/24", "vlan_id": 9, "colour": "red"}], {}, "guest_network_networks[0]: unknown key(s) colour"),
    ([], {"guest_network_interface_list": "WAN"}, "guest_network_interface_list: WAN is also"),
])
def test_bad_values_are_refused_naming_the_variable(networks, more, message):
    plan = guest_plan(settings(guest_network_networks=networks, **more))
    if message is None:
        assert plan["errors"] == []
    else:
        assert any(message in e for e in plan["errors"]), plan["errors"]


def test_against_the_router_ports_bridges_and_names_must_fit():
    existing = {"interfaces": ["ether1", "ether2", "ether5", "bridge"],
                "interface_types": [{"name": "ether5", "type": "ether"}, {"name": "bridge", "type": "bridge"}],
                "interface_list_member": [{"list": "WAN", "interface": "ether1"}]}
    errors = guest_plan(settings(guest_network_networks=[
        {"name": "ether5", "cidr": "10.9.0.0/24", "vlan_id": 9},
        {"name": "g", "cidr": "10.8.0.0/24", "vlan_id": 8, "bridge": "br-x"},
        {"name": "h", "cidr": "10.7.0.0/24", "ports": ["ether1", "ether9"]}]), existing=existing)["errors"]
    assert any(e.startswith("guest_network_networks[0].name: ether5 is already an interface") for e in errors), errors
    assert any(e.startswith("guest_network_networks[1].bridge: br-x is neither") for e in errors), errors
    assert any(e.startswith("guest_network_networks[2].ports: ether1 is in the WAN interface list") for e in errors), errors
    assert any(e.startswith("guest_network_networks[2].ports: ether9 is not an interface") for e in errors), errors
    skipped = guest_plan(settings(guest_network_networks=[{"name": "h", "cidr": "10.7.0.0/24", "ports": ["ether5", "ether9"]}],
                                  guest_network_skip_absent_ports=True), existing=existing)
    assert skipped["errors"] == [] and [p["interface"] for p in skipped["bridge_port"]] == ["ether5"]


def test_the_ipv6_pd_role_serves_its_lan_interfaces_then_the_guest_networks_with_ipv6():
    assert with_guest_interfaces(["bridge"], CAFE) == ["bridge", "guest"]
    assert with_guest_interfaces(["guest", "bridge"], CAFE) == ["guest", "bridge"]
    assert with_guest_interfaces(["bridge"], {"name": "x"}) == ["bridge"] and with_guest_interfaces(["bridge"], ["guest"]) == ["bridge"]
    # Not a list: left for the role's type check to refuse, naming ipv6_pd_lan_interfaces.
    assert with_guest_interfaces({"bridge": True}, CAFE) == {"bridge": True}
