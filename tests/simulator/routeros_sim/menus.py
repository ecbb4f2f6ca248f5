"""Declarative definitions of the RouterOS v6 menus the simulator emulates.

A menu is data: its fields with v6 defaults in print order, which are required or read-only, what
they reference, which field combinations must be unique, and what kind of menu it is. The router
(router.py) interprets these definitions; an exporter can walk them to print non-default values.
Defaults are stored in printed form (see values.py); ``None`` means the property is absent from
print until it is set.
"""

from __future__ import annotations

from dataclasses import dataclass, field as dc_field

from . import values as v
from .datetimes import V6_DATE, V6_TIME

LIST = "list"  # add/set/remove, ids *N
SINGLE = "single"  # one entry without .id, only set (/ip dns)
FIXED = "fixed"  # entries exist from the factory, set/enable/disable only (/ip service)
VIEW = "view"  # read-only rows computed from other menus (/interface, /user active)

LIST_COMMANDS = ("print", "getall", "listen", "add", "set", "unset", "remove", "enable", "disable")
KIND_COMMANDS = {
    LIST: LIST_COMMANDS,
    SINGLE: ("print", "getall", "listen", "set"),
    FIXED: ("print", "getall", "listen", "set", "enable", "disable"),
    VIEW: ("print", "getall", "listen"),
}

# Exact v6 trap texts for duplicates.
DUP_ADDRESS = "failure: already have such address"
DUP_ENTRY = "failure: already have such entry"
DUP_INTERFACE = "failure: already have interface with such name"
DUP_USER = "failure: user with the same name already exists"

# v6 scheduler/script policy default.
DEFAULT_POLICY = "ftp,reboot,read,write,policy,test,password,sniff,sensitive,romon"
POLICIES = tuple(DEFAULT_POLICY.split(",")) + ("api", "winbox", "web", "local", "ssh", "telnet", "dude")


@dataclass(frozen=True)
class Field:
    name: str
    type: v.ValueType = v.TEXT
    default: str | None = None
    required: bool = False
    readonly: bool = False
    # Kind of object the value names (see REFERENCES); the value must name an existing one.
    ref: str | None = None
    # Values accepted besides references, such as ``all`` or ``static-only``.
    ref_extra: tuple[str, ...] = ()
    # Firewall matchers take a leading ``!`` to negate.
    negatable: bool = False
    # Written but never printed (passwords).
    secret: bool = False
    # Printed, but left out of `export hide-sensitive` (the PPPoE client's password).
    sensitive: bool = False


@dataclass(frozen=True)
class Unique:
    fields: tuple[str, ...]
    message: str


@dataclass(frozen=True)
class Menu:
    path: str
    fields: tuple[Field, ...]
    kind: str = LIST
    ordered: bool = False
    unique: tuple[Unique, ...] = ()
    # Field whose value also works as an id (``/interface/set =.id=ether1``).
    name_field: str | None = None
    # Generated name prefix when ``name`` is not given on add (``dhcp`` -> ``dhcp1``).
    auto_name: str | None = None
    # Entries are interfaces of this type: names are unique across all of them and they appear in
    # the /interface view.
    interface_type: str | None = None
    # Package that must be active for the menu to exist.
    package: str | None = None
    commands: tuple[str, ...] = ()
    by_name: dict[str, Field] = dc_field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_name", {f.name: f for f in self.fields})
        if not self.commands:
            commands = KIND_COMMANDS[self.kind]
            if self.ordered:
                commands += ("move",)
            object.__setattr__(self, "commands", commands)


def F(name: str, type_: v.ValueType = v.TEXT, default: str | None = None, **kw) -> Field:
    return Field(name, type_, default, **kw)


def ro(name: str, default: str | None = None, type_: v.ValueType = v.TEXT) -> Field:
    return Field(name, type_, default, readonly=True)


COMMENT = F("comment")
DISABLED = F("disabled", v.BOOL, "false")
DYNAMIC = ro("dynamic", "false", v.BOOL)
INVALID = ro("invalid", "false", v.BOOL)


def ref(name: str, kind: str, required: bool = False, default: str | None = None, **kw) -> Field:
    return Field(name, v.TEXT, default, required=required, ref=kind, **kw)


def _interface(path: str, type_: str, fields: tuple[Field, ...], kind: str = LIST, **kw) -> Menu:
    return Menu(
        path,
        fields,
        kind=kind,
        name_field="name",
        interface_type=type_,
        unique=(Unique(("name",), DUP_INTERFACE),),
        **kw,
    )


# v6 /interface wireless values (MikroTik manual, Interface/Wireless).
WIRELESS_MODES = ("station", "station-wds", "station-pseudobridge", "station-pseudobridge-clone", "station-bridge",
                  "ap-bridge", "bridge", "alignment-only", "nstreme-dual-slave", "wds-slave")
WIRELESS_BANDS = ("2ghz-b", "2ghz-b/g", "2ghz-b/g/n", "2ghz-onlyg", "2ghz-onlyn", "2ghz-g/n", "5ghz-a", "5ghz-a/n",
                  "5ghz-a/n/ac", "5ghz-onlyn", "5ghz-onlyac", "5ghz-n/ac")
CHANNEL_WIDTHS = ("5mhz", "10mhz", "20mhz", "20/40mhz-Ce", "20/40mhz-eC", "20/40mhz-XX", "40mhz-turbo", "20/40/80mhz-Ceee",
                  "20/40/80mhz-eCee", "20/40/80mhz-eeCe", "20/40/80mhz-eeeC", "20/40/80mhz-XXXX")
WPA_KEY = v.Pattern(r"|[\x20-\x7e]{8,63}|[0-9A-Fa-f]{64}")

