"""The firewall as a router applies it to API connections: raw prerouting, then filter input, the
simulated client's address and interface (/sim/client), and what drop and reject do to new
connections and open sessions."""

import socket
import time

import librouteros
import pytest
import rawapi
from librouteros.exceptions import TrapError
from routeros_sim import auth, firewall
from routeros_sim.router import Options, Router

SETUP = (
    ("/interface/bridge/add", {"name": "bridge"}),
    ("/interface/bridge/port/add", {"bridge": "bridge", "interface": "ether3"}),
    ("/interface/list/add", {"name": "LAN"}),
    ("/interface/list/add", {"name": "WAN"}),
    ("/interface/list/add", {"name": "INSIDE", "include": "LAN"}),
    ("/interface/list/member/add", {"list": "LAN", "interface": "bridge"}),
    ("/interface/list/member/add", {"list": "LAN", "interface": "ether2"}),
    ("/interface/list/member/add", {"list": "WAN", "interface": "ether1"}),
    ("/ip/address/add", {"address": "192.168.88.1/24", "interface": "bridge"}),
    ("/ip/firewall/address-list/add", {"list": "mgmt", "address": "192.168.88.0/28"}),
    ("/ipv6/firewall/address-list/add", {"list": "mgmt6", "address": "2001:db8::/64"}),
)


def drop(**match):
    return ("/ip/firewall/filter/add", {"chain": "input", "action": "drop", **match})


ACCEPT_ESTABLISHED = ("/ip/firewall/filter/add", {"chain": "input", "action": "accept", "connection-state": "established,related"})

