"""The wireless package: radios the router was made with and the virtual access points added on
them (https://wiki.mikrotik.com/wiki/Manual:Interface/Wireless).

A radio has a ``default-name`` and can only be set; ``add`` makes a virtual access point, which
needs the radio it runs on (``master-interface``) and gets a MAC of its own, derived from the
radio's with the locally administered bit set. An interface runs while it is enabled in an access
point mode; a virtual access point also needs its radio to run. A security profile that an
interface uses cannot be removed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import netaddr

from .errors import Trap, missing_values

if TYPE_CHECKING:
    from .router import Item, Router

WIRELESS = "/interface/wireless"
PROFILES = "/interface/wireless/security-profiles"
AP_MODES = ("ap-bridge", "bridge")
RADIO_TYPE = "Atheros 11N"
VIRTUAL_TYPE = "virtual-AP"
CANNOT_REMOVE_RADIO = "failure: can not remove physical interface"
PROFILE_IN_USE = "failure: security profile is in use"


def prepare_add(router: Router, item: Item) -> None:
    """A new wireless interface is a virtual access point on an existing radio."""
    master = item.get("master-interface")
    if not master:
        raise missing_values(["master-interface"])
    radio = next(i for i in router.items(WIRELESS) if i.get("name") == master)
    taken = {str(i.get("mac-address", "")).upper() for i in router.items(WIRELESS)}
    value = int(netaddr.EUI(radio["mac-address"])) | (0x02 << 40)
    candidate = _mac(value)
    while candidate in taken:
        value = (value & ~0xFF) | ((value + 1) & 0xFF)
        candidate = _mac(value)
    item.setdefault("mac-address", candidate)
    item["interface-type"] = VIRTUAL_TYPE


def _mac(value: int) -> str:
    return str(netaddr.EUI(value, dialect=netaddr.mac_unix_expanded)).upper()


def check_remove(router: Router, path: str, targets: list[Item]) -> None:
    if path == WIRELESS and any(item.get("default-name") for item in targets):
        raise Trap(CANNOT_REMOVE_RADIO)
    if path == PROFILES:
        used = {i.get("security-profile", "default") for i in router.items(WIRELESS)}
        if any(item.get("name") in used for item in targets):
            raise Trap(PROFILE_IN_USE)


def _runs(item: Item | None, by_name: dict[str, Item], depth: int = 0) -> bool:
    if item is None or depth > 4 or item.get("disabled", "true") == "true" or item.get("mode", "station") not in AP_MODES:
        return False
    master = item.get("master-interface")
    return not master or _runs(by_name.get(master), by_name, depth + 1)


def refresh(router: Router) -> None:
    """``running`` of every wireless interface."""
    items = router.items(WIRELESS)
    by_name = {i.get("name"): i for i in items}
    for item in items:
        item[".shown"] = {"running": "true" if _runs(item, by_name) else "false"}
