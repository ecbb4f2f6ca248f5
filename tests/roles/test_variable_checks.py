"""The first check of every role (filter variable_errors) and the checks against the router (filter router_errors)."""

from __future__ import annotations

import os

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.soho.routeros.plugins.filter.plan import lan_plan
from ansible_collections.soho.routeros.plugins.filter.router_check import router_errors
from ansible_collections.soho.routeros.plugins.filter.serial_batches import serial_batches
from ansible_collections.soho.routeros.plugins.filter.variables import variable_errors
from roles_helpers import ROOT, inventory, site, writes
from test_plan_filters import defaults

ETHERNET = [{"name": "ether%d" % n, "default_name": "ether%d" % n} for n in range(1, 6)]
BLANK = {"interfaces": [e["name"] for e in ETHERNET] + ["wlan1"], "ethernet": ETHERNET, "ip_dhcp_server": []}


def settings(**values):
    return dict(defaults("wan_dhcp"), **dict(defaults("lan_ipv4"), **dict(defaults("ipv6_pd"), **values)))


def test_a_misspelled_variable_names_the_declared_one():
    errors = variable_errors({"hardening_managment_subnets": ["10.1.0.0/24"], "my_own": 1}, None)
    assert len(errors) == 1 and errors[0].startswith("hardening_managment_subnets: unknown variable, did you mean "
                                                     "hardening_management_subnets?")


def test_declared_names_facts_and_the_collections_own_results_pass():
    host = {"routeros_api_port": 8728, "routeros_hardening": True, "backup_dir": "/tmp", "routeros_interfaces": [],
            "ansible_facts": {"routeros_interfaces": []}, "wan_dhcp_plan": {}, "hardening_router": {}, "routeros_site_current": {}}
    assert variable_errors(host, None) == []


def test_strict_variables_can_be_turned_off_but_removed_ones_still_stop():
    assert variable_errors({"routeros_strict_variables": False, "lan_ipv4_mine": 1}, None) == []
    errors = variable_errors({"routeros_strict_variables": False, "backup_binary_password": "x"}, None)
    assert [e.split(":")[0] for e in errors] == ["backup_binary_password"]


@pytest.mark.parametrize("name, value, words", [
    ("routeros_api_port", "api", "routeros_api_port: 'api' is not a whole number, e.g. 8728"),
    ("routeros_api_port", 70000, "routeros_api_port: 70000 is out of range (1-65535)"),
    ("routeros_api_tls", "maybe", "routeros_api_tls: 'maybe' is not a boolean (true or false), e.g. false"),
    ("routeros_api_login_method", "md5", "routeros_api_login_method: 'md5' is not one of plain, token"),
])
def test_connection_variables_are_named_as_such(name, value, words):
    assert variable_errors({name: value}, None) == [words]


def test_role_values_are_checked_against_the_argument_spec_in_one_line_each():
    errors = variable_errors({}, "lan_ipv4", {"lan_ipv4_reserved": "many", "lan_ipv4_nat": "perhaps", "lan_ipv4_cidr": "10.0.0.0/24"})
    assert errors == ["lan_ipv4_nat: 'perhaps' is not a boolean (true or false), e.g. true",
                      "lan_ipv4_reserved: 'many' is not a whole number, e.g. 8"]


def test_ipv6_interfaces_are_checked_after_the_wan_rename_and_the_lan_bridges():
    assert router_errors(settings(ipv6_pd_wan_interface="wan", wan_dhcp_interface_name="wan"), BLANK) == []
    errors = router_errors(settings(wan_dhcp_interface_name="wan"), BLANK)
    assert [e.split(":")[0] for e in errors] == ["ipv6_pd_wan_interface"]
    errors = router_errors(settings(ipv6_pd_lan_interfaces=["bridge", "brigde"]), BLANK)
    assert errors[0].startswith("ipv6_pd_lan_interfaces[1]: brigde is neither") and "did you mean bridge?" in errors[0]


def test_leases_servers_ports_and_the_static_wan_are_checked_against_the_router():
    lease = [{"address": "192.168.88.5", "mac_address": "00:11:22:33:44:55", "server": "dhcp_server_lna"}]
    assert [e.split(":")[0] for e in router_errors(settings(lan_ipv4_static_leases=lease), BLANK)] == ["lan_ipv4_static_leases[0].server"]
    assert [e.split(":")[0] for e in router_errors(settings(wan_dhcp_interface="ether9"), BLANK)] == ["wan_dhcp_interface"]
    assert [e.split(":")[0] for e in router_errors(settings(lan_ipv4_bridge_ports=["ether1"]), BLANK)] == ["lan_ipv4_bridge_ports"]
    static = settings(wan_dhcp_mode="static", wan_dhcp_static_address="192.168.88.200/24", wan_dhcp_static_gateway="192.168.88.254")
    assert [e.split(":")[0] for e in router_errors(static)] == ["lan_ipv4_cidr"]


