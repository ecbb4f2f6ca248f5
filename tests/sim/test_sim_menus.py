"""Menus, defaults, validation and trap texts, through librouteros."""

import pytest
from librouteros.exceptions import MultiTrapError, TrapError
from librouteros.query import And, Key, Or
from routeros_sim.menus import MENUS, SINGLE


def trap(call):
    with pytest.raises(TrapError) as info:
        tuple(call())
    return info.value.message


def one(api, path):
    (row,) = api.path(path)
    return row


# ------------------------------------------------------------------ errors (section 2)


def test_fact_bad_reference_input_does_not_match(api):
    assert trap(lambda: api.path("/ip/address").add(address="10.0.0.1/24", interface="nope")) == "input does not match any value of interface"


def test_fact_unknown_parameter(api):
    assert trap(lambda: api.path("/ip/pool").add(name="p", ranges="10.0.0.1", colour="red")) == "unknown parameter"


def test_fact_missing_required_argument(api):
    assert trap(lambda: api.path("/ip/address").add(address="10.0.0.1/24")) == "missing value(s) of argument(s) interface"


def test_fact_bad_value_invalid_value_for_argument(api):
    assert trap(lambda: api.path("/ip/address").add(address="10.0.0.300/24", interface="ether1")) == "invalid value for argument address"


def test_fact_duplicate_texts(api):
    api.path("/ip/address").add(address="10.0.0.1/24", interface="ether1")
    assert trap(lambda: api.path("/ip/address").add(address="10.0.0.1/24", interface="ether1")) == "failure: already have such address"
    api.path("/ip/pool").add(name="p", ranges="10.0.0.1")
    assert trap(lambda: api.path("/ip/pool").add(name="p", ranges="10.0.0.2")) == "failure: already have such entry"
    api.path("/interface/bridge").add(name="br")
    assert trap(lambda: api.path("/interface/bridge").add(name="ether1")) == "failure: already have interface with such name"


def test_fact_unknown_id_no_such_item(api):
    assert trap(lambda: api("/ip/pool/remove", **{".id": "*FFFF"})) == "no such item"


def test_fact_unknown_menu_two_traps(api):
    with pytest.raises(MultiTrapError) as info:
        tuple(api("/ip/network/add", address="192.168.88.0/24"))
    assert [t.message for t in info.value.traps] == ["no such command or directory (network)", "no such command prefix"]


def test_fact_dynamic_and_builtin_refuse_changes(api):
    (builtin,) = api.rawCmd("/interface/list/print", "?name=all")
    assert builtin["builtin"] is True
    assert trap(lambda: api("/interface/list/remove", **{".id": builtin[".id"]})) == "failure: cannot change builtin"
    api.path("/ip/dhcp-client").add(interface="ether1", disabled=False)
    dynamic = next(r for r in api.path("/ip/address") if r["dynamic"])
    assert trap(lambda: api("/ip/address/set", **{".id": dynamic[".id"], "comment": "x"})) == "failure: can not change dynamic"
    assert trap(lambda: api("/ip/address/remove", **{".id": dynamic[".id"]})) == "failure: can not change dynamic"


# ------------------------------------------------------------------ protocol values (section 1)


def test_fact_booleans_print_true_false_and_accept_yes_no(raw):
    raw.command("/ip/dns/set", "=allow-remote-requests=yes")
    assert ["!re", "=allow-remote-requests=true"] == raw.command("/ip/dns/print", "=.proplist=allow-remote-requests")[0]
    raw.command("/ip/dns/set", "=allow-remote-requests=false")
    assert ["!re", "=allow-remote-requests=false"] == raw.command("/ip/dns/print", "=.proplist=allow-remote-requests")[0]


@pytest.mark.parametrize("given", ["10m", "600s", "00:10:00", "600"])
def test_fact_durations_print_in_routeros_form(api, given):
    api.path("/ip/dhcp-server").add(name="d", interface="ether2", **{"lease-time": given})
    assert one(api, "/ip/dhcp-server")["lease-time"] == "10m"


def test_fact_duration_print_forms(api):
    tuple(api("/ip/dns/set", **{"cache-max-ttl": "14747"}))
    assert one(api, "/ip/dns")["cache-max-ttl"] == "4h5m47s"


