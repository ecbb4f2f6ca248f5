"""What the lab cafe's guests may and may not do, judged by the simulator's firewall (/sim/firewall/judge) from the
rules on the router in their order: a guest opens no connection to the LAN, to the other guest network or to the
router's management, for IPv4 and IPv6, and reaches the internet, the router's DNS and DHCP (and ICMP); and SNMP
reaches the router from the cafe's monitoring server only (the monitoring role)."""

from __future__ import annotations

import ipaddress

INTERNET4, INTERNET6 = "93.184.216.34", "2606:4700::1111"
# The cafe's networks (inventories/lab/host_vars/cafe.yml): where a host of each arrives, and a host address.
NETWORKS = {
    "lan": {"interface": "ether2", "l3": "bridge", "host4": "192.168.88.10"},
    "guest": {"interface": "ether5", "l3": "guest", "host4": "192.168.99.50"},
    "kiosk": {"interface": "kiosk", "l3": "kiosk", "host4": "192.168.30.50"},
    # A client of the guest SSID arrives on its virtual access point.
    "guest-wifi": {"interface": "guest-wifi", "l3": "guest-wifi", "host4": "192.168.98.50"},
}
GUESTS = ("guest", "kiosk", "guest-wifi")
MANAGEMENT = (("tcp", 8728, "api"), ("tcp", 8729, "api-ssl"), ("tcp", 8291, "winbox"), ("tcp", 22, "ssh"),
              ("tcp", 443, "www-ssl"), ("tcp", 80, "www"), ("tcp", 23, "telnet"), ("udp", 161, "snmp"))


def _addresses(sim, router):
    """{l3 interface: {4: router address, 6: router address}} as the router shows them."""
    found = {}
    for path, family in (("/ip/address", 4), ("/ipv6/address", 6)):
        for row in _rows(sim, router, path):
            address = ipaddress.ip_interface(row["address"])
            if address.ip.is_link_local:
                continue
            found.setdefault(row["interface"], {}).setdefault(family, address)
    return found


def _rows(sim, router, path):
    api = sim.api(router)
    try:
        return [r for r in api.path(*path.strip("/").split("/")) if r.get("address") and not r.get("disabled") and not r.get("invalid")]
    finally:
        api.close()


def _port_names(sim, router):
    """The current name of each Ethernet port by its factory name (a router set up by hand renames them)."""
    api = sim.api(router)
    try:
        return {row["default-name"]: row["name"] for row in api.path("interface", "ethernet") if row.get("default-name")}
    finally:
        api.close()


def expectations(sim, router):
    """(what, src, dst, arriving on, protocol, port, allowed) for every guest network of the cafe, IPv4 and IPv6."""
    addresses = _addresses(sim, router)
    ports = _port_names(sim, router)
    cases = []
    for family in (4, 6):
        hosts = {}
        for name, net in NETWORKS.items():
            router_address = addresses.get(net["l3"], {}).get(family)
            if router_address is None:
                raise AssertionError("the cafe has no IPv%d address on %s" % (family, net["l3"]))
            host = net["host4"] if family == 4 else str(router_address.network.network_address + 0x50)
            hosts[name] = (host, str(router_address.ip))
        internet = INTERNET4 if family == 4 else INTERNET6
        icmp = "icmp" if family == 4 else "icmpv6"
        for guest in GUESTS:
            src, gateway = hosts[guest]
            where = ports.get(NETWORKS[guest]["interface"], NETWORKS[guest]["interface"])
            for other in [n for n in NETWORKS if n != guest]:
                for protocol, port in (("tcp", 80), ("tcp", 445), ("udp", 4500), (icmp, 0)):
                    cases.append(("IPv%d %s -> %s host %s %s" % (family, guest, other, protocol, port or ""), src, hosts[other][0],
                                  where, protocol, port, False))
            for target, router_address in (("its gateway", gateway), ("the router's LAN address", hosts["lan"][1]),
                                           ("the other guest gateway", hosts[[g for g in GUESTS if g != guest][0]][1])):
                for protocol, port, service in MANAGEMENT:
                    cases.append(("IPv%d %s -> %s %s" % (family, guest, target, service), src, router_address, where, protocol, port, False))
            cases += [
                ("IPv%d %s -> internet https" % (family, guest), src, internet, where, "tcp", 443, True),
                ("IPv%d %s -> internet DNS" % (family, guest), src, internet, where, "udp", 53, True),
                ("IPv%d %s -> router DNS over UDP" % (family, guest), src, gateway, where, "udp", 53, True),
                ("IPv%d %s -> router DNS over TCP" % (family, guest), src, gateway, where, "tcp", 53, True),
                ("IPv%d %s -> router %s" % (family, guest, icmp), src, gateway, where, icmp, 0, True),
            ]
            if family == 4:
                cases.append(("IPv4 %s -> router DHCP" % guest, src, gateway, where, "udp", 67, True))
        lan_host, lan_gateway = hosts["lan"]
        lan_port = ports.get(NETWORKS["lan"]["interface"], NETWORKS["lan"]["interface"])
        cases += [
            ("IPv%d LAN -> internet https" % family, lan_host, internet, lan_port, "tcp", 443, True),
            ("IPv%d LAN -> router winbox" % family, lan_host, lan_gateway, lan_port, "tcp", 8291, True),
        ]
    return cases


