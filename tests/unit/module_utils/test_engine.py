# -*- coding: utf-8 -*-
"""Planning and applying against an in-memory router: minimal calls, idempotence, states, order."""

import pytest

from fake_routeros import FakeClient

from ansible_collections.soho.routeros.plugins.module_utils import engine
from ansible_collections.soho.routeros.plugins.module_utils.errors import RouterOSError
from ansible_collections.soho.routeros.plugins.module_utils.schema import PATHS


def run(module, config, state='merged', client=None, check_mode=False):
    return engine.run(PATHS[module], config, state, client, check_mode)


ADDRESSES = {'/ip/address': [
    {'.id': '*1', 'address': '192.168.88.1/24', 'interface': 'bridge', 'network': '192.168.88.0', 'disabled': 'false'},
    {'.id': '*2', 'address': '100.64.0.5/24', 'interface': 'ether1', 'network': '100.64.0.0', 'dynamic': 'true'},
    {'.id': '*3', 'address': '10.9.9.1/24', 'interface': 'ether5', 'network': '10.9.9.0', 'comment': 'old'},
]}


def test_one_print_with_proplist_and_no_write_when_nothing_changes():
    client = FakeClient(ADDRESSES)
    result = run('ip_address', [{'address': '192.168.88.1/24', 'interface': 'bridge', 'disabled': 'no'}], client=client)
    assert result['changed'] is False
    assert result['commands'] == []
    assert client.writes == []
    assert client.prints == [('/ip/address', ('.id', 'address', 'interface', 'network', 'comment', 'disabled', 'dynamic'))]


def test_merged_adds_and_sets_only_what_is_given():
    client = FakeClient(ADDRESSES)
    result = run('ip_address', [{'address': '192.168.88.1/24', 'interface': 'bridge', 'comment': 'LAN'},
                                {'address': '10.0.0.1/24', 'interface': 'ether3'}], client=client)
    assert result['commands'] == [
        '/ip address set [find address=192.168.88.1/24 interface=bridge] comment="LAN"',
        '/ip address add address=10.0.0.1/24 interface=ether3',
    ]
    assert client.writes == [('set', '/ip/address', '*1', {'comment': 'LAN'}),
                             ('add', '/ip/address', {'address': '10.0.0.1/24', 'interface': 'ether3'})]
    assert [e['address'] for e in result['after']] == ['192.168.88.1/24', '10.9.9.1/24', '10.0.0.1/24']
    assert all(e['address'] != '100.64.0.5/24' for e in result['before'])


def test_check_mode_plans_but_writes_nothing():
    client = FakeClient(ADDRESSES)
    result = run('ip_address', [{'address': '10.0.0.1/24', 'interface': 'ether3'}], client=client, check_mode=True)
    assert result['changed'] is True
    assert result['commands'] == ['/ip address add address=10.0.0.1/24 interface=ether3']
    assert client.writes == []
    assert len(result['after']) == 3


def test_overridden_removes_static_entries_not_given_but_never_dynamic_ones():
    client = FakeClient(ADDRESSES)
    result = run('ip_address', [{'address': '192.168.88.1/24', 'interface': 'bridge'}], 'overridden', client)
    assert client.writes == [('remove', '/ip/address', '*3')]
    assert result['commands'] == ['/ip address remove [find address=10.9.9.1/24 interface=ether5]']
    assert [r['.id'] for r in client.tables['/ip/address']] == ['*1', '*2']


