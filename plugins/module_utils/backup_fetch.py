# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The backup_fetch module: the router's dated export files (and binary backups) copied to the controller.

RouterOS v6's API shows a file's contents only when it is small, so the files are read over SFTP, which the
router's ``ssh`` service offers with the same users and passwords as the API. What the router has is listed
through the API (``/file print``: name, size, creation time); each file missing on the controller, or changed on
the router since it was copied, is fetched to a temporary file, checked against the size the router lists and
renamed into place, and its SHA-256 is recorded in ``SHA256SUMS`` (the format ``sha256sum -c`` reads) and in
``.fetched.json`` with the router's size and creation time. Every run checks the copies against their recorded
checksums; a copy that does not match is fetched again while the router still has the file.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import hashlib
import io
import json
import logging
import os
import re
import time
import traceback

from ansible_collections.soho.routeros.plugins.module_utils import connection, redaction
from ansible_collections.soho.routeros.plugins.module_utils import snapshot_files as files
from ansible_collections.soho.routeros.plugins.module_utils.errors import RouterOSError

try:
    import paramiko
    # paramiko logs the exceptions it raises; they reach the task as its message, not as text on stderr.
    logging.getLogger('paramiko').addHandler(logging.NullHandler())
    HAS_PARAMIKO = True
    PARAMIKO_IMPORT_ERROR = None
except ImportError:
    HAS_PARAMIKO = False
    PARAMIKO_IMPORT_ERROR = traceback.format_exc()

# How a module reaches the router's files (SFTP on its ssh service); facts' config subset takes them too.
SSH_OPTIONS = {
    'ssh_port': {'type': 'int'},
    'known_hosts': {'type': 'path'},
    'host_key_checking': {'type': 'str', 'choices': ['accept-new', 'strict'], 'default': 'accept-new'},
}

OPTIONS = dict(SSH_OPTIONS, **{
    'dest': {'type': 'path', 'required': True},
    'prefix': {'type': 'str', 'default': 'backup-'},
    'binary': {'type': 'bool', 'default': False},
    'retention': {'type': 'int', 'default': 30},
    'export_script': {'type': 'str', 'default': ''},
    'redact_secrets': {'type': 'bool', 'default': True},
    'key_dir': {'type': 'path'},
    'router_date': {'type': 'str'},
})

MANIFEST = '.fetched.json'
SUMS = 'SHA256SUMS'
KNOWN_HOSTS = '.known_hosts'
MONTHS = ('jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec')
CHUNK = 32768


def iso_date(v6_date):
    """``2026-12-03`` of a v6 date such as ``dec/03/2026``."""
    try:
        month, day, year = v6_date.split('/')
        return '%04d-%02d-%02d' % (int(year), MONTHS.index(month.lower()) + 1, int(day))
    except (ValueError, AttributeError):
        raise RouterOSError('The router gave its date as %r, not as RouterOS v6 does (dec/03/2026).' % (v6_date,))


def pattern(prefix, binary):
    return re.compile(r'^%s\d{4}-\d{2}-\d{2}\.(%s)$' % (re.escape(prefix), 'rsc|backup' if binary else 'rsc'))


def sha256(path):
    digest = hashlib.sha256()
    with open(path, 'rb') as stream:
        for block in iter(lambda: stream.read(CHUNK), b''):
            digest.update(block)
    return digest.hexdigest()


def load_manifest(dest):
    try:
        with open(os.path.join(dest, MANIFEST)) as stream:
            data = json.load(stream)
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_manifest(dest, manifest):
    files.write_atomic(os.path.join(dest, MANIFEST), json.dumps(manifest, indent=1, sort_keys=True) + '\n')
    files.write_atomic(os.path.join(dest, SUMS), ''.join('%s  %s\n' % (manifest[name]['sha256'], name)
                                                         for name in sorted(manifest)))


def check_params(params):
    if params['retention'] < 1:
        raise RouterOSError('retention: %d; keep at least one copy of each kind (1 or more).' % params['retention'])
    if not params['prefix'] or '/' in params['prefix']:
        raise RouterOSError('prefix: %r must be a file name prefix without "/".' % (params['prefix'],))
    port = params.get('ssh_port')
    if port is not None and not 0 < port < 65536:
        raise RouterOSError('ssh_port: %d is out of range (1-65535).' % port)


def _router_files(client, wanted):
    return dict((row['name'], {'size': int(row.get('size') or 0), 'created': row.get('creation-time', '')})
                for row in client.print('/file', ['name', 'size', 'creation-time']) if wanted.match(row.get('name', '')))


def ssh_port(client, params, disabled):
    """The port SFTP goes to: ``ssh_port`` (a port forwarded to the router's), else the router's ssh service's. When
    that service is disabled, RouterOSError with ``disabled`` (a sentence with %s for the router)."""
    service = [row for row in client.print('/ip/service', ['name', 'port', 'disabled']) if row.get('name') == 'ssh']
    if not service or str(service[0].get('disabled')).lower() in ('true', 'yes'):
        raise RouterOSError(disabled % client.where)
    return params.get('ssh_port') or int(service[0].get('port') or 22)


