"""What lies beyond the router: the simulated ISP's internet and resolvers, answering `/ping`, and
the LAN's DHCP clients taking leases.

`/ping` over the API (MikroTik wiki, API command notes: it takes the CLI's arguments and answers
one reply per packet, and returns only when interrupted or when `count` is reached) answers one
``!re`` per packet with ``seq``, ``host``, ``sent``, ``received`` and ``packet-loss``, plus
``size``, ``ttl`` and ``time`` for a reply or ``status=timeout`` for none. An address answers when:

- it is one of the router's own addresses;
- it is the gateway of an active route (the ISP's router on the WAN);
- it is anywhere else on the internet, the upstream forwards that family and an active route covers it (IPv4),
  or a DHCPv6 client is bound (IPv6; the ISP's router advertisements give the default route).

Addresses on the router's own LANs have no simulated hosts and never answer. While the upstream's
resolvers are cut (``/sim/upstream/set dns=no``) the addresses the router uses as DNS servers do
not answer either, whatever else does. The simulated ping does not wait ``interval`` between
packets, and needs ``count`` (a real router pings until ``/cancel``).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import dynamics
from .errors import Trap, invalid_value, missing_values, unknown_parameter
from .values import BOOL

if TYPE_CHECKING:
    from .router import Reply, Router

PING_ARGUMENTS = ("address", "count", "interval", "size", "ttl", "interface", "src-address", "do-not-fragment",
                  "routing-table", "arp-ping")


UPSTREAM_FLAGS = ("internet", "ipv6", "dns", "prefix", "pppoe")


@dataclass
class Upstream:
    """``internet``: the ISP forwards IPv4 beyond its router; ``ipv6``: it forwards IPv6 beyond it; ``dns``: its
    resolvers (and any DNS server the router uses) answer; ``prefix``: its DHCPv6 server delegates prefixes (without,
    the router's DHCPv6 client keeps searching); ``pppoe``: its access concentrator answers PPPoE clients, and accepts
    any user with a password, or only ``pppoe_password`` when that is set."""

    internet: bool = True
    ipv6: bool = True
    dns: bool = True
    prefix: bool = True
    pppoe: bool = True
    pppoe_password: str = ""


def _ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.split("/")[0])
    except ValueError:
        return None


def own_addresses(router: Router) -> set:
    found = set()
    for path in ("/ip/address", "/ipv6/address"):
        if path == "/ipv6/address" and not router.package_active("ipv6"):
            continue
        for item in router.items(path):
            if item.get("disabled") == "true":
                continue
            address = _ip(item.get(".shown", {}).get("address") or item.get("address", ""))
            if address is not None:
                found.add(address)
    return found


def dns_servers(router: Router) -> set:
    found = set()
    for item in router.items("/ip/dns"):
        words = [item.get("servers", "")] + [item.get(".shown", {}).get("dynamic-servers", "")]
        for word in ",".join(words).split(","):
            address = _ip(word.strip()) if word.strip() else None
            if address is not None:
                found.add(address)
    return found


def _active_routes(router: Router) -> list[dict]:
    return [r for r in router.items("/ip/route")
            if r.get("disabled") != "true" and r.get(".shown", {}).get("active", "true") == "true"]


def answers(router: Router, address) -> bool:
    if address in own_addresses(router):
        return True
    if address in dns_servers(router) and not router.upstream.dns:
        return False
    if address.version == 6:
        bound = any(c.get(".shown", {}).get("status") == "bound" for c in router.items("/ipv6/dhcp-client"))
        return bound and router.upstream.ipv6 and not address.is_link_local
    routes = _active_routes(router)
    if any(_ip(r.get("gateway", "")) == address for r in routes):
        return True
    covering = [r for r in routes if address in ipaddress.IPv4Network(r.get("dst-address", "0.0.0.0/0"))]
    if any(r.get("connect") == "true" for r in covering):
        return False  # one of the router's own networks, where no host is simulated
    return bool(covering) and router.upstream.internet


def ping(router: Router, attrs: dict[str, str]) -> list[Reply]:
    for name in attrs:
        if name not in PING_ARGUMENTS:
            raise unknown_parameter()
    if "address" not in attrs:
        raise missing_values(["address"])
    address = _ip(attrs["address"])
    if address is None or "/" in attrs["address"]:
        raise invalid_value("address")
    if "count" not in attrs:
        raise Trap("the simulator pings only with count= (a router pings until /cancel)")
    try:
        count = int(attrs["count"])
    except ValueError:
        raise invalid_value("count") from None
    if count < 1:
        raise invalid_value("count")
    up = answers(router, address)
    host = str(address)
    replies: list[Reply] = []
    for seq in range(count):
        row = {"seq": str(seq), "host": host}
        if up:
            row.update({"size": attrs.get("size", "56"), "ttl": "64" if address in own_addresses(router) else "57",
                        "time": "12ms"})
        else:
            row["status"] = "timeout"
        received = seq + 1 if up else 0
        row.update({"sent": str(seq + 1), "received": str(received),
                    "packet-loss": str(100 - received * 100 // (seq + 1))})
        if up:
            row.update({"min-rtt": "12ms", "avg-rtt": "12ms", "max-rtt": "12ms"})
        replies.append(("!re", row))
    return replies + [("!done", {})]


def resolves(router: Router) -> bool:
    """Whether the router can resolve a name: one of its DNS servers answers."""
    return any(answers(router, server) for server in dns_servers(router))


def _upstream_set(router: Router, attrs: dict[str, str]) -> list[Reply]:
    for name in attrs:
        if name not in UPSTREAM_FLAGS + ("pppoe-password",):
            raise unknown_parameter()
    if "pppoe-password" in attrs:
        router.upstream.pppoe_password = attrs.pop("pppoe-password")
    for name, value in attrs.items():
        try:
            setattr(router.upstream, name, BOOL.parse(value) == "true")
        except ValueError:
            raise invalid_value(name) from None
    dynamics.refresh(router)
    return [("!done", {})]


def _upstream_print(router: Router, attrs: dict[str, str]) -> list[Reply]:
    up = router.upstream
    row = {name: "true" if getattr(up, name) else "false" for name in UPSTREAM_FLAGS}
    row["pppoe-password"] = up.pppoe_password
    return [("!re", row), ("!done", {})]


def _pool_addresses(router: Router, pool_name: str) -> list:
    pool = next((p for p in router.items("/ip/pool") if p.get("name") == pool_name), None)
    if pool is None:
        return []
    found = []
    for part in pool.get("ranges", "").split(","):
        first, _dash, last = part.strip().partition("-")
        start = ipaddress.IPv4Address(first)
        end = ipaddress.IPv4Address(last or first)
        found.extend(ipaddress.IPv4Address(n) for n in range(int(start), int(end) + 1))
    return found


def _lease_add(router: Router, attrs: dict[str, str]) -> list[Reply]:
    """``count`` DHCP clients of server ``server`` take the lowest free addresses of its pool, as dynamic bound
    leases; a full pool leaves the rest without one."""
    for name in attrs:
        if name not in ("server", "count"):
            raise unknown_parameter()
    if "server" not in attrs:
        raise missing_values(["server"])
    server = next((s for s in router.items("/ip/dhcp-server") if s.get("name") == attrs["server"]), None)
    if server is None:
        raise invalid_value("server")
    try:
        count = int(attrs.get("count", "1"))
    except ValueError:
        raise invalid_value("count") from None
    leases = router.items("/ip/dhcp-server/lease")
    taken = {_ip(lease.get("address", "")) for lease in leases} | own_addresses(router)
    free = [a for a in _pool_addresses(router, server.get("address-pool", "")) if a not in taken]
    for address in free[:count]:
        number = len([lease for lease in leases if lease.get(".owner") == "sim-client"]) + 1
        leases.append({
            ".id": router.new_id(), ".dynamic": True, ".owner": "sim-client",
            "address": str(address), "mac-address": "02:00:00:00:%02X:%02X" % (number >> 8, number & 0xFF),
            "server": attrs["server"], "lease-time": server.get("lease-time", "10m"),
            ".shown": {"status": "bound", "host-name": "client-%d" % number},
        })
    return [("!done", {"ret": str(min(count, len(free)))})]


def _lease_clear(router: Router, attrs: dict[str, str]) -> list[Reply]:
    leases = router.items("/ip/dhcp-server/lease")
    leases[:] = [lease for lease in leases if lease.get(".owner") != "sim-client"]
    return [("!done", {})]


def pppoe_monitor(router: Router, attrs: dict[str, str]) -> list[Reply]:
    """``/interface/pppoe-client/monitor``: one row per client named by ``numbers``, as ``once`` answers on a router
    (without ``once`` a router answers until ``/cancel``; the simulator answers once either way)."""
    for name in attrs:
        if name not in ("numbers", "once", ".id"):
            raise unknown_parameter()
    wanted = attrs.get("numbers", attrs.get(".id", ""))
    if not wanted:
        raise missing_values(["numbers"])
    clients = router.items("/interface/pppoe-client")
    replies: list[Reply] = []
    for word in wanted.split(","):
        client = next((c for c in clients if word in (c.get(".id"), c.get("name"))), None)
        if client is None:
            raise Trap("no such item")
        replies.append(("!re", dict(client.get(".monitor", {"status": "disabled"}))))
    return replies + [("!done", {})]


COMMANDS = {
    "/sim/upstream/set": _upstream_set,
    "/sim/upstream/print": _upstream_print,
    "/sim/lease/add": _lease_add,
    "/sim/lease/clear": _lease_clear,
}
