"""playbooks/hardening.yml on routeros-sim: the converged router meets MikroTik defconf's firewall and the
role's own items, a rerun writes nothing, check mode writes nothing, rules the role does not own stay in
place, bad variables stop before any write, and a change that cuts the controller off rolls back.

Every run is ansible-playbook in a subprocess with the repository's ansible.cfg.
"""

from __future__ import annotations

import netaddr
import pytest

from hardening_helpers import clock_hook, gathered, gathered_as, inventory, owned, play, snapshot

PREFIX = "soho:hardening: "
ADMIN_PASSWORD = "Correct-Horse-42-battery"


CONTROLLER = "10.20.30.40"


@pytest.fixture(scope="module")
def converged(routeros_sim_module_factory, tmp_path_factory):
    """A blank router hardened once, with a named administrator."""
    sim = routeros_sim_module_factory("--factory", "blank")
    # The controller sits on a LAN port, in a network the router has there but outside the management subnet, so the
    # role must keep it allowed.
    api = sim.api(0)
    try:
        list(api("/ip/address/add", address="10.20.30.1/24", interface="ether2"))
    finally:
        api.close()
    sim.control(0, "/sim/client/set", address=CONTROLLER)
    tmp = tmp_path_factory.mktemp("hardening")
    inv = inventory(tmp, sim, hardening_admin_user="alice", hardening_admin_password=ADMIN_PASSWORD)
    first = play(inv)
    return sim, inv, first


def networks(values):
    return {str(netaddr.IPNetwork(v).cidr) for v in values}


def by_comment(rules, text):
    found = [r for r in rules if r.get("comment") == PREFIX + text]
    assert len(found) == 1, (text, rules)
    return found[0]


def chain(rules, name):
    return [r for r in rules if r["chain"] == name]


