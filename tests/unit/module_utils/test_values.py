# -*- coding: utf-8 -*-
"""Value types: equal forms compare equal, invalid values are refused with a reason."""

import pytest

from ansible_collections.soho.routeros.plugins.module_utils import values


def canon(kind, value, **extra):
    return values.canonical(dict(type=kind, **extra), value)


@pytest.mark.parametrize('form', ['10m', '00:10:00', '600s', '600', 600, '0d00:10:00', '9m60s'])
def test_duration_forms_are_equal(form):
    assert canon('duration', form) == 600


def test_duration_with_days_and_weeks():
    assert canon('duration', '1w2d3h4m5s') == 7 * 86400 + 2 * 86400 + 3 * 3600 + 4 * 60 + 5
    assert canon('duration', '1d00:00:01') == 86401


@pytest.mark.parametrize('bad', ['ten minutes', '10x', '1:99:00', True])
def test_bad_duration(bad):
    assert values.validate({'type': 'duration'}, bad)


def test_duration_range():
    assert canon('duration_range', '3m20s-10m') == (200, 600)
    assert canon('duration_range', '200-00:10:00') == (200, 600)


@pytest.mark.parametrize('bad', ['10s', '1m-20s', 'a-b', '1s-10s'])
def test_bad_duration_range(bad):
    assert values.validate({'type': 'duration_range', 'limits': [3, 1800]}, bad)


@pytest.mark.parametrize('form', [True, 'yes', 'true', 'True', 'on'])
def test_booleans(form):
    assert canon('bool', form) is True


def test_ipv4_prefix_keeps_host_bits_and_defaults_to_32():
    assert canon('ipv4_prefix', '192.168.88.1/24') == '192.168.88.1/24'
    assert canon('ipv4_prefix', '10.0.0.1') == canon('ipv4_prefix', '10.0.0.1/32')


def test_ipv4_network_masks_host_bits():
    assert canon('ipv4_network', '192.168.88.1/24') == canon('ipv4_network', '192.168.88.0/24')


def test_ipv6_forms_are_equal():
    assert canon('ipv6_prefix', '2001:DB8:0:0::1/64') == canon('ipv6_prefix', '2001:db8::1/64')
    assert canon('ipv6_network', '2001:db8:0:0:0:0:0:0/32') == '2001:db8::/32'


def test_firewall_matchers():
    assert canon('ipv4_match', '!192.168.88.0/24') == '!192.168.88.0/24'
    assert canon('ipv4_match', '10.0.0.1/32') == canon('ipv4_match', '10.0.0.1')
    assert canon('ipv4_match', '10.0.0.1-10.0.0.9') == '10.0.0.1-10.0.0.9'
    assert values.validate({'type': 'ipv4_match'}, '10.0.0.9-10.0.0.1')


@pytest.mark.parametrize('kind,bad,words', [
    ('ipv4_prefix', '192.168.88.300/24', "'192.168.88.300/24' is not a valid IPv4 prefix"),
    ('ipv4_prefix', '192.168.88.1/33', 'is not a valid IPv4 prefix'),
    ('ipv4_address', 'fe80::1', 'is not a valid IPv4 address'),
    ('ipv6_prefix', '2001:db8::g/64', 'is not a valid IPv6 prefix'),
])
def test_bad_addresses_name_the_problem(kind, bad, words):
    assert words in values.validate({'type': kind}, bad)


def test_pool_ranges():
    field = {'type': 'set', 'elements': 'ipv4_range'}
    assert values.canonical(field, ['192.168.88.10-192.168.88.20', '10.0.0.0/30']) == \
        values.canonical(field, '10.0.0.0-10.0.0.3,192.168.88.10-192.168.88.20')
    assert 'ends before it starts' in values.validate(field, ['192.168.88.20-192.168.88.10'])
    assert values.validate(field, ['192.168.88.10-192.168.89.300'])


def test_sets_ignore_order_and_lists_do_not():
    assert canon('set', ['b', 'a', 'a']) == canon('set', 'a,b')
    assert canon('list', ['b', 'a']) != canon('list', 'a,b')


def test_enum_choices():
    field = {'type': 'enum', 'choices': ['yes', 'no', 'special-classless']}
    assert values.canonical(field, True) == 'yes'
    assert values.validate(field, 'maybe')


def test_empty_equals_unset_forms():
    assert canon('ipv4_match', '') == canon('set', []) == ''


def test_negated_sets():
    field = {'type': 'set', 'elements': 'enum', 'choices': ['dstnat', 'srcnat']}
    assert values.canonical(field, ['!dstnat']) == values.canonical(field, '!dstnat') == ('!', ('dstnat',))
    assert values.canonical(field, ['!dstnat']) != values.canonical(field, ['dstnat'])
    assert values.to_api(field, ['!dstnat']) == '!dstnat'


@pytest.mark.parametrize('form', ['3:00', '03:00:00', '3:0:0', ' 03:00 '])
def test_time_of_day_forms_are_equal(form):
    """A scheduler written with start_time 3:00 must not change every run against RouterOS's 03:00:00."""
    assert values.canonical({'type': 'time_of_day'}, form) == '03:00:00'
    assert values.canonical({'type': 'time_of_day'}, 'Startup') == 'startup'


@pytest.mark.parametrize('bad', ['24:00:00', '12:60', 'noon', '3'])
def test_bad_time_of_day(bad):
    assert 'time of day' in values.validate({'type': 'time_of_day'}, bad)


def test_gateway_forms_are_equal():
    gateway = {'type': 'gateway'}
    assert values.canonical(gateway, 'FE80:0::1%ether1') == values.canonical(gateway, 'fe80::1%ether1') == 'fe80::1%ether1'
    assert values.canonical(gateway, '2001:DB8:0::1') == '2001:db8::1'
    assert values.canonical(gateway, '192.168.88.2') == '192.168.88.2'
    assert values.canonical(gateway, 'pppoe-out1') == 'pppoe-out1'
    assert values.canonical(gateway, '10.0.0.1, 10.0.0.2') == '10.0.0.1,10.0.0.2'