def test_owned_entries_not_asked_for_are_removed_in_the_same_plan_and_others_kept():
    rules = {'/ip/firewall/filter': [
        {'.id': '*1', 'chain': 'input', 'action': 'drop', 'connection-state': 'invalid', 'comment': 'defconf: drop invalid'},
        {'.id': '*2', 'chain': 'input', 'action': 'accept', 'protocol': 'udp', 'dst-port': '1194', 'comment': 'OpenVPN'},
        {'.id': '*3', 'chain': 'input', 'action': 'accept', 'protocol': 'icmp', 'comment': 'soho: accept ICMP old'},
    ]}
    client = FakeClient(rules)
    want = [{'chain': 'input', 'action': 'drop', 'connection_state': ['invalid'], 'comment': 'soho: drop invalid'}]
    result = engine.run(PATHS['ip_firewall_filter'], want, 'merged', client, owned=['soho: ', 'defconf'])
    assert [w[0] for w in client.writes] == ['remove', 'remove', 'add']
    assert [r['comment'] for r in result['after']] == ['OpenVPN', 'soho: drop invalid']
    assert [r['comment'] for r in client.tables['/ip/firewall/filter']] == ['OpenVPN', 'soho: drop invalid']
    untouched = FakeClient(rules)
    engine.run(PATHS['ip_firewall_filter'], want, 'merged', untouched)
    assert [w[0] for w in untouched.writes] == ['add'], 'without owned, merged removes nothing'


def test_replaced_resets_options_not_given():
    client = FakeClient(ADDRESSES)
    run('ip_address', [{'address': '10.9.9.1/24', 'interface': 'ether5'}], 'replaced', client)
    assert client.writes == [('set', '/ip/address', '*3', {'comment': ''})]


def test_deleted_given_and_all():
    client = FakeClient(ADDRESSES)
    run('ip_address', [{'address': '10.9.9.1/24', 'interface': 'ether5'}], 'deleted', client)
    assert client.writes == [('remove', '/ip/address', '*3')]
    client = FakeClient(ADDRESSES)
    run('ip_address', [], 'deleted', client)
    assert [w[2] for w in client.writes] == ['*1', '*3']


def test_gathered_and_rendered():
    client = FakeClient(ADDRESSES)
    assert run('ip_address', None, 'gathered', client)['gathered'][0]['address'] == '192.168.88.1/24'
    rendered = run('ip_address', [{'address': '10.0.0.1/24', 'interface': 'ether3', 'comment': 'Lab net'}], 'rendered')
    assert rendered['rendered'] == ['/ip address add address=10.0.0.1/24 interface=ether3 comment="Lab net"']


def test_other_forms_cause_no_change():
    client = FakeClient({'/ip/dhcp-server': [{'.id': '*1', 'name': 'lan', 'interface': 'bridge', 'lease-time': '10m',
                                              'address-pool': 'lan-pool', 'disabled': 'false', 'authoritative': 'yes'}]})
    result = run('ip_dhcp_server', [{'name': 'lan', 'lease_time': '00:10:00', 'disabled': 'no', 'authoritative': True,
                                     'interface': 'bridge', 'address_pool': 'lan-pool'}], 'replaced', client)
    assert result['commands'] == [] and client.writes == []


def test_dhcp_client_is_created_enabled():
    client = FakeClient()
    run('ip_dhcp_client', [{'interface': 'ether1'}], client=client)
    assert client.writes == [('add', '/ip/dhcp-client', {'interface': 'ether1', 'disabled': 'no'})]


def test_missing_required_field_on_create_fails_before_any_write():
    client = FakeClient()
    with pytest.raises(RouterOSError, match=r'config\[1\]: interface is required to create a new /ip/dhcp-server entry'):
        run('ip_dhcp_server', [{'name': 'a', 'interface': 'bridge'}, {'name': 'b'}], client=client)
    assert client.writes == []


def test_single_menu_sets_without_id_and_sets_compare_unordered():
    client = FakeClient({'/ip/dns': [{'servers': '8.8.8.8,1.1.1.1', 'allow-remote-requests': 'false',
                                      'cache-size': '2048', 'dynamic-servers': '100.64.0.1'}]})
    result = run('ip_dns', {'servers': ['1.1.1.1', '8.8.8.8'], 'allow_remote_requests': True}, client=client)
    assert client.writes == [('set', '/ip/dns', None, {'allow-remote-requests': 'yes'})]
    assert result['commands'] == ['/ip dns set allow-remote-requests=yes']
    assert result['before']['dynamic_servers'] == ['100.64.0.1']
    assert result['after']['allow_remote_requests'] is True


