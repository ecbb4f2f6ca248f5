"""One simulated router: state as plain data, menus interpreted from menus.py.

``Router.execute(command, attrs, queries, proplist, session)`` is the single entry point for the
API server, the /sim control paths and any Python caller (a script interpreter): it returns the
reply sentences as ``[(reply_word, {attr: value}), ...]`` ending with ``!done``, or raises
``Trap``. Applied writes are recorded in ``Router.audit``, persisted when a state store is set,
and followed by a refresh of the dynamic entries (dynamics.py).

State layout (JSON-serialisable): ``{"next_id": int, "menus": {path: [item, ...]}}``. An item maps
field names to printed values for what was configured; keys starting with ``.`` are internal:
``.id``, ``.dynamic``, ``.builtin``, ``.default`` (factory entry that cannot be removed), ``.owner``
(what created a dynamic entry), ``.slot`` (the subnet a ``from-pool`` IPv6 address holds) and
``.shown`` (derived values printed instead of or besides the configured ones, e.g. an /ip address
``network``, a dhcp-client ``status`` or a package's ``scheduled``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from . import control, dynamics, factory, log, scheduler, scripting, upstream, views, wireless
from .clock import SimClock
from .control import Faults, Stats
from .upstream import Upstream
from .errors import (
    CANNOT_CHANGE_BUILTIN,
    CANNOT_CHANGE_DYNAMIC,
    Trap,
    UnknownCommand,
    invalid_value,
    missing_values,
    no_match,
    no_such_item,
    unknown_parameter,
)
from .menus import DIRECTORIES, INTERFACE_MENUS, MENU_BY_PATH, REFERENCES, SINGLE, VIEW, Field, Menu
from .query import Query
from .values import AddressList, Text

Item = dict[str, Any]
Reply = tuple[str, dict[str, str]]
WRITE_COMMANDS = frozenset(("add", "set", "unset", "remove", "enable", "disable", "move", "reboot"))


@dataclass
class SessionInfo:
    """An API connection as the router sees it (``/user active``, ``/sim/sessions``)."""

    id: int
    address: str
    via: str
    close: Callable[[], None]
    user: str | None = None
    when: str = ""


@dataclass
class Options:
    name: str = "router1"
    index: int = 1  # position among the simulated routers; seeds MACs and ISP addresses
    version: str = "6.49.10"
    channel: str = "long-term"
    factory: str = "blank"
    ipv6_package: bool = True
    users: dict[str, str] = field(default_factory=dict)


_PRINTED: dict[str, tuple[tuple[str, str | None, str | None], ...]] = {}


def _printed_fields(menu: Menu) -> tuple[tuple[str, str | None, str | None], ...]:
    """(name, default, internal flag key) of the printed fields, cached per path: print is the
    hot path."""
    fields = _PRINTED.get(menu.path)
    if fields is None:
        flags = ("dynamic", "builtin", "default")
        fields = tuple((f.name, f.default, "." + f.name if f.readonly and f.name in flags else None) for f in menu.fields if not f.secret)
        _PRINTED[menu.path] = fields
    return fields


def version_tuple(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split(".") if part.isdigit())


class Router:
    def __init__(self, options: Options, store: Any = None) -> None:
        self.options = options
        self.store = store
        self.sessions: dict[int, SessionInfo] = {}
        self.audit: list[dict[str, str]] = []
        self.faults = Faults()
        self.upstream = Upstream()
        self.stats = Stats()
        self.clients = control.default_clients()
        self.tls: Any = None  # tls.ServerTls of the api-ssl listener, set by the server
        self._listeners: list[Callable[[], None]] = []
        saved = store.load() if store else None
        if saved:
            self.state = saved["state"]
            self.clock = SimClock(saved.get("clock_offset", 0.0))
            dynamics.refresh(self)
        else:
            self.clock = SimClock()
            self.reset(options.factory)

    @property
    def version(self) -> tuple[int, ...]:
        return version_tuple(self.options.version)

    # ----------------------------------------------------------------- entry point

    def execute(
        self,
        command: str,
        attrs: dict[str, str] | None = None,
        queries: list[str] | tuple[str, ...] = (),
        proplist: list[str] | None = None,
        session: SessionInfo | None = None,
    ) -> list[Reply]:
        attrs = dict(attrs or {})
        if command.startswith("/sim/"):
            return control.execute(self, command, attrs)
        if self.faults.trap_path and (command + "/").startswith(self.faults.trap_path.rstrip("/") + "/"):
            raise Trap(self.faults.trap_message)
        scheduler.catch_up(self)  # runs due on the simulated clock fire before the command
        replies = self.apply(command, dict(attrs), queries, proplist, session)
        verb = command.rsplit("/", 1)[-1]
        if verb in WRITE_COMMANDS:
            log.changed(self, command, session)
            self._record(command, attrs, session)
        scheduler.catch_up(self)  # and entries the command added or changed get their next run
        return replies

    def apply(
        self,
        command: str,
        attrs: dict[str, str],
        queries: list[str] | tuple[str, ...] = (),
        proplist: list[str] | None = None,
        session: SessionInfo | None = None,
    ) -> list[Reply]:
        """Run a command without audit or persistence (factory setup uses this directly)."""
        scripted = scripting.dispatch(self, command, attrs, session)  # /export, /import, script run, backup, /file set
        if scripted is not None:
            return scripted
        if command == "/ping":
            return upstream.ping(self, attrs)
        if command == "/system/reboot":
            self.reboot()
            return [("!done", {})]
        path, _sep, verb = command.rpartition("/")
        menu = self.menu(path, verb)
        if verb not in menu.commands:
            raise UnknownCommand(verb)
        if verb in ("print", "getall"):
            return self._print(menu, attrs, queries, proplist)
        if verb == "listen":
            raise Trap("listen is served by the API session")
        if verb == "monitor":
            return upstream.pppoe_monitor(self, attrs)
        handler = getattr(self, "_cmd_" + verb.replace("-", "_"))
        result = handler(menu, attrs, session)
        dynamics.refresh(self)
        self._notify()
        return [("!done", result or {})]

    def menu(self, path: str, verb: str = "") -> Menu:
        """The menu at ``path``; unknown or package-disabled menus raise the v6 double trap."""
        menu = MENU_BY_PATH.get(path)
        if menu is not None and (menu.package is None or self.package_active(menu.package)):
            return menu
        parts = [p for p in path.split("/") if p]
        for depth in range(1, len(parts) + 1):
            prefix = "/" + "/".join(parts[:depth])
            if prefix.startswith("/ipv6") and not self.package_active("ipv6"):
                raise UnknownCommand(parts[depth - 1])
            if prefix not in DIRECTORIES and prefix not in MENU_BY_PATH:
                raise UnknownCommand(parts[depth - 1])
        raise UnknownCommand(verb or parts[-1])

    def package_active(self, name: str) -> bool:
        return any(p["name"] == name and p.get("disabled") != "true" for p in self.items("/system/package"))

    # ----------------------------------------------------------------- state access

    def items(self, path: str) -> list[Item]:
        """The entries of ``path``; a single-entry menu always has its one entry (created on first
        use, so a state saved before a menu existed still loads)."""
        items = self.state["menus"].get(path)
        if items is None:
            menu = MENU_BY_PATH.get(path)
            items = self.state["menus"][path] = [{}] if menu is not None and menu.kind == SINGLE else []
        return items

    def new_id(self) -> str:
        self.state["next_id"] += 1
        return f"*{self.state['next_id'] - 1:X}"

    def names(self, kind: str) -> set[str]:
        return {item["name"] for path in REFERENCES[kind] for item in self.items(path) if "name" in item}

    def row(self, menu: Menu, item: Item) -> dict[str, str]:
        """An entry as print shows it: ``.id`` first, then fields in menu order."""
        row: dict[str, str] = {".id": item[".id"]} if ".id" in item else {}
        shown = item.get(".shown", {})
        for name, default, flag in _printed_fields(menu):
            if name in shown:
                value = shown[name]
            elif flag:
                value = "true" if item.get(flag) else "false"
            else:
                value = item.get(name, default)
            if value is not None:
                row[name] = value
        return row

    def rows(self, menu: Menu) -> list[dict[str, str]]:
        if menu.kind == VIEW or menu.path in views.LIVE:
            return views.rows(self, menu)
        return [self.row(menu, item) for item in self.items(menu.path)]

    # ----------------------------------------------------------------- commands

    def _print(self, menu: Menu, attrs: dict[str, str], queries, proplist) -> list[Reply]:
        if ".proplist" in attrs:
            proplist = attrs.pop(".proplist").split(",")
        query = Query(list(queries), menu) if queries else None
        rows = [r for r in self.rows(menu) if query is None or query.matches(r)]
        if "count-only" in attrs:
            return [("!done", {"ret": str(len(rows))})]
        if proplist is not None:
            wanted = set(proplist)
            rows = [{k: v for k, v in r.items() if k in wanted} for r in rows]
        return [("!re", r) for r in rows] + [("!done", {})]

    def _cmd_add(self, menu: Menu, attrs: dict[str, str], session: SessionInfo | None) -> dict[str, str]:
        place_before = attrs.pop("place-before", None) if menu.ordered else None
        values = self._parse(menu, attrs)
        if menu.name_field and menu.auto_name and not values.get(menu.name_field):
            values[menu.name_field] = self._auto_name(menu)
        missing = [f.name for f in menu.fields if f.required and f.name not in values]
        if menu.path == "/ipv6/address" and "address" not in values and "from-pool" not in values:
            missing.insert(0, "address")
        if missing:
            raise missing_values(missing)
        item: Item = {".id": self.new_id(), **{k: v for k, v in values.items() if v is not None}}
        if menu.path == wireless.WIRELESS:
            wireless.prepare_add(self, item)
        self._check_unique(menu, item)
        creator = session.user if session and session.user else "admin"
        if menu.path == "/system/script":
            item.setdefault("owner", creator)
        elif menu.path == "/system/scheduler":
            item[".shown"] = {"owner": creator}
        items = self.items(menu.path)
        if place_before is not None:
            items.insert(items.index(self._resolve(menu, place_before)[0]), item)
        else:
            items.append(item)
        return {"ret": item[".id"]}

    def _cmd_set(self, menu: Menu, attrs: dict[str, str], session: SessionInfo | None) -> None:
        if menu.kind == SINGLE:
            targets = self.items(menu.path)
        else:
            targets = self._targets(menu, attrs)
        if menu.kind == VIEW:
            for item in targets:
                source = self._interface_menu(item[".id"])
                self._cmd_set(source, {".id": item[".id"], **attrs}, session)
            return
        values = self._parse(menu, attrs)
        for item in targets:
            updated = {**item, **{k: v for k, v in values.items() if v is not None}}
            self._check_unique(menu, updated)
            old, new = item.get(menu.name_field or ""), values.get(menu.name_field or "")
            if old and new and old != new:
                self._rename_references(menu, old, new)
            for name, value in values.items():
                if value is None:
                    item.pop(name, None)
                else:
                    item[name] = value

    def _cmd_unset(self, menu: Menu, attrs: dict[str, str], session: SessionInfo | None) -> None:
        name = attrs.pop("value-name", "")
        targets = self._targets(menu, attrs)
        f = menu.by_name.get(name)
        if f is None or f.readonly or f.required:
            raise unknown_parameter()
        for item in targets:
            item.pop(name, None)

    def _cmd_remove(self, menu: Menu, attrs: dict[str, str], session: SessionInfo | None) -> None:
        targets = self._targets(menu, attrs)
        for item in targets:
            if item.get(".default"):
                raise Trap(CANNOT_CHANGE_BUILTIN)
        wireless.check_remove(self, menu.path, targets)
        ids = {item[".id"] for item in targets}
        self.state["menus"][menu.path] = [i for i in self.items(menu.path) if i.get(".id") not in ids]

    def _cmd_enable(self, menu: Menu, attrs: dict[str, str], session: SessionInfo | None) -> None:
        self._set_disabled(menu, attrs, "false")

    def _cmd_disable(self, menu: Menu, attrs: dict[str, str], session: SessionInfo | None) -> None:
        self._set_disabled(menu, attrs, "true")

    def _set_disabled(self, menu: Menu, attrs: dict[str, str], disabled: str) -> None:
        targets = self._targets(menu, attrs)
        if menu.path == "/system/package":
            # v6 applies package changes at the next reboot.
            for item in targets:
                pending = "" if item.get("disabled", "false") == disabled else f"scheduled for {'disable' if disabled == 'true' else 'enable'}"
                item[".shown"] = {"scheduled": pending}
            return
        if menu.kind == VIEW:
            for item in targets:
                self._set_disabled(self._interface_menu(item[".id"]), {".id": item[".id"]}, disabled)
            return
        for item in targets:
            item["disabled"] = disabled

    def _cmd_move(self, menu: Menu, attrs: dict[str, str], session: SessionInfo | None) -> None:
        destination = attrs.pop("destination", None)
        moving = self._targets(menu, {".id": attrs.pop("numbers", attrs.pop(".id", ""))})
        if attrs:
            raise unknown_parameter()
        items = self.items(menu.path)
        target = self._resolve(menu, destination)[0] if destination else None
        moving_ids = {i[".id"] for i in moving}
        if target is not None and target[".id"] in moving_ids:
            return
        rest = [i for i in items if i[".id"] not in moving_ids]
        position = rest.index(target) if target is not None else len(rest)
        self.state["menus"][menu.path] = rest[:position] + moving + rest[position:]

    def _cmd_renew(self, menu: Menu, attrs: dict[str, str], session: SessionInfo | None) -> None:
        """The simulated ISP answers at once: checking the ids is all there is to do."""
        self._targets(menu, attrs)

    _cmd_release = _cmd_renew

    # ----------------------------------------------------------------- helpers

    def _targets(self, menu: Menu, attrs: dict[str, str]) -> list[Item]:
        """Pop ``.id`` (or ``numbers``) from attrs and return the entries it names, refusing
        dynamic and builtin ones."""
        if ".id" not in attrs and "numbers" not in attrs:
            raise missing_values([".id"])
        ids = attrs.pop(".id", None) or attrs.pop("numbers", "")
        attrs.pop("numbers", None)
        targets = self._resolve(menu, ids)
        for item in targets:
            if item.get(".builtin"):
                raise Trap(CANNOT_CHANGE_BUILTIN)
            if item.get(".dynamic"):
                raise Trap(CANNOT_CHANGE_DYNAMIC)
        return targets

    def _resolve(self, menu: Menu, ids: str) -> list[Item]:
        if menu.kind == VIEW:
            pool = [item for m in INTERFACE_MENUS for item in self.items(m.path)]
        else:
            pool = self.items(menu.path)
        found = []
        for ref in ids.split(","):
            match = None
            if ref.startswith("*"):
                match = next((i for i in pool if i.get(".id", "").lower() == ref.lower()), None)
            elif menu.name_field:
                match = next((i for i in pool if i.get(menu.name_field) == ref), None)
            if match is None:
                raise no_such_item()
            found.append(match)
        return found

    def _interface_menu(self, item_id: str) -> Menu:
        """The menu that holds the interface with this id (the /interface view delegates to it)."""
        for m in INTERFACE_MENUS:
            if any(i[".id"] == item_id for i in self.items(m.path)):
                return m
        raise no_such_item()

    def _parse(self, menu: Menu, attrs: dict[str, str]) -> dict[str, str]:
        values = {}
        for name, raw in attrs.items():
            f = menu.by_name.get(name)
            if f is None or f.readonly:
                raise unknown_parameter()
            if name == menu.name_field and not raw:
                raise invalid_value(name)
            values[name] = self._parse_value(f, raw)
        return values

    def _parse_value(self, f: Field, raw: str) -> str | None:
        """The printed form of ``raw`` for field ``f``; None means "unset" (an empty value for an
        optional property that has no default)."""
        if raw == "" and not f.required and f.default is None:
            return None
        negated = f.negatable and raw.startswith("!")
        text = raw[1:] if negated else raw
        if f.ref:
            if text not in f.ref_extra and text not in self.names(f.ref):
                raise no_match(f.name)
            value = text
        elif text == "" and isinstance(f.type, (Text, AddressList)):
            value = ""
        else:
            try:
                value = f.type.parse(text)
            except (ValueError, TypeError):
                raise invalid_value(f.name) from None
        return "!" + value if negated else value

    def _check_unique(self, menu: Menu, item: Item) -> None:
        for rule in menu.unique:
            if menu.interface_type and rule.fields == ("name",):
                others = [i for m in INTERFACE_MENUS for i in self.items(m.path)]
            else:
                others = self.items(menu.path)
            key = tuple(item.get(f, menu.by_name[f].default) for f in rule.fields)
            for other in others:
                if other.get(".id") != item.get(".id") and tuple(other.get(f, menu.by_name[f].default) for f in rule.fields) == key:
                    raise Trap(rule.message)

    def _auto_name(self, menu: Menu) -> str:
        taken = {i.get(menu.name_field) for i in self.items(menu.path)}
        n = 1
        while f"{menu.auto_name}{n}" in taken:
            n += 1
        return f"{menu.auto_name}{n}"

    def _rename_references(self, menu: Menu, old: str, new: str) -> None:
        kinds = {kind for kind, paths in REFERENCES.items() if menu.path in paths}
        for other in MENU_BY_PATH.values():
            for f in other.fields:
                if f.ref in kinds:
                    for item in self.items(other.path):
                        value = item.get(f.name)
                        if value == old:
                            item[f.name] = new
                        elif value == "!" + old:
                            item[f.name] = "!" + new

    # ----------------------------------------------------------------- lifecycle

    def reset(self, factory_name: str) -> None:
        self.state = factory.build(self, factory_name)
        self.audit.clear()
        self.faults = Faults()
        self.upstream = Upstream()
        self.clients = control.default_clients()
        self.save()

    def reboot(self) -> None:
        """Apply scheduled package changes, restart the clock's uptime and drop every session.
        The simulated reboot is instant."""
        for package in self.items("/system/package"):
            pending = package.pop(".shown", {}).get("scheduled", "")
            if pending:
                package["disabled"] = "true" if pending.endswith("disable") else "false"
        self.clock.reboot()
        dynamics.refresh(self)
        scheduler.startup(self)  # start-time=startup entries run at boot
        for session in list(self.sessions.values()):
            session.close()

    def save(self) -> None:
        if self.store:
            self.store.save({"state": self.state, "clock_offset": self.clock.offset})

    def _record(self, command: str, attrs: dict[str, str], session: SessionInfo | None) -> None:
        shown = " ".join(f"{k}={'***' if 'password' in k or 'pre-shared-key' in k else v}" for k, v in attrs.items())
        path, _sep, verb = command.rpartition("/")
        self.audit.append(
            {
                "path": path or "/",
                "command": verb,
                "attrs": shown,
                "session": str(session.id) if session else "",
                "time": self.clock.stamp(),
                # The command sentence that made the write, counted as /sim/stats counts sentences-in.
                "sentence": str(self.stats.sentences_in),
            }
        )
        self.save()

    # ----------------------------------------------------------------- listen

    def subscribe(self, callback: Callable[[], None]) -> Callable[[], None]:
        """Call ``callback`` after every applied write (dynamic entries may change in any menu);
        returns the unsubscriber."""
        self._listeners.append(callback)
        return lambda: self._listeners.remove(callback)

    def _notify(self) -> None:
        for callback in list(self._listeners):
            callback()
