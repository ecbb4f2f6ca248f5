# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Controller-side snapshots of every path the collection manages, and their restore.

A snapshot is the ``gathered`` state of each schema path (writable fields only, so counters and
status do not make every run a new snapshot), saved in ``BACKUP_DIR/ROUTER/`` as
``STAMP.json`` (the data restore reads) and ``STAMP.rsc`` (CLI lines the engine renders from the
same data). Files are written to a temporary name in the same folder, flushed to disk and renamed,
so a killed run never leaves a partial snapshot; the ``.json`` is renamed last and is what counts.

Secrets: fields marked ``secret`` in the schema (user passwords, SNMPv3 passwords) are never read
from the router. Values RouterOS does show in clear and that work as secrets (SNMP community names
other than the factory ``public``, the trap community, script and scheduler text that mentions a
password, key or community) are replaced by ``redacted:<digest>``: an HMAC keyed with
``BACKUP_DIR/.snapshot-key``, so a changed secret still makes a new snapshot and restore can
recognise the real value (given in ``secrets``, or still on the router) without the file ever
holding it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import hashlib
import hmac
import json
import os
import re
import socket
import time

from ansible_collections.soho.routeros.plugins.module_utils import engine, guard, schema, values
from ansible_collections.soho.routeros.plugins.module_utils.errors import RouterOSError

try:
    import netaddr
except ImportError:
    netaddr = None

FORMAT = 1
KEY_FILE = '.snapshot-key'
REDACTED = 'redacted:'
MASK = '********'
SNAPSHOT_NAME = re.compile(r'^\d{8}T\d{6}\.\d{6}Z\.json$')
# A temporary file older than this belongs to a run that was killed; younger ones may be a run in progress.
STALE_TEMP_SECONDS = 300

# Restore order: what others refer to comes first (ports and their names, bridges, lists), then
# addressing, pools, DHCP, DNS, routes, the firewall tables that do not guard the router itself,
# system settings and users; the management path (input filter rules and /ip service) comes last, so
# a mistake there is the last thing applied. Every schema path must be listed (a unit test checks).
RESTORE_ORDER = [
    'system_package',
    'interface_ethernet', 'interface_bridge', 'interface_vlan', 'bridge_port', 'interface_list', 'interface_list_member',
    'ip_address', 'ipv6_settings',
    'ip_pool',
    'ip_dhcp_client', 'ip_dhcp_server', 'ip_dhcp_server_network', 'ip_dhcp_server_lease', 'ipv6_dhcp_client',
    'ipv6_address', 'ipv6_nd',
    'ip_dns', 'ip_dns_static',
    'ip_route', 'ipv6_route',
    'ip_firewall_address_list', 'ipv6_firewall_address_list', 'ip_firewall_raw', 'ip_firewall_nat',
    'ip_neighbor_discovery', 'mac_server', 'mac_server_winbox', 'tool_bandwidth_server',
    'system_identity', 'system_ntp_client', 'snmp_community', 'snmp', 'system_script', 'system_scheduler', 'user',
    'ip_firewall_filter', 'ipv6_firewall_filter', 'ip_service',
]

MANAGEMENT_PATHS = 3


def restore_order():
    """RESTORE_ORDER, with schema paths it does not list yet placed before the management paths."""
    extra = sorted(name for name in schema.MODULES if name not in RESTORE_ORDER)
    return RESTORE_ORDER[:-MANAGEMENT_PATHS] + extra + RESTORE_ORDER[-MANAGEMENT_PATHS:]


# Script text is redacted when it mentions one of these (e.g. a /tool fetch upload with a password).
SECRET_WORDS = re.compile(r'passw|pwd|secret|psk|pre-shared|community|private-key|token|api-key', re.IGNORECASE)


def _not_factory_community(value):
    return value != 'public'


def _mentions_secret(value):
    return bool(SECRET_WORDS.search(value))


# module -> field -> predicate: values shown in clear by RouterOS that are secrets when the predicate holds.
REDACT = {
    'snmp_community': {'name': _not_factory_community},
    'snmp': {'trap_community': _not_factory_community},
    'system_script': {'source': _mentions_secret},
    'system_scheduler': {'on_event': _mentions_secret},
}

