"""Fields v6 prints on the bridge, bridge port, ethernet and firewall menus: their defaults, the
values they take and the ones they refuse (field lists compared in tests/simulator/README.md)."""

import pytest
from librouteros.exceptions import TrapError


def trap(call):
    with pytest.raises(TrapError) as info:
        tuple(call())
    return info.value.message


def _bridge(api):
    api.path("/interface/bridge").add(name="br")
    (row,) = api.rawCmd("/interface/bridge/print", "?name=br")
    return row


def test_fact_bridge_prints_v6_defaults(api):
    row = _bridge(api)
    assert (row["fast-forward"], row["igmp-snooping"], row["dhcp-snooping"], row["auto-mac"], row["vlan-filtering"]) == (True, False, False, True, False)
    assert (row["ageing-time"], row["priority"], row["protocol-mode"], row["mtu"], row["arp"], row["arp-timeout"]) == (
        "5m", "0x8000", "rstp", "auto", "enabled", "auto")
    assert (row["max-message-age"], row["forward-delay"], row["transmit-hold-count"]) == ("20s", "15s", 6)


def test_fact_bridge_takes_its_settings(api):
    _bridge(api)
    values = {"igmp-snooping": "yes", "fast-forward": "no", "priority": "4096", "mtu": "1500", "ageing-time": "300",
              "admin-mac": "4c:5e:0c:01:00:02", "auto-mac": "no", "arp": "reply-only"}
    tuple(api("/interface/bridge/set", **{".id": "br", **values}))
    (row,) = api.rawCmd("/interface/bridge/print", "?name=br")
    assert (row["igmp-snooping"], row["fast-forward"], row["priority"], row["mtu"], row["ageing-time"]) == (True, False, "0x1000", 1500, "5m")
    assert (row["admin-mac"], row["auto-mac"], row["arp"]) == ("4C:5E:0C:01:00:02", False, "reply-only")
    tuple(api("/interface/bridge/set", **{".id": "br", "priority": "0x7000", "mtu": "auto"}))
    (row,) = api.rawCmd("/interface/bridge/print", "?name=br")
    assert row["priority"] == "0x7000" and row["mtu"] == "auto"


@pytest.mark.parametrize("name,bad", [
    ("priority", "0x10000"), ("priority", "high"), ("mtu", "60"), ("igmp-snooping", "maybe"), ("fast-forward", "2"),
    ("ageing-time", "soon"), ("protocol-mode", "pvst"), ("forward-delay", "1m"), ("transmit-hold-count", "11"),
])
def test_fact_bridge_refuses_bad_values(api, name, bad):
    _bridge(api)
    assert trap(lambda: api("/interface/bridge/set", **{".id": "br", name: bad})) == f"invalid value for argument {name}"


def _port(api):
    _bridge(api)
    return api.path("/interface/bridge/port").add(bridge="br", interface="ether2")


def test_fact_bridge_port_prints_v6_defaults(api):
    _port(api)
    (row,) = api.path("/interface/bridge/port")
    assert (row["edge"], row["path-cost"], row["horizon"], row["pvid"], row["frame-types"], row["ingress-filtering"], row["priority"]) == (
        "auto", 10, "none", 1, "admit-all", False, "0x80")
    assert (row["point-to-point"], row["learn"], row["hw"], row["trusted"], row["bpdu-guard"], row["broadcast-flood"]) == (
        "auto", "auto", True, False, False, True)


def test_fact_bridge_port_takes_its_settings(api):
    port = _port(api)
    values = {"edge": "yes", "path-cost": "20", "horizon": "1", "pvid": "10", "frame-types": "admit-only-vlan-tagged",
              "ingress-filtering": "yes", "priority": "0x40"}
    tuple(api("/interface/bridge/port/set", **{".id": port, **values}))
    (row,) = api.path("/interface/bridge/port")
    # librouteros reads the word yes as True.
    assert (row["edge"], row["path-cost"], row["horizon"], row["pvid"], row["frame-types"], row["ingress-filtering"], row["priority"]) == (
        True, 20, 1, 10, "admit-only-vlan-tagged", True, "0x40")


@pytest.mark.parametrize("name,bad", [
    ("edge", "maybe"), ("path-cost", "0"), ("horizon", "some"), ("frame-types", "admit-none"), ("ingress-filtering", "x"),
    ("priority", "0x100"), ("pvid", "4095"),
])
def test_fact_bridge_port_refuses_bad_values(api, name, bad):
    port = _port(api)
    assert trap(lambda: api("/interface/bridge/port/set", **{".id": port, name: bad})) == f"invalid value for argument {name}"


def test_fact_ethernet_prints_v6_defaults(api):
    (row,) = api.rawCmd("/interface/ethernet/print", "?default-name=ether2")
    assert (row["l2mtu"], row["speed"], row["auto-negotiation"], row["full-duplex"], row["rx-flow-control"], row["tx-flow-control"]) == (
        1598, "100Mbps", True, True, "off", "off")
    assert row["advertise"] == "10M-half,10M-full,100M-half,100M-full" and row["arp"] == "enabled"
    assert row["mac-address"] == row["orig-mac-address"] and row["loop-protect"] == "default"


