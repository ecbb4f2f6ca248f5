"""The collection as users get it: the tarball `ansible-galaxy collection build` makes."""

import json
import os
import subprocess

import pytest

from collection_helpers import BIN, ROOT, run

MODULES = sorted(p.stem for p in (ROOT / "plugins" / "modules").glob("*.py") if p.stem != "__init__")


def test_tarball_leaves_out_development_artefacts(installed):
    names = run("tar", "-tzf", str(installed[0])).stdout.split()
    assert "MANIFEST.json" in names
    assert not [n for n in names if n.startswith((".venv", ".collections", ".build", ".ci", "tools/", "bench/"))]
    assert not [n for n in names if n == "ansible.cfg" or ".egg-info" in n]
    # The license the file headers point to.
    assert "COPYING" in names


def test_installed_collection_lists_every_module(installed):
    collections, env = installed[1:]
    assert (collections / "ansible_collections" / "soho" / "routeros" / "MANIFEST.json").exists()
    listed = json.loads(run(str(BIN / "ansible-doc"), "-l", "--json", "soho.routeros", env=env, cwd="/").stdout)
    assert sorted(name.split(".")[-1] for name in listed) == MODULES


@pytest.mark.parametrize("module", MODULES[:1])
def test_installed_module_documentation_renders(installed, module):
    env = installed[2]
    doc = json.loads(run(str(BIN / "ansible-doc"), "--json", f"soho.routeros.{module}", env=env, cwd="/").stdout)
    assert doc[f"soho.routeros.{module}"]["doc"]["options"]


USER_PLAYBOOK = """---
- name: Office router, written the way a user writes it
  hosts: routeros
  gather_facts: false
  tasks:
    - name: LAN DHCP server
      soho.routeros.ip_dhcp_server:
        config:
          - name: lan
            interface: bridge
            address_pool: lan
        state: merged

    - name: Router facts
      soho.routeros.facts:

    - name: Diagnose the router
      soho.routeros.diagnose:
        fail_on_check: false
      register: diagnosis

    - name: Show the verdicts
      ansible.builtin.debug:
        msg: "{{ diagnosis.summary }}"
"""


def test_a_users_playbook_passes_ansible_lint_production_with_the_installed_collection(installed):
    """Every module's name is its canonical name: ansible-lint's default rules (fqcn[canonical] included) accept
    direct calls, with no skip list, against the installed tarball."""
    collections, env = installed[1:]
    project = collections.parent / "user-project"
    project.mkdir()
    (project / "site.yml").write_text(USER_PLAYBOOK)
    (project / "inventory.yml").write_text("routeros:\n  hosts:\n    office:\n")
    lint = subprocess.run([str(BIN / "ansible-lint"), "--profile", "production", "--offline", "site.yml"],
                          capture_output=True, text=True, check=False, cwd=project,
                          env=dict(env, PATH=str(BIN) + os.pathsep + env.get("PATH", "")))
    assert lint.returncode == 0, lint.stdout + lint.stderr
    assert "fqcn" not in lint.stdout + lint.stderr
    for module in ("ip_dhcp_server", "facts", "diagnose"):
        assert (collections / "ansible_collections" / "soho" / "routeros" / "plugins" / "action" / f"{module}.py").exists()
