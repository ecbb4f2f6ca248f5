"""`make demo`: two simulated routers taken from factory state to a small-office network.

1. starts routeros-sim with the routers of inventories/lab (home office and cafe, blank factory state);
2. runs playbooks/site.yml (the changes are shown);
3. runs it again: changed=0 for every router and nothing written;
4. runs it with --check --diff after a variable change (lease time 30m): the dry run shows the change,
   and the simulator's audit log shows that nothing was written;
5. runs playbooks/diagnose.yml (every check passes, nothing written) and playbooks/report.yml (a Markdown
   report per router with its addressing diagram, in demo-output/reports/);
6. prints where to look, and stops the simulator, whatever happened.

Exits non-zero when a step fails. Nothing asks for input.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.dirname(sys.executable)
OUT = os.path.join(ROOT, "demo-output")
INVENTORY = os.path.join(ROOT, "inventories", "lab")
ROUTERS = ("home", "cafe")
API_PORT = 18728  # inventories/lab/hosts.yml: home 18728, cafe 18729
TLS_PORT = 18828
SSH_PORT = 18722  # the routers' ssh service (SFTP), from which the backup role copies their exports
RECAP = re.compile(r"^(\S+)\s*:\s*ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)")


def say(text):
    print("\n\033[1m==> %s\033[0m" % text if sys.stdout.isatty() else "\n==> %s" % text, flush=True)


def start_simulator():
    state_dir = os.path.join(OUT, "state")
    os.makedirs(state_dir)
    cmd = [os.path.join(BIN, "routeros-sim"), "--port", str(API_PORT), "--tls-port", str(TLS_PORT),
           "--ssh-port", str(SSH_PORT), "--routers", str(len(ROUTERS)), "--names", ",".join(ROUTERS), "--factory", "blank",
           "--state-dir", state_dir]
    log = open(os.path.join(OUT, "simulator.log"), "w")
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=log, text=True, start_new_session=True)
    routers = []
    for router_name in ROUTERS:
        line = proc.stdout.readline()
        if not line:
            proc.wait()
            log.close()
            with open(os.path.join(OUT, "simulator.log")) as handle:
                raise RuntimeError("routeros-sim did not start: %s(is another simulator using ports %d-%d?)"
                                   % (handle.read(), API_PORT, API_PORT + len(ROUTERS) - 1))
        routers.append(json.loads(line))
    return proc, routers


def stop_simulator(proc):
    if proc is None or proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def playbook(name, *args, playbook_file="site.yml"):
    """Run a playbook (site.yml) on the lab inventory, show its output, keep it in demo-output/NAME.log; return rc and
    recap."""
    env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, "ansible.cfg"), ANSIBLE_NOCOLOR="1",
               ANSIBLE_COLLECTIONS_PATH=os.environ.get("ANSIBLE_COLLECTIONS_PATH", os.path.join(ROOT, ".collections")),
               PATH=BIN + os.pathsep + os.environ.get("PATH", ""))
    cmd = [os.path.join(BIN, "ansible-playbook"), "-i", INVENTORY, os.path.join(ROOT, "playbooks", playbook_file),
           "-e", "backup_dir=" + os.path.join(OUT, "backups"), "-e", "report_dir=" + os.path.join(OUT, "reports"), *args]
    print("$ " + " ".join(os.path.relpath(c, ROOT) if c.startswith(ROOT) else c for c in cmd), flush=True)
    recap = {}
    with open(os.path.join(OUT, name + ".log"), "w") as log:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=ROOT,
                                stdin=subprocess.DEVNULL)
        for line in proc.stdout:
            sys.stdout.write(line)
            log.write(line)
            match = RECAP.match(line)
            if match:
                recap[match.group(1)] = dict(zip(("ok", "changed", "unreachable", "failed"), map(int, match.groups()[1:])))
        proc.wait()
    sys.stdout.flush()
    return proc.returncode, recap


def audit(router):
    """Writes the simulator applied since the last clear (its /sim/audit log)."""
    import librouteros

    host, port = router["api"].rsplit(":", 1)
    api = librouteros.connect(host, "admin", "", port=int(port), timeout=10)
    try:
        return list(api("/sim/audit/print"))
    finally:
        api.close()


def clear_audit(router):
    import librouteros

    host, port = router["api"].rsplit(":", 1)
    api = librouteros.connect(host, "admin", "", port=int(port), timeout=10)
    try:
        list(api("/sim/audit/clear"))
    finally:
        api.close()


def check(results, step, ok, detail):
    results.append((step, ok, detail))
    print(("PASS" if ok else "FAIL") + ": " + step + (" (" + detail + ")" if detail else ""), flush=True)
    return ok


def demo():
    results = []
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(OUT)
    proc = None
    started = time.time()
    try:
        say("Starting routeros-sim: %s (factory state: blank)" % ", ".join(ROUTERS))
        proc, routers = start_simulator()
        for router in routers:
            print("  %-5s RouterOS API on %s" % (router["name"], router["api"]))

        say("1. site.yml takes both routers from factory state to the lab's home office and cafe")
        rc, recap = playbook("1-converge", "--diff")
        check(results, "site.yml converges", rc == 0 and all(recap.get(r, {}).get("failed", 1) == 0 for r in ROUTERS),
              "changed: " + ", ".join("%s=%s" % (r, recap.get(r, {}).get("changed")) for r in ROUTERS))
        if rc != 0:
            return results

        say("2. The same run again: nothing to change")
        for router in routers:
            clear_audit(router)
        rc, recap = playbook("2-rerun")
        written = sum(len(audit(router)) for router in routers)
        check(results, "rerun is idempotent", rc == 0 and all(recap.get(r, {}).get("changed", 1) == 0 for r in ROUTERS),
              ", ".join("%s changed=%s" % (r, recap.get(r, {}).get("changed")) for r in ROUTERS))
        check(results, "rerun writes nothing", written == 0, "%d writes in the simulator's audit log" % written)

        say("3. Dry run of a change (lan_ipv4_lease_time=30m) with --check --diff")
        for router in routers:
            clear_audit(router)
        rc, recap = playbook("3-check-diff", "--check", "--diff", "-e", "lan_ipv4_lease_time=30m")
        written = sum(len(audit(router)) for router in routers)
        check(results, "dry run shows the change", rc == 0 and all(recap.get(r, {}).get("changed", 0) > 0 for r in ROUTERS),
              ", ".join("%s changed=%s" % (r, recap.get(r, {}).get("changed")) for r in ROUTERS))
        check(results, "dry run writes nothing", written == 0, "%d writes in the simulator's audit log" % written)

        say("4. Diagnose both routers (read-only), then write a report of each")
        for router in routers:
            clear_audit(router)
        rc, recap = playbook("4-diagnose", playbook_file="diagnose.yml")
        check(results, "every diagnose check passes", rc == 0 and all(recap.get(r, {}).get("failed", 1) == 0 for r in ROUTERS),
              "see demo-output/4-diagnose.log")
        rc, recap = playbook("5-report", playbook_file="report.yml")
        written = sum(len(audit(router)) for router in routers)
        reports = [os.path.join(OUT, "reports", name + ".md") for name in ROUTERS + ("index",)]
        check(results, "reports written", rc == 0 and all(os.path.isfile(path) for path in reports),
              ", ".join(os.path.relpath(path, ROOT) for path in reports))
        check(results, "diagnose and report write nothing to the routers", written == 0,
              "%d writes in the simulator's audit log" % written)
        return results
    except Exception as exc:  # the simulator must stop and the demo must say why it failed
        check(results, "demo ran", False, "%s: %s" % (type(exc).__name__, exc))
        return results
    finally:
        stop_simulator(proc)
        say("Where to look")
        print("  demo-output/1-converge.log    the first run: every change, task by task")
        print("  demo-output/2-rerun.log       the rerun: changed=0")
        print("  demo-output/3-check-diff.log  the dry run: the diff of the lease time, nothing written")
        print("  demo-output/4-diagnose.log    one verdict per check: WAN, route, NAT, DNS, clock, DHCP, IPv6, firewall")
        print("  demo-output/reports/          home.md, cafe.md: addressing diagram (Mermaid), interfaces, pools, verdicts;")
        print("                                index.md: one line per router")
        print("  demo-output/backups/          the snapshots site.yml saved before and after its changes (JSON, .rsc)")
        print("                                and router-files/: each router's daily export copied off it, with SHA256SUMS")
        print("  demo-output/state/            the routers' configuration as the simulator kept it (JSON)")
        print("  inventories/lab/              the variables of the two sites; playbooks/site.yml; roles/*/README.md")
        print("  simulator stopped; %.0f s in all" % (time.time() - started))


def main():
    results = demo()
    failed = [step for step, ok, detail in results if not ok]
    verdict = "FAILED" if failed or not results else "passed"
    say("Demo %s: %d of %d checks passed" % (verdict, len(results) - len(failed), len(results)))
    return 1 if failed or not results else 0


if __name__ == "__main__":
    sys.exit(main())
