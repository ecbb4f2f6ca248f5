# -*- coding: utf-8 -*-
"""PPPoE clients, wireless interfaces and security profiles, VLANs, static leases, static DNS, the raw table, address lists, discovery, MAC server, IPv6
settings, identity, packages, scripts, scheduler, NTP, users and SNMP against the simulator: their
lifecycle scenarios (run by test_modules.py with the others), bad options, secrets, and the package
reboot cycle, with the simulator's audit log as the proof of what was written."""

import re

import pytest

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.soho.routeros.plugins.module_utils import runner, schema
from ansible_collections.soho.routeros.plugins.module_utils.errors import RouterOSError

BRIDGE = ('interface_bridge', [{'name': 'bridge'}])
LISTS = ('interface_list', [{'name': 'WAN'}, {'name': 'LAN'}])
DEFAULT_POLICY = ['ftp', 'reboot', 'read', 'write', 'policy', 'test', 'password', 'sniff', 'sensitive', 'romon']

# module -> setup tasks (module, config) and the configs of each step. ``other`` is ``create``
# written in other forms RouterOS treats as equal; it must cause no change. A ``delete`` of None
# means the step changes nothing (no known default to go back to).
SCENARIOS = {
    'interface_pppoe_client': {
        'create': [{'name': 'pppoe-out1', 'interface': 'ether1', 'user': 'customer-1234', 'password': 'Pppoe-Secret-4',
                    'add_default_route': True, 'use_peer_dns': True, 'comment': 'WAN'}],
        'other': [{'name': 'pppoe-out1', 'interface': 'ether1', 'user': 'customer-1234', 'password': 'Pppoe-Secret-4',
                   'add_default_route': 'yes', 'use_peer_dns': 'true', 'allow': ['pap', 'chap', 'mschap2', 'mschap1'],
                   'max_mtu': 'auto', 'keepalive_timeout': '60', 'disabled': 'no', 'comment': 'WAN'}],
        'modify': [{'name': 'pppoe-out1', 'service_name': 'internet', 'default_route_distance': 2}],
        'delete': [{'name': 'pppoe-out1'}],
    },
    'interface_vlan': {
        'setup': [BRIDGE],
        'create': [{'name': 'vlan20-guest', 'vlan_id': 20, 'interface': 'bridge', 'comment': 'Guest Wi-Fi'}],
        'other': [{'name': 'vlan20-guest', 'vlan_id': '20', 'interface': 'bridge', 'use_service_tag': 'no',
                   'disabled': 'false', 'mtu': '1500', 'arp': 'enabled'}],
        'modify': [{'name': 'vlan20-guest', 'vlan_id': 30, 'comment': 'Guests'}],
        'delete': [{'name': 'vlan20-guest'}],
    },
    'interface_wireless_security_profile': {
        'create': [{'name': 'guests', 'mode': 'dynamic-keys', 'authentication_types': ['wpa2-psk'],
                    'wpa2_pre_shared_key': 'Guest-Key-2026x', 'comment': 'Guests'}],
        'other': [{'name': 'guests', 'mode': 'dynamic-keys', 'authentication_types': 'wpa2-psk',
                   'wpa2_pre_shared_key': 'Guest-Key-2026x', 'group_key_update': '00:05:00',
                   'unicast_ciphers': ['aes-ccm'], 'management_protection': 'disabled', 'comment': 'Guests'}],
        'modify': [{'name': 'guests', 'group_key_update': '1h', 'comment': 'Guest Wi-Fi'}],
        'delete': [{'name': 'guests'}],
    },
    'interface_wireless': {
        'setup': [('interface_wireless_security_profile', [{'name': 'guests', 'mode': 'dynamic-keys',
                                                            'authentication_types': ['wpa2-psk'],
                                                            'wpa2_pre_shared_key': 'Guest-Key-2026x'}])],
        'create': [{'name': 'wlan-guest', 'master_interface': 'wlan1', 'mode': 'ap-bridge', 'ssid': 'Guests',
                    'security_profile': 'guests', 'default_forwarding': False, 'disabled': False}],
        'other': [{'name': 'wlan-guest', 'master_interface': 'wlan1', 'mode': 'ap-bridge', 'ssid': 'Guests',
                   'security_profile': 'guests', 'default_forwarding': 'no', 'disabled': 'false', 'mtu': '1500',
                   'hide_ssid': 'no'}],
        'modify': [{'name': 'wlan-guest', 'ssid': 'Cafe Guests', 'hide_ssid': True}],
        'delete': [{'name': 'wlan-guest'}],
    },
    'ip_dhcp_server_lease': {
        'setup': [BRIDGE, ('ip_pool', [{'name': 'lan-pool', 'ranges': ['192.168.88.100-192.168.88.200']}]),
                  ('ip_dhcp_server', [{'name': 'lan', 'interface': 'bridge', 'address_pool': 'lan-pool'}])],
        'create': [{'mac_address': '00:11:22:AA:BB:CC', 'address': '192.168.88.20', 'server': 'lan', 'lease_time': '1d',
                    'comment': 'Printer'}],
        'other': [{'mac_address': '00-11-22-aa-bb-cc', 'address': '192.168.88.20', 'server': 'lan', 'lease_time': '24h',
                   'disabled': 'no', 'comment': 'Printer'}],
        'modify': [{'mac_address': '00:11:22:aa:bb:cc', 'address': '192.168.88.21'}],
        'delete': [{'mac_address': '00:11:22:AA:BB:CC'}],
    },
    'ip_dns_static': {
        'create': [{'name': 'nas.lan', 'address': '192.168.88.10', 'ttl': '1d', 'comment': 'NAS'}],
        'other': [{'name': 'nas.lan', 'address': '192.168.88.10', 'ttl': '24h', 'disabled': 'no'}],
        'modify': [{'name': 'nas.lan', 'address': '192.168.88.11'}],
        'delete': [{'name': 'nas.lan'}],
    },
    'ip_firewall_raw': {
        'setup': [LISTS],
        'create': [{'chain': 'prerouting', 'action': 'drop', 'in_interface_list': 'WAN', 'src_address_list': 'bogons',
                    'comment': 'raw: drop bogons from WAN'}],
        'other': [{'chain': 'prerouting', 'action': 'drop', 'in_interface_list': 'WAN', 'src_address_list': 'bogons',
                   'comment': 'raw: drop bogons from WAN', 'log': 'no', 'disabled': 'false'}],
        'modify': [{'chain': 'prerouting', 'comment': 'raw: drop bogons from WAN', 'log': True,
                    'log_prefix': 'bogon'}],
        'delete': [{'chain': 'prerouting', 'comment': 'raw: drop bogons from WAN'}],
    },
    'ip_firewall_address_list': {
        'create': [{'list': 'bogons', 'address': '10.0.0.0/8'}, {'list': 'bogons', 'address': '192.0.2.1'}],
        'other': [{'list': 'bogons', 'address': '10.0.0.0-10.255.255.255'},
                  {'list': 'bogons', 'address': '192.0.2.1/32', 'disabled': 'no'}],
        'modify': [{'list': 'bogons', 'address': '10.0.0.0/8', 'comment': 'private'}],
        'delete': [{'list': 'bogons', 'address': '10.0.0.0/8'}, {'list': 'bogons', 'address': '192.0.2.1'}],
    },
    'ip_neighbor_discovery': {
        'setup': [LISTS],
        'create': {'discover_interface_list': 'LAN'},
        'other': {'discover_interface_list': 'LAN'},
        'modify': {'discover_interface_list': 'none'},
        'delete': None,
    },
    'mac_server': {
        'setup': [LISTS],
        'create': {'allowed_interface_list': 'LAN'},
        'other': {'allowed_interface_list': 'LAN'},
        'modify': {'allowed_interface_list': 'none'},
        'delete': {},
    },
    'mac_server_winbox': {
        'setup': [LISTS],
        'create': {'allowed_interface_list': 'LAN'},
        'other': {'allowed_interface_list': 'LAN'},
        'modify': {'allowed_interface_list': 'none'},
        'delete': {},
    },
    'ipv6_settings': {
        'create': {'forward': False, 'accept_router_advertisements': 'yes'},
        'other': {'forward': 'no', 'accept_router_advertisements': True, 'max_neighbor_entries': '8192'},
        'modify': {'max_neighbor_entries': 4096},
        'delete': {},
    },
    'system_identity': {
        'create': {'name': 'gw-office'},
        'other': {'name': 'gw-office'},
        'modify': {'name': 'gw-home'},
        'delete': {},
    },
    'system_script': {
        'create': [{'name': 'nightly-export', 'source': '/export file=nightly',
                    'policy': ['ftp', 'read', 'write', 'policy', 'test', 'sensitive']}],
        'other': [{'name': 'nightly-export', 'policy': 'sensitive,test,policy,write,read,ftp',
                   'dont_require_permissions': 'no'}],
        'modify': [{'name': 'nightly-export', 'source': '/export file=weekly'}],
        'delete': [{'name': 'nightly-export'}],
    },
    'system_scheduler': {
        'create': [{'name': 'nightly-export', 'on_event': 'nightly-export', 'start_time': '03:00:00', 'interval': '1d'}],
        'other': [{'name': 'nightly-export', 'on_event': 'nightly-export', 'start_time': '3:00', 'interval': '24h', 'disabled': 'no',
                   'policy': list(reversed(DEFAULT_POLICY))}],
        'modify': [{'name': 'nightly-export', 'interval': '12h'}],
        'delete': [{'name': 'nightly-export'}],
    },
    'system_ntp_client': {
        'create': {'enabled': True, 'primary_ntp': '192.0.2.123', 'server_dns_names': ['0.pool.ntp.org', '1.pool.ntp.org']},
        'other': {'enabled': 'yes', 'primary_ntp': '192.0.2.123', 'secondary_ntp': '0.0.0.0',
                  'server_dns_names': '1.pool.ntp.org,0.pool.ntp.org'},
        'modify': {'secondary_ntp': '198.51.100.123'},
        'delete': {},
    },
    'user': {
        'create': [{'name': 'alice', 'group': 'full', 'password': 'Al1ce-Secret!', 'address': ['192.168.88.0/24'],
                    'comment': 'Alice (admin)'}],
        'other': [{'name': 'alice', 'group': 'full', 'password': 'Another-Secret!', 'address': '192.168.88.0/24',
                   'disabled': 'no'}],
        'modify': [{'name': 'alice', 'group': 'read'}],
        'delete': [{'name': 'alice'}],
    },
    'snmp': {
        'create': {'enabled': True, 'contact': 'noc@example.com', 'location': 'Office rack'},
        'other': {'enabled': 'yes', 'contact': 'noc@example.com', 'trap_version': '1', 'trap_generators': 'temp-exception'},
        'modify': {'trap_generators': ['interfaces', 'temp-exception'], 'trap_target': ['192.168.88.5']},
        'delete': {},
    },
    'snmp_community': {
        'create': [{'name': 'monitoring', 'addresses': ['192.168.88.0/24'], 'security': 'private',
                    'authentication_protocol': 'SHA1', 'encryption_protocol': 'AES',
                    'authentication_password': 'Auth-Secret-1', 'encryption_password': 'Enc-Secret-1'}],
        'other': [{'name': 'monitoring', 'addresses': '192.168.88.0/24', 'read_access': 'yes', 'write_access': 'false',
                   'authentication_protocol': 'SHA1', 'authentication_password': 'Other-Secret-2'}],
        'modify': [{'name': 'monitoring', 'addresses': ['192.168.88.0/24', '10.8.0.0/24']}],
        'delete': [{'name': 'monitoring'}],
    },
}

