"""``/sim/...`` control paths for tests, served through the API like any menu (see README.md).

They work only after login, never reach the audit log or the traffic counters, and are exempt from
fault injection.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import firewall, scheduler, upstream
from .errors import ARGUMENT, Trap, UnknownCommand, invalid_value, missing_values, no_match, unknown_parameter
from .factory import FACTORIES
from .menus import DUP_ENTRY, INTERFACE_MENUS
from .values import BOOL

if TYPE_CHECKING:
    from .router import Reply, Router


def _done() -> list[Reply]:
    return [("!done", {})]


@dataclass
class Faults:
    """Injected faults. ``drop_after``: the router answers that many more command sentences (any
    session, /sim excluded), then closes the connection that sends the next one and forgets the
    fault. ``lose_reply_after``: the same, but the next sentence runs first (a write is applied)
    and its reply is lost with the connection, as when a link fails after the router acted.
    ``delay_ms``: every reply waits that long. ``trap_path``: every command under that path
    answers ``!trap`` with ``trap_message``. ``refuse_login``: logins fail with the version's
    bad-credentials trap (API and ssh). ``sftp_cut_after``: the next SFTP file read stops after that
    many bytes and closes the connection (one-shot)."""

    drop_after: int | None = None
    lose_reply_after: int | None = None
    delay_ms: int = 0
    trap_path: str | None = None
    trap_message: str = "simulated failure"
    refuse_login: bool = False
    sftp_cut_after: int | None = None


# Verbs counted on their own in /sim/stats (getall counts as print); every other command sentence
# (/login, enable, listen, /export, ...) counts as ``other``, so the verbs add up to ``sentences-in``.
COUNTED_VERBS = ("print", "add", "set", "remove", "move")


@dataclass
class Stats:
    """API traffic of one router since start or the last /sim/stats/reset, /sim sentences left
    out: accepted connections, successful logins, command sentences received and reply sentences
    sent, and the commands by verb."""

    connections: int = 0
    logins: int = 0
    sentences_in: int = 0
    sentences_out: int = 0
    verbs: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNTED_VERBS + ("other",), 0))
    prints: dict[str, int] = field(default_factory=dict)

    def command(self, command: str) -> None:
        path, _slash, verb = command.rpartition("/")
        verb = "print" if verb == "getall" else verb
        self.verbs[verb if verb in COUNTED_VERBS else "other"] += 1
        if verb == "print":
            self.prints[path] = self.prints.get(path, 0) + 1
        self.sentences_in += 1


@dataclass
class Client:
    """Where API connections arrive from as the router sees them: every test connects over
    loopback, so the firewall, ``/ip service address=``, ``/user address=`` and ``/user active``
    use this address and interface instead. The default is a LAN host on a LAN port. A port is
    kept by its default name, so the client stays on the same port when the port is renamed."""

    address: str = "192.168.88.10"
    port: str = "ether2"

    def interface(self, router: Router) -> str:
        """The port's name now."""
        for menu in INTERFACE_MENUS:
            for item in router.items(menu.path):
                if item.get("default-name", item.get("name")) == self.port:
                    return item["name"]
        return self.port


def default_clients() -> dict[str, Client]:
    """Clients by the loopback address a connection really comes from; ``""`` is every other one."""
    return {"": Client()}


def client_for(router: Router, peer: str) -> Client:
    return router.clients.get(peer) or router.clients[""]


def _rows(rows: list[dict[str, str]], attrs: dict[str, str]) -> list[Reply]:
    if "count-only" in attrs:
        return [("!done", {"ret": str(len(rows))})]
    return [("!re", row) for row in rows] + _done()


def _int(attrs: dict[str, str], name: str) -> int:
    try:
        return int(attrs[name])
    except ValueError:
        raise invalid_value(name) from None


def _audit_print(router: Router, attrs: dict[str, str]) -> list[Reply]:
    return _rows([{".id": f"*{n + 1:X}", **row} for n, row in enumerate(router.audit)], attrs)


def _audit_clear(router: Router, attrs: dict[str, str]) -> list[Reply]:
    router.audit.clear()
    return _done()


def _fault_set(router: Router, attrs: dict[str, str]) -> list[Reply]:
    faults = router.faults
    for name in attrs:
        if name not in ("drop-after", "lose-reply-after", "delay", "trap-path", "trap-message", "refuse-login", "sftp-cut-after"):
            raise unknown_parameter()
    if "drop-after" in attrs:
        faults.drop_after = _int(attrs, "drop-after")
    if "lose-reply-after" in attrs:
        faults.lose_reply_after = _int(attrs, "lose-reply-after")
    if "delay" in attrs:
        faults.delay_ms = _int(attrs, "delay")
    if "trap-path" in attrs:
        faults.trap_path = attrs["trap-path"] or None
    if "trap-message" in attrs:
        faults.trap_message = attrs["trap-message"]
    if "sftp-cut-after" in attrs:
        faults.sftp_cut_after = _int(attrs, "sftp-cut-after")
    if "refuse-login" in attrs:
        try:
            faults.refuse_login = BOOL.parse(attrs["refuse-login"]) == "true"
        except ValueError:
            raise invalid_value("refuse-login") from None
    return _done()


