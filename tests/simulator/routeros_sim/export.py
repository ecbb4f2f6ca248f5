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

WIDTH = 80  # v6 wraps export lines at 80 columns with a trailing backslash
INDENT = "    "

ORDER = (
    "/interface/bridge",
    "/interface/ethernet",
    "/interface/wireless",
    "/interface/vlan",
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

# v6 writes a firewall rule's action even when it is the default (accept) [E640][E648].
ALWAYS_WRITTEN = frozenset(("action",))
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


def _changes(menu: Menu, item: Item, base: Item | None) -> dict[str, str]:
    out = {}
    for f in menu.fields:
        if f.readonly or f.secret:
            continue
        value = item.get(f.name, f.default)
        reference = base.get(f.name, f.default) if base is not None else f.default
        if value is not None and (value != reference or (base is None and f.name in ALWAYS_WRITTEN)):
            out[f.name] = _printed(f, value)
    return out


def _line(command: list[str], args: dict[str, str]) -> list[str]:
    units_list = [list(part) for part in command] + [list(f"{k}=") + quote_units(v) for k, v in sorted(args.items())]
    return _wrap(units_list)


def _wrap(words: list[list[str]]) -> list[str]:
    """Join words into lines of at most WIDTH columns; a word too long for a line of its own is
    broken between units (continuations work inside quotes too)."""
    limit = WIDTH - 2
    lines: list[str] = []
    current = ""
    for units in words:
        text = "".join(units)
        candidate = f"{current} {text}" if current else text
        if len(candidate) <= limit:
            current = candidate
            continue
        if current and len(INDENT + text) <= limit:
            lines.append(current + " \\")
            current = INDENT + text
            continue
        current = current + " " if current else current
        for unit in units:
            if len(current) + len(unit) > limit:
                lines.append(current + "\\")
                current = INDENT
                # a continuation drops the next line's leading blanks: a space there is escaped
                unit = "\\_" if unit == " " else unit
            current += unit
    lines.append(current)
    return lines


def menu_lines(router: Router, menu: Menu) -> list[str]:
    base_router = _reference(router)
    base_items = base_router.items(menu.path)
    out: list[str] = []
    if menu.kind == SINGLE:
        items = router.items(menu.path)
        if items:
            changes = _changes(menu, items[0], base_items[0] if base_items else {})
            if changes:
                out += _line(["set"], changes)
        return out
    defaults = [i for i in base_items if i.get(".default")]
    default_index = 0
    for item in router.items(menu.path):
        if item.get(".dynamic") or item.get(".builtin"):
            continue
        if menu.kind == FIXED or item.get(".default"):
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
            changes = _changes(menu, item, base)
            if changes:
                out += _line(selector, changes)
            continue
        out += _line(["add"], _changes(menu, item, None))
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


def export_text(router: Router, prefix: str = "") -> str:
    """The export of the whole configuration, or of the menus under ``prefix`` (``/ip/firewall``)."""
    lines = header(router)
    for menu in menus_in_order():
        if prefix and menu.path != prefix and not menu.path.startswith(prefix + "/"):
            continue
        if menu.package is not None and not router.package_active(menu.package):
            continue
        body = menu_lines(router, menu)
        if body:
            lines.append("/" + menu.path[1:].replace("/", " "))
            lines.extend(body)
    return "\n".join(lines) + "\n"