def test_dns_cache_size_printed_in_kib_is_no_change():
    """RouterOS v6 prints /ip dns cache-size as 4096KiB for a size set as 4096."""
    client = FakeClient({'/ip/dns': [{'servers': '', 'cache-size': '4096KiB'}]})
    result = run('ip_dns', {'cache_size': 4096}, client=client)
    assert result['changed'] is False and client.writes == []
    assert result['before']['cache_size'] == 4096
    result = run('ip_dns', {'cache_size': 8192}, client=client)
    assert client.writes == [('set', '/ip/dns', None, {'cache-size': '8192'})]


def test_fixed_entries_are_set_by_key_and_never_added():
    rows = [{'.id': '*%d' % n, 'name': name, 'port': str(port), 'disabled': 'false', 'address': ''}
            for n, (name, port) in enumerate([('telnet', 23), ('ssh', 22), ('api', 8728)])]
    client = FakeClient({'/ip/service': rows})
    result = run('ip_service', [{'name': 'telnet', 'disabled': True}, {'name': 'ssh', 'address': ['192.168.88.0/24']}],
                 client=client)
    assert result['commands'] == ['/ip service set [find name=telnet] disabled=yes',
                                  '/ip service set [find name=ssh] address=192.168.88.0/24']
    with pytest.raises(RouterOSError, match='cannot be added'):
        run('ip_service', [{'name': 'www-ssl', 'disabled': True}], client=FakeClient({'/ip/service': rows}))


def test_ethernet_rename_by_default_name_is_idempotent():
    client = FakeClient({'/interface/ethernet': [{'.id': '*1', 'name': 'ether1', 'default-name': 'ether1', 'mtu': '1500'}]})
    result = run('interface_ethernet', [{'default_name': 'ether1', 'name': 'ether1-wan'}], client=client)
    assert result['commands'] == ['/interface ethernet set [find default-name=ether1] name=ether1-wan']
    assert client.writes == [('set', '/interface/ethernet', '*1', {'name': 'ether1-wan'})]
    client.writes = []
    assert run('interface_ethernet', [{'default_name': 'ether1', 'name': 'ether1-wan'}], client=client)['changed'] is False


def test_ipv6_address_from_pool_compares_the_host_part():
    client = FakeClient({'/ipv6/address': [
        {'.id': '*1', 'address': '2001:db8:1200:1::1/64', 'interface': 'bridge', 'from-pool': 'pd', 'advertise': 'true'},
        {'.id': '*2', 'address': 'fe80::1/64', 'interface': 'bridge', 'dynamic': 'true'},
    ]})
    result = run('ipv6_address', [{'address': '::1/64', 'from_pool': 'pd', 'interface': 'bridge'}], client=client)
    assert result['changed'] is False


def test_ipv6_nd_default_entry_is_edited_never_removed():
    client = FakeClient({'/ipv6/nd': [{'.id': '*1', 'interface': 'all', 'default': 'true', 'ra-interval': '3m20s-10m'},
                                      {'.id': '*2', 'interface': 'ether9', 'ra-interval': '3m20s-10m'}]})
    result = run('ipv6_nd', [{'interface': 'bridge', 'ra_interval': '20s-1m'}], 'overridden', client)
    assert ('remove', '/ipv6/nd', '*2') in client.writes
    assert not any(w[0] == 'remove' and w[2] == '*1' for w in client.writes)
    assert result['commands'][-1] == '/ipv6 nd add interface=bridge ra-interval=20s-1m'
    client.writes = []
    run('ipv6_nd', [{'interface': 'all', 'ra_interval': '200s-600s'}], client=client)
    assert client.writes == []