def _fault_print(router: Router, attrs: dict[str, str]) -> list[Reply]:
    f = router.faults
    row = {
        "drop-after": "" if f.drop_after is None else str(f.drop_after),
        "lose-reply-after": "" if f.lose_reply_after is None else str(f.lose_reply_after),
        "delay": str(f.delay_ms),
        "trap-path": f.trap_path or "",
        "trap-message": f.trap_message,
        "refuse-login": "true" if f.refuse_login else "false",
        "sftp-cut-after": "" if f.sftp_cut_after is None else str(f.sftp_cut_after),
    }
    return [("!re", row)] + _done()


def _fault_clear(router: Router, attrs: dict[str, str]) -> list[Reply]:
    router.faults = Faults()
    return _done()


def _clock_advance(router: Router, attrs: dict[str, str]) -> list[Reply]:
    if "seconds" not in attrs:
        raise Trap("missing value(s) of argument(s) seconds", ARGUMENT)
    router.clock.advance(_int(attrs, "seconds"))
    scheduler.catch_up(router)  # scheduler entries due within the advanced span fire in time order
    router.save()
    return _done()


def _clock_print(router: Router, attrs: dict[str, str]) -> list[Reply]:
    clock = router.clock
    row = {"date": clock.date(), "time": clock.time(), "epoch": str(int(clock.now())), "offset": str(int(clock.offset))}
    return [("!re", row)] + _done()


def _reset(router: Router, attrs: dict[str, str]) -> list[Reply]:
    name = attrs.get("factory", router.options.factory)
    if name not in FACTORIES:
        raise invalid_value("factory")
    router.reset(name)
    return _done()


def _sessions_print(router: Router, attrs: dict[str, str]) -> list[Reply]:
    rows = [
        {".id": f"*{s.id:X}", "address": s.address, "via": s.via, "user": s.user or "", "logged-in": "true" if s.user else "false"}
        for s in router.sessions.values()
    ]
    return _rows(rows, attrs)


def _stats_print(router: Router, attrs: dict[str, str]) -> list[Reply]:
    stats = router.stats
    row = {
        "connections": str(stats.connections),
        "logins": str(stats.logins),
        "sentences-in": str(stats.sentences_in),
        "sentences-out": str(stats.sentences_out),
        **{verb: str(count) for verb, count in stats.verbs.items()},
    }
    return [("!re", row)] + _done()


def _stats_prints(router: Router, attrs: dict[str, str]) -> list[Reply]:
    rows = [{"path": path, "count": str(count)} for path, count in sorted(router.stats.prints.items())]
    return [("!re", row) for row in rows] + _done()


def _stats_reset(router: Router, attrs: dict[str, str]) -> list[Reply]:
    router.stats = Stats()
    return _done()


def _client_set(router: Router, attrs: dict[str, str]) -> list[Reply]:
    for name in attrs:
        if name not in ("source", "address", "interface"):
            raise unknown_parameter()
    source = attrs.get("source", "")
    current = client_for(router, source)
    address = attrs.get("address", current.address)
    interface = attrs.get("interface", current.interface(router))
    for name, value in (("source", source or "127.0.0.1"), ("address", address)):
        try:
            ipaddress.ip_address(value)
        except ValueError:
            raise invalid_value(name) from None
    port = next((i for m in INTERFACE_MENUS for i in router.items(m.path) if i.get("name") == interface), None)
    if port is None:
        raise no_match("interface")
    router.clients[source] = Client(address, port.get("default-name", interface))
    return _done()


def _client_print(router: Router, attrs: dict[str, str]) -> list[Reply]:
    rows = [{"source": source, "address": c.address, "interface": c.interface(router)} for source, c in router.clients.items()]
    return _rows(rows, attrs)


def _certificate_add(router: Router, attrs: dict[str, str]) -> list[Reply]:
    """Install the generated server certificate with its key, as `/certificate import` of
    server.pem and server.key does on a router."""
    for name in attrs:
        if name != "name":
            raise unknown_parameter()
    if not attrs.get("name"):
        raise missing_values(["name"])
    if router.tls is None:
        raise Trap("failure: this router has no TLS listener")
    if attrs["name"] in router.names("certificate"):
        raise Trap(DUP_ENTRY)
    router.items("/certificate").append({".id": router.new_id(), "name": attrs["name"], **router.tls.entry})
    router.save()
    return [("!done", {"ret": router.items("/certificate")[-1][".id"]})]


COMMANDS = {
    "/sim/audit/print": _audit_print,
    "/sim/audit/clear": _audit_clear,
    "/sim/fault/set": _fault_set,
    "/sim/fault/print": _fault_print,
    "/sim/fault/clear": _fault_clear,
    "/sim/clock/advance": _clock_advance,
    "/sim/clock/print": _clock_print,
    "/sim/reset": _reset,
    "/sim/sessions/print": _sessions_print,
    "/sim/stats/print": _stats_print,
    "/sim/stats/prints/print": _stats_prints,
    "/sim/stats/reset": _stats_reset,
    "/sim/client/set": _client_set,
    "/sim/client/print": _client_print,
    "/sim/certificate/add": _certificate_add,
    **upstream.COMMANDS,
    **firewall.COMMANDS,
}


def execute(router: Router, command: str, attrs: dict[str, str]) -> list[Reply]:
    handler = COMMANDS.get(command)
    if handler is None:
        raise UnknownCommand(command.rsplit("/", 1)[-1])
    attrs.pop(".proplist", None)
    return handler(router, attrs)
