"""asyncio API server: one api and one api-ssl listener per simulated router, one ApiSession per
connection. A session that misbehaves (bad framing, an unexpected exception) is logged to stderr
and closed; the server and the other sessions carry on.

A new connection is judged as the router judges its first packet: the firewall (firewall.py),
then ``/ip service``. A dropped one never gets an answer (not even the TLS handshake) and what
it sends is ignored; a rejected one is reset at once. What arrives later on an open session is
judged again as ``established``, once per chunk read (``/sim/...`` sentences excepted, so a test
can always clean up through a session it holds)."""

from __future__ import annotations

import asyncio
import itertools
import logging
import ssl
from collections.abc import Callable

from . import auth, control, firewall, scheduler
from . import log as router_log
from .errors import INTERRUPTED, Trap, UnknownCommand
from .protocol import ProtocolError, SentenceReader, encode_sentence
from .router import Reply, Router, SessionInfo
from .ssh import SshListener
from .tls import ServerTls, TlsLayer

log = logging.getLogger("routeros_sim")


class SchedulerTimer:
    """Wakes at a router's next scheduler run and fires it, so jobs run on the simulated clock with
    no session talking to the router (a lockout's rollback job, as on a real router). Re-armed after
    every sentence a session sends: writes, clock advances, resets and reboots all move the next run."""

    # A run due a hair after the wake-up (clock granularity) is caught by the next short wait.
    MIN_WAIT = 0.01

    def __init__(self, router: Router) -> None:
        self.router = router
        self.handle: asyncio.TimerHandle | None = None

    def arm(self) -> None:
        if self.handle is not None:
            self.handle.cancel()
            self.handle = None
        due = scheduler.next_due(self.router)
        if due is not None:
            wait = max(due - self.router.clock.now(), self.MIN_WAIT)
            self.handle = asyncio.get_running_loop().call_later(wait, self._fire)

    def _fire(self) -> None:
        self.handle = None
        try:
            scheduler.catch_up(self.router)
        except Exception:
            log.exception("router %s: scheduler run failed", self.router.options.name)
        self.arm()

    def cancel(self) -> None:
        if self.handle is not None:
            self.handle.cancel()
            self.handle = None


