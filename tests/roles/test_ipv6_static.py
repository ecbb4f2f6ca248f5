"""playbooks/site.yml with the ipv6_pd role in static mode on the lab's home office (WAN renamed to ``wan``).

A fixed WAN address, a default route to the ISP's link-local gateway and the LAN address from the routed prefix; a
DHCPv6 client left on the WAN from earlier is removed.
"""

from __future__ import annotations

import pytest

from roles_helpers import inventory, rows, site, writes

STATIC6 = {"ipv6_pd_mode": "static", "ipv6_pd_static_wan_address": "2001:db8:1::2/64", "ipv6_pd_static_gateway": "fe80::1",
           "ipv6_pd_static_lan_prefix": "2001:db8:2::/64"}


@pytest.fixture(scope="module")
def home(routeros_sim_module_factory):
    return routeros_sim_module_factory("--factory", "blank", "--names", "home")


def test_static_ipv6_site_converges_and_reruns_unchanged(home, tmp_path):
    api = home.api(0)
    try:
        api.path("ipv6", "dhcp-client").add(interface="ether1", request="prefix", **{"pool-name": "isp", "disabled": False})
    finally:
        api.close()
    inv = inventory(tmp_path, home, {"home": (0, STATIC6)})
    first = site(inv, tmp_path=tmp_path)
    assert first.rc == 0 and first.recap["home"]["changed"] > 0, first.output

    (route,) = rows(home, "/ipv6/route", dynamic=False)
    assert route["dst-address"] == "::/0" and route["gateway"] == "fe80::1%wan" and route["comment"] == "IPv6", route
    static = {(a["address"], a["interface"]): a for a in rows(home, "/ipv6/address", dynamic=False)}
    assert set(static) == {("2001:db8:1::2/64", "wan"), ("2001:db8:2::1/64", "bridge")}, static
    assert static[("2001:db8:1::2/64", "wan")]["advertise"] is False and static[("2001:db8:2::1/64", "bridge")]["advertise"] is True
    assert rows(home, "/ipv6/dhcp-client") == [] and rows(home, "/ipv6/pool") == []
    assert {r["dst-address"] for r in rows(home, "/ipv6/route", dynamic=True)} == {"2001:db8:1::/64", "2001:db8:2::/64"}
    assert [n for n in rows(home, "/ipv6/nd") if n["interface"] == "bridge" and n["ra-interval"] == "20s-1m"]
    assert [r for r in rows(home, "/ipv6/firewall/filter") if r.get("comment", "").startswith("soho:hardening: ")]

    home.clear_audit(0)
    again = site(inv, tmp_path=tmp_path)
    assert again.rc == 0 and again.recap["home"]["changed"] == 0, again.output
    assert writes(home, 0) == []
