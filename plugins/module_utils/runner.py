# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every module of the collection in one registry, MODULES, and its logic as one plain function, ``run``.

Module files call ``run_module`` (an AnsibleModule wrapper, for ansible-doc and remote use); the
shared action plugin calls ``run`` in the controller process. Both validate with ansible-core
against the same ``argument_spec``. tools/gen_modules.py writes every module file from this
registry and the module's documentation, docs/modules/NAME.yml.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.module_utils.errors import UnsupportedError

from ansible_collections.soho.routeros.plugins.module_utils import backup_fetch, command, connection, description, diagnose, engine
from ansible_collections.soho.routeros.plugins.module_utils import facts, guard, redaction, schema, snapshot, values
from ansible_collections.soho.routeros.plugins.module_utils.errors import RouterOSError


class Module(object):
    """One module: its options beyond the connection options, the function that runs it, and its path if it manages one.

    ``own_connections``: the states in which the module opens connections of its own instead of the run's session
    (the lockout guard proves access with a fresh login); in them it runs outside the soho.routeros.api connection
    process, and what that process had read is dropped after a change.
    """

    def __init__(self, options, run, path=None, own_connections=()):
        self.options = options
        self.run = run
        self.path = path
        self.own_connections = own_connections


def _suboption(field, key=False):
    spec = {'type': values.argspec_type(field)}
    if field['type'] in values.COLLECTIONS:
        spec['elements'] = values.SCALARS[field.get('elements', 'str')][0]
    if field.get('choices'):
        spec['choices'] = list(field['choices'])
    # A secret RouterOS shows in clear is masked in the results; a key of the path (an SNMP community name) must stay
    # matchable in them, so only the others are no_log too.
    if field.get('secret') or (field.get('redact') == 'value' and not key):
        spec['no_log'] = True
    elif field.get('secret') is False:
        # A name that reads like a secret's (group_key_update) but holds none: said so, as Ansible asks.
        spec['no_log'] = False
    return spec


def path_options(path):
    """The options of the module that manages ``path``: its config and the state."""
    options = dict((name, _suboption(field, name in (path.keys or ()))) for name, field in path.writable().items())
    # RouterOS properties the description lacks, by their RouterOS names (runner.with_extra).
    options['extra'] = {'type': 'dict', 'default': {}}
    config = {'type': 'dict', 'options': options} if path.single else {'type': 'list', 'elements': 'dict', 'options': options}
    options = {'config': config, 'state': {'type': 'str', 'choices': list(path.states), 'default': 'merged'}}
    if path.ownable:
        options['owned'] = {'type': 'list', 'elements': 'str', 'default': []}
    if path.kind == 'ordered':
        options['first'] = {'type': 'bool', 'default': False}
        options['first_after'] = {'type': 'list', 'elements': 'str', 'default': []}
    if not path.single:
        options['renamed'] = {'type': 'dict', 'default': {}}
    return options


def check_config(path, config, state):
    """Errors in ``config`` that RouterOS would refuse, each naming the option; raised before connecting."""
    if state in ('gathered',):
        return
    if not config and state in ('merged', 'replaced', 'overridden', 'rendered'):
        raise RouterOSError('config is required with state=%s.' % state)
    entries = [config] if path.single and config else (config or [])
    errors = []
    for index, want in enumerate(entries):
        where = 'config' if path.single else 'config[%d]' % index
        for name, value in want.items():
            if value is None:
                continue
            message = values.validate(path.fields[name], value)
            if message:
                errors.append('%s.%s: %s' % (where, name, message))
        for name in path.keys + ([path.order_by] if path.order_by else []):
            if want.get(name) in (None, '', []):
                errors.append('%s.%s: required to identify the %s entry' % (where, name, path.path))
    if errors:
        raise RouterOSError('; '.join(errors) + '.')
    _check_duplicates(path, entries)


def _check_duplicates(path, entries):
    """The same entry twice in ``config`` would be added twice, and RouterOS refuses the second."""
    seen = {}
    for index, want in enumerate(entries):
        key = path.key(want)
        if not key:
            continue
        if key in seen:
            raise RouterOSError('config[%d] is the same entry as config[%d] (same %s); give each entry once.'
                                % (index, seen[key], ', '.join(path.key_names(want))))
        seen[key] = index


def _renames(path, given):
    """The ``renamed`` option checked: {option of this path: {old value: new value}} with text values."""
    renames = {}
    for name, mapping in (given or {}).items():
        if name not in path.fields:
            raise RouterOSError('renamed.%s: not an option of %s (options: %s).' % (name, path.path, ', '.join(sorted(path.fields))))
        if not isinstance(mapping, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in mapping.items()):
            raise RouterOSError('renamed.%s: must map old values to new ones, both text (got %r).' % (name, mapping))
        renames[name] = dict((k, v) for k, v in mapping.items() if k != v)
    return renames