# (rules, client address, client interface, state, verdict); the API port is 8728.
CASES = [
    ([], "192.168.88.10", "ether2", "new", "accept"),
    ([drop(**{"src-address": "192.168.88.0/24"})], "192.168.88.10", "ether2", "new", "drop"),
    ([drop(**{"src-address": "!192.168.88.0/24"})], "192.168.88.10", "ether2", "new", "accept"),
    ([drop(**{"src-address": "192.168.88.5-192.168.88.20"})], "192.168.88.10", "ether2", "new", "drop"),
    ([drop(**{"src-address": "192.168.88.11-192.168.88.20"})], "192.168.88.10", "ether2", "new", "accept"),
    ([drop(**{"src-address-list": "mgmt"})], "192.168.88.10", "ether2", "new", "drop"),
    ([drop(**{"src-address-list": "!mgmt"})], "192.168.88.20", "ether2", "new", "drop"),
    ([drop(**{"src-address-list": "!mgmt"})], "192.168.88.10", "ether2", "new", "accept"),
    ([drop(**{"in-interface": "ether2"})], "192.168.88.10", "ether2", "new", "drop"),
    # A bridge port arrives at L3 as its bridge.
    ([drop(**{"in-interface": "ether3"})], "192.168.88.10", "ether3", "new", "accept"),
    ([drop(**{"in-interface": "bridge"})], "192.168.88.10", "ether3", "new", "drop"),
    ([drop(**{"in-interface-list": "!LAN"})], "192.168.88.10", "ether3", "new", "accept"),
    ([drop(**{"in-interface-list": "!LAN"})], "192.168.88.10", "ether1", "new", "drop"),
    ([drop(**{"in-interface-list": "WAN"})], "192.168.88.10", "ether1", "new", "drop"),
    ([drop(**{"in-interface-list": "INSIDE"})], "192.168.88.10", "ether3", "new", "drop"),
    ([drop(**{"in-interface-list": "all"})], "192.168.88.10", "ether4", "new", "drop"),
    ([drop(**{"in-interface-list": "none"})], "192.168.88.10", "ether4", "new", "accept"),
    ([drop(**{"in-interface-list": "dynamic"})], "192.168.88.10", "ether4", "new", "accept"),
    ([drop(protocol="tcp", **{"dst-port": "8728"})], "192.168.88.10", "ether2", "new", "drop"),
    ([drop(protocol="udp", **{"dst-port": "8728"})], "192.168.88.10", "ether2", "new", "accept"),
    ([drop(protocol="tcp", **{"dst-port": "22,8000-9000"})], "192.168.88.10", "ether2", "new", "drop"),
    ([drop(protocol="tcp", **{"dst-port": "22,8729"})], "192.168.88.10", "ether2", "new", "accept"),
    ([drop(**{"dst-address": "192.168.88.1"})], "192.168.88.10", "ether3", "new", "drop"),
    ([drop(**{"connection-state": "new"})], "192.168.88.10", "ether2", "established", "accept"),
    ([drop(**{"connection-state": "new"})], "192.168.88.10", "ether2", "new", "drop"),
    ([ACCEPT_ESTABLISHED, drop()], "192.168.88.10", "ether2", "established", "accept"),
    ([ACCEPT_ESTABLISHED, drop()], "192.168.88.10", "ether2", "new", "drop"),
    ([drop(disabled="yes")], "192.168.88.10", "ether2", "new", "accept"),
    ([("/ip/firewall/filter/add", {"chain": "input", "action": "reject"})], "192.168.88.10", "ether2", "new", "reject"),
    ([("/ip/firewall/filter/add", {"chain": "input", "action": "tarpit"})], "192.168.88.10", "ether2", "new", "drop"),
    # log and passthrough go on; accept stops the chain.
    ([("/ip/firewall/filter/add", {"chain": "input", "action": "log"}), drop()], "192.168.88.10", "ether2", "new", "drop"),
    ([("/ip/firewall/filter/add", {"chain": "input", "action": "passthrough"}), drop()], "192.168.88.10", "ether2", "new", "drop"),
    ([("/ip/firewall/filter/add", {"chain": "input", "action": "accept"}), drop()], "192.168.88.10", "ether2", "new", "accept"),
    # jump to a user chain: its drop decides; return (or its end) comes back to the rule after the jump.
    ([("/ip/firewall/filter/add", {"chain": "input", "action": "jump", "jump-target": "mgmt"}),
      ("/ip/firewall/filter/add", {"chain": "mgmt", "action": "drop", "src-address": "192.168.88.10"})],
     "192.168.88.10", "ether2", "new", "drop"),
    ([("/ip/firewall/filter/add", {"chain": "input", "action": "jump", "jump-target": "mgmt"}),
      ("/ip/firewall/filter/add", {"chain": "mgmt", "action": "return"}),
      ("/ip/firewall/filter/add", {"chain": "mgmt", "action": "accept"}),
      drop()],
     "192.168.88.10", "ether2", "new", "drop"),
    ([("/ip/firewall/filter/add", {"chain": "forward", "action": "drop"})], "192.168.88.10", "ether2", "new", "accept"),
    # raw prerouting comes first; its accept leaves the filter to decide; notrack makes the packet untracked.
    ([("/ip/firewall/raw/add", {"chain": "prerouting", "action": "drop", "src-address-list": "mgmt"})],
     "192.168.88.10", "ether2", "new", "drop"),
    ([("/ip/firewall/raw/add", {"chain": "prerouting", "action": "accept"}), drop()], "192.168.88.10", "ether2", "new", "drop"),
    ([("/ip/firewall/raw/add", {"chain": "prerouting", "action": "notrack"}),
      ("/ip/firewall/filter/add", {"chain": "input", "action": "accept", "connection-state": "untracked"}), drop()],
     "192.168.88.10", "ether2", "new", "accept"),
    # An IPv6 client is judged by the /ipv6 firewall only.
    ([drop()], "2001:db8::10", "ether2", "new", "accept"),
    ([("/ipv6/firewall/filter/add", {"chain": "input", "action": "drop", "src-address-list": "mgmt6"})], "2001:db8::10", "ether2", "new", "drop"),
    ([("/ipv6/firewall/raw/add", {"chain": "prerouting", "action": "drop", "src-address": "2001:db8::/32"})], "2001:db8::10", "ether2", "new", "drop"),
    ([("/ipv6/firewall/filter/add", {"chain": "input", "action": "drop", "in-interface-list": "!LAN"})], "2001:db8::10", "ether3", "new", "accept"),
]


@pytest.mark.parametrize("rules,address,interface,state,verdict", CASES)
def test_firewall_verdict(rules, address, interface, state, verdict):
    router = Router(Options())
    for command, attrs in SETUP + tuple(rules):
        router.execute(command, dict(attrs))
    packet = firewall.packet(router, address, 40000, interface, 8728, state)
    assert firewall.judge(router, packet) == verdict


