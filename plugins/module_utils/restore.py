# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Restore a snapshot path by path, in restore rank, keeping the controller's way in.

Each path is applied by the engine with ``overridden`` (``replaced`` for single menus). Before
that, the paths that carry the controller's access (``management`` in their description) get back
what the controller needs: the address it reaches the router at, the user it logs in as, the API
service it connects through, whatever the snapshot says.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import socket

from ansible_collections.soho.routeros.plugins.module_utils import engine, guard, redaction, schema
from ansible_collections.soho.routeros.plugins.module_utils import snapshot_files as files
from ansible_collections.soho.routeros.plugins.module_utils.description import restore_order
from ansible_collections.soho.routeros.plugins.module_utils.errors import RouterOSError

try:
    import netaddr
except ImportError:
    netaddr = None


def _ip(text):
    try:
        return str(netaddr.IPNetwork(str(text)).ip)
    except Exception:
        return None


def _covers(networks, address):
    for network in networks:
        try:
            if netaddr.IPAddress(address) in netaddr.IPNetwork(str(network)):
                return True
        except Exception:
            continue
    return False


def _management(client, params):
    """What restore must keep: the router address the controller talks to, its own address, the service and user."""
    router_ip = client.peer_address
    if router_ip is None:
        try:
            router_ip = socket.gethostbyname(params.get('hostname') or '')
        except (OSError, UnicodeError):
            pass
    # Behind NAT the socket's own address is not the one the router sees; /user active shows that one.
    controller_ip = guard.controller_address(client, params.get('username'), client.local_address) or client.local_address
    return {
        'router_ip': router_ip,
        'controller_ip': controller_ip,
        'service': 'api-ssl' if params.get('tls') else 'api',
        'username': params.get('username'),
    }


def _keep_address(path, desired, current, mgmt, notes):
    """The address the controller reaches the router at stays on its interface."""
    if not mgmt['router_ip']:
        return
    for row in current:
        if _ip(row.get('address')) != mgmt['router_ip']:
            continue
        if not any(_ip(w.get('address')) == mgmt['router_ip'] and w.get('interface') == row.get('interface') for w in desired):
            desired.append(row)
            notes.append('%s: kept %s on %s, the address this controller reaches the router at.'
                         % (path.name, row.get('address'), row.get('interface')))


def _keep_login(path, desired, current, mgmt, notes):
    """The user the controller logs in as stays, enabled."""
    if not mgmt['username']:
        return
    mine = next((w for w in desired if w.get('name') == mgmt['username']), None)
    if mine is None:
        row = next((r for r in current if r.get('name') == mgmt['username']), None)
        if row is not None:
            desired.append(row)
            notes.append('%s: kept %s, the user this controller logs in as.' % (path.name, mgmt['username']))
    elif mine.get('disabled'):
        mine['disabled'] = False
        notes.append('%s: left %s enabled, the user this controller logs in as.' % (path.name, mgmt['username']))


def _keep_service(path, desired, current, mgmt, notes):
    """The API service the controller uses stays enabled, on its port, open to the controller's address."""
    now = next((r for r in current if r.get('name') == mgmt['service']), {})
    mine = next((w for w in desired if w.get('name') == mgmt['service']), None)
    if mine is None:
        return
    if mine.get('disabled'):
        mine['disabled'] = False
        notes.append('%s: left %s enabled, the service this controller uses.' % (path.name, mgmt['service']))
    if now.get('port') is not None and mine.get('port') not in (None, now.get('port')):
        notes.append('%s: left the %s port at %s (the snapshot has %s) so this controller keeps its connection.'
                     % (path.name, mgmt['service'], now.get('port'), mine.get('port')))
        mine['port'] = now.get('port')
    allowed = mine.get('address') or []
    if allowed and mgmt['controller_ip'] and not _covers(allowed, mgmt['controller_ip']):
        host = mgmt['controller_ip'] + ('/128' if ':' in mgmt['controller_ip'] else '/32')
        mine['address'] = list(allowed) + [host]
        notes.append('%s: added %s to the addresses allowed to use %s, so this controller keeps its access.'
                     % (path.name, host, mgmt['service']))


# management trait -> what restore keeps of it.
PROTECT = {'address': _keep_address, 'login': _keep_login, 'service': _keep_service}