# Options that must never be shown, per module, and the values the scenarios give them.
SECRETS = ['Al1ce-Secret!', 'Another-Secret!', 'Auth-Secret-1', 'Enc-Secret-1', 'Guest-Key-2026x', 'Other-Secret-2',
           'Pppoe-Secret-4']

# module -> (task arguments that RouterOS would refuse, text the error must contain: the option).
BAD_OPTIONS = {
    'interface_pppoe_client': ({'config': [{'name': 'pppoe-out1', 'interface': 'ether1', 'default_route_distance': 300}]},
                               'config[0].default_route_distance'),
    'interface_wireless_security_profile': ({'config': [{'name': 'guests', 'authentication_types': ['wpa3-psk']}]},
                                            'authentication_types'),
    'interface_wireless': ({'config': [{'name': 'wlan-guest', 'master_interface': 'wlan1', 'mode': 'access-point'}]},
                           'value of mode'),
    'interface_vlan': ({'config': [{'name': 'vlan5000', 'vlan_id': 5000, 'interface': 'bridge'}]}, 'config[0].vlan_id'),
    'ip_dhcp_server_lease': ({'config': [{'mac_address': 'printer', 'address': '192.168.88.20'}]}, 'config[0].mac_address'),
    'ip_dns_static': ({'config': [{'name': 'nas.lan', 'address': 'nas'}]}, 'config[0].address'),
    'ip_firewall_raw': ({'config': [{'chain': 'prerouting', 'action': 'reject'}]}, 'value of action'),
    'ip_firewall_address_list': ({'config': [{'list': 'bogons', 'address': '10.0.0.0/33'}]}, 'config[0].address'),
    'ip_neighbor_discovery': ({'config': {'discover_interfaces': 'LAN'}}, 'discover_interfaces'),
    'mac_server': ({'config': {'allowed_interface_list': 'LAN', 'winbox': True}}, 'winbox'),
    'mac_server_winbox': ({'config': {'allowed_interfaces': 'LAN'}}, 'allowed_interfaces'),
    'ipv6_settings': ({'config': {'accept_router_advertisements': 'maybe'}}, 'value of accept_router_advertisements'),
    'system_identity': ({'config': {'hostname': 'gw'}}, 'hostname'),
    'system_package': ({'config': [{'disabled': False}]}, 'config[0].name'),
    'system_script': ({'config': [{'name': 'x', 'policy': ['read', 'root']}]}, 'value of policy'),
    'system_scheduler': ({'config': [{'name': 'nightly', 'interval': 'daily'}]}, 'config[0].interval'),
    'system_ntp_client': ({'config': {'primary_ntp': 'pool.ntp.org'}}, 'config.primary_ntp'),
    'user': ({'config': [{'name': 'bob', 'password': 'Bob-Secret-3'}]}, 'group is required'),
    'snmp': ({'config': {'trap_version': 4}}, 'config.trap_version'),
    'snmp_community': ({'config': [{'name': 'lan', 'addresses': ['everyone']}]}, 'config[0].addresses'),
}