def test_rendered_sets_the_factory_entry_a_reset_router_has_instead_of_adding_it():
    rendered = run('ipv6_nd', [{'interface': 'all', 'ra_interval': '20s-1m'}, {'interface': 'bridge'}], 'rendered')['rendered']
    assert rendered == ['/ipv6 nd set [find default=yes] ra-interval=20s-1m', '/ipv6 nd add interface=bridge']


def rule(ident, chain, comment, **extra):
    row = {'.id': ident, 'chain': chain, 'action': 'accept', 'comment': comment}
    row.update((k.replace('_', '-'), v) for k, v in extra.items())
    return row


def comments(client, chain='input'):
    return [r.get('comment') for r in client.tables['/ip/firewall/filter'] if r.get('chain') == chain]


def test_firewall_new_rule_goes_after_the_rule_given_before_it():
    client = FakeClient({'/ip/firewall/filter': [
        {'.id': '*0', 'chain': 'forward', 'action': 'passthrough', 'dynamic': 'true', 'builtin': 'true'},
        rule('*1', 'input', 'est'), rule('*2', 'input', 'icmp'), rule('*3', 'input', 'drop all', action='drop')]})
    result = run('ip_firewall_filter', [{'chain': 'input', 'comment': 'icmp'},
                                        {'chain': 'input', 'comment': 'ssh', 'protocol': 'tcp', 'dst_port': '22'}],
                 client=client)
    assert result['commands'] == ['/ip firewall filter add chain=input protocol=tcp dst-port=22 comment="ssh" '
                                  'place-before=[find comment="drop all"]']
    assert comments(client) == ['est', 'icmp', 'ssh', 'drop all']
    assert [e['comment'] for e in result['after']] == ['est', 'icmp', 'ssh', 'drop all']
    client.writes = []
    assert run('ip_firewall_filter', [{'chain': 'input', 'comment': 'icmp'},
                                      {'chain': 'input', 'comment': 'ssh', 'protocol': 'tcp', 'dst_port': '22'}],
               client=client)['changed'] is False


def test_firewall_reorders_with_the_fewest_moves():
    client = FakeClient({'/ip/firewall/filter': [rule('*1', 'input', 'a'), rule('*2', 'input', 'b'),
                                                 rule('*3', 'input', 'c'), rule('*4', 'input', 'd')]})
    run('ip_firewall_filter', [{'chain': 'input', 'comment': c} for c in 'bcda'], client=client)
    assert [w[0] for w in client.writes] == ['move']
    assert comments(client) == ['b', 'c', 'd', 'a']


def test_firewall_rules_in_new_empty_chain_keep_order_and_first_goes_before_existing():
    client = FakeClient({'/ip/firewall/filter': [rule('*1', 'input', 'b')]})
    run('ip_firewall_filter', [{'chain': 'input', 'comment': 'a'}, {'chain': 'input', 'comment': 'b'},
                               {'chain': 'input', 'comment': 'c'}], client=client)
    assert comments(client) == ['a', 'b', 'c']
    assert client.writes[0] == ('add', '/ip/firewall/filter', {'chain': 'input', 'comment': 'a', 'place-before': '*1'})


def first(config, client, check_mode=False):
    return engine.run(PATHS['ip_firewall_filter'], config, 'merged', client, check_mode, first=True)


def test_first_puts_new_rules_before_every_rule_of_their_chain_and_leaves_other_chains():
    client = FakeClient({'/ip/firewall/filter': [rule('*1', 'forward', 'f'), rule('*2', 'input', 'est'),
                                                 rule('*3', 'input', 'drop all', action='drop')]})
    result = first([{'chain': 'input', 'comment': 'g1'}, {'chain': 'input', 'comment': 'g2'}], client)
    assert [r['comment'] for r in client.tables['/ip/firewall/filter']] == ['f', 'g1', 'g2', 'est', 'drop all']
    assert result['commands'][0].endswith('place-before=[find comment="est"]')
    client.writes = []
    assert first([{'chain': 'input', 'comment': 'g1'}, {'chain': 'input', 'comment': 'g2'}], client)['changed'] is False
    assert client.writes == []


