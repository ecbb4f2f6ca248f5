"""/log lines RouterOS writes for API logins, logouts, login failures and configuration changes."""

import time

import pytest
import rawapi
from librouteros.exceptions import TrapError
from librouteros.login import plain, token

# The address the router sees the controller at: the simulated client (/sim/client), a LAN host.
CLIENT = "192.168.88.10"


@pytest.fixture(scope="module")
def sims(routeros_sim_module_factory):
    # carol is the user under test; bob reads the log and admin resets, so their own logins and
    # logouts never stand in for the lines a test waits for.
    users = ("--user", "bob:s3cret", "--user", "carol:pw")
    return {v: routeros_sim_module_factory("--version", v, *users) for v in ("6.40.4", "6.49.10")}


@pytest.fixture
def sim(sims):
    sim = sims["6.49.10"]
    sim.reset()
    return sim


def lines(sim, **kw):
    api = sim.api(username="bob", password="s3cret", **kw)
    try:
        return [(row["topics"], row["message"]) for row in api.path("/log")]
    finally:
        api.close()


def wait_for(sim, line):
    """The log up to ``line``; a logout is written when the router sees the connection close."""
    deadline = time.monotonic() + 5
    while line not in (found := lines(sim)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert line in found
    return found


def test_fact_api_login_and_logout_are_logged(sim):
    raw = rawapi.RawApi(*sim.address())
    raw.login("carol", "pw")
    assert ("system,info,account", "user carol logged in from " + CLIENT + " via api") in lines(sim)
    raw.close()
    wait_for(sim, ("system,info,account", "user carol logged out from " + CLIENT + " via api"))


def test_quit_logs_the_logout(sim):
    raw = rawapi.RawApi(*sim.address())
    raw.login("carol", "pw")
    assert raw.command("/quit")[0][0] == "!fatal"
    raw.close()
    wait_for(sim, ("system,info,account", "user carol logged out from " + CLIENT + " via api"))


def test_api_ssl_login_names_api_ssl(sim):
    sim.install_certificate()
    api = sim.api(username="carol", password="pw", tls=True)
    assert ("system,info,account", "user carol logged in from " + CLIENT + " via api-ssl") in lines(sim)
    api.close()
    wait_for(sim, ("system,info,account", "user carol logged out from " + CLIENT + " via api-ssl"))


def test_fact_login_failure_is_logged(sim):
    for name, password in (("carol", "wrong"), ("nobody", "")):
        with pytest.raises(TrapError):
            sim.api(username=name, password=password)
    found = lines(sim)
    assert ("system,error,critical", "login failure for user carol from " + CLIENT + " via api") in found
    assert ("system,error,critical", "login failure for user nobody from " + CLIENT + " via api") in found
    assert [m for t, m in found if m.startswith(("user carol", "user nobody"))] == []


def test_plain_login_before_643_logs_nobody_in(sims):
    old = sims["6.40.4"]
    api = old.api(username="carol", password="pw", login_method=plain)
    api.close()
    assert [m for t, m in lines(old, login_method=token) if "carol" in m] == []


def test_fact_api_writes_are_logged_with_item_and_user(sim):
    api = sim.api(username="carol", password="pw")
    addresses = api.path("/ip/address")
    addresses.add(address="192.168.1.1/24", interface="ether2")
    rules = api.path("/ip/firewall/filter")
    rule = rules.add(chain="input", action="accept")
    rules.update(**{".id": rule, "comment": "lan"})
    clients = api.path("/ip/dhcp-client")
    client = clients.add(interface="ether1")
    clients.remove(client)
    list(addresses)
    with pytest.raises(TrapError):
        addresses.add(address="192.168.1.1/24", interface="ether2")
    changes = [line for line in lines(sim) if line[0] == "system,info"]
    assert changes == [
        ("system,info", "address added by carol"),
        ("system,info", "filter rule added by carol"),
        ("system,info", "filter rule changed by carol"),
        ("system,info", "dhcp client added by carol"),
        ("system,info", "dhcp client removed by carol"),
    ]
    api.close()