def test_converged_router_meets_every_defconf_rule_and_has_the_role_items(converged):
    sim, first = converged[0], converged[2]
    assert first.rc == 0, first.output
    assert first.recap["changed"] > 0
    assert ADMIN_PASSWORD not in first.output

    lists = [entry["name"] for entry in gathered(sim, "interface_list")]
    assert "WAN" in lists and "LAN" in lists

    v4 = gathered(sim, "ip_firewall_filter")
    inp, fwd = chain(v4, "input"), chain(v4, "forward")
    # defconf IPv4 input, in order, with default deny from everything not LAN last
    assert inp[0]["action"] == "accept" and set(inp[0]["connection_state"]) == {"established", "related", "untracked"}
    assert inp[1]["action"] == "drop" and inp[1]["connection_state"] == ["invalid"]
    assert any(r["action"] == "accept" and r.get("protocol") == "icmp" for r in inp)
    assert any(r["action"] == "accept" and r.get("protocol") == "udp" and r.get("dst_port") == "33434-33534" for r in inp)
    assert any(r["action"] == "accept" and r.get("dst_address") == "127.0.0.1" for r in inp), "defconf CAPsMAN rule"
    assert inp[-1]["action"] == "drop" and inp[-1]["in_interface_list"] == "!LAN" and not inp[-1].get("disabled")
    # management services from the management list only, and no accept of DNS: port 53 meets the final drop
    management = by_comment(v4, "input: accept management services from the management list")
    assert management["src_address_list"] == "soho_management"
    assert set(management["dst_port"].split(",")) == {"22", "8291", "443", "8729", "8728"}
    assert not any("53" in str(r.get("dst_port", "")).split(",") for r in inp if r["action"] == "accept")
    # brute-force stages for SSH and WinBox
    blacklist = by_comment(v4, "input: drop SSH and WinBox from the brute-force blacklist")
    assert blacklist["src_address_list"] == "ssh_winbox_blacklist" and blacklist["dst_port"] == "22,8291"
    stages = [r for r in inp if r["action"] == "add-src-to-address-list"]
    assert [r["address_list"] for r in stages] == ["ssh_winbox_blacklist", "ssh_winbox_stage2", "ssh_winbox_stage1"]
    assert all(r["connection_state"] == ["new"] and r.get("address_list_timeout") for r in stages)
    # defconf IPv4 forward
    assert [r["action"] for r in fwd] == ["accept", "accept", "fasttrack-connection", "accept", "drop", "drop"]
    assert fwd[0]["ipsec_policy"] == "in,ipsec" and fwd[1]["ipsec_policy"] == "out,ipsec"
    assert set(fwd[2]["connection_state"]) == {"established", "related"}
    assert set(fwd[3]["connection_state"]) == {"established", "related", "untracked"}
    assert fwd[4]["connection_state"] == ["invalid"]
    assert fwd[5]["connection_state"] == ["new"] and fwd[5]["connection_nat_state"] == ["!dstnat"]
    assert fwd[5]["in_interface_list"] == "WAN"

    v6 = gathered(sim, "ipv6_firewall_filter")
    inp6, fwd6 = chain(v6, "input"), chain(v6, "forward")
    assert set(inp6[0]["connection_state"]) == {"established", "related", "untracked"}
    assert inp6[1]["connection_state"] == ["invalid"] and inp6[1]["action"] == "drop"
    assert any(r.get("protocol") == "icmpv6" and r["action"] == "accept" for r in inp6)
    assert any(r.get("dst_port") == "33434-33534" for r in inp6)
    pd = [r for r in inp6 if r.get("dst_port") == "546"]
    assert pd and pd[0]["src_address"] == "fe80::/10" and pd[0]["protocol"] == "udp"
    assert any(r.get("dst_port") == "500,4500" for r in inp6)
    assert {"ipsec-ah", "ipsec-esp"} <= {r.get("protocol") for r in inp6}
    assert inp6[-1]["action"] == "drop" and inp6[-1]["in_interface_list"] == "!LAN"
    assert fwd6[-1]["action"] == "drop" and fwd6[-1]["in_interface_list"] == "!LAN"
    assert any(r.get("src_address_list") == "bad_ipv6" and r["action"] == "drop" for r in fwd6)
    assert any(r.get("dst_address_list") == "bad_ipv6" and r["action"] == "drop" for r in fwd6)
    assert any(r.get("hop_limit") == "equal:1" and r["action"] == "drop" for r in fwd6)
    assert any(r.get("protocol") == "139" for r in fwd6)
    bad = [e["address"] for e in gathered(sim, "ipv6_firewall_address_list") if e["list"] == "bad_ipv6"]
    assert {"::/128", "::1/128", "fec0::/10", "::/96", "100::/64", "2001:db8::/32", "2001:10::/28", "3ffe::/16"} <= set(bad)

    raw = owned(gathered(sim, "ip_firewall_raw"))
    assert raw == [dict(raw[0], chain="prerouting", action="drop", in_interface_list="WAN", src_address_list="soho_bogons")]
    bogons = [e["address"] for e in gathered(sim, "ip_firewall_address_list") if e["list"] == "soho_bogons"]
    assert "127.0.0.0/8" in bogons and not any(b.startswith(("10.", "100.64.", "192.168.", "172.16.")) for b in bogons)
    management_list = [e["address"] for e in gathered(sim, "ip_firewall_address_list") if e["list"] == "soho_management"]
    assert networks(management_list) == {"192.168.88.0/24", CONTROLLER + "/32"}, "the controller address is kept allowed"

    services = dict((s["name"], s) for s in gathered(sim, "ip_service"))
    for name in ("telnet", "ftp", "www"):
        assert services[name]["disabled"] is True, name
    for name in ("ssh", "winbox", "api-ssl", "www-ssl", "api"):
        assert networks(services[name]["address"]) == {"192.168.88.0/24", CONTROLLER + "/32"}, name
    assert services["api"]["disabled"] is False, "the controller uses the plain api (routeros_api_tls is false)"

    assert gathered(sim, "tool_bandwidth_server")["enabled"] is False
    assert gathered(sim, "mac_server")["allowed_interface_list"] == "LAN"
    assert gathered(sim, "mac_server_winbox")["allowed_interface_list"] == "LAN"
    assert gathered(sim, "ip_neighbor_discovery")["discover_interface_list"] == "LAN"
    ntp = gathered(sim, "system_ntp_client")
    assert ntp["enabled"] is True and set(ntp["server_dns_names"]) == {"0.pool.ntp.org", "1.pool.ntp.org"}
    assert gathered(sim, "snmp")["enabled"] is False
    users = dict((u["name"], u) for u in gathered(sim, "user"))
    assert users["alice"]["group"] == "full" and not users["alice"].get("disabled")
    assert not users["admin"].get("disabled"), "admin stays until hardening_disable_default_admin"
    # the guard confirmed access and removed its job
    assert gathered(sim, "system_scheduler") == [] and gathered(sim, "system_script") == []
    assert sim.api(username="alice", password=ADMIN_PASSWORD).close() is None, "alice logs in with her password"