def test_fact_ids_are_hex_with_star_and_comma_lists_work(api):
    pools = api.path("/ip/pool")
    ids = [pools.add(name=f"p{n}", ranges=f"10.0.0.{n}") for n in range(1, 4)]
    assert all(i.startswith("*") and int(i[1:], 16) for i in ids)
    tuple(api("/ip/pool/remove", **{".id": ",".join(ids[:2])}))
    assert [r["name"] for r in pools] == ["p3"]


def test_fact_name_works_as_id_on_named_menus(api):
    tuple(api("/interface/set", **{".id": "ether1", "comment": "wan"}))
    (ether1,) = api.rawCmd("/interface/ethernet/print", "?name=ether1")
    assert ether1["comment"] == "wan"


# ------------------------------------------------------------------ menus (section 3)


def test_fact_ip_address_network_is_computed(api):
    api.path("/ip/address").add(address="192.168.88.1/24", interface="ether2")
    row = one(api, "/ip/address")
    assert row["network"] == "192.168.88.0" and row["actual-interface"] == "ether2" and row["dynamic"] is False


def test_fact_dhcp_client_disabled_by_default(api):
    api.path("/ip/dhcp-client").add(interface="ether1")
    row = one(api, "/ip/dhcp-client")
    assert row["disabled"] is True and row["status"] == "stopped"
    assert row["add-default-route"] is True and row["default-route-distance"] == 1
    assert row["use-peer-dns"] is True and row["use-peer-ntp"] is True and row["dhcp-options"] == "hostname,clientid"
    assert len(list(api.path("/ip/address"))) == 0


def test_fact_bound_dhcp_client_installs_dynamic_address_and_route(api):
    cid = api.path("/ip/dhcp-client").add(interface="ether1", disabled=False, **{"default-route-distance": 5})
    assert one(api, "/ip/dhcp-client")["status"] == "bound"
    (address,) = [r for r in api.path("/ip/address") if r["dynamic"]]
    assert address["address"] == "100.64.1.100/24" and address["interface"] == "ether1"
    (route,) = [r for r in api.path("/ip/route") if r["dst-address"] == "0.0.0.0/0"]
    assert route["dynamic"] is True and route["gateway"] == "100.64.1.1" and route["distance"] == 5
    tuple(api("/ip/dhcp-client/disable", **{".id": cid}))
    assert list(api.path("/ip/address")) == []
    assert [r for r in api.path("/ip/route") if r["dst-address"] == "0.0.0.0/0"] == []


def test_fact_ip_pool_fields(api):
    api.path("/ip/pool").add(name="dhcp", ranges="192.168.88.10-192.168.88.254,192.168.89.0/24")
    assert one(api, "/ip/pool") | {".id": ""} == {".id": "", "name": "dhcp", "ranges": "192.168.88.10-192.168.88.254,192.168.89.0/24", "next-pool": "none"}


def test_fact_dhcp_server_created_disabled_with_v6_defaults(api):
    api.path("/ip/dhcp-server").add(interface="ether2")
    row = one(api, "/ip/dhcp-server")
    assert row["disabled"] is True and row["name"] == "dhcp1"
    assert row["address-pool"] == "static-only" and row["lease-time"] == "10m" and row["authoritative"] is True


def test_fact_dhcp_server_network_is_under_dhcp_server(api):
    api.path("/ip/dhcp-server/network").add(address="192.168.88.0/24", gateway="192.168.88.1", **{"dns-server": "192.168.88.1"})
    assert one(api, "/ip/dhcp-server/network")["address"] == "192.168.88.0/24"


def test_fact_route_fields(api):
    api.path("/ip/route").add(gateway="10.0.0.1", comment="static")
    row = one(api, "/ip/route")
    assert row["dst-address"] == "0.0.0.0/0" and row["distance"] == 1 and row["dynamic"] is False


@pytest.mark.parametrize("given,printed", [
    ("10.0.0.1", "10.0.0.1"), ("ether1", "ether1"), ("10.0.0.1%ether1", "10.0.0.1%ether1"), ("10.0.0.1,10.0.0.2", "10.0.0.1,10.0.0.2"),
])
def test_fact_route_gateway_is_an_address_an_interface_or_both(api, given, printed):
    api.path("/ip/route").add(gateway=given)
    assert one(api, "/ip/route")["gateway"] == printed


@pytest.mark.parametrize("bad", ["10.0.0.300", "10.0.0.1/24", "2001:db8::1", "10.0.0.1%", "%ether1", "10.0.0.1,"])
def test_fact_route_gateway_refuses_what_is_neither(api, bad):
    assert trap(lambda: api.path("/ip/route").add(gateway=bad)) == "invalid value for argument gateway"
    assert list(api.path("/ip/route")) == []