class Sftp(object):
    """One SFTP session to the router, opened on the first file fetched."""

    def __init__(self, params, port, known_hosts):
        self.params = params
        self.port = port
        self.known_hosts = known_hosts
        self.ssh = None
        self.sftp = None

    def where(self):
        return '%s port %d (ssh)' % (self.params['hostname'], self.port)

    def open(self):
        if self.sftp is not None:
            return self.sftp
        if not HAS_PARAMIKO:
            raise RouterOSError('The Python library paramiko is needed to fetch files over SFTP: pip install paramiko.')
        ssh = paramiko.SSHClient()
        if not os.path.exists(self.known_hosts):
            folder = os.path.dirname(self.known_hosts)
            if folder and not os.path.isdir(folder):
                os.makedirs(folder, 0o700)
            files.write_atomic(self.known_hosts, '')
        ssh.load_host_keys(self.known_hosts)
        strict = self.params.get('host_key_checking') == 'strict'
        ssh.set_missing_host_key_policy(paramiko.RejectPolicy() if strict else paramiko.AutoAddPolicy())
        timeout = self.params.get('timeout') or connection.DEFAULT_TIMEOUT
        try:
            ssh.connect(self.params['hostname'], port=self.port, username=self.params.get('username') or 'admin',
                        password=self.params.get('password') or '', timeout=timeout, banner_timeout=timeout,
                        auth_timeout=timeout, look_for_keys=False, allow_agent=False)
        except paramiko.BadHostKeyException:
            ssh.close()
            raise RouterOSError('The SSH host key of %s is not the one %s records for it. If the router was reset or '
                                'replaced, remove its line from that file; otherwise someone else answers at that address.'
                                % (self.where(), self.known_hosts))
        except paramiko.AuthenticationException:
            ssh.close()
            raise RouterOSError('%s refused the API user and password for SFTP (the user needs the ssh and ftp policies).'
                                % self.where())
        except paramiko.SSHException as exc:
            ssh.close()
            if strict and 'not found in known_hosts' in str(exc):
                raise RouterOSError('%s is not in %s and host_key_checking is strict: add its host key there first.'
                                    % (self.where(), self.known_hosts))
            if 'banner' in str(exc):
                raise RouterOSError('%s closed the connection before SSH began: the ssh service is not open to the '
                                    "controller's address (/ip service ssh address=), or a firewall rule refuses it."
                                    % self.where())
            raise RouterOSError('SFTP to %s failed: %s.' % (self.where(), exc))
        except (OSError, EOFError) as exc:
            ssh.close()
            raise RouterOSError('Could not reach %s to fetch files: %s. The ssh service must be open to the controller.'
                                % (self.where(), exc))
        self.ssh = ssh
        try:
            self.sftp = ssh.open_sftp()
        except (paramiko.SSHException, OSError, EOFError) as exc:
            self.close()
            raise RouterOSError('%s offers no SFTP: %s.' % (self.where(), exc))
        return self.sftp

    def read(self, name, size):
        """The bytes of router file ``name``, checked against its listed ``size``; a short or broken transfer raises."""
        sftp = self.open()
        out = io.BytesIO()
        try:
            with sftp.open(name, 'rb') as remote:
                for block in iter(lambda: remote.read(CHUNK), b''):
                    out.write(block)
        except (IOError, OSError, EOFError, paramiko.SSHException) as exc:
            self.close()
            raise RouterOSError('%s: the transfer from %s broke after %d of %d bytes (%s); nothing was kept, the '
                                'next run fetches it again.' % (name, self.where(), out.tell(), size, exc or 'closed'))
        if out.tell() != size:
            raise RouterOSError('%s: %d bytes arrived from %s, the router lists %d; nothing was kept, the next run '
                                'fetches it again.' % (name, out.tell(), self.where(), size))
        return out.getvalue()

    def fetch(self, name, size, dest, redact=None):
        """Copy router file ``name`` to ``dest``/``name`` (through ``redact``, bytes -> bytes, when given); the SHA-256
        of the copy. A short or broken transfer keeps nothing."""
        data = self.read(name, size)
        if redact is not None:
            data = redact(data)
        files.write_atomic(os.path.join(dest, name), data)
        return hashlib.sha256(data).hexdigest()

    def close(self):
        if self.ssh is not None:
            self.ssh.close()
        self.ssh = self.sftp = None


SSH_DISABLED = ('The ssh service of %s is disabled, and its files are fetched over SFTP: enable it for the controller '
                '(/ip service ssh; the hardening role keeps it open to the management networks) or turn the fetch off '
                '(backup_fetch: false).')


def _clear_secrets(client):
    """The values an export shows in clear that the collection treats as secrets: SNMP community names other than the
    factory ``public``, and the SNMP trap community."""
    found = set(row.get('name') for row in client.print('/snmp/community', ['name']))
    for row in client.print('/snmp', ['trap-community']):
        found.add(row.get('trap-community'))
    return sorted(value for value in found if value and value != 'public')


