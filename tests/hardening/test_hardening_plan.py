"""The hardening_plan filter on its own: every bad variable named and the plan derived from the variables; and the
role's steps, which reach the lockout guard in the order they run."""

from __future__ import annotations

import os
import re

import pytest
import yaml

from hardening_helpers import ROOT

from ansible_collections.soho.routeros.plugins.filter.hardening_plan import hardening_plan

ROLE = os.path.join(ROOT, "roles", "hardening")


def defaults():
    with open(os.path.join(ROLE, "defaults", "main.yml")) as handle:
        return yaml.safe_load(handle)


def settings(**changes):
    values = dict(defaults(), routeros_api_tls=False, hardening_controller_user="admin")
    values.update(changes)
    return values


EXISTING = {"ip_service": [], "ip_firewall_address_list": [], "ipv6_firewall_address_list": []}


def test_admin_password_is_never_logged_and_its_spec_says_so():
    with open(os.path.join(ROLE, "meta", "argument_specs.yml")) as handle:
        specs = yaml.safe_load(handle)["argument_specs"]
    assert specs["main"] == specs["validate"]
    assert specs["main"]["options"]["hardening_admin_password"]["no_log"] is True


def changes_tasks():
    """(module, registered name) of every step of tasks/changes.yml in the order it runs; the items of an apply loop
    are steps registered under the loop's name."""
    with open(os.path.join(ROLE, "tasks", "changes.yml")) as handle:
        tasks = yaml.safe_load(handle)
    steps = []
    for task in tasks:
        module = [k for k in task if k.startswith("soho.routeros.")]
        assert len(module) == 1, task["name"]
        if module[0] == "soho.routeros.apply":
            assert task["loop_control"]["break_when"] == "%s is failed" % task["register"], task["name"]
            steps.extend((item["module"], task["register"] + ".results") for item in task["loop"])
        else:
            steps.append((module[0][len("soho.routeros."):], task["register"]))
    return steps


def test_every_step_reaches_the_lockout_guard_in_the_order_it_runs():
    """vars/main.yml hands the guard the results of tasks/changes.yml in the order they run: the loop's results, then
    the tasks after it; what can cut the management path goes last."""
    with open(os.path.join(ROLE, "vars", "main.yml")) as handle:
        steps = yaml.safe_load(handle)["hardening_steps"]
    registered = []
    for module, name in changes_tasks():
        if not registered or registered[-1] != name:
            registered.append(name)
    assert re.findall(r"hardening_step_\w+(?:\.results)?", steps) == registered
    assert [m for m, r in changes_tasks()][-2:] == ["user", "ip_service"]
    assert "'module': 'user', 'result': hardening_step_user" in steps
    assert "'module': 'ip_service', 'result': hardening_step_ip_service" in steps


def test_defaults_are_valid_for_a_controller_on_the_lan():
    plan = hardening_plan(settings(), controller_address="192.168.88.10", existing=EXISTING)
    assert plan["errors"] == []
    assert plan["management_networks"] == ["192.168.88.0/24"]
    api = next(s for s in plan["ip_service"] if s["name"] == "api")
    assert api == {"name": "api", "disabled": False, "address": ["192.168.88.0/24"]}
    assert plan["snmp"] == {"enabled": False}
    assert plan["user"] == []


def test_a_controller_outside_the_management_subnets_is_refused_naming_the_variable():
    plan = hardening_plan(settings(), controller_address="198.51.100.7", existing=EXISTING)
    assert len(plan["errors"]) == 1, plan["errors"]
    assert plan["errors"][0].startswith("hardening_management_subnets: the controller connects from 198.51.100.7"), plan["errors"]
    assert "198.51.100.7/32" in plan["errors"][0]
    kept = hardening_plan(settings(hardening_management_subnets=["192.168.88.0/24", "198.51.100.7/32"]),
                          controller_address="198.51.100.7", existing=EXISTING)
    assert kept["errors"] == [] and kept["management_networks"] == ["192.168.88.0/24", "198.51.100.7/32"]
    on_wan_port = dict(EXISTING, ip_address=[{"address": "198.51.100.2/24", "interface": "ether1"}],
                       interface_list_member=[{"list": "WAN", "interface": "ether1"}])
    assert hardening_plan(settings(), controller_address="198.51.100.7", existing=on_wan_port)["errors"]