def test_rerun_writes_nothing_and_keeps_a_hand_rule_in_place(converged):
    sim, inv, first = converged
    assert first.rc == 0, first.output
    sim.clear_audit()
    second = play(inv, extra={"hardening_admin_user": "alice", "hardening_admin_password": ADMIN_PASSWORD})
    assert second.rc == 0, second.output
    assert second.recap["changed"] == 0, second.output
    assert sim.audit() == []

    # A rule added by hand between the role's rules, outside its tag, survives a rerun in place.
    rules = gathered(sim, "ip_firewall_filter")
    drop = next(r for r in rules if r.get("comment") == PREFIX + "input: drop everything else not coming from LAN")
    api = sim.api()
    try:
        ids = [r[".id"] for r in api.path("ip", "firewall", "filter") if r.get("comment") == drop["comment"]]
        api.path("ip", "firewall", "filter").add(**{"chain": "input", "action": "accept", "protocol": "tcp",
                                                    "dst-port": "80", "comment": "hand: web server on the router",
                                                    "place-before": ids[0]})
    finally:
        api.close()
    before = [r.get("comment") for r in gathered(sim, "ip_firewall_filter")]
    sim.clear_audit()
    third = play(inv, extra={"hardening_admin_user": "alice", "hardening_admin_password": ADMIN_PASSWORD})
    assert third.rc == 0, third.output
    assert third.recap["changed"] == 0, third.output
    assert sim.audit() == []
    after = [r.get("comment") for r in gathered(sim, "ip_firewall_filter")]
    assert after == before
    position = after.index("hand: web server on the router")
    assert after[position + 1] == drop["comment"]
    assert after[position - 1] == PREFIX + "input: accept management services from the management list"

    # Once the controller logs in as the named administrator, the factory admin can be disabled.
    fourth = play(inv, extra={"ansible_user": "alice", "ansible_password": ADMIN_PASSWORD,
                              "hardening_admin_user": "alice", "hardening_admin_password": ADMIN_PASSWORD,
                              "hardening_disable_default_admin": True})
    assert fourth.rc == 0, fourth.output
    assert fourth.recap["changed"] > 0
    assert ADMIN_PASSWORD not in fourth.output
    users = dict((u["name"], u) for u in gathered_as(sim, "user", "alice", ADMIN_PASSWORD))
    assert users["admin"]["disabled"] is True and not users["alice"].get("disabled")


def test_check_mode_on_a_fresh_router_writes_nothing(routeros_sim_factory, tmp_path):
    sim = routeros_sim_factory("--factory", "blank")
    run = play(inventory(tmp_path, sim), "--check", "--diff")
    assert run.rc == 0, run.output
    assert run.recap["changed"] > 0
    assert "/system scheduler" not in run.output or "rollback" in run.output
    assert ":do {/ip firewall filter remove" in run.output, "check mode shows the rollback it would install"
    assert sim.audit() == []
    assert gathered(sim, "system_scheduler") == []


def test_a_rule_of_the_role_removed_by_hand_comes_back_under_the_guard(routeros_sim_factory, tmp_path):
    """A change to one firewall path alone (the services and users as they should be) is still applied, under the
    rollback job: the steps of the loop count as pending changes."""
    sim = routeros_sim_factory("--factory", "blank")
    assert play(inventory(tmp_path, sim)).rc == 0
    rule = by_comment(gathered(sim, "ip_firewall_filter"), "forward: drop all from WAN not DSTNATed")
    api = sim.api()
    try:
        ids = [r[".id"] for r in api.path("ip", "firewall", "filter") if r.get("comment") == rule["comment"]]
        api.path("ip", "firewall", "filter").remove(*ids)
    finally:
        api.close()
    sim.clear_audit()
    run = play(inventory(tmp_path, sim))
    assert run.rc == 0, run.output
    assert by_comment(gathered(sim, "ip_firewall_filter"), "forward: drop all from WAN not DSTNATed")
    writes = [(entry["path"], entry["command"]) for entry in sim.audit()]
    assert ("/ip/firewall/filter", "add") in writes, writes
    assert ("/system/scheduler", "add") in writes and ("/system/scheduler", "remove") in writes, writes
    assert gathered(sim, "system_scheduler") == []


