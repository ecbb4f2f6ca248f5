# -*- coding: utf-8 -*-
"""Every path module against the simulator: check mode, create, idempotent rerun, other value forms,
modify, delete, and rendered without a router, with the simulator's audit log as the proof of what was
written. The scenarios of the system and service modules live in test_modules_added.py."""

import json
import pytest

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.soho.routeros.plugins.module_utils import redaction, runner, schema, values
from ansible_collections.soho.routeros.plugins.module_utils.errors import RouterOSError
from test_modules_added import SCENARIOS as ADDED_SCENARIOS

# module -> setup tasks (module, config) and the configs of each step. ``other`` is ``create``
# written in other forms RouterOS treats as equal; it must cause no change.
SCENARIOS = {
    'interface_ethernet': {
        'create': [{'default_name': 'ether2', 'name': 'ether2-lan', 'comment': 'LAN port'}],
        'other': [{'default_name': 'ether2', 'name': 'ether2-lan', 'comment': 'LAN port', 'disabled': 'no', 'mtu': '1500'}],
        'modify': [{'default_name': 'ether2', 'comment': 'office'}],
        'delete': [{'default_name': 'ether2'}],
    },
    'interface_bridge': {
        'create': [{'name': 'bridge', 'comment': 'LAN'}],
        'other': [{'name': 'bridge', 'comment': 'LAN', 'disabled': 'false', 'protocol_mode': 'rstp'}],
        'modify': [{'name': 'bridge', 'vlan_filtering': True}],
        'delete': [{'name': 'bridge'}],
    },
    'bridge_port': {
        'setup': [('interface_bridge', [{'name': 'bridge'}])],
        'create': [{'bridge': 'bridge', 'interface': 'ether2'}, {'bridge': 'bridge', 'interface': 'ether3'}],
        'other': [{'bridge': 'bridge', 'interface': 'ether3', 'pvid': '1'}, {'bridge': 'bridge', 'interface': 'ether2', 'hw': 'yes'}],
        'modify': [{'bridge': 'bridge', 'interface': 'ether2', 'comment': 'desk'}],
        'delete': [{'interface': 'ether2'}, {'interface': 'ether3'}],
    },
    'interface_list': {
        'create': [{'name': 'WAN'}, {'name': 'LAN', 'comment': 'inside'}],
        'other': [{'name': 'LAN', 'comment': 'inside', 'include': []}],
        'modify': [{'name': 'LAN', 'comment': 'defconf'}],
        'delete': [{'name': 'WAN'}, {'name': 'LAN'}],
    },
    'interface_list_member': {
        'setup': [('interface_list', [{'name': 'WAN'}, {'name': 'LAN'}])],
        'create': [{'list': 'WAN', 'interface': 'ether1'}, {'list': 'LAN', 'interface': 'ether2'}],
        'other': [{'list': 'LAN', 'interface': 'ether2', 'disabled': 'no'}],
        'modify': [{'list': 'WAN', 'interface': 'ether1', 'comment': 'uplink'}],
        'delete': [{'list': 'WAN', 'interface': 'ether1'}, {'list': 'LAN', 'interface': 'ether2'}],
    },
    'ip_address': {
        'create': [{'address': '192.168.88.1/24', 'interface': 'ether2', 'comment': 'LAN'}],
        'other': [{'address': '192.168.88.1/24', 'interface': 'ether2', 'disabled': 'no'}],
        'modify': [{'address': '192.168.88.1/24', 'interface': 'ether2', 'comment': 'office LAN'}],
        'delete': [{'address': '192.168.88.1/24', 'interface': 'ether2'}],
    },
    'ip_pool': {
        'create': [{'name': 'lan-pool', 'ranges': ['192.168.88.10-192.168.88.254']}],
        'other': [{'name': 'lan-pool', 'ranges': '192.168.88.10-192.168.88.254', 'next_pool': 'none'}],
        'modify': [{'name': 'lan-pool', 'ranges': ['192.168.88.100-192.168.88.200', '10.0.0.0/30']}],
        'delete': [{'name': 'lan-pool'}],
    },
    'ip_dhcp_client': {
        'create': [{'interface': 'ether1', 'comment': 'WAN'}],
        'other': [{'interface': 'ether1', 'disabled': 'no', 'add_default_route': 'yes', 'use_peer_dns': 'yes'}],
        'modify': [{'interface': 'ether1', 'default_route_distance': 5}],
        'delete': [{'interface': 'ether1'}],
    },
    'ip_dhcp_server': {
        'setup': [('interface_bridge', [{'name': 'bridge'}]), ('ip_pool', [{'name': 'lan-pool', 'ranges': ['192.168.88.10-192.168.88.254']}])],
        'create': [{'name': 'lan', 'interface': 'bridge', 'address_pool': 'lan-pool', 'lease_time': '10m'}],
        'other': [{'name': 'lan', 'lease_time': '00:10:00', 'disabled': 'no', 'authoritative': 'yes'}],
        'modify': [{'name': 'lan', 'lease_time': '1h'}],
        'delete': [{'name': 'lan'}],
    },
    'ip_dhcp_server_network': {
        'create': [{'address': '192.168.88.0/24', 'gateway': ['192.168.88.1'], 'dns_server': ['192.168.88.1']}],
        'other': [{'address': '192.168.88.0/24', 'gateway': '192.168.88.1', 'netmask': 0}],
        'modify': [{'address': '192.168.88.0/24', 'domain': 'lan', 'dns_server': ['1.1.1.1', '9.9.9.9']}],
        'delete': [{'address': '192.168.88.0/24'}],
    },
    'ip_dns': {
        'create': {'servers': ['1.1.1.1', '9.9.9.9'], 'allow_remote_requests': True},
        'other': {'servers': ['9.9.9.9', '1.1.1.1', '1.1.1.1'], 'allow_remote_requests': 'yes', 'cache_max_ttl': '7d'},
        'modify': {'cache_size': 4096},
        'delete': {},
    },
    'ip_route': {
        'create': [{'dst_address': '10.10.0.0/16', 'gateway': '192.168.88.2', 'comment': 'office'}],
        'other': [{'dst_address': '10.10.0.0/16', 'gateway': '192.168.88.2', 'comment': 'office', 'distance': '1'}],
        'modify': [{'comment': 'office', 'gateway': '192.168.88.3'}],
        'delete': [{'comment': 'office'}],
    },
    'ip_firewall_filter': {
        # The controller's port is on the LAN: a real router would drop it otherwise.
        'setup': [('interface_list', [{'name': 'LAN'}]), ('interface_list_member', [{'list': 'LAN', 'interface': 'ether2'}])],
        'create': [{'chain': 'input', 'connection_state': ['established', 'related'], 'comment': 'est'},
                   {'chain': 'input', 'action': 'drop', 'in_interface_list': '!LAN', 'comment': 'drop not LAN'}],
        'other': [{'chain': 'input', 'connection_state': 'related,established', 'comment': 'est', 'action': 'accept'}],
        'modify': [{'chain': 'input', 'comment': 'est'},
                   {'chain': 'input', 'protocol': 'icmp', 'comment': 'icmp'},
                   {'chain': 'input', 'comment': 'drop not LAN'}],
        'delete': [{'chain': 'input', 'comment': 'est'}, {'chain': 'input', 'comment': 'icmp'},
                   {'chain': 'input', 'comment': 'drop not LAN'}],
    },
    'ip_firewall_nat': {
        'create': [{'chain': 'srcnat', 'action': 'masquerade', 'out_interface': 'ether1', 'comment': 'masquerade'}],
        'other': [{'chain': 'srcnat', 'action': 'masquerade', 'out_interface': 'ether1', 'comment': 'masquerade', 'log': 'no'}],
        'modify': [{'chain': 'srcnat', 'comment': 'masquerade', 'ipsec_policy': 'out,none'}],
        'delete': [{'chain': 'srcnat', 'comment': 'masquerade'}],
    },
    'ip_firewall_mangle': {
        'create': [{'chain': 'prerouting', 'action': 'mark-connection', 'protocol': 'udp', 'dst_port': '5060',
                    'new_connection_mark': 'voip', 'comment': 'mark SIP connections'},
                   {'chain': 'prerouting', 'action': 'mark-packet', 'connection_mark': 'voip', 'new_packet_mark': 'voip',
                    'passthrough': False, 'comment': 'mark SIP packets'}],
        'other': [{'chain': 'prerouting', 'action': 'mark-connection', 'protocol': 'udp', 'dst_port': '5060',
                   'new_connection_mark': 'voip', 'passthrough': 'yes', 'comment': 'mark SIP connections', 'log': 'no'},
                  {'chain': 'prerouting', 'action': 'mark-packet', 'connection_mark': 'voip', 'new_packet_mark': 'voip',
                   'passthrough': 'no', 'disabled': 'false', 'comment': 'mark SIP packets'}],
        'modify': [{'chain': 'prerouting', 'comment': 'mark SIP connections', 'dst_port': '5060-5061'}],
        'delete': [{'chain': 'prerouting', 'comment': 'mark SIP connections'},
                   {'chain': 'prerouting', 'comment': 'mark SIP packets'}],
    },
    'ip_service': {
        'create': [{'name': 'telnet', 'disabled': True}, {'name': 'ssh', 'address': ['192.168.88.0/24']}],
        'other': [{'name': 'ssh', 'address': ['192.168.88.0/24', '192.168.88.0/24']}, {'name': 'telnet', 'disabled': 'yes'}],
        'modify': [{'name': 'ssh', 'port': 2222}],
        'delete': [{'name': 'telnet'}, {'name': 'ssh'}],
    },
    'ipv6_address': {
        'create': [{'address': '2001:db8:1::1/64', 'interface': 'ether2', 'advertise': False}],
        'other': [{'address': '2001:DB8:1:0::1/64', 'interface': 'ether2', 'advertise': 'no'}],
        'modify': [{'address': '2001:db8:1::1/64', 'interface': 'ether2', 'comment': 'LAN'}],
        'delete': [{'address': '2001:db8:1::1/64', 'interface': 'ether2'}],
    },
    'ipv6_route': {
        'create': [{'dst_address': '::/0', 'gateway': 'fe80::1%ether1', 'comment': 'ISP IPv6'}],
        'other': [{'dst_address': '0::/0', 'gateway': 'FE80:0::1%ether1', 'comment': 'ISP IPv6', 'distance': '1'}],
        'modify': [{'comment': 'ISP IPv6', 'gateway': '2001:db8:1::1'}],
        'delete': [{'comment': 'ISP IPv6'}],
    },
    'ipv6_dhcp_client': {
        'create': [{'interface': 'ether1', 'request': ['prefix'], 'pool_name': 'pd', 'pool_prefix_length': 64}],
        'other': [{'interface': 'ether1', 'request': 'prefix', 'pool_name': 'pd', 'prefix_hint': '::/0'}],
        'modify': [{'interface': 'ether1', 'request': ['prefix'], 'add_default_route': True}],
        'delete': [{'interface': 'ether1', 'request': ['prefix']}],
    },
    'ipv6_nd': {
        'create': [{'interface': 'ether2', 'ra_interval': '20s-1m', 'advertise_dns': True}],
        'other': [{'interface': 'ether2', 'ra_interval': '20s-60s', 'advertise_dns': 'yes', 'ra_lifetime': '00:30:00'}],
        'modify': [{'interface': 'all', 'ra_interval': '3s-10s'}],
        'delete': [{'interface': 'ether2'}, {'interface': 'all'}],
    },
    'ipv6_firewall_filter': {
        'create': [{'chain': 'input', 'action': 'accept', 'protocol': 'udp', 'dst_port': '546', 'src_address': 'fe80::/10',
                    'comment': 'dhcpv6 pd'}],
        'other': [{'chain': 'input', 'protocol': 'udp', 'dst_port': '546', 'src_address': 'FE80:0::/10', 'comment': 'dhcpv6 pd'}],
        'modify': [{'chain': 'input', 'comment': 'dhcpv6 pd', 'in_interface': 'ether1'}],
        'delete': [{'chain': 'input', 'comment': 'dhcpv6 pd'}],
    },
    'ipv6_firewall_address_list': {
        'create': [{'list': 'bad_ipv6', 'address': 'fec0::/10'}, {'list': 'bad_ipv6', 'address': '::1'}],
        'other': [{'list': 'bad_ipv6', 'address': 'FEC0:0::/10'}, {'list': 'bad_ipv6', 'address': '::1/128'}],
        'modify': [{'list': 'bad_ipv6', 'address': 'fec0::/10', 'comment': 'site-local'}],
        'delete': [{'list': 'bad_ipv6', 'address': 'fec0::/10'}, {'list': 'bad_ipv6', 'address': '::1'}],
    },
    'tool_bandwidth_server': {
        'create': {'enabled': False},
        'other': {'enabled': 'no', 'authenticate': 'yes', 'max_sessions': '100'},
        'modify': {'enabled': False, 'authenticate': False},
        'delete': {},
    },
}


