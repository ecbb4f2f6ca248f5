# -*- coding: utf-8 -*-
"""facts.py returns exactly the facts its documentation (docs/modules/facts.yml) describes."""

import os

import pytest
import yaml

from fake_routeros import FakeClient

from ansible_collections.soho.routeros.plugins.module_utils import facts
from ansible_collections.soho.routeros.plugins.module_utils.errors import RouterOSError

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))


def test_the_gathered_facts_are_the_documented_ones():
    client = FakeClient({'/system/identity': [{'name': 'gw'}], '/ipv6/pool': [{'name': 'pd', 'prefix': '2001:db8::/56',
                                                                               'prefix-length': '64', 'dynamic': 'true'}]})
    client.resource = {'version': '6.49.10 (long-term)', 'board-name': 'hAP'}
    gathered = facts.gather(client, facts.subsets(['all']))
    with open(os.path.join(ROOT, 'docs', 'modules', 'facts.yml')) as stream:
        documented = yaml.safe_load(stream)['returns']['ansible_facts']['contains']
    # The export of the config subset is read by run() over SFTP (tests/backup/test_facts_config.py).
    assert sorted(list(gathered) + ['routeros_config', 'routeros_config_source']) == sorted(documented)
    assert gathered['routeros_version'] == '6.49.10' and gathered['routeros_identity'] == 'gw'
    assert gathered['routeros_delegated_prefixes'] == [{'pool': 'pd', 'prefix': '2001:db8::/56', 'prefix_length': '64'}]


def test_gather_subset_reads_only_the_paths_of_the_chosen_subsets():
    client = FakeClient({'/system/identity': [{'name': 'gw'}], '/interface': [{'name': 'ether1', 'running': 'true'}]})
    client.resource = {'version': '6.49.10 (long-term)'}
    gathered = facts.gather(client, facts.subsets(['interfaces']))
    assert sorted(path for path, _names in client.prints) == ['/interface', '/system/identity']
    assert gathered['routeros_gather_subset'] == ['interfaces', 'system']
    assert gathered['routeros_interfaces'] == [{'name': 'ether1', 'running': True}]
    assert 'routeros_ipv4_addresses' not in gathered and 'routeros_ipv6_enabled' not in gathered


@pytest.mark.parametrize('requested, subsets', [
    (['all'], ['config', 'interfaces', 'ipv4', 'ipv6', 'system']),
    (['min'], ['system']),
    (['!ipv6'], ['config', 'interfaces', 'ipv4', 'system']),
    (['all', '!ipv6', '!config'], ['interfaces', 'ipv4', 'system']),
    (['config'], ['config', 'system']),
    (['!all', 'ipv4'], ['ipv4', 'system']),
    (['!all'], ['system']),
])
def test_gather_subset_words(requested, subsets):
    assert facts.subsets(requested) == subsets


@pytest.mark.parametrize('requested, message', [
    (['interface'], "gather_subset: 'interface' is not a subset; choose from all, min, config, interfaces, ipv4, ipv6, system"),
    (['!min'], "gather_subset: '!min': the system facts (min) are always gathered."),
])
def test_gather_subset_refuses_unknown_words(requested, message):
    with pytest.raises(RouterOSError) as error:
        facts.subsets(requested)
    assert message in str(error.value)
