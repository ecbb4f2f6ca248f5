"""Factory states: ``blank`` (a hAP with nothing configured) and ``defconf`` (MikroTik's v6 SOHO
default configuration, as a v6 hAP's `/export` shows it), built through the same commands a client would send."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .dynamics import refresh

if TYPE_CHECKING:
    from .router import Router

FACTORIES = ("blank", "defconf")

SERVICES = (
    ("telnet", "23"),
    ("ftp", "21"),
    ("www", "80"),
    ("ssh", "22"),
    ("www-ssl", "443"),
    ("api", "8728"),
    ("winbox", "8291"),
    ("api-ssl", "8729"),
)
PACKAGES = ("system", "ipv6", "wireless", "hotspot", "dhcp", "ppp", "routing", "security", "advanced-tools")
ETHERNETS = ("ether1", "ether2", "ether3", "ether4", "ether5")


def mac(router: Router, port: int) -> str:
    """Deterministic MAC from MikroTik's 4C:5E:0C block: router number, then port number."""
    return f"4C:5E:0C:{router.options.index:02X}:00:{port:02X}"


def _blank(router: Router) -> dict[str, Any]:
    state: dict[str, Any] = {"next_id": 1, "menus": {}}
    router.state = state

    def add(path: str, **values: Any) -> None:
        router.items(path).append({".id": router.new_id(), **values})

    for port, name in enumerate(ETHERNETS, start=1):
        add("/interface/ethernet", **{"name": name, "default-name": name, "mac-address": mac(router, port), "orig-mac-address": mac(router, port)})
    wlan_mac = mac(router, len(ETHERNETS) + 1)
    add("/interface/wireless", **{"name": "wlan1", "default-name": "wlan1", "mac-address": wlan_mac, "disabled": "true",
                                  "interface-type": "Atheros 11N"})
    add("/interface/wireless/security-profiles", name="default", **{"supplicant-identity": "MikroTik", ".default": True})
    for name in ("all", "none", "dynamic"):
        add("/interface/list", name=name, **{".builtin": True})
    for name, port in SERVICES:
        certificate = {"certificate": "none"} if name.endswith("-ssl") else {}
        add("/ip/service", name=name, port=port, **certificate)
    add("/ipv6/nd", interface="all", **{".default": True})
    add("/snmp/community", name="public", **{".default": True})
    add("/user", name="admin", group="full", password="")
    users = {user["name"]: user for user in router.items("/user")}
    for name, password in router.options.users.items():
        # --user names an account: an existing one (admin) gets the password; names stay unique, as on RouterOS.
        if name in users:
            users[name].update(group="full", password=password)
        else:
            add("/user", name=name, group="full", password=password)
    version = router.options.version
    for name in PACKAGES:
        disabled = "true" if name == "ipv6" and not router.options.ipv6_package else "false"
        add("/system/package", name=name, version=version, **{"build-time": "", "disabled": disabled})
    major = version.split(".")[0]
    router.items("/system/resource")[0].update(
        {
            "uptime": "0s",
            "version": f"{version} ({router.options.channel})",
            "build-time": "",
            "factory-software": "6.44.6" if major == "6" else version,
            "free-memory": "36.2MiB",
            "total-memory": "64.0MiB",
            "cpu": "MIPS 24Kc V7.4",
            "cpu-count": "1",
            "cpu-frequency": "650MHz",
            "cpu-load": "1%",
            "free-hdd-space": "3.4MiB",
            "total-hdd-space": "16.0MiB",
            "architecture-name": "mipsbe",
            "board-name": "hAP ac lite",
            "platform": "MikroTik",
        }
    )
    router.items("/system/routerboard")[0].update(
        {
            "routerboard": "true",
            "model": "RB952Ui-5ac2nD",
            "serial-number": f"SIM{router.options.index:09d}",
            "firmware-type": "qca9531L",
            "factory-firmware": "6.44.6",
            "current-firmware": version,
            "upgrade-firmware": version,
        }
    )
    router.items("/system/clock")[0].update({"time": "", "date": ""})
    return state