OPTIONS = {
    'state': {'type': 'str', 'choices': ['saved', 'restored'], 'default': 'saved'},
    'backup_dir': {'type': 'path', 'required': True},
    'router': {'type': 'str', 'required': True},
    'retention': {'type': 'int', 'default': 30},
    'redact_secrets': {'type': 'bool', 'default': True},
    'snapshot': {'type': 'str', 'default': 'latest'},
    'secrets': {'type': 'list', 'elements': 'str', 'default': [], 'no_log': True},
    'user_passwords': {'type': 'dict', 'default': {}, 'no_log': True},
}


# ----------------------------------------------------------------------------------------- files

def router_dir(backup_dir, router):
    if not router or router in ('.', '..') or '/' in router or '\0' in router:
        raise RouterOSError('router: %r cannot name a folder under backup_dir.' % (router,))
    return os.path.join(backup_dir, router)


def _fsync_dir(path):
    try:
        handle = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def write_atomic(path, text):
    """Write ``text`` to ``path`` so that ``path`` is either absent, the old file or the complete new one."""
    folder, name = os.path.split(path)
    temp = os.path.join(folder, '.%s.%d.tmp' % (name, os.getpid()))
    handle = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(handle, 'w') as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise
    _fsync_dir(folder)


def _remove_stale_temps(folder, now):
    for name in os.listdir(folder):
        path = os.path.join(folder, name)
        if name.startswith('.') and name.endswith('.tmp'):
            try:
                if now - os.stat(path).st_mtime > STALE_TEMP_SECONDS:
                    os.unlink(path)
            except OSError:
                pass


def snapshot_files(folder):
    """The snapshot data files of a router folder, oldest first."""
    if not os.path.isdir(folder):
        return []
    return [os.path.join(folder, n) for n in sorted(os.listdir(folder)) if SNAPSHOT_NAME.match(n)]


def load_key(backup_dir, create):
    """The HMAC key of ``backup_dir``, created (mode 0600) on first use when ``create``."""
    path = os.path.join(backup_dir, KEY_FILE)
    if os.path.exists(path):
        with open(path, 'rb') as stream:
            key = stream.read()
        if key:
            return key
    if not create:
        return None
    key = os.urandom(32).hex().encode('ascii')
    temp = '%s.%d.tmp' % (path, os.getpid())
    handle = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(handle, 'wb') as stream:
        stream.write(key)
        stream.flush()
        os.fsync(stream.fileno())
    try:
        # link() fails when another run (another host, same backup_dir) created the key first: use theirs.
        os.link(temp, path)
    except OSError:
        pass
    finally:
        os.unlink(temp)
    _fsync_dir(backup_dir)
    with open(path, 'rb') as stream:
        return stream.read()


def token(key, value):
    return REDACTED + hmac.new(key, str(value).encode('utf-8'), hashlib.sha256).hexdigest()[:24]


# ------------------------------------------------------------------------------------------- gather

def gather(client):
    """module name -> configuration (writable fields) of every schema path; None where the router has no such menu."""
    paths = {}
    for name in restore_order():
        entry = schema.MODULES[name]
        try:
            gathered = engine.run(entry, [], 'gathered', client)['gathered']
        except RouterOSError as exc:
            if 'no such command' in str(exc):
                paths[name] = None
                continue
            raise
        paths[name] = _writable(entry, gathered)
    return paths


def _writable(entry, gathered):
    fields = schema.writable(entry)
    if entry['kind'] == 'single':
        return dict((k, v) for k, v in (gathered or {}).items() if k in fields)
    return [dict((k, v) for k, v in row.items() if k in fields) for row in gathered]


def _entries(config):
    if config is None:
        return []
    return [config] if isinstance(config, dict) else config


def redact(paths, key):
    """A copy of ``paths`` with every secret value replaced by its token."""
    redacted = json.loads(json.dumps(paths))
    for name, fields in REDACT.items():
        for row in _entries(redacted.get(name)):
            for field, is_secret in fields.items():
                value = row.get(field)
                if isinstance(value, str) and value and not value.startswith(REDACTED) and is_secret(value):
                    row[field] = token(key, value)
    return redacted


