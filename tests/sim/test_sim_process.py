"""Process-level behaviour: TLS with CA verification, service control of new connections,
persistence across restarts, the CLI contract and the defconf factory."""

import os
import signal
import ssl
import subprocess
import sys

import pytest
import rawapi
from librouteros.exceptions import MultiTrapError


def test_fact_api_ssl_is_ordinary_tls_verified_by_the_ca(sim):
    sim.install_certificate()
    api = sim.api(tls=True)
    (active,) = [r for r in api.path("/user/active") if r["via"] == "api-ssl"]
    assert active["name"] == "admin"
    api.close()


def test_tls_without_the_ca_fails_verification(sim):
    sim.install_certificate()
    host, port = sim.address(tls=True)
    context = ssl.create_default_context()
    with pytest.raises(ssl.SSLCertVerificationError):
        sim.api(tls=True, ssl_wrapper=lambda sock: context.wrap_socket(sock, server_hostname=host))


def _refused(sim, tls=False) -> bool:
    client = rawapi.RawApi(*sim.address(tls=tls))
    if tls:
        try:
            client.sock = sim.ssl_context().wrap_socket(client.sock, server_hostname="127.0.0.1")
        except (ssl.SSLError, ConnectionError, OSError):
            return True
    try:
        return client.is_closed(timeout=2)
    finally:
        client.close()


@pytest.mark.parametrize("service,tls", [("api", False), ("api-ssl", True)])
def test_disabled_service_refuses_new_connections_only(sim, service, tls):
    sim.install_certificate()
    existing = sim.api(tls=tls)
    tuple(existing("/ip/service/disable", **{".id": service}))
    assert _refused(sim, tls)
    assert list(existing("/system/identity/print")) == [{"name": "MikroTik"}]
    tuple(existing("/ip/service/enable", **{".id": service}))
    sim.api(tls=tls).close()
    existing.close()


def test_service_address_restriction(sim):
    existing = sim.api()
    tuple(existing("/ip/service/set", **{".id": "api", "address": "10.0.0.0/24"}))
    assert _refused(sim)
    tuple(existing("/ip/service/set", **{".id": "api", "address": "10.0.0.0/24,192.168.88.0/24"}))
    sim.api().close()
    existing.close()


def test_state_persists_across_restart(routeros_sim_factory, tmp_path):
    sim = routeros_sim_factory("--state-dir", str(tmp_path), "--names", "home")
    assert sim.routers[0]["name"] == "home" and sim.ca_path == str(tmp_path / "ca.pem")
    api = sim.api()
    pid = api.path("/ip/pool").add(name="kept", ranges="10.0.0.1-10.0.0.5")
    tuple(api("/system/identity/set", name="home"))
    api.close()
    assert sim.stop() == 0
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".json") == ["home.json"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".state-")]
    sim.start()
    api = sim.api()
    assert [(r[".id"], r["name"]) for r in api.path("/ip/pool")] == [(pid, "kept")]
    assert list(api("/system/identity/print")) == [{"name": "home"}]
    api.close()


def test_cli_prints_one_json_line_per_router_and_exits_cleanly_on_sigint(routeros_sim_factory):
    sim = routeros_sim_factory(routers=3)
    assert [r["name"] for r in sim.routers] == ["router1", "router2", "router3"]
    assert [int(r["api"].rsplit(":", 1)[1]) for r in sim.routers] == [sim.port, sim.port + 1, sim.port + 2]
    assert [int(r["api_ssl"].rsplit(":", 1)[1]) for r in sim.routers] == [sim.tls_port + n for n in range(3)]
    api = sim.api(2)
    macs = {r["mac-address"] for r in api.path("/interface/ethernet")}
    assert all(m.startswith("4C:5E:0C:03:") for m in macs)
    api.close()
    sim.proc.send_signal(signal.SIGINT)
    assert sim.proc.wait(timeout=10) == 0


def test_bad_cli_options_fail_clearly():
    env = dict(os.environ, PYTHONPATH=os.path.join(os.path.dirname(os.path.dirname(__file__)), "simulator"))
    result = subprocess.run([sys.executable, "-m", "routeros_sim.cli", "--user", "nopassword"], capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 2 and "NAME:PASSWORD" in result.stderr


@pytest.fixture(scope="module")
def defconf(routeros_sim_module_factory):
    sim = routeros_sim_module_factory("--factory", "defconf", "--user", "ops:pw")
    api = sim.api(username="ops", password="pw")
    yield api
    api.close()


def test_defconf_lan_and_wan(defconf):
    assert [(r["name"], r["comment"]) for r in defconf.path("/interface/bridge")] == [("bridge", "defconf")]
    ports = [r["interface"] for r in defconf.path("/interface/bridge/port")]
    assert ports == ["ether2", "ether3", "ether4", "ether5", "wlan1"]
    members = {(r["list"], r["interface"]) for r in defconf.path("/interface/list/member")}
    assert members == {("LAN", "bridge"), ("WAN", "ether1")}
    (server,) = defconf.path("/ip/dhcp-server")
    assert server["name"] == "defconf" and server["disabled"] is False and server["address-pool"] == "dhcp"
    (pool,) = defconf.path("/ip/pool")
    assert pool["ranges"] == "192.168.88.10-192.168.88.254"
    (dns,) = defconf.path("/ip/dns")
    assert dns["allow-remote-requests"] is True
    (client,) = defconf.path("/ip/dhcp-client")
    assert client["interface"] == "ether1" and client["disabled"] is False and client["status"] == "bound"


def test_fact_defconf_masquerade(defconf):
    (nat,) = defconf.path("/ip/firewall/nat")
    assert (nat["chain"], nat["action"], nat["out-interface-list"], nat["ipsec-policy"]) == ("srcnat", "masquerade", "WAN", "out,none")


def test_fact_defconf_firewall_default_deny_from_wan(defconf):
    rules = list(defconf.path("/ip/firewall/filter"))
    assert rules[0]["comment"] == "special dummy rule to show fasttrack counters"
    assert all(r["comment"].startswith("defconf") for r in rules[1:])
    assert any(r["chain"] == "input" and r.get("in-interface-list") == "!LAN" and r["action"] == "drop" for r in rules)
    v6 = list(defconf.path("/ipv6/firewall/filter"))
    assert v6[-1]["in-interface-list"] == "!LAN" and v6[-1]["chain"] == "forward"
    assert any(r.get("src-address") == "fe80::/10" and r.get("dst-port") == 546 for r in v6)
    bad = [r["address"] for r in defconf.path("/ipv6/firewall/address-list") if r["list"] == "bad_ipv6"]
    assert "2001:db8::/32" in bad and "::/128" in bad


def test_fact_defconf_management_limited_to_lan(defconf):
    (mac,) = defconf.path("/tool/mac-server")
    (nd,) = defconf.path("/ip/neighbor/discovery-settings")
    assert mac["allowed-interface-list"] == "LAN" and nd["discover-interface-list"] == "LAN"


def test_ipv6_package_disabled_option(routeros_sim_factory):
    sim = routeros_sim_factory("--ipv6-package", "disabled")
    api = sim.api()
    with pytest.raises(MultiTrapError):
        tuple(api("/ipv6/address/print"))
    api.close()
