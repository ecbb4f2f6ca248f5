"""playbooks/site.yml with the hardening role (routeros_hardening: true) on the lab's home office.

The hardening role owns the IPv4 and IPv6 firewall then; the ipv6_pd role's own IPv6 firewall must be off, and
site.yml refuses a run where both would own it before anything is written.
"""

from __future__ import annotations

import netaddr
import pytest

from roles_helpers import inventory, rows, site, writes

HARDENED = ("-e", "routeros_hardening=true", "-e", "ipv6_pd_firewall=false")


@pytest.fixture(scope="module")
def home(routeros_sim_module_factory):
    return routeros_sim_module_factory("--factory", "blank", "--names", "home")


def test_two_owners_of_the_ipv6_firewall_are_refused_before_any_write(home, tmp_path):
    inv = inventory(tmp_path, home, {"home": (0, {})})
    home.clear_audit(0)
    run = site(inv, "-e", "routeros_hardening=true", tmp_path=tmp_path)
    assert run.rc != 0 and run.recap["home"]["failed"] == 1
    assert "ipv6_pd_firewall" in run.message("home")
    assert writes(home, 0) == []


def test_site_with_hardening_converges_and_reruns_unchanged(home, tmp_path):
    inv = inventory(tmp_path, home, {"home": (0, {})})
    first = site(inv, *HARDENED, tmp_path=tmp_path)
    assert first.rc == 0 and first.recap["home"]["changed"] > 0, first.output

    comments = [r.get("comment", "") for r in rows(home, "/ip/firewall/filter") + rows(home, "/ipv6/firewall/filter")]
    assert [c for c in comments if c.startswith("soho:hardening: ")]
    assert not [c for c in comments if c.startswith("soho.routeros: ")], "the ipv6_pd role's firewall is off"
    assert {s["name"] for s in rows(home, "/ip/service", disabled=True)} >= {"telnet", "ftp", "www"}
    api = rows(home, "/ip/service", name="api")[0]
    controller = netaddr.IPAddress(home.control(0, "/sim/client/print")[0]["address"])
    allowed = [netaddr.IPNetwork(a) for a in api["address"].split(",")]
    assert not api["disabled"] and any(controller in a for a in allowed), "the controller keeps its plain API, restricted"

    home.clear_audit(0)
    again = site(inv, *HARDENED, tmp_path=tmp_path)
    assert again.rc == 0 and again.recap["home"]["changed"] == 0, again.output
    assert writes(home, 0) == []
