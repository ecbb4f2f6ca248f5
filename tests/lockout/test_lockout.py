"""The lockout matrix: every shape of change that cuts the controller off, under soho.routeros.config_guard on
routeros-sim, recovers by the rollback job, and the user the controller logs in as keeps its password.

Each case runs what a playbook runs (tests/README.md, "Test matrices"): the change planned in check mode, the job
armed, the change applied, the fresh connection of ``confirmed`` failing, the job fired by the simulated clock, and
``rolled_back`` reporting the cause. Then the user logs in with the password it had, and not with an empty one.
The modules run in this process through the same function their action plugin calls (runner.run).
"""

from __future__ import annotations

import os

import pytest
import yaml
from librouteros.exceptions import TrapError

from ansible_collections.soho.routeros.plugins.module_utils import runner
from ansible_collections.soho.routeros.plugins.module_utils.errors import RouterOSError

USER = "ops"
PASSWORD = "Ops-Secret-7-lantern"
JOB = "soho-lockout"
# Where the controller arrives from (/sim/client/set); the WAN case moves it to the WAN port.
LAN_CLIENT = {"address": "192.168.88.10", "interface": "ether2"}
WAN_CLIENT = {"address": "100.64.1.50", "interface": "ether1"}
USER_FIELDS = ("name", "group", "address", "comment", "disabled")


def users_now(rows):
    return sorted(tuple(row.get(f) for f in USER_FIELDS) for row in rows)


def renamed(users):
    return [dict(u, name="ops2") if u["name"] == USER else u for u in users]


with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "shapes.yml")) as handle:
    SHAPES = yaml.safe_load(handle)
CLIENTS = {"lan": LAN_CLIENT, "wan": WAN_CLIENT}


@pytest.fixture(scope="module")
def sim(routeros_sim_module_factory):
    return routeros_sim_module_factory("--factory", "blank")


def params(sim, username=USER, password=PASSWORD, **extra):
    host, port = sim.address(0)
    # A dropped connection is never answered: the timeout is how long the controller waits for it.
    return dict(hostname=host, port=port, username=username, password=password, tls=False, ca_path=None,
                validate_certs=True, timeout=3, login_method="plain", **extra)


def logs_in(sim, password, username=USER):
    try:
        sim.api(username=username, password=password).close()
    except TrapError:
        return False
    return True


@pytest.fixture
def router(sim):
    """A blank router with the user ``ops`` (group full, a password), and an admin session opened before the change:
    the simulator never judges /sim sentences on an open session, so it can move the clock while the controller is out."""
    sim.reset()
    sim.control(0, "/user/add", name=USER, group="full", password=PASSWORD)
    station = sim.api()
    yield station
    station.close()


def plan(sim, shape):
    if shape["apply"] == "rename":
        before = runner.run("user", params(sim, state="gathered", config=None))["gathered"]
        return {"changed": True, "before": before, "after": renamed(before),
                "commands": ["/user set [find name=%s] name=ops2" % USER]}
    return runner.run(shape["module"], params(sim, state=shape["state"], config=shape["config"]), check_mode=True)


def apply(sim, shape):
    if shape["apply"] == "module":
        runner.run(shape["module"], params(sim, state=shape["state"], config=shape["config"]))
    elif shape["apply"] == "rename":
        # Another administrator renames the account: the controller's own session is already shut out by the hold.
        runner.run("command", params(sim, username="admin", password="", command="/user/set",
                                     arguments={"numbers": USER, "name": "ops2"}))


def shape_path(sim, module):
    rows = runner.run(module, params(sim, username="admin", password="", state="gathered", config=None))["gathered"]
    return users_now(rows) if module == "user" else rows


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_lockout_recovers_and_the_user_keeps_its_password(sim, router, name):
    shape = SHAPES[name]
    client = CLIENTS[shape["client"]]
    sim.control(0, "/sim/client/set", **client)
    before = shape_path(sim, shape["module"])
    changes = [{"module": shape["module"], "result": plan(sim, shape)}]
    guarded = dict(name=JOB, changes=changes, controller_address=client["address"])
    armed = runner.run("config_guard", params(sim, state="armed", delay="1m", **guarded))
    apply(sim, shape)

    with pytest.raises(RouterOSError) as lost:
        runner.run("config_guard", params(sim, state="confirmed", **guarded))
    assert str(lost.value).startswith("Lost API access to the router after the change"), str(lost.value)
    assert "likely cause: " + shape["cause"] in str(lost.value)

    list(router("/sim/clock/advance", seconds="61"))
    result = runner.run("config_guard", params(sim, state="rolled_back", deadline=armed["deadline"], **guarded))
    assert result["failed"] is True and result["left"] == [], result
    assert "restored the previous configuration and access is back" in result["msg"], result["msg"]
    assert result["causes"][0] == shape["cause"]

    assert shape_path(sim, shape["module"]) == before, "the path is as it was before the change"
    assert logs_in(sim, PASSWORD), "the user logs in with the password it had"
    assert not logs_in(sim, ""), "and not with an empty password"
    assert [r for r in sim.control(0, "/system/scheduler/print") if r["name"] == JOB] == []
    log = [row["message"] for row in sim.control(0, "/log/print")]
    assert not any("failed:" in line for line in log), log


