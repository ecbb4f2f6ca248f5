"""The bad-input matrix: every case of cases.yml is one router of one playbooks/site.yml run.

Each case must fail, with a message that names its variable, with no traceback, and with nothing written on its
router (the simulator's audit log). Cases that need no router share one simulated router; each case that is refused
against the router as read gets its own, so that a write would show on that case alone.
"""

from __future__ import annotations

import os
import re

import pytest
import yaml

from roles_helpers import CONNECTION, site, writes

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases.yml")) as handle:
    GROUPS = yaml.safe_load(handle)

CASES = [("%s-%02d" % (group.replace(" ", "_"), index), group, case)
         for group, cases in GROUPS.items() for index, case in enumerate(cases)]
ROUTER_CASES = [name for name, group, case in CASES if group == "router"]


@pytest.fixture(scope="module")
def matrix(routeros_sim_module_factory, tmp_path_factory):
    """One site.yml run over an inventory of every case (forks 10), and the simulators it ran against."""
    sim = routeros_sim_module_factory("--factory", "blank", routers=len(ROUTER_CASES) + 1)
    tmp = tmp_path_factory.mktemp("bad-input")
    hosts, routers = {}, {}
    for name, group, case in CASES:
        router = ROUTER_CASES.index(name) + 1 if name in ROUTER_CASES else 0
        host, port = sim.address(router)
        routers[name] = router
        # The case's own routeros_api_* values win over the simulator's address.
        hosts[name] = dict({"ansible_host": host, "routeros_api_port": port, "routeros_ssh_port": sim.ssh_address(router)[1]},
                           **case["vars"])
    directory = tmp / "inventory"
    directory.mkdir()
    group_vars = dict(CONNECTION, backup_dir=str(tmp / "backups"), routeros_api_timeout=5)
    (directory / "hosts.yml").write_text(yaml.safe_dump({"routeros": {"hosts": hosts, "vars": group_vars}}))
    run = site(str(directory), "--forks", "10", tmp_path=tmp, timeout=900)
    return run, sim, routers


def test_the_matrix_covers_every_shape_and_its_readme_counts_them():
    assert len(CASES) >= 120
    assert {"unknown names", "types", "connection", "values", "router"} <= set(GROUPS)
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "README.md")) as handle:
        table = dict(re.findall(r"^\| ([a-z ]+?) \|.*\| (\d+) \|$", handle.read(), re.M))
    assert table == dict((group, str(len(cases))) for group, cases in GROUPS.items())
    assert "**%d**" % len(CASES) in open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "README.md")).read()


def test_no_traceback(matrix):
    run, sim, routers = matrix
    assert "Traceback" not in run.output


@pytest.mark.parametrize("name,group,case", CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_refused_before_any_write_naming_the_variable(matrix, name, group, case):
    run, sim, routers = matrix
    assert run.recap[name]["failed"] == 1, run.output[-3000:]
    message = run.message(name)
    # The variable, or one of its items (hardening_bogons[0]: ...), starts a sentence of the message.
    assert re.search(r"(^|; )%s(\[\d+\])?(\.\w+)?: " % re.escape(case["names"]), message.strip()), message
    assert "argument_spec_data" not in run.failures[name]
    assert writes(sim, routers[name]) == []
