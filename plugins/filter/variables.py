# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The first check of every role: variable names and types, before anything reads or writes the router.

The declared names are the options of every entry point of every role's meta/argument_specs.yml and of
meta/variables.yml (connection and playbook switches): one home per variable. The documentation of the filter
is in variables.yml next to this file.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import difflib
import os
from collections.abc import Mapping

import yaml

from ansible.errors import AnsibleFilterError
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.module_utils.errors import ArgumentValueError
from ansible.module_utils.parsing.convert_bool import boolean

COLLECTION = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GLOBAL_SPECS = os.path.join(COLLECTION, 'meta', 'variables.yml')

# What a type error says would be right.
TYPE_WORDS = {
    'bool': 'a boolean (true or false)',
    'int': 'a whole number',
    'float': 'a number',
    'str': 'a string',
    'list': 'a list',
    'dict': 'a dict',
    'path': 'a path',
}

# Limits that an argument spec cannot say.
RANGES = {
    'routeros_api_port': (1, 65535),
    'routeros_ssh_port': (1, 65535),
    'routeros_api_timeout': (1, 3600),
    'routeros_max_fail_percentage': (0, 100),
}

# Keys of an argument spec option that ansible-core's validator reads.
VALIDATOR_KEYS = ('type', 'elements', 'choices', 'options', 'no_log')

Loader = getattr(yaml, 'CSafeLoader', yaml.SafeLoader)


# Parsed files by path: the files of the collection do not change during a run (read only, never change what is returned).
_LOADED = {}


def _load(path):
    if path not in _LOADED:
        with open(path) as handle:
            _LOADED[path] = yaml.load(handle, Loader=Loader) or {}
    return _LOADED[path]


def warm():
    """Read every file the checks use, in the controller's main process before the workers fork (serial_batches)."""
    specs()
    collection_set_names()


def _roles():
    roles = os.path.join(COLLECTION, 'roles')
    return sorted(name for name in os.listdir(roles) if os.path.isfile(os.path.join(roles, name, 'meta', 'argument_specs.yml')))


def specs():
    """{scope: {entry point: options}} for every role, plus ``connection`` and ``site`` from meta/variables.yml."""
    result = {}
    for role in _roles():
        data = _load(os.path.join(COLLECTION, 'roles', role, 'meta', 'argument_specs.yml'))
        result[role] = dict((entry, spec.get('options') or {}) for entry, spec in data['argument_specs'].items())
    result.update((scope, {'main': spec.get('options') or {}}) for scope, spec in _load(GLOBAL_SPECS)['argument_specs'].items())
    return result


def prefixes():
    """The prefixes the collection owns: routeros_ and each role's name followed by _."""
    return tuple(['routeros_'] + [role + '_' for role in _roles()])


def _set_names(node, found):
    """Names the collection's own tasks register or set_fact (they land in hostvars next to the inventory's)."""
    if isinstance(node, list):
        for item in node:
            _set_names(item, found)
    elif isinstance(node, dict):
        if isinstance(node.get('register'), str):
            found.add(node['register'])
        for key, value in node.items():
            if key.endswith('set_fact') and isinstance(value, dict):
                found.update(name for name in value if name != 'cacheable')
            elif isinstance(value, (list, dict)):
                _set_names(value, found)


def collection_set_names():
    found = set()
    folders = [os.path.join(COLLECTION, 'roles', role, 'tasks') for role in _roles()] + [os.path.join(COLLECTION, 'playbooks')]
    for folder in folders:
        for name in sorted(os.listdir(folder)):
            if name.endswith(('.yml', '.yaml')):
                _set_names(_load(os.path.join(folder, name)), found)
    return found


def _right(option):
    """What a value of this option looks like, for the message."""
    if option.get('choices'):
        words = 'one of %s' % ', '.join(str(c) for c in option['choices'])
    else:
        words = TYPE_WORDS.get(option.get('type', 'str'), option.get('type', 'str'))
        if option.get('type') == 'list' and option.get('elements'):
            words += ' of %s' % TYPE_WORDS.get(option['elements'], option['elements']).replace('a ', '', 1) + 's'
    if 'default' in option and option['default'] not in (None, '', [], {}) and not option.get('no_log'):
        default = option['default']
        words += ', e.g. %s' % (('true' if default else 'false') if isinstance(default, bool) else repr(default))
    return words


