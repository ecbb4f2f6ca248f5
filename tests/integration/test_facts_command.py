# -*- coding: utf-8 -*-
"""The facts and command modules against the simulator."""


def test_facts_of_a_defconf_router(defconf_router, tmp_path):
    facts = defconf_router.run('facts', gather_subset=['all'], ssh_port=defconf_router.sim.ssh_address(0)[1],
                               known_hosts=str(tmp_path / 'known_hosts'))['ansible_facts']
    # The export, larger than the API shows the contents of a file, read whole over SFTP.
    assert facts['routeros_config_source'] == 'export' and len(facts['routeros_config']) > 4096
    assert '/ip firewall filter\n' in facts['routeros_config']
    assert facts['routeros_version'].startswith('6.')
    assert facts['routeros_identity'] == 'MikroTik'
    assert any(i['name'] == 'ether1' and i['mac_address'] for i in facts['routeros_interfaces'])
    assert any(a['address'] == '192.168.88.1/24' for a in facts['routeros_ipv4_addresses'])
    assert facts['routeros_dhcp_clients'][0]['interface'] == 'ether1'
    assert facts['routeros_ipv6_enabled'] is True


def test_facts_by_default_read_the_system_only(defconf_router):
    defconf_router.sim.control(0, '/sim/stats/reset')
    facts = defconf_router.run('facts')['ansible_facts']
    assert facts['routeros_gather_subset'] == ['system'] and facts['routeros_identity'] == 'MikroTik'
    assert 'routeros_interfaces' not in facts
    printed = sorted(row['path'] for row in defconf_router.sim.control(0, '/sim/stats/prints/print'))
    assert printed == ['/system/identity', '/system/resource']
    assert defconf_router.writes() == 0


def test_facts_return_the_gathered_state_of_the_paths_asked_for_one_print_each(defconf_router):
    names = ['interface_ethernet', 'ip_pool', 'ip_dhcp_server', 'ip_firewall_filter', 'ipv6_nd']
    defconf_router.sim.control(0, '/sim/stats/reset')
    result = defconf_router.run('facts', gather_subset=['interfaces'], paths=names)
    printed = sorted(row['path'] for row in defconf_router.sim.control(0, '/sim/stats/prints/print'))
    assert printed == sorted(['/system/identity', '/system/resource', '/interface', '/interface/ethernet', '/ip/pool',
                              '/ip/dhcp-server', '/ip/firewall/filter', '/ipv6/nd'])
    assert sorted(result['gathered']) == sorted(names) and result['changed'] is False
    assert [p['ranges'] for p in result['gathered']['ip_pool']] == [['192.168.88.10-192.168.88.254']]
    assert any(r.get('comment', '').startswith('defconf') for r in result['gathered']['ip_firewall_filter'])
    for name in names:
        assert result['gathered'][name] == defconf_router.run(name, state='gathered')['gathered'], name
    assert defconf_router.writes() == 0


def test_command_reads_in_check_mode_and_writes_otherwise(router):
    rows = router.run('command', check_mode=True, command='/interface/ethernet/print', query=['?name=ether1'])
    assert rows['changed'] is False and [r['name'] for r in rows['result']] == ['ether1']
    skipped = router.run('command', check_mode=True, command='/system/identity/set', arguments={'name': 'gw'})
    assert skipped['skipped'] and router.writes() == 0
    done = router.run('command', command='/system/identity/set', arguments={'name': 'gw'})
    assert done['changed'] and router.writes() == 1
    assert done['commands'] == ['/system identity set name=gw']