def test_fact_firewall_is_ordered_with_place_before_and_move(api):
    rules = api.path("/ip/firewall/filter")
    a = rules.add(chain="forward", action="accept", comment="a")
    b = rules.add(chain="forward", action="drop", comment="b")
    c = rules.add(chain="forward", action="accept", comment="c", **{"place-before": a})
    assert [r["comment"] for r in rules] == ["c", "a", "b"]
    tuple(api("/ip/firewall/filter/move", numbers=b, destination=c))
    assert [r["comment"] for r in rules] == ["b", "c", "a"]
    tuple(api("/ip/firewall/filter/move", numbers=b))
    assert [r["comment"] for r in rules] == ["c", "a", "b"]


def test_fact_fasttrack_rule_adds_builtin_dummy_first(api):
    rules = api.path("/ip/firewall/filter")
    rules.add(chain="forward", action="accept", comment="first")
    fid = rules.add(chain="forward", action="fasttrack-connection", **{"connection-state": "established,related"})
    listed = list(rules)
    assert listed[0]["comment"] == "special dummy rule to show fasttrack counters" and listed[0]["dynamic"] is True
    assert trap(lambda: api("/ip/firewall/filter/remove", **{".id": listed[0][".id"]})) == "failure: cannot change builtin"
    tuple(api("/ip/firewall/filter/remove", **{".id": fid}))
    assert [r["comment"] for r in rules] == ["first"]


def test_fact_ip_service_fixed_entries(api):
    ports = {r["name"]: r["port"] for r in api.path("/ip/service")}
    assert ports == {"telnet": 23, "ftp": 21, "www": 80, "ssh": 22, "www-ssl": 443, "api": 8728, "winbox": 8291, "api-ssl": 8729}
    with pytest.raises(MultiTrapError):
        api.path("/ip/service").add(name="x")
    with pytest.raises(MultiTrapError):
        tuple(api("/ip/service/remove", **{".id": "telnet"}))
    tuple(api("/ip/service/set", **{".id": "telnet", "disabled": True}))
    assert next(r for r in api.path("/ip/service") if r["name"] == "telnet")["disabled"] is True


def test_fact_ip_dns_single_entry(api):
    (row,) = api.path("/ip/dns")
    assert ".id" not in row and row["servers"] == "" and row["allow-remote-requests"] is False and row["cache-size"] == "2048KiB"


@pytest.mark.parametrize("given", ["4096KiB", "4096"])
def test_fact_ip_dns_cache_size_is_a_size_in_kib(api, given):
    tuple(api("/ip/dns/set", **{"cache-size": given}))
    assert one(api, "/ip/dns")["cache-size"] == "4096KiB"


@pytest.mark.parametrize("bad", ["63", "4096MB", "KiB", "-1"])
def test_ip_dns_cache_size_refuses_sizes_out_of_range_or_in_other_units(api, bad):
    assert trap(lambda: api("/ip/dns/set", **{"cache-size": bad})) == "invalid value for argument cache-size"


def test_fact_ethernet_default_name_is_read_only_and_rename_follows_references(api):
    api.path("/ip/address").add(address="10.0.0.1/24", interface="ether2")
    (eth,) = api.rawCmd("/interface/ethernet/print", "?default-name=ether2")
    assert trap(lambda: api("/interface/ethernet/set", **{".id": eth[".id"], "default-name": "x"})) == "unknown parameter"
    tuple(api("/interface/ethernet/set", **{".id": eth[".id"], "name": "lan"}))
    assert one(api, "/ip/address")["interface"] == "lan"
    with pytest.raises(MultiTrapError):
        api.path("/interface/ethernet").add(name="ether9")


def test_fact_interface_lists_builtin_and_members(api):
    assert {r["name"] for r in api.path("/interface/list")} == {"all", "none", "dynamic"}
    api.path("/interface/list").add(name="WAN")
    api.path("/interface/list/member").add(list="WAN", interface="ether1")
    assert trap(lambda: api.path("/interface/list/member").add(list="LAN", interface="ether1")) == "input does not match any value of list"


