"""`make bench`: the speed and memory figures of the collection, measured and reported.

1. simulator throughput: API sentences per second of one simulated router (routeros_sim.bench);
2. seconds per task of a module through the action plugin in the controller process versus as a
   module process (tools/bench_modules.py);
3. playbooks/site.yml on one simulated router from factory state: wall time and peak memory of
   ansible-playbook for the first run and for the rerun that changes nothing.

The report goes to stdout and to .build/bench-report.txt. Nothing here asserts a target: the
figures are for reading and for comparing between changes.
"""

import json
import os
import re
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.dirname(sys.executable)
REPORT = os.path.join(ROOT, ".build", "bench-report.txt")
RECAP = re.compile(r"^(\S+)\s*:\s*ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def output_of(*command):
    return subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT).stdout.strip()


def children_peak_rss_mib():
    # ru_maxrss of the children is the largest single child so far, in KiB on Linux.
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0


def site_run(port, workdir, *args):
    env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, "ansible.cfg"), ANSIBLE_NOCOLOR="1",
               PATH=BIN + os.pathsep + os.environ.get("PATH", ""))
    command = [os.path.join(BIN, "ansible-playbook"), "-i", os.path.join(ROOT, "inventories", "lab"),
               os.path.join(ROOT, "playbooks", "site.yml"), "--limit", "home",
               "-e", "routeros_api_port=%d" % port, "-e", "backup_dir=%s" % os.path.join(workdir, "backups")]
    command.extend(args)
    start = time.perf_counter()
    proc = subprocess.run(command, check=False, capture_output=True, text=True, env=env, cwd=ROOT, stdin=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError("site.yml failed:\n" + proc.stdout[-3000:] + proc.stderr[-2000:])
    changed = [int(m.group(3)) for m in map(RECAP.match, proc.stdout.splitlines()) if m]
    tasks = proc.stdout.count("\nTASK [")
    return elapsed, tasks, changed[0] if changed else None


def bench_site():
    with tempfile.TemporaryDirectory() as workdir:
        port = free_port()
        command = [os.path.join(BIN, "routeros-sim"), "--port", str(port), "--tls-port", str(free_port()),
                   "--names", "home", "--factory", "blank", "--state-dir", os.path.join(workdir, "state")]
        sim = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        try:
            json.loads(sim.stdout.readline())
            first = site_run(port, workdir)
            rerun = site_run(port, workdir)
        finally:
            sim.send_signal(signal.SIGTERM)
            sim.wait(timeout=10)
    lines = ["site.yml, one router from factory state (wall time, tasks, changed):"]
    for label, (elapsed, tasks, changed) in (("first run", first), ("rerun", rerun)):
        lines.append("  %-9s %6.2f s  %3d tasks  %5.3f s/task  changed=%s" % (label, elapsed, tasks, elapsed / max(tasks, 1), changed))
    lines.append("  peak memory of one ansible-playbook process: %.0f MiB" % children_peak_rss_mib())
    return "\n".join(lines)


def main():
    sections = [
        "soho.routeros benchmark, %s, %d cores, Python %s" % (
            time.strftime("%Y-%m-%d %H:%M:%S"), os.cpu_count(), sys.version.split()[0]),
        "simulator: " + output_of(sys.executable, "-m", "routeros_sim.bench"),
        output_of(sys.executable, os.path.join(ROOT, "tools", "bench_modules.py")),
        bench_site(),
    ]
    report = "\n\n".join(sections) + "\n"
    os.makedirs(os.path.dirname(REPORT), exist_ok=True)
    with open(REPORT, "w") as handle:
        handle.write(report)
    sys.stdout.write(report)
    print("(written to %s)" % os.path.relpath(REPORT, ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