def test_fact_ethernet_takes_its_settings(api):
    values = {"auto-negotiation": "no", "speed": "10Mbps", "full-duplex": "no", "rx-flow-control": "auto", "tx-flow-control": "on",
              "advertise": "10M-full,100M-full", "l2mtu": "1580", "mac-address": "02:00:00:00:00:01", "arp": "proxy-arp"}
    tuple(api("/interface/ethernet/set", **{".id": "ether2", **values}))
    (row,) = api.rawCmd("/interface/ethernet/print", "?default-name=ether2")
    assert (row["auto-negotiation"], row["speed"], row["full-duplex"], row["rx-flow-control"], row["tx-flow-control"]) == (
        False, "10Mbps", False, "auto", "on")
    assert (row["advertise"], row["l2mtu"], row["mac-address"], row["arp"]) == ("10M-full,100M-full", 1580, "02:00:00:00:00:01", "proxy-arp")


@pytest.mark.parametrize("name,bad", [
    ("speed", "3Mbps"), ("auto-negotiation", "maybe"), ("advertise", "100M-fast"), ("rx-flow-control", "yes"),
    ("tx-flow-control", ""), ("l2mtu", "70000"), ("mac-address", "02:00:00:00:00"), ("arp", "on"),
])
def test_fact_ethernet_refuses_bad_values(api, name, bad):
    assert trap(lambda: api("/interface/ethernet/set", **{".id": "ether2", name: bad})) == f"invalid value for argument {name}"


FIREWALL_PATHS = ("/ip/firewall/filter", "/ip/firewall/nat", "/ip/firewall/raw", "/ipv6/firewall/filter")
MATCHERS = {
    "dst-address-type": "local", "src-address-type": "!unicast", "tcp-flags": "syn,!ack", "limit": "50/5s,2:packet",
    "connection-limit": "100,32", "src-mac-address": "02:00:00:00:00:01", "dst-limit": "10/1m,5,src-address/32",
    "packet-size": "0-500", "icmp-options": "8:0", "content": "GET /", "per-connection-classifier": "both-addresses:2/0",
    "dscp": "46", "tcp-mss": "1400-65535", "random": "10", "nth": "2,1", "connection-type": "ftp", "in-bridge-port": "ether2",
}
BY_FAMILY = {4: {"ttl": "equal:64", "ipv4-options": "any", "fragment": "yes"}, 6: {"hop-limit": "less-than:2"}}
PRINTED = {"src-mac-address": "02:00:00:00:00:01", "dscp": 46, "random": 10, "fragment": True}


def _family(path):
    return 6 if path.startswith("/ipv6") else 4


def _rule(api, path, **matchers):
    return api.path(path).add(chain="forward" if path.endswith("filter") else "dstnat" if path.endswith("nat") else "prerouting", **matchers)


# Raw runs before connection tracking and has none of its matchers (Manual:IP/Firewall/Raw).
CONNTRACK = ("connection-limit", "connection-type")


@pytest.mark.parametrize("path", FIREWALL_PATHS)
def test_fact_firewall_matchers_are_taken_and_printed(api, path):
    matchers = dict(MATCHERS, **BY_FAMILY[_family(path)])
    if _family(path) == 6:
        matchers["connection-limit"] = "100,64"
    if path.endswith("raw"):
        matchers = dict((name, value) for name, value in matchers.items() if name not in CONNTRACK)
    _rule(api, path, **matchers)
    (row,) = api.path(path)
    assert {name: row[name] for name in matchers} == {name: PRINTED.get(name, value) for name, value in matchers.items()}


@pytest.mark.parametrize("path", FIREWALL_PATHS)
def test_fact_firewall_matchers_are_absent_from_print_until_set(api, path):
    _rule(api, path)
    (row,) = api.path(path)
    assert not set(MATCHERS) & set(row)


@pytest.mark.parametrize("name", CONNTRACK + ("connection-state", "connection-mark"))
def test_fact_raw_has_no_connection_tracking_matchers(api, name):
    assert trap(lambda: _rule(api, "/ip/firewall/raw", **{name: MATCHERS.get(name, "new")})) == "unknown parameter"
    assert list(api.path("/ip/firewall/raw")) == []


def test_fact_only_filter_rules_reject(api):
    assert trap(lambda: _rule(api, "/ip/firewall/nat", **{"reject-with": "tcp-reset"})) == "unknown parameter"


@pytest.mark.parametrize("name,bad", [
    ("dst-address-type", "remote"), ("tcp-flags", "syn,hello"), ("limit", "fast"), ("connection-limit", "100,33"),
    ("src-mac-address", "02:00"), ("dst-limit", "10/1m,5,everyone"), ("packet-size", "500-0"), ("ttl", "equal:256"),
    ("ttl", "about:64"), ("icmp-options", "300:0"), ("per-connection-classifier", "both:2/0"), ("ipv4-options", "all"),
    ("fragment", "maybe"), ("dscp", "64"), ("random", "100"),
])
def test_fact_firewall_matchers_refuse_bad_values(api, name, bad):
    assert trap(lambda: _rule(api, "/ip/firewall/filter", **{name: bad})) == f"invalid value for argument {name}"
    assert list(api.path("/ip/firewall/filter")) == []


def test_fact_ipv6_firewall_has_hop_limit_not_ttl(api):
    assert trap(lambda: _rule(api, "/ipv6/firewall/filter", ttl="equal:64")) == "unknown parameter"
    assert trap(lambda: _rule(api, "/ip/firewall/filter", **{"hop-limit": "equal:1"})) == "unknown parameter"
    assert trap(lambda: _rule(api, "/ipv6/firewall/filter", **{"hop-limit": "equal:300"})) == "invalid value for argument hop-limit"
