"""site.yml as AWX and Automation Platform run it: ansible-runner on a private data directory, the collection installed
from its tarball, the credential and survey answers as extra variables.

The private data directory is laid out as AWX lays out a job's: `project/` (the playbook), `inventory/hosts`,
`env/extravars` (survey answers and the variables a custom credential type injects), `env/envvars`. Whatever
ansible-runner keeps of the job under `artifacts/` (stdout, job events, the command and its environment, the fact
cache AWX's fact storage turns on) must hold neither the router's password nor the SNMP community.
"""

import json
import os

import ansible_runner
import pytest
import yaml

from collection_helpers import BIN

# Distinctive values: a match anywhere under artifacts/ is a leak, never a coincidence.
PASSWORD = "Runner-pw-4f7Qz9"
COMMUNITY = "awx-snmp-Kx82Lw"

PLAYBOOK = """---
- name: Small-office network
  ansible.builtin.import_playbook: soho.routeros.site
"""


def private_data_dir(root, installed, sim):
    """A job's private data directory for the router on ``sim``."""
    collections, env = installed[1:]
    (root / "project").mkdir(parents=True)
    (root / "project" / "site.yml").write_text(PLAYBOOK)
    host, port = sim.address(0)
    (root / "inventory").mkdir()
    (root / "inventory" / "hosts").write_text(
        "[routeros]\n"
        f"office ansible_host={host} routeros_api_port={port} routeros_ssh_port={sim.ssh_address(0)[1]}\n"
        "\n[routeros:vars]\n"
        "ansible_connection=soho.routeros.api\n"
        "ansible_python_interpreter='{{ ansible_playbook_python }}'\n"
        "ansible_user=admin\n"
        "routeros_api_tls=false\n"
    )
    (root / "env").mkdir()
    extravars = {
        # Injected by the job template's custom credential type (extra_vars injector).
        "ansible_password": PASSWORD,
        # Survey answers.
        "backup_dir": str(root.parent / "backups"),
        "monitoring_enabled": True,
        "monitoring_hosts": ["192.168.88.20"],
        "monitoring_community": COMMUNITY,
    }
    (root / "env" / "extravars").write_text(yaml.safe_dump(extravars))
    envvars = {
        "ANSIBLE_COLLECTIONS_PATH": str(collections),
        # An empty configuration: the checkout's ansible.cfg, which finds the checkout as soho.routeros, stays out.
        "ANSIBLE_CONFIG": env["ANSIBLE_CONFIG"],
        # AWX's fact storage: the facts of the run kept in the job's artifacts.
        "ANSIBLE_CACHE_PLUGIN": "jsonfile",
        "ANSIBLE_LOCAL_TEMP": str(root.parent / "ansible-tmp"),
        # The venv's ansible-playbook, the one ansible-runner starts.
        "PATH": str(BIN) + os.pathsep + os.environ.get("PATH", ""),
    }
    (root / "env" / "envvars").write_text(yaml.safe_dump(envvars))
    return root


def job(data_dir, ident):
    return ansible_runner.run(private_data_dir=str(data_dir), playbook="site.yml", ident=ident,
                              process_isolation=False, quiet=True, timeout=600)


def audit(sim, command):
    """The simulator's audit log (``print``, ``clear``), through the admin's password."""
    api = sim.api(0, password=PASSWORD)
    try:
        return list(api("/sim/audit/" + command))
    finally:
        api.close()


def stats(result, host="office"):
    return {kind: counts.get(host, 0) for kind, counts in result.stats.items() if isinstance(counts, dict)}


@pytest.fixture(scope="module")
def jobs(installed, routeros_sim_module_factory, tmp_path_factory):
    sim = routeros_sim_module_factory("--user", f"admin:{PASSWORD}")
    data_dir = private_data_dir(tmp_path_factory.mktemp("awx") / "job", installed, sim)
    first = job(data_dir, "converge")
    audit(sim, "clear")
    second = job(data_dir, "rerun") if first.status == "successful" else None
    return sim, data_dir, first, second


def test_site_converges_through_ansible_runner(jobs):
    sim, data_dir, first = jobs[:3]
    assert (first.status, first.rc) == ("successful", 0), first.stdout.read()
    counts = stats(first)
    assert counts["changed"] > 0
    assert counts["failures"] == 0 and counts["dark"] == 0
    api = sim.api(0, password=PASSWORD)
    try:
        addresses = [(r["address"], r["interface"]) for r in api.path("ip", "address")]
        servers = [r for r in api.path("ip", "dhcp-server") if r["interface"] == "bridge"]
        communities = [r for r in api.path("snmp", "community") if r["name"] == COMMUNITY]
    finally:
        api.close()
    assert ("192.168.88.1/24", "bridge") in addresses
    assert servers and not any(r.get("disabled") for r in servers)
    # The survey answers reached the roles: SNMP for the monitoring host, with the community they gave.
    assert communities and communities[0]["addresses"] == "192.168.88.20/32"
    assert any((data_dir.parent / "backups").iterdir())


def test_second_job_changes_nothing(jobs):
    sim, second = jobs[0], jobs[3]
    assert second is not None, "the first job failed"
    assert (second.status, second.rc) == ("successful", 0), second.stdout.read()
    counts = stats(second)
    assert counts["changed"] == 0 and counts["failures"] == 0 and counts["ok"] > 0
    assert audit(sim, "print") == []


def test_artifacts_hold_neither_the_password_nor_the_community(jobs):
    artifacts = jobs[1] / "artifacts"
    files = [p for p in artifacts.rglob("*") if p.is_file()]
    kept = {p.relative_to(artifacts).parts[1] for p in files}
    # What the check covers: the job's output, its events, its command line and environment, and the fact cache.
    assert {"stdout", "job_events", "command", "fact_cache"} <= kept
    assert [p for p in files if p.parent.name == "job_events" and json.loads(p.read_text())]
    # The job's environment is kept whole: a credential injected as an environment variable would be there.
    environment = json.loads((artifacts / "converge" / "command").read_text())["env"]
    assert yaml.safe_load((jobs[1] / "env" / "envvars").read_text()).items() <= environment.items()
    leaks = [str(p.relative_to(artifacts)) for p in files
             if PASSWORD.encode() in p.read_bytes() or COMMUNITY.encode() in p.read_bytes()]
    assert not leaks