ARP_MODES = v.Enum(("disabled", "enabled", "local-proxy-arp", "proxy-arp", "reply-only"))
ARP_TIMEOUT = v.OrWord(v.DURATION, "auto")

# Firewall matcher values (MikroTik manual, Firewall Filter and NAT); v6 prints them as given.
_RATE = r"\d+[kMG]?(/\d*[smhdw])?"
LIMIT = v.Pattern(_RATE + r",\d+(:(packet|bit))?")
DST_LIMIT = v.Pattern(_RATE + r",\d+,(addresses-and-dst-port|dst-address|dst-address-and-port|src-address|src-and-dst-addresses)(/\d+)?(,\d+[smhdw]?)?")
TTL_MATCH = v.Pattern(r"(equal|greater-than|less-than|not-equal):\d{1,3}", 255)
ICMP_OPTIONS = v.Pattern(r"\d{1,3}(-\d{1,3})?(:\d{1,3}(-\d{1,3})?)?", 255)
PER_CONNECTION_CLASSIFIER = v.Pattern(
    r"(both-addresses|both-addresses-and-ports|both-ports|dst-address|dst-address-and-port|dst-port|src-address|src-address-and-port|src-port):\d+/\d+"
)
TCP_FLAGS = v.FlagList(("ack", "cwr", "ece", "fin", "psh", "rst", "syn", "urg"))
ADDRESS_TYPES = {
    4: v.EnumList(("blackhole", "broadcast", "local", "multicast", "prohibit", "unicast", "unreachable")),
    6: v.EnumList(("anycast", "local", "multicast", "unicast", "unreachable")),
}
CONNECTION_LIMIT = {4: v.Pattern(r"\d+,(3[0-2]|[12]?\d)"), 6: v.Pattern(r"\d+,(12[0-8]|1[01]\d|\d?\d)")}
IPV4_OPTIONS = v.Enum((
    "any", "loose-source-routing", "no-record-route", "no-router-alert", "no-source-routing", "no-timestamp", "none",
    "record-route", "router-alert", "strict-source-routing", "timestamp",
))


# Matchers that need connection tracking: the raw table, which runs before it, has none of them (Manual:IP/Firewall/Raw).
CONNTRACK_MATCHERS = frozenset((
    "connection-state", "connection-nat-state", "connection-type", "connection-mark", "connection-limit", "connection-bytes",
    "connection-rate",
))


def _firewall_rule_fields(
    family: int, actions: tuple[str, ...], extra: tuple[Field, ...] = (), table: str = "filter"
) -> tuple[Field, ...]:
    """The properties of a rule of ``table`` (filter, nat, mangle, raw): only filter has ``reject-with``, raw has no
    connection-tracking matchers."""
    fields = _firewall_rule_candidates(family, actions, extra)
    return tuple(f for f in fields if not (table == "raw" and f.name in CONNTRACK_MATCHERS)
                 and not (table != "filter" and f.name == "reject-with"))


def _firewall_rule_candidates(family: int, actions: tuple[str, ...], extra: tuple[Field, ...]) -> tuple[Field, ...]:
    address = v.AddressMatch(family)
    by_family = (
        (F("ttl", TTL_MATCH, negatable=True), F("ipv4-options", IPV4_OPTIONS, negatable=True), F("fragment", v.BOOL, negatable=True))
        if family == 4
        else (F("hop-limit", TTL_MATCH, negatable=True),)
    )
    return (
        F("chain", required=True),
        F("action", v.Enum(actions), "accept"),
        F("src-address", address, negatable=True),
        F("dst-address", address, negatable=True),
        F("src-address-list", negatable=True),
        F("dst-address-list", negatable=True),
        F("src-address-type", ADDRESS_TYPES[family], negatable=True),
        F("dst-address-type", ADDRESS_TYPES[family], negatable=True),
        F("protocol", v.PROTOCOL, negatable=True),
        F("src-port", v.PORTS, negatable=True),
        F("dst-port", v.PORTS, negatable=True),
        F("port", v.PORTS, negatable=True),
        ref("in-interface", "interface", negatable=True),
        ref("out-interface", "interface", negatable=True),
        ref("in-interface-list", "interface-list", negatable=True),
        ref("out-interface-list", "interface-list", negatable=True),
        ref("in-bridge-port", "interface", negatable=True),
        ref("out-bridge-port", "interface", negatable=True),
        F("src-mac-address", v.MAC, negatable=True),
        F("connection-state", v.EnumList(("established", "related", "new", "invalid", "untracked")), negatable=True),
        F("connection-nat-state", v.EnumList(("srcnat", "dstnat")), negatable=True),
        F("connection-type", v.Enum(("ftp", "h323", "irc", "pptp", "quake3", "sip", "tftp")), negatable=True),
        F("connection-mark", negatable=True),
        F("packet-mark", negatable=True),
        F("connection-limit", CONNECTION_LIMIT[family], negatable=True),
        F("connection-bytes", v.NumberRange(0, 2**32 - 1), negatable=True),
        F("connection-rate", v.NumberRange(0, 2**32 - 1), negatable=True),
        F("ipsec-policy", v.IPSEC_POLICY),
        F("icmp-options", ICMP_OPTIONS, negatable=True),
        F("tcp-flags", TCP_FLAGS),
        F("tcp-mss", v.NumberRange(), negatable=True),
        F("packet-size", v.NumberRange(), negatable=True),
        F("dscp", v.Int(0, 63), negatable=True),
        *by_family,
        F("content", negatable=True),
        F("limit", LIMIT, negatable=True),
        F("dst-limit", DST_LIMIT, negatable=True),
        F("nth", v.Pattern(r"\d+,\d+"), negatable=True),
        F("random", v.Int(1, 99), negatable=True),
        F("per-connection-classifier", PER_CONNECTION_CLASSIFIER, negatable=True),
        F("jump-target"),
        F("reject-with"),
        F("address-list"),
        F("address-list-timeout", v.DURATION),
        *extra,
        F("log", v.BOOL, "false"),
        F("log-prefix", default=""),
        ro("bytes", "0"),
        ro("packets", "0"),
        INVALID,
        DYNAMIC,
        DISABLED,
        COMMENT,
    )


