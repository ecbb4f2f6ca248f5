"""Rows computed at print time: the /interface view, /user active, and live values such as the
uptime in /system resource."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .dynamics import mac_of
from .menus import INTERFACE_MENUS, Menu
from .values import format_duration

if TYPE_CHECKING:
    from .router import Router


def _interfaces(router: Router) -> list[dict[str, str]]:
    ports = {p["interface"] for p in router.items("/interface/bridge/port")}
    rows = []
    for menu in INTERFACE_MENUS:
        for item in router.items(menu.path):
            row = router.row(menu, item)
            disabled = row.get("disabled", "false")
            rows.append(
                {
                    ".id": item[".id"],
                    "name": item["name"],
                    **({"default-name": item["default-name"]} if "default-name" in item else {}),
                    "type": menu.interface_type or "",
                    "mtu": row.get("mtu", "auto"),
                    "actual-mtu": row.get("actual-mtu", row.get("mtu", "1500")),
                    "mac-address": mac_of(item),
                    # A PPPoE client runs while it is connected; the other interfaces while they are enabled.
                    "running": item.get(".shown", {}).get("running", "false" if disabled == "true" else "true"),
                    "slave": "true" if item["name"] in ports else "false",
                    "dynamic": "false",
                    "disabled": disabled,
                    **({"comment": item["comment"]} if "comment" in item else {}),
                }
            )
    return rows


def _active_users(router: Router) -> list[dict[str, str]]:
    groups = {u["name"]: u.get("group", "full") for u in router.items("/user")}
    return [
        {
            ".id": f"*{s.id:X}",
            "when": s.when,
            "name": s.user,
            "address": s.address,
            "via": s.via,
            "group": groups.get(s.user, "full"),
            "radius": "false",
        }
        for s in router.sessions.values()
        if s.user
    ]


def _resource(router: Router) -> dict[str, str]:
    return {"uptime": format_duration(router.clock.uptime())}


def _clock(router: Router) -> dict[str, str]:
    return {"time": router.clock.time(), "date": router.clock.date()}


VIEWS = {"/interface": _interfaces, "/user/active": _active_users}
LIVE = {"/system/resource": _resource, "/system/clock": _clock}


def rows(router: Router, menu: Menu) -> list[dict[str, str]]:
    if menu.path in VIEWS:
        return VIEWS[menu.path](router)
    live = LIVE[menu.path](router)
    return [{**router.row(menu, item), **live} for item in router.items(menu.path)]
