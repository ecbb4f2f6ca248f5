# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The facts module: what it reads, returned as ``routeros_*`` facts (docs/modules/facts.yml documents each)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.soho.routeros.plugins.module_utils import connection
from ansible_collections.soho.routeros.plugins.module_utils.errors import RouterOSError

_BOOLEANS = ('running', 'disabled', 'dynamic', 'invalid')


def _rows(client, path, proplist):
    return [dict((k.replace('-', '_'), _value(k, v)) for k, v in row.items() if k != '.id')
            for row in client.print(path, proplist)]


def _value(name, word):
    if name in _BOOLEANS:
        return str(word).lower() in ('true', 'yes')
    return word


# Path -> the properties the facts show of it, read in one round trip.
READS = {
    '/system/identity': ['name'],
    '/interface': ['name', 'type', 'mac-address', 'running', 'disabled', 'comment'],
    '/ip/address': ['address', 'network', 'interface', 'dynamic', 'disabled'],
    '/ip/dhcp-client': ['interface', 'status', 'address', 'gateway', 'disabled'],
    '/ipv6/address': ['address', 'interface', 'from-pool', 'dynamic', 'disabled'],
    '/ipv6/dhcp-client': ['interface', 'request', 'status', 'prefix', 'pool-name', 'disabled'],
    '/ipv6/pool': ['name', 'prefix', 'prefix-length', 'dynamic'],
}


def gather(client):
    client.prefetch(READS.items())
    resource = client.resource
    identity = client.print('/system/identity', READS['/system/identity'])
    facts = {
        'routeros_model': resource.get('board-name'),
        'routeros_version': resource.get('version', '').split(' ')[0],
        'routeros_version_full': resource.get('version'),
        'routeros_architecture': resource.get('architecture-name'),
        'routeros_uptime': resource.get('uptime'),
        'routeros_identity': identity[0].get('name') if identity else None,
        'routeros_interfaces': _rows(client, '/interface', READS['/interface']),
        'routeros_ipv4_addresses': _rows(client, '/ip/address', READS['/ip/address']),
        'routeros_dhcp_clients': _rows(client, '/ip/dhcp-client', READS['/ip/dhcp-client']),
    }
    try:
        facts['routeros_ipv6_addresses'] = _rows(client, '/ipv6/address', READS['/ipv6/address'])
        facts['routeros_dhcpv6_clients'] = _rows(client, '/ipv6/dhcp-client', READS['/ipv6/dhcp-client'])
        pools = _rows(client, '/ipv6/pool', READS['/ipv6/pool'])
        facts['routeros_ipv6_enabled'] = True
    except RouterOSError:
        # v6 keeps IPv6 in a separate package; while it is disabled the /ipv6 menus do not exist.
        facts.update(routeros_ipv6_addresses=[], routeros_dhcpv6_clients=[], routeros_ipv6_enabled=False)
        pools = []
    facts['routeros_delegated_prefixes'] = [
        {'pool': p.get('name'), 'prefix': p.get('prefix'), 'prefix_length': p.get('prefix_length')}
        for p in pools if p.get('dynamic')]
    return facts


def run(params, check_mode=False, diff_mode=False):
    with connection.session(params) as client:
        return {'changed': False, 'ansible_facts': gather(client)}
