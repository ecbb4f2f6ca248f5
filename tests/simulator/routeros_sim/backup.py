"""``/system backup save|load``: an opaque .backup file holding the router's configuration.

The content is base64 of a JSON document (the state without /file and /log, which live outside a
v6 backup). Loading it is a reboot in v6; here the state is replaced at once, then the router
reboots (sessions are dropped, ``start-time=startup`` scheduler entries run). ``password`` and
``dont-encrypt`` are accepted and not checked: the simulator does not encrypt backups.
"""

from __future__ import annotations

import base64
import binascii
import copy
import json
import time
from typing import TYPE_CHECKING

from . import files
from .errors import Trap, missing_values, unknown_parameter

if TYPE_CHECKING:
    from .router import Reply, Router, SessionInfo

FORMAT = "routeros-sim backup 1"
KEPT_ON_LOAD = ("/file", "/log")
NO_SUCH_FILE = "failure: no such file"
NOT_A_BACKUP = "failure: file is not a backup"


def _check(attrs: dict[str, str], allowed: tuple[str, ...]) -> None:
    if any(name not in allowed for name in attrs):
        raise unknown_parameter()


def save(router: Router, attrs: dict[str, str], session: SessionInfo | None) -> list[Reply]:
    _check(attrs, ("name", "password", "dont-encrypt"))
    name = attrs.get("name") or _default_name(router)
    if not name.endswith(".backup"):
        name += ".backup"
    state = copy.deepcopy(router.state)
    for path in KEPT_ON_LOAD:
        state["menus"].pop(path, None)
    document = {"format": FORMAT, "version": router.options.version, "state": state}
    data = base64.b64encode(json.dumps(document, separators=(",", ":")).encode()).decode()
    files.write(router, name, data, kind="backup")
    router.save()
    return [("!done", {})]


def _default_name(router: Router) -> str:
    """v6 names an unnamed backup IDENTITY-YYYYMMDD-HHMM."""
    identity = (router.items("/system/identity") or [{}])[0].get("name", "MikroTik")
    return f"{identity}-{time.strftime('%Y%m%d-%H%M', time.gmtime(router.clock.now()))}"


def load(router: Router, attrs: dict[str, str], session: SessionInfo | None) -> list[Reply]:
    _check(attrs, ("name", "password"))
    if not attrs.get("name"):
        raise missing_values(["name"])
    item = files.find(router, attrs["name"])
    if item is None:
        raise Trap(NO_SUCH_FILE)
    try:
        document = json.loads(base64.b64decode(item.get(".data", ""), validate=True))
        state = document["state"]
        if document.get("format") != FORMAT or not isinstance(state.get("menus"), dict):
            raise ValueError
    except (ValueError, KeyError, TypeError, AttributeError, binascii.Error):
        raise Trap(NOT_A_BACKUP) from None
    for path in KEPT_ON_LOAD:
        state["menus"][path] = router.items(path)
    state["next_id"] = max(int(state.get("next_id", 1)), router.state["next_id"])
    for entry in state["menus"].get("/system/scheduler", []):
        entry.pop(".next", None)
        entry.pop(".sig", None)
    router.state = state
    router._record("/system/backup/load", dict(attrs), session)
    router.reboot()
    router.save()
    return [("!done", {})]
