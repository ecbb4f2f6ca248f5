"""The lockout guard (plugins/module_utils/guard.py) on its own: the rollback it plans from check-mode
results, the causes it names, its states against routeros-sim, and its place in the runner."""

from __future__ import annotations

import pytest

from hardening_helpers import params

from ansible_collections.soho.routeros.plugins.module_utils import connection, engine, guard, runner, schema
from ansible_collections.soho.routeros.plugins.module_utils.errors import RouterOSError


def rule(comment, **match):
    return dict({"chain": "input", "action": "accept", "comment": comment}, **match)


def change(module, before, after, commands=("/changed",)):
    return {"module": module, "result": {"before": before, "after": after, "commands": list(commands), "changed": True}}


def test_added_rules_are_removed_and_hand_rules_untouched():
    hand = {"chain": "input", "action": "accept", "protocol": "tcp", "dst_port": "80"}
    added = rule("soho:hardening: drop", action="drop", in_interface_list="!LAN")
    lines = guard.undo_lines(schema.PATHS["ip_firewall_filter"], [hand], [hand, added])
    assert lines == ['/ip firewall filter remove [find comment="soho:hardening: drop"]']


def test_changed_and_moved_rules_go_back():
    a, b = rule("a", protocol="icmp"), rule("b", protocol="udp", dst_port="33434-33534")
    lines = guard.undo_lines(schema.PATHS["ip_firewall_filter"], [a, b], [dict(b, dst_port="1-2"), a])
    assert '/ip firewall filter set [find comment="b"] dst-port=33434-33534' in lines
    assert any(line.startswith('/ip firewall filter move [find comment="') for line in lines)


def test_fixed_and_single_menus_get_their_previous_settings():
    before = [{"name": "api", "port": 8728, "disabled": False}, {"name": "telnet", "port": 23, "disabled": False}]
    after = [{"name": "api", "port": 8728, "disabled": False, "address": ["10.0.0.0/24"]},
             {"name": "telnet", "port": 23, "disabled": True}]
    assert guard.undo_lines(schema.PATHS["ip_service"], before, after) == [
        '/ip service set [find name=api] address=""', "/ip service set [find name=telnet] disabled=no"]
    assert guard.undo_lines(schema.PATHS["snmp"], {"enabled": True, "contact": ""}, {"enabled": False, "contact": ""}) == [
        "/snmp set enabled=yes"]


def test_deleted_list_entries_come_back_and_added_users_go():
    entry = {"list": "soho_management", "address": "10.1.0.0/24", "comment": "soho:hardening: management"}
    assert guard.undo_lines(schema.PATHS["ip_firewall_address_list"], [entry], []) == [
        '/ip firewall address-list add list=soho_management address=10.1.0.0/24 comment="soho:hardening: management"']
    admin = {"name": "admin", "group": "full"}
    assert guard.undo_lines(schema.PATHS["user"], [admin], [admin, {"name": "alice", "group": "full"}]) == [
        "/user remove [find name=alice]"]


def test_rollback_undoes_the_last_change_first_and_removes_itself():
    changes = [
        change("interface_list", [], [{"name": "LAN"}]),
        change("snmp", {}, {}, commands=()),
        change("ip_service", [{"name": "ssh", "port": 22}], [{"name": "ssh", "port": 22, "address": ["10.0.0.0/8"]}]),
        {"module": "mac_server", "result": {"skipped": True}},
    ]
    lines = guard.rollback_source("job", changes)
    assert lines[0].startswith(":log warning")
    assert "/ip service set [find name=ssh]" in lines[1] and "on-error=" in lines[1]
    assert "/interface list remove [find name=LAN]" in lines[2]
    assert lines[3:] == ['/system scheduler remove [find name="job"]', '/system script remove [find name="job"]']


def test_changes_that_are_not_plans_are_refused():
    with pytest.raises(RouterOSError, match=r"changes\[0\].module"):
        guard.rollback_source("job", [{"module": "nonsense", "result": {}}])
    with pytest.raises(RouterOSError, match="before and after"):
        guard.rollback_source("job", [{"module": "snmp", "result": {"commands": ["/snmp set"]}}])


def test_causes_name_the_service_before_guessing_at_the_firewall():
    changes = [
        change("ip_firewall_filter", [], [rule("x", action="drop", in_interface_list="!LAN")]),
        change("ip_service", [{"name": "api"}], [{"name": "api", "address": ["10.0.0.0/24"]}]),
    ]
    assert guard.causes(changes, "192.168.88.10", "admin", False) == [
        "/ip service api address=10.0.0.0/24 does not include the controller address 192.168.88.10"]
    assert guard.causes(changes, "10.0.0.5", "admin", False) == [
        "the new ip firewall filter rules drop traffic that the controller may send"]
    users = [change("user", [{"name": "bob"}], [{"name": "bob", "disabled": True}])]
    assert guard.causes(users, "10.0.0.5", "bob", True) == ["the user bob the controller logs in as was disabled"]


