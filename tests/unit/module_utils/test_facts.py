# -*- coding: utf-8 -*-
"""facts.py returns exactly the facts its documentation (docs/modules/facts.yml) describes."""

import os

import yaml

from fake_routeros import FakeClient

from ansible_collections.soho.routeros.plugins.module_utils import facts

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))


def test_the_gathered_facts_are_the_documented_ones():
    client = FakeClient({'/system/identity': [{'name': 'gw'}], '/ipv6/pool': [{'name': 'pd', 'prefix': '2001:db8::/56',
                                                                               'prefix-length': '64', 'dynamic': 'true'}]})
    client.resource = {'version': '6.49.10 (long-term)', 'board-name': 'hAP'}
    gathered = facts.gather(client)
    with open(os.path.join(ROOT, 'docs', 'modules', 'facts.yml')) as stream:
        documented = yaml.safe_load(stream)['returns']['ansible_facts']['contains']
    assert sorted(gathered) == sorted(documented)
    assert gathered['routeros_version'] == '6.49.10' and gathered['routeros_identity'] == 'gw'
    assert gathered['routeros_delegated_prefixes'] == [{'pool': 'pd', 'prefix': '2001:db8::/56', 'prefix_length': '64'}]