def redact_export(data, secrets, key):
    """``data`` (an export) with every whole word that is one of ``secrets`` (``name=SECRET``, ``"SECRET"``) replaced by
    its ``redacted:DIGEST`` token, as the snapshots write them."""
    text = data.decode('utf-8', 'surrogateescape')
    for secret in sorted(secrets, key=len, reverse=True):
        word = re.compile(r'(?<=[=\s"])%s(?=["\s\\;]|$)' % re.escape(secret), re.M)
        text = word.sub(redaction.token(key, secret), text)
    return text.encode('utf-8', 'surrogateescape')


def _local_copies(dest, wanted):
    if not os.path.isdir(dest):
        return []
    return sorted(name for name in os.listdir(dest) if wanted.match(name))


def _expired(names, retention):
    """The copies beyond the newest ``retention`` of each kind (names sort by their date)."""
    expired = []
    for ext in ('.rsc', '.backup'):
        kind = sorted(name for name in names if name.endswith(ext))
        expired += kind[:-retention] if len(kind) > retention else []
    return expired


def _plan(dest, wanted, router_files, manifest, retention, result, warnings):
    """Fill ``result`` with what to fetch and remove: router files without a matching copy, copies beyond retention."""
    copies = _local_copies(dest, wanted)
    for name in copies:
        entry = manifest.get(name)
        if entry and sha256(os.path.join(dest, name)) != entry.get('sha256'):
            result['mismatched'].append(name)
            warnings.append('%s: the copy in %s does not match its recorded SHA-256%s.' % (
                name, dest, '; fetched again' if name in router_files else ', and the router no longer has the file'))
    to_fetch = []
    for name, listed in sorted(router_files.items()):
        entry = manifest.get(name)
        if (entry and name not in result['mismatched'] and name in copies
                and entry.get('size') == listed['size'] and entry.get('created') == listed['created']):
            continue
        to_fetch.append(name)
    expired = _expired(set(copies) | set(to_fetch), retention)
    result['fetched'] = [name for name in to_fetch if name not in expired]
    result['removed'] = [name for name in expired if name in copies]


def run(params, check_mode=False, diff_mode=False):
    check_params(params)
    dest = params['dest']
    wanted = pattern(params['prefix'], params['binary'])
    result = {'changed': False, 'dest': dest, 'exported': None, 'fetched': [], 'removed': [], 'mismatched': []}
    warnings = []
    manifest = dict((name, entry) for name, entry in load_manifest(dest).items() if isinstance(entry, dict))
    with connection.session(params) as client:
        router_files = _router_files(client, wanted)
        date = params.get('router_date') or client.print('/system/clock', ['date'])[0].get('date')
        today = params['prefix'] + iso_date(date) + '.rsc'
        port = None
        if bool(params['export_script']) and today not in router_files:
            # The day's export is not written yet (a router configured just now): the export script writes it, and
            # with it the day's binary backup; both are then fetched. The ssh service is checked before that write.
            port = ssh_port(client, params, SSH_DISABLED)
            result['exported'] = today
            if check_mode:
                router_files.update((today[:-len('.rsc')] + ext, {'size': None, 'created': None})
                                    for ext in (('.rsc', '.backup') if params['binary'] else ('.rsc',)))
            else:
                client.call('/system/script', 'run', {'number': params['export_script']})
                router_files = _router_files(client, wanted)
                if today not in router_files:
                    raise RouterOSError('The script %s ran but %s has no %s.' % (params['export_script'], client.where, today))
        _plan(dest, wanted, router_files, manifest, params['retention'], result, warnings)
        # The ssh service and the secrets to redact matter only when a file is to be fetched: a rerun reads /file alone.
        secrets = []
        if result['fetched']:
            port = port or ssh_port(client, params, SSH_DISABLED)
            secrets = _clear_secrets(client) if params['redact_secrets'] else []
    result['changed'] = bool(result['exported'] or result['fetched'] or result['removed'])

    if not check_mode and (result['fetched'] or result['removed']):
        if not os.path.isdir(dest):
            os.makedirs(dest, 0o700)
        files.remove_stale_temps(dest, time.time())
        sftp = Sftp(params, port, params.get('known_hosts') or os.path.join(dest, KNOWN_HOSTS))
        redact = None
        if secrets:
            key = files.load_key(params.get('key_dir') or dest, create=True)

            def redact(data):
                return redact_export(data, secrets, key)
        try:
            for name in result['fetched']:
                listed = router_files[name]
                digest = sftp.fetch(name, listed['size'], dest, redact if name.endswith('.rsc') else None)
                manifest[name] = {'size': listed['size'], 'created': listed['created'], 'sha256': digest}
                save_manifest(dest, manifest)
        finally:
            sftp.close()
        for name in result['removed']:
            os.unlink(os.path.join(dest, name))
            manifest.pop(name, None)
        save_manifest(dest, manifest)
    result['files'] = [dict(name=name, **manifest[name]) for name in _local_copies(dest, wanted) if name in manifest]
    if warnings:
        result['warnings'] = warnings
    return result
