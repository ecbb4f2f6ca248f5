"""The TLS matrix: api-ssl as the collection's connection options choose it, through a playbook run.

Verified api-ssl works with the router's CA; a wrong CA, a certificate for another host name and a router that has
no certificate for api-ssl each fail in one sentence that says what is wrong; unverified api-ssl and the plain API
work when chosen. Every case is one inventory host of one ansible-playbook run of read.yml, each on its own
simulated router, so that the router's /log shows which service the case logged in through.
"""

from __future__ import annotations

import os
import re
import subprocess

import pytest
import yaml

from roles_helpers import BIN, CONNECTION, ROOT, Run

PLAYBOOK = os.path.join(os.path.dirname(os.path.abspath(__file__)), "read.yml")

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases.yml")) as handle:
    CASES = yaml.safe_load(handle)
HOSTS = dict((name, re.sub(r"\W+", "_", name)) for name in CASES)


def one_sentence(message: str) -> bool:
    """No traceback, one line, and one full stop: the one at the end."""
    return "Traceback" not in message and "\n" not in message and re.findall(r"[.!?](?=\s|$)", message) == ["."]


@pytest.fixture(scope="module")
def matrix(routeros_sim_module_factory, tmp_path_factory):
    """Each case on a router of its own: ``certified`` routers have api-ssl with the simulator's certificate, ``bare``
    ones the factory certificate=none, ``named`` ones a certificate made for router.example only."""
    from routeros_sim import tls

    tmp = tmp_path_factory.mktemp("tls")
    sims = {"plain": routeros_sim_module_factory(routers=len(CASES)),
            "named": routeros_sim_module_factory("--tls-name", "router.example", routers=len(CASES))}
    other = tmp / "other"
    other.mkdir()
    cas = {"ca": sims["plain"].ca_path, "other": tls.generate(str(other), ["127.0.0.1", "localhost"])[1]}
    hosts, routers = {}, {}
    for index, (name, case) in enumerate(CASES.items()):
        sim = sims["named" if case["router"] == "named" else "plain"]
        if case["router"] in ("certified", "named"):
            sim.install_certificate(index)
        variables = dict(case["vars"])
        tls_on = variables["routeros_api_tls"]
        host, port = sim.address(index, tls=tls_on)
        if "ca" in variables:
            variables["routeros_api_ca_path"] = cas[variables.pop("ca")]
        hosts[HOSTS[name]] = dict(variables, ansible_host=host, routeros_api_port=port, routeros_ssh_port=sim.ssh_address(index)[1],
                                  routeros_api_timeout=5)
        routers[name] = (sim, index)
    directory = tmp / "inventory"
    directory.mkdir()
    (directory / "hosts.yml").write_text(yaml.safe_dump({"routeros": {"hosts": hosts, "vars": CONNECTION}}))
    env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, "ansible.cfg"),
               ANSIBLE_COLLECTIONS_PATH=os.path.join(ROOT, ".collections"), ANSIBLE_CALLBACK_RESULT_FORMAT="json",
               ANSIBLE_NOCOLOR="1", ANSIBLE_FORCE_COLOR="0", ANSIBLE_LOCAL_TEMP=str(tmp / "ansible-tmp"),
               PATH=BIN + os.pathsep + os.environ.get("PATH", ""))
    proc = subprocess.run([os.path.join(BIN, "ansible-playbook"), "-i", str(directory), PLAYBOOK, "--forks", "6"],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=300, check=False)
    return Run(proc), routers


def logins(sim, router):
    return [row["message"] for row in sim.control(router, "/log/print") if " logged in from " in row["message"]]


@pytest.mark.parametrize("name", list(CASES))
def test_tls_case(matrix, name):
    run, routers = matrix
    case, host = CASES[name], HOSTS[name]
    sim, router = routers[name]
    if "says" in case:
        assert run.recap[host]["failed"] == 1, run.output[-3000:]
        message = run.failures[host]["msg"]
        assert one_sentence(message), message
        assert re.fullmatch(case["says"], message), message
        assert "exception" not in run.failures[host] and "module_stderr" not in run.failures[host]
        assert not [line for line in logins(sim, router) if line.endswith("via api-ssl")]
    else:
        assert run.recap[host]["failed"] == 0 and run.recap[host]["ok"] == 2, run.output[-3000:]
        assert "%s reads identity MikroTik" % host in run.output
        # The control sessions of this test log in through the plain API; the case's own login is the api-ssl one.
        through = [line.rsplit(" via ", 1)[1] for line in logins(sim, router)]
        assert case["via"] in through, through
        if case["via"] == "api":
            assert "api-ssl" not in through, through
