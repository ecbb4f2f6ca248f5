# -*- coding: utf-8 -*-
"""The sessions a run keeps (soho.routeros.api connection): one login, prints reused until a write, reads pipelined."""

import pytest

from ansible_collections.soho.routeros.plugins.module_utils import connection, engine, runner, schema


@pytest.fixture
def router(routeros_sim_factory):
    sim = routeros_sim_factory('--factory', 'blank')
    control = sim.api()
    list(control('/sim/stats/reset'))
    yield sim, control
    control.close()


def traffic(control):
    (stats,) = control('/sim/stats/print')
    return stats, dict((row['path'], row['count']) for row in control('/sim/stats/prints/print'))


def params(sim, **extra):
    return dict({'hostname': sim.host, 'port': sim.port, 'username': 'admin', 'password': '', 'timeout': 5}, **extra)


def test_a_kept_session_logs_in_once_and_prints_a_path_again_only_after_a_write(router):
    sim, control = router
    sessions = connection.Sessions(dict((p.path, engine.proplist(p)) for p in schema.PATHS.values()))
    try:
        first, again = sessions.client(params(sim)), sessions.client(params(sim))
        assert first is again
        assert first.print('/ip/pool', ['name']) == []
        assert first.print('/ip/pool', ['name', 'ranges']) == []
        first.add('/ip/pool', {'name': 'lan', 'ranges': '10.0.0.10-10.0.0.20'})
        assert first.print('/ip/pool', ['name']) == [{'name': 'lan'}]
        assert first.print('/ip/pool', ['ranges']) == [{'ranges': '10.0.0.10-10.0.0.20'}]
    finally:
        sessions.close()
    stats, prints = traffic(control)
    assert stats['logins'] == 1
    assert prints == {'/system/resource': 1, '/ip/pool': 2}


def test_other_connection_options_get_a_session_of_their_own_and_a_broken_one_is_replaced(router):
    sim, control = router
    sessions = connection.Sessions()
    try:
        plain = sessions.client(params(sim))
        assert sessions.client(params(sim, timeout=7)) is not plain
        plain.broken = True
        assert sessions.client(params(sim)) is not plain
    finally:
        sessions.close()
    assert traffic(control)[0]['logins'] == 3


def test_prefetched_paths_give_the_rows_single_prints_give_and_a_refused_one_its_error(router):
    sim, control = router
    paths = [p for p in schema.PATHS.values() if not p.path.startswith('/ipv6/')]
    with connection.session(params(sim)) as client:
        alone = dict((p.path, client.exchange(p.path, 'print', extra=['=.proplist=%s' % ','.join(engine.proplist(p))])[0])
                     for p in paths)
        client.prefetch([(p.path, engine.proplist(p)) for p in paths] + [('/no/such/menu', ['name'])])
        assert dict((p.path, client.print(p.path, engine.proplist(p))) for p in paths) == alone
        with pytest.raises(Exception) as info:
            client.print('/no/such/menu', ['name'])
    assert "RouterOS refused '/no/such/menu/print'" in str(info.value)
    prints = traffic(control)[1]
    assert all(prints[p.path] == 2 for p in paths), prints
    assert prints['/no/such/menu'] == 2


def test_the_runner_keeps_sessions_for_its_process(router, monkeypatch):
    sim, control = router
    monkeypatch.setattr(connection, '_KEPT', [])
    runner.keep_sessions()
    try:
        for _run in range(3):
            assert runner.run('ip_dns', params(sim, state='gathered'))['changed'] is False
            assert runner.run('facts', dict(params(sim), gather_subset=['interfaces']))['ansible_facts']['routeros_interfaces']
        runner.run('system_identity', params(sim, state='merged', config={'name': 'office'}))
        assert runner.run('facts', dict(params(sim), gather_subset=['interfaces']))['ansible_facts']['routeros_identity'] == 'office'
        runner.run('interface_bridge', params(sim, state='merged', config=[{'name': 'bridge1'}]))
        interfaces = runner.run('facts', dict(params(sim), gather_subset=['interfaces']))['ansible_facts']['routeros_interfaces']
        assert 'bridge1' in [row['name'] for row in interfaces]
    finally:
        connection.close_sessions()
    stats, prints = traffic(control)
    assert stats['logins'] == 1
    assert prints['/ip/dns'] == 1 and prints['/interface'] == 2, 'four runs of facts, one more after the bridge'
    assert prints['/system/identity'] == 3, 'facts and the identity task, then facts after its write and after the bridge'


def test_a_write_forgets_the_prints_of_the_paths_it_can_change_and_keeps_the_others(router):
    """A firewall rule changes its own table; a pool rename shows in the DHCP server that uses it; a new interface
    shows in many menus (and an unknown command may change anything): the cache forgets what may have changed."""
    sim, control = router
    reads = {'/ip/firewall/filter': ['chain', 'comment'], '/interface': ['name'], '/ip/pool': ['name'],
             '/ip/dhcp-server': ['name', 'address-pool']}
    sessions = connection.Sessions(reach=runner.description.write_reach(schema.PATHS))
    try:
        client = sessions.client(params(sim))
        client.prefetch(reads.items())
        counts = []

        def reprinted():
            before = traffic(control)[1]
            rows = dict((path, client.print(path, names)) for path, names in reads.items())
            after = traffic(control)[1]
            counts.append(sorted(path for path in reads if after.get(path, 0) > before.get(path, 0)))
            return rows

        client.add('/ip/firewall/filter', {'chain': 'input', 'action': 'accept', 'comment': 'one'})
        assert reprinted()['/ip/firewall/filter'] == [{'chain': 'input', 'comment': 'one'}]
        pool = client.add('/ip/pool', {'name': 'lan', 'ranges': '10.0.0.10-10.0.0.20'})
        client.add('/ip/dhcp-server', {'name': 'dhcp1', 'interface': 'ether2', 'address-pool': 'lan'})
        client.set('/ip/pool', pool, {'name': 'office'})
        assert reprinted()['/ip/dhcp-server'] == [{'name': 'dhcp1', 'address-pool': 'office'}]
        client.add('/interface/bridge', {'name': 'bridge1'})
        assert 'bridge1' in [row['name'] for row in reprinted()['/interface']]
    finally:
        sessions.close()
    assert counts == [['/ip/firewall/filter'], ['/ip/dhcp-server', '/ip/pool'], sorted(reads)]


def test_a_batch_runs_its_calls_in_order_and_a_refusal_comes_once_every_answer_is_in(router):
    sim, control = router
    with connection.session(params(sim)) as client:
        calls = [('add', {'chain': 'input', 'action': 'accept', 'comment': str(n)}) for n in range(5)]
        answers = client.batch('/ip/firewall/filter', calls)
        assert [row['comment'] for row in client.print('/ip/firewall/filter', ['comment'])] == ['0', '1', '2', '3', '4']
        assert [row['.id'] for row in client.print('/ip/firewall/filter', ['.id'])] == [done['ret'] for done in answers]
        with pytest.raises(Exception) as info:
            client.batch('/ip/pool', [('add', {'name': 'a', 'ranges': '10.0.0.1-10.0.0.2'}),
                                      ('add', {'name': 'b', 'ranges': 'nonsense'}),
                                      ('add', {'name': 'c', 'ranges': '10.0.0.3-10.0.0.4'})])
        assert str(info.value).startswith("RouterOS refused '/ip/pool/add': ")
        assert not client.broken
        assert [row['name'] for row in client.print('/ip/pool', ['name'])] == ['a', 'c']