def with_extra(path, config):
    """The path with a text field for each property the entries of ``config`` set through ``extra``, and the entries
    with those properties beside their typed options. A property the description has is refused: its option is the
    way to set it (and to compare it as RouterOS does)."""
    entries = [config] if path.single and config else (config or [])
    names, errors, merged = set(), [], []
    for index, want in enumerate(entries):
        where = 'config' if path.single else 'config[%d]' % index
        extra = dict(want.get('extra') or {})
        for ros in sorted(extra):
            known = path.known_property(ros)
            if known is not None:
                errors.append('%s.extra.%s: %s has an option of its own, %s; set it there' % (where, ros, ros, known))
            elif extra[ros] is None or isinstance(extra[ros], (dict, list)):
                errors.append('%s.extra.%s: give the value as RouterOS prints it (a word), not %r' % (where, ros, extra[ros]))
        names.update(extra)
        merged.append(dict(dict((k, v) for k, v in want.items() if k != 'extra'),
                           **dict((k, values.to_api({'type': 'str'}, v)) for k, v in extra.items())))
    if errors:
        raise RouterOSError('; '.join(errors) + '.')
    config = (merged[0] if merged else config) if path.single else (merged if config is not None else None)
    return path.with_extra(names), config


def _path_runner(path):
    def run_path(params, check_mode=False, diff_mode=False):
        state = params.get('state') or 'merged'
        path_now, config = with_extra(path, params.get('config'))
        check_config(path_now, config, state)
        return _run_path(path_now, config, state, params, check_mode, diff_mode)
    return run_path


def _clear_secrets(path, config, result):
    """The values of fields that RouterOS shows in clear but that work as secrets (an SNMP community's name), in
    ``config`` or on the router before the change; text fields (scripts) are left to no_log."""
    rows = redaction.entries(config) + redaction.entries(result.get('before'))
    return sorted(set(redaction.secret_values(path, rows, how='value')), key=len, reverse=True)


def _run_path(path, config, state, params, check_mode, diff_mode):
    if state == 'rendered':
        result = engine.run(path, config, state, None)
    else:
        with connection.session(params) as client:
            result = engine.run(path, config or ({} if path.single else []), state, client, check_mode,
                                owned=params.get('owned') or (), renames=_renames(path, params.get('renamed')),
                                first=bool(params.get('first')), first_after=tuple(params.get('first_after') or ()))
    if not diff_mode:
        result.pop('diff', None)
    if state == 'gathered':
        result['gathered'] = redaction.masked_read(path, result['gathered'])
        return result
    # A task that writes a secret shows that it changed, and where, with the secret masked.
    hidden = _clear_secrets(path, config, result)
    if hidden:
        result = redaction.scrub(result, hidden)
    return result


MODULES = dict((name, Module(path_options(path), _path_runner(path), path)) for name, path in schema.PATHS.items())
MODULES.update(
    facts=Module(facts.OPTIONS, facts.run),
    diagnose=Module(diagnose.OPTIONS, diagnose.run),
    command=Module(command.OPTIONS, command.run),
    snapshot=Module(snapshot.OPTIONS, snapshot.run),
    backup_fetch=Module(backup_fetch.OPTIONS, backup_fetch.run),
    config_guard=Module(guard.OPTIONS, guard.run, own_connections=('armed', 'confirmed', 'rolled_back')),
)

PATH_MODULES = sorted(name for name, module in MODULES.items() if module.path is not None)


def _apply(params, check_mode=False, diff_mode=False):
    """The apply module: the path module ``module`` with the options ``args``, on the connection apply was given."""
    args = dict((option, params[option]) for option in connection.OPTIONS if params.get(option) is not None)
    args.update(params.get('args') or {})
    inner, error = validate(argument_spec(params['module']), args, 'soho.routeros.' + params['module'])
    if error:
        raise RouterOSError('args of %s: %s' % (params['module'], error))
    result = MODULES[params['module']].run(inner, check_mode, diff_mode)
    result['module'] = params['module']
    return result


MODULES['apply'] = Module({'module': {'type': 'str', 'required': True, 'choices': PATH_MODULES},
                           'args': {'type': 'dict', 'default': {}}}, _apply)


def module_names():
    return sorted(MODULES)


def argument_spec(module_name):
    """The ansible-core argument spec of a module: connection options, then its own."""
    spec = dict((name, dict(option)) for name, option in connection.OPTIONS.items())
    spec.update((name, dict(option)) for name, option in MODULES[module_name].options.items())
    return spec


def validate(spec, args, fqcn):
    """``args`` checked against the argument ``spec`` as AnsibleModule checks them: (the parameters with defaults,
    None) or (None, the first error in Ansible's words, an unknown option with the module's name ``fqcn``)."""
    validation = ArgumentSpecValidator(spec).validate(args)
    if not validation.error_messages:
        return validation.validated_parameters, None
    msg = validation.errors.msg
    if isinstance(validation.errors[0], UnsupportedError):
        msg = 'Unsupported parameters for (%s) module: %s' % (fqcn, msg)
    return None, msg


def keep_sessions():
    """Keep one session per router for the life of this process; every print of a path asks for what the engine reads,
    and a write forgets the prints of the paths it can change (all of them, unless the path's description says)."""
    return connection.keep_sessions(dict((path.path, engine.proplist(path)) for path in schema.PATHS.values()),
                                    description.write_reach(schema.PATHS))


def run(module_name, params, check_mode=False, diff_mode=False):
    """Run one module; returns the Ansible result dict or raises RouterOSError."""
    return MODULES[module_name].run(params, check_mode, diff_mode)


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
