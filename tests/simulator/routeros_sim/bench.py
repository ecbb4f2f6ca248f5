"""Throughput benchmark: ``python -m routeros_sim.bench [--commands N]``.

Starts one simulated router in a subprocess (the server is single-threaded, so it uses one core),
fills /ip/address with a small table, then pipelines tagged ``/ip/address/print`` commands over a
raw socket and prints one line: API sentences (commands in plus replies out) per second of wall
time and per second of the server's CPU time.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import threading
import time

from .protocol import SentenceReader, encode_sentence


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux /proc): the figure that holds when the machine
    is busy with other work and wall time is not."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _call(sock: socket.socket, reader: SentenceReader, *words: str) -> list[list[str]]:
    sock.sendall(encode_sentence(words))
    replies: list[list[str]] = []
    while not replies or replies[-1][0] != "!done":
        replies += reader.feed(sock.recv(65536))
    return replies


def run(commands: int, rows: int) -> str:
    cmd = [sys.executable, "-m", "routeros_sim.cli", "--port", str(_free_port()), "--tls-port", str(_free_port())]
    server = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    try:
        host, port = json.loads(server.stdout.readline())["api"].rsplit(":", 1)
        sock = socket.create_connection((host, int(port)))
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        reader = SentenceReader()
        _call(sock, reader, "/login", "=name=admin", "=password=")
        for n in range(rows):
            _call(sock, reader, "/ip/address/add", f"=address=10.0.{n}.1/24", "=interface=ether2")
        batch = b"".join(encode_sentence(["/ip/address/print", f".tag={n}"]) for n in range(commands))

        cpu_start = _cpu_seconds(server.pid)
        start = time.perf_counter()
        sender = threading.Thread(target=sock.sendall, args=(batch,))
        sender.start()
        sentences = done = 0
        while done < commands:
            for reply in reader.feed(sock.recv(1 << 20)):
                sentences += 1
                done += reply[0] == "!done"
        elapsed = time.perf_counter() - start
        cpu = _cpu_seconds(server.pid) - cpu_start
        sender.join()
        sock.close()
    finally:
        server.terminate()
        server.wait()
    total = sentences + commands
    return (
        f"routeros-sim bench: {commands} pipelined /ip/address/print ({rows} rows), {total} API sentences "
        f"({commands} in + {sentences} out): {total / elapsed:,.0f} sentences/s wall ({elapsed:.2f}s), "
        f"{total / cpu:,.0f} sentences per server CPU second ({cpu:.2f}s; the server uses one core)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="routeros_sim.bench", description=__doc__)
    parser.add_argument("--commands", type=int, default=20000)
    parser.add_argument("--rows", type=int, default=3)
    args = parser.parse_args(argv)
    print(run(args.commands, args.rows), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
