# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The logic of every module as one plain function, ``run``.

Module files call ``run_module`` (an AnsibleModule wrapper, for ansible-doc and remote use); the
shared action plugin calls ``run`` in the controller process. Both validate with ansible-core
against the same ``argument_spec``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.soho.routeros.plugins.module_utils import connection, engine, facts, guard, schema, snapshot, values
from ansible_collections.soho.routeros.plugins.module_utils.errors import RouterOSError

CONNECTION_OPTIONS = {
    'hostname': {'type': 'str'},
    'username': {'type': 'str'},
    'password': {'type': 'str', 'no_log': True},
    'port': {'type': 'int'},
    'tls': {'type': 'bool', 'default': False},
    'ca_path': {'type': 'path'},
    'validate_certs': {'type': 'bool', 'default': True},
    'timeout': {'type': 'int', 'default': connection.DEFAULT_TIMEOUT},
    'login_method': {'type': 'str', 'choices': ['plain', 'token'], 'default': 'plain'},
}

READ_COMMANDS = ('print', 'getall')

# Modules whose file is written by hand (tools/gen_modules.py leaves them alone): name -> options.
HANDWRITTEN_MODULES = {'snapshot': snapshot.OPTIONS, 'config_guard': guard.OPTIONS}


def module_names():
    return sorted(list(schema.MODULES) + list(schema.OTHER_MODULES) + list(HANDWRITTEN_MODULES))


def _suboption(field):
    spec = {'type': values.argspec_type(field)}
    if field['type'] in values.COLLECTIONS:
        spec['elements'] = values.SCALARS[field.get('elements', 'str')][0]
    if field.get('choices'):
        spec['choices'] = list(field['choices'])
    if field.get('secret'):
        spec['no_log'] = True
    return spec


def config_spec(entry):
    options = dict((name, _suboption(field)) for name, field in schema.writable(entry).items())
    if entry['kind'] == 'single':
        return {'type': 'dict', 'options': options}
    return {'type': 'list', 'elements': 'dict', 'options': options}


def argument_spec(module_name):
    """The ansible-core argument spec of a module: connection options, then its own."""
    spec = dict((name, dict(option)) for name, option in CONNECTION_OPTIONS.items())
    if module_name in HANDWRITTEN_MODULES:
        spec.update((name, dict(option)) for name, option in HANDWRITTEN_MODULES[module_name].items())
        return spec
    if module_name in schema.OTHER_MODULES:
        spec.update((name, dict((k, v) for k, v in option.items() if k != 'description'))
                    for name, option in schema.OTHER_MODULES[module_name]['options'].items())
        return spec
    entry = schema.MODULES[module_name]
    spec['config'] = config_spec(entry)
    spec['state'] = {'type': 'str', 'choices': list(schema.STATES[entry['kind']]), 'default': 'merged'}
    return spec


def check_config(entry, config, state):
    """Errors in ``config`` that RouterOS would refuse, each naming the option; raised before connecting."""
    if state in ('gathered',):
        return
    if not config and state in ('merged', 'replaced', 'overridden', 'rendered'):
        raise RouterOSError('config is required with state=%s.' % state)
    single = entry['kind'] == 'single'
    entries = [config] if single and config else (config or [])
    errors = []
    for index, want in enumerate(entries):
        where = 'config' if single else 'config[%d]' % index
        for name, value in want.items():
            if value is None:
                continue
            message = values.validate(entry['fields'][name], value)
            if message:
                errors.append('%s.%s: %s' % (where, name, message))
        needed = list(entry['keys'])
        if entry.get('order_by'):
            needed.append(entry['order_by'])
        for name in needed:
            if want.get(name) in (None, '', []):
                errors.append('%s.%s: required to identify the %s entry' % (where, name, entry['path']))
    if errors:
        raise RouterOSError('; '.join(errors) + '.')
    if not single:
        _check_duplicates(entry, entries)


def _check_duplicates(entry, entries):
    """The same entry twice in ``config`` would be added twice, and RouterOS refuses the second."""
    names = list(entry['keys'])
    if not names:
        names = [entry['order_by'], 'comment'] if entry.get('order_by') else ['comment']
    # An address taken from a pool is only its host part: the pool is part of its identity.
    pools = [entry['fields'][name]['pool_relative'] for name in names if entry['fields'][name].get('pool_relative')]
    seen = {}
    for index, want in enumerate(entries):
        if any(want.get(name) in (None, '', []) for name in names):
            continue
        identity = tuple(values.canonical(entry['fields'][name], want.get(name)) for name in names + pools)
        if identity in seen:
            raise RouterOSError('config[%d] is the same entry as config[%d] (same %s); give each entry once.'
                                % (index, seen[identity], ', '.join(names)))
        seen[identity] = index


def _connect(params):
    return connection.connect(**dict((name, params.get(name)) for name in CONNECTION_OPTIONS))


def run(module_name, params, check_mode=False, diff_mode=False):
    """Run one module; returns the Ansible result dict or raises RouterOSError."""
    if module_name == 'facts':
        with _connect(params) as client:
            return {'changed': False, 'ansible_facts': facts.gather(client)}
    if module_name == 'command':
        return run_command(params, check_mode)
    if module_name == 'snapshot':
        return snapshot.run(params, _connect, check_mode, diff_mode)
    if module_name == 'config_guard':
        return guard.run(params, check_mode)
    entry = schema.MODULES[module_name]
    state = params.get('state') or 'merged'
    config = params.get('config')
    check_config(entry, config, state)
    if state == 'rendered':
        return engine.run(entry, config, state, None)
    with _connect(params) as client:
        result = engine.run(entry, config or ([] if entry['kind'] != 'single' else {}), state, client, check_mode)
    if not diff_mode:
        result.pop('diff', None)
    return result


def run_command(params, check_mode):
    path, verb = (params['command'].rstrip('/').rsplit('/', 1) + [''])[:2]
    if not path or not verb:
        raise RouterOSError('command: %r is not an API command such as /ip/address/print.' % params['command'])
    arguments = dict((k, values.to_api({'type': 'str'}, v)) for k, v in (params.get('arguments') or {}).items())
    cli = ' '.join(['/' + path.strip('/').replace('/', ' '), verb] + ['%s=%s' % (k, v) for k, v in arguments.items()])
    reads = verb in READ_COMMANDS
    if check_mode and not reads:
        return {'changed': False, 'skipped': True, 'commands': [cli],
                'msg': 'Check mode: %s was not sent because it may change the router.' % params['command']}
    with _connect(params) as client:
        rows = client.call(path, verb, arguments, extra=list(params.get('query') or []))
    return {'changed': not reads, 'result': rows, 'commands': [cli]}


def run_module(module_name):
    """The body of every module file."""
    from ansible.module_utils.basic import AnsibleModule, missing_required_lib

    module = AnsibleModule(argument_spec=argument_spec(module_name), supports_check_mode=True)
    if module.params.get('state') != 'rendered':
        if not connection.HAS_LIBROUTEROS:
            module.fail_json(msg=missing_required_lib('librouteros'), exception=connection.LIBROUTEROS_IMPORT_ERROR)
    if not values.HAS_NETADDR:
        module.fail_json(msg=missing_required_lib('netaddr'), exception=values.NETADDR_IMPORT_ERROR)
    try:
        result = run(module_name, module.params, module.check_mode, module._diff)
    except RouterOSError as exc:
        module.fail_json(msg=str(exc))
    module.exit_json(**result)