def test_first_moves_own_rules_back_to_the_head_when_another_rule_went_before_them():
    client = FakeClient({'/ip/firewall/filter': [rule('*1', 'input', 'user'), rule('*2', 'input', 'g2'),
                                                 rule('*3', 'input', 'g1'), rule('*4', 'input', 'drop all', action='drop')]})
    checked = first([{'chain': 'input', 'comment': 'g1'}, {'chain': 'input', 'comment': 'g2'}], client, check_mode=True)
    assert client.writes == [] and [e['comment'] for e in checked['after']] == ['g1', 'g2', 'user', 'drop all']
    first([{'chain': 'input', 'comment': 'g1'}, {'chain': 'input', 'comment': 'g2'}], client)
    assert comments(client) == ['g1', 'g2', 'user', 'drop all']
    assert [w[0] for w in client.writes] == ['move', 'move']


def test_first_after_keeps_another_tasks_head_rules_before_its_own_and_both_stay_put():
    client = FakeClient({'/ip/firewall/filter': [rule('*1', 'input', 'est'), rule('*2', 'input', 'drop all', action='drop')]})
    guest = [{'chain': 'input', 'comment': 'guest: a'}, {'chain': 'input', 'comment': 'guest: b'}]
    snmp = [{'chain': 'input', 'comment': 'snmp: accept'}, {'chain': 'input', 'comment': 'snmp: drop'}]

    def monitoring(check_mode=False):
        return engine.run(PATHS['ip_firewall_filter'], snmp, 'merged', client, check_mode, first=True,
                          first_after=('guest: ',))
    monitoring()
    assert comments(client) == ['snmp: accept', 'snmp: drop', 'est', 'drop all']
    first(guest, client)
    assert comments(client) == ['guest: a', 'guest: b', 'snmp: accept', 'snmp: drop', 'est', 'drop all']
    client.writes = []
    assert monitoring()['changed'] is False and first(guest, client)['changed'] is False and client.writes == []
    # A rule made by hand before them: both tasks take the head back, the guest rules first.
    client.tables['/ip/firewall/filter'].insert(2, client.tables['/ip/firewall/filter'].pop(4))
    assert comments(client) == ['guest: a', 'guest: b', 'est', 'snmp: accept', 'snmp: drop', 'drop all']
    assert [e['comment'] for e in monitoring(check_mode=True)['after']][:4] == ['guest: a', 'guest: b', 'snmp: accept', 'snmp: drop']
    monitoring()
    assert comments(client) == ['guest: a', 'guest: b', 'snmp: accept', 'snmp: drop', 'est', 'drop all']


def test_without_first_new_rules_in_a_chain_of_others_go_last():
    client = FakeClient({'/ip/firewall/filter': [rule('*1', 'input', 'est'), rule('*2', 'input', 'drop all', action='drop')]})
    run('ip_firewall_filter', [{'chain': 'input', 'comment': 'g1'}], client=client)
    assert comments(client) == ['est', 'drop all', 'g1']


def test_firewall_rule_without_comment_is_found_by_full_content():
    client = FakeClient({'/ip/firewall/filter': [rule('*1', 'input', '', protocol='tcp', dst_port='22')]})
    assert run('ip_firewall_filter', [{'chain': 'input', 'protocol': 'tcp', 'dst_port': '22'}],
               client=client)['changed'] is False
    result = run('ip_firewall_filter', [{'chain': 'input', 'protocol': 'tcp'}], 'overridden', FakeClient(client.tables))
    assert result['commands'][0] == '/ip firewall filter remove *1'


def test_firewall_connection_state_is_a_set():
    client = FakeClient({'/ip/firewall/filter': [rule('*1', 'input', 'est', connection_state='established,related')]})
    result = run('ip_firewall_filter', [{'chain': 'input', 'comment': 'est', 'connection_state': ['related', 'established']}],
                 'replaced', client)
    assert result['changed'] is False