# The v6 defconf of a hAP, as the commands RouterOS runs on first boot.
DEFCONF_IPV4 = (
    ("/interface/bridge/add", {"name": "bridge", "comment": "defconf"}),
    # Newer hAPs ship with a WPA2 key of their own (printed on the sticker) in the default profile.
    ("/interface/wireless/security-profiles/set", {".id": "default", "mode": "dynamic-keys", "authentication-types": "wpa-psk,wpa2-psk",
                                                   "wpa-pre-shared-key": "sticker-key-0000", "wpa2-pre-shared-key": "sticker-key-0000"}),
    ("/interface/wireless/set", {".id": "wlan1", "disabled": "no", "mode": "ap-bridge", "ssid": "MikroTik"}),
    ("/interface/list/add", {"name": "WAN", "comment": "defconf"}),
    ("/interface/list/add", {"name": "LAN", "comment": "defconf"}),
    ("/ip/pool/add", {"name": "dhcp", "ranges": "192.168.88.10-192.168.88.254"}),
    ("/ip/dhcp-server/add", {"name": "defconf", "address-pool": "dhcp", "interface": "bridge", "disabled": "no"}),
    *(("/interface/bridge/port/add", {"bridge": "bridge", "interface": name, "comment": "defconf"}) for name in ETHERNETS[1:] + ("wlan1",)),
    ("/ip/neighbor/discovery-settings/set", {"discover-interface-list": "LAN"}),
    ("/interface/list/member/add", {"list": "LAN", "interface": "bridge", "comment": "defconf"}),
    ("/interface/list/member/add", {"list": "WAN", "interface": "ether1", "comment": "defconf"}),
    ("/ip/address/add", {"address": "192.168.88.1/24", "interface": "bridge", "comment": "defconf"}),
    ("/ip/dhcp-client/add", {"interface": "ether1", "disabled": "no", "comment": "defconf"}),
    ("/ip/dhcp-server/network/add", {"address": "192.168.88.0/24", "gateway": "192.168.88.1", "comment": "defconf"}),
    ("/ip/dns/set", {"allow-remote-requests": "yes"}),
    ("/ip/dns/static/add", {"name": "router.lan", "address": "192.168.88.1", "comment": "defconf"}),
    *(
        ("/ip/firewall/filter/add", {**rule, "comment": f"defconf: {comment}"})
        for comment, rule in (
            ("accept established,related,untracked", {"chain": "input", "action": "accept", "connection-state": "established,related,untracked"}),
            ("drop invalid", {"chain": "input", "action": "drop", "connection-state": "invalid"}),
            ("accept ICMP", {"chain": "input", "action": "accept", "protocol": "icmp"}),
            ("accept to local loopback (for CAPsMAN)", {"chain": "input", "action": "accept", "dst-address": "127.0.0.1"}),
            ("drop all not coming from LAN", {"chain": "input", "action": "drop", "in-interface-list": "!LAN"}),
            ("accept in ipsec policy", {"chain": "forward", "action": "accept", "ipsec-policy": "in,ipsec"}),
            ("accept out ipsec policy", {"chain": "forward", "action": "accept", "ipsec-policy": "out,ipsec"}),
            ("fasttrack", {"chain": "forward", "action": "fasttrack-connection", "connection-state": "established,related"}),
            ("accept established,related, untracked", {"chain": "forward", "action": "accept", "connection-state": "established,related,untracked"}),
            ("drop invalid", {"chain": "forward", "action": "drop", "connection-state": "invalid"}),
            (
                "drop all from WAN not DSTNATed",
                {"chain": "forward", "action": "drop", "connection-state": "new", "connection-nat-state": "!dstnat", "in-interface-list": "WAN"},
            ),
        )
    ),
    (
        "/ip/firewall/nat/add",
        {"chain": "srcnat", "action": "masquerade", "out-interface-list": "WAN", "ipsec-policy": "out,none", "comment": "defconf: masquerade"},
    ),
    ("/tool/mac-server/set", {"allowed-interface-list": "LAN"}),
    ("/tool/mac-server/mac-winbox/set", {"allowed-interface-list": "LAN"}),
)

