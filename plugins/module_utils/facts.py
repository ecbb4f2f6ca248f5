# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The facts module: what it reads, returned as ``routeros_*`` facts (docs/modules/facts.yml documents each)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import re
import uuid

from ansible_collections.soho.routeros.plugins.module_utils import backup_fetch, connection, engine, redaction, schema
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

# gather_subset names -> the paths each reads (``system`` also reads /system/resource, which every session reads).
SUBSETS = {
    'system': ['/system/identity'],
    'interfaces': ['/interface'],
    'ipv4': ['/ip/address', '/ip/dhcp-client'],
    'ipv6': ['/ipv6/address', '/ipv6/dhcp-client', '/ipv6/pool'],
    # The export: written to a temporary file on the router and read over SFTP (config()).
    'config': [],
}

OPTIONS = {
    'gather_subset': {'type': 'list', 'elements': 'str', 'default': ['min']},
    # Module names whose C(gathered) state this task returns too, all read in one round trip.
    'paths': {'type': 'list', 'elements': 'str', 'default': [], 'choices': sorted(schema.PATHS)},
}
# How the config subset reads the export: SFTP on the router's ssh service, as backup_fetch reads the exports.
OPTIONS.update(backup_fetch.SSH_OPTIONS)
OPTIONS['known_hosts'] = dict(OPTIONS['known_hosts'], default='~/.ansible/soho.routeros/known_hosts')

# In check mode the config subset reads the newest daily export of the backup role instead of writing one.
DAILY_EXPORT = re.compile(r'^[A-Za-z0-9_-]*\d{4}-\d{2}-\d{2}\.rsc$')


def subsets(requested):
    """The subsets ``gather_subset`` asks for, as Ansible's network facts modules read it: C(min) (the default: the
    system facts, always gathered), C(all), subset names, C(!name) to leave one out of all, C(!all) for only the named
    ones."""
    include, left_out, none_by_default = set(), set(), False
    named = False
    for word in requested or ['min']:
        excluded = word.startswith('!')
        name = word[1:] if excluded else word
        if name not in SUBSETS and name not in ('all', 'min'):
            raise RouterOSError('gather_subset: %r is not a subset; choose from all, min, %s (!name leaves one out).'
                                % (word, ', '.join(sorted(SUBSETS))))
        if excluded and name in ('min', 'system'):
            raise RouterOSError('gather_subset: %r: the system facts (min) are always gathered.' % word)
        if excluded and name == 'all':
            none_by_default = True
        elif excluded:
            left_out.add(name)
        else:
            named = True
            include |= set(SUBSETS) if name == 'all' else set([name]) if name != 'min' else set()
    if not named and not none_by_default:
        include = set(SUBSETS)
    return sorted((include - left_out) | set(['system']))


def gather(client, wanted=None, also=()):
    """The facts of the subsets ``wanted``; ``also``: more (path, proplist) reads to make in the same round trip."""
    wanted = sorted(SUBSETS) if wanted is None else wanted
    client.prefetch([(path, READS[path]) for name in wanted for path in SUBSETS[name]] + list(also))
    facts = {'routeros_gather_subset': list(wanted)}
    if 'system' in wanted:
        resource = client.resource
        identity = client.print('/system/identity', READS['/system/identity'])
        facts.update({
            'routeros_model': resource.get('board-name'),
            'routeros_version': resource.get('version', '').split(' ')[0],
            'routeros_version_full': resource.get('version'),
            'routeros_architecture': resource.get('architecture-name'),
            'routeros_uptime': resource.get('uptime'),
            'routeros_identity': identity[0].get('name') if identity else None,
        })
    if 'interfaces' in wanted:
        facts['routeros_interfaces'] = _rows(client, '/interface', READS['/interface'])
    if 'ipv4' in wanted:
        facts['routeros_ipv4_addresses'] = _rows(client, '/ip/address', READS['/ip/address'])
        facts['routeros_dhcp_clients'] = _rows(client, '/ip/dhcp-client', READS['/ip/dhcp-client'])
    if 'ipv6' in wanted:
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


def config(client, params, check_mode):
    """(export text, where it came from): a fresh ``/export hide-sensitive`` to a temporary file, read over SFTP and
    removed; in check mode, where nothing is written, the newest dated export already on the router (None without)."""
    port = backup_fetch.ssh_port(client, params, 'gather_subset config: the ssh service of %s is disabled, and the export '
                                 'is read over SFTP (enable /ip service ssh for the controller, or leave config out).')
    if not check_mode:
        name = 'soho-facts-%s.rsc' % uuid.uuid4().hex[:12]
        client.call('/', 'export', {'file': name[:-4], 'hide-sensitive': ''})
    # One listing: after the export, or in check mode of the dated exports the router has.
    listed = dict((row.get('name'), row) for row in client.print('/file', ['.id', 'name', 'size', 'creation-time']))
    if check_mode:
        daily = sorted(name for name in listed if DAILY_EXPORT.match(name or ''))
        if not daily:
            return None, None
        name = source = daily[-1]
    elif name not in listed:
        raise RouterOSError('gather_subset config: /export file=%s wrote no file on %s.' % (name[:-4], client.where))
    else:
        source = 'export'
    sftp = backup_fetch.Sftp(params, port, os.path.expanduser(params['known_hosts'] or OPTIONS['known_hosts']['default']))
    try:
        data = sftp.read(name, int(listed[name].get('size') or 0))
    finally:
        sftp.close()
        if not check_mode:
            client.call('/file', 'remove', {'.id': listed[name]['.id']})
    return data.decode('utf-8', 'replace'), source


def run(params, check_mode=False, diff_mode=False):
    """The facts of ``gather_subset`` and, under ``gathered``, what the C(gathered) state of each module of ``paths``
    returns (by module name); every print in one round trip."""
    wanted = subsets(params.get('gather_subset'))
    menus = [(name, schema.PATHS[name]) for name in params.get('paths') or []]
    with connection.session(params) as client:
        result = {'changed': False,
                  'ansible_facts': gather(client, wanted, [(menu.path, engine.proplist(menu)) for _name, menu in menus])}
        if 'config' in wanted:
            text, source = config(client, params, check_mode)
            result['ansible_facts'].update(routeros_config=text, routeros_config_source=source)
            if text is None:
                result['warnings'] = ['gather_subset config: in check mode nothing is written on the router, and it holds '
                                      'no dated export to read instead (the backup role writes one a day).']
        if menus:
            result['gathered'] = dict((name, redaction.masked_read(menu, engine.run(menu, None, 'gathered', client)['gathered']))
                                      for name, menu in menus)
        return result