def test_defconf_rules_are_taken_over_and_other_rules_stay(routeros_sim_factory, tmp_path):
    """The role's rules do the jobs of defconf's: those go, in the same change; a rule the user added stays."""
    sim = routeros_sim_factory("--factory", "defconf")
    api = sim.api(0)
    try:
        list(api("/ip/firewall/filter/add", chain="input", action="accept", protocol="udp", **{"dst-port": "1194", "comment": "OpenVPN"}))
    finally:
        api.close()
    assert len([r for r in gathered(sim, "ip_firewall_filter") if str(r.get("comment", "")).startswith("defconf")]) == 11
    run = play(inventory(tmp_path, sim))
    assert run.rc == 0, run.output
    rules = gathered(sim, "ip_firewall_filter")
    assert [r["comment"] for r in rules if not str(r.get("comment", "")).startswith(PREFIX)] == ["OpenVPN"]
    assert len(owned(rules)) == 17
    assert [r["chain"] for r in rules if r["action"] == "fasttrack-connection"] == ["forward"]
    sim.clear_audit()
    again = play(inventory(tmp_path, sim))
    assert again.rc == 0 and again.recap["changed"] == 0, again.output
    assert sim.audit() == []


def test_lockout_rolls_back_on_the_simulated_clock(routeros_sim_factory, tmp_path):
    """Management limited to a second station at 192.168.88.20 (not the controller's 192.168.88.10),
    controller access not kept: the fresh connection fails, the rollback job fires when the hook advances
    the clock from that station, and the router is as it was before the run."""
    sim = routeros_sim_factory("--factory", "defconf")
    sim.control(0, "/sim/client/set", source="127.0.0.2", address="192.168.88.20", interface="ether3")
    before = snapshot(sim)
    sim.clear_audit()
    run = play(inventory(tmp_path, sim), extra={
        "hardening_admin_user": "alice",
        "hardening_admin_password": ADMIN_PASSWORD,
        "hardening_management_subnets": ["192.168.88.20/32"],
        "hardening_keep_controller_access": False,
        "hardening_rollback_wait_command": clock_hook(sim),
    })
    assert run.rc != 0, run.output
    assert run.recap["rescued"] == 1, run.output
    assert "Lost API access to the router after the change" in run.message
    assert int(sim.control(0, "/sim/clock/print")[0]["offset"]) >= 301, "the hook moved the clock past the job"
    final = run.failures[-1]
    assert "/ip service api address=192.168.88.20/32 does not include the controller address 192.168.88.10" in final["msg"]
    assert "restored the previous configuration and access is back" in final["msg"]
    assert final["left"] == []
    assert snapshot(sim) == before
    writes = sim.audit()
    assert any(w["path"] == "/system/scheduler" and w["command"] == "add" for w in writes)
    assert writes[-1]["path"] == "/system/script" and writes[-1]["command"] == "remove", "the job removed itself"
    log = [row["message"] for row in sim.control(0, "/log/print")]
    assert any("restoring the configuration from before the change" in m for m in log)
    assert not any("failed:" in m for m in log), log


@pytest.fixture(scope="module")
def blank(routeros_sim_module_factory):
    return routeros_sim_module_factory("--factory", "blank")


@pytest.mark.parametrize("extra, variable", [
    ({"hardening_management_subnets": ["192.168.88.0/33"]}, "hardening_management_subnets[0]"),
    ({"hardening_management_subnets": []}, "hardening_management_subnets"),
    ({"hardening_admin_user": "alice", "hardening_admin_password": "alicealice12"}, "hardening_admin_password"),
])
def test_bad_variable_stops_the_run_before_any_write(blank, tmp_path, extra, variable):
    blank.clear_audit()
    run = play(inventory(tmp_path, blank), extra=extra)
    assert run.rc != 0, run.output
    assert variable + ":" in run.message, run.message
    assert "alicealice12" not in run.output and "Sh0rt!" not in run.output
    assert blank.audit() == []