# Factory entries of list menus that can be set but not removed: the rendering sets them instead of adding them.
DEFAULT_ENTRIES = {
    'ipv6_nd': {'interface': 'all'},
    'snmp_community': {'name': 'public'},
}


def _without_defaults(menu, row):
    """``row`` without the fields at their default, as /export leaves them out."""
    kept = {}
    for name, value in row.items():
        field = menu.fields[name]
        if name in menu.keys or name == menu.order_by or field.get('required') or 'default' not in field:
            kept[name] = value
            continue
        try:
            if values.canonical(field, value) == values.canonical(field, field['default']):
                continue
        except (ValueError, TypeError):
            pass
        kept[name] = value
    return kept


def _rendered(name, config):
    """CLI lines that make a factory-reset router have ``config`` on the path of module ``name``."""
    menu = engine.Menu(schema.MODULES[name])
    rows = [_without_defaults(menu, row) for row in _entries(config)]
    if menu.kind == 'single':
        current = [engine.Item(None, {})]
    elif menu.kind == 'fixed':
        current = [engine.Item(None, dict((k, row.get(k)) for k in menu.keys)) for row in rows]
    elif name in DEFAULT_ENTRIES:
        current = [engine.Item(None, dict(DEFAULT_ENTRIES[name]), is_default=True)]
    else:
        current = []
    return engine.commands(menu, engine.plan(menu, rows, 'merged', current))


def render(paths, header):
    """The RouterOS script (.rsc text) that recreates ``paths``, planned and written by the engine."""
    lines = list(header)
    for name in restore_order():
        config = paths.get(name)
        if not config:
            continue
        rendered = _rendered(name, config)
        if not rendered:
            continue
        lines.append('')
        for line in rendered:
            if REDACTED in line:
                lines.append('# (redacted value, fill in the secret) ' + line)
            elif name == 'user':
                lines.append('# (set a password) ' + line)
            else:
                lines.append(line)
    return '\n'.join(lines) + '\n'


# -------------------------------------------------------------------------------------------- saved

def _stamp(now):
    return time.strftime('%Y%m%dT%H%M%S', time.gmtime(now)) + '.%06dZ' % int((now % 1) * 1000000)


def _read_json(path):
    with open(path) as stream:
        return json.load(stream)


def save(client, params, check_mode=False, now=None):
    now = time.time() if now is None else now
    folder = router_dir(params['backup_dir'], params['router'])
    retention = params.get('retention')
    if retention is None or retention < 1:
        raise RouterOSError('retention: %r must be at least 1 (the newest snapshot is always kept).' % (retention,))
    redacting = params.get('redact_secrets', True)
    paths = gather(client)
    if redacting:
        if not check_mode:
            os.makedirs(params['backup_dir'], exist_ok=True)
        key = load_key(params['backup_dir'], create=not check_mode) or os.urandom(32)
        paths = redact(paths, key)

    existing = snapshot_files(folder)
    newest = existing[-1] if existing else None
    if newest is not None:
        try:
            previous = _read_json(newest)
        except (OSError, ValueError):
            previous = {}
        if previous.get('paths') == paths and bool(previous.get('redacted')) == bool(redacting):
            return {'changed': False, 'snapshot': newest, 'rsc': newest[:-len('.json')] + '.rsc',
                    'snapshots': existing, 'removed': [], 'unavailable': _unavailable(paths)}

    stamp = _stamp(now)
    data_path = os.path.join(folder, stamp + '.json')
    rsc_path = os.path.join(folder, stamp + '.rsc')
    kept = (existing + [data_path])[-retention:]
    removed = [p for p in existing if p not in kept]
    result = {'changed': True, 'snapshot': data_path, 'rsc': rsc_path, 'snapshots': kept, 'removed': removed,
              'unavailable': _unavailable(paths)}
    if check_mode:
        return result

    taken = time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime(now))
    version = client.resource.get('version', '')
    document = {
        'format': FORMAT,
        'router': params['router'],
        'taken': taken,
        'routeros_version': version,
        'board_name': client.resource.get('board-name', ''),
        'redacted': bool(redacting),
        'paths': paths,
    }
    header = [
        '# soho.routeros snapshot of %s taken %s from RouterOS %s' % (params['router'], taken, version),
        '# Recreates the paths the collection manages, e.g. on a router reset with no default configuration.',
        '# Not included: user passwords (set them after the import) and redacted secrets (lines commented out).',
    ]
    if not os.path.isdir(folder):
        os.makedirs(folder, mode=0o700)
    _remove_stale_temps(folder, now)
    # The .rsc first: the .json is the snapshot, so it appears only when both are complete.
    write_atomic(rsc_path, render(paths, header))
    write_atomic(data_path, json.dumps(document, indent=2, sort_keys=False) + '\n')
    for path in removed:
        for victim in (path, path[:-len('.json')] + '.rsc'):
            try:
                os.unlink(victim)
            except OSError:
                pass
    _remove_orphans(folder)
    _fsync_dir(folder)
    return result


