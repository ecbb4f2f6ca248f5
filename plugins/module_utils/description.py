# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The validated description of one RouterOS path: every trait of the path, in one place.

schema.MENUS describes the paths as data. ``load`` checks each description once, when the
collection is imported, and refuses a key, kind, type or value it does not know, so that a typo
fails at once instead of being ignored. The engine, the argument spec, snapshots, their restore and
the rollback guard ask a PathDescription about a path; none of them tests module names.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import re

from ansible_collections.soho.routeros.plugins.module_utils import values

try:
    import netaddr
except ImportError:
    netaddr = None

ALL_STATES = ['merged', 'replaced', 'overridden', 'deleted', 'gathered', 'rendered']
# kind -> states. A single-entry menu has no other entries to override.
STATES = {
    'list': ALL_STATES,
    'ordered': ALL_STATES,
    'fixed': ALL_STATES,
    'single': [s for s in ALL_STATES if s != 'overridden'],
}
FLAGS = ('dynamic', 'builtin')
# What of the controller's way in an entry of the path can carry (restore protects it, the guard names it).
MANAGEMENT = ('address', 'login', 'service', 'firewall')
# How a value RouterOS shows in clear is a secret: ``value`` unless it is the factory value
# (the default, or the value of the default entry: the community ``public``), ``text`` when it
# mentions a password, key or community (script text, e.g. a /tool fetch upload with a password).
REDACT = ('value', 'text')
SECRET_WORDS = re.compile(r'passw|pwd|secret|psk|pre-shared|community|private-key|token|api-key', re.IGNORECASE)

PATH_KEYS = {'path', 'kind', 'fields', 'restore', 'keys', 'flags', 'order_by', 'default_entry', 'management',
             'apply_on_reboot', 'fixed_by', 'writes_reach'}
REQUIRED_PATH_KEYS = {'path', 'kind', 'fields', 'restore'}
FIELD_KEYS = {'type', 'default', 'send_default', 'required', 'readonly', 'secret', 'choices', 'elements', 'limits',
              'pool_relative', 'ros', 'redact', 'resend'}


class DescriptionError(ValueError):
    """A path description the collection cannot use."""