def test_dst_port_is_the_service_port_the_router_has():
    router = Router(Options())
    router.execute("/ip/service/set", {".id": "api", "port": "18728"})
    router.execute(*drop(protocol="tcp", **{"dst-port": "18728"}))
    assert firewall.judge(router, firewall.packet(router, "192.168.88.10", 40000, "ether2", auth.service_port(router, "api"), "new")) == "drop"


def test_defconf_firewall_lets_the_lan_in_and_keeps_the_wan_out():
    router = Router(Options(factory="defconf"))
    assert firewall.judge(router, firewall.packet(router, "192.168.88.10", 40000, "ether2", 8728, "new")) == "accept"
    assert firewall.judge(router, firewall.packet(router, "203.0.113.7", 40000, "ether1", 8728, "new")) == "drop"
    assert firewall.judge(router, firewall.packet(router, "2001:db8:1::7", 40000, "ether1", 8728, "new")) == "drop"


# ---------------------------------------------------------------------------- /sim/client


def test_client_default_and_set(sim, api):
    assert list(api("/sim/client/print")) == [{"source": "", "address": "192.168.88.10", "interface": "ether2"}]
    assert [r["address"] for r in api.path("/user/active")] == ["192.168.88.10"]
    tuple(api("/sim/client/set", address="10.1.2.3", interface="ether4"))
    other = sim.api()
    try:
        assert sorted(r["address"] for r in api.path("/user/active")) == ["10.1.2.3", "192.168.88.10"]
    finally:
        other.close()
    for attrs, message in (({"interface": "nope"}, "input does not match any value of interface"),
                           ({"address": "not-an-address"}, "invalid value for argument address"),
                           ({"source": "x", "address": "10.0.0.9"}, "invalid value for argument source")):
        with pytest.raises(TrapError) as info:
            tuple(api("/sim/client/set", **attrs))
        assert info.value.message == message


def test_client_by_loopback_source(sim, api):
    """A second station: connections from another loopback address can arrive as another client."""
    tuple(api("/sim/client/set", source="127.0.0.2", address="192.168.88.20", interface="ether3"))
    client = rawapi.RawApi(*sim.address(), source="127.0.0.2")
    client.login()
    try:
        assert sorted(r["address"] for r in api.path("/user/active")) == ["192.168.88.10", "192.168.88.20"]
    finally:
        client.close()


def test_service_address_is_checked_against_the_simulated_client(sim, api):
    tuple(api("/ip/service/set", **{".id": "api", "address": "10.9.0.0/16"}))
    with pytest.raises((ConnectionError, OSError, librouteros.exceptions.LibRouterosError)):
        sim.api(timeout=3)
    tuple(api("/sim/client/set", address="10.9.8.7"))
    sim.api(timeout=3).close()


# ---------------------------------------------------------------------------- drop and reject over the API


def _times_out(call) -> bool:
    started = time.monotonic()
    try:
        call()
    except (TimeoutError, socket.timeout):
        return time.monotonic() - started >= 0.9
    return False


@pytest.fixture
def console(sim):
    """A session opened before the rules: /sim sentences always get through it, for cleanup."""
    connection = sim.api()
    yield connection
    tuple(connection("/sim/reset"))
    connection.close()


def test_drop_gives_new_connections_no_answer_and_stops_open_sessions(sim, console):
    session = sim.api()
    tuple(console("/ip/firewall/filter/add", chain="input", action="drop", **{"src-address": "192.168.88.10"}))
    assert _times_out(lambda: sim.api(timeout=1)), "no reply to a new connection"
    session.protocol.transport.sock.settimeout(1)
    assert _times_out(lambda: list(session("/system/identity/print"))), "the open session's packets are dropped too"
    session.close()


def test_established_accept_first_keeps_open_sessions(sim, console):
    session = sim.api()
    tuple(console("/ip/firewall/filter/add", chain="input", action="accept", **{"connection-state": "established,related"}))
    tuple(console("/ip/firewall/filter/add", chain="input", action="drop", **{"src-address": "192.168.88.10"}))
    assert list(session("/system/identity/print")) == [{"name": "MikroTik"}]
    assert _times_out(lambda: sim.api(timeout=1))
    session.close()