def _remove_orphans(folder):
    """An .rsc without its .json is what a run killed between the two renames leaves: not a snapshot."""
    stems = set(os.path.basename(p)[:-len('.json')] for p in snapshot_files(folder))
    for name in os.listdir(folder):
        if name.endswith('.rsc') and SNAPSHOT_NAME.match(name[:-len('.rsc')] + '.json') and name[:-len('.rsc')] not in stems:
            try:
                os.unlink(os.path.join(folder, name))
            except OSError:
                pass


def _unavailable(paths):
    return sorted(name for name, config in paths.items() if config is None)


# ----------------------------------------------------------------------------------------- restored

def find_snapshot(backup_dir, router, choice):
    """The data file ``choice`` names: ``latest``, a stamp, a file name in the router folder, or a path."""
    folder = router_dir(backup_dir, router)
    if not choice or choice == 'latest':
        files = snapshot_files(folder)
        if not files:
            raise RouterOSError('No snapshot of %s in %s: take one with the backup role (playbooks/backup.yml) first.'
                                % (router, folder))
        return files[-1]
    candidates = [choice, os.path.join(folder, choice), os.path.join(folder, choice + '.json')]
    if choice.endswith('.rsc'):
        candidates.insert(0, os.path.join(folder, choice[:-len('.rsc')] + '.json'))
    for path in candidates:
        if os.path.isfile(path) and path.endswith('.json'):
            return path
    raise RouterOSError('snapshot: %r is not a snapshot of %s; the snapshots are the .json files in %s.'
                        % (choice, router, folder))


def load_snapshot(path):
    try:
        document = _read_json(path)
    except (OSError, ValueError) as exc:
        raise RouterOSError('Cannot read the snapshot %s: %s.' % (path, exc))
    if not isinstance(document, dict) or document.get('format') != FORMAT or not isinstance(document.get('paths'), dict):
        raise RouterOSError('%s is not a soho.routeros snapshot (format %s).' % (path, FORMAT))
    return document


def _resolver(key, values_known):
    table = {}
    if key:
        for value in values_known:
            table[token(key, value)] = value
    return table


def _resolve(name, config, current, table, notes):
    """``config`` with tokens replaced by the values they stand for.

    A list entry left unresolved is dropped (nothing of it is created); a setting of a single-entry
    menu left unresolved keeps the value the router has now.
    """
    single = isinstance(config, dict)
    resolved = []
    for row in _entries(config):
        row = dict(row)
        missing = [f for f, v in row.items() if isinstance(v, str) and v.startswith(REDACTED) and v not in table]
        for field, value in row.items():
            if isinstance(value, str) and value in table:
                row[field] = table[value]
        if missing and single:
            for field in missing:
                row[field] = (current or {}).get(field)
            notes.append('%s: %s is redacted in the snapshot and was not given in secrets; left as it is.'
                         % (name, ', '.join(missing)))
        elif missing:
            notes.append('%s: an entry whose %s is redacted in the snapshot was not restored; give the secret in '
                         'secrets (restore_secrets).' % (name, ', '.join(missing)))
            row = None
        if row is not None:
            resolved.append(row)
    if single:
        return resolved[0] if resolved else {}
    return resolved


