"""What the roles own on a router that is not blank: defconf's entries taken over in place, entries of an earlier run
with other variables moved or removed, and references (a lease's server) that name what the router will have."""

from __future__ import annotations

import yaml

from roles_helpers import CONNECTION, inventory, rows, site, writes

LEASE = {"lan_ipv4_static_leases": [{"address": "192.168.88.5", "mac_address": "00:11:22:33:44:55", "comment": "printer"}]}


def _set_host_vars(inv, host, extra):
    path = f"{inv}/hosts.yml"
    with open(path) as handle:
        data = yaml.safe_load(handle)
    data["routeros"]["hosts"][host].update(extra)
    with open(path, "w") as handle:
        yaml.safe_dump(data, handle)


def test_static_lease_on_defconf_names_the_taken_over_server_in_check_mode_and_run(routeros_sim_factory, tmp_path):
    """defconf's server and pool are renamed to the role's names in place; check mode says so before the run does it."""
    sim = routeros_sim_factory("--factory", "defconf")
    inv = inventory(tmp_path, sim, {"r": (0, dict(CONNECTION, **LEASE))}, copy_lab=False)
    check = site(inv, "--check", "-v", "--tags", "wan,lan", tmp_path=tmp_path)
    assert check.rc == 0, check.output
    assert "/ip dhcp-server set [find name=defconf] name=dhcp_server_lan" in check.output
    assert "/ip pool set [find name=dhcp] name=dhcp_pool_lan" in check.output
    assert "/ip dhcp-server add" not in check.output and "/ip pool add" not in check.output
    assert writes(sim) == []
    run = site(inv, "--tags", "wan,lan", tmp_path=tmp_path)
    assert run.rc == 0, run.output
    assert [(lease["address"], lease["server"]) for lease in rows(sim, "/ip/dhcp-server/lease")] == [("192.168.88.5", "dhcp_server_lan")]
    assert [(s["name"], s["address-pool"]) for s in rows(sim, "/ip/dhcp-server")] == [("dhcp_server_lan", "dhcp_pool_lan")]
    assert [p["name"] for p in rows(sim, "/ip/pool")] == ["dhcp_pool_lan"]


def test_lan_cidr_change_leaves_one_address_pool_and_dhcp_network(routeros_sim_factory, tmp_path):
    sim = routeros_sim_factory("--factory", "defconf")
    inv = inventory(tmp_path, sim, {"r": (0, dict(CONNECTION))}, copy_lab=False)
    first = site(inv, "--tags", "wan,lan", tmp_path=tmp_path)
    assert first.rc == 0, first.output
    _set_host_vars(inv, "r", {"lan_ipv4_cidr": "192.168.50.0/24"})
    moved = site(inv, "--tags", "wan,lan", tmp_path=tmp_path)
    assert moved.rc == 0, moved.output
    assert [(a["address"], a["interface"]) for a in rows(sim, "/ip/address", dynamic=False)] == [("192.168.50.1/24", "bridge")]
    assert [p["ranges"] for p in rows(sim, "/ip/pool")] == ["192.168.50.10-192.168.50.254"]
    assert [(n["address"], n["gateway"]) for n in rows(sim, "/ip/dhcp-server/network")] == [("192.168.50.0/24", "192.168.50.1")]
    sim.clear_audit(0)
    again = site(inv, "--tags", "wan,lan", tmp_path=tmp_path)
    assert again.recap["r"]["changed"] == 0 and writes(sim) == [], again.output


def test_hand_added_address_with_another_comment_is_left_alone(routeros_sim_factory, tmp_path):
    sim = routeros_sim_factory("--factory", "blank")
    api = sim.api(0)
    try:
        list(api("/interface/bridge/add", name="bridge"))
        list(api("/ip/address/add", address="10.9.9.1/24", interface="bridge", comment="printer VLAN"))
    finally:
        api.close()
    inv = inventory(tmp_path, sim, {"r": (0, dict(CONNECTION))}, copy_lab=False)
    run = site(inv, "--tags", "wan,lan", tmp_path=tmp_path)
    assert run.rc == 0, run.output
    assert sorted(a["address"] for a in rows(sim, "/ip/address", dynamic=False)) == ["10.9.9.1/24", "192.168.88.1/24"]


def _hand_configured(sim):
    """ether1 renamed wan with a DHCP client, 192.168.88.1/24 on ether2 renamed lan, pool, DHCP server and network."""
    api = sim.api(0)
    try:
        list(api("/interface/ethernet/set", **{".id": "ether1", "name": "wan"}))
        list(api("/interface/ethernet/set", **{".id": "ether2", "name": "lan"}))
        list(api("/ip/dhcp-client/add", interface="wan", disabled="no"))
        list(api("/ip/address/add", address="192.168.88.1/24", interface="lan"))
        list(api("/ip/pool/add", name="hand_pool", ranges="192.168.88.100-192.168.88.200"))
        list(api("/ip/dhcp-server/add", name="hand_dhcp", interface="lan", **{"address-pool": "hand_pool", "disabled": "no"}))
        list(api("/ip/dhcp-server/network/add", address="192.168.88.0/24", gateway="192.168.88.1"))
    finally:
        api.close()


def test_hand_configured_router_with_default_variables_gets_one_coherent_lan(routeros_sim_factory, tmp_path):
    sim = routeros_sim_factory("--factory", "blank")
    _hand_configured(sim)
    inv = inventory(tmp_path, sim, {"r": (0, dict(CONNECTION))}, copy_lab=False)
    run = site(inv, "--tags", "wan,lan", tmp_path=tmp_path)
    assert run.rc == 0, run.output
    assert {(m["list"], m["interface"]) for m in rows(sim, "/interface/list/member")} == {("WAN", "wan"), ("LAN", "bridge")}
    assert [c["interface"] for c in rows(sim, "/ip/dhcp-client")] == ["wan"]
    assert "lan" in [p["interface"] for p in rows(sim, "/interface/bridge/port")]
    assert [(a["address"], a["interface"]) for a in rows(sim, "/ip/address", dynamic=False)] == [("192.168.88.1/24", "bridge")]
    assert [(s["name"], s["interface"]) for s in rows(sim, "/ip/dhcp-server")] == [("hand_dhcp", "bridge")]
    assert [p["name"] for p in rows(sim, "/ip/pool")] == ["hand_pool"]
    assert [n["address"] for n in rows(sim, "/ip/dhcp-server/network")] == ["192.168.88.0/24"]
    sim.clear_audit(0)
    again = site(inv, "--tags", "wan,lan", tmp_path=tmp_path)
    assert again.recap["r"]["changed"] == 0 and writes(sim) == [], again.output
