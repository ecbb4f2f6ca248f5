"""The monitoring role's plan filter on its own: what it writes for the monitoring hosts, the rules that admit SNMP from
them only, what it finds stale on the router, and the values it refuses (naming the variable, never the community)."""

from __future__ import annotations

import os

import pytest
import yaml

from ansible_collections.soho.routeros.plugins.filter.monitoring_plan import monitoring_plan
from roles_helpers import ROOT

PREFIX = "soho:monitoring: "
COMMUNITY = "Mon-Cm-8Hq2vL"


def settings(**more):
    with open(os.path.join(ROOT, "roles", "monitoring", "defaults", "main.yml")) as handle:
        values = yaml.safe_load(handle)
    values.update(monitoring_ipv6_used=True)
    values.update(more)
    return values


def enabled(**more):
    return settings(**dict(dict(monitoring_enabled=True, monitoring_hosts=["192.168.88.20", "2001:db8:0:1::/64"],
                                monitoring_community=COMMUNITY), **more))


def test_settings_hand_every_role_variable_to_the_filter():
    with open(os.path.join(ROOT, "roles", "monitoring", "vars", "main.yml")) as handle:
        handed = yaml.safe_load(handle)["monitoring_settings"]
    with open(os.path.join(ROOT, "roles", "monitoring", "meta", "argument_specs.yml")) as handle:
        declared = yaml.safe_load(handle)["argument_specs"]["main"]["options"]
    assert set(declared) <= set(handed)


def test_off_by_default_plans_no_change():
    plan = monitoring_plan(settings())
    assert plan["errors"] == [] and plan["snmp"] is None and plan["snmp_community"] == []
    assert plan["ip_firewall_filter"] == [] and plan["ipv6_firewall_filter"] == []


def test_enabled_admits_the_monitoring_hosts_of_each_family_and_drops_snmp_from_anyone_else():
    plan = monitoring_plan(enabled(monitoring_contact="ops@example.net", monitoring_location="Back office"))
    assert plan["errors"] == []
    assert plan["snmp"] == {"enabled": True, "contact": "ops@example.net", "location": "Back office", "trap_target": []}
    assert plan["snmp_community"] == [
        {"name": COMMUNITY, "addresses": ["192.168.88.20/32", "2001:db8:0:1::/64"], "security": "none", "read_access": True,
         "write_access": False, "disabled": False},
        {"name": "public", "disabled": True}]
    assert [(r["action"], r.get("src_address"), r["protocol"], r["dst_port"]) for r in plan["ip_firewall_filter"]] == [
        ("accept", "192.168.88.20/32", "udp", "161"), ("drop", None, "udp", "161")]
    assert [(r["action"], r.get("src_address")) for r in plan["ipv6_firewall_filter"]] == [
        ("accept", "2001:db8:0:1::/64"), ("drop", None)]
    assert all(r["chain"] == "input" and r["comment"].startswith(PREFIX) and COMMUNITY not in r["comment"]
               for r in plan["ip_firewall_filter"] + plan["ipv6_firewall_filter"])


def test_traps_go_as_v2c_with_the_community_to_monitoring_hosts():
    plan = monitoring_plan(enabled(monitoring_trap_targets=["192.168.88.20"]))
    assert plan["snmp"]["trap_target"] == ["192.168.88.20"]
    assert plan["snmp"]["trap_version"] == 2 and plan["snmp"]["trap_community"] == COMMUNITY


def test_without_ipv6_or_firewall_no_rules_of_that_kind():
    assert monitoring_plan(enabled(monitoring_ipv6_used=False))["ipv6_firewall_filter"] == []
    plan = monitoring_plan(enabled(monitoring_firewall=False))
    assert plan["ip_firewall_filter"] == [] and plan["ipv6_firewall_filter"] == [] and plan["snmp"]["enabled"]


