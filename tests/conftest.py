"""Shared fixtures: RouterOS v6 simulators (tests/simulator) started as subprocesses on free ports.

``routeros_sim`` is one blank 6.49.10 router per test session (per xdist worker); tests that change
it reset it first. ``routeros_sim_factory`` (per test) and ``routeros_sim_module_factory`` (per
module) start simulators with other command-line options (version, factory, users, state dir).
"""

from __future__ import annotations

import json
import os
import socket
import ssl
import subprocess
import sys
import tempfile

import pytest

SIMULATOR_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "simulator")
if SIMULATOR_DIR not in sys.path:
    sys.path.insert(0, SIMULATOR_DIR)

# Every suite imports the checkout as ansible_collections.soho.routeros through the .collections
# symlink that `make venv` creates; create it here too, for a plain `pytest` on a new checkout.
COLLECTIONS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), ".collections")
_LINK = os.path.join(COLLECTIONS, "ansible_collections", "soho", "routeros")
if not os.path.lexists(_LINK):
    os.makedirs(os.path.dirname(_LINK), exist_ok=True)
    try:
        os.symlink("../../..", _LINK)
    except FileExistsError:
        pass
if COLLECTIONS not in sys.path:
    sys.path.insert(0, COLLECTIONS)


def _ports_free(host: str, ports: list[int]) -> bool:
    for port in ports:
        with socket.socket() as s:
            try:
                s.bind((host, port))
            except OSError:
                return False
    return True


def _free_base(host: str, count: int) -> int:
    """A base port with ``count`` consecutive free ports. Port 0 gives one free port; the
    simulator needs runs of them, so probe from the kernel's pick and around it."""
    while True:
        with socket.socket() as s:
            s.bind((host, 0))
            base = s.getsockname()[1]
        if base + count < 65535 and _ports_free(host, list(range(base, base + count))):
            return base


class Simulator:
    """A running ``routeros-sim`` process and helpers to talk to its routers."""

    def __init__(self, args: list[str], routers: int = 1, host: str = "127.0.0.1") -> None:
        self.host = host
        self.args = args
        self.count = routers
        self.proc: subprocess.Popen | None = None
        self.routers: list[dict] = []
        self.start()

    def start(self) -> None:
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [SIMULATOR_DIR, os.environ.get("PYTHONPATH")])))
        for attempt in range(20):
            self.port = _free_base(self.host, self.count)
            self.tls_port = _free_base(self.host, self.count)
            self.ssh_port = _free_base(self.host, self.count)
            cmd = [sys.executable, "-m", "routeros_sim.cli", "--listen", self.host, "--port", str(self.port),
                   "--tls-port", str(self.tls_port), "--ssh-port", str(self.ssh_port), "--routers", str(self.count), *self.args]
            # stderr goes to a file: a pipe nobody reads would block a chatty simulator.
            self.stderr = tempfile.TemporaryFile(mode="w+")
            proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=self.stderr, text=True, env=env)
            lines = [proc.stdout.readline() for router in range(self.count)]
            if all(lines):
                self.proc = proc
                self.routers = [json.loads(line) for line in lines]
                self.ca_path = self.routers[0]["ca"]
                return
            proc.wait()
            self.stderr.seek(0)
            error = self.stderr.read()
            self.stderr.close()
            if "address already in use" not in error.lower():
                raise RuntimeError(f"routeros-sim failed to start: {error}")
        raise RuntimeError("routeros-sim: no free ports found")

    def stop(self) -> int:
        if self.proc is None:
            return 0
        self.proc.terminate()
        try:
            code = self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            code = self.proc.wait()
        self.proc.stdout.close()
        self.stderr.close()
        self.proc = None
        return code

    def restart(self) -> None:
        self.stop()
        self.start()

    def address(self, router: int = 0, tls: bool = False) -> tuple[str, int]:
        host, port = self.routers[router]["api_ssl" if tls else "api"].rsplit(":", 1)
        return host, int(port)

    def ssh_address(self, router: int = 0) -> tuple[str, int]:
        """Where the router's ssh service (SFTP) listens; its /ip service entry prints port 22 as on a router."""
        host, port = self.routers[router]["ssh"].rsplit(":", 1)
        return host, int(port)

    def ssl_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=self.ca_path)

    def install_certificate(self, router: int = 0, name: str = "api") -> None:
        """Give api-ssl the simulator's certificate, as an operator imports one on a router: without
        it api-ssl offers anonymous TLS only and verified TLS fails."""
        if not [c for c in self.control(router, "/certificate/print") if c["name"] == name]:
            self.control(router, "/sim/certificate/add", name=name)
        self.control(router, "/ip/service/set", **{".id": "api-ssl", "certificate": name})

    def api(self, router: int = 0, username: str = "admin", password: str = "", tls: bool = False, **kw):
        """A librouteros connection; ``tls`` verifies the certificate (call install_certificate first)."""
        import librouteros

        host, port = self.address(router, tls)
        if tls:
            context = self.ssl_context()
            kw.setdefault("ssl_wrapper", lambda sock: context.wrap_socket(sock, server_hostname=host))
        kw.setdefault("timeout", 10)
        return librouteros.connect(host, username, password, port=port, **kw)

    def control(self, router: int, command: str, **attrs) -> list[dict]:
        api = self.api(router)
        try:
            return list(api(command, **attrs))
        finally:
            api.close()

    def audit(self, router: int = 0) -> list[dict]:
        return self.control(router, "/sim/audit/print")

    def clear_audit(self, router: int = 0) -> None:
        self.control(router, "/sim/audit/clear")

    def reset(self, router: int = 0, factory: str = "blank") -> None:
        self.control(router, "/sim/reset", factory=factory)


@pytest.fixture(scope="session")
def routeros_sim():
    sim = Simulator([])
    yield sim
    sim.stop()


def _factory():
    started: list[Simulator] = []

    def start(*args: str, routers: int = 1) -> Simulator:
        sim = Simulator(list(args), routers=routers)
        started.append(sim)
        return sim

    yield start
    for sim in started:
        sim.stop()


@pytest.fixture
def routeros_sim_factory():
    """``start(*cli_args, routers=1)`` -> Simulator, stopped when the test ends."""
    yield from _factory()


@pytest.fixture(scope="module")
def routeros_sim_module_factory():
    """Like routeros_sim_factory, but the simulators live until the test module ends."""
    yield from _factory()
