"""The ``ssh`` service: SFTP access to ``/file``, the way files are taken off a v6 router.

RouterOS v6's SSH server offers SFTP (and SCP) on the ``ssh`` service of ``/ip service``; a
file it lists is a ``/file`` entry (MikroTik manual: Manual:System/File, "Uploading and
downloading files"). The simulator serves SFTP only, no shell: an SSH client that asks for a
session other than the ``sftp`` subsystem is refused.

A connection is treated like an API connection: the firewall judges it (input chain, the
``ssh`` service's port, from the simulated client's address and port, ``/sim/client``), a drop
leaves the client waiting for its timeout, a reject or a disabled or address-restricted service
closes it, and the password is checked as ``/login`` checks it (users, ``address=``,
``disabled``). Logins and logouts are logged ``via ssh``, and the session shows in
``/sim/sessions`` while it is open.

Files are read-only here (uploads are not simulated). ``/sim/fault/set sftp-cut-after=N`` makes
the next file read stop after N bytes and close the connection, as when the link fails midway.
"""

from __future__ import annotations

import asyncio
import itertools
import socket
import stat
from typing import TYPE_CHECKING

import asyncssh

from . import auth, control, files, firewall
from . import log as router_log
from .router import SessionInfo

if TYPE_CHECKING:
    from .router import Router

SERVICE = "ssh"
# How long a dropped connection is held before the simulator lets go (a client gives up sooner).
DROP_HOLD_SECONDS = 120


def _name(path: bytes) -> str:
    return path.decode("utf-8", "surrogateescape").strip("/")


def _attrs(item: dict) -> asyncssh.SFTPAttrs:
    directory = item.get("type") == "directory"
    return asyncssh.SFTPAttrs(
        type=asyncssh.FILEXFER_TYPE_DIRECTORY if directory else asyncssh.FILEXFER_TYPE_REGULAR,
        size=int(item.get("size", "0") or 0),
        permissions=(stat.S_IFDIR | 0o755) if directory else (stat.S_IFREG | 0o644),
    )


class RouterFiles(asyncssh.SFTPServer):
    """The router's ``/file`` as an SFTP file system, read-only."""

    def __init__(self, chan: asyncssh.SSHServerChannel, router: Router) -> None:
        super().__init__(chan)
        self.router = router

    def _item(self, path: bytes) -> dict:
        name = _name(path)
        item = files.find(self.router, name)
        if item is None:
            raise asyncssh.SFTPNoSuchFile(f"{name}: no such file")
        return item

    def realpath(self, path: bytes) -> bytes:
        return b"/" + _name(path).encode("utf-8", "surrogateescape")

    def stat(self, path: bytes) -> asyncssh.SFTPAttrs:
        if not _name(path):
            return asyncssh.SFTPAttrs(type=asyncssh.FILEXFER_TYPE_DIRECTORY, size=0, permissions=stat.S_IFDIR | 0o755)
        return _attrs(self._item(path))

    lstat = stat

    async def scandir(self, path: bytes):
        folder = _name(path)
        if folder and self._item(path).get("type") != "directory":
            raise asyncssh.SFTPNoSuchFile(f"{folder}: not a directory")
        prefix = folder + "/" if folder else ""
        for item in list(self.router.items(files.PATH)):
            name = item.get("name", "")
            if name.startswith(prefix) and "/" not in name[len(prefix):]:
                leaf = name[len(prefix):].encode("utf-8", "surrogateescape")
                yield asyncssh.SFTPName(leaf, attrs=_attrs(item))

    def open(self, path: bytes, pflags: int, attrs: asyncssh.SFTPAttrs) -> object:
        if pflags & (asyncssh.FXF_WRITE | asyncssh.FXF_CREAT | asyncssh.FXF_APPEND | asyncssh.FXF_TRUNC):
            raise asyncssh.SFTPPermissionDenied("uploads are not simulated")
        item = self._item(path)
        if item.get("type") == "directory":
            raise asyncssh.SFTPFailure(f"{_name(path)}: is a directory")
        # The data as the file holds it when opened; a later export writes a new file.
        return {"data": item.get(".data", "").encode("utf-8", "surrogateescape"), "item": item}

    def fstat(self, file_obj: object) -> asyncssh.SFTPAttrs:
        return _attrs(file_obj["item"])  # type: ignore[index]

    def read(self, file_obj: object, offset: int, size: int) -> bytes:
        data = file_obj["data"][offset:offset + size]  # type: ignore[index]
        faults = self.router.faults
        if faults.sftp_cut_after is not None and data:
            left = faults.sftp_cut_after
            if len(data) >= left:
                faults.sftp_cut_after = None
                self.connection.abort()
                raise asyncssh.SFTPConnectionLost("connection lost")
            faults.sftp_cut_after = left - len(data)
        return data

    def close(self, file_obj: object) -> None:
        return None


