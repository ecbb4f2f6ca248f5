"""The comparisons of the start-state matrix: a check's CLI lines against audited writes, and a router's managed
state against a converged blank router's. Without a router: each case is a difference the matrix must see or
a form it must not mistake for one."""

from __future__ import annotations

from startstate_helpers import from_audit, from_cli, kept_names, prediction_differences, state_differences


def audit(path, command, attrs):
    return {"path": path, "command": command, "attrs": attrs}


def test_a_cli_line_and_its_audited_write_have_one_form():
    pairs = [
        ('/interface ethernet set [find default-name=ether1] comment="WAN" name=wan',
         audit("/interface/ethernet", "set", "comment=WAN name=wan .id=*1")),
        ('/ip firewall nat add chain=srcnat action=masquerade comment="soho.routeros: masquerade LAN to WAN"',
         audit("/ip/firewall/nat", "add", "chain=srcnat action=masquerade comment=soho.routeros: masquerade LAN to WAN")),
        ('/system script add name=s source=":local p \\"x\\"\\n:put \\$p\\tq"',
         audit("/system/script", "add", 'name=s source=:local p "x"\n:put $p\tq')),
        ('/ip pool remove [find name=dhcp]', audit("/ip/pool", "remove", ".id=*1A")),
        ('/ipv6 firewall filter move [find comment="a b"] destination=[find comment="c"]',
         audit("/ipv6/firewall/filter", "move", "numbers=*3 destination=*2")),
        ('/system package enable [find name=ipv6]', audit("/system/package", "enable", ".id=*16")),
        ('/user set [find name=admin] password=********', audit("/user", "set", "password=*** .id=*1")),
    ]
    for line, entry in pairs:
        assert from_cli(line) == from_audit(entry), line


def test_values_that_differ_stay_different():
    assert from_cli('/ip dhcp-server set [find name=lan] lease-time=1d') != from_audit(
        audit("/ip/dhcp-server", "set", "lease-time=10m .id=*1"))
    assert from_cli('/ip pool add name=a') != from_audit(audit("/ip/pool", "set", "name=a .id=*1"))


def test_reads_are_not_writes():
    assert from_cli("/system clock print") is None


def test_prediction_differences_name_the_missing_and_the_unexpected_write():
    lines = prediction_differences(["/ip/pool add name=a", "/ip/pool add name=a"], ["/ip/pool add name=a", "/ip/pool set name=b"])
    assert lines == ["predicted, not written: /ip/pool add name=a", "written, not predicted: /ip/pool set name=b"]
    assert prediction_differences(["/ip/pool add name=a"], ["/ip/pool add name=a"]) == []


def test_a_port_the_inventory_leaves_alone_keeps_its_name_and_comment_and_references_follow():
    reference = {"interface_ethernet": [{"default_name": "ether1", "name": "wan", "comment": "WAN"},
                                        {"default_name": "ether2", "name": "ether2"}],
                 "ip_address": [{"address": "192.168.88.1/24", "interface": "bridge"}]}
    state = {"interface_ethernet": [{"default_name": "ether1", "name": "wan", "comment": "WAN"},
                                    {"default_name": "ether2", "name": "lan", "comment": "LAN port"}],
             "ip_address": [{"address": "192.168.88.1/24", "interface": "lan"}]}
    normal = kept_names(state, reference)
    assert normal["interface_ethernet"] == reference["interface_ethernet"]
    lines = state_differences(normal, reference, ["interface_ethernet", "ip_address"])
    assert lines == [
        "/ip/address: address=192.168.88.1/24 interface=bridge: missing (blank converges to "
        '{"address": "192.168.88.1/24", "interface": "bridge"})',
        "/ip/address: address=192.168.88.1/24 interface=ether2: not on a blank router that converged "
        '({"address": "192.168.88.1/24", "interface": "ether2"})']


def test_a_name_the_inventory_sets_is_compared():
    reference = {"interface_ethernet": [{"default_name": "ether1", "name": "wan", "comment": "WAN"}]}
    state = {"interface_ethernet": [{"default_name": "ether1", "name": "internet", "comment": "uplink"}]}
    normal = kept_names(state, reference)
    assert state_differences(normal, reference, ["interface_ethernet"]) == [
        '/interface/ethernet default_name=ether1: comment: blank converges to "WAN", this router has "uplink"',
        '/interface/ethernet default_name=ether1: name: blank converges to "wan", this router has "internet"']


def test_state_differences_name_path_entry_and_field():
    reference = {"ip_dns": {"allow_remote_requests": True}, "ip_firewall_nat": [{"chain": "srcnat", "out_interface_list": "WAN"}],
                 "ip_pool": [{"name": "dhcp_pool_lan", "ranges": ["192.168.88.10-192.168.88.254"]}]}
    state = {"ip_dns": {"allow_remote_requests": False}, "ip_firewall_nat": [{"chain": "srcnat", "out_interface": "ether1"}],
             "ip_pool": [{"name": "dhcp_pool_lan", "ranges": ["192.168.88.10-192.168.88.254"]}]}
    assert state_differences(state, reference, ["ip_dns", "ip_firewall_nat", "ip_pool"]) == [
        "/ip/dns: allow_remote_requests: blank converges to true, this router has false",
        '/ip/firewall/nat chain=srcnat entry 0: out_interface: blank converges to null, this router has "ether1"',
        '/ip/firewall/nat chain=srcnat entry 0: out_interface_list: blank converges to "WAN", this router has null']
    assert state_differences(reference, reference, ["ip_dns", "ip_firewall_nat", "ip_pool"]) == []


def test_rules_compare_in_their_chain_order_not_in_how_the_chains_interleave():
    a, b, f = ({"chain": "input", "action": "accept", "comment": c} for c in ("a", "b", "f"))
    f["chain"] = "forward"
    reference = {"ip_firewall_filter": [a, f, b]}
    assert state_differences({"ip_firewall_filter": [a, b, f]}, reference, ["ip_firewall_filter"]) == []
    assert state_differences({"ip_firewall_filter": [b, f, a]}, reference, ["ip_firewall_filter"]) == [
        '/ip/firewall/filter chain=input entry 0: comment: blank converges to "a", this router has "b"',
        '/ip/firewall/filter chain=input entry 1: comment: blank converges to "b", this router has "a"']