ALL_SCENARIOS = dict(SCENARIOS, **ADDED_SCENARIOS)


def test_every_path_module_has_a_scenario():
    """system_package has a test of its own: its changes wait for a reboot."""
    assert sorted(set(schema.PATHS) - set(ALL_SCENARIOS) - set(['system_package'])) == []


def _setup(router, steps):
    for module, config in steps.get('setup', []):
        router.run(module, config=config)


def _comparable(module, entries):
    """The settable options of ``entries`` in canonical form, for after-versus-gathered checks."""
    fields = schema.PATHS[module].writable()
    entries = entries if isinstance(entries, list) else [entries]
    return [dict((k, values.canonical(fields[k], v)) for k, v in e.items() if k in fields) for e in entries]


def _same_as_router(module, after, gathered):
    # A change shows the secrets RouterOS prints in clear masked (an SNMP community); the router has them in clear.
    gathered = redaction.scrub(gathered, runner._clear_secrets(schema.PATHS[module], gathered, {}))
    after, gathered = _comparable(module, after), _comparable(module, gathered)
    assert len(after) == len(gathered)
    for want, have in zip(after, gathered):
        assert all(have.get(k, v) == v for k, v in want.items()), (want, have)


@pytest.mark.parametrize('module', sorted(ALL_SCENARIOS))
def test_module_lifecycle(router, module):
    steps = ALL_SCENARIOS[module]
    _setup(router, steps)
    start = router.writes()

    planned = router.run(module, check_mode=True, config=steps['create'])
    assert planned['changed'] and planned['commands']
    assert router.writes() == start, 'check mode wrote to the router'

    created = router.run(module, config=steps['create'])
    assert created['changed']
    assert created['commands'] == planned['commands']
    assert created['after'] == planned['after']
    assert router.writes() == start + len(created['commands'])
    entries = [d for d in created['diff'] if 'prepared' not in d]
    assert entries and all(d['before'] != d['after'] for d in entries)
    assert all(d['before_header'].startswith(schema.PATHS[module].cli_path()) for d in entries)
    assert created['diff'][-1] == {'prepared': 'RouterOS commands:\n' + '\n'.join(created['commands']) + '\n'}

    gathered = router.run(module, state='gathered')['gathered']
    _same_as_router(module, created['after'], gathered)

    count = router.writes()
    again = router.run(module, config=steps['create'])
    assert again['changed'] is False and again['commands'] == []
    other = router.run(module, config=steps['other'])
    assert other['changed'] is False, other['commands']
    assert router.writes() == count, 'an unchanged rerun wrote to the router'

    modified = router.run(module, config=steps['modify'])
    assert modified['changed']
    assert router.writes() == count + len(modified['commands'])
    _same_as_router(module, modified['after'], router.run(module, state='gathered')['gathered'])

    count = router.writes()
    if steps['delete'] is None:
        assert router.run(module, state='deleted')['changed'] is False
        assert router.writes() == count
        return
    deleted = router.run(module, state='deleted', config=steps['delete'])
    assert deleted['changed']
    assert router.writes() == count + len(deleted['commands'])
    count = router.writes()
    assert router.run(module, state='deleted', config=steps['delete'])['changed'] is False
    assert router.writes() == count


