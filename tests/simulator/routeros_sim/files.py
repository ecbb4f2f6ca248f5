"""``/file``: what /export, /system backup and ``/file print file=`` write, and ``/file set contents``.

A file is an entry of the /file menu whose full text is kept under the internal key ``.data``;
``contents`` is shown only for text files no larger than ``FILE_CONTENTS_LIMIT`` bytes, because the
v6 API returns file contents only for small files ("4 KB often reported; not
verified" - the limit is a documented choice). RouterOS v6 has no ``/file add``: files come from
export, backup, ``/file print file=NAME`` (an empty NAME.txt) or uploads (tests call ``write``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import Trap, invalid_value, missing_values, no_such_item, unknown_parameter

if TYPE_CHECKING:
    from .router import Item, Router

FILE_CONTENTS_LIMIT = 4096
PATH = "/file"
TYPES = {".rsc": "script", ".backup": "backup", ".txt": ".txt file", ".npk": "package"}


def file_type(name: str) -> str:
    for suffix, kind in TYPES.items():
        if name.endswith(suffix):
            return kind
    return "file"


def find(router: Router, name: str) -> Item | None:
    return next((f for f in router.items(PATH) if f.get("name") == name), None)


def read(router: Router, name: str) -> str | None:
    item = find(router, name)
    return None if item is None else item.get(".data", "")


def write(router: Router, name: str, data: str, kind: str | None = None) -> Item:
    """Create or replace file ``name`` (parent directories appear as ``directory`` entries)."""
    parts = name.split("/")
    for depth in range(1, len(parts)):
        directory = "/".join(parts[:depth])
        if find(router, directory) is None:
            router.items(PATH).append(
                {".id": router.new_id(), "name": directory, "type": "directory", "size": "0", "creation-time": router.clock.stamp()}
            )
    item = find(router, name)
    if item is None:
        item = {".id": router.new_id(), "name": name}
        router.items(PATH).append(item)
    item["type"] = kind or file_type(name)
    item["creation-time"] = router.clock.stamp()
    _store(item, data)
    return item


def _store(item: Item, data: str) -> None:
    size = len(data.encode("utf-8", "surrogateescape"))
    item[".data"] = data
    item["size"] = str(size)
    if item["type"] != "backup" and size <= FILE_CONTENTS_LIMIT:
        item["contents"] = data
    else:
        item.pop("contents", None)


def set_contents(router: Router, attrs: dict[str, str]) -> None:
    """``/file set NAME contents=...``; contents larger than the API limit are refused."""
    ref = attrs.pop(".id", None) or attrs.pop("numbers", None)
    if not ref:
        raise missing_values(["numbers"])
    contents = attrs.pop("contents", None)
    if attrs:
        raise unknown_parameter()
    targets = []
    for part in ref.split(","):
        item = next((f for f in router.items(PATH) if f.get(".id", "").lower() == part.lower() or f.get("name") == part), None)
        if item is None:
            raise no_such_item()
        targets.append(item)
    if contents is None:
        return
    if len(contents.encode("utf-8", "surrogateescape")) > FILE_CONTENTS_LIMIT:
        raise invalid_value("contents")
    for item in targets:
        if item.get("type") in ("directory", "backup"):
            raise Trap("failure: cannot set contents of this file")
        _store(item, contents)
