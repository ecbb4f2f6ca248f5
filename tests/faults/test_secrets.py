"""The secrets matrix: playbooks/site.yml, playbooks/backup.yml and playbooks/restore.yml at -vvv with --diff on a
router whose API password, hardening admin password, SNMP community and restored user's password are distinctive
values. No value may appear in the output of any run (stdout and stderr), the snapshot files on the controller, the
files on the router (the exports among them, where only the community may be, as RouterOS exports it), or the
router's /log.

The collection has no backup password (binary backups have none of their own: roles/backup/README.md). The community
is the monitoring role's (monitoring_community): site.yml writes it, the snapshots redact it, and the restore gets it
back from restore_secrets.

README.md (Test matrices) counts the cases (secret x place); test_matrix_counts.py keeps the count in step.
"""

from __future__ import annotations

import json
import os

import pytest
import yaml

from faults_helpers import home_inventory
from roles_helpers import ROOT, site

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "secrets.yml"), encoding="utf-8") as stream:
    CASES = yaml.safe_load(stream)
SECRETS, PLACES = CASES["secrets"], CASES["places"]
# A community is configuration an export holds, as RouterOS writes it: the daily export on the router keeps it (so
# that the export restores it) and only there may it appear.
EXPORTED = {("SNMP community", "router files"): "router files but exports"}
ADMIN = "alice"
PLAYBOOKS = {name: os.path.join(ROOT, "playbooks", name) for name in ("site.yml", "backup.yml", "restore.yml")}


def api_call(sim, command, **attrs):
    api = sim.api(0, password=SECRETS["router password"])
    try:
        return list(api(command, **attrs))
    finally:
        api.close()


def playbook(inventory, name, *args, tmp):
    """ansible-playbook NAME -vvv --diff through the site helper, which runs playbooks/site.yml unless told."""
    return site(inventory, "-vvv", "--diff", *args, tmp_path=tmp, playbook=PLAYBOOKS[name])


@pytest.fixture(scope="module")
def places(routeros_sim_module_factory, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("secrets")
    # The router's files as the simulator keeps them: the API shows the contents of small files only.
    sim = routeros_sim_module_factory("--factory", "blank", "--user", "admin:%s" % SECRETS["router password"],
                                      "--state-dir", str(tmp / "router"))
    inventory = home_inventory(tmp / "inventory", {"home": sim})
    with open(os.path.join(inventory, "host_vars", "home.yml"), "a", encoding="utf-8") as stream:
        stream.write(yaml.safe_dump({"ansible_password": SECRETS["router password"], "hardening_admin_user": ADMIN,
                                     "hardening_admin_password": SECRETS["hardening admin password"],
                                     "monitoring_enabled": True, "monitoring_hosts": ["192.168.88.20"],
                                     "monitoring_trap_targets": ["192.168.88.20"],
                                     "monitoring_community": SECRETS["SNMP community"]}))
    runs = [playbook(inventory, "site.yml", tmp=tmp), playbook(inventory, "backup.yml", tmp=tmp)]
    # The restore puts back what went since the snapshot: the community (its name from restore_secrets) and the admin
    # user (created with its password from restore_user_passwords).
    for path, name in (("/snmp/community", SECRETS["SNMP community"]), ("/user", ADMIN)):
        ident = [row[".id"] for row in api_call(sim, path + "/print") if row.get("name") == name]
        api_call(sim, path + "/remove", **{".id": ident[0]})
    extra = tmp / "restore-vars.yml"
    extra.write_text(yaml.safe_dump({"restore_secrets": [SECRETS["SNMP community"]],
                                     "restore_user_passwords": {ADMIN: SECRETS["restored user password"]}}))
    runs.append(playbook(inventory, "restore.yml", "-e", "@%s" % extra, tmp=tmp))
    # The daily export the backup role schedules, run now so that the router holds one.
    api_call(sim, "/system/script/run", number="soho-backup")
    snapshots = []
    for folder, _dirs, files in os.walk(os.path.join(inventory, "backups")):
        for name in files:
            with open(os.path.join(folder, name), encoding="utf-8", errors="replace") as stream:
                snapshots.append(stream.read())
    with open(tmp / "router" / "router1.json", encoding="utf-8") as stream:
        files = json.load(stream)["state"]["menus"]["/file"]
    return {
        "runs": runs,
        "restored": [api_call(sim, "/snmp/community/print"), api_call(sim, "/user/print")],
        "output": "\n".join(run.output for run in runs),
        "controller snapshots": "\n".join(snapshots),
        "router files": "\n".join(f["name"] + "\n" + f.get(".data", "") for f in files),
        "router files but exports": "\n".join(f["name"] + "\n" + f.get(".data", "") for f in files if not f["name"].endswith(".rsc")),
        "router log": "\n".join(row.get("message", "") for row in api_call(sim, "/log/print")),
    }


def test_the_runs_succeed_and_the_restore_puts_the_secrets_back(places):
    for run in places["runs"]:
        assert run.rc == 0, run.output[-3000:]
    communities, users = places["restored"]
    assert SECRETS["SNMP community"] in [row["name"] for row in communities]
    assert ADMIN in [row["name"] for row in users]
    assert places["controller snapshots"]
    # The daily export is there, and holds the community in clear as the router's own export does.
    assert SECRETS["SNMP community"] in places["router files"]


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("secret", SECRETS)
def test_no_secret_value_appears(places, secret, place):
    text = places[EXPORTED.get((secret, place), place)]
    where = text.find(SECRETS[secret])
    assert where < 0, "%s found in %s: ...%s..." % (secret, place, text[max(where - 300, 0):where + 100])