def test_config_guard_is_a_module_with_the_shared_connection_options():
    assert "config_guard" in runner.module_names()
    spec = runner.argument_spec("config_guard")
    assert spec["state"]["choices"] == ["gathered", "armed", "confirmed", "rolled_back"]
    assert spec["hostname"] == connection.OPTIONS["hostname"]


def test_armed_job_restores_the_router_on_the_clock_and_confirmed_removes_it(routeros_sim):
    """armed installs a job that restores the router when the simulated clock reaches it; confirmed removes it."""
    routeros_sim.reset()
    service = schema.PATHS["ip_service"]
    wanted = [{"name": "ssh", "address": ["10.9.0.0/16"]}, {"name": "telnet", "disabled": True}]
    with guard._connect(params(routeros_sim)) as client:
        plan = engine.run(service, wanted, "merged", client, check_mode=True)
    changes = [{"module": "ip_service", "result": plan}]
    gathered = guard.run(params(routeros_sim, state="gathered", name="job"))
    assert gathered == {"changed": False, "controller_address": "192.168.88.10", "pending": False, "ipv6": True}
    with pytest.raises(RouterOSError, match="delay"):
        guard.run(params(routeros_sim, state="armed", name="job", changes=changes, delay="10s"))
    routeros_sim.clear_audit()
    armed = guard.run(params(routeros_sim, state="armed", name="job", changes=changes, delay="2m"), check_mode=True)
    assert armed["changed"] is True and armed["fires_at"] and len(armed["rollback"]) == 5
    assert routeros_sim.audit() == [], "check mode installs nothing"
    before = runner.run("ip_service", params(routeros_sim, state="gathered", config=None))["gathered"]
    routeros_sim.clear_audit()
    assert guard.run(params(routeros_sim, state="armed", name="job", changes=changes, delay="1m"))["changed"]
    with pytest.raises(RouterOSError, match="still pending"):
        guard.run(params(routeros_sim, state="armed", name="job", changes=changes, delay="1m"))
    with guard._connect(params(routeros_sim)) as client:
        engine.run(service, wanted, "merged", client)
    routeros_sim.control(0, "/sim/clock/advance", seconds="61")
    assert runner.run("ip_service", params(routeros_sim, state="gathered", config=None))["gathered"] == before
    assert guard.run(params(routeros_sim, state="gathered", name="job"))["pending"] is False
    # Armed again and confirmed: the job is gone and the change stays.
    guard.run(params(routeros_sim, state="armed", name="job", changes=changes, delay="1m"))
    assert guard.run(params(routeros_sim, state="confirmed", name="job", changes=changes))["access"] is True
    routeros_sim.control(0, "/sim/clock/advance", seconds="120")
    assert guard.run(params(routeros_sim, state="gathered", name="job"))["pending"] is False
    assert [r["name"] for r in runner.run("system_script", params(routeros_sim, state="gathered", config=None))["gathered"]] == []


def test_a_failed_change_with_access_intact_is_undone_at_once(routeros_sim):
    routeros_sim.reset()
    service = schema.PATHS["ip_service"]
    wanted = [{"name": "ftp", "disabled": True}]
    with guard._connect(params(routeros_sim)) as client:
        plan = engine.run(service, wanted, "merged", client, check_mode=True)
    changes = [{"module": "ip_service", "result": plan}]
    armed = guard.run(params(routeros_sim, state="armed", name="job", changes=changes, delay="5m"))
    with guard._connect(params(routeros_sim)) as client:
        engine.run(service, wanted, "merged", client)
    result = guard.run(params(routeros_sim, state="rolled_back", name="job", changes=changes, deadline=armed["deadline"],
                              error="RouterOS refused '/ip/pool/add': simulated failure."))
    assert result["failed"] is True and result["left"] == []
    assert "The change failed (RouterOS refused '/ip/pool/add': simulated failure)" in result["msg"]
    assert "ran at once" in result["msg"]
    services = runner.run("ip_service", params(routeros_sim, state="gathered", config=None))["gathered"]
    assert next(s for s in services if s["name"] == "ftp")["disabled"] is False
    assert guard.run(params(routeros_sim, state="gathered", name="job"))["pending"] is False
