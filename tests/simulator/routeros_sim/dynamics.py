"""Dynamic entries and derived values, recomputed after every applied write.

A simulated ISP sits behind every interface that runs a DHCP client: router number N leases
100.64.N.(100+k)/24 with gateway and DNS 100.64.N.1, and delegates 2001:db8:NKK::/56 (N in hex,
KK the client's position) to DHCPv6 prefix requests. Its access concentrator gives the PPPoE client at
position k the address 100.64.N.(200+k)/32 with the peer (and DNS) 100.64.N.1. Dynamic entries carry ``.owner`` so each
refresh keeps the ids of entries whose content did not change.
"""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING, Any

from . import wireless
from .menus import INTERFACE_MENUS

if TYPE_CHECKING:
    from .router import Item, Router

FASTTRACK_DUMMY = {
    "chain": "forward",
    "action": "passthrough",
    "comment": "special dummy rule to show fasttrack counters",
}


def refresh(router: Router) -> None:
    wireless.refresh(router)
    _interfaces(router)
    peer_dns = _pppoe_clients(router)
    _dhcp_clients(router, peer_dns)
    _connected_routes(router)
    _route_status(router)
    _fasttrack_dummy(router)
    if router.package_active("ipv6"):
        _ipv6_clients(router)
        _ipv6_addresses(router)
        _link_local(router)
        _ipv6_connected_routes(router)
    _ntp_client(router)


def interfaces(router: Router) -> dict[str, Item]:
    return {item["name"]: item for m in INTERFACE_MENUS for item in router.items(m.path)}


def enabled(router: Router, name: str) -> bool:
    item = interfaces(router).get(name)
    return item is not None and item.get("disabled", "false") != "true"


def mac_of(item: Item) -> str:
    return item.get("mac-address") or item.get(".shown", {}).get("mac-address", "")


def _configured(item: Item) -> dict[str, str]:
    return {k: v for k, v in item.items() if not k.startswith(".")}


def _sync(router: Router, path: str, owner: str, desired: list[dict[str, str]]) -> None:
    """Make the dynamic entries of ``owner`` in ``path`` equal ``desired``; unchanged entries keep
    their ids, so a refresh after an unrelated write changes nothing a client can see."""
    items = router.items(path)
    current = [i for i in items if i.get(".owner") == owner]
    if [_configured(i) for i in current] == desired:
        return
    items[:] = [i for i in items if i.get(".owner") != owner]
    items.extend({".id": router.new_id(), ".dynamic": True, ".owner": owner, **d} for d in desired)


def _drop_orphans(router: Router, path: str, prefix: str, live: set[str]) -> None:
    items = router.items(path)
    items[:] = [i for i in items if not str(i.get(".owner", "")).startswith(prefix) or i[".owner"] in live]


def _interfaces(router: Router) -> None:
    """Bridges take the MAC of their first port (or admin-mac); VLANs the MAC of their parent."""
    by_name = interfaces(router)
    ports = router.items("/interface/bridge/port")
    for index, bridge in enumerate(router.items("/interface/bridge")):
        first_port = next((by_name.get(p["interface"]) for p in ports if p.get("bridge") == bridge["name"]), None)
        if bridge.get("auto-mac", "true") == "false" and bridge.get("admin-mac"):
            mac = bridge["admin-mac"]
        elif first_port is not None:
            mac = mac_of(first_port)
        else:
            mac = f"4E:5E:0C:{router.options.index:02X}:10:{index:02X}"
        bridge[".shown"] = {"mac-address": mac}
    for vlan in router.items("/interface/vlan"):
        parent = by_name.get(vlan.get("interface", ""))
        vlan[".shown"] = {"mac-address": mac_of(parent) if parent else ""}


def _ip_addresses(router: Router) -> None:
    for item in router.items("/ip/address"):
        network = ipaddress.IPv4Interface(item["address"]).network.network_address
        item[".shown"] = {
            "network": item.get("network", str(network)),
            "actual-interface": item["interface"],
            "invalid": "false" if item["interface"] in interfaces(router) else "true",
        }


def _isp(router: Router) -> str:
    return f"100.64.{router.options.index}"


def _pppoe_state(router: Router, client: Item) -> str:
    if client.get("disabled", "true") == "true":
        return "disabled"
    if not enabled(router, client.get("interface", "")) or not router.upstream.pppoe:
        return "dialing"
    secret = router.upstream.pppoe_password
    if not client.get("user") or not client.get("password") or (secret and client["password"] != secret):
        return "authentication failed"
    return "connected"


