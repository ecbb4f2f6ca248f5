"""Converges of playbooks/site.yml (the lab's home site) on routers that each get their own simulator, so that two
routers' states compare entry for entry (MAC addresses and leases follow the router's number in a simulator)."""

from __future__ import annotations

import os
import shutil

import yaml

from ansible_collections.soho.routeros.plugins.module_utils import connection, snapshot
from roles_helpers import LAB

HOME_VARS = os.path.join(LAB, "host_vars", "home.yml")


def home_inventory(directory, routers):
    """An inventory in ``directory`` with one host per ``routers`` entry ({name: simulator}), each with the lab's
    group_vars and the home site's host_vars, on router 1 of its simulator."""
    shutil.copytree(os.path.join(LAB, "group_vars"), directory / "group_vars")
    (directory / "host_vars").mkdir()
    hosts = {}
    for name, sim in routers.items():
        shutil.copy(HOME_VARS, directory / "host_vars" / ("%s.yml" % name))
        host, port = sim.address(0)
        hosts[name] = {"ansible_host": host, "routeros_api_port": port, "routeros_ssh_port": sim.ssh_address(0)[1]}
    group_vars = {"backup_dir": str(directory / "backups")}
    (directory / "hosts.yml").write_text(yaml.safe_dump({"routeros": {"hosts": hosts, "vars": group_vars}}))
    return str(directory)


def state(sim):
    """Every path the collection describes, as the snapshot reads it (settings only: no ids or counters). A scheduler
    entry's start date is left out: RouterOS sets it to the day the entry is made, and two routers converged on either
    side of midnight differ there only."""
    host, port = sim.address(0)
    with connection.connect(host, "admin", "", port) as client:
        gathered = snapshot.gather(client)
    if isinstance(gathered.get("system_scheduler"), list):
        gathered["system_scheduler"] = [dict((k, v) for k, v in entry.items() if k != "start_date")
                                        for entry in gathered["system_scheduler"]]
    return gathered


def differences(have, want):
    """Lines naming the paths where ``have`` differs from ``want``, with both values."""
    return ["%s: converged without faults %r, here %r" % (name, want.get(name), have.get(name))
            for name in sorted(set(want) | set(have)) if want.get(name) != have.get(name)]


def writes(sim):
    return [dict(entry, sentence=int(entry["sentence"])) for entry in sim.audit(0)]


def sentences(sim):
    """Command sentences since the last /sim/stats/reset, less the login of this look."""
    return int(sim.control(0, "/sim/stats/print")[0]["sentences-in"]) - 1


def arm(sim, **fault):
    """Zero the counters and set ``fault`` in one session: /sim sentences are never counted, so the router's next
    command sentence is number 1 for both the counters and the fault."""
    api = sim.api(0)
    try:
        list(api("/sim/fault/set", **fault))
        list(api("/sim/stats/reset"))
    finally:
        api.close()
