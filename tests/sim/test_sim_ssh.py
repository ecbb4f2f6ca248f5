"""The ssh service: SFTP access to /file with the router's users, judged like an API connection."""

import socket
import time

import paramiko
import pytest

PASSWORD = "s3cret-pw"


@pytest.fixture(scope="module")
def shared(routeros_sim_module_factory):
    return routeros_sim_module_factory("--user", "ops:" + PASSWORD, "--factory", "defconf")


@pytest.fixture
def sim(shared):
    shared.reset(0, factory="defconf")
    shared.control(0, "/sim/fault/clear")
    return shared


def sftp(sim, username="ops", password=PASSWORD, timeout=5):
    host, port = sim.ssh_address(0)
    client = paramiko.SSHClient()
    client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
    client.connect(host, port=port, username=username, password=password, timeout=timeout, banner_timeout=timeout,
                   auth_timeout=timeout, look_for_keys=False, allow_agent=False)
    return client, client.open_sftp()


def log(sim):
    return [row["message"] for row in sim.control(0, "/log/print")]


def wait_for(sim, line):
    deadline = time.monotonic() + 5
    while line not in log(sim) and time.monotonic() < deadline:
        time.sleep(0.05)
    return log(sim)


def test_files_listed_and_read_as_the_api_lists_them(sim):
    sim.control(0, "/export", file="cfg")
    sim.control(0, "/file/print", file="notes")
    listed = dict((f["name"], f) for f in sim.control(0, "/file/print"))
    client, files = sftp(sim)
    try:
        entries = dict((e.filename, e) for e in files.listdir_attr("/"))
        assert set(entries) == set(listed)
        for name in ("cfg.rsc", "notes.txt"):
            assert entries[name].st_size == int(listed[name]["size"])
            with files.open(name, "rb") as remote:
                data = remote.read()
            assert len(data) == int(listed[name]["size"])
        # The defconf export is larger than the API shows contents of; SFTP reads it whole.
        assert "contents" not in listed["cfg.rsc"] and int(listed["cfg.rsc"]["size"]) > 4096
        with files.open("notes.txt", "rb") as remote:
            assert remote.read().decode() == listed["notes.txt"]["contents"]
        with pytest.raises(IOError):
            files.open("cfg.rsc", "wb")
        with pytest.raises(IOError):
            files.stat("missing.rsc")
    finally:
        client.close()
    lines = wait_for(sim, "user ops logged out from 192.168.88.10 via ssh")
    assert "user ops logged in from 192.168.88.10 via ssh" in lines
    assert "user ops logged out from 192.168.88.10 via ssh" in lines


def test_a_wrong_password_is_refused_and_logged(sim):
    with pytest.raises(paramiko.AuthenticationException):
        sftp(sim, password="wrong")
    assert "login failure for user ops from 192.168.88.10 via ssh" in wait_for(
        sim, "login failure for user ops from 192.168.88.10 via ssh")


@pytest.mark.parametrize("setting", [{"disabled": "yes"}, {"address": "10.0.0.0/8"}], ids=["disabled", "address"])
def test_a_closed_service_ends_the_connection_before_ssh_begins(sim, setting):
    sim.control(0, "/ip/service/set", **dict({".id": "ssh"}, **setting))
    with pytest.raises(paramiko.SSHException, match="banner"):
        sftp(sim)


def test_a_firewall_drop_leaves_the_client_waiting(sim):
    first = [r for r in sim.control(0, "/ip/firewall/filter/print") if r.get("dynamic") is not True][0][".id"]
    sim.control(0, "/ip/firewall/filter/add", chain="input", protocol="tcp",
                **{"dst-port": "22", "action": "drop", "place-before": first})
    started = time.monotonic()
    with pytest.raises((paramiko.SSHException, socket.timeout, EOFError)):
        sftp(sim, timeout=1)
    assert time.monotonic() - started >= 0.9


def test_a_cut_transfer_ends_the_connection_midway(sim):
    sim.control(0, "/export", file="cfg")
    sim.control(0, "/sim/fault/set", **{"sftp-cut-after": "1000"})
    assert sim.control(0, "/sim/fault/print")[0]["sftp-cut-after"] == 1000
    client, files = sftp(sim)
    try:
        with pytest.raises((IOError, EOFError, paramiko.SSHException)):
            with files.open("cfg.rsc", "rb") as remote:
                remote.read()
    finally:
        client.close()
    # One-shot: the next read is whole.
    assert sim.control(0, "/sim/fault/print")[0]["sftp-cut-after"] == ""
    client, files = sftp(sim)
    try:
        with files.open("cfg.rsc", "rb") as remote:
            assert len(remote.read()) == int([f for f in sim.control(0, "/file/print") if f["name"] == "cfg.rsc"][0]["size"])
    finally:
        client.close()
