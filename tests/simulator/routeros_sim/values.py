"""Value types of menu fields: parse API input into the form RouterOS v6 prints.

Every value is stored in its printed form (``true``, ``10m``, ``192.168.88.1/24``), so print is a
plain copy and comparisons between input forms (``yes`` vs ``true``, ``600s`` vs ``10m``) come for
free. ``parse`` raises ValueError for input RouterOS would reject.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass


class ValueType:
    def parse(self, text: str) -> str:
        return text

    def sort_key(self, printed: str) -> tuple:
        """Key for the ``?<`` and ``?>`` queries: numbers compare as numbers, the rest as text."""
        return (0, int(printed), "") if printed.isdigit() else (1, 0, printed)


class Text(ValueType):
    pass


class Bool(ValueType):
    _MAP = {"yes": "true", "true": "true", "no": "false", "false": "false"}

    def parse(self, text: str) -> str:
        try:
            return self._MAP[text.lower()]
        except KeyError:
            raise ValueError(text) from None


@dataclass(frozen=True)
class Int(ValueType):
    low: int = 0
    high: int = 2**32 - 1

    def parse(self, text: str) -> str:
        value = int(text, 0) if text.lower().startswith("0x") else int(text)
        if not self.low <= value <= self.high:
            raise ValueError(text)
        return str(value)


@dataclass(frozen=True)
class Enum(ValueType):
    choices: tuple[str, ...]

    def parse(self, text: str) -> str:
        if text not in self.choices:
            raise ValueError(text)
        return text


@dataclass(frozen=True)
class EnumList(ValueType):
    """Comma list of choices, e.g. ``connection-state=established,related``."""

    choices: tuple[str, ...]
    negatable: bool = False

    def parse(self, text: str) -> str:
        parts = text.split(",")
        if not text or any((part.removeprefix("!") if self.negatable else part) not in self.choices for part in parts):
            raise ValueError(text)
        return ",".join(dict.fromkeys(parts))


@dataclass(frozen=True)
class KibSize(ValueType):
    """A size in KiB (``/ip dns cache-size``): v6 prints ``2048KiB`` and takes ``4096KiB`` or a
    bare number of KiB, as v6 exports write ``cache-size=4096KiB``."""

    low: int = 0
    high: int = 2**32 - 1

    def parse(self, text: str) -> str:
        digits = text[:-3] if text.endswith("KiB") else text
        if not digits.isdigit() or not self.low <= int(digits) <= self.high:
            raise ValueError(text)
        return f"{int(digits)}KiB"

    def sort_key(self, printed: str) -> tuple:
        return (0, int(printed[:-3]), "")


_UNITS = (("w", 604800), ("d", 86400), ("h", 3600), ("m", 60), ("s", 1))
_DURATION_RE = re.compile(r"^(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$")
_CLOCK_RE = re.compile(r"^(?:(\d+)d)?(\d+):(\d\d):(\d\d)$")


def duration_seconds(text: str) -> int:
    """Seconds in ``10m``, ``600s``, ``600``, ``00:10:00``, ``1d00:00:00`` or ``1w2d3h4m5s``."""
    if text.isdigit():
        return int(text)
    match = _CLOCK_RE.match(text)
    if match:
        days, hours, minutes, seconds = (int(part or 0) for part in match.groups())
        return ((days * 24 + hours) * 60 + minutes) * 60 + seconds
    match = _DURATION_RE.match(text)
    if not text or not match:
        raise ValueError(text)
    return sum(int(part or 0) * unit for part, (_suffix, unit) in zip(match.groups(), _UNITS))


def format_duration(seconds: int) -> str:
    if seconds == 0:
        return "0s"
    out = []
    for suffix, unit in _UNITS:
        count, seconds = divmod(seconds, unit)
        if count:
            out.append(f"{count}{suffix}")
    return "".join(out)


class Duration(ValueType):
    def parse(self, text: str) -> str:
        return format_duration(duration_seconds(text))

    def sort_key(self, printed: str) -> tuple:
        return (0, duration_seconds(printed), "")


@dataclass(frozen=True)
class BoundedDuration(ValueType):
    """A duration within ``low``..``high`` seconds (``/ipv6 nd reachable-time`` at most 1h)."""

    low: int = 0
    high: int = 2**32 - 1

    def parse(self, text: str) -> str:
        seconds = duration_seconds(text)
        if not self.low <= seconds <= self.high:
            raise ValueError(text)
        return format_duration(seconds)

    def sort_key(self, printed: str) -> tuple:
        return (0, duration_seconds(printed), "")


@dataclass(frozen=True)
class DurationRange(ValueType):
    """``MIN-MAX`` such as the ND ``ra-interval`` (``3m20s-10m``): both ends within ``low``..``high``
    seconds and MIN below MAX; a single value is rejected."""

    low: int = 0
    high: int = 2**32 - 1

    def parse(self, text: str) -> str:
        low, sep, high = text.partition("-")
        if not sep:
            raise ValueError(text)
        low_s, high_s = duration_seconds(low), duration_seconds(high)
        if not self.low <= low_s < high_s <= self.high:
            raise ValueError(text)
        return f"{format_duration(low_s)}-{format_duration(high_s)}"


@dataclass(frozen=True)
class OrWord(ValueType):
    """A value of ``inner`` or one word printed as given, e.g. ``unspecified`` for the ND
    ``hop-limit`` or ``none`` for ``ra-lifetime``."""

    inner: ValueType
    word: str

    def parse(self, text: str) -> str:
        return self.word if text == self.word else self.inner.parse(text)

    def sort_key(self, printed: str) -> tuple:
        return (1, 0, printed) if printed == self.word else self.inner.sort_key(printed)


class IPv4(ValueType):
    def parse(self, text: str) -> str:
        return str(ipaddress.IPv4Address(text))

    def sort_key(self, printed: str) -> tuple:
        return (0, int(ipaddress.IPv4Address(printed)), "")


class IPv4Interface(ValueType):
    """Address with prefix length as in ``/ip address``; a bare address means /32."""

    def parse(self, text: str) -> str:
        return str(ipaddress.IPv4Interface(text))


class IPv4Network(ValueType):
    """A network such as a route's dst-address; host bits are cleared as RouterOS does."""

    def parse(self, text: str) -> str:
        return str(ipaddress.IPv4Network(text, strict=False))


