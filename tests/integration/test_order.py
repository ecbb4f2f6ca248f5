# -*- coding: utf-8 -*-
"""Firewall order on the simulator: new rules land in place, moves are minimal, foreign rules stay."""


def comments(router, chain='input'):
    rules = router.run('ip_firewall_filter', state='gathered')['gathered']
    return [r.get('comment') for r in rules if r['chain'] == chain]


def rules(*names):
    return [{'chain': 'input', 'comment': name} for name in names]


def test_order_is_kept_and_foreign_rules_are_left_alone(router):
    router.run('ip_firewall_filter', config=rules('a', 'b', 'c', 'd'))
    router.run('command', command='/ip/firewall/filter/add', arguments={'chain': 'input', 'comment': 'foreign'})
    assert comments(router) == ['a', 'b', 'c', 'd', 'foreign']

    writes = router.writes()
    moved = router.run('ip_firewall_filter', config=rules('b', 'c', 'd', 'a'))
    assert [c.split()[3] for c in moved['commands']] == ['move']
    assert router.writes() == writes + 1
    assert comments(router) == ['b', 'c', 'd', 'a', 'foreign']
    assert [r['comment'] for r in moved['after'] if r['chain'] == 'input'] == comments(router)

    added = router.run('ip_firewall_filter', config=rules('c', 'new', 'd'))
    assert added['commands'] == ['/ip firewall filter add chain=input comment="new" place-before=[find comment="d"]']
    assert comments(router) == ['b', 'c', 'new', 'd', 'a', 'foreign']

    first = router.run('ip_firewall_filter', config=rules('top', 'b'))
    assert first['commands'] == ['/ip firewall filter add chain=input comment="top" place-before=[find comment="b"]']
    assert comments(router) == ['top', 'b', 'c', 'new', 'd', 'a', 'foreign']
    assert router.run('ip_firewall_filter', config=rules('top', 'b'))['changed'] is False


def test_overridden_removes_foreign_rules_and_sets_the_order(router):
    router.run('ip_firewall_filter', config=rules('a', 'b', 'c'))
    router.run('command', command='/ip/firewall/filter/add', arguments={'chain': 'input', 'comment': 'foreign'})
    result = router.run('ip_firewall_filter', state='overridden', config=rules('c', 'a'))
    assert comments(router) == ['c', 'a']
    assert [r['comment'] for r in result['after']] == ['c', 'a']
    assert router.run('ip_firewall_filter', state='overridden', config=rules('c', 'a'))['changed'] is False


def test_chains_keep_their_own_order(router):
    config = rules('in1', 'in2') + [{'chain': 'forward', 'comment': 'fw1'}, {'chain': 'forward', 'comment': 'fw2'}]
    router.run('ip_firewall_filter', config=config)
    assert router.run('ip_firewall_filter', config=config[2:] + config[:2])['changed'] is False
    assert comments(router, 'forward') == ['fw1', 'fw2']