ADDED = sorted(set(SCENARIOS) | set(['system_package']))


def test_every_added_module_has_bad_options():
    assert sorted(BAD_OPTIONS) == ADDED
    assert set(ADDED) <= set(schema.PATHS)


@pytest.mark.parametrize('module', ADDED)
def test_bad_options_fail_naming_the_option_and_write_nothing(router, module):
    args, option = BAD_OPTIONS[module]
    start = router.writes()
    validation = ArgumentSpecValidator(runner.argument_spec(module)).validate(router.params(**args))
    if validation.error_messages:
        message = '; '.join(validation.error_messages)
    else:
        with pytest.raises(RouterOSError) as failure:
            runner.run(module, validation.validated_parameters)
        message = str(failure.value)
    assert option in message
    assert 'Traceback' not in message
    assert router.writes() == start


def _shows(result):
    text = repr(result)
    return [s for s in SECRETS if s in text]


@pytest.mark.parametrize('module', ['user', 'snmp_community', 'interface_pppoe_client', 'interface_wireless_security_profile'])
def test_secrets_never_appear(router, module):
    steps = SCENARIOS[module]
    results = [
        router.run(module, config=steps['create'], state='rendered'),
        router.run(module, check_mode=True, config=steps['create']),
        router.run(module, config=steps['create']),
        router.run(module, config=steps['other']),
        router.run(module, config=steps['other'], state='replaced'),
        router.run(module, state='gathered'),
        router.run(module, state='deleted', config=steps['delete']),
    ]
    for result in results:
        assert _shows(result) == []
    assert '********' in results[0]['rendered'][0]
    sent = [row['attrs'] for row in router.sim.audit() if row['command'] == 'add']
    assert len(sent) == 1 and re.search(r'(password|key)=\*\*\*', sent[0]), 'the secret was not sent on create'