def judge(api, src, dst, interface, protocol, port):
    """The simulator's verdict on one packet, asked on an open API session ``api``."""
    attrs = {"src-address": src, "dst-address": dst, "in-interface": interface, "protocol": protocol}
    if not protocol.startswith("icmp"):
        attrs["dst-port"] = str(port)
    (row,) = list(api("/sim/firewall/judge", **attrs))
    return row


def violations(sim, router):
    """The expectations the router's firewall does not meet, as lines naming the case and the deciding rule."""
    found = []
    cases = expectations(sim, router)
    api = sim.api(router)
    try:
        for what, src, dst, interface, protocol, port, allowed in cases:
            row = judge(api, src, dst, interface, protocol, port)
            if (row["verdict"] == "accept") != allowed:
                found.append("%s: %s by %r (%s chain)" % (what, row["verdict"], row["rule"], row["chain"]))
    finally:
        api.close()
    return found


# The cafe's monitoring server (inventories/lab/host_vars/cafe.yml), and what decides SNMP (UDP 161) to the router from
# each kind of source: the monitoring role's accept for the server, its drop for the LAN, a guest rule for a guest.
MONITOR = "192.168.88.20"
SNMP = {
    "monitoring server": ("accept", "soho:monitoring: input: accept SNMP from 192.168.88.20/32"),
    "other LAN host": ("drop", "soho:monitoring: input: drop SNMP from anyone else"),
    "IPv6 LAN host": ("drop", "soho:monitoring: input: drop SNMP from anyone else"),
    "guest": ("drop", "soho:guest: "),
    "internet": ("drop", ""),
}


def snmp_verdicts(sim, router):
    """{who: (verdict, deciding rule)} for SNMP to the cafe router, IPv4 and IPv6, judged on the rules in order."""
    addresses, ports = _addresses(sim, router), _port_names(sim, router)
    lan6 = addresses["bridge"][6]
    asks = {"monitoring server": (MONITOR, "192.168.88.1", "ether2"),
            "other LAN host": (NETWORKS["lan"]["host4"], "192.168.88.1", "ether2"),
            "IPv6 LAN host": (str(lan6.network.network_address + 0x10), str(lan6.ip), "ether2"),
            "guest": (NETWORKS["guest"]["host4"], "192.168.99.1", "ether5"),
            "internet": (INTERNET4, "192.168.88.1", "ether1")}
    api = sim.api(router)
    try:
        verdicts = {}
        for who, (src, dst, port) in asks.items():
            row = judge(api, src, dst, ports.get(port, port), "udp", 161)
            verdicts[who] = (row["verdict"], row["rule"])
        return verdicts
    finally:
        api.close()


def snmp_violations(sim, router):
    """The SNMP expectations the cafe router's firewall does not meet, as lines naming the source and the deciding rule
    (a rule is expected by its comment's start)."""
    return ["SNMP from the %s: %s by %r" % (who, verdict, rule) for who, (verdict, rule) in snmp_verdicts(sim, router).items()
            if verdict != SNMP[who][0] or not str(rule or "").startswith(SNMP[who][1])]