def _present_only(path, desired, current, notes):
    """Entries of a fixed menu (ports, services, packages) that this router has; a replacement may have fewer ports."""
    have = set(path.key(row) for row in current)
    kept = []
    for row in desired:
        if path.key(row) in have:
            kept.append(row)
        else:
            notes.append('%s: this router has no %s, so its settings in the snapshot were not restored.'
                         % (path.name, path.key_text(row)))
    return kept


def _with_passwords(desired, current, passwords, notes):
    """Users the restore creates get their password from ``user_passwords``, or are created disabled."""
    existing = set(r.get('name') for r in current)
    rows = []
    for row in desired:
        row = dict(row)
        if row.get('name') not in existing:
            if row.get('name') in passwords:
                row['password'] = passwords[row['name']]
            else:
                row['disabled'] = True
                notes.append('user: created %s disabled, because user_passwords (restore_user_passwords) has no password '
                             'for it; set one and enable the user.' % row.get('name'))
        rows.append(row)
    return rows


def _desired(path, config, current, passwords, mgmt, notes):
    """What ``path`` is to have: ``config`` with the entries this router lacks left out and the controller's access kept."""
    if path.management == 'login':
        config = _with_passwords(config, current, passwords, notes)
    if path.kind == 'fixed':
        config = _present_only(path, config, current, notes)
    if path.management in PROTECT and not path.single:
        PROTECT[path.management](path, config, current, mgmt, notes)
    return config


def restore(client, params, check_mode=False, diff_mode=False):
    found = files.find_snapshot(params['backup_dir'], params['router'], params.get('snapshot'))
    document = files.load_snapshot(found)
    key = files.load_key(params['backup_dir'], create=False)
    given = [s for s in (params.get('secrets') or []) if s]
    passwords = dict((k, v) for k, v in (params.get('user_passwords') or {}).items() if v)
    hidden = set(given) | set(passwords.values())
    mgmt = _management(client, params)
    notes, done, commands, diffs, skipped = [], {}, [], [], []
    reboot_required = False
    if document.get('redacted') and key is None:
        notes.append('The key %s is missing, so redacted values cannot be matched; entries holding them are not restored.'
                     % os.path.join(params['backup_dir'], files.KEY_FILE))
    for path in restore_order(schema.PATHS):
        name = path.name
        config = document['paths'].get(name)
        if config is None:
            continue
        try:
            current = engine.run(path, [], 'gathered', client)['gathered']
        except RouterOSError as exc:
            if 'no such command' in str(exc):
                skipped.append(name)
                notes.append('%s: the router has no such menu now (an ipv6 package enabled by this restore needs a '
                             'reboot); run the restore again after the reboot.' % name)
                continue
            raise RouterOSError('Restore stopped at %s (%s) after %d paths: %s'
                                % (name, path.path, len(done), redaction.scrub(str(exc), hidden)))
        current = path.settings(current) if path.single else [path.settings(row) for row in current]
        known = redaction.secret_values(path, redaction.entries(current))
        hidden.update(known)
        desired = redaction.resolve(name, config, current, redaction.resolver(key, given + known), notes)
        if not path.single:
            desired = _desired(path, desired, current, passwords, mgmt, notes)
        try:
            result = engine.run(path, desired, 'replaced' if path.single else 'overridden', client, check_mode)
        except RouterOSError as exc:
            raise RouterOSError('Restore stopped at %s (%s) after %d paths: %s'
                                % (name, path.path, len(done), redaction.scrub(str(exc), hidden)))
        reboot_required = reboot_required or bool(result.get('reboot_required'))
        done[name] = {'changed': result['changed'], 'commands': result['commands']}
        commands.extend(result['commands'])
        diffs.extend(d for d in result['diff'] if 'prepared' not in d)
    output = {
        'changed': any(r['changed'] for r in done.values()),
        'snapshot': found,
        'paths': done,
        'commands': commands,
        'skipped_paths': skipped,
        'reboot_required': reboot_required,
    }
    if notes:
        output['warnings'] = notes
    if diff_mode:
        output['diff'] = diffs + ([{'prepared': 'RouterOS commands:\n' + '\n'.join(commands) + '\n'}] if commands else [])
    secrets = sorted((s for s in hidden if len(s) >= 3), key=len, reverse=True)
    return redaction.scrub(output, secrets)