def test_user_password_is_set_on_create_and_address_limits_login(router):
    router.run('user', config=[{'name': 'bob', 'group': 'read', 'password': 'B0b-Secret!'}] + SCENARIOS['user']['create'])
    api = router.sim.api(username='bob', password='B0b-Secret!')
    try:
        assert [row['name'] for row in api.path('system', 'identity')] == ['MikroTik']
    finally:
        api.close()
    router.sim.control(0, '/sim/client/set', address='10.0.0.5')
    with pytest.raises(Exception, match='invalid user name or password'):
        router.sim.api(username='alice', password='Al1ce-Secret!')
    router.sim.control(0, '/sim/client/set', address='192.168.88.10')
    router.sim.api(username='alice', password='Al1ce-Secret!').close()


def test_factory_snmp_community_is_reset_not_removed(router):
    router.run('snmp_community', config=[{'name': 'public', 'addresses': ['192.168.88.0/24']}])
    deleted = router.run('snmp_community', state='deleted', config=[{'name': 'public'}])
    assert deleted['commands'] == ['/snmp community set [find default=yes] addresses=::/0']
    assert router.run('snmp_community', state='gathered')['gathered'] == [
        dict(deleted['after'][0])]
    assert router.run('snmp_community', state='overridden', config=[SCENARIOS['snmp_community']['create'][0]])['changed']
    names = [c['name'] for c in router.run('snmp_community', state='gathered')['gathered']]
    assert sorted(names) == ['monitoring', 'public']