def _ip(text):
    try:
        return str(netaddr.IPNetwork(str(text)).ip)
    except Exception:
        return None


def _management(client, params):
    """What restore must keep: the router address the controller talks to, its own address, the service and user."""
    router_ip = controller_ip = None
    try:
        sock = client.api.protocol.transport.sock
        router_ip = sock.getpeername()[0]
        controller_ip = sock.getsockname()[0]
    except (AttributeError, OSError, IndexError):
        try:
            router_ip = socket.gethostbyname(params.get('hostname') or '')
        except (OSError, UnicodeError):
            pass
    # Behind NAT the socket's own address is not the one the router sees; /user active shows that one.
    controller_ip = guard.controller_address(client, params.get('username'), controller_ip) or controller_ip
    return {
        'router_ip': router_ip,
        'controller_ip': controller_ip,
        'service': 'api-ssl' if params.get('tls') else 'api',
        'username': params.get('username'),
    }


def _protect(name, desired, current, mgmt, notes):
    """Change ``desired`` so that applying it keeps the controller's way in."""
    if name in ('ip_address', 'ipv6_address') and mgmt['router_ip']:
        used = [row for row in current if _ip(row.get('address')) == mgmt['router_ip']]
        for row in used:
            if not any(_ip(w.get('address')) == mgmt['router_ip'] and w.get('interface') == row.get('interface')
                       for w in desired):
                desired.append(row)
                notes.append('%s: kept %s on %s, the address this controller reaches the router at.'
                             % (name, row.get('address'), row.get('interface')))
    if name == 'user' and mgmt['username']:
        mine = next((w for w in desired if w.get('name') == mgmt['username']), None)
        if mine is None:
            row = next((r for r in current if r.get('name') == mgmt['username']), None)
            if row is not None:
                desired.append(row)
                notes.append('user: kept %s, the user this controller logs in as.' % mgmt['username'])
        elif mine.get('disabled'):
            mine['disabled'] = False
            notes.append('user: left %s enabled, the user this controller logs in as.' % mgmt['username'])
    if name == 'ip_service':
        now = next((r for r in current if r.get('name') == mgmt['service']), {})
        mine = next((w for w in desired if w.get('name') == mgmt['service']), None)
        if mine is not None:
            if mine.get('disabled'):
                mine['disabled'] = False
                notes.append('ip_service: left %s enabled, the service this controller uses.' % mgmt['service'])
            if now.get('port') is not None and mine.get('port') not in (None, now.get('port')):
                notes.append('ip_service: left the %s port at %s (the snapshot has %s) so this controller keeps its '
                             'connection.' % (mgmt['service'], now.get('port'), mine.get('port')))
                mine['port'] = now.get('port')
            allowed = mine.get('address') or []
            if allowed and mgmt['controller_ip'] and not _covers(allowed, mgmt['controller_ip']):
                host = mgmt['controller_ip'] + ('/128' if ':' in mgmt['controller_ip'] else '/32')
                mine['address'] = list(allowed) + [host]
                notes.append('ip_service: added %s to the addresses allowed to use %s, so this controller keeps its '
                             'access.' % (host, mgmt['service']))
    return desired


def _present_only(name, entry, desired, current, notes):
    """Entries of a fixed menu (ports, services, packages) that this router has; a replacement may have fewer ports."""
    have = set(tuple(row.get(k) for k in entry['keys']) for row in current)
    kept = []
    for row in desired:
        if tuple(row.get(k) for k in entry['keys']) in have:
            kept.append(row)
        else:
            notes.append('%s: this router has no %s, so its settings in the snapshot were not restored.'
                         % (name, ' '.join('%s=%s' % (k, row.get(k)) for k in entry['keys'])))
    return kept


def _covers(networks, address):
    for network in networks:
        try:
            if netaddr.IPAddress(address) in netaddr.IPNetwork(str(network)):
                return True
        except Exception:
            continue
    return False


