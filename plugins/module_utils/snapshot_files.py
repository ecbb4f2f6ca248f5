# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The files of snapshots on the controller: ``BACKUP_DIR/ROUTER/STAMP.json`` and ``STAMP.rsc``, and the redaction key.

Files are written to a temporary name in the same folder, flushed to disk and renamed, so a killed
run never leaves a partial file; of a snapshot the ``.json`` is renamed last and is what counts.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import re

from ansible_collections.soho.routeros.plugins.module_utils.errors import RouterOSError

FORMAT = 1
KEY_FILE = '.snapshot-key'
SNAPSHOT_NAME = re.compile(r'^\d{8}T\d{6}\.\d{6}Z\.json$')
# A temporary file older than this belongs to a run that was killed; younger ones may be a run in progress.
STALE_TEMP_SECONDS = 300


def router_dir(backup_dir, router):
    if not router or router in ('.', '..') or '/' in router or '\0' in router:
        raise RouterOSError('router: %r cannot name a folder under backup_dir.' % (router,))
    return os.path.join(backup_dir, router)


def fsync_dir(path):
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
    """Write ``text`` (str or bytes) to ``path`` so that ``path`` is either absent, the old file or the complete new one."""
    folder, name = os.path.split(path)
    temp = os.path.join(folder, '.%s.%d.tmp' % (name, os.getpid()))
    handle = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(handle, 'wb' if isinstance(text, bytes) else 'w') as stream:
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
    fsync_dir(folder)


def remove_stale_temps(folder, now):
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
    fsync_dir(backup_dir)
    with open(path, 'rb') as stream:
        return stream.read()


def read_json(path):
    with open(path) as stream:
        return json.load(stream)


def remove_orphans(folder):
    """An .rsc without its .json is what a run killed between the two renames leaves: not a snapshot."""
    stems = set(os.path.basename(p)[:-len('.json')] for p in snapshot_files(folder))
    for name in os.listdir(folder):
        if name.endswith('.rsc') and SNAPSHOT_NAME.match(name[:-len('.rsc')] + '.json') and name[:-len('.rsc')] not in stems:
            try:
                os.unlink(os.path.join(folder, name))
            except OSError:
                pass


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
        document = read_json(path)
    except (OSError, ValueError) as exc:
        raise RouterOSError('Cannot read the snapshot %s: %s.' % (path, exc))
    if not isinstance(document, dict) or document.get('format') != FORMAT or not isinstance(document.get('paths'), dict):
        raise RouterOSError('%s is not a soho.routeros snapshot (format %s).' % (path, FORMAT))
    return document
