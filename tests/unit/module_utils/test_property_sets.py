# -*- coding: utf-8 -*-
"""Every property a v6 print shows for a managed path (as the simulator models the menus) is an option of its module,
but for the few this collection leaves to ``extra`` or does not manage, each with its reason."""

from routeros_sim.menus import MENU_BY_PATH

from ansible_collections.soho.routeros.plugins.module_utils import schema

LEFT_OUT = {
    # An address-list entry with a timeout is dynamic in v6: a module that set it would not find the entry again.
    'ip_firewall_address_list': {'timeout'},
    # RADIUS leases, broadcast-only clients, a secondary server's wait: rare in a small office; ``extra`` sets them
    # (tests/integration/test_modules.py uses them as its example).
    'ip_dhcp_server': {'always-broadcast', 'delay-threshold', 'use-radius'},
}


def _settable(menu):
    return set(f.name for f in menu.fields if not f.readonly) - set(['.id'])


def test_every_property_the_router_prints_is_an_option_or_left_out_for_a_reason():
    missing = {}
    for name, path in schema.PATHS.items():
        menu = MENU_BY_PATH[path.path]
        options = set(path.ros_name(field) for field in path.fields)
        left = _settable(menu) - options - LEFT_OUT.get(name, set())
        if left:
            missing[name] = sorted(left)
    assert missing == {}


def test_what_is_left_out_is_still_on_the_router():
    for name, left in LEFT_OUT.items():
        assert left <= _settable(MENU_BY_PATH[schema.PATHS[name].path]), name