def test_fact_mac_server_and_neighbor_discovery_use_interface_lists(api):
    api.path("/interface/list").add(name="LAN")
    for path, field in (("/tool/mac-server", "allowed-interface-list"), ("/tool/mac-server/mac-winbox", "allowed-interface-list"),
                        ("/ip/neighbor/discovery-settings", "discover-interface-list")):
        tuple(api(f"{path}/set", **{field: "LAN"}))
        assert one(api, path)[field] == "LAN"


def test_fact_ipv6_dhcp_client_fields(api):
    clients = api.path("/ipv6/dhcp-client")
    assert trap(lambda: clients.add(interface="ether1", request="prefix")) == "missing value(s) of argument(s) pool-name"
    assert trap(lambda: clients.add(interface="ether1", request="prefix", **{"pool-name": "pd", "pool-length": 64})) == "unknown parameter"
    clients.add(interface="ether1", request="prefix", **{"pool-name": "pd"})
    row = one(api, "/ipv6/dhcp-client")
    assert row["pool-prefix-length"] == 64 and row["prefix-hint"] == "::/0"
    assert row["add-default-route"] is False and row["use-peer-dns"] is True and row["status"] == "bound"


def test_fact_prefix_delegation_creates_dynamic_pool_and_from_pool_addresses(api):
    api.path("/interface/bridge").add(name="bridge")
    api.path("/ipv6/dhcp-client").add(interface="ether1", request="prefix", **{"pool-name": "pd"})
    (pool,) = api.path("/ipv6/pool")
    assert pool == {".id": pool[".id"], "name": "pd", "prefix": "2001:db8:100::/56", "prefix-length": 64, "expires-after": "1d", "dynamic": True}
    addresses = api.path("/ipv6/address")
    addresses.add(address="::1/64", **{"from-pool": "pd", "interface": "bridge"})
    addresses.add(**{"from-pool": "pd", "interface": "ether3", "eui-64": True})
    static = [r for r in addresses if not r["dynamic"]]
    assert static[0]["address"] == "2001:db8:100::1/64"
    assert static[1]["address"] == "2001:db8:100:1:4e5e:cff:fe01:3/64"


def test_fact_ipv6_nd_default_entry_and_ra_interval_range(api):
    (nd,) = api.path("/ipv6/nd")
    assert nd["interface"] == "all" and nd["default"] is True and nd["ra-interval"] == "3m20s-10m"
    assert nd["ra-lifetime"] == "30m" and nd["managed-address-configuration"] is False and nd["other-configuration"] is False
    assert trap(lambda: api("/ipv6/nd/set", **{".id": nd[".id"], "ra-interval": "10s"})) == "invalid value for argument ra-interval"
    (found,) = api.rawCmd("/ipv6/nd/print", "?default=yes")
    tuple(api("/ipv6/nd/set", **{".id": found[".id"], "ra-interval": "20s-60s"}))
    assert one(api, "/ipv6/nd")["ra-interval"] == "20s-1m"


def _nd_set(api, **values):
    (nd,) = api.path("/ipv6/nd")
    return tuple(api("/ipv6/nd/set", **{".id": nd[".id"], **values}))


def test_fact_ipv6_nd_timers_and_limits_are_typed(api):
    row = one(api, "/ipv6/nd")
    assert [row[k] for k in ("hop-limit", "mtu", "reachable-time", "retransmit-interval")] == ["unspecified"] * 4
    _nd_set(api, **{"hop-limit": "64", "mtu": "1480", "reachable-time": "30s", "retransmit-interval": "1000", "ra-lifetime": "none"})
    row = one(api, "/ipv6/nd")
    assert (row["hop-limit"], row["mtu"], row["reachable-time"], row["retransmit-interval"]) == (64, 1480, "30s", "16m40s")
    assert row["ra-lifetime"] == "none"
    _nd_set(api, **{"hop-limit": "unspecified", "ra-lifetime": "1h"})
    row = one(api, "/ipv6/nd")
    assert row["hop-limit"] == "unspecified" and row["ra-lifetime"] == "1h"


@pytest.mark.parametrize("name,bad", [
    ("hop-limit", "256"), ("hop-limit", "high"), ("mtu", "big"), ("mtu", "-1"),
    ("reachable-time", "2h"), ("reachable-time", "soon"), ("retransmit-interval", "x"), ("ra-lifetime", "never"),
    ("ra-interval", "2s-10s"), ("ra-interval", "10s-31m"), ("ra-interval", "1m-1m"), ("ra-interval", "2m-1m"),
])
def test_fact_ipv6_nd_refuses_values_out_of_type_or_range(api, name, bad):
    assert trap(lambda: _nd_set(api, **{name: bad})) == f"invalid value for argument {name}"