def _pppoe_clients(router: Router) -> list[str]:
    """PPPoE clients connect at once when the access concentrator answers on their port and takes their password; each
    change of state is logged as v6 logs it (topics pppoe,ppp,info). The DNS servers the peers give are returned."""
    from . import log

    live = set()
    dns_servers = []
    for position, client in enumerate(router.items("/interface/pppoe-client")):
        owner = f"pppoe-client:{client['.id']}"
        live.add(owner)
        name = client["name"]
        state = _pppoe_state(router, client)
        if state != client.get(".state", "disabled"):
            if state == "connected":
                log.write(router, "pppoe,ppp,info", f"{name}: connected")
            elif state == "authentication failed":
                log.write(router, "pppoe,ppp,info", f"{name}: terminating... - authentication failed")
            elif client.get(".state") == "connected":
                log.write(router, "pppoe,ppp,info", f"{name}: disconnected")
        client[".state"] = state
        addresses: list[dict[str, str]] = []
        routes: list[dict[str, str]] = []
        if state == "connected":
            local, peer = f"{_isp(router)}.{200 + position}", f"{_isp(router)}.1"
            client[".monitor"] = {"status": "connected", "uptime": "1s", "active-links": "1", "encoding": "",
                                  "service-name": client.get("service-name", ""), "ac-name": "isp-ac1",
                                  "ac-mac": "02:00:5E:00:01:01", "mtu": "1480", "mru": "1480",
                                  "local-address": local, "remote-address": peer}
            addresses.append({"address": f"{local}/32", "network": peer, "interface": name})
            if client.get("add-default-route") == "true":
                routes.append({"dst-address": "0.0.0.0/0", "gateway": name,
                               "distance": client.get("default-route-distance", "1")})
            if client.get("use-peer-dns") == "true":
                dns_servers.append(peer)
        else:
            # After a refused password the client hangs up and dials again: between attempts it shows disconnected.
            client[".monitor"] = {"status": "disconnected" if state == "authentication failed" else state}
        client[".shown"] = {"running": "true" if state == "connected" else "false"}
        _sync(router, "/ip/address", owner, addresses)
        _sync(router, "/ip/route", owner, routes)
    _drop_orphans(router, "/ip/address", "pppoe-client:", live)
    _drop_orphans(router, "/ip/route", "pppoe-client:", live)
    return dns_servers


def _dhcp_clients(router: Router, peer_dns: list[str]) -> None:
    live = set()
    dns_servers = list(peer_dns)
    bound = 0
    for client in router.items("/ip/dhcp-client"):
        owner = f"dhcp-client:{client['.id']}"
        live.add(owner)
        desired_addresses: list[dict[str, str]] = []
        desired_routes: list[dict[str, str]] = []
        if client.get("disabled", "true") == "true":
            client[".shown"] = {"status": "stopped"}
        elif not enabled(router, client["interface"]):
            client[".shown"] = {"status": "searching..."}
        else:
            gateway = f"{_isp(router)}.1"
            address = f"{_isp(router)}.{100 + bound}/24"
            bound += 1
            client[".shown"] = {
                "status": "bound",
                "address": address,
                "gateway": gateway,
                "dhcp-server": gateway,
                "primary-dns": gateway,
                "expires-after": "10m",
            }
            desired_addresses.append({"address": address, "interface": client["interface"]})
            if client.get("add-default-route", "yes") != "no":
                desired_routes.append(
                    {
                        "dst-address": "0.0.0.0/0",
                        "gateway": gateway,
                        "distance": client.get("default-route-distance", "1"),
                    }
                )
            if client.get("use-peer-dns", "true") == "true":
                dns_servers.append(gateway)
        _sync(router, "/ip/address", owner, desired_addresses)
        _sync(router, "/ip/route", owner, desired_routes)
    _drop_orphans(router, "/ip/address", "dhcp-client:", live)
    _drop_orphans(router, "/ip/route", "dhcp-client:", live)
    _ip_addresses(router)
    dns = router.items("/ip/dns")
    if dns:
        dns[0][".shown"] = {"dynamic-servers": ",".join(dict.fromkeys(dns_servers))}


