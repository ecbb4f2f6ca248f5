# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Secrets in snapshots: values RouterOS shows in clear that work as secrets never reach a file.

Fields marked ``secret`` in the path descriptions (user passwords, SNMPv3 passwords) are never read
from the router. Fields marked ``redact`` (SNMP community names other than the factory ``public``,
the trap community, script and scheduler text that mentions a password, key or community) are
replaced by ``redacted:<digest>``: an HMAC keyed with ``BACKUP_DIR/.snapshot-key``, so a changed
secret still makes a new snapshot and restore can recognise the real value (given in ``secrets``,
or still on the router) without the file ever holding it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import hashlib
import hmac
import json

from ansible_collections.soho.routeros.plugins.module_utils import schema

REDACTED = 'redacted:'
MASK = '********'


def entries(config):
    """The entries of a path's configuration: a single menu's settings are one entry; None has none."""
    if config is None:
        return []
    return [config] if isinstance(config, dict) else config


# A write-only secret's fingerprint (path fields with ``resend``): stretched as WPA2 stretches a passphrase into its key
# (PBKDF2, RFC 8018), with more rounds, so that the fingerprint in a comment is no easier to guess from than what the
# radio or an SNMPv3 exchange already gives away.
FINGERPRINT_ROUNDS = 20000


def fingerprint(secret, context):
    """16 hex digits that change with ``secret``: kept in the comment of the entry that holds it, so that a new secret
    is a change the plan sees without the router ever showing the secret. ``context`` (e.g. the SSID) is the salt."""
    digest = hashlib.pbkdf2_hmac('sha256', str(secret).encode('utf-8'), ('soho.routeros:%s' % context).encode('utf-8'),
                                 FINGERPRINT_ROUNDS)
    return digest.hex()[:16]


def token(key, value):
    return REDACTED + hmac.new(key, str(value).encode('utf-8'), hashlib.sha256).hexdigest()[:24]


def redact(paths, key):
    """A copy of ``paths`` (module name -> configuration) with every secret value replaced by its token."""
    redacted = json.loads(json.dumps(paths))
    for name, path in schema.PATHS.items():
        for row in entries(redacted.get(name)):
            for field in path.redacted_fields():
                value = row.get(field)
                if not str(value).startswith(REDACTED) and path.is_clear_secret(field, value):
                    row[field] = token(key, value)
    return redacted


def secret_values(path, rows, how=None, keys=True):
    """The secrets ``rows`` of ``path`` show in clear (only those of fields redacted ``how``, when given; without the
    path's keys when ``keys`` is false)."""
    return [row[f] for row in rows for f in path.redacted_fields()
            if (how is None or path.fields[f].get('redact') == how) and (keys or f not in path.keys)
            and path.is_clear_secret(f, row.get(f))]


def masked_read(path, rows):
    """``rows`` as read from the router (state gathered), with the secrets that identify nothing masked (a PPPoE
    password); the secrets that are keys (an SNMP community's name) stay, for the plans that remove such entries."""
    hidden = set(secret_values(path, entries(rows), how='value', keys=False))
    return scrub(rows, sorted(hidden, key=len, reverse=True)) if hidden else rows


def resolver(key, values_known):
    """Token -> value, for each value known to be a secret."""
    table = {}
    if key:
        for value in values_known:
            table[token(key, value)] = value
    return table


def resolve(name, config, current, table, notes):
    """``config`` with tokens replaced by the values they stand for.

    A list entry left unresolved is dropped (nothing of it is created); a setting of a single-entry
    menu left unresolved keeps the value the router has now.
    """
    single = isinstance(config, dict)
    resolved = []
    for row in entries(config):
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


def scrub(value, secrets):
    """``value`` (a result) with every one of ``secrets`` masked."""
    if isinstance(value, str):
        for secret in secrets:
            value = value.replace(secret, MASK)
        return value
    if isinstance(value, list):
        return [scrub(v, secrets) for v in value]
    if isinstance(value, dict):
        return dict((k, scrub(v, secrets)) for k, v in value.items())
    return value
