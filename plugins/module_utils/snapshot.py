# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The snapshot module: controller-side snapshots of every path the collection manages, and their restore.

A snapshot is the ``gathered`` state of each path (the settings only, so counters and status do not
make every run a new snapshot), saved by snapshot_files as ``STAMP.json`` (the data restore reads)
and ``STAMP.rsc`` (snapshot_render), with secrets redacted (redaction). restore.py applies one.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import time

from ansible_collections.soho.routeros.plugins.module_utils import connection, engine, redaction, restore, schema, snapshot_render
from ansible_collections.soho.routeros.plugins.module_utils import snapshot_files as files
from ansible_collections.soho.routeros.plugins.module_utils.description import restore_order
from ansible_collections.soho.routeros.plugins.module_utils.errors import RouterOSError

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


def gather(client):
    """Module name -> settings of every path; None where the router has no such menu."""
    paths = {}
    order = restore_order(schema.PATHS)
    client.prefetch((path.path, engine.proplist(path)) for path in order)
    for path in order:
        try:
            gathered = engine.run(path, [], 'gathered', client)['gathered']
        except RouterOSError as exc:
            if 'no such command' in str(exc):
                paths[path.name] = None
                continue
            raise
        paths[path.name] = settings(path, gathered)
    return paths


def settings(path, gathered):
    """What ``gathered`` shows of ``path`` that a task can set, and for a menu with ``fixed_by`` that field of the
    entries the router was made with (a radio's default-name), by which the .rsc finds them after a reset."""
    if path.single:
        return path.settings(gathered)
    rows = []
    for row in gathered:
        kept = path.settings(row)
        if path.fixed_by and row.get(path.fixed_by):
            kept[path.fixed_by] = row[path.fixed_by]
        rows.append(kept)
    return rows


def _stamp(now):
    return time.strftime('%Y%m%dT%H%M%S', time.gmtime(now)) + '.%06dZ' % int((now % 1) * 1000000)


def save(client, params, check_mode=False, now=None):
    now = time.time() if now is None else now
    folder = files.router_dir(params['backup_dir'], params['router'])
    retention = params.get('retention')
    if retention is None or retention < 1:
        raise RouterOSError('retention: %r must be at least 1 (the newest snapshot is always kept).' % (retention,))
    redacting = params.get('redact_secrets', True)
    paths = gather(client)
    if redacting:
        if not check_mode:
            os.makedirs(params['backup_dir'], exist_ok=True)
        key = files.load_key(params['backup_dir'], create=not check_mode) or os.urandom(32)
        paths = redaction.redact(paths, key)

    existing = files.snapshot_files(folder)
    newest = existing[-1] if existing else None
    if newest is not None:
        try:
            previous = files.read_json(newest)
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
        'format': files.FORMAT,
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
    files.remove_stale_temps(folder, now)
    # The .rsc first: the .json is the snapshot, so it appears only when both are complete.
    files.write_atomic(rsc_path, snapshot_render.render(paths, header))
    files.write_atomic(data_path, json.dumps(document, indent=2, sort_keys=False) + '\n')
    for path in removed:
        for victim in (path, path[:-len('.json')] + '.rsc'):
            try:
                os.unlink(victim)
            except OSError:
                pass
    files.remove_orphans(folder)
    files.fsync_dir(folder)
    return result


def _unavailable(paths):
    return sorted(name for name, config in paths.items() if config is None)


def run(params, check_mode=False, diff_mode=False):
    if not params.get('backup_dir'):
        raise RouterOSError('backup_dir is required.')
    files.router_dir(params['backup_dir'], params.get('router'))
    with connection.session(params) as client:
        if params.get('state') == 'restored':
            return restore.restore(client, params, check_mode, diff_mode)
        return save(client, params, check_mode)