def _connected_routes(router: Router) -> None:
    """Every enabled address on an existing interface has a dynamic connected route (DAC)."""
    desired = []
    for item in router.items("/ip/address"):
        if item.get("disabled") == "true" or item[".shown"]["invalid"] == "true":
            continue
        interface = ipaddress.IPv4Interface(item["address"])
        # A point-to-point address (PPP: address/32 with the peer as network) routes to the peer.
        peer = item.get("network") if interface.network.prefixlen == 32 else None
        desired.append(
            {
                "dst-address": f"{peer}/32" if peer else str(interface.network),
                "gateway": item["interface"],
                "pref-src": str(interface.ip),
                "distance": "0",
                "scope": "10",
                "connect": "true",
            }
        )
    _sync(router, "/ip/route", "connected", desired)


def _route_status(router: Router) -> None:
    """A route is active while its gateway is reachable: an address of the router's own networks on an enabled
    interface, or an enabled interface named as gateway (MikroTik IP/Route manual, gateway reachability)."""
    networks = []
    for item in router.items("/ip/address"):
        if item.get("disabled") != "true" and item[".shown"]["invalid"] == "false" and enabled(router, item["interface"]):
            networks.append(ipaddress.IPv4Interface(item["address"]).network)
    for route in router.items("/ip/route"):
        shown = route.setdefault(".shown", {})
        gateway = route.get("gateway", "").split("%")[0]
        if route.get("disabled") == "true":
            active = False
        elif route.get("connect") == "true" or not gateway or route.get("type") not in (None, "unicast"):
            active = True
        else:
            try:
                address = ipaddress.IPv4Address(gateway)
            except ValueError:
                active = enabled(router, gateway)
            else:
                active = any(address in network for network in networks)
        shown["active"] = "true" if active else "false"


def _ntp_client(router: Router) -> None:
    """The SNTP client of v6 shows from which server its last update came (MikroTik NTP manual, v6 status
    properties); the simulated one gets an update at once when a server it names answers (a name resolves while
    one of the router's DNS servers answers)."""
    from .upstream import answers, resolves

    for client in router.items("/system/ntp/client"):
        servers = [client.get(name, "0.0.0.0") for name in ("primary-ntp", "secondary-ntp")]
        reachable = [s for s in servers if s != "0.0.0.0" and answers(router, ipaddress.ip_address(s))]
        names = [n for n in client.get("server-dns-names", "").split(",") if n]
        if names and resolves(router) and answers(router, ipaddress.ip_address("192.0.2.123")):
            reachable.append("192.0.2.123")
        if client.get("enabled") == "true" and reachable:
            client[".shown"] = {"active-server": reachable[0], "last-update-from": reachable[0],
                                "last-update-before": "30s", "last-adjustment": "1ms", "poll-interval": "15m"}
        else:
            client[".shown"] = {}


def _fasttrack_dummy(router: Router) -> None:
    """The builtin counter rule stays first whatever a move or place-before did."""
    rules = router.items("/ip/firewall/filter")
    wanted = any(r.get("action") == "fasttrack-connection" and not r.get(".dynamic") for r in rules)
    _sync(router, "/ip/firewall/filter", "fasttrack", [dict(FASTTRACK_DUMMY)] if wanted else [])
    dummy = [r for r in rules if r.get(".owner") == "fasttrack"]
    for rule in dummy:
        rule[".builtin"] = True
    rules[:] = dummy + [r for r in rules if r.get(".owner") != "fasttrack"]


def _ipv6_clients(router: Router) -> None:
    live = set()
    for position, client in enumerate(router.items("/ipv6/dhcp-client")):
        owner = f"dhcpv6-client:{client['.id']}"
        live.add(owner)
        pools: list[dict[str, str]] = []
        routes: list[dict[str, str]] = []
        if client.get("disabled") == "true":
            client[".shown"] = {"status": "stopped"}
        elif not enabled(router, client["interface"]) or not router.upstream.prefix:
            client[".shown"] = {"status": "searching..."}
        else:
            client[".shown"] = {"status": "bound"}
            if "prefix" in client["request"].split(","):
                prefix = f"2001:db8:{(router.options.index << 8) + position:x}::/56"
                client[".shown"]["prefix"] = f"{prefix}, 1d"
                pools.append(
                    {
                        "name": client["pool-name"],
                        "prefix": prefix,
                        "prefix-length": client.get("pool-prefix-length", "64"),
                        "expires-after": "1d",
                    }
                )
            # add-default-route: a dynamic default route via the DHCPv6 server's link-local address on the client's
            # interface (MikroTik IPv6 DHCP client manual).
            if client.get("add-default-route") == "true":
                routes.append({"dst-address": "::/0", "gateway": f"fe80::1%{client['interface']}", "distance": "1"})
        _sync(router, "/ipv6/pool", owner, pools)
        _sync(router, "/ipv6/route", owner, routes)
    _drop_orphans(router, "/ipv6/pool", "dhcpv6-client:", live)
    _drop_orphans(router, "/ipv6/route", "dhcpv6-client:", live)