def _scrub(value, secrets):
    if isinstance(value, str):
        for secret in secrets:
            value = value.replace(secret, MASK)
        return value
    if isinstance(value, list):
        return [_scrub(v, secrets) for v in value]
    if isinstance(value, dict):
        return dict((k, _scrub(v, secrets)) for k, v in value.items())
    return value


def _secret_values(name, rows):
    fields = REDACT.get(name, {})
    return [row[f] for row in rows for f, is_secret in fields.items()
            if isinstance(row.get(f), str) and row[f] and is_secret(row[f])]


def restore(client, params, check_mode=False, diff_mode=False):
    path = find_snapshot(params['backup_dir'], params['router'], params.get('snapshot'))
    document = load_snapshot(path)
    key = load_key(params['backup_dir'], create=False)
    given = [s for s in (params.get('secrets') or []) if s]
    passwords = dict((k, v) for k, v in (params.get('user_passwords') or {}).items() if v)
    hidden = set(given) | set(passwords.values())
    mgmt = _management(client, params)
    notes, done, commands, diffs, skipped = [], {}, [], [], []
    reboot_required = False
    if document.get('redacted') and key is None:
        notes.append('The key %s is missing, so redacted values cannot be matched; entries holding them are not restored.'
                     % os.path.join(params['backup_dir'], KEY_FILE))
    for name in restore_order():
        config = document['paths'].get(name)
        if config is None:
            continue
        entry = schema.MODULES[name]
        single = entry['kind'] == 'single'
        try:
            current = engine.run(entry, [], 'gathered', client)['gathered']
        except RouterOSError as exc:
            if 'no such command' in str(exc):
                skipped.append(name)
                notes.append('%s: the router has no such menu now (an ipv6 package enabled by this restore needs a '
                             'reboot); run the restore again after the reboot.' % name)
                continue
            raise RouterOSError('Restore stopped at %s (%s) after %d paths: %s'
                                % (name, entry['path'], len(done), _scrub(str(exc), hidden)))
        current = _writable(entry, current)
        known = _secret_values(name, _entries(current))
        hidden.update(known)
        desired = _resolve(name, config, current, _resolver(key, given + known), notes)
        if name == 'user':
            desired = _with_passwords(desired, current, passwords, notes)
        if entry['kind'] == 'fixed':
            desired = _present_only(name, entry, desired, current, notes)
        if not single:
            desired = _protect(name, desired, current, mgmt, notes)
        try:
            result = engine.run(entry, desired, 'replaced' if single else 'overridden', client, check_mode)
        except RouterOSError as exc:
            raise RouterOSError('Restore stopped at %s (%s) after %d paths: %s'
                                % (name, entry['path'], len(done), _scrub(str(exc), hidden)))
        reboot_required = reboot_required or bool(result.get('reboot_required'))
        done[name] = {'changed': result['changed'], 'commands': result['commands']}
        commands.extend(result['commands'])
        if result['changed']:
            diffs.append({'before_header': entry['path'], 'after_header': entry['path'],
                          'before': result['diff']['before'], 'after': result['diff']['after']})
    output = {
        'changed': any(r['changed'] for r in done.values()),
        'snapshot': path,
        'paths': done,
        'commands': commands,
        'skipped_paths': skipped,
        'reboot_required': reboot_required,
    }
    if notes:
        output['warnings'] = notes
    if diff_mode:
        output['diff'] = diffs
    secrets = sorted((s for s in hidden if len(s) >= 3), key=len, reverse=True)
    return _scrub(output, secrets)


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


# ----------------------------------------------------------------------------------------------- run

def run(params, connect, check_mode=False, diff_mode=False):
    """The snapshot module: ``connect(params)`` gives a logged-in client."""
    if not params.get('backup_dir'):
        raise RouterOSError('backup_dir is required.')
    router_dir(params['backup_dir'], params.get('router'))
    with connect(params) as client:
        if params.get('state') == 'restored':
            return restore(client, params, check_mode, diff_mode)
        return save(client, params, check_mode)
