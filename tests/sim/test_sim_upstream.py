"""The simulated upstream: /ping answers by what the router's routes and the ISP reach, /sim/upstream cuts the
internet, IPv6 or the resolvers, /sim/lease/add fills a DHCP pool, routes and the NTP client follow."""

import pytest
from librouteros.exceptions import TrapError


def _wan(api, ipv6=False):
    """A router with the ISP's DHCP on ether1 and a LAN on ether2 with a DHCP server over 192.168.88.10-.19."""
    tuple(api("/ip/dhcp-client/add", interface="ether1", disabled="no"))
    tuple(api("/ip/address/add", address="192.168.88.1/24", interface="ether2"))
    tuple(api("/ip/pool/add", name="lan", ranges="192.168.88.10-192.168.88.19"))
    tuple(api("/ip/dhcp-server/add", name="lan", interface="ether2", **{"address-pool": "lan", "disabled": "no"}))
    if ipv6:
        tuple(api("/ipv6/dhcp-client/add", interface="ether1", request="prefix", **{"pool-name": "isp"}))


def _ping(api, address, count=2):
    return list(api("/ping", address=address, count=str(count)))


def _added(reply):
    (done,) = list(reply)
    return int(done["ret"])


def _received(rows):
    return int(rows[-1]["received"])


def test_ping_answers_from_the_internet_only_with_an_active_default_route(api):
    rows = _ping(api, "9.9.9.9")
    assert [r["status"] for r in rows] == ["timeout", "timeout"]
    assert rows[-1]["packet-loss"] == 100
    _wan(api)
    rows = _ping(api, "9.9.9.9", count=3)
    assert [r["seq"] for r in rows] == [0, 1, 2]
    assert _received(rows) == 3 and rows[-1]["packet-loss"] == 0 and "status" not in rows[-1]
    (route,) = [r for r in api.path("/ip/route") if r["dst-address"] == "0.0.0.0/0"]
    assert route["active"] is True
    tuple(api("/interface/disable", numbers="ether1"))
    assert _received(_ping(api, "9.9.9.9")) == 0


def test_a_static_route_to_an_unreachable_gateway_is_inactive_and_carries_nothing(api):
    tuple(api("/ip/route/add", gateway="203.0.113.1"))
    (route,) = [r for r in api.path("/ip/route") if r["dst-address"] == "0.0.0.0/0"]
    assert route["active"] is False
    assert _received(_ping(api, "9.9.9.9")) == 0
    tuple(api("/ip/address/add", address="203.0.113.2/30", interface="ether1"))
    (route,) = [r for r in api.path("/ip/route") if r["dst-address"] == "0.0.0.0/0"]
    assert route["active"] is True
    assert _received(_ping(api, "9.9.9.9")) == 2


def test_own_addresses_answer_lan_hosts_do_not(api):
    _wan(api)
    assert _received(_ping(api, "192.168.88.1")) == 2
    assert _received(_ping(api, "192.168.88.50")) == 0


def test_upstream_cuts_internet_ipv6_and_resolvers_separately(sim, api):
    _wan(api, ipv6=True)
    resolver = next(iter(api.path("/ip/dns")))["dynamic-servers"]
    assert resolver and _received(_ping(api, resolver)) == 2
    assert _received(_ping(api, "2620:fe::fe")) == 2
    tuple(api("/sim/upstream/set", dns="no"))
    assert _received(_ping(api, resolver)) == 0
    assert _received(_ping(api, "9.9.9.9")) == 2
    tuple(api("/sim/upstream/set", dns="yes", ipv6="no"))
    assert _received(_ping(api, "2620:fe::fe")) == 0
    assert _received(_ping(api, "9.9.9.9")) == 2
    tuple(api("/sim/upstream/set", ipv6="yes", internet="no"))
    assert _received(_ping(api, "9.9.9.9")) == 0
    assert _received(_ping(api, "2620:fe::fe")) == 2
    tuple(api("/sim/upstream/set", prefix="no"))
    (client,) = list(api.path("/ipv6/dhcp-client"))
    assert client["status"] == "searching..." and "prefix" not in client
    assert [p for p in api.path("/ipv6/pool") if p["name"] == "isp"] == []
    assert _received(_ping(api, "2620:fe::fe")) == 0
    assert list(api("/sim/upstream/print")) == [{"internet": False, "ipv6": True, "dns": True, "prefix": False, "pppoe": True, "pppoe-password": ""}]
    sim.reset(0, "blank")
    again = sim.api()
    assert list(again("/sim/upstream/print")) == [{"internet": True, "ipv6": True, "dns": True, "prefix": True, "pppoe": True, "pppoe-password": ""}]
    again.close()


def test_ping_arguments_are_checked(api):
    with pytest.raises(TrapError, match="invalid value for argument address"):
        _ping(api, "example.com")
    with pytest.raises(TrapError, match="unknown parameter"):
        list(api("/ping", address="9.9.9.9", count="1", colour="red"))
    with pytest.raises(TrapError, match="count"):
        list(api("/ping", address="9.9.9.9"))


def test_ping_is_no_write(sim, api):
    sim.clear_audit()
    _ping(api, "9.9.9.9")
    assert sim.audit() == []