@pytest.mark.parametrize('module', sorted(ALL_SCENARIOS))
def test_rendered_needs_no_router(module):
    args = {'config': ALL_SCENARIOS[module]['create'], 'state': 'rendered', 'hostname': '192.0.2.1', 'port': 9, 'timeout': 1}
    validation = ArgumentSpecValidator(runner.argument_spec(module)).validate(args)
    assert not validation.error_messages
    rendered = runner.run(module, validation.validated_parameters)['rendered']
    path = schema.PATHS[module].cli_path()
    assert rendered and all(line.startswith(path + ' ') for line in rendered)


TRICKY = 'a "quoted" word, a $variable, a back\\slash, a question?\nand a second line\twith a tab'


def test_planned_commands_quote_every_value_so_that_import_reads_it_back(router):
    """The CLI text of a task is RouterOS script: /import of the planned commands on the simulator makes exactly the
    entry the module would make (quotes, backslashes, $, ? and newlines included)."""
    planned = router.run('system_script', check_mode=True,
                         config=[{'name': 'tricky', 'source': TRICKY, 'comment': 'cost $5 "cheap"\\now'}])
    (line,) = planned['commands']
    api = router.sim.api()
    try:
        tuple(api('/file/print', file='planned'))
        tuple(api('/file/set', numbers='planned.txt', contents=line + '\n'))
        tuple(api('/import', **{'file-name': 'planned.txt'}))
        (script,) = [s for s in api.path('system', 'script') if s['name'] == 'tricky']
    finally:
        api.close()
    assert script['source'] == TRICKY
    assert script['comment'] == 'cost $5 "cheap"\\now'
    assert router.run('system_script', config=[{'name': 'tricky', 'source': TRICKY,
                                                'comment': 'cost $5 "cheap"\\now'}])['changed'] is False