def test_package_change_waits_for_a_reboot(router):
    start = router.writes()
    planned = router.run('system_package', check_mode=True, config=[{'name': 'ipv6', 'disabled': True}])
    assert planned['commands'] == ['/system package disable [find name=ipv6]']
    assert planned['reboot_required'] is True
    assert router.writes() == start

    disabled = router.run('system_package', config=[{'name': 'ipv6', 'disabled': True}])
    assert disabled['commands'] == planned['commands'] and disabled['reboot_required'] is True
    assert router.writes() == start + 1
    again = router.run('system_package', config=[{'name': 'ipv6', 'disabled': 'yes'}])
    assert again['changed'] is False and again['reboot_required'] is True
    assert router.writes() == start + 1
    gathered = router.run('system_package', state='gathered')
    assert gathered['reboot_required'] is True
    assert [p['disabled'] for p in gathered['gathered'] if p['name'] == 'ipv6'] == [True]
    # Until the reboot the package still runs: the /ipv6 menus are there.
    assert router.run('ipv6_settings', state='gathered')['gathered']['forward'] is True

    cancelled = router.run('system_package', config=[{'name': 'ipv6', 'disabled': False}])
    assert cancelled['commands'] == ['/system package enable [find name=ipv6]']
    assert cancelled['reboot_required'] is False

    router.run('system_package', config=[{'name': 'ipv6', 'disabled': True}])
    router.sim.control(0, '/system/reboot')
    rebooted = router.run('system_package', state='gathered')
    assert rebooted['reboot_required'] is False
    with pytest.raises(RouterOSError, match='/ipv6/settings'):
        router.run('ipv6_settings', state='gathered')

    count = router.writes()
    assert router.run('system_package', state='deleted', config=[{'name': 'ipv6'}])['changed'] is False
    assert router.run('system_package', state='overridden', config=[{'name': 'ipv6', 'disabled': True}])['changed'] is False
    assert router.writes() == count
