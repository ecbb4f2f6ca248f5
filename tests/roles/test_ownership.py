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


def test_static_lease_on_defconf_names_the_adopted_server_in_check_mode_and_run(routeros_sim_factory, tmp_path):
    sim = routeros_sim_factory("--factory", "defconf")
    inv = inventory(tmp_path, sim, {"r": (0, dict(CONNECTION, **LEASE))}, copy_lab=False)
    check = site(inv, "--check", "-v", "--tags", "wan,lan", tmp_path=tmp_path)
    assert check.rc == 0, check.output
    assert "server=defconf" in check.output and "server=dhcp_server_lan" not in check.output
    assert writes(sim) == []
    run = site(inv, "--tags", "wan,lan", tmp_path=tmp_path)
    assert run.rc == 0, run.output
    assert [(lease["address"], lease["server"]) for lease in rows(sim, "/ip/dhcp-server/lease")] == [("192.168.88.5", "defconf")]
    assert [s["name"] for s in rows(sim, "/ip/dhcp-server")] == ["defconf"]


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
