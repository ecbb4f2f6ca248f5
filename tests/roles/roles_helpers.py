"""Run playbooks/site.yml with ansible-playbook against simulated routers, and read the results."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.dirname(sys.executable)
SITE = os.path.join(ROOT, "playbooks", "site.yml")
LAB = os.path.join(ROOT, "inventories", "lab")

RECAP = re.compile(r"^(\S+)\s*:\s*ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)\s+skipped=(\d+)\s+rescued=(\d+)\s+ignored=(\d+)")
# A failed task, or a failed item of a loop (soho.routeros.apply): ansible-core prints the item's result, with its label.
FATAL = re.compile(r"^(?:fatal: \[([^\]]+)\]: FAILED!|failed: \[([^\]]+)\] \(item=.*\)) => (\{.*\})\s*$")
FATAL_OPEN = re.compile(r"^(?:fatal: \[([^\]]+)\]: FAILED!|failed: \[([^\]]+)\] \(item=.*\)) => (\{)$")


CONNECTION = {"ansible_connection": "local", "ansible_python_interpreter": "{{ ansible_playbook_python }}",
              "ansible_user": "admin", "ansible_password": ""}


def inventory(tmp_path, sim, hosts, copy_lab=True):
    """An inventory in ``tmp_path`` for ``hosts`` ({name: (router, host vars)}) on ``sim``; a router is an index on
    ``sim`` or a (simulator, index) pair.

    With ``copy_lab`` the lab inventory's group_vars and host_vars come along, so the tests run what `make demo` runs."""
    directory = tmp_path / "inventory"
    if copy_lab:
        shutil.copytree(LAB, directory)
    else:
        directory.mkdir()
    entries = {}
    for name, (router, host_vars) in hosts.items():
        on, index = router if isinstance(router, tuple) else (sim, router)
        host, port = on.address(index)
        entries[name] = dict(host_vars or {}, ansible_host=host, routeros_api_port=port,
                             routeros_ssh_port=on.ssh_address(index)[1])
    # Controller snapshots (backup role) stay in the test's own directory.
    group_vars = {"backup_dir": str(directory / "backups")}
    (directory / "hosts.yml").write_text(yaml.safe_dump({"routeros": {"hosts": entries, "vars": group_vars}}))
    return str(directory)


class Run:
    def __init__(self, proc):
        self.rc = proc.returncode
        self.output = proc.stdout + proc.stderr
        self.recap = {}
        for line in proc.stdout.splitlines():
            match = RECAP.match(line)
            if match:
                counts = [int(x) for x in match.groups()[1:]]
                self.recap[match.group(1)] = dict(zip(("ok", "changed", "unreachable", "failed", "skipped", "rescued", "ignored"), counts))
        self.failures = {}
        lines = proc.stdout.splitlines()
        for number, line in enumerate(lines):
            match = FATAL.match(line) or FATAL_OPEN.match(line)
            if match:
                # One line by default; at -vvv the result is indented JSON, up to its closing brace in column 0.
                text = match.group(3) if match.re is FATAL else "\n".join(["{"] + lines[number + 1:lines.index("}", number) + 1])
                # The last failure of a host is the one that stopped it.
                self.failures[match.group(1) or match.group(2)] = json.loads(text)

    def message(self, host):
        result = self.failures.get(host, {})
        return result.get("msg", "") + " " + json.dumps(result.get("argument_errors", ""))


def site(inventory_dir, *args, tmp_path=None, timeout=300, playbook=SITE):
    env = dict(
        os.environ,
        ANSIBLE_CONFIG=os.path.join(ROOT, "ansible.cfg"),
        ANSIBLE_COLLECTIONS_PATH=os.environ.get("ANSIBLE_COLLECTIONS_PATH", os.path.join(ROOT, ".collections")),
        ANSIBLE_CALLBACK_RESULT_FORMAT="json",
        ANSIBLE_NOCOLOR="1",
        ANSIBLE_FORCE_COLOR="0",
        PATH=BIN + os.pathsep + os.environ.get("PATH", ""),
    )
    if tmp_path is not None:
        env["ANSIBLE_LOCAL_TEMP"] = str(tmp_path / "ansible-tmp")
    cmd = [os.path.join(BIN, "ansible-playbook"), "-i", inventory_dir, playbook, *args]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT, timeout=timeout, check=False)
    return Run(proc)


def runs_in_turn(sim, tmp_path_factory, label, hosts, runs, verbose=(0,)):
    """site.yml once per item of ``runs`` ({host: host vars}; ``hosts`` gives each host its router on ``sim``), the
    audit log cleared before each, at -vvv with --diff for the runs numbered in ``verbose`` (every word a run can print,
    to look for secrets in). One directory of controller snapshots serves every run, as a user's backup_dir does.
    Returns the runs, the writes of each run per router, and that directory."""
    backups = str(tmp_path_factory.mktemp("%s-backups" % label))
    results, states = [], []
    for number, variables in enumerate(runs):
        tmp = tmp_path_factory.mktemp("%s%d" % (label, number))
        for router in hosts.values():
            sim.clear_audit(router)
        inv = inventory(tmp, sim, {host: (hosts[host], host_vars) for host, host_vars in variables.items()}, copy_lab=False)
        results.append(site(inv, "-e", "backup_dir=" + backups, *(("-vvv", "--diff") if number in verbose else ()),
                            tmp_path=tmp))
        states.append({router: writes(sim, router) for router in hosts.values()})
    return results, states, backups


def writes(sim, router=0):
    """Applied writes in the simulator's audit log."""
    return sim.audit(router)


def rows(sim, path, router=0, **query):
    api = sim.api(router)
    try:
        return [r for r in api.path(*path.strip("/").split("/")) if all(r.get(k) == v for k, v in query.items())]
    finally:
        api.close()
