"""Start or stop the routeros-sim of a molecule scenario.

    routeros_sim.py start DIR   start two blank routers (home, cafe) on free ports, keep their state in DIR/state,
                                and write DIR/routeros-inventory: the lab inventory's variables with those ports
    routeros_sim.py stop DIR    stop the simulator started in DIR (SIGTERM, then SIGKILL after 10 s)
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
LAB = os.path.join(ROOT, "inventories", "lab")
ROUTERS = ("home", "cafe")


def free_base(count):
    """A port with ``count`` free ports from it on (router N listens on port+N-1)."""
    while True:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            base = s.getsockname()[1]
        if base + count >= 65535:
            continue
        try:
            for port in range(base, base + count):
                with socket.socket() as s:
                    s.bind(("127.0.0.1", port))
            return base
        except OSError:
            continue


def start(directory):
    stop(directory)
    state = os.path.join(directory, "state")
    os.makedirs(state, exist_ok=True)
    simulator = os.path.join(os.path.dirname(sys.executable), "routeros-sim")
    for attempt in range(10):
        port, tls_port, ssh_port = free_base(len(ROUTERS)), free_base(len(ROUTERS)), free_base(len(ROUTERS))
        log = open(os.path.join(directory, "simulator.log"), "w")
        proc = subprocess.Popen([simulator, "--port", str(port), "--tls-port", str(tls_port), "--ssh-port", str(ssh_port),
                                 "--routers", str(len(ROUTERS)),
                                 "--names", ",".join(ROUTERS), "--factory", "blank", "--state-dir", state],
                                stdout=subprocess.PIPE, stderr=log, stdin=subprocess.DEVNULL, text=True, start_new_session=True)
        lines = [proc.stdout.readline() for router in ROUTERS]
        if all(lines):
            break
        proc.wait()
    else:
        sys.exit("routeros-sim did not start; see %s" % os.path.join(directory, "simulator.log"))
    with open(os.path.join(directory, "simulator.pid"), "w") as handle:
        handle.write(str(proc.pid))
    routers = [json.loads(line) for line in lines]

    inventory = os.path.join(directory, "routeros-inventory")
    shutil.rmtree(inventory, ignore_errors=True)
    shutil.copytree(LAB, inventory)
    with open(os.path.join(inventory, "hosts.yml"), "w") as handle:
        handle.write("---\n# Written by extensions/molecule/shared/routeros_sim.py for this scenario's simulator.\n")
        handle.write("routeros:\n  hosts:\n")
        for router in routers:
            handle.write("    %s:\n      routeros_api_port: %s\n      routeros_ssh_port: %s\n"
                         % (router["name"], router["api"].rsplit(":", 1)[1], router["ssh"].rsplit(":", 1)[1]))
    print(json.dumps({"routers": routers, "inventory": inventory}))


def stop(directory):
    pid_file = os.path.join(directory, "simulator.pid")
    if not os.path.exists(pid_file):
        return
    with open(pid_file) as handle:
        pid = int(handle.read().strip())
    try:
        os.kill(pid, signal.SIGTERM)
        for tick in range(100):
            os.kill(pid, 0)
            time.sleep(0.1)
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    os.remove(pid_file)


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("start", "stop"):
        sys.exit(__doc__)
    {"start": start, "stop": stop}[sys.argv[1]](os.path.abspath(sys.argv[2]))