def test_fact_ipv6_nd_ra_interval_limits_are_inclusive(api):
    _nd_set(api, **{"ra-interval": "3s-30m"})
    assert one(api, "/ipv6/nd")["ra-interval"] == "3s-30m"


def test_fact_ipv6_settings_single_entry(api):
    row = one(api, "/ipv6/settings")
    assert row["forward"] is True and row["accept-router-advertisements"] == "yes-if-forwarding-disabled"


def test_fact_ipv6_route_fields_and_connected_routes(api):
    routes = api.path("/ipv6/route")
    assert list(routes) == []
    assert trap(lambda: routes.add(comment="no gateway")) == "missing value(s) of argument(s) gateway"
    assert trap(lambda: routes.add(gateway="fe80::zz%ether1")) == "invalid value for argument gateway"
    rid = routes.add(gateway="FE80:0::1%ether1", comment="ISP")
    row = one(api, "/ipv6/route")
    assert row["dst-address"] == "::/0" and row["gateway"] == "fe80::1%ether1" and row["distance"] == 1
    assert row["active"] is True and row["dynamic"] is False and row["disabled"] is False and row["comment"] == "ISP"
    tuple(api("/ipv6/route/set", **{".id": rid, "dst-address": "2001:db8:9::1/48", "distance": 5}))
    assert one(api, "/ipv6/route")["dst-address"] == "2001:db8:9::/48"
    api.path("/ipv6/address").add(address="2001:db8:1::2/64", interface="ether1", advertise=False)
    (connected,) = [r for r in routes if r["dynamic"]]
    assert connected["dst-address"] == "2001:db8:1::/64" and connected["gateway"] == "ether1" and connected["distance"] == 0
    assert trap(lambda: api("/ipv6/route/remove", **{".id": connected[".id"]})) == "failure: can not change dynamic"
    tuple(api("/ipv6/route/remove", **{".id": rid}))
    assert [r["dynamic"] for r in routes] == [True]


def test_fact_ipv6_package_change_needs_reboot(sim):
    api = sim.api()
    tuple(api("/system/package/disable", **{".id": "ipv6"}))
    assert one(api, "/ipv6/settings")["forward"] is True
    tuple(api("/system/reboot"))
    api.close()
    api = sim.api()
    with pytest.raises(MultiTrapError) as info:
        tuple(api("/ipv6/address/print"))
    assert [t.message for t in info.value.traps] == ["no such command or directory (ipv6)", "no such command prefix"]
    tuple(api("/system/package/enable", **{".id": "ipv6"}))
    assert next(r for r in api.path("/system/package") if r["name"] == "ipv6")["scheduled"] == "scheduled for enable"
    with pytest.raises(MultiTrapError):
        tuple(api("/ipv6/address/print"))
    tuple(api("/system/reboot"))
    api.close()
    api = sim.api()
    assert list(api("/ipv6/settings/print"))
    api.close()


def test_fact_identity_and_resource_version(api):
    assert one(api, "/system/identity") == {"name": "MikroTik"}
    resource = one(api, "/system/resource")
    assert resource["version"] == "6.49.10 (long-term)" and resource["board-name"] == "hAP ac lite"


def test_fact_script_and_scheduler_fields(api):
    api.path("/system/script").add(name="s", source=":log info hi")
    script = one(api, "/system/script")
    assert script["policy"] == "ftp,reboot,read,write,policy,test,password,sniff,sensitive,romon" and script["owner"] == "admin"
    api.path("/system/scheduler").add(name="t", **{"on-event": "s", "start-date": "may/28/2022", "start-time": "03:00:00"})
    sched = one(api, "/system/scheduler")
    assert sched["interval"] == "0s" and sched["policy"] == script["policy"] and sched["start-date"] == "may/28/2022"


def test_fact_snmp_single_entry(api):
    row = one(api, "/snmp")
    assert row["enabled"] is False and row["contact"] == "" and row["location"] == "" and row["trap-community"] == "public"


def test_user_active_lists_api_sessions_with_address(api):
    (active,) = api.path("/user/active")
    assert active["name"] == "admin" and active["address"] == "192.168.88.10" and active["via"] == "api"


