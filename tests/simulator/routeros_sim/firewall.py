"""How the router's firewall judges the packets of an API connection (MikroTik Packet Flow and
Filter manuals): `/ip firewall raw` chain prerouting, then `/ip firewall filter` chain input (the
`/ipv6 firewall` menus for an IPv6 client), enabled rules in order, the first terminal action
decides. The end of a builtin chain accepts; the end of a user chain returns to the rule after
the jump.

A packet arrives on an interface; a bridge port arrives at L3 as its bridge, so `in-interface`
and `in-interface-list` see the bridge. Its destination is the router's first address on that
interface and the `/ip service` port of the service. A new connection is `new`, the sentences of
an open session `established`; a raw `notrack` makes them `untracked` for the filter.

Matchers the simulator does not evaluate (`tcp-flags`, `limit`, `icmp-options`, `hop-limit`) make
a rule never match; a rule naming an interface or interface list that does not exist is invalid
and skipped, as RouterOS does.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .router import Router

ACCEPT, DROP, REJECT = "accept", "drop", "reject"
# What each action does to the walk: a verdict, or None to go on with the next rule.
TERMINAL = {"accept": ACCEPT, "drop": DROP, "tarpit": DROP, "reject": REJECT, "notrack": "notrack"}
UNEVALUATED = ("tcp-flags", "limit", "icmp-options", "hop-limit")
MAX_JUMPS = 32  # RouterOS refuses jump loops; the simulator stops a deep walk instead

IP = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True)
class Packet:
    """A packet of an API connection as the firewall sees it."""

    src: IP
    src_port: int
    dst: IP | None
    dst_port: int
    interface: str
    state: str

    @property
    def prefix(self) -> str:
        return "/ip" if self.src.version == 4 else "/ipv6"


def client_ip(address: str) -> IP:
    ip = ipaddress.ip_address(address)
    if ip.version == 6 and ip.ipv4_mapped:
        return ip.ipv4_mapped
    return ip


def l3_interface(router: Router, interface: str) -> str:
    """The interface a packet arriving on ``interface`` has at L3: its bridge when it is a bridge port."""
    for port in router.items("/interface/bridge/port"):
        if port.get("interface") == interface and port.get("disabled") != "true":
            return port["bridge"]
    return interface


def router_address(router: Router, prefix: str, interface: str) -> IP | None:
    for item in router.items(prefix + "/address"):
        if item.get("interface") == interface and item.get("disabled") != "true" and item.get("address"):
            return ipaddress.ip_interface(item["address"]).ip
    return None


def packet(router: Router, address: str, src_port: int, interface: str, service_port: int, state: str) -> Packet:
    src = client_ip(address)
    l3 = l3_interface(router, interface)
    prefix = "/ip" if src.version == 4 else "/ipv6"
    return Packet(src, src_port, router_address(router, prefix, l3), service_port, l3, state)


def judge(router: Router, pkt: Packet) -> str:
    """ACCEPT, DROP or REJECT for ``pkt``."""
    verdict = _walk(router, router.items(pkt.prefix + "/firewall/raw"), "prerouting", pkt, 0)
    if verdict == DROP:
        return DROP
    if verdict == "notrack":
        pkt = replace(pkt, state="untracked")
    verdict = _walk(router, router.items(pkt.prefix + "/firewall/filter"), "input", pkt, 0)
    return verdict if verdict in (DROP, REJECT) else ACCEPT


def _walk(router: Router, rules: list[dict], chain: str, pkt: Packet, depth: int) -> str | None:
    for rule in rules:
        if rule.get("chain") != chain or rule.get("disabled") == "true" or not _matches(router, rule, pkt):
            continue
        action = rule.get("action", "accept")
        if action in TERMINAL:
            return TERMINAL[action]
        if action == "return":
            return None
        if action == "jump" and rule.get("jump-target") and depth < MAX_JUMPS:
            verdict = _walk(router, rules, rule["jump-target"], pkt, depth + 1)
            if verdict is not None:
                return verdict
    return None


# ---------------------------------------------------------------------------------- matchers


def _in_range(ip: IP, text: str) -> bool:
    low, sep, high = text.partition("-")
    try:
        if sep:
            return ipaddress.ip_address(low) <= ip <= ipaddress.ip_address(high)
        return ip in ipaddress.ip_network(text, strict=False)
    except (TypeError, ValueError):
        return False


def _address(ip: IP | None, text: str) -> bool:
    return ip is not None and _in_range(ip, text)


def _in_list(router: Router, prefix: str, ip: IP | None, name: str) -> bool:
    if ip is None:
        return False
    return any(
        e.get("list") == name and e.get("disabled") != "true" and _address(ip, e.get("address", ""))
        for e in router.items(prefix + "/firewall/address-list")
    )


def _ports(port: int, text: str) -> bool:
    for part in text.split(","):
        low, sep, high = part.partition("-")
        if int(low) <= port <= int(high if sep else low):
            return True
    return False


def list_members(router: Router, name: str, seen: frozenset[str] = frozenset()) -> set[str]:
    """Interfaces in ``/interface list`` ``name``: the builtin lists, members, ``include`` and ``exclude``."""
    interfaces = router.names("interface")
    if name == "all":
        return interfaces
    if name in ("none", "dynamic") or name in seen:
        return set()  # the simulator has no dynamic interfaces
    seen = seen | {name}
    members = {m["interface"] for m in router.items("/interface/list/member") if m.get("list") == name and m.get("disabled") != "true"}
    for entry in router.items("/interface/list"):
        if entry.get("name") == name:
            for other in filter(None, entry.get("include", "").split(",")):
                members |= list_members(router, other, seen)
            for other in filter(None, entry.get("exclude", "").split(",")):
                members -= list_members(router, other, seen)
    return members


def _no_mark(value: str) -> bool:
    return value == "no-mark"


MATCHERS: dict[str, Callable[[Router, Packet, str], bool]] = {
    "src-address": lambda r, p, v: _address(p.src, v),
    "dst-address": lambda r, p, v: _address(p.dst, v),
    "src-address-list": lambda r, p, v: _in_list(r, p.prefix, p.src, v),
    "dst-address-list": lambda r, p, v: _in_list(r, p.prefix, p.dst, v),
    "protocol": lambda r, p, v: v in ("tcp", "6"),
    "src-port": lambda r, p, v: _ports(p.src_port, v),
    "dst-port": lambda r, p, v: _ports(p.dst_port, v),
    "port": lambda r, p, v: _ports(p.src_port, v) or _ports(p.dst_port, v),
    "in-interface": lambda r, p, v: p.interface == v,
    "in-interface-list": lambda r, p, v: p.interface in list_members(r, v),
    # The input chain has no out-interface; no connection of the router's own services is NATed or marked.
    "out-interface": lambda r, p, v: False,
    "out-interface-list": lambda r, p, v: False,
    "connection-state": lambda r, p, v: p.state in v.split(","),
    "connection-nat-state": lambda r, p, v: False,
    "connection-mark": lambda r, p, v: _no_mark(v),
    "packet-mark": lambda r, p, v: _no_mark(v),
    "ipsec-policy": lambda r, p, v: v == "in,none",
}
REFERENCED = {"in-interface": "interface", "out-interface": "interface", "in-interface-list": "interface-list", "out-interface-list": "interface-list"}


def _matches(router: Router, rule: dict, pkt: Packet) -> bool:
    if any(rule.get(name) for name in UNEVALUATED):
        return False
    for name, matcher in MATCHERS.items():
        value = rule.get(name)
        if not value:
            continue
        negated = value.startswith("!")
        value = value[1:] if negated else value
        kind = REFERENCED.get(name)
        if kind and value not in router.names(kind):
            return False
        if matcher(router, pkt, value) == negated:
            return False
    return True