FILTER_ACTIONS = (
    "accept", "add-dst-to-address-list", "add-src-to-address-list", "drop", "fasttrack-connection",
    "jump", "log", "passthrough", "reject", "return", "tarpit",
)
NAT_ACTIONS = (
    "accept", "add-dst-to-address-list", "add-src-to-address-list", "dst-nat", "jump", "log",
    "masquerade", "netmap", "passthrough", "redirect", "return", "same", "src-nat",
)
RAW_ACTIONS = ("accept", "add-dst-to-address-list", "add-src-to-address-list", "drop", "jump", "log", "notrack", "passthrough", "return")
IPV6_FILTER_ACTIONS = tuple(a for a in FILTER_ACTIONS if a not in ("fasttrack-connection", "tarpit"))


def _address_list(path: str, family: int, package: str | None = None) -> Menu:
    return Menu(
        path,
        (
            F("list", required=True),
            F("address", v.AddressMatch(family), required=True),
            F("timeout", v.DURATION),
            ro("creation-time"),
            DYNAMIC,
            DISABLED,
            COMMENT,
        ),
        unique=(Unique(("list", "address"), DUP_ENTRY),),
        package=package,
    )


ETHERNET_RATES = (
    "10M-half", "10M-full", "100M-half", "100M-full", "1000M-half", "1000M-full", "2500M-full", "5000M-full", "10000M-full",
)

# v6 default of the ND ``advertise-dns`` property is not verified; the
# simulator picks ``no``, the conservative value, and the collection must set it explicitly.
ND_ADVERTISE_DNS_DEFAULT = "false"
# Manual:IPv6/ND: router advertisements go out at random intervals between 3 s and 30 min.
ND_RA_INTERVAL_MIN, ND_RA_INTERVAL_MAX = 3, 1800