class PathDescription(object):
    """One path: how to read, identify, compare, restore and protect its entries."""

    def __init__(self, name, raw):
        _check(name, raw)
        self.name = name
        self.path = raw['path']
        self.kind = raw['kind']
        self.fields = raw['fields']
        self.keys = list(raw.get('keys', []))
        self.order_by = raw.get('order_by')
        # The factory entry of a list menu that can be changed but not removed (RouterOS marks it default=yes).
        self.default_entry = raw.get('default_entry')
        self.fixed_by = raw.get('fixed_by')
        self.flags = list(raw.get('flags', [])) + (['default'] if self.default_entry else [])
        # Restore applies paths by rank, lowest first: what other paths refer to before what refers to it.
        self.restore = raw['restore']
        self.management = raw.get('management')
        # (/system package) RouterOS applies ``disabled`` at the next reboot; engine.RebootApplied reads and sets it.
        self.apply_on_reboot = bool(raw.get('apply_on_reboot'))
        # The names of the other paths a write to this one can change; None: any path.
        self.writes_reach = raw.get('writes_reach')
        self.states = STATES[self.kind]
        self.single = self.kind == 'single'
        # Entries of fixed and single menus exist already: they are set, never added or removed.
        self.permanent = self.kind in ('fixed', 'single')
        # Entries can be owned by a comment prefix (option ``owned``) where they can be added, removed and commented.
        self.ownable = not self.permanent and 'comment' in self.fields
        self._index()

    def _index(self):
        """What every read of a row looks up: each option's RouterOS name, and the options a print shows (no secrets)."""
        self.ros_names = dict((name, field.get('ros', name.replace('_', '-'))) for name, field in self.fields.items())
        self.printed = [(name, self.ros_names[name], field) for name, field in self.fields.items() if not field.get('secret')]

    def with_extra(self, names):
        """This path with text fields for the RouterOS properties ``names`` it does not describe (option ``extra``):
        read, compared, planned and shown under their RouterOS names."""
        if not names:
            return self
        extended = copy.copy(self)
        extended.fields = dict(self.fields)
        extended.fields.update((name, {'type': 'str', 'ros': name}) for name in sorted(names))
        extended._index()
        return extended

    def known_property(self, ros):
        """The option that manages the RouterOS property ``ros``, if the description has one."""
        return next((name for name in self.fields if self.ros_names[name] == ros), None)

    def ros_name(self, name):
        """RouterOS property name of an option."""
        return self.ros_names[name]

    def cli_path(self):
        return '/' + ' '.join(self.path.strip('/').split('/'))

    def writable(self):
        """Option name -> field of the fields a task may set (a readonly key identifies fixed entries)."""
        return dict((name, field) for name, field in self.fields.items() if not field.get('readonly') or name in self.keys)

    def settings(self, data):
        """``data`` (an entry as gathered or as before and after show it) without what a task cannot set."""
        writable = self.writable()
        return dict((k, v) for k, v in (data or {}).items() if k in writable and not self.fields[k].get('secret'))

    def sendable(self, name):
        return not self.fields[name].get('readonly') and not self.fields[name].get('secret')

    def defaults(self):
        """Values ``replaced`` resets unspecified fields to, and that a new entry has."""
        return dict((n, f['default']) for n, f in self.fields.items()
                    if 'default' in f and not f.get('readonly') and not f.get('secret'))

    def value(self, data, name):
        """The value of ``name`` in ``data``; a field RouterOS did not print has its default."""
        if name in data:
            return data[name]
        return self.fields[name].get('default')

    def same(self, name, wanted, wanted_data, current_data):
        """Whether ``wanted`` is the value ``current_data`` has, in any form RouterOS treats as equal."""
        field = self.fields[name]
        have = self.value(current_data, name)
        if wanted is None:
            return True
        pool_field = field.get('pool_relative')
        if pool_field and self.value(wanted_data, pool_field) and have not in (None, ''):
            return _host_part(wanted) == _host_part(have)
        try:
            return values.canonical(field, wanted) == values.canonical(field, have)
        except (ValueError, TypeError):
            return str(wanted) == str(have)

    # ------------------------------------------------------------------------------------ identity

    def identity(self, data):
        """The fields that identify the entry ``data``: its keys, else its comment when it has one.

        ``[]`` for a single-entry menu (there is one entry); None when only the full content of the
        entry identifies it. In an ordered menu the entry is looked for within its ``order_by`` group.
        """
        if self.single:
            return []
        if self.keys:
            return list(self.keys)
        if data.get('comment'):
            return ['comment']
        return None

    def matches(self, want, have):
        """Whether the current entry ``have`` (data) is the entry ``want`` asks for."""
        if self.order_by and not self.same(self.order_by, want.get(self.order_by), want, have):
            return False
        names = self.identity(want)
        if names is None:
            full = dict(self.defaults(), **want)
            return all(self.same(n, v, full, have) for n, v in full.items() if not self.fields[n].get('secret'))
        return all(want.get(n) is not None and self.same(n, want[n], want, have) for n in names)

    def key_names(self, data):
        """The fields whose values make up ``key``: the ``order_by`` group and ``identity``, or None."""
        names = self.identity(data)
        if names is None:
            return None
        return ([self.order_by] if self.order_by else []) + names

    def key(self, data):
        """A comparable form of what identifies ``data``, or None when that is its full content or a part is missing.

        It holds the ``order_by`` group, and the pool of an address taken from a pool (such an
        address is only its host part).
        """
        names = self.key_names(data)
        if names is None:
            return None
        if any(data.get(n) in (None, '', []) for n in names):
            return None
        names = names + [self.fields[n]['pool_relative'] for n in names if self.fields[n].get('pool_relative')]
        return tuple(values.canonical(self.fields[n], data.get(n)) for n in names)

    def key_text(self, data):
        """What identifies ``data``, in words for a message."""
        names = self.identity(data)
        if not names:
            return 'the same content'
        return ' '.join('%s=%s' % (n, data.get(n)) for n in names)

    # ------------------------------------------------------------------------------------ secrets

    def secret_fields(self):
        """Fields that are never read back (passwords): never shown, sent only on create."""
        return [n for n, f in self.fields.items() if f.get('secret')]

    def redacted_fields(self):
        """Fields whose value RouterOS shows in clear but that can be a secret."""
        return [n for n, f in self.fields.items() if f.get('redact')]

    def is_clear_secret(self, name, value):
        """Whether ``value`` of the field ``name``, shown in clear by RouterOS, is a secret."""
        how = self.fields[name].get('redact')
        if not how or not isinstance(value, str) or not value:
            return False
        if how == 'text':
            return bool(SECRET_WORDS.search(value))
        factory = [self.fields[name].get('default'), (self.default_entry or {}).get(name)]
        return value not in factory


def _host_part(text):
    network = netaddr.IPNetwork(str(text))
    return (int(network.ip) & int(network.hostmask), network.prefixlen)


def _fail(name, message):
    raise DescriptionError('schema.MENUS[%r]: %s' % (name, message))