class ApiSession(asyncio.Protocol):
    def __init__(self, router: Router, via: str, ids: itertools.count, timer: SchedulerTimer) -> None:
        self.router = router
        self.via = via
        self.ids = ids
        self.timer = timer
        self.reader = SentenceReader()
        self.transport: asyncio.Transport | None = None
        self.info: SessionInfo | None = None
        self.login: auth.Login | None = None
        self.listens: dict[str | None, Callable[[], None]] = {}
        self.answering_control = False  # replies to /sim sentences stay out of the traffic counters
        self.losing_reply = False  # a lose-reply-after fault: the sentence runs, its reply goes nowhere
        self.client = control.Client()
        self.src_port = 0
        self.tls: TlsLayer | None = None

    # ------------------------------------------------------------ connection events

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]
        peer = transport.get_extra_info("peername") or ("", 0)
        self.client = control.client_for(self.router, peer[0])
        self.src_port = peer[1]
        address = self.client.address
        verdict = self._judge("new")
        if verdict == firewall.DROP:
            return
        if verdict == firewall.REJECT:
            transport.abort()
            return
        if not auth.service_allows(self.router, self.via, address):
            # A router refuses a disabled or address-restricted service by closing at once.
            transport.close()
            return
        if self.via == "api-ssl":
            self.tls = TlsLayer(self.router.tls.context(auth.service_certified(self.router, self.via)))
        loop = asyncio.get_running_loop()
        self.info = SessionInfo(next(self.ids), address, self.via, close=lambda: loop.call_soon(self._close))
        self.router.sessions[self.info.id] = self.info
        self.router.stats.connections += 1
        self.login = auth.Login(self.router, address)

    def connection_lost(self, exc: Exception | None) -> None:
        for unsubscribe in self.listens.values():
            unsubscribe()
        self.listens.clear()
        if self.info is not None:
            self.router.sessions.pop(self.info.id, None)
            if self.info.user is not None:
                router_log.logged_out(self.router, self.info)

    def _judge(self, state: str) -> str:
        port = auth.service_port(self.router, self.via)
        packet = firewall.packet(self.router, self.client.address, self.src_port, self.client.interface(self.router), port, state)
        return firewall.judge(self.router, packet)

    def data_received(self, data: bytes) -> None:
        if self.info is None:
            return
        if self.tls is not None:
            try:
                data = self.tls.receive(data)
            except ssl.SSLError as exc:
                self.transport.write(self.tls.pending())  # the alert of a failed handshake
                log.info("session %s: TLS: %s; closing it", self.info.id, exc)
                self._close()
                return
            self.transport.write(self.tls.pending())
        try:
            sentences = self.reader.feed(data)
        except ProtocolError as exc:
            log.warning("session %s: %s; closing it", self.info.id, exc)
            self._close()
            return
        verdict = None  # one verdict per arriving chunk, as for one packet
        for words in sentences:
            if self.transport is None or self.transport.is_closing():
                return
            if not words[0].startswith("/sim/"):
                verdict = verdict or self._judge("established")
                if verdict == firewall.DROP:
                    continue
                if verdict == firewall.REJECT:
                    self.transport.abort()
                    return
            try:
                self._handle(words)
            except Exception:
                log.exception("session %s: unexpected error on %r; closing it", self.info.id, words[:1])
                self._close()
                return
            finally:
                self.timer.arm()

    def _close(self) -> None:
        if self.transport is not None and not self.transport.is_closing():
            self.transport.close()

    # ------------------------------------------------------------ sentences

    def _send(self, replies: list[Reply], tag: str | None) -> None:
        if self.losing_reply:
            return
        if not self.answering_control:
            self.router.stats.sentences_out += len(replies)
        chunks = []
        for word, attrs in replies:
            words = [word]
            if tag is not None:
                words.append(f".tag={tag}")
            words.extend(f"={k}={v}" for k, v in attrs.items())
            chunks.append(encode_sentence(words))
        data = b"".join(chunks)
        delay = self.router.faults.delay_ms
        if delay:
            asyncio.get_running_loop().call_later(delay / 1000, self._write, data)
        else:
            self._write(data)

    def _write(self, data: bytes) -> None:
        if self.transport is not None and not self.transport.is_closing():
            self.transport.write(self.tls.send(data) if self.tls is not None else data)

    def _handle(self, words: list[str]) -> None:
        command = words[0]
        tag = None
        attrs: dict[str, str] = {}
        queries: list[str] = []
        for word in words[1:]:
            if word.startswith(".tag="):
                tag = word[5:]
            elif word.startswith("="):
                name, _sep, value = word[1:].partition("=")
                attrs[name] = value
            elif word.startswith("?"):
                queries.append(word)
        self.answering_control = command.startswith("/sim/")
        if not self.answering_control:
            self.router.stats.command(command)
            if self._dropped():
                return
            self.losing_reply = self._countdown("lose_reply_after")
        try:
            self._dispatch(command, attrs, queries, tag)
        except Trap as trap:
            self._send(trap.replies() + [("!done", {})], tag)
        finally:
            self.answering_control = False
            if self.losing_reply:
                self.losing_reply = False
                self.transport.abort()

    def _dropped(self) -> bool:
        if not self._countdown("drop_after"):
            return False
        self.transport.abort()
        return True

    def _countdown(self, fault: str) -> bool:
        """True when the one-shot fault ``fault`` (a count of sentences still answered) hits this sentence."""
        faults = self.router.faults
        left = getattr(faults, fault)
        if left is None:
            return False
        if left > 0:
            setattr(faults, fault, left - 1)
            return False
        setattr(faults, fault, None)
        return True

    def _dispatch(self, command: str, attrs: dict[str, str], queries: list[str], tag: str | None) -> None:
        if command == "/quit":
            self.router.stats.sentences_out += 1
            self._write(encode_sentence(["!fatal", "session terminated on request"]))
            self._close()
            return
        if command == "/login":
            self._login(attrs, tag)
            return
        if self.info.user is None:
            raise Trap(auth.NOT_LOGGED_IN)
        if command == "/cancel":
            self._cancel(attrs.get("tag"))
            self._send([("!done", {})], tag)
            return
        if not command.startswith("/") or not command.strip("/"):
            # Words such as ``/`` and ``//`` name no menu: the router answers traps, as for any
            # unknown command, and the session goes on.
            raise UnknownCommand(command)
        if command.endswith("/listen"):
            self._listen(command, tag)
            return
        self._send(self.router.execute(command, attrs, queries, session=self.info), tag)

    def _login(self, attrs: dict[str, str], tag: str | None) -> None:
        try:
            user, done = self.login.handle(attrs)
        except Trap:
            router_log.login_failure(self.router, attrs.get("name", ""), self.info)
            raise
        if user is not None:
            if self.info.user is not None:
                router_log.logged_out(self.router, self.info)
            self.info.user = user
            self.info.when = self.router.clock.stamp()
            self.router.stats.logins += 1
            router_log.logged_in(self.router, self.info)
        self._send([("!done", done)], tag)

    # ------------------------------------------------------------ listen / cancel

    def _listen(self, command: str, tag: str | None) -> None:
        path = command.rsplit("/", 1)[0]
        menu = self.router.menu(path, "listen")
        if "listen" not in menu.commands:
            raise UnknownCommand("listen")
        seen = {row.get(".id", ""): row for row in self.router.rows(menu)}

        def changed() -> None:
            rows = {row.get(".id", ""): row for row in self.router.rows(menu)}
            replies = [("!re", row) for key, row in rows.items() if seen.get(key) != row]
            replies += [("!re", {".id": key, ".dead": "true"}) for key in seen if key not in rows]
            seen.clear()
            seen.update(rows)
            if replies:
                self._send(replies, tag)

        self.listens[tag] = self.router.subscribe(changed)

    def _cancel(self, tag: str | None) -> None:
        tags = [tag] if tag is not None else list(self.listens)
        for each in tags:
            unsubscribe = self.listens.pop(each, None)
            if unsubscribe is not None:
                unsubscribe()
                self._send([("!trap", {"category": str(INTERRUPTED), "message": "interrupted"}), ("!done", {})], each)