def test_diff_is_one_yaml_text_per_changed_entry_headed_by_path_and_entry_then_the_commands():
    client = FakeClient({'/ip/dhcp-server': [
        {'.id': '*1', 'name': 'lan', 'interface': 'bridge', 'address-pool': 'lan', 'lease-time': '10m', 'disabled': 'false'},
        {'.id': '*2', 'name': 'guest', 'interface': 'guest', 'address-pool': 'guest', 'lease-time': '30m', 'disabled': 'false'},
        {'.id': '*3', 'name': 'old', 'interface': 'ether5', 'address-pool': 'old', 'lease-time': '10m', 'disabled': 'false'},
    ]})
    result = run('ip_dhcp_server', [{'name': 'lan', 'interface': 'bridge', 'address_pool': 'lan', 'lease_time': '1h'},
                                    {'name': 'guest', 'interface': 'guest', 'address_pool': 'guest', 'lease_time': '30m'}],
                 'overridden', client, check_mode=True)
    changed, removed, prepared = result['diff']
    assert changed['before_header'] == changed['after_header'] == '/ip dhcp-server [name=lan]'
    assert 'lease_time: 10m\n' in changed['before'] and 'lease_time: 1h\n' in changed['after']
    assert changed['after'].startswith('name: lan\ninterface: bridge\n')
    assert removed['before_header'] == '/ip dhcp-server [name=old]' and removed['after'] == ''
    assert removed['after_header'].endswith('(removed)')
    assert prepared['prepared'] == 'RouterOS commands:\n' + '\n'.join(result['commands']) + '\n'


def test_diff_shows_a_script_source_as_a_block_and_leaves_out_read_only_fields():
    client = FakeClient({'/system/script': [{'.id': '*1', 'name': 'backup', 'source': ':log info one', 'owner': 'admin',
                                             'run-count': '3', 'policy': 'read,write'}]})
    result = run('system_script', [{'name': 'backup', 'source': ':log info one\n:log info two'}], client=client,
                 check_mode=True)
    (entry, _commands) = result['diff']
    assert 'source: |-\n  :log info one\n  :log info two\n' in entry['after']
    assert 'run_count' not in entry['before'] + entry['after'] and 'owner' not in entry['before'] + entry['after']


def test_diff_of_an_added_firewall_rule_names_its_comment_and_a_rule_without_one_by_its_number():
    result = run('ip_firewall_filter', [{'chain': 'input', 'action': 'drop', 'comment': 'office: drop'},
                                        {'chain': 'input', 'action': 'accept', 'protocol': 'icmp'}], client=FakeClient())
    headers = [d.get('after_header') for d in result['diff'] if 'prepared' not in d]
    assert headers == ['/ip firewall filter [comment="office: drop"]', '/ip firewall filter [1]']
    assert all(d['before'] == '' for d in result['diff'] if 'prepared' not in d)


def test_an_unchanged_path_has_no_diff():
    client = FakeClient({'/ip/pool': [{'.id': '*1', 'name': 'lan', 'ranges': '192.168.88.10-192.168.88.254'}]})
    result = run('ip_pool', [{'name': 'lan', 'ranges': ['192.168.88.10-192.168.88.254']}], client=client)
    assert result['changed'] is False and result['diff'] == []


def test_cli_quoting_escapes_variables_quotes_and_backslashes_everywhere():
    client = FakeClient()
    result = run('ip_dns_static', [{'name': 'nas.lan', 'address': '192.168.88.10', 'comment': 'cost $5 "cheap" \\ ok'}],
                 client=client, check_mode=True)
    (line,) = result['commands']
    assert 'comment="cost \\$5 \\"cheap\\" \\\\ ok"' in line


