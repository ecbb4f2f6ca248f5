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
        hosts[name] = {"ansible_host": host, "routeros_api_port": port}
    group_vars = {"backup_dir": str(directory / "backups")}
    (directory / "hosts.yml").write_text(yaml.safe_dump({"routeros": {"hosts": hosts, "vars": group_vars}}))
    return str(directory)


def state(sim):
    """Every path the collection describes, as the snapshot reads it (settings only: no ids or counters)."""
    host, port = sim.address(0)
    with connection.connect(host, "admin", "", port) as client:
        return snapshot.gather(client)


def differences(have, want):
    """Lines naming the paths where ``have`` differs from ``want``, with both values."""
    return ["%s: converged without faults %r, here %r" % (name, want.get(name), have.get(name))
            for name in sorted(set(want) | set(have)) if want.get(name) != have.get(name)]


def writes(sim):
    return [dict(entry, sentence=int(entry["sentence"])) for entry in sim.audit(0)]


def sentences(sim):
    return int(sim.control(0, "/sim/stats/print")[0]["sentences-in"])