def test_the_defaults_pass_on_a_blank_router():
    assert router_errors(settings(), BLANK) == [] and lan_plan(settings(), {"interfaces": BLANK["interfaces"]})["errors"] == []


def test_lan_ports_renamed_by_hand_are_found_by_their_factory_names():
    # A router configured by hand: ether2 is called lan now; the LAN variables still say ether2.
    ethernet = [dict(e, name="lan") if e["default_name"] == "ether2" else e for e in ETHERNET]
    router = dict(BLANK, interfaces=[e["name"] for e in ethernet] + ["wlan1"], ethernet=ethernet)
    assert router_errors(settings(), router) == []
    errors = router_errors(settings(lan_ipv4_bridge_ports=["ether2", "ehter3"]), router)
    assert len(errors) == 1 and errors[0].startswith("lan_ipv4_bridge_ports: ehter3 is not an interface of this router")


@pytest.mark.parametrize("value", [1, 3, "2", "25%", "12.5%", [1, "25%", "100%"]])
def test_serial_batches_pass_what_a_play_takes(value):
    assert serial_batches(value) == value


@pytest.mark.parametrize("value", ["abc", "25 %", True, -1, [], [1, "all"], {"a": 1}, None])
def test_serial_batches_refuse_anything_else_naming_routeros_serial(value):
    with pytest.raises(AnsibleFilterError, match=r"^routeros_serial: .* is not a number of routers"):
        serial_batches(value)


PRELOAD_PROBE = """
import json, os, sys
sys.path.insert(0, sys.argv[1])
from ansible_collections.soho.routeros.plugins.filter import serial_batches, variables
before = set(sys.modules)
serial_batches.FilterModule().filters()
print(json.dumps({"imported": sorted(set(sys.modules) - before),
                  "read": sorted(os.path.relpath(p, variables.COLLECTION) for p in variables._LOADED)}))
"""


def test_loading_the_serial_filter_imports_the_collection_and_reads_the_specs_once():
    """What the workers find imported when they fork from the process that templated site.yml's serial keyword, in a
    fresh interpreter that has imported nothing of the collection but the filter."""
    import json
    import subprocess
    import sys

    probe = subprocess.run([sys.executable, "-c", PRELOAD_PROBE, os.path.join(ROOT, ".collections")],
                           capture_output=True, text=True, check=True)
    found = json.loads(probe.stdout)
    for name in ("action.api", "action.ip_pool", "connection.api", "module_utils.runner", "module_utils.engine",
                 "filter.plan", "filter.guest_plan"):
        assert "ansible_collections.soho.routeros.plugins." + name in found["imported"], name
    assert {"meta/variables.yml", "roles/lan_ipv4/meta/argument_specs.yml", "playbooks/site.yml",
            "roles/guest_network/tasks/main.yml"} <= set(found["read"])


def test_a_bad_routeros_serial_stops_site_before_any_task(routeros_sim, tmp_path):
    routeros_sim.reset(0, factory="blank")
    directory = inventory(tmp_path, routeros_sim, {"home": (0, {})})
    run = site(directory, "-e", "routeros_serial=half", tmp_path=tmp_path)
    assert run.rc != 0 and "routeros_serial: 'half' is not a number of routers" in run.output, run.output[-2000:]
    assert "Traceback" not in run.output and "TASK [" not in run.output
    assert writes(routeros_sim) == []


def test_routeros_serial_as_an_extra_variable_runs_the_routers_in_batches(routeros_sim, tmp_path):
    """One router first, then the rest: a play per batch (offline, with --tags validate)."""
    directory = inventory(tmp_path, routeros_sim, {"home": (0, {}), "cafe": (0, {})})
    staged = site(directory, "--tags", "validate", "-e", '{"routeros_serial": [1, "100%"]}', tmp_path=tmp_path)
    assert staged.rc == 0, staged.output[-2000:]
    assert staged.output.count("PLAY [Small-office network on RouterOS v6]") == 2
    together = site(directory, "--tags", "validate", tmp_path=tmp_path)
    assert together.rc == 0 and together.output.count("PLAY [Small-office network on RouterOS v6]") == 1
