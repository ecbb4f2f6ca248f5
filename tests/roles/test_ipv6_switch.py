"""IPv6 can be switched off (ipv6_pd_mode: disabled), and a disabled ipv6 package stops site.yml before any write."""

from __future__ import annotations

import os

import yaml

from ansible_collections.soho.routeros.plugins.filter.plan import ipv6_plan
from roles_helpers import CONNECTION, ROOT, inventory, rows, site, writes


def _defaults():
    with open(os.path.join(ROOT, "roles", "ipv6_pd", "defaults", "main.yml")) as handle:
        return yaml.safe_load(handle)


def test_disabled_mode_plans_no_ipv6_and_ignores_the_other_variables():
    plan = ipv6_plan(dict(_defaults(), ipv6_pd_mode="disabled", ipv6_pd_lan_interfaces=[]))
    assert plan["errors"] == []
    assert all(plan[k] == [] for k in ("ipv6_dhcp_client", "ipv6_address", "ipv6_nd", "ipv6_firewall_filter"))


def test_site_on_a_router_without_ipv6(routeros_sim_factory, tmp_path):
    """Package disabled, no permission: the run stops before any write, naming ipv6_pd_allow_reboot; with
    ipv6_pd_mode: disabled the same router converges without IPv6 and without a reboot."""
    sim = routeros_sim_factory("--factory", "blank", "--ipv6-package", "disabled", routers=2)
    hosts = {"refuse": (0, dict(CONNECTION)), "off": (1, dict(CONNECTION, ipv6_pd_mode="disabled"))}
    run = site(inventory(tmp_path, sim, hosts, copy_lab=False), tmp_path=tmp_path)
    assert run.recap["refuse"]["failed"] == 1
    assert "ipv6_pd_allow_reboot" in run.message("refuse") and "ipv6_pd_mode: disabled" in run.message("refuse")
    assert writes(sim, 0) == []
    assert run.recap["off"]["failed"] == 0, run.output
    assert [p["disabled"] for p in rows(sim, "/system/package", router=1, name="ipv6")] == [True]
    assert not any(w.get("path", "").startswith("/ipv6") for w in writes(sim, 1)), writes(sim, 1)
    assert rows(sim, "/ip/dhcp-client", router=1), "the rest of the network is configured"