def test_extra_sets_a_property_the_module_has_no_option_for_and_compares_it_on_the_next_run(router):
    # A boolean as a v6 print shows it (true), as the option's documentation asks.
    server = {'name': 'lan', 'interface': 'ether2', 'extra': {'use-radius': 'true', 'delay-threshold': '2s'}}
    start = router.writes()
    planned = router.run('ip_dhcp_server', check_mode=True, config=[server])
    assert router.writes() == start
    (line,) = planned['commands']
    assert 'use-radius=true' in line and 'delay-threshold=2s' in line
    created = router.run('ip_dhcp_server', config=[server])
    assert created['commands'] == planned['commands'] and created['after'] == planned['after']
    (row,) = [r for r in router.sim.api().path('ip', 'dhcp-server') if r['name'] == 'lan']
    assert row['use-radius'] is True and row['delay-threshold'] == '2s'
    assert created['after'][0]['use-radius'] == 'true'
    again = router.run('ip_dhcp_server', config=[server])
    assert again['changed'] is False and again['commands'] == []
    changed = router.run('ip_dhcp_server', config=[dict(server, extra={'use-radius': 'true', 'delay-threshold': 'none'})])
    assert changed['commands'] == ['/ip dhcp-server set [find name=lan] delay-threshold=none']


def test_extra_refuses_a_property_with_an_option_before_connecting_and_the_router_refuses_an_unknown_one(router):
    start = router.writes()
    with pytest.raises(RouterOSError, match=r"config\[0\]\.extra\.lease-time: lease-time has an option of its own, "
                                            r"lease_time; set it there"):
        router.run('ip_dhcp_server', config=[{'name': 'lan', 'interface': 'ether2', 'extra': {'lease-time': '1h'}}])
    with pytest.raises(RouterOSError, match=r"RouterOS refused '/ip/dhcp-server/add': unknown parameter"):
        router.run('ip_dhcp_server', config=[{'name': 'lan', 'interface': 'ether2', 'extra': {'colour': 'red'}}])
    assert router.writes() == start