class IPv6Interface(ValueType):
    def parse(self, text: str) -> str:
        if "/" not in text:
            text += "/128"
        return str(ipaddress.IPv6Interface(text))


class IPv6Network(ValueType):
    def parse(self, text: str) -> str:
        return str(ipaddress.IPv6Network(text, strict=False))


_ADDRESS_LIKE_RE = re.compile(r"^(?:[\d.]+|[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*)$")


@dataclass(frozen=True)
class Gateway(ValueType):
    """A route gateway: an address of the route's family, an address with the interface to reach
    it through (``10.0.0.1%ether1``, ``fe80::1%ether1``) or an interface name; an IPv4 route
    takes a comma list of them. Addresses print in canonical (for IPv6 compressed) form. Text
    made of address characters must be a valid address of the route's family."""

    version: int

    def parse(self, text: str) -> str:
        parts = text.split(",") if self.version == 4 else [text]
        return ",".join(self._one(part) for part in parts)

    def _one(self, text: str) -> str:
        address, sep, interface = text.partition("%")
        if sep and not interface:
            raise ValueError(text)
        if not _ADDRESS_LIKE_RE.match(address):
            if sep or not address or "/" in address:
                raise ValueError(text)
            return text
        parsed = ipaddress.ip_address(address)
        if parsed.version != self.version:
            raise ValueError(text)
        return f"{parsed}%{interface}" if sep else str(parsed)


@dataclass(frozen=True)
class AddressMatch(ValueType):
    """Firewall address matcher: an address, a prefix or a range ``a-b`` of one family. A single
    IPv4 address prints bare, a single IPv6 address as /128 (as in v6 exports of ``bad_ipv6``)."""

    version: int

    def parse(self, text: str) -> str:
        low, sep, high = text.partition("-")
        if sep:
            first, last = ipaddress.ip_address(low), ipaddress.ip_address(high)
            if first.version != self.version or last.version != self.version or first > last:
                raise ValueError(text)
            return f"{first}-{last}"
        network = ipaddress.ip_network(text, strict=False)
        if network.version != self.version:
            raise ValueError(text)
        if network.num_addresses == 1 and self.version == 4:
            return str(network.network_address)
        return str(network)


class AddressList(ValueType):
    """Comma list of addresses or prefixes of either family (``/ip service address``,
    ``/ip dns servers``); order is kept, duplicates dropped."""

    def parse(self, text: str) -> str:
        if not text:
            return ""
        out = []
        for part in text.split(","):
            network = ipaddress.ip_network(part, strict=False)
            out.append(str(network) if "/" in part else str(network.network_address))
        return ",".join(dict.fromkeys(out))