def test_ntp_client_updates_only_from_a_server_that_answers(api):
    tuple(api("/system/ntp/client/set", enabled="yes", **{"server-dns-names": "pool.ntp.org"}))
    assert "last-update-from" not in next(iter(api.path("/system/ntp/client")))
    _wan(api)
    client = next(iter(api.path("/system/ntp/client")))
    assert client["last-update-from"] and client["active-server"] == client["last-update-from"]
    tuple(api("/sim/upstream/set", dns="no"))
    assert "last-update-from" not in next(iter(api.path("/system/ntp/client")))
    tuple(api("/sim/upstream/set", dns="yes"))
    (client,) = list(api.path("/ip/dhcp-client"))
    tuple(api("/ip/dhcp-client/set", **{".id": client[".id"], "use-peer-dns": "no"}))
    assert "last-update-from" not in next(iter(api.path("/system/ntp/client")))


def test_clients_fill_the_pool_with_dynamic_leases(api):
    _wan(api)
    tuple(api("/ip/dhcp-server/lease/add", address="192.168.88.10", **{"mac-address": "02:11:22:33:44:55"}))
    assert _added(api("/sim/lease/add", server="lan", count="4")) == 4
    leases = [lease for lease in api.path("/ip/dhcp-server/lease") if lease["dynamic"]]
    assert [lease["address"] for lease in leases] == ["192.168.88.11", "192.168.88.12", "192.168.88.13", "192.168.88.14"]
    assert {lease["status"] for lease in leases} == {"bound"}
    # Ten addresses in the pool, one static lease, four taken: five more find one, the rest none.
    assert _added(api("/sim/lease/add", server="lan", count="9")) == 5
    tuple(api("/sim/lease/clear"))
    assert [lease["address"] for lease in api.path("/ip/dhcp-server/lease")] == ["192.168.88.10"]


def _pppoe(api, **more):
    attrs = {"interface": "ether1", "user": "customer-1234", "password": "Dsl-Secret-9", "add-default-route": "yes",
             "use-peer-dns": "yes", **more}
    tuple(api("/interface/pppoe-client/add", **attrs))
    (row,) = api.path("/interface/pppoe-client")
    return row


def _monitor(api, name="pppoe-out1"):
    (row,) = list(api("/interface/pppoe-client/monitor", numbers=name, once=""))
    return row


def _pppoe_log(api):
    return [r["message"] for r in api.path("/log") if r["topics"] == "pppoe,ppp,info"]


def test_pppoe_client_is_created_disabled_with_the_v6_defaults(api):
    row = _pppoe(api)
    assert row["name"] == "pppoe-out1" and row["disabled"] is True and row["running"] is False
    assert row["add-default-route"] is True and row["default-route-distance"] == 1 and row["profile"] == "default"
    assert row["allow"] == "mschap2,mschap1,chap,pap" and row["max-mtu"] == "auto" and row["mrru"] == "disabled"
    assert _monitor(api)["status"] == "disabled" and _pppoe_log(api) == []


def test_pppoe_client_connects_with_address_route_and_dns_of_the_peer(api):
    row = _pppoe(api, disabled="no")
    assert row["running"] is True
    monitor = _monitor(api)
    assert monitor["status"] == "connected" and monitor["local-address"] == "100.64.1.200"
    (address,) = [r for r in api.path("/ip/address") if r["dynamic"]]
    assert address["address"] == "100.64.1.200/32" and address["network"] == "100.64.1.1"
    assert address["interface"] == "pppoe-out1"
    routes = {r["dst-address"]: r for r in api.path("/ip/route")}
    assert routes["0.0.0.0/0"]["gateway"] == "pppoe-out1" and routes["0.0.0.0/0"]["active"] is True
    assert routes["100.64.1.1/32"]["gateway"] == "pppoe-out1"
    (dns,) = api.path("/ip/dns")
    assert dns["dynamic-servers"] == "100.64.1.1"
    (interface,) = [r for r in api.path("/interface") if r["name"] == "pppoe-out1"]
    assert interface["type"] == "pppoe-out" and interface["running"] is True
    assert _received(_ping(api, "9.9.9.9")) == 2
    assert _pppoe_log(api) == ["pppoe-out1: connected"]


def test_pppoe_client_refused_password_is_logged_and_shown_by_monitor(api):
    tuple(api("/sim/upstream/set", **{"pppoe-password": "the-right-one"}))
    row = _pppoe(api, disabled="no")
    assert row["running"] is False and _monitor(api) == {"status": "disconnected"}
    assert _pppoe_log(api) == ["pppoe-out1: terminating... - authentication failed"]
    assert [r for r in api.path("/ip/route") if r["dst-address"] == "0.0.0.0/0"] == []
    tuple(api("/interface/pppoe-client/set", **{".id": row[".id"], "password": "the-right-one"}))
    assert _monitor(api)["status"] == "connected"
    tuple(api("/interface/ethernet/disable", **{".id": "ether1"}))
    assert _monitor(api)["status"] == "dialing"
    assert _pppoe_log(api)[-2:] == ["pppoe-out1: connected", "pppoe-out1: disconnected"]


def test_pppoe_password_is_left_out_of_export_hide_sensitive(api):
    _pppoe(api, disabled="no")
    tuple(api("/export", file="full"))
    tuple(api("/export", file="hidden", **{"hide-sensitive": ""}))
    files = {r["name"]: r["contents"] for r in api.path("/file")}
    assert "password=Dsl-Secret-9" in files["full.rsc"]
    assert "Dsl-Secret-9" not in files["hidden.rsc"] and "user=customer-1234" in files["hidden.rsc"]
