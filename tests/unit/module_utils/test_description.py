# -*- coding: utf-8 -*-
"""description.py: a path description is checked once and refused when it holds what the collection does
not know; identity, restore rank, management access and secrets are traits of the description."""

import copy

import pytest

from ansible_collections.soho.routeros.plugins.module_utils import description, schema
from ansible_collections.soho.routeros.plugins.module_utils.description import DescriptionError, PathDescription

DNS = schema.MENUS['ip_dns']


def with_change(raw, **changes):
    raw = copy.deepcopy(raw)
    raw.update(changes)
    return raw


def test_every_path_of_the_schema_loads():
    assert sorted(schema.PATHS) == sorted(schema.MENUS)
    assert all(isinstance(path, PathDescription) for path in schema.PATHS.values())


@pytest.mark.parametrize('raw, message', [
    (with_change(DNS, keyz=['servers']), 'unknown keys keyz'),
    (with_change(DNS, kind='singel'), "kind 'singel'"),
    (dict((k, v) for k, v in DNS.items() if k != 'restore'), 'missing keys restore'),
    (with_change(DNS, restore='late'), 'restore must be a rank'),
    (with_change(DNS, management='ssh'), "management 'ssh'"),
    (with_change(DNS, flags=['dinamic']), 'flags'),
    (with_change(DNS, fields=dict(DNS['fields'], cache_size={'type': 'int', 'defualt': 2048})), 'field cache_size: unknown keys defualt'),
    (with_change(DNS, fields=dict(DNS['fields'], cache_size={'type': 'integer'})), "type 'integer'"),
    (with_change(DNS, fields=dict(DNS['fields'], allow_remote_requests={'type': 'bool', 'default': 'maybe'})), "default 'maybe'"),
    (with_change(DNS, fields=dict(DNS['fields'], servers={'type': 'set', 'redact': 'always'})), "redact 'always'"),
    (with_change(DNS, apply_on_reboot=True), 'apply_on_reboot'),
    (with_change(schema.MENUS['ip_firewall_filter'], order_by=None), 'order_by'),
    (with_change(schema.MENUS['ip_pool'], default_entry={'ranges': 'x'}), 'default_entry'),
])
def test_a_description_with_what_the_collection_does_not_know_is_refused(raw, message):
    with pytest.raises(DescriptionError, match=message):
        description.load({'ip_dns': raw})


def test_identity_is_the_keys_else_the_comment_else_the_full_content():
    address = schema.PATHS['ip_address']
    rules = schema.PATHS['ip_firewall_filter']
    assert address.identity({'address': '192.168.88.1/24'}) == ['address', 'interface']
    assert rules.identity({'chain': 'input', 'comment': 'x'}) == ['comment']
    assert rules.identity({'chain': 'input', 'action': 'drop'}) is None
    assert schema.PATHS['ip_dns'].identity({}) == []
    # A rule is found within its chain: the same comment in another chain is another rule.
    assert rules.key({'chain': 'input', 'comment': 'x'}) != rules.key({'chain': 'forward', 'comment': 'x'})
    assert rules.matches({'chain': 'input', 'comment': 'x'}, {'chain': 'input', 'comment': 'x', 'action': 'drop'})
    assert not rules.matches({'chain': 'forward', 'comment': 'x'}, {'chain': 'input', 'comment': 'x'})


def test_identity_compares_canonical_forms_and_the_pool_of_a_pool_address():
    lease = schema.PATHS['ip_dhcp_server_lease']
    assert lease.key({'mac_address': '00-11-22-aa-bb-cc'}) == lease.key({'mac_address': '00:11:22:AA:BB:CC'})
    ipv6 = schema.PATHS['ipv6_address']
    same_host = {'address': '::1/64', 'interface': 'bridge'}
    assert ipv6.key(dict(same_host, from_pool='a')) != ipv6.key(dict(same_host, from_pool='b'))


def test_restore_rank_puts_the_controllers_way_in_last():
    order = [path.name for path in description.restore_order(schema.PATHS)]
    management = [name for name in order if schema.PATHS[name].management in ('service',)]
    assert order[-len(management):] == management == ['ip_service']


def test_management_access_and_secrets_are_traits_of_the_paths():
    traits = dict((name, path.management) for name, path in schema.PATHS.items() if path.management)
    assert traits == {'ip_address': 'address', 'ipv6_address': 'address', 'user': 'login', 'ip_service': 'service',
                      'ip_firewall_filter': 'firewall', 'ipv6_firewall_filter': 'firewall', 'ip_firewall_raw': 'firewall'}
    community = schema.PATHS['snmp_community']
    assert community.is_clear_secret('name', 'Hard2Guess') and not community.is_clear_secret('name', 'public')
    assert not schema.PATHS['snmp'].is_clear_secret('trap_community', 'public')
    script = schema.PATHS['system_script']
    assert script.is_clear_secret('source', '/tool fetch user=a password=b') and not script.is_clear_secret('source', '/export')
    assert schema.PATHS['user'].secret_fields() == ['password']


def test_the_default_entry_is_flagged_and_imagined_on_a_reset_router():
    nd = schema.PATHS['ipv6_nd']
    assert nd.default_entry == {'interface': 'all'} and 'default' in nd.flags
    assert 'default' not in schema.PATHS['ip_address'].flags