def test_a_controller_on_the_lan_side_outside_the_management_subnets_is_kept_allowed():
    lan_side = dict(EXISTING, ip_address=[{"address": "10.20.30.1/24", "interface": "bridge"}],
                    interface_list_member=[{"list": "LAN", "interface": "bridge"}])
    plan = hardening_plan(settings(), controller_address="10.20.30.40", existing=lan_side)
    assert plan["errors"] == [] and plan["management_networks"] == ["192.168.88.0/24", "10.20.30.40/32"]


def test_tls_turns_the_plain_api_off_and_controller_can_be_left_out():
    plan = hardening_plan(settings(routeros_api_tls=True, hardening_keep_controller_access=False),
                          controller_address="192.0.2.7", existing=EXISTING)
    services = dict((s["name"], s) for s in plan["ip_service"])
    assert services["api"] == {"name": "api", "disabled": True}
    assert services["api-ssl"]["disabled"] is False and services["api-ssl"]["address"] == ["192.168.88.0/24"]
    management = [r for r in plan["ip_firewall_filter"] if r["comment"].endswith("from the management list")][0]
    assert "8728" not in management["dst_port"].split(",")


def test_stale_entries_of_the_role_are_removed_and_others_kept():
    existing = dict(EXISTING, ip_firewall_address_list=[
        {"list": "soho_management", "address": "10.1.0.0/24", "comment": "soho:hardening: management"},
        {"list": "soho_management", "address": "10.2.0.0/24", "comment": "added by hand"},
    ])
    plan = hardening_plan(settings(), existing=existing)
    assert plan["ip_firewall_address_list_stale"] == [{"list": "soho_management", "address": "10.1.0.0/24"}]


def test_bad_ipv6_entries_of_defconf_and_ipv6_pd_that_the_exceptions_leave_out_are_removed():
    # One owner of the IPv6 firewall: the list holds what the hardening plan wants, whoever wrote an entry first.
    existing = dict(EXISTING, ipv6_firewall_address_list=[
        {"list": "bad_ipv6", "address": "2001:db8::/32", "comment": "defconf: documentation"},
        {"list": "bad_ipv6", "address": "2001:db8::/32", "comment": "soho.routeros: documentation"},
        {"list": "bad_ipv6", "address": "3ffe::/16", "comment": "soho.routeros: 6bone"},
        {"list": "bad_ipv6", "address": "2001:db8:1::/48", "comment": "added by hand"},
    ])
    plan = hardening_plan(settings(hardening_ipv6_bogon_exceptions=["2001:db8::/32"]), existing=existing)
    assert plan["ipv6_firewall_address_list_stale"] == [{"list": "bad_ipv6", "address": "2001:db8::/32"}] * 2
    assert "2001:db8::/32" not in [e["address"] for e in plan["ipv6_firewall_address_list"]]
    assert "3ffe::/16" in [e["address"] for e in plan["ipv6_firewall_address_list"]]