def _element_errors(name, option, value):
    """Messages for the dicts of a variable with suboptions (a list of dicts, or a dict), each naming ``name[i].key``;
    None when an element is no dict (the type message says what would be right)."""
    options = option['options']
    items = value if isinstance(value, list) else [value]
    errors = []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            return None
        where = '%s[%d]' % (name, index) if isinstance(value, list) else name
        for key in sorted(set(item) - set(options)):
            close = difflib.get_close_matches(key, sorted(options), n=1, cutoff=0.6)
            errors.append('%s.%s: unknown key, %s' % (where, key, 'did you mean %s?' % close[0] if close else
                                                      'the keys are %s' % ', '.join(sorted(options))))
        for key, sub in options.items():
            if item.get(key) is not None:
                errors.extend(check_value('%s.%s' % (where, key), sub, item[key]))
            elif sub.get('required'):
                errors.append('%s.%s: required (%s)' % (where, key, _right(sub)))
    return errors


def _plain(value):
    """``value`` as plain dicts and lists: the validator copies what it checks, and a copy of Ansible's lazily templated
    containers templates them again, element by element."""
    if isinstance(value, Mapping):
        return dict((key, _plain(item)) for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value


def check_value(name, option, value):
    """Messages for one variable's value against its argument spec option: name, value and what would be right."""
    value = _plain(value)
    if option.get('options') and isinstance(value, list if option.get('type') == 'list' else dict):
        errors = _element_errors(name, option, value)
        if errors is not None:
            return errors
    spec = {name: dict((k, v) for k, v in option.items() if k in VALIDATOR_KEYS)}
    result = ArgumentSpecValidator(spec).validate({name: value})
    shown = '(hidden)' if option.get('no_log') else repr(value)
    if result.error_messages:
        error = result.errors[0]
        if isinstance(error, ArgumentValueError) and option.get('choices'):
            return ['%s: %s is not one of %s' % (name, shown, ', '.join(str(c) for c in option['choices']))]
        return ['%s: %s is not %s' % (name, shown, _right(option))]
    if name in RANGES:
        low, high = RANGES[name]
        number = result.validated_parameters[name]
        if number is not None and not low <= number <= high:
            return ['%s: %s is out of range (%d-%d)' % (name, shown, low, high)]
    return []


def unknown_names(names, known, declared):
    errors = []
    owned = prefixes()
    for name in sorted(names):
        if name.startswith(owned) and name not in known:
            close = difflib.get_close_matches(name, sorted(declared), n=1, cutoff=0.6)
            hint = 'did you mean %s?' % close[0] if close else 'no role of soho.routeros declares it.'
            errors.append("%s: unknown variable, %s (routeros_strict_variables: false allows variables of your own under the "
                          "collection's prefixes %s)" % (name, hint, ', '.join(owned)))
    return errors


def variable_errors(host_vars, role, settings=None):
    """Every problem with the names and types of a host's variables and of ``role``'s ``settings``, as messages."""
    if role is not None and not isinstance(role, str):
        raise AnsibleFilterError('variable_errors: role must be a role name, got %r' % (role,))
    every = specs()
    if role is not None and role not in every:
        raise AnsibleFilterError('variable_errors: %r is not a role of soho.routeros (%s)' % (role, ', '.join(sorted(every))))
    names = list(host_vars or {})
    errors = []
    global_options = dict(every['connection']['main'], **every['site']['main'])
    for name in sorted(set(names) & set(global_options)):
        errors.extend(check_value(name, global_options[name], host_vars[name]))

    # A variable the collection no longer reads stops the run even when other names may be the user's own.
    removed = _load(GLOBAL_SPECS).get('removed') or {}
    errors.extend('%s: %s' % (name, ' '.join(removed[name].split())) for name in sorted(set(names) & set(removed)))

    strict = host_vars.get('routeros_strict_variables', True) if host_vars else True
    try:
        strict = boolean(strict, strict=True)
    except TypeError:
        strict = True
    if strict:
        declared = set()
        for entries in every.values():
            for options in entries.values():
                declared.update(options)
        facts = host_vars.get('ansible_facts') if host_vars else None
        known = declared | collection_set_names() | set(facts or {})
        errors.extend(unknown_names(names, known | set(removed), declared))

    options = every[role]['main'] if role is not None else {}
    for name, value in sorted((settings or {}).items()):
        if name in options:
            errors.extend(check_value(name, options[name], value))
    return errors


class FilterModule(object):
    """The variable checks of the soho.routeros roles."""

    def filters(self):
        return {'variable_errors': variable_errors}