MENUS: tuple[Menu, ...] = (
    Menu(
        "/interface",
        (
            F("name"),
            ro("default-name"),
            ro("type"),
            ro("mtu", "1500"),
            ro("actual-mtu", "1500"),
            ro("mac-address"),
            ro("running", None, v.BOOL),
            ro("slave", "false", v.BOOL),
            DYNAMIC,
            DISABLED,
            COMMENT,
        ),
        kind=VIEW,
        name_field="name",
        commands=("print", "getall", "listen", "set", "enable", "disable"),
    ),
    _interface(
        "/interface/ethernet",
        "ether",
        (
            F("name"),
            ro("default-name"),
            F("mtu", v.Int(64, 9000), "1500"),
            # The hAP ac lite's ports: 10/100 Mbit/s, l2mtu 1598.
            F("l2mtu", v.Int(0, 65535), "1598"),
            F("mac-address", v.MAC),
            ro("orig-mac-address"),
            F("arp", ARP_MODES, "enabled"),
            F("arp-timeout", ARP_TIMEOUT, "auto"),
            F("loop-protect", v.Enum(("default", "off", "on")), "default"),
            F("loop-protect-disable-time", v.DURATION, "5m"),
            F("loop-protect-send-interval", v.DURATION, "5s"),
            F("auto-negotiation", v.BOOL, "true"),
            F("advertise", v.EnumList(ETHERNET_RATES), "10M-half,10M-full,100M-half,100M-full"),
            F("speed", v.Enum(("10Mbps", "100Mbps", "1Gbps", "10Gbps")), "100Mbps"),
            F("full-duplex", v.BOOL, "true"),
            F("tx-flow-control", v.Enum(("auto", "off", "on")), "off"),
            F("rx-flow-control", v.Enum(("auto", "off", "on")), "off"),
            F("bandwidth", default="unlimited/unlimited"),
            ro("running", None, v.BOOL),
            DISABLED,
            COMMENT,
        ),
        kind=FIXED,
    ),
    # The radios the router was made with (default-name) and the virtual access points added on them
    # (master-interface); a new wireless interface is disabled unless told otherwise
    # (https://wiki.mikrotik.com/wiki/Manual:Interface/Wireless).
    _interface(
        "/interface/wireless",
        "wlan",
        (
            F("name"),
            ro("default-name"),
            ref("master-interface", "wireless"),
            ro("interface-type"),
            F("mtu", v.Int(64, 2290), "1500"),
            F("mac-address", v.MAC),
            F("mode", v.Enum(WIRELESS_MODES), "station"),
            F("ssid", v.Pattern(r".{1,32}"), "MikroTik"),
            F("band", v.Enum(WIRELESS_BANDS), "2ghz-b/g/n"),
            F("channel-width", v.Enum(CHANNEL_WIDTHS), "20mhz"),
            F("frequency", v.OrWord(v.Int(2192, 6100), "auto"), "auto"),
            F("country", default="etsi"),
            F("installation", v.Enum(("any", "indoor", "outdoor")), "any"),
            ref("security-profile", "security-profile", default="default"),
            F("wps-mode", v.Enum(("disabled", "push-button", "push-button-virtual-only")), "push-button"),
            F("default-forwarding", v.BOOL, "true"),
            F("hide-ssid", v.BOOL, "false"),
            ro("running", None, v.BOOL),
            F("disabled", v.BOOL, "true"),
            COMMENT,
        ),
        auto_name="wlan",
    ),
    # How clients of a wireless interface authenticate, and the keys; the factory profile `default`
    # cannot be removed. v6 prints the keys to users with the sensitive policy; `export hide-sensitive`
    # leaves them out. A passphrase is 8-63 characters, a raw key 64 hex digits (IEEE 802.11i).
    Menu(
        "/interface/wireless/security-profiles",
        (
            F("name", required=True),
            F("mode", v.Enum(("none", "static-keys-required", "static-keys-optional", "dynamic-keys")), "none"),
            F("authentication-types", v.OrWord(v.EnumList(("wpa-psk", "wpa2-psk", "wpa-eap", "wpa2-eap")), ""), ""),
            F("unicast-ciphers", v.EnumList(("tkip", "aes-ccm")), "aes-ccm"),
            F("group-ciphers", v.EnumList(("tkip", "aes-ccm")), "aes-ccm"),
            F("wpa-pre-shared-key", WPA_KEY, "", sensitive=True),
            F("wpa2-pre-shared-key", WPA_KEY, "", sensitive=True),
            F("supplicant-identity", default=""),
            F("group-key-update", v.DURATION, "5m"),
            F("management-protection", v.Enum(("disabled", "allowed", "required")), "disabled"),
            ro("default", "false", v.BOOL),
            COMMENT,
        ),
        name_field="name",
        unique=(Unique(("name",), DUP_ENTRY),),
    ),
    _interface(
        "/interface/bridge",
        "bridge",
        (
            F("name", required=True),
            F("mtu", v.OrWord(v.Int(68, 65535), "auto"), "auto"),
            ro("actual-mtu", "1500"),
            ro("l2mtu", "65535"),
            ro("mac-address"),
            F("admin-mac", v.MAC),
            F("auto-mac", v.BOOL, "true"),
            F("arp", ARP_MODES, "enabled"),
            F("arp-timeout", ARP_TIMEOUT, "auto"),
            F("ageing-time", v.DURATION, "5m"),
            F("fast-forward", v.BOOL, "true"),
            F("igmp-snooping", v.BOOL, "false"),
            F("dhcp-snooping", v.BOOL, "false"),
            F("protocol-mode", v.Enum(("none", "rstp", "stp", "mstp")), "rstp"),
            F("priority", v.Hex(0, 0xFFFF), "0x8000"),
            F("max-message-age", v.BoundedDuration(6, 40), "20s"),
            F("forward-delay", v.BoundedDuration(4, 30), "15s"),
            F("transmit-hold-count", v.Int(1, 10), "6"),
            F("vlan-filtering", v.BOOL, "false"),
            ro("running", "true", v.BOOL),
            DISABLED,
            COMMENT,
        ),
        auto_name="bridge",
    ),
    Menu(
        "/interface/bridge/port",
        (
            ref("interface", "interface", required=True),
            ref("bridge", "bridge", required=True),
            F("priority", v.Hex(0, 0xF0), "0x80"),
            F("path-cost", v.Int(1, 200000000), "10"),
            F("internal-path-cost", v.Int(1, 200000000), "10"),
            F("edge", v.Enum(("auto", "no", "no-discover", "yes", "yes-discover")), "auto"),
            F("point-to-point", v.Enum(("auto", "no", "yes")), "auto"),
            F("learn", v.Enum(("auto", "no", "yes")), "auto"),
            F("horizon", v.OrWord(v.Int(), "none"), "none"),
            F("hw", v.BOOL, "true"),
            F("auto-isolate", v.BOOL, "false"),
            F("restricted-role", v.BOOL, "false"),
            F("restricted-tcn", v.BOOL, "false"),
            F("bpdu-guard", v.BOOL, "false"),
            F("trusted", v.BOOL, "false"),
            F("pvid", v.Int(1, 4094), "1"),
            F("frame-types", v.Enum(("admit-all", "admit-only-untagged-and-priority-tagged", "admit-only-vlan-tagged")), "admit-all"),
            F("ingress-filtering", v.BOOL, "false"),
            F("tag-stacking", v.BOOL, "false"),
            F("broadcast-flood", v.BOOL, "true"),
            F("unknown-unicast-flood", v.BOOL, "true"),
            F("unknown-multicast-flood", v.BOOL, "true"),
            F("multicast-router", v.Enum(("disabled", "permanent", "temporary-query")), "temporary-query"),
            F("fast-leave", v.BOOL, "false"),
            INVALID,
            DYNAMIC,
            DISABLED,
            COMMENT,
        ),
        unique=(Unique(("interface",), DUP_ENTRY),),
    ),
    _interface(
        "/interface/vlan",
        "vlan",
        (
            F("name", required=True),
            F("mtu", v.Int(64, 65535), "1500"),
            ro("mac-address"),
            F("arp", ARP_MODES, "enabled"),
            F("vlan-id", v.Int(1, 4095), required=True),
            ref("interface", "interface", required=True),
            F("use-service-tag", v.BOOL, "false"),
            ro("running", "true", v.BOOL),
            DISABLED,
            COMMENT,
        ),
        auto_name="vlan",
    ),
    # MikroTik manual, PPPoE client (v6): the properties and their defaults; v6 prints the password to users with the
    # sensitive policy and `export hide-sensitive` leaves it out. A new client is disabled unless told otherwise.
    _interface(
        "/interface/pppoe-client",
        "pppoe-out",
        (
            F("name", required=True),
            ref("interface", "interface", required=True),
            F("user", default=""),
            F("password", default="", sensitive=True),
            F("service-name", default=""),
            F("ac-name", default=""),
            F("profile", default="default"),
            F("allow", v.EnumList(("mschap2", "mschap1", "chap", "pap")), "mschap2,mschap1,chap,pap"),
            F("add-default-route", v.BOOL, "false"),
            F("default-route-distance", v.Int(0, 255), "1"),
            F("use-peer-dns", v.BOOL, "false"),
            F("dial-on-demand", v.BOOL, "false"),
            F("keepalive-timeout", v.Int(1, 4294967295), "60"),
            F("max-mtu", v.OrWord(v.Int(64, 65535), "auto"), "auto"),
            F("max-mru", v.OrWord(v.Int(64, 65535), "auto"), "auto"),
            F("mrru", v.OrWord(v.Int(1500, 16384), "disabled"), "disabled"),
            ro("running", "false", v.BOOL),
            F("disabled", v.BOOL, "true"),
            COMMENT,
        ),
        auto_name="pppoe-out",
        commands=LIST_COMMANDS + ("monitor",),
    ),
    Menu(
        "/interface/list",
        (
            F("name", required=True),
            F("include", default=""),
            F("exclude", default=""),
            ro("builtin", "false", v.BOOL),
            ro("dynamic", "false", v.BOOL),
            COMMENT,
        ),
        name_field="name",
        unique=(Unique(("name",), DUP_ENTRY),),
        commands=("print", "getall", "listen", "add", "set", "unset", "remove"),
    ),
    Menu(
        "/interface/list/member",
        (ref("list", "interface-list", required=True), ref("interface", "interface", required=True), DYNAMIC, DISABLED, COMMENT),
        unique=(Unique(("list", "interface"), DUP_ENTRY),),
    ),
    Menu(
        "/ip/address",
        (
            F("address", v.IPV4_INTERFACE, required=True),
            # Computed from address unless given; v6 exports write it (``network=192.168.88.0``).
            F("network", v.IPV4),
            ref("interface", "interface", required=True),
            ro("actual-interface"),
            INVALID,
            DYNAMIC,
            DISABLED,
            COMMENT,
        ),
        unique=(Unique(("address", "interface"), DUP_ADDRESS),),
    ),
    Menu(
        "/ip/pool",
        (F("name", required=True), F("ranges", v.POOL_RANGES, required=True), ref("next-pool", "ip-pool", default="none", ref_extra=("none",)), COMMENT),
        name_field="name",
        unique=(Unique(("name",), DUP_ENTRY),),
        auto_name="pool",
        commands=("print", "getall", "listen", "add", "set", "unset", "remove"),
    ),
    Menu(
        "/ip/dhcp-client",
        (
            ref("interface", "interface", required=True),
            F("add-default-route", v.Enum(("yes", "no", "special-classless")), "yes"),
            F("default-route-distance", v.Int(0, 255), "1"),
            F("use-peer-dns", v.BOOL, "true"),
            F("use-peer-ntp", v.BOOL, "true"),
            F("dhcp-options", default="hostname,clientid"),
            F("script"),
            ro("status"),
            ro("address"),
            ro("gateway"),
            ro("dhcp-server"),
            ro("primary-dns"),
            ro("expires-after"),
            INVALID,
            DYNAMIC,
            # MikroTik DHCP manual: a v6 dhcp-client is created disabled unless told otherwise.
            F("disabled", v.BOOL, "true"),
            COMMENT,
        ),
        unique=(Unique(("interface",), DUP_ENTRY),),
        commands=LIST_COMMANDS + ("renew", "release"),
    ),
    Menu(
        "/ip/dhcp-server",
        (
            F("name", required=False),
            ref("interface", "interface", required=True),
            F("relay", v.IPV4, "0.0.0.0"),
            F("lease-time", v.DURATION, "10m"),
            ref("address-pool", "ip-pool", default="static-only", ref_extra=("static-only",)),
            F("authoritative", v.Enum(("after-10sec-delay", "after-2sec-delay", "no", "yes")), "yes"),
            F("add-arp", v.BOOL, "false"),
            F("bootp-support", v.Enum(("none", "static", "dynamic")), "static"),
            F("lease-script", default=""),
            # Manual:IP/DHCP Server: RADIUS for leases, answers by broadcast, the wait of a secondary server.
            F("use-radius", v.BOOL, "false"),
            F("always-broadcast", v.BOOL, "false"),
            F("delay-threshold", v.OrWord(v.DURATION, "none"), "none"),
            INVALID,
            DYNAMIC,
            # MikroTik DHCP manual: created disabled in v6.
            F("disabled", v.BOOL, "true"),
            COMMENT,
        ),
        name_field="name",
        auto_name="dhcp",
        unique=(Unique(("name",), DUP_ENTRY),),
    ),
    Menu(
        "/ip/dhcp-server/network",
        (
            F("address", v.IPV4_NETWORK, required=True),
            F("gateway", v.ADDRESS_LIST),
            F("netmask", v.Int(0, 32)),
            F("dns-server", v.ADDRESS_LIST),
            F("domain"),
            F("ntp-server", v.ADDRESS_LIST),
            F("wins-server", v.ADDRESS_LIST),
            F("dhcp-option"),
            COMMENT,
        ),
        unique=(Unique(("address",), DUP_ENTRY),),
        commands=("print", "getall", "listen", "add", "set", "unset", "remove"),
    ),
    Menu(
        "/ip/dhcp-server/lease",
        (
            F("address", v.IPV4, required=True),
            F("mac-address", v.MAC, required=True),
            F("client-id"),
            ref("server", "dhcp-server", default="all", ref_extra=("all",)),
            F("lease-time", v.DURATION, "0s"),
            F("address-lists", default=""),
            ro("status", "waiting"),
            ro("host-name"),
            DYNAMIC,
            DISABLED,
            COMMENT,
        ),
        unique=(Unique(("mac-address", "server"), DUP_ENTRY),),
    ),
    Menu(
        "/ip/dns",
        (
            F("servers", v.ADDRESS_LIST, ""),
            ro("dynamic-servers", ""),
            F("allow-remote-requests", v.BOOL, "false"),
            F("max-udp-packet-size", v.Int(50, 65507), "4096"),
            F("query-server-timeout", v.DURATION, "2s"),
            F("query-total-timeout", v.DURATION, "10s"),
            F("max-concurrent-queries", v.Int(), "100"),
            F("max-concurrent-tcp-sessions", v.Int(), "20"),
            F("cache-size", v.KibSize(64, 4294967295), "2048KiB"),
            F("cache-max-ttl", v.DURATION, "1w"),
            ro("cache-used", "24"),
        ),
        kind=SINGLE,
    ),
    Menu(
        "/ip/dns/static",
        (
            F("name"),
            F("regexp"),
            F("address", v.IPV4),
            F("ttl", v.DURATION, "1d"),
            DYNAMIC,
            DISABLED,
            COMMENT,
        ),
        ordered=True,
    ),
    Menu(
        "/ip/route",
        (
            F("dst-address", v.IPV4_NETWORK, "0.0.0.0/0"),
            F("gateway", v.IPV4_GATEWAY),
            ro("gateway-status"),
            F("pref-src", v.IPV4),
            F("distance", v.Int(0, 255), "1"),
            F("scope", v.Int(0, 255), "30"),
            F("target-scope", v.Int(0, 255), "10"),
            F("routing-mark"),
            F("check-gateway", v.Enum(("arp", "ping"))),
            F("type", v.Enum(("unicast", "blackhole", "prohibit", "unreachable"))),
            ro("active", "true", v.BOOL),
            ro("connect", None, v.BOOL),
            INVALID,
            DYNAMIC,
            DISABLED,
            COMMENT,
        ),
    ),
    Menu("/ip/firewall/filter", _firewall_rule_fields(4, FILTER_ACTIONS), ordered=True),
    Menu(
        "/ip/firewall/nat",
        _firewall_rule_fields(4, NAT_ACTIONS, (F("to-addresses", v.AddressMatch(4)), F("to-ports", v.PORTS)), table="nat"),
        ordered=True,
    ),
    Menu("/ip/firewall/raw", _firewall_rule_fields(4, RAW_ACTIONS, table="raw"), ordered=True),
    _address_list("/ip/firewall/address-list", 4),
    Menu(
        "/ip/service",
        (
            ro("name"),
            F("port", v.Int(1, 65535)),
            F("address", v.ADDRESS_LIST, ""),
            ref("certificate", "certificate", ref_extra=("none",)),
            ro("invalid", "false", v.BOOL),
            DISABLED,
        ),
        kind=FIXED,
        name_field="name",
    ),
    Menu("/ip/neighbor/discovery-settings", (ref("discover-interface-list", "interface-list", default="all"),), kind=SINGLE),
    Menu("/tool/mac-server", (ref("allowed-interface-list", "interface-list", default="all"),), kind=SINGLE),
    Menu("/tool/mac-server/mac-winbox", (ref("allowed-interface-list", "interface-list", default="all"),), kind=SINGLE),
    Menu("/tool/mac-server/ping", (F("enabled", v.BOOL, "true"),), kind=SINGLE),
    Menu(
        "/ip/settings",
        (
            F("ip-forward", v.BOOL, "true"),
            F("send-redirects", v.BOOL, "true"),
            F("accept-source-route", v.BOOL, "false"),
            F("accept-redirects", v.BOOL, "false"),
            F("secure-redirects", v.BOOL, "true"),
            F("rp-filter", v.Enum(("no", "loose", "strict")), "no"),
            F("tcp-syncookies", v.BOOL, "false"),
            F("max-neighbor-entries", v.Int(), "8192"),
            F("arp-timeout", v.DURATION, "30s"),
            F("icmp-rate-limit", v.Int(), "10"),
            F("icmp-rate-mask", default="0x1818"),
            F("route-cache", v.BOOL, "true"),
            F("allow-fast-path", v.BOOL, "true"),
        ),
        kind=SINGLE,
    ),
    Menu(
        "/ipv6/address",
        (
            F("address", v.IPV6_INTERFACE),
            ref("from-pool", "ipv6-pool"),
            ref("interface", "interface", required=True),
            ro("actual-interface"),
            F("eui-64", v.BOOL, "false"),
            F("advertise", v.BOOL, "true"),
            F("no-dad", v.BOOL, "false"),
            ro("link-local", "false", v.BOOL),
            INVALID,
            DYNAMIC,
            DISABLED,
            COMMENT,
        ),
        unique=(Unique(("address", "interface"), DUP_ADDRESS),),
        package="ipv6",
    ),
    Menu(
        "/ipv6/pool",
        (F("name", required=True), F("prefix", v.IPV6_NETWORK, required=True), F("prefix-length", v.Int(1, 128), required=True), ro("expires-after"), DYNAMIC),
        name_field="name",
        unique=(Unique(("name",), DUP_ENTRY),),
        package="ipv6",
        commands=("print", "getall", "listen", "add", "set", "unset", "remove"),
    ),
    Menu(
        "/ipv6/dhcp-client",
        (
            ref("interface", "interface", required=True),
            F("request", v.EnumList(("address", "prefix")), required=True),
            F("pool-name", required=True),
            F("pool-prefix-length", v.Int(1, 128), "64"),
            F("prefix-hint", v.IPV6_NETWORK, "::/0"),
            F("add-default-route", v.BOOL, "false"),
            F("default-route-distance", v.Int(0, 255), "1"),
            F("use-peer-dns", v.BOOL, "true"),
            F("rapid-commit", v.BOOL, "true"),
            ro("status"),
            ro("prefix"),
            ro("address"),
            INVALID,
            DYNAMIC,
            DISABLED,
            COMMENT,
        ),
        unique=(Unique(("interface", "request"), DUP_ENTRY),),
        package="ipv6",
        commands=LIST_COMMANDS + ("renew", "release"),
    ),
    Menu(
        "/ipv6/route",
        (
            F("dst-address", v.IPV6_NETWORK, "::/0"),
            F("gateway", v.IPV6_GATEWAY, required=True),
            ro("gateway-status"),
            F("distance", v.Int(0, 255), "1"),
            F("scope", v.Int(0, 255), "30"),
            F("target-scope", v.Int(0, 255), "10"),
            F("check-gateway", v.Enum(("ping",))),
            F("type", v.Enum(("unicast", "unreachable"))),
            ro("active", "true", v.BOOL),
            ro("connect", None, v.BOOL),
            INVALID,
            DYNAMIC,
            DISABLED,
            COMMENT,
        ),
        package="ipv6",
    ),
    Menu(
        "/ipv6/nd",
        (
            ref("interface", "interface", required=True, ref_extra=("all",)),
            F("ra-interval", v.DurationRange(ND_RA_INTERVAL_MIN, ND_RA_INTERVAL_MAX), "3m20s-10m"),
            F("ra-delay", v.DURATION, "3s"),
            F("mtu", v.OrWord(v.Int(), "unspecified"), "unspecified"),
            F("reachable-time", v.OrWord(v.BoundedDuration(0, 3600), "unspecified"), "unspecified"),
            F("retransmit-interval", v.OrWord(v.BoundedDuration(0, 4294967), "unspecified"), "unspecified"),
            F("ra-lifetime", v.OrWord(v.DURATION, "none"), "30m"),
            F("hop-limit", v.OrWord(v.Int(0, 255), "unspecified"), "unspecified"),
            F("advertise-mac-address", v.BOOL, "true"),
            F("advertise-dns", v.BOOL, ND_ADVERTISE_DNS_DEFAULT),
            F("managed-address-configuration", v.BOOL, "false"),
            F("other-configuration", v.BOOL, "false"),
            ro("default", "false", v.BOOL),
            INVALID,
            DISABLED,
            COMMENT,
        ),
        unique=(Unique(("interface",), DUP_ENTRY),),
        package="ipv6",
    ),
    Menu(
        "/ipv6/settings",
        (
            F("disable-ipv6", v.BOOL, "false"),
            F("forward", v.BOOL, "true"),
            F("accept-redirects", v.Enum(("no", "yes-if-forwarding-disabled")), "yes-if-forwarding-disabled"),
            F("accept-router-advertisements", v.Enum(("no", "yes", "yes-if-forwarding-disabled")), "yes-if-forwarding-disabled"),
            F("max-neighbor-entries", v.Int(), "8192"),
        ),
        kind=SINGLE,
        package="ipv6",
    ),
    Menu(
        "/ipv6/firewall/filter",
        _firewall_rule_fields(6, IPV6_FILTER_ACTIONS),
        ordered=True,
        package="ipv6",
    ),
    Menu("/ipv6/firewall/raw", _firewall_rule_fields(6, RAW_ACTIONS, table="raw"), ordered=True, package="ipv6"),
    _address_list("/ipv6/firewall/address-list", 6, package="ipv6"),
    # Installed certificates; the simulator's one comes from /sim/certificate/add (control.py).
    Menu(
        "/certificate",
        (
            F("name", required=True),
            ro("common-name"),
            ro("issuer"),
            ro("fingerprint"),
            ro("invalid-before"),
            ro("invalid-after"),
            ro("private-key", "false", v.BOOL),
            F("trusted", v.BOOL, "false"),
        ),
        name_field="name",
        unique=(Unique(("name",), DUP_ENTRY),),
        commands=("print", "getall", "listen", "set", "remove"),
    ),
    Menu("/system/identity", (F("name", default="MikroTik"),), kind=SINGLE),
    Menu(
        "/system/resource",
        tuple(
            ro(name)
            for name in (
                "uptime", "version", "build-time", "factory-software", "free-memory", "total-memory",
                "cpu", "cpu-count", "cpu-frequency", "cpu-load", "free-hdd-space", "total-hdd-space",
                "architecture-name", "board-name", "platform",
            )
        ),
        kind=SINGLE,
        commands=("print", "getall"),
    ),
    Menu(
        "/system/routerboard",
        tuple(ro(name) for name in ("routerboard", "model", "serial-number", "firmware-type", "factory-firmware", "current-firmware", "upgrade-firmware")),
        kind=SINGLE,
        commands=("print", "getall"),
    ),
    Menu(
        "/system/package",
        (ro("name"), ro("version"), ro("build-time"), ro("scheduled", ""), ro("disabled", "false", v.BOOL)),
        kind=FIXED,
        name_field="name",
        commands=("print", "getall", "enable", "disable"),
    ),
    Menu(
        "/system/clock",
        (
            ro("time"),
            ro("date"),
            F("time-zone-autodetect", v.BOOL, "true"),
            F("time-zone-name", default="manual"),
            ro("gmt-offset", "+00:00"),
            ro("dst-active", "false", v.BOOL),
        ),
        kind=SINGLE,
    ),
    Menu(
        "/system/ntp/client",
        (
            F("enabled", v.BOOL, "false"),
            F("mode", v.Enum(("broadcast", "manycast", "multicast", "unicast")), "unicast"),
            F("primary-ntp", v.IPV4, "0.0.0.0"),
            F("secondary-ntp", v.IPV4, "0.0.0.0"),
            F("server-dns-names", default=""),
            ro("status"),
            ro("active-server"),
            ro("poll-interval"),
            ro("last-update-from"),
            ro("last-update-before"),
            ro("last-adjustment"),
        ),
        kind=SINGLE,
    ),
    Menu(
        "/system/script",
        (
            F("name"),
            # The creating user unless given: v6 exports write it and /import sets it.
            F("owner"),
            F("policy", v.EnumList(POLICIES), DEFAULT_POLICY),
            F("dont-require-permissions", v.BOOL, "false"),
            ro("last-started"),
            ro("run-count", "0"),
            F("source", default=""),
            ro("invalid", "false", v.BOOL),
            COMMENT,
        ),
        name_field="name",
        auto_name="script",
        unique=(Unique(("name",), DUP_ENTRY),),
        commands=("print", "getall", "listen", "add", "set", "unset", "remove"),
    ),
    Menu(
        "/system/scheduler",
        (
            F("name"),
            F("start-date", V6_DATE),
            F("start-time", V6_TIME),
            F("interval", v.DURATION, "0s"),
            ro("owner"),
            F("policy", v.EnumList(POLICIES), DEFAULT_POLICY),
            ro("run-count", "0"),
            ro("next-run"),
            F("on-event", default=""),
            DISABLED,
            COMMENT,
        ),
        name_field="name",
        auto_name="schedule",
        unique=(Unique(("name",), DUP_ENTRY),),
    ),
    Menu(
        "/file",
        # contents is absent for files over the API size limit (files.FILE_CONTENTS_LIMIT).
        (ro("name"), ro("type"), ro("size", "0"), ro("creation-time"), F("contents")),
        name_field="name",
        commands=("print", "getall", "set", "remove"),
    ),
    # The memory log: :log in scripts and scheduler errors write here (log.py).
    Menu("/log", (ro("time"), ro("topics"), ro("message")), commands=("print", "getall")),
    Menu(
        "/user",
        (
            F("name", required=True),
            F("group", v.Enum(("full", "read", "write")), required=True),
            F("address", v.ADDRESS_LIST, ""),
            F("password", secret=True),
            ro("last-logged-in"),
            DISABLED,
            COMMENT,
        ),
        name_field="name",
        unique=(Unique(("name",), DUP_USER),),
    ),
    Menu("/user/active", (ro("when"), ro("name"), ro("address"), ro("via"), ro("group"), ro("radius", "false", v.BOOL)), kind=VIEW),
    Menu(
        "/snmp",
        (
            F("enabled", v.BOOL, "false"),
            F("contact", default=""),
            F("location", default=""),
            F("engine-id", default=""),
            ref("trap-community", "snmp-community", default="public"),
            F("trap-version", v.Int(1, 3), "1"),
            F("trap-generators", default="temp-exception"),
            F("trap-target", v.ADDRESS_LIST, ""),
        ),
        kind=SINGLE,
    ),
    Menu(
        "/snmp/community",
        (
            F("name", required=True),
            F("addresses", v.ADDRESS_LIST, "::/0"),
            F("security", v.Enum(("authorized", "none", "private")), "none"),
            F("read-access", v.BOOL, "true"),
            F("write-access", v.BOOL, "false"),
            F("authentication-protocol", v.Enum(("MD5", "SHA1")), "MD5"),
            F("encryption-protocol", v.Enum(("DES", "AES")), "DES"),
            F("authentication-password", default="", secret=True),
            F("encryption-password", default="", secret=True),
            ro("default", "false", v.BOOL),
            DISABLED,
            COMMENT,
        ),
        name_field="name",
        unique=(Unique(("name",), DUP_ENTRY),),
    ),
    Menu(
        "/tool/bandwidth-server",
        (
            F("enabled", v.BOOL, "true"),
            F("authenticate", v.BOOL, "true"),
            F("allocate-udp-ports-from", v.Int(1000, 65535), "2000"),
            F("max-sessions", v.Int(1, 1000), "100"),
        ),
        kind=SINGLE,
    ),
    # Mangle marks connections, packets and routes for queues and policy routing; passthrough=yes lets
    # the packet on to the next rule (https://wiki.mikrotik.com/wiki/Manual:IP/Firewall/Mangle).
    Menu(
        "/ip/firewall/mangle",
        _firewall_rule_fields(
            4,
            (
                "accept", "add-dst-to-address-list", "add-src-to-address-list", "change-dscp", "change-mss", "change-ttl",
                "clear-df", "fasttrack-connection", "jump", "log", "mark-connection", "mark-packet", "mark-routing",
                "passthrough", "return", "route", "set-priority", "sniff-pc", "sniff-tzsp", "strip-ipv4-options",
            ),
            (
                F("routing-mark"),
                F("new-connection-mark"),
                F("new-packet-mark"),
                F("new-routing-mark"),
                F("new-mss"),
                F("passthrough", v.BOOL, "true"),
            ),
            table="mangle",
        ),
        ordered=True,
    ),
)