BAD_IPV6 = (
    ("::/128", "unspecified address"),
    ("::1/128", "lo"),
    ("fec0::/10", "site-local"),
    ("::ffff:0.0.0.0/96", "ipv4-mapped"),
    ("::/96", "ipv4 compat"),
    ("100::/64", "discard only "),
    ("2001:db8::/32", "documentation"),
    ("2001:10::/28", "ORCHID"),
    ("3ffe::/16", "6bone"),
)

_IPSEC = (
    ("accept IKE", {"action": "accept", "protocol": "udp", "dst-port": "500,4500"}),
    ("accept ipsec AH", {"action": "accept", "protocol": "ipsec-ah"}),
    ("accept ipsec ESP", {"action": "accept", "protocol": "ipsec-esp"}),
    ("accept all that matches ipsec policy", {"action": "accept", "ipsec-policy": "in,ipsec"}),
)
IPV6_RULES = (
    ("accept established,related,untracked", {"chain": "input", "action": "accept", "connection-state": "established,related,untracked"}),
    ("drop invalid", {"chain": "input", "action": "drop", "connection-state": "invalid"}),
    ("accept ICMPv6", {"chain": "input", "action": "accept", "protocol": "icmpv6"}),
    ("accept UDP traceroute", {"chain": "input", "action": "accept", "protocol": "udp", "port": "33434-33534"}),
    (
        "accept DHCPv6-Client prefix delegation.",
        {"chain": "input", "action": "accept", "protocol": "udp", "dst-port": "546", "src-address": "fe80::/10"},
    ),
    *((comment, {"chain": "input", **rule}) for comment, rule in _IPSEC),
    ("drop everything else not coming from LAN", {"chain": "input", "action": "drop", "in-interface-list": "!LAN"}),
    ("accept established,related,untracked", {"chain": "forward", "action": "accept", "connection-state": "established,related,untracked"}),
    ("drop invalid", {"chain": "forward", "action": "drop", "connection-state": "invalid"}),
    ("drop packets with bad src ipv6", {"chain": "forward", "action": "drop", "src-address-list": "bad_ipv6"}),
    ("drop packets with bad dst ipv6", {"chain": "forward", "action": "drop", "dst-address-list": "bad_ipv6"}),
    ("rfc4890 drop hop-limit=1", {"chain": "forward", "action": "drop", "protocol": "icmpv6", "hop-limit": "equal:1"}),
    ("accept ICMPv6", {"chain": "forward", "action": "accept", "protocol": "icmpv6"}),
    ("accept HIP", {"chain": "forward", "action": "accept", "protocol": "139"}),
    *((comment, {"chain": "forward", **rule}) for comment, rule in _IPSEC),
    ("drop everything else not coming from LAN", {"chain": "forward", "action": "drop", "in-interface-list": "!LAN"}),
)
DEFCONF_IPV6 = (
    *(("/ipv6/firewall/address-list/add", {"list": "bad_ipv6", "address": a, "comment": f"defconf: {c}"}) for a, c in BAD_IPV6),
    *(("/ipv6/firewall/filter/add", {**rule, "comment": f"defconf: {comment}"}) for comment, rule in IPV6_RULES),
)


def build(router: Router, name: str) -> dict[str, Any]:
    """Return a fresh state for factory ``name``; ``router.state`` is replaced while building."""
    if name not in FACTORIES:
        raise ValueError(f"unknown factory {name!r}; choose from {', '.join(FACTORIES)}")
    state = _blank(router)
    if name == "defconf":
        commands = DEFCONF_IPV4 + (DEFCONF_IPV6 if router.package_active("ipv6") else ())
        for command, attrs in commands:
            router.apply(command, dict(attrs))
    refresh(router)
    return state