SERVERS = {'/ip/dhcp-server': [
    {'.id': '*1', 'name': 'defconf', 'interface': 'bridge', 'address-pool': 'dhcp', 'lease-time': '10m', 'disabled': 'false'},
]}


def test_renamed_key_renames_the_entry_in_place_and_a_renamed_reference_compares_as_its_new_name():
    client = FakeClient(SERVERS)
    want = [{'name': 'dhcp_server_lan', 'interface': 'bridge', 'address_pool': 'dhcp_pool_lan', 'comment': 'LAN'}]
    renames = {'name': {'defconf': 'dhcp_server_lan'}, 'address_pool': {'dhcp': 'dhcp_pool_lan'}}
    result = engine.run(PATHS['ip_dhcp_server'], want, 'merged', client, check_mode=True, renames=renames)
    # In check mode the pool is still called dhcp: its rename is an earlier task's, so address-pool is left alone.
    assert result['commands'] == ['/ip dhcp-server set [find name=defconf] name=dhcp_server_lan comment="LAN"']
    assert client.writes == []
    without = engine.run(PATHS['ip_dhcp_server'], want, 'merged', FakeClient(SERVERS), check_mode=True)
    assert [c.split()[2] for c in without['commands']] == ['add'], 'without renamed, a second server is added'


def test_renamed_interface_matches_an_entry_that_names_the_port_by_its_name_before_the_run():
    clients = {'/ip/dhcp-client': [{'.id': '*1', 'interface': 'ether1', 'add-default-route': 'yes', 'disabled': 'false',
                                    'comment': 'defconf'}]}
    client = FakeClient(clients)
    want = [{'interface': 'wan', 'comment': 'WAN'}]
    result = engine.run(PATHS['ip_dhcp_client'], want, 'merged', client, check_mode=True,
                        renames={'interface': {'ether1': 'wan'}})
    assert result['commands'] == ['/ip dhcp-client set [find interface=ether1] comment="WAN"']


def test_in_a_run_a_renamed_reference_is_compared_as_the_router_shows_it():
    # The pool task has renamed dhcp by then; a router that still shows the old name gets the new one set.
    client = FakeClient(SERVERS)
    want = [{'name': 'dhcp_server_lan', 'interface': 'bridge', 'address_pool': 'dhcp_pool_lan'}]
    result = engine.run(PATHS['ip_dhcp_server'], want, 'merged', client,
                        renames={'name': {'defconf': 'dhcp_server_lan'}, 'address_pool': {'dhcp': 'dhcp_pool_lan'}})
    assert result['commands'] == ['/ip dhcp-server set [find name=defconf] name=dhcp_server_lan address-pool=dhcp_pool_lan']


WIRELESS = {
    '/interface/wireless': [
        {'.id': '*1', 'name': 'wlan1', 'default-name': 'wlan1', 'mode': 'ap-bridge', 'ssid': 'Office', 'disabled': 'false',
         'security-profile': 'office'},
        {'.id': '*2', 'name': 'guest', 'master-interface': 'wlan1', 'mode': 'ap-bridge', 'ssid': 'Guests', 'disabled': 'false',
         'security-profile': 'guest'},
    ],
    '/interface/wireless/security-profiles': [
        {'.id': '*0', 'name': 'default', 'default': 'true', 'mode': 'none'},
        {'.id': '*1', 'name': 'office', 'mode': 'dynamic-keys', 'authentication-types': 'wpa2-psk', 'comment': 'key aaaa'},
    ],
}