def eui64_host(mac: str) -> int:
    octets = [int(part, 16) for part in mac.split(":")] if mac else [0] * 6
    octets[0] ^= 0x02
    return int.from_bytes(bytes(octets[:3] + [0xFF, 0xFE] + octets[3:]), "big")


def _ipv6_addresses(router: Router) -> None:
    """``from-pool`` addresses take the next subnet of the pool; ``eui-64`` or the given
    ``address`` (``::1/64``) supplies the host part."""
    pools = {p["name"]: p for p in router.items("/ipv6/pool")}
    used: dict[str, set[int]] = {}
    by_name = interfaces(router)
    for item in router.items("/ipv6/address"):
        if item.get(".dynamic"):
            continue
        shown: dict[str, Any] = {"actual-interface": item["interface"], "invalid": "false"}
        pool = pools.get(item.get("from-pool", ""))
        if "from-pool" in item and pool is None:
            shown["invalid"] = "true"
        if pool is not None:
            length = int(pool["prefix-length"])
            taken = used.setdefault(pool["name"], set())
            slot = item.get(".slot")
            if slot is None or slot in taken:
                slot = next(n for n in range(1 << 16) if n not in taken)
                item[".slot"] = slot
            taken.add(slot)
            subnet = ipaddress.IPv6Network(pool["prefix"]).network_address + (slot << (128 - length))
            host_mask = (1 << (128 - length)) - 1
            if item.get("eui-64") == "true":
                host = eui64_host(mac_of(by_name.get(item["interface"], {})))
            elif "address" in item:
                host = int(ipaddress.IPv6Interface(item["address"]).ip)
            else:
                host = 0
            shown["address"] = f"{ipaddress.IPv6Address(int(subnet) | (host & host_mask))}/{length}"
        elif item.get("eui-64") == "true" and "address" in item:
            network = ipaddress.IPv6Interface(item["address"]).network
            host = eui64_host(mac_of(by_name.get(item["interface"], {}))) & ((1 << (128 - network.prefixlen)) - 1)
            shown["address"] = f"{ipaddress.IPv6Address(int(network.network_address) | host)}/{network.prefixlen}"
        item[".shown"] = shown


def _link_local(router: Router) -> None:
    """Every running interface that is not a bridge port has a dynamic fe80::/64 EUI-64 address."""
    ports = {p["interface"] for p in router.items("/interface/bridge/port")}
    live = set()
    for name, item in interfaces(router).items():
        owner = f"link-local:{item['.id']}"
        live.add(owner)
        desired = []
        if name not in ports and item.get("disabled", "false") != "true":
            address = ipaddress.IPv6Address((0xFE80 << 112) | (eui64_host(mac_of(item)) & ((1 << 64) - 1)))
            desired.append({"address": f"{address}/64", "interface": name, "advertise": "false"})
        _sync(router, "/ipv6/address", owner, desired)
        for entry in router.items("/ipv6/address"):
            if entry.get(".owner") == owner:
                entry[".shown"] = {"actual-interface": name, "link-local": "true"}
    _drop_orphans(router, "/ipv6/address", "link-local:", live)


def _ipv6_connected_routes(router: Router) -> None:
    """As for IPv4: every enabled, valid global address has a dynamic connected route. Link-local
    routes are left out: whether v6 prints them is not verified."""
    desired = []
    for item in router.items("/ipv6/address"):
        shown = item.get(".shown", {})
        address = shown.get("address") or item.get("address")
        if item.get("disabled") == "true" or shown.get("invalid") == "true" or not address:
            continue
        network = ipaddress.IPv6Interface(address).network
        if network.is_link_local:
            continue
        desired.append(
            {
                "dst-address": str(network),
                "gateway": item["interface"],
                "distance": "0",
                "scope": "10",
                "connect": "true",
            }
        )
    _sync(router, "/ipv6/route", "connected", list({d["dst-address"] + d["gateway"]: d for d in desired}.values()))