def test_a_community_is_written_and_shown_masked_in_commands_diff_and_after(router):
    done = router.run('snmp_community', config=[{'name': 'Cm-Masked-77xq', 'addresses': ['192.168.88.20/32']}], state='merged')
    assert done['changed'] and 'Cm-Masked-77xq' not in json.dumps(done)
    assert any('name=********' in line for line in done['commands'])
    assert [r['name'] for r in router.run('snmp_community', state='gathered')['gathered']] == ['public', 'Cm-Masked-77xq']
    again = router.run('snmp_community', config=[{'name': 'Cm-Masked-77xq', 'addresses': ['192.168.88.20/32']}], state='merged')
    assert again['changed'] is False and 'Cm-Masked-77xq' not in json.dumps(again)


def test_firewall_matchers_are_options_compared_in_their_printed_form(router):
    rule = {'chain': 'input', 'protocol': 'tcp', 'dst_port': '22', 'tcp_flags': 'syn,!ack', 'connection_limit': '10,32',
            'dst_address_type': 'local', 'limit': '50/5s,2:packet', 'src_mac_address': '02:aa:bb:00:00:01',
            'action': 'drop', 'comment': 'ssh flood'}
    created = router.run('ip_firewall_filter', config=[rule])
    (line,) = created['commands']
    assert 'tcp-flags=syn,!ack' in line and 'connection-limit=10,32' in line and 'src-mac-address=02:aa:bb:00:00:01' in line
    (row,) = [r for r in router.sim.api().path('ip', 'firewall', 'filter') if r.get('comment') == 'ssh flood']
    assert row['dst-address-type'] == 'local' and row['limit'] == '50/5s,2:packet' and row['src-mac-address'] == '02:AA:BB:00:00:01'
    # The MAC as the user wrote it, lower case, is the same value: no change.
    start = router.writes()
    assert router.run('ip_firewall_filter', config=[rule])['changed'] is False
    assert router.writes() == start
    changed = router.run('ip_firewall_filter', config=[dict(rule, connection_limit='20,32')])
    assert changed['commands'] == ['/ip firewall filter set [find comment="ssh flood"] connection-limit=20,32']
    with pytest.raises(RouterOSError, match='src_mac_address.*not a MAC address'):
        router.run('ip_firewall_filter', config=[dict(rule, src_mac_address='02:aa')])
    router.run('ip_firewall_filter', config=[{'chain': 'input', 'comment': 'ssh flood'}], state='deleted')


def test_the_raw_table_has_no_connection_tracking_options(router):
    from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
    from ansible_collections.soho.routeros.plugins.module_utils import runner

    spec = runner.argument_spec('ip_firewall_raw')
    options = spec['config']['options']
    assert 'tcp_flags' in options and 'src_mac_address' in options
    assert not set(options) & {'connection_limit', 'connection_state', 'connection_mark', 'reject_with'}
    validation = ArgumentSpecValidator(spec).validate({'config': [{'chain': 'prerouting', 'connection_limit': '10,32'}]})
    assert 'connection_limit' in validation.errors.msg
