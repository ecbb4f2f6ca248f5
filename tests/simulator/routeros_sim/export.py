"""``/export``: the configuration as a RouterOS v6 script (what /import and the script
interpreter read back).

Per menu, in an order that satisfies references on import (interfaces before the entries that
name them, an IPv6 DHCP client before the addresses that take a prefix from its pool): a
``/ip address`` line, then ``add`` lines for configured entries, ``set [ find default-name=ether1 ]``
or ``set NAME`` lines for fixed entries, ``set [ find default=yes ]`` for factory default entries
and ``set`` for single-valued menus. Only values that differ from the factory are written, sorted by
name as v6 does, booleans as yes/no. Dynamic and builtin entries, read-only properties and secrets
(user passwords, SNMP community passwords) are left out; ``/user`` is not exported.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from .menus import FIXED, LIST, MENU_BY_PATH, MENUS, SINGLE, Field, Menu
from .values import Bool

if TYPE_CHECKING:
    from .router import Item, Router

# v6 keeps export lines within 80 columns: at most 78 before the continuation mark (` \` or `\`).
LIMIT = 78
INDENT = "    "

ORDER = (
    "/interface/bridge",
    "/interface/ethernet",
    "/interface/wireless/security-profiles",
    "/interface/wireless",
    "/interface/vlan",
    "/interface/pppoe-client",
    "/interface/list",
    "/ip/pool",
    "/ip/dhcp-server",
    "/snmp/community",
    "/interface/bridge/port",
    "/ip/neighbor/discovery-settings",
    "/ip/settings",
    "/ipv6/settings",
    "/interface/list/member",
    "/ip/address",
    "/ip/dhcp-client",
    "/ip/dhcp-server/lease",
    "/ip/dhcp-server/network",
    "/ip/dns",
    "/ip/dns/static",
    "/ip/firewall/address-list",
    "/ip/firewall/filter",
    "/ip/firewall/nat",
    "/ip/firewall/raw",
    "/ip/route",
    "/ip/service",
    "/ipv6/pool",
    "/ipv6/dhcp-client",
    "/ipv6/address",
    "/ipv6/route",
    "/ipv6/firewall/address-list",
    "/ipv6/firewall/filter",
    "/ipv6/nd",
    "/snmp",
    "/system/clock",
    "/system/identity",
    "/system/ntp/client",
    "/system/scheduler",
    "/system/script",
    "/tool/bandwidth-server",
    "/tool/mac-server",
    "/tool/mac-server/mac-winbox",
    "/tool/mac-server/ping",
)
NOT_EXPORTED = frozenset(("/user", "/file", "/log", "/system/package", "/certificate"))

# What v6 writes on an added entry even at its default or when derived (real 6.4x exports): a
# firewall rule's action (accept), an address's network, a route's distance, a script's owner,
# policy and dont-require-permissions, a scheduler entry's policy.
ALWAYS_WRITTEN: dict[str, tuple[str, ...]] = {
    "/ip/address": ("network",),
    "/ip/firewall/filter": ("action",),
    "/ip/firewall/nat": ("action",),
    "/ip/firewall/raw": ("action",),
    "/ipv6/firewall/filter": ("action",),
    "/ip/route": ("distance",),
    "/ipv6/route": ("distance",),
    "/system/script": ("dont-require-permissions", "owner", "policy"),
    "/system/scheduler": ("policy",),
}
_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-,:/!@%*+")
_QUOTE = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "$": "\\$", "?": "\\?"}
_references: dict[tuple, Router] = {}


def menus_in_order() -> list[Menu]:
    ordered = [MENU_BY_PATH[p] for p in ORDER if p in MENU_BY_PATH]
    rest = [m for m in MENUS if m.path not in ORDER and m.kind in (LIST, SINGLE, FIXED)]
    # Menus with nothing to set (/system resource, /system routerboard) have nothing to export.
    return [m for m in ordered + rest if m.path not in NOT_EXPORTED and any(not f.readonly for f in m.fields)]


def quote_units(value: str) -> list[str]:
    """The value as export writes it, split into units that a line break must not split."""
    if value and all(c in _SAFE for c in value):
        return list(value)
    units = ['"']
    for c in value:
        if c in _QUOTE:
            units.append(_QUOTE[c])
        elif " " <= c <= "~":
            units.append(c)
        else:
            units.extend(f"\\{b:02X}" for b in c.encode("utf-8", "surrogateescape"))
    units.append('"')
    return units


def quote(value: str) -> str:
    return "".join(quote_units(value))


def _printed(f: Field, value: str) -> str:
    if isinstance(f.type, Bool):
        return "yes" if value == "true" else "no"
    return value


def _reference(router: Router) -> Router:
    """A blank router with the same hardware, to tell factory values from configured ones."""
    from .router import Router as RouterClass

    options = router.options
    key = (options.version, options.index, options.ipv6_package)
    if key not in _references:
        _references[key] = RouterClass(dataclasses.replace(options, factory="blank", users={}))
    return _references[key]


def _changes(menu: Menu, item: Item, base: Item | None, hide_sensitive: bool = False) -> dict[str, str]:
    """Configured values that differ from ``base`` (None: an added entry), and the ALWAYS_WRITTEN ones
    as print shows them; without the sensitive ones (the PPPoE password) for ``export hide-sensitive``."""
    out = {}
    always = ALWAYS_WRITTEN.get(menu.path, ()) if base is None else ()
    shown = item.get(".shown", {})
    for f in menu.fields:
        if f.readonly or f.secret or (hide_sensitive and f.sensitive):
            continue
        value = item.get(f.name, shown.get(f.name, f.default) if f.name in always else f.default)
        reference = base.get(f.name, f.default) if base is not None else f.default
        if value is not None and (value != reference or f.name in always):
            out[f.name] = _printed(f, value)
    return out


def _line(command: list[str], args: dict[str, str]) -> list[str]:
    return _wrap([(word, []) for word in command] + [(f"{k}=", quote_units(v)) for k, v in sorted(args.items())])


def _wrap(words: list[tuple[str, list[str]]]) -> list[str]:
    """Lay out ``(key=, value units)`` words as v6 does, at most LIMIT columns before a continuation
    mark. A word that does not fit goes to the next line (ending this one with a space and a
    backslash) unless its ``key=`` fits: then the line breaks right after ``key=`` and the value
    starts the next line. A value too long for a line of its own (quoted then, as v6 does) and a
    quoted value that holds newlines fill the line from where they start and break between escape
    units; a multi-line value also breaks before every escaped newline, so a script source
    continues line by line."""
    lines: list[str] = []
    current = ""

    def fits(text: str) -> bool:
        return len(current) + len(text) <= LIMIT

    def brk(mark: str) -> None:
        nonlocal current
        lines.append(current + mark)
        current = INDENT

    for key, units in words:
        value = "".join(units)
        if units and units[0] != '"' and len(INDENT + value) > LIMIT:
            # too long for a line of its own: v6 quotes it to continue it (``policy="local,...,pas\``)
            units = ['"', *units, '"']
            value = f'"{value}"'
        multiline = value.startswith('"') and "\\n" in units
        sep = "" if current.strip() == "" else " "
        if not multiline and fits(sep + key + value):
            current += sep + key + value
            continue
        if current.strip() and not fits(sep + key):
            brk(" \\")
            sep = ""
            if not multiline and fits(key + value):
                current += key + value
                continue
        current += sep + key
        if units and not multiline and len(INDENT + value) <= LIMIT:
            brk("\\")
        for unit in units:
            if multiline and unit == "\\n" and current.strip():
                brk("\\")
            elif not fits(unit):
                brk("\\")
                # a continuation drops the next line's leading blanks: a space there is escaped
                unit = "\\_" if unit == " " else unit
            current += unit
    lines.append(current)
    return lines


def menu_lines(router: Router, menu: Menu, hide_sensitive: bool = False) -> list[str]:
    base_router = _reference(router)
    base_items = base_router.items(menu.path)
    out: list[str] = []
    if menu.kind == SINGLE:
        items = router.items(menu.path)
        if items:
            changes = _changes(menu, items[0], base_items[0] if base_items else {}, hide_sensitive)
            if changes:
                out += _line(["set"], changes)
        return out
    defaults = [i for i in base_items if i.get(".default")]
    default_index = 0
    for item in router.items(menu.path):
        if item.get(".dynamic") or item.get(".builtin"):
            continue
        # A radio of /interface wireless is set, as the fixed menus' entries are; virtual access points are added.
        if menu.kind == FIXED or item.get(".default") or "default-name" in item:
            if "default-name" in item:
                base = next((i for i in base_items if i.get("default-name") == item["default-name"]), None)
                selector = ["set", "[", "find", f"default-name={item['default-name']}", "]"]
            elif item.get(".default"):
                base = defaults[default_index] if default_index < len(defaults) else None
                default_index += 1
                selector = ["set", "[", "find", "default=yes", "]"]
            else:
                base = next((i for i in base_items if i.get("name") == item.get("name")), None)
                selector = ["set", quote(item.get("name", ""))]
            if base is None:
                continue
            changes = _changes(menu, item, base, hide_sensitive)
            if changes:
                out += _line(selector, changes)
            continue
        out += _line(["add"], _changes(menu, item, None, hide_sensitive))
    return out


def header(router: Router) -> list[str]:
    board = (router.items("/system/routerboard") or [{}])[0]
    index = router.options.index
    return [
        f"# {router.clock.stamp()} by RouterOS {router.options.version}",
        f"# software id = SIM{index % 10}-{index:04d}",
        "#",
        f"# model = {board.get('model', '')}",
        f"# serial number = {board.get('serial-number', '')}",
    ]


def export_text(router: Router, prefix: str = "", hide_sensitive: bool = False) -> str:
    """The export of the whole configuration, or of the menus under ``prefix`` (``/ip/firewall``)."""
    lines = header(router)
    for menu in menus_in_order():
        if prefix and menu.path != prefix and not menu.path.startswith(prefix + "/"):
            continue
        if menu.package is not None and not router.package_active(menu.package):
            continue
        body = menu_lines(router, menu, hide_sensitive)
        if body:
            lines.append("/" + menu.path[1:].replace("/", " "))
            lines.extend(body)
    return "\n".join(lines) + "\n"