class RouterSsh(asyncssh.SSHServer):
    """Password authentication as the API's login, logged ``via ssh``."""

    def __init__(self, router: Router, info: SessionInfo, client: control.Client) -> None:
        self.router = router
        self.info = info
        self.client = client

    def begin_auth(self, username: str) -> bool:
        return True

    def password_auth_supported(self) -> bool:
        return True

    def validate_password(self, username: str, password: str) -> bool:
        user = None if self.router.faults.refuse_login else auth.user_for(self.router, username, self.client.address)
        if user is not None and auth.password_matches(user, password):
            self.info.user = username
            self.info.when = self.router.clock.stamp()
            router_log.logged_in(self.router, self.info)
            return True
        router_log.login_failure(self.router, username, self.info)
        return False

    def connection_lost(self, exc: Exception | None) -> None:
        self.router.sessions.pop(self.info.id, None)
        if self.info.user is not None:
            router_log.logged_out(self.router, self.info)


class SshListener:
    """The ``ssh`` service of one router on a real port (``/ip service`` keeps the port it prints)."""

    def __init__(self, router: Router, host: str, port: int, ids: itertools.count) -> None:
        self.router = router
        self.host = host
        self.port = port
        self.ids = ids
        self.key = asyncssh.generate_private_key("ssh-ed25519")
        self.sock: socket.socket | None = None
        self.task: asyncio.Task | None = None
        self.connections: set = set()

    @property
    def fingerprint(self) -> str:
        return self.key.get_fingerprint("sha256")

    async def start(self) -> None:
        sock = socket.socket(socket.AF_INET6 if ":" in self.host else socket.AF_INET)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, self.port))
        sock.listen(64)
        sock.setblocking(False)
        self.sock = sock
        self.task = asyncio.get_running_loop().create_task(self._accept())

    async def _accept(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            conn, peer = await loop.sock_accept(self.sock)
            handler = loop.create_task(self._serve(conn, peer))
            self.connections.add(handler)
            handler.add_done_callback(self.connections.discard)

    async def _serve(self, conn: socket.socket, peer: tuple) -> None:
        router = self.router
        client = control.client_for(router, peer[0])
        port = auth.service_port(router, SERVICE)
        packet = firewall.packet(router, client.address, peer[1], client.interface(router), port, "new")
        verdict = firewall.judge(router, packet)
        if verdict == firewall.DROP:
            # No answer at all: the client waits for its own timeout.
            try:
                await asyncio.sleep(DROP_HOLD_SECONDS)
            finally:
                conn.close()
            return
        if verdict == firewall.REJECT or not auth.service_allows(router, SERVICE, client.address):
            conn.close()
            return
        info = SessionInfo(next(self.ids), client.address, SERVICE, close=lambda: None)
        router.sessions[info.id] = info
        try:
            connection = await asyncssh.run_server(
                conn,
                server_factory=lambda: RouterSsh(router, info, client),
                server_host_keys=[self.key],
                sftp_factory=lambda chan: RouterFiles(chan, router),
                allow_scp=False,
                login_timeout=30,
            )
            info.close = connection.abort
            await connection.wait_closed()
        except (OSError, asyncssh.Error):
            conn.close()
        finally:
            router.sessions.pop(info.id, None)

    async def close(self) -> None:
        if self.task is not None:
            self.task.cancel()
        for handler in list(self.connections):
            handler.cancel()
        if self.sock is not None:
            self.sock.close()