def test_rules_the_plan_no_longer_has_are_stale_and_others_are_left_alone():
    existing = {"ip_firewall_filter": [
        {"chain": "input", "action": "accept", "protocol": "udp", "dst_port": "161", "src_address": "10.9.9.9/32",
         "comment": PREFIX + "input: accept SNMP from 10.9.9.9/32"},
        {"chain": "input", "action": "drop", "protocol": "udp", "dst_port": "161", "comment": PREFIX + "input: drop SNMP from anyone else"},
        {"chain": "input", "action": "accept", "comment": "made by hand"}]}
    plan = monitoring_plan(enabled(), existing=existing)
    assert [r["comment"] for r in plan["stale"]["ip_firewall_filter"]] == [PREFIX + "input: accept SNMP from 10.9.9.9/32"]
    off = monitoring_plan(settings(), existing=existing)
    assert [r["comment"] for r in off["stale"]["ip_firewall_filter"]] == [PREFIX + "input: accept SNMP from 10.9.9.9/32",
                                                                          PREFIX + "input: drop SNMP from anyone else"]


@pytest.mark.parametrize("more, variable, words", [
    ({"monitoring_hosts": []}, "monitoring_hosts", "name the monitoring host"),
    ({"monitoring_hosts": ["0.0.0.0/0"]}, "monitoring_hosts[0]", "prefix length /0 is out of range"),
    ({"monitoring_hosts": ["::/0"]}, "monitoring_hosts[0]", "prefix length /0 is out of range"),
    ({"monitoring_hosts": ["monitor.lan"]}, "monitoring_hosts[0]", "is not a valid IPv4 address"),
    ({"monitoring_hosts": ["10.0.0.0/33"]}, "monitoring_hosts[0]", "is not a network in CIDR form"),
    ({"monitoring_community": "public"}, "monitoring_community", "must be 8 to 32 characters"),
    ({"monitoring_community": "private"}, "monitoring_community", "must be 8 to 32"),
    ({"monitoring_community": "x" * 33}, "monitoring_community", "must be 8 to 32"),
    ({"monitoring_community": ""}, "monitoring_community", "must be 8 to 32"),
    ({"monitoring_community": "two words here"}, "monitoring_community", "without blanks"),
    ({"monitoring_trap_targets": ["10.1.1.1"]}, "monitoring_trap_targets[0]", "not among monitoring_hosts"),
    ({"monitoring_trap_targets": ["nms"]}, "monitoring_trap_targets[0]", "is not a valid IPv"),
    ({"monitoring_contact": "a\nb"}, "monitoring_contact", "one line"),
    ({"monitoring_comment_prefix": " "}, "monitoring_comment_prefix", "must not be empty"),
])
def test_bad_values_are_refused_naming_the_variable_and_never_the_community(more, variable, words):
    plan = monitoring_plan(enabled(**more))
    assert any(e.startswith(variable + ": ") and words in e for e in plan["errors"]), plan["errors"]
    assert plan["snmp"] is None and plan["snmp_community"] == []
    assert not any(COMMUNITY in e for e in plan["errors"])
    assert all(e.startswith("monitoring_community: (hidden) ") for e in plan["errors"] if e.startswith("monitoring_community"))


AUTH = "Auth-Pw-7rT2kq"
CRYPT = "Crypt-Pw-4xN9wz"


def v3(**more):
    return enabled(**dict(dict(monitoring_snmp_version="v3", monitoring_community="", monitoring_v3_user="nms",
                               monitoring_v3_auth_password=AUTH, monitoring_v3_encryption_password=CRYPT), **more))


def test_v3_is_a_private_read_only_user_for_the_monitoring_hosts_with_the_passwords_fingerprint_in_its_comment():
    plan = monitoring_plan(v3())
    assert plan["errors"] == []
    own, public = plan["snmp_community"]
    comment = own.pop("comment")
    assert own == {"name": "nms", "addresses": ["192.168.88.20/32", "2001:db8:0:1::/64"], "security": "private",
                   "read_access": True, "write_access": False, "authentication_protocol": "SHA1",
                   "authentication_password": AUTH, "encryption_protocol": "AES", "encryption_password": CRYPT,
                   "disabled": False}
    assert public == {"name": "public", "disabled": True}
    prefix, fingerprint = comment.rsplit(" ", 1)
    assert prefix == PREFIX + "v3" and len(fingerprint) == 16 and int(fingerprint, 16) >= 0
    assert AUTH not in comment and CRYPT not in comment
    # The firewall is the same as for v2c.
    assert plan["ip_firewall_filter"] == monitoring_plan(enabled())["ip_firewall_filter"]


