# -*- coding: utf-8 -*-
"""The schema is consistent, its examples are valid tasks, and the generated files are up to date."""

import os
import subprocess
import sys

import pytest
import yaml

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.soho.routeros.plugins.module_utils import runner, schema, values

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIELD_KEYS = {'type', 'description', 'default', 'send_default', 'required', 'readonly', 'secret', 'choices',
              'elements', 'limits', 'pool_relative', 'ros'}


@pytest.mark.parametrize('name', sorted(schema.MODULES))
def test_entry_is_consistent(name):
    entry = schema.MODULES[name]
    assert entry['path'].startswith('/') and entry['kind'] in schema.STATES
    assert set(entry['keys']) <= set(entry['fields'])
    assert entry.get('order_by') in (None,) + tuple(entry['fields'])
    assert (entry['kind'] == 'ordered') == bool(entry.get('order_by'))
    assert set(entry['flags']) <= {'dynamic', 'builtin', 'default'}
    ros_names = [schema.ros_name(n, f) for n, f in entry['fields'].items()]
    assert len(ros_names) == len(set(ros_names))
    for field_name, field in entry['fields'].items():
        assert set(field) <= FIELD_KEYS, field_name
        assert field['description'].endswith('.'), field_name
        kind = field.get('elements') if field['type'] in values.COLLECTIONS else field['type']
        assert kind in values.SCALARS, field_name
        assert bool(field.get('choices')) == (kind == 'enum'), field_name
        if 'default' in field and field['default'] not in ('', []):
            assert values.validate(field, field['default']) is None, field_name
        if field.get('send_default'):
            assert 'default' in field
        if field.get('pool_relative'):
            assert field['pool_relative'] in entry['fields']


# The examples of hand-written modules are checked by their own tests (tests/backup for snapshot).
@pytest.mark.parametrize('name', [n for n in runner.module_names() if n not in runner.HANDWRITTEN_MODULES])
def test_examples_are_valid_tasks(name):
    entry = schema.MODULES.get(name) or schema.OTHER_MODULES[name]
    tasks = yaml.safe_load(entry['examples'])
    assert tasks
    for task in tasks:
        args = task.get('soho.routeros.' + name)
        if args is None:
            continue
        result = ArgumentSpecValidator(runner.argument_spec(name)).validate(dict(args or {}))
        assert not result.error_messages, (task['name'], result.error_messages)
        if name in schema.MODULES:
            runner.check_config(schema.MODULES[name], result.validated_parameters['config'],
                                result.validated_parameters['state'])


def test_generated_files_are_up_to_date():
    check = subprocess.run([sys.executable, os.path.join(ROOT, 'tools', 'gen_modules.py'), '--check'],
                           capture_output=True, text=True, check=False)
    assert check.returncode == 0, 'run python tools/gen_modules.py: ' + check.stdout + check.stderr


def test_every_module_is_in_the_action_group_and_redirected():
    with open(os.path.join(ROOT, 'meta', 'runtime.yml')) as handle:
        runtime = yaml.safe_load(handle)
    names = runner.module_names()
    assert runtime['action_groups']['api'] == names
    assert all(runtime['plugin_routing']['action'][n] == {'redirect': 'soho.routeros.api'} for n in names)
    assert sorted(f[:-3] for f in os.listdir(os.path.join(ROOT, 'plugins', 'modules')) if f.endswith('.py')) == names