def test_a_write_only_key_is_never_read_and_goes_with_every_set_of_its_profile():
    client = FakeClient(WIRELESS)
    same = {'name': 'office', 'mode': 'dynamic-keys', 'authentication_types': ['wpa2-psk'], 'wpa2_pre_shared_key': 'new-key-1234',
            'comment': 'key aaaa'}
    result = run('interface_wireless_security_profile', [same], client=client)
    # The key cannot be compared: the comment that carries its fingerprint is, and it has not changed.
    assert result['changed'] is False and client.writes == []
    assert all('pre-shared-key' not in name for _path, names in client.prints for name in names)
    result = run('interface_wireless_security_profile', [dict(same, comment='key bbbb')], client=client)
    assert client.writes == [('set', '/interface/wireless/security-profiles', '*1',
                              {'comment': 'key bbbb', 'wpa2-pre-shared-key': 'new-key-1234'})]
    assert result['commands'] == ['/interface wireless security-profiles set [find name=office] comment="key bbbb" '
                                  'wpa2-pre-shared-key=********']
    assert 'new-key-1234' not in repr(result)


def test_a_radio_is_reset_never_removed_and_a_virtual_access_point_is_removed():
    client = FakeClient(WIRELESS)
    run('interface_wireless', [], 'overridden', client)
    writes = sorted((w[0], w[2]) for w in client.writes)
    assert writes == [('remove', '*2'), ('set', '*1')]
    (reset,) = [w for w in client.writes if w[0] == 'set']
    assert (reset[3]['mode'], reset[3]['security-profile'], reset[3]['disabled']) == ('station', 'default', 'yes')


def test_the_calls_of_a_plan_go_out_in_one_batch_until_one_needs_an_id_from_it():
    """On a link with latency every batch is one wait: a plan's adds, sets and removes go together; a move of an entry
    added in the same plan, or an add placed before it, waits for the id RouterOS gives it."""
    client = FakeClient({'/ip/firewall/address-list': [{'.id': '*1', 'list': 'old', 'address': '10.0.0.1'}]})
    run('ip_firewall_address_list', [{'list': 'mgmt', 'address': '10.0.0.%d' % n} for n in (2, 3, 4)], 'overridden', client=client)
    assert client.batches == [['remove', 'add', 'add', 'add']]

    menu = PATHS['ip_firewall_filter']
    client = FakeClient({'/ip/firewall/filter': [rule('*1', 'input', 'est')]})
    new, est = engine.Item(None, {'chain': 'input', 'comment': 'new'}), engine.Item('*1', {})
    engine.apply(menu, [engine.Op('add', new, {'chain': 'input', 'comment': 'new'}), engine.Op('move', new, destination=est)], client)
    assert client.batches == [['add'], ['move']]
    assert comments(client) == ['new', 'est'] and new.ident == client.tables['/ip/firewall/filter'][0]['.id']
    later = engine.Item(None, {'chain': 'input', 'comment': 'later'})
    engine.apply(menu, [engine.Op('add', later, {'chain': 'input', 'comment': 'later'}),
                        engine.Op('add', engine.Item(None, {}), {'chain': 'input', 'comment': 'before later'}, destination=later)], client)
    assert client.batches[2:] == [['add'], ['add']]
    assert comments(client) == ['new', 'est', 'before later', 'later']


def test_adds_an_ordered_menu_got_in_another_order_than_sent_stop_the_run():
    """RouterOS numbers new entries in the order it makes them: ids that do not grow along a batch of firewall adds
    mean the rules stand in another order than planned, which the run must not report as done."""

    class Reordering(FakeClient):
        def batch(self, path, calls):
            answers = FakeClient.batch(self, path, calls)
            return answers[::-1]

    client = Reordering()
    with pytest.raises(RouterOSError, match=r'^RouterOS added the entries of /ip/firewall/filter in another order than they '
                                            r'were sent \(ids \*66, \*65\); run again'):
        run('ip_firewall_filter', [{'chain': 'input', 'comment': 'a'}, {'chain': 'input', 'comment': 'b'}], client=client)
    # Where order does not matter, ids in any order are no error.
    unordered = Reordering()
    result = run('ip_firewall_address_list', [{'list': 'a', 'address': '10.0.0.1'}, {'list': 'a', 'address': '10.0.0.2'}],
                 client=unordered)
    assert result['changed'] and len(unordered.tables['/ip/firewall/address-list']) == 2