def test_the_rollback_never_adds_a_user(sim, router):
    """A removed or renamed user is restored by the id it had when the job was armed, never by an add (which would give
    it an empty password); a user the change adds is removed after the restores, so a renamed one is never removed."""
    plan_removed = plan(sim, SHAPES["user removed"])
    plan_renamed = plan(sim, SHAPES["user renamed"])
    ident = next(u[".id"] for u in sim.control(0, "/user/print") if u["name"] == USER)
    for result in (plan_removed, plan_renamed):
        lines = runner.run("config_guard", params(sim, state="armed", name=JOB, delay="1m",
                                                  changes=[{"module": "user", "result": result}]), check_mode=True)["rollback"]
        assert not any("/user add" in line for line in lines), lines
        assert lines[1].startswith(":do {/user set %s name=ops group=full " % ident) and "disabled=no" in lines[1], lines
    assert "/user remove [find name=ops2]" in lines[2]


def test_a_removed_user_is_held_until_access_is_proven_then_removed(sim, router):
    """The guard keeps the user it is asked to remove, disabled, while the change may still roll back; once a fresh
    connection works, it removes it. The controller here logs in as admin, so removing ops locks nobody out."""
    changes = [{"module": "user", "result": plan(sim, SHAPES["user removed"])}]
    admin = dict(username="admin", password="", name=JOB, changes=changes)
    armed = runner.run("config_guard", params(sim, state="armed", delay="1m", **admin))
    assert armed["held"] == ["/user name=ops"]
    held = [u for u in sim.control(0, "/user/print") if u["name"] == USER]
    assert held and held[0]["disabled"] is True, "held: still there, and no one logs in as it"
    assert not logs_in(sim, PASSWORD)
    confirmed = runner.run("config_guard", params(sim, state="confirmed", **admin))
    assert confirmed["removed"] == ["/user name=ops"] and "the entries it held: /user name=ops" in confirmed["msg"]
    assert [u for u in sim.control(0, "/user/print") if u["name"] == USER] == []


def test_a_user_removed_by_the_change_itself_is_not_recreated_with_an_empty_password(sim, router):
    """When the playbook removes the user anyway (its password is then gone for good), the rollback does not add it back
    with an empty password: rolled_back says it is missing and how to bring it back."""
    shape = dict(SHAPES["user removed"], apply="module")
    changes = [{"module": "user", "result": plan(sim, shape)}]
    guarded = dict(name=JOB, changes=changes)
    armed = runner.run("config_guard", params(sim, state="armed", delay="1m", **guarded))
    runner.run("user", params(sim, username="admin", password="", state="deleted", config=[{"name": USER}]))
    list(router("/sim/clock/advance", seconds="61"))
    result = runner.run("config_guard", params(sim, username="admin", password="", state="rolled_back",
                                               deadline=armed["deadline"], **guarded))
    assert result["left"] == ["/user name=ops was removed during the change and RouterOS never shows its password, so the "
                              "rollback does not re-create it: add it again with its password"]
    assert "not fully back" in result["msg"]
    assert [u for u in sim.control(0, "/user/print") if u["name"] == USER] == []
    assert not logs_in(sim, "")


def test_a_confirmed_rename_keeps_the_password_under_the_new_name(sim, router):
    """A rename that locks nobody out (the controller logs in as admin): the old name is held while the change may roll
    back, and once access is proven the renamed user is enabled again and logs in with the password it had."""
    changes = [{"module": "user", "result": plan(sim, SHAPES["user renamed"])}]
    admin = dict(username="admin", password="", name=JOB, changes=changes)
    runner.run("config_guard", params(sim, state="armed", delay="1m", **admin))
    apply(sim, SHAPES["user renamed"])
    confirmed = runner.run("config_guard", params(sim, state="confirmed", **admin))
    assert confirmed["access"] is True and confirmed["removed"] == []
    assert [u["name"] for u in sim.control(0, "/user/print") if not u["disabled"]] == ["admin", "ops2"]
    assert logs_in(sim, PASSWORD, "ops2") and not logs_in(sim, "", "ops2")