MENU_BY_PATH: dict[str, Menu] = {menu.path: menu for menu in MENUS}
INTERFACE_MENUS: tuple[Menu, ...] = tuple(m for m in MENUS if m.interface_type)

# Where each kind of reference looks for names; renaming an entry of these menus renames every
# reference to it, because RouterOS stores references by id while the simulator stores names.
REFERENCES: dict[str, tuple[str, ...]] = {
    "interface": tuple(m.path for m in INTERFACE_MENUS),
    "bridge": ("/interface/bridge",),
    "interface-list": ("/interface/list",),
    "ip-pool": ("/ip/pool",),
    "ipv6-pool": ("/ipv6/pool",),
    "dhcp-server": ("/ip/dhcp-server",),
    "snmp-community": ("/snmp/community",),
    "wireless": ("/interface/wireless",),
    "security-profile": ("/interface/wireless/security-profiles",),
    "certificate": ("/certificate",),
}

# Directories that are not menus themselves but lead to menus or commands.
COMMAND_PATHS = ("/system/reboot", "/quit", "/cancel", "/login")
DIRECTORIES: frozenset[str] = frozenset(
    "/".join(path.split("/")[:depth])
    for path in tuple(MENU_BY_PATH) + COMMAND_PATHS
    for depth in range(2, path.count("/") + 1)
)