class PoolRanges(ValueType):
    """``/ip pool ranges``: comma list of ``a-b`` ranges, prefixes or single IPv4 addresses."""

    def parse(self, text: str) -> str:
        return ",".join(AddressMatch(4).parse(part) for part in text.split(","))


class Ports(ValueType):
    def parse(self, text: str) -> str:
        for part in text.split(","):
            low, _sep, high = part.partition("-")
            if not 0 <= int(low) <= 65535 or (high and not int(low) <= int(high) <= 65535):
                raise ValueError(text)
        return text


_MAC_RE = re.compile(r"^[0-9A-Fa-f]{2}([:-][0-9A-Fa-f]{2}){5}$")


class Mac(ValueType):
    def parse(self, text: str) -> str:
        if not _MAC_RE.match(text):
            raise ValueError(text)
        return text.replace("-", ":").upper()


PROTOCOLS = (
    "dccp", "ddp", "egp", "encap", "etherip", "ggp", "gre", "hmp", "icmp", "icmpv6", "idpr-cmtp",
    "igmp", "ipencap", "ipip", "ipsec-ah", "ipsec-esp", "ipv6-encap", "ipv6-frag", "ipv6-nonxt",
    "ipv6-opts", "ipv6-route", "iso-tp4", "l2tp", "ospf", "pim", "pup", "rdp", "rspf", "rsvp",
    "sctp", "st", "tcp", "udp", "udp-lite", "vmtp", "vrrp", "xns-idp", "xtp",
)


class Protocol(ValueType):
    def parse(self, text: str) -> str:
        if text in PROTOCOLS or (text.isdigit() and int(text) <= 255):
            return text
        raise ValueError(text)


_IPSEC_POLICY_RE = re.compile(r"^(in|out),(ipsec|none)$")


class IpsecPolicy(ValueType):
    def parse(self, text: str) -> str:
        if not _IPSEC_POLICY_RE.match(text):
            raise ValueError(text)
        return text


@dataclass(frozen=True)
class Hex(ValueType):
    """A number that v6 prints in hex (bridge ``priority=0x8000``); decimal input is taken too."""

    low: int = 0
    high: int = 0xFFFF

    def parse(self, text: str) -> str:
        value = int(text, 16) if text.lower().startswith("0x") else int(text)
        if not self.low <= value <= self.high:
            raise ValueError(text)
        return f"0x{value:x}"


@dataclass(frozen=True)
class Pattern(ValueType):
    """Text of a fixed shape, kept as given: ``limit=50/5s,2:packet``, ``ttl=equal:64``. ``bounds``
    caps each number in the text (a TTL or ICMP type is at most 255)."""

    regex: str
    bounds: int | None = None

    def parse(self, text: str) -> str:
        if not re.fullmatch(self.regex, text):
            raise ValueError(text)
        if self.bounds is not None and any(int(n) > self.bounds for n in re.findall(r"\d+", text)):
            raise ValueError(text)
        return text


@dataclass(frozen=True)
class FlagList(EnumList):
    """Comma list of flags, each negatable on its own (``tcp-flags=syn,!ack``)."""

    negatable: bool = True


@dataclass(frozen=True)
class NumberRange(ValueType):
    """``N`` or ``MIN-MAX`` within ``low``..``high`` (``packet-size=0-500``, ``tcp-mss=1400-65535``)."""

    low: int = 0
    high: int = 65535

    def parse(self, text: str) -> str:
        first, sep, last = text.partition("-")
        if not first.isdigit() or (sep and not last.isdigit()):
            raise ValueError(text)
        numbers = [int(first)] + ([int(last)] if sep else [])
        if not all(self.low <= n <= self.high for n in numbers) or numbers != sorted(numbers):
            raise ValueError(text)
        return text


TEXT = Text()
BOOL = Bool()
DURATION = Duration()
DURATION_RANGE = DurationRange()
IPV4 = IPv4()
IPV4_INTERFACE = IPv4Interface()
IPV4_NETWORK = IPv4Network()
IPV6_INTERFACE = IPv6Interface()
IPV6_NETWORK = IPv6Network()
IPV4_GATEWAY = Gateway(4)
IPV6_GATEWAY = Gateway(6)
ADDRESS_LIST = AddressList()
POOL_RANGES = PoolRanges()
PORTS = Ports()
MAC = Mac()
PROTOCOL = Protocol()
IPSEC_POLICY = IpsecPolicy()