def test_drop_also_withholds_the_tls_handshake(sim, console):
    sim.install_certificate()
    tuple(console("/ip/firewall/raw/add", chain="prerouting", action="drop", **{"in-interface": "ether2"}))
    assert _times_out(lambda: sim.api(tls=True, timeout=1))


def test_reject_closes_new_connections_at_once(sim, console):
    rule = console.path("/ip/firewall/filter").add(chain="input", action="reject", protocol="tcp", **{"dst-port": "8728", "connection-state": "new"})
    client = rawapi.RawApi(*sim.address())
    try:
        assert client.is_closed(timeout=2)
    finally:
        client.close()
    tuple(console("/sim/client/set", interface="ether3"))
    tuple(console("/ip/firewall/filter/set", **{".id": rule, "in-interface": "ether2"}))
    sim.api(timeout=3).close()


def test_client_stays_on_its_port_when_the_port_is_renamed(sim, console):
    tuple(console("/interface/ethernet/set", **{".id": "ether2", "name": "lan"}))
    tuple(console("/interface/list/add", name="LAN"))
    tuple(console("/interface/list/member/add", list="LAN", interface="lan"))
    tuple(console("/ip/firewall/filter/add", chain="input", action="drop", **{"in-interface-list": "!LAN"}))
    assert [r["interface"] for r in console("/sim/client/print")] == ["lan"]
    sim.api(timeout=3).close()


def test_ipv6_client_is_judged_by_the_ipv6_firewall(sim, console):
    tuple(console("/sim/client/set", address="2001:db8::10"))
    tuple(console("/ip/firewall/filter/add", chain="input", action="drop", **{"connection-state": "new"}))
    sim.api(timeout=3).close()
    tuple(console("/ipv6/firewall/filter/add", chain="input", action="drop", **{"src-address": "2001:db8::/64", "connection-state": "new"}))
    assert _times_out(lambda: sim.api(timeout=1))


# ---------------------------------------------------------------------------- /sim/firewall/judge

ROUTED = (
    ("/ip/dhcp-client/add", {"interface": "ether1", "disabled": "no"}),
    ("/interface/bridge/add", {"name": "bridge"}),
    ("/interface/bridge/port/add", {"bridge": "bridge", "interface": "ether2"}),
    ("/interface/vlan/add", {"name": "guest", "vlan-id": "99", "interface": "bridge"}),
    ("/interface/list/add", {"name": "WAN"}),
    ("/interface/list/add", {"name": "GUEST"}),
    ("/interface/list/member/add", {"list": "WAN", "interface": "ether1"}),
    ("/interface/list/member/add", {"list": "GUEST", "interface": "guest"}),
    ("/ip/address/add", {"address": "192.168.88.1/24", "interface": "bridge"}),
    ("/ip/address/add", {"address": "192.168.99.1/24", "interface": "guest"}),
)


def _routed(*rules, ipv6=False):
    router = Router(Options())
    for command, attrs in ROUTED + tuple(rules):
        router.execute(command, dict(attrs))
    if ipv6:
        router.execute("/ipv6/dhcp-client/add", {"interface": "ether1", "request": "prefix", "pool-name": "isp",
                                                 "add-default-route": "yes"})
        router.execute("/ipv6/address/add", {"address": "::1/64", "from-pool": "isp", "interface": "bridge"})
    return router


def _judge(router, src, dst, interface, **more):
    ((kind, row), done) = router.execute("/sim/firewall/judge", {"src-address": src, "dst-address": dst, "in-interface": interface,
                                                                 **more})
    return row


def test_judge_routes_by_the_longest_route_and_reports_chain_and_out_interface():
    router = _routed()
    assert _judge(router, "192.168.99.50", "192.168.88.10", "guest") == {
        "chain": "forward", "out-interface": "bridge", "verdict": "accept", "rule": ""}
    internet = _judge(router, "192.168.99.50", "93.184.216.34", "guest")
    assert (internet["chain"], internet["out-interface"]) == ("forward", "ether1")
    assert _judge(router, "192.168.99.50", "192.168.99.1", "guest")["chain"] == "input"
    # A bridge port arrives as its bridge.
    assert _judge(router, "192.168.88.50", "192.168.99.7", "ether2")["out-interface"] == "guest"
    router.execute("/ip/dhcp-client/remove", {".id": router.items("/ip/dhcp-client")[0][".id"]})
    assert _judge(router, "192.168.99.50", "93.184.216.34", "guest")["verdict"] == "unreachable"