class SimServer:
    """Listeners for a list of routers: router N on ``port + N - 1`` and ``tls_port + N - 1``, and its ssh
    service (SFTP) on ``ssh_port + N - 1`` when ``ssh_port`` is given."""

    def __init__(self, routers: list[Router], host: str, port: int, tls_port: int, tls: ServerTls, ssh_port: int | None = None) -> None:
        self.routers = routers
        self.ssh_port = ssh_port
        self.ssh: list[SshListener] = []
        self.host = host
        self.port = port
        self.tls_port = tls_port
        self.tls = tls
        self.servers: list[asyncio.base_events.Server] = []
        self.timers: list[SchedulerTimer] = []

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        for offset, router in enumerate(self.routers):
            router.tls = self.tls
            ids = itertools.count(1)
            timer = SchedulerTimer(router)
            plain = await loop.create_server(lambda r=router, i=ids, t=timer: ApiSession(r, "api", i, t), self.host, self.port + offset, reuse_address=True)
            # TLS runs inside the session (TlsLayer): the firewall decides before any handshake.
            secure = await loop.create_server(
                lambda r=router, i=ids, t=timer: ApiSession(r, "api-ssl", i, t), self.host, self.tls_port + offset, reuse_address=True
            )
            self.servers += [plain, secure]
            if self.ssh_port is not None:
                listener = SshListener(router, self.host, self.ssh_port + offset, ids)
                await listener.start()
                self.ssh.append(listener)
            self.timers.append(timer)
            timer.arm()

    async def close(self) -> None:
        for timer in self.timers:
            timer.cancel()
        for listener in self.ssh:
            await listener.close()
        for server in self.servers:
            server.close()
        for router in self.routers:
            for session in list(router.sessions.values()):
                session.close()
        for server in self.servers:
            await server.wait_closed()
