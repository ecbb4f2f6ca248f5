"""Run playbooks/hardening.yml against routeros-sim and read the router back."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.dirname(sys.executable)
PLAYBOOK = os.path.join(ROOT, "playbooks", "hardening.yml")
CLOCK_HOOK = os.path.join(ROOT, "tests", "hardening", "sim_clock.py")

from ansible_collections.soho.routeros.plugins.module_utils import runner

RECAP = re.compile(r"^(\S+)\s*:\s*ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)\s+skipped=(\d+)\s+rescued=(\d+)")
FATAL = re.compile(r"^fatal: \[([^\]]+)\]: FAILED! => (\{.*\})\s*$")

# Every path the role touches, plus the guard's own.
TOUCHED = (
    "interface_list", "ip_firewall_address_list", "ipv6_firewall_address_list", "ip_firewall_filter",
    "ipv6_firewall_filter", "ip_firewall_raw", "tool_bandwidth_server", "mac_server", "mac_server_winbox",
    "ip_neighbor_discovery", "system_ntp_client", "snmp", "user", "ip_service", "system_script", "system_scheduler",
)


# Values that change without a configuration change.
COUNTERS = ("bytes", "packets", "last_logged_in", "run_count", "next_run")


class Run:
    def __init__(self, proc: subprocess.CompletedProcess) -> None:
        self.rc = proc.returncode
        self.stdout = proc.stdout
        self.output = proc.stdout + proc.stderr
        self.recap: dict = {}
        self.failures: list = []
        for line in proc.stdout.splitlines():
            match = RECAP.match(line)
            if match:
                counts = [int(x) for x in match.groups()[1:]]
                self.recap = dict(zip(("ok", "changed", "unreachable", "failed", "skipped", "rescued"), counts))
            match = FATAL.match(line)
            if match:
                self.failures.append(json.loads(match.group(2)))

    @property
    def message(self) -> str:
        return " | ".join(str(f.get("msg", "")) for f in self.failures)


def inventory(tmp_path, sim, **host_vars) -> str:
    host, port = sim.address(0)
    hosts = {"routeros": {
        "hosts": {"r1": dict(host_vars, ansible_host=host, routeros_api_port=port, routeros_ssh_port=sim.ssh_address(0)[1])},
        "vars": {"ansible_connection": "local", "ansible_python_interpreter": sys.executable,
                 "ansible_user": "admin", "ansible_password": ""},
    }}
    path = tmp_path / "hosts.yml"
    path.write_text(yaml.safe_dump(hosts))
    return str(path)


def play(inventory_path: str, *args: str, extra: dict | None = None, timeout: int = 240) -> Run:
    env = dict(
        os.environ,
        ANSIBLE_CONFIG=os.path.join(ROOT, "ansible.cfg"),
        ANSIBLE_COLLECTIONS_PATH=os.path.join(ROOT, ".collections"),
        ANSIBLE_CALLBACK_RESULT_FORMAT="json",
        ANSIBLE_NOCOLOR="1",
        ANSIBLE_FORCE_COLOR="0",
        PATH=BIN + os.pathsep + os.environ.get("PATH", ""),
    )
    cmd = [os.path.join(BIN, "ansible-playbook"), "-i", inventory_path, PLAYBOOK, *args]
    if extra:
        cmd += ["-e", json.dumps(extra)]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT, timeout=timeout, check=False)
    return Run(proc)


def clock_hook(sim) -> str:
    """hardening_rollback_wait_command for ``sim``: advance its clock from the second management address."""
    host, port = sim.address(0)
    return "%s %s %s %d" % (sys.executable, CLOCK_HOOK, host, port)


def params(sim, **extra) -> dict:
    host, port = sim.address(0)
    base = dict(hostname=host, port=port, username="admin", password="", tls=False, ca_path=None,
                validate_certs=True, timeout=10, login_method="plain")
    return dict(base, **extra)


def gathered(sim, module: str):
    return runner.run(module, params(sim, state="gathered", config=None))["gathered"]


def gathered_as(sim, module: str, username: str, password: str):
    return runner.run(module, params(sim, state="gathered", config=None, username=username, password=password))["gathered"]


def snapshot(sim) -> dict:
    """Every touched path as the modules gather it (counters left out)."""
    out = {}
    for module in TOUCHED:
        rows = gathered(sim, module)
        if isinstance(rows, list):
            rows = [dict((k, v) for k, v in row.items() if k not in COUNTERS) for row in rows]
        out[module] = rows
    return out


def owned(rules: list, prefix: str = "soho:hardening: ") -> list:
    return [r for r in rules if str(r.get("comment", "")).startswith(prefix)]