def test_judge_forward_rules_see_out_interface_lists_and_protocols():
    isolate = ("/ip/firewall/filter/add", {"chain": "forward", "action": "drop", "in-interface-list": "GUEST",
                                           "out-interface-list": "!WAN", "comment": "guest: internet only"})
    dns = ("/ip/firewall/filter/add", {"chain": "input", "action": "accept", "in-interface-list": "GUEST", "protocol": "udp",
                                       "dst-port": "53", "comment": "guest dns"})
    rest = ("/ip/firewall/filter/add", {"chain": "input", "action": "drop", "in-interface-list": "GUEST", "comment": "guest rest"})
    router = _routed(isolate, dns, rest)
    assert _judge(router, "192.168.99.50", "192.168.88.10", "guest") == {
        "chain": "forward", "out-interface": "bridge", "verdict": "drop", "rule": "guest: internet only"}
    assert _judge(router, "192.168.99.50", "93.184.216.34", "guest")["verdict"] == "accept"
    assert _judge(router, "192.168.88.50", "93.184.216.34", "ether2")["verdict"] == "accept"
    assert _judge(router, "192.168.99.50", "192.168.99.1", "guest", protocol="udp", **{"dst-port": "53"})["rule"] == "guest dns"
    assert _judge(router, "192.168.99.50", "192.168.99.1", "guest", protocol="tcp", **{"dst-port": "53"})["rule"] == "guest rest"
    assert _judge(router, "192.168.99.50", "192.168.99.1", "guest", protocol="icmp")["verdict"] == "drop"
    assert _judge(router, "192.168.99.50", "192.168.88.1", "guest", protocol="tcp", **{"dst-port": "8291"})["chain"] == "input"


def test_judge_ipv6_leaves_by_the_dhcpv6_default_route_and_is_judged_by_the_ipv6_firewall():
    router = _routed(("/ipv6/firewall/filter/add", {"chain": "forward", "action": "drop", "protocol": "icmpv6"}), ipv6=True)
    (default,) = [r for r in router.items("/ipv6/route") if r.get("dst-address") == "::/0"]
    assert default["gateway"] == "fe80::1%ether1" and default[".dynamic"]
    lan = next(i[".shown"]["address"] for i in router.items("/ipv6/address")
               if i.get("interface") == "bridge" and i.get(".shown", {}).get("address"))
    host = lan.split("::")[0] + "::50"
    out = _judge(router, host, "2606:4700::1111", "ether2")
    assert (out["chain"], out["out-interface"], out["verdict"]) == ("forward", "ether1", "accept")
    assert _judge(router, host, "2606:4700::1111", "ether2", protocol="icmpv6")["verdict"] == "drop"
    assert _judge(router, "192.168.88.50", "93.184.216.34", "ether2", protocol="icmp")["verdict"] == "accept"


@pytest.mark.parametrize("attrs,message", [
    ({"dst-address": "192.168.88.10", "in-interface": "guest"}, "missing"),
    ({"src-address": "192.168.99.5", "dst-address": "192.168.88.10", "in-interface": "nowhere"}, "does not match any value of in-interface"),
    ({"src-address": "192.168.99.5", "dst-address": "192.168.88.10", "in-interface": "guest", "protocol": "gre"}, "protocol"),
    ({"src-address": "192.168.99.5", "dst-address": "192.168.88.10", "in-interface": "guest", "colour": "red"}, "unknown parameter"),
    ({"src-address": "2001:db8::5", "dst-address": "192.168.88.10", "in-interface": "guest"}, "dst-address"),
])
def test_judge_refuses_what_it_cannot_judge(attrs, message):
    router = _routed()
    with pytest.raises(Exception) as failure:
        router.execute("/sim/firewall/judge", dict(attrs))
    assert message in str(failure.value)