def test_v7_version_is_reported(routeros_sim_factory):
    sim = routeros_sim_factory("--version", "7.15.3", "--channel", "stable")
    api = sim.api()
    assert one(api, "/system/resource")["version"] == "7.15.3 (stable)"
    api.close()


def test_fact_fasttrack_dummy_stays_first_after_move(api):
    rules = api.path("/ip/firewall/filter")
    accept = rules.add(chain="forward", action="accept")
    rules.add(chain="forward", action="fasttrack-connection", **{"connection-state": "established,related"})
    dummy = next(iter(rules))[".id"]
    tuple(api("/ip/firewall/filter/move", numbers=accept, destination=dummy))
    assert next(iter(rules))[".id"] == dummy


def test_interface_name_cannot_be_emptied(api):
    assert trap(lambda: api("/interface/ethernet/set", **{".id": "ether1", "name": ""})) == "invalid value for argument name"


@pytest.mark.parametrize("path", [m.path for m in MENUS])
def test_every_menu_prints(api, path):
    rows = list(api(f"{path}/print"))
    if next(m for m in MENUS if m.path == path).kind == SINGLE:
        assert len(rows) == 1 and ".id" not in rows[0]


def test_fact_getall_is_an_alias_of_print(api):
    assert list(api("/interface/ethernet/getall")) == list(api("/interface/ethernet/print"))


def test_fact_librouteros_query_forms(api):
    ethernet = api.path("/interface/ethernet")
    name, disabled = Key("name"), Key("disabled")
    assert [r["name"] for r in ethernet.select(name).where(name == "ether2")] == ["ether2"]
    assert len(list(ethernet.select(name).where(name != "ether2"))) == 4
    assert [r["name"] for r in ethernet.select(name).where(name.In("ether1", "ether5"))] == ["ether1", "ether5"]
    assert [r["name"] for r in ethernet.select(name).where(Or(name == "ether1", name == "ether3"))] == ["ether1", "ether3"]
    assert [r["name"] for r in ethernet.select(name).where(And(name == "ether1", disabled == False))] == ["ether1"]  # noqa: E712  # pylint: disable=singleton-comparison


def test_bridge_ports_and_vlans(api):
    api.path("/interface/bridge").add(name="bridge")
    api.path("/interface/bridge/port").add(bridge="bridge", interface="ether2")
    assert trap(lambda: api.path("/interface/bridge/port").add(bridge="ether3", interface="ether4")) == "input does not match any value of bridge"
    api.path("/interface/vlan").add(name="vlan10", **{"vlan-id": 10, "interface": "bridge"})
    assert trap(lambda: api.path("/interface/vlan").add(name="vlan5000", **{"vlan-id": 5000, "interface": "bridge"})) == "invalid value for argument vlan-id"
    (vlan,) = api.path("/interface/vlan")
    assert vlan["mac-address"] == "4C:5E:0C:01:00:02"
    types = {r["name"]: r["type"] for r in api.path("/interface")}
    assert types["vlan10"] == "vlan" and types["bridge"] == "bridge" and types["wlan1"] == "wlan"


def test_dhcp_leases_and_static_dns(api):
    api.path("/ip/dhcp-server/lease").add(address="192.168.88.20", **{"mac-address": "aa-bb-cc-dd-ee-ff"})
    assert one(api, "/ip/dhcp-server/lease")["mac-address"] == "AA:BB:CC:DD:EE:FF"
    api.path("/ip/dns/static").add(name="router.lan", address="192.168.88.1")
    assert one(api, "/ip/dns/static")["ttl"] == "1d"


def test_unset_removes_an_optional_property(api):
    rid = api.path("/ip/route").add(gateway="10.0.0.1", comment="x")
    tuple(api("/ip/route/unset", **{".id": rid, "value-name": "comment"}))
    assert "comment" not in one(api, "/ip/route")


def test_ip_address_network_may_be_given_as_exports_write_it(api):
    api.path("/ip/address").add(address="192.168.88.1/24", interface="ether2", network="192.168.88.0")
    assert one(api, "/ip/address")["network"] == "192.168.88.0"
    assert trap(lambda: api.path("/ip/address").add(address="10.0.0.1/8", interface="ether3", network="x")) == "invalid value for argument network"


def test_fact_dhcp_client_key_is_interface(api):
    api.path("/ip/dhcp-client").add(interface="ether1")
    assert trap(lambda: api.path("/ip/dhcp-client").add(interface="ether1", comment="again")) == "failure: already have such entry"