def _check(name, raw):
    unknown = set(raw) - PATH_KEYS
    if unknown:
        _fail(name, 'unknown keys %s' % ', '.join(sorted(unknown)))
    missing = REQUIRED_PATH_KEYS - set(raw)
    if missing:
        _fail(name, 'missing keys %s' % ', '.join(sorted(missing)))
    if not raw['path'].startswith('/'):
        _fail(name, 'path %r does not start with /' % raw['path'])
    if raw['kind'] not in STATES:
        _fail(name, 'kind %r is not one of %s' % (raw['kind'], ', '.join(sorted(STATES))))
    fields = raw['fields']
    if not set(raw.get('keys', [])) <= set(fields):
        _fail(name, 'keys %s are not fields' % raw['keys'])
    order_by = raw.get('order_by')
    if (raw['kind'] == 'ordered') != bool(order_by) or (order_by and order_by not in fields):
        _fail(name, 'an ordered menu, and only one, names the field of its groups in order_by')
    if not set(raw.get('flags', [])) <= set(FLAGS):
        _fail(name, 'flags %s are not among %s' % (raw['flags'], ', '.join(FLAGS)))
    if not isinstance(raw['restore'], int) or isinstance(raw['restore'], bool):
        _fail(name, 'restore must be a rank (an integer)')
    if raw.get('management') not in (None,) + MANAGEMENT:
        _fail(name, 'management %r is not one of %s' % (raw['management'], ', '.join(MANAGEMENT)))
    default_entry = raw.get('default_entry')
    if default_entry is not None and (raw['kind'] != 'list' or not raw.get('keys') or set(default_entry) != set(raw['keys'])):
        _fail(name, 'default_entry gives the keys of the factory entry of a list menu')
    if raw.get('fixed_by') and (raw['kind'] != 'list' or fields.get(raw['fixed_by'], {}).get('readonly') is not True):
        _fail(name, 'fixed_by names a read-only field of a list menu')
    if raw.get('apply_on_reboot') and fields.get('disabled', {}).get('type') != 'bool':
        _fail(name, 'apply_on_reboot applies ``disabled`` (set with enable and disable): the path needs that field')
    ros_names = [f.get('ros', n.replace('_', '-')) for n, f in fields.items()]
    if len(ros_names) != len(set(ros_names)):
        _fail(name, 'two fields have the same RouterOS name')
    for field_name, field in fields.items():
        problem = _field_problem(field, fields)
        if problem:
            _fail(name, 'field %s: %s' % (field_name, problem))


def _field_problem(field, fields):
    unknown = set(field) - FIELD_KEYS
    if unknown:
        return 'unknown keys %s' % ', '.join(sorted(unknown))
    kind = field.get('elements', 'str') if field.get('type') in values.COLLECTIONS else field.get('type')
    if kind not in values.SCALARS:
        return 'type %r is not a value type of values.py' % field.get('type')
    if bool(field.get('choices')) != (kind == 'enum'):
        return 'choices go with type enum, and only with it'
    # Address defaults need netaddr to be checked; without it (ansible-doc on a bare controller) they are taken as written.
    if values.HAS_NETADDR and 'default' in field and field['default'] not in ('', []) and values.validate(field, field['default']):
        return 'default %r is not a valid value' % (field['default'],)
    if field.get('send_default') and 'default' not in field:
        return 'send_default needs a default'
    if field.get('pool_relative') and field['pool_relative'] not in fields:
        return 'pool_relative names no field'
    if field.get('redact') not in (None,) + REDACT:
        return 'redact %r is not one of %s' % (field['redact'], ', '.join(REDACT))
    if 'limits' in field and len(field['limits']) != 2:
        return 'limits are [lowest, highest]'
    if field.get('resend') and not field.get('secret'):
        return 'resend goes with secret (a field the router shows is compared instead)'
    return None


def load(menus):
    """Name -> PathDescription of every entry of ``menus``; DescriptionError names the first problem."""
    paths = dict((name, PathDescription(name, raw)) for name, raw in menus.items())
    for name, path in paths.items():
        if path.writes_reach is not None and (not isinstance(path.writes_reach, list) or not set(path.writes_reach) <= set(paths) - {name}):
            _fail(name, 'writes_reach lists other paths of the schema by name')
    return paths


def write_reach(paths):
    """API path -> the API paths a write to it can change, itself first, for the paths whose description says so."""
    return dict((path.path, [path.path] + [paths[other].path for other in path.writes_reach])
                for path in paths.values() if path.writes_reach is not None)


def restore_order(paths):
    """The descriptions of ``paths`` (name -> PathDescription) by restore rank, lowest first, then by name."""
    return sorted(paths.values(), key=lambda path: (path.restore, path.name))
