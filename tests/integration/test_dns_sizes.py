# -*- coding: utf-8 -*-
"""/ip dns cache-size against a router that prints sizes with their unit (2048KiB)."""


def test_cache_size_in_kib_is_idempotent(router):
    first = router.run('ip_dns', config={'cache_size': 4096})
    assert first['changed'] and first['after']['cache_size'] == 4096
    count = router.writes()
    second = router.run('ip_dns', config={'cache_size': 4096})
    assert second['changed'] is False and second['commands'] == []
    assert router.writes() == count
    assert router.run('ip_dns', state='gathered')['gathered']['cache_size'] == 4096