def test_input_drops_made_by_hand_on_the_wan_are_redundant_unless_they_drop_what_the_role_accepts():
    def drop(comment, **match):
        return dict({"chain": "input", "action": "drop", "comment": comment, "disabled": False, "log": False, "bytes": 120,
                     "packets": 2, "invalid": False}, **match)
    redundant = [drop("management", in_interface="wan", protocol="tcp", dst_port="21,22,23,80,8291"),
                 drop("dns", in_interface_list="WAN", protocol="udp", dst_port="53"),
                 dict(drop("api", in_interface="ether1", protocol="tcp", dst_port="8728-8729"), action="reject")]
    kept = [drop("all udp", in_interface="wan", protocol="udp"),       # also the traceroute the role accepts
            drop("traceroute", in_interface="wan", protocol="udp", dst_port="33000-33500"),
            drop("ping", in_interface="wan", protocol="icmp"),
            drop("from the LAN", in_interface="bridge", protocol="tcp", dst_port="22"),
            drop("one source", in_interface="wan", protocol="tcp", dst_port="22", src_address="192.0.2.9"),
            dict(drop("off", in_interface="wan", protocol="tcp", dst_port="23"), disabled=True),
            dict(drop("forward", in_interface="wan", protocol="tcp", dst_port="23"), chain="forward"),
            drop("soho:hardening: input: an old rule of the role", in_interface="wan", protocol="tcp", dst_port="23")]
    # ether1 is the WAN port the WAN role sets in this run (a check run: not yet in the WAN list), wan already is.
    existing = dict(EXISTING, interface_list_member=[{"list": "WAN", "interface": "wan"}], wan_ports=["ether1"],
                    ip_firewall_filter=redundant + kept,
                    ipv6_firewall_filter=[drop("dhcpv6", in_interface="wan", protocol="udp", dst_port="546"),
                                          drop("ssh6", in_interface="wan", protocol="tcp", dst_port="22")])
    plan = hardening_plan(settings(), existing=existing)
    strip = ("bytes", "packets", "invalid")
    assert plan["ip_firewall_filter_redundant"] == [dict((k, v) for k, v in r.items() if k not in strip) for r in redundant]
    assert [r["comment"] for r in plan["ipv6_firewall_filter_redundant"]] == ["ssh6"]


def test_ntp_addresses_become_primary_and_secondary_and_names_dns_names():
    plan = hardening_plan(settings(hardening_ntp_servers=["192.0.2.123", "time.example.net"]), existing=EXISTING)
    assert plan["system_ntp_client"] == {"enabled": True, "mode": "unicast", "primary_ntp": "192.0.2.123",
                                         "secondary_ntp": "0.0.0.0", "server_dns_names": ["time.example.net"]}


@pytest.mark.parametrize("changes, variable", [
    ({"hardening_management_subnets": ["office-lan"]}, "hardening_management_subnets[0]"),
    ({"hardening_management_subnets": ["192.168.88.0"]}, "hardening_management_subnets[0]"),
    ({"hardening_management_subnets": [], "routeros_api_tls": True, "hardening_keep_controller_access": False},
     "hardening_management_subnets"),
    ({"hardening_admin_user": "alice", "hardening_admin_password": "Sh0rt!"}, "hardening_admin_password"),
    ({"hardening_admin_user": "admin", "hardening_admin_password": "Long-enough-pass-1"}, "hardening_admin_user"),
    ({"hardening_disable_default_admin": True}, "hardening_disable_default_admin"),
    ({"hardening_disable_default_admin": True, "hardening_admin_user": "alice",
      "hardening_admin_password": "Long-enough-pass-1"}, "hardening_disable_default_admin"),
    ({"hardening_ntp_servers": ["not a host"]}, "hardening_ntp_servers[0]"),
    ({"hardening_ntp_servers": ["192.0.2.1", "192.0.2.2", "192.0.2.3"]}, "hardening_ntp_servers"),
    ({"hardening_rollback_delay": "soon"}, "hardening_rollback_delay"),
    ({"hardening_bogons": ["2001:db8::/32"]}, "hardening_bogons[0]"),
    ({"hardening_comment_prefix": " "}, "hardening_comment_prefix"),
])
def test_errors_name_the_variable(changes, variable):
    errors = hardening_plan(settings(**changes))["errors"]
    assert any(e.startswith(variable + ":") for e in errors), errors
    assert not any("Sh0rt!" in e or "Long-enough-pass-1" in e for e in errors)
