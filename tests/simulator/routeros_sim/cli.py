"""``routeros-sim``: start N simulated RouterOS v6 routers, print one JSON line per router, serve
until SIGTERM or SIGINT."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import signal
import sys
import tempfile

from . import tls
from .factory import FACTORIES
from .persistence import StateStore
from .router import Options, Router
from .server import SimServer


def _user(text: str) -> tuple[str, str]:
    name, sep, password = text.partition(":")
    if not sep or not name:
        raise argparse.ArgumentTypeError(f"expected NAME:PASSWORD, got {text!r}")
    return name, password


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="routeros-sim", description=__doc__)
    p.add_argument("--listen", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8728, help="api port of router 1; router N uses port+N-1")
    p.add_argument("--tls-port", type=int, default=8729, help="api-ssl port of router 1; router N uses tls-port+N-1")
    p.add_argument(
        "--ssh-port", type=int, default=None,
        help="ssh (SFTP) port of router 1; router N uses ssh-port+N-1 (default: no ssh service is served)",
    )
    p.add_argument("--routers", type=int, default=1, help="number of simulated routers")
    p.add_argument("--names", help="comma-separated router names (default router1, router2, ...)")
    p.add_argument("--state-dir", help="keep each router's state in DIR/NAME.json across restarts")
    p.add_argument("--version", default="6.49.10", help="RouterOS version to simulate (selects the login method)")
    p.add_argument("--channel", default="long-term", help="release channel shown in /system resource version")
    p.add_argument("--factory", choices=FACTORIES, default="blank", help="configuration of a fresh router")
    p.add_argument("--ipv6-package", choices=("enabled", "disabled"), default="enabled", help="ipv6 package state on a fresh router")
    p.add_argument(
        "--user", action="append", default=[], type=_user, metavar="NAME:PASSWORD",
        help="give that user (admin or a new one) this password and group full (repeatable)",
    )
    p.add_argument("--tls-dir", help="where to write ca.pem and the server certificate (default: state dir or a temp dir)")
    p.add_argument(
        "--tls-name", action="append", default=[], metavar="NAME",
        help="a host name or address the server certificate is made for, instead of the listen address, 127.0.0.1 and "
             "localhost (repeatable)",
    )
    args = p.parse_args(argv)
    names = args.names.split(",") if args.names else [f"router{n}" for n in range(1, args.routers + 1)]
    if args.names and len(names) != args.routers and args.routers != 1:
        p.error("--names must list as many names as --routers")
    args.names = names
    return args


async def serve(args: argparse.Namespace) -> None:
    if args.state_dir:
        os.makedirs(args.state_dir, exist_ok=True)
    tls_dir = args.tls_dir or args.state_dir or tempfile.mkdtemp(prefix="routeros-sim-")
    os.makedirs(tls_dir, exist_ok=True)
    server_tls, ca_path = tls.generate(tls_dir, args.tls_name or [args.listen, "127.0.0.1", "localhost"])
    routers = []
    for index, name in enumerate(args.names, start=1):
        options = Options(
            name=name,
            index=index,
            version=args.version,
            channel=args.channel,
            factory=args.factory,
            ipv6_package=args.ipv6_package == "enabled",
            users=dict(args.user),
        )
        store = StateStore(os.path.join(args.state_dir, f"{name}.json")) if args.state_dir else None
        routers.append(Router(options, store))
    server = SimServer(routers, args.listen, args.port, args.tls_port, server_tls, args.ssh_port)
    await server.start()
    for offset, router in enumerate(routers):
        line = {
            "name": router.options.name,
            "api": f"{args.listen}:{args.port + offset}",
            "api_ssl": f"{args.listen}:{args.tls_port + offset}",
            "ca": ca_path,
            "ssh": f"{args.listen}:{args.ssh_port + offset}" if args.ssh_port is not None else "",
            "ssh_host_key": server.ssh[offset].fingerprint if server.ssh else "",
        }
        print(json.dumps(line), flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    await server.close()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING, format="routeros-sim: %(message)s")
    try:
        asyncio.run(serve(args))
    except OSError as exc:
        print(f"routeros-sim: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