def test_v3_protocols_are_the_variables_and_traps_go_as_v3_with_the_user():
    plan = monitoring_plan(v3(monitoring_v3_auth_protocol="MD5", monitoring_v3_encryption_protocol="DES",
                              monitoring_trap_targets=["192.168.88.20"]))
    own = plan["snmp_community"][0]
    assert own["authentication_protocol"] == "MD5" and own["encryption_protocol"] == "DES"
    assert plan["snmp"]["trap_target"] == ["192.168.88.20"]
    assert plan["snmp"]["trap_version"] == 3 and plan["snmp"]["trap_community"] == "nms"
    assert "trap_version" not in monitoring_plan(v3())["snmp"], "without targets the trap settings stay the router's"


def test_the_fingerprint_is_stable_and_changes_with_either_password_and_with_the_user():
    def comment(**more):
        return monitoring_plan(v3(**more))["snmp_community"][0]["comment"]

    assert comment() == comment(monitoring_contact="another contact")
    others = [comment(monitoring_v3_auth_password=AUTH + "x"), comment(monitoring_v3_encryption_password=CRYPT + "x"),
              comment(monitoring_v3_auth_password=CRYPT, monitoring_v3_encryption_password=AUTH),
              comment(monitoring_v3_user="nms2")]
    assert len(set(others + [comment()])) == 5


def test_each_version_ignores_the_other_versions_variables():
    assert monitoring_plan(v3(monitoring_community="public"))["errors"] == []
    plan = monitoring_plan(enabled(monitoring_v3_user="public", monitoring_v3_auth_password="short"))
    assert plan["errors"] == [] and plan["snmp_community"][0]["security"] == "none"
    assert "comment" not in plan["snmp_community"][0]


@pytest.mark.parametrize("more, variable, words", [
    ({"monitoring_v3_user": ""}, "monitoring_v3_user", "must be 1 to 32 characters"),
    ({"monitoring_v3_user": "n" * 33}, "monitoring_v3_user", "must be 1 to 32 characters"),
    ({"monitoring_v3_user": "nms user"}, "monitoring_v3_user", "without blanks"),
    ({"monitoring_v3_user": "public"}, "monitoring_v3_user", "must not be public"),
    ({"monitoring_v3_auth_password": ""}, "monitoring_v3_auth_password", "at least 8 characters"),
    ({"monitoring_v3_auth_password": "Short-7"}, "monitoring_v3_auth_password", "at least 8 characters (RFC 3414"),
    ({"monitoring_v3_auth_password": " " + AUTH}, "monitoring_v3_auth_password", "must not begin or end with a blank"),
    ({"monitoring_v3_encryption_password": "Short-7"}, "monitoring_v3_encryption_password", "at least 8 characters"),
    ({"monitoring_v3_encryption_password": CRYPT + "\t"}, "monitoring_v3_encryption_password", "begin or end with a blank"),
    ({"monitoring_v3_auth_protocol": "SHA256"}, "monitoring_v3_auth_protocol", "is not one of MD5, SHA1"),
    ({"monitoring_v3_encryption_protocol": "AES256"}, "monitoring_v3_encryption_protocol", "is not one of AES, DES"),
    ({"monitoring_snmp_version": "v1"}, "monitoring_snmp_version", "is not one of v2c, v3"),
])
def test_bad_v3_values_are_refused_naming_the_variable_and_never_a_password(more, variable, words):
    plan = monitoring_plan(v3(**more))
    assert any(e.startswith(variable + ": ") and words in e for e in plan["errors"]), plan["errors"]
    assert plan["snmp"] is None and plan["snmp_community"] == []
    secrets = [AUTH, CRYPT] + [v.strip() for k, v in more.items() if "password" in k and v.strip()]
    assert not any(secret in e for secret in secrets for e in plan["errors"])
    assert all("(hidden)" in e for e in plan["errors"] if "password" in e.split(":")[0])
