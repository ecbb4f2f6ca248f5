# -*- coding: utf-8 -*-
"""tools/gen_modules.py: every module's file is generated from the registry and docs/modules/NAME.yml, is
up to date, documents exactly the options the module runs with, and its examples are valid tasks."""

import ast
import json
import os
import subprocess
import sys

import pytest
import yaml

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.soho.routeros.plugins.module_utils import connection, runner

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
DOCS = os.path.join(ROOT, 'docs', 'modules')
sys.path.insert(0, os.path.join(ROOT, 'tools'))

import gen_modules  # noqa: E402


def module_docs(name):
    with open(os.path.join(ROOT, 'plugins', 'modules', name + '.py')) as stream:
        tree = ast.parse(stream.read())
    return dict((node.targets[0].id, yaml.safe_load(node.value.value)) for node in tree.body
                if isinstance(node, ast.Assign) and node.targets[0].id in ('DOCUMENTATION', 'EXAMPLES', 'RETURN'))


def _tasks(tasks):
    """Every task of a list, those inside blocks included."""
    for task in tasks:
        yield task
        for key in ('block', 'rescue', 'always'):
            yield from _tasks(task.get(key) or [])


def _stand_in(option, values):
    """A value of the option's type (its first choice, if it has choices) for a value only known at run time."""
    if option.get('choices'):
        return option['choices'][0]
    return values.get(option.get('type'), 'x')


@pytest.mark.parametrize('name', runner.module_names())
def test_examples_are_valid_tasks(name):
    """Every example task of the module (in blocks too) passes its argument spec and, for a path, the values RouterOS
    takes; a templated value is only known at run time, so a value of the option's type stands in for it."""
    tasks = module_docs(name)['EXAMPLES']
    assert tasks
    spec = runner.argument_spec(name)
    stand_in = {'int': 1, 'float': 1.0, 'bool': True, 'list': [], 'dict': {}}
    for task in _tasks(tasks):
        args = task.get('soho.routeros.' + name, False)
        if args is False:
            continue
        args = dict((k, _stand_in(spec.get(k, {}), stand_in) if isinstance(v, str) and '{{' in v else v)
                    for k, v in (args or {}).items())
        result = ArgumentSpecValidator(spec).validate(dict(args, hostname='192.0.2.1'))
        assert not result.error_messages, (task['name'], result.error_messages)
        path = runner.MODULES[name].path
        if path is not None:
            params = result.validated_parameters
            path, config = runner.with_extra(path, params.get('config'))
            runner.check_config(path, config, params['state'])


@pytest.mark.parametrize('name', [n for n in runner.module_names() if runner.MODULES[n].path is None])
def test_modules_without_a_path_document_the_argument_spec_they_run_with(name):
    documented = module_docs(name)['DOCUMENTATION'].get('options', {})
    spec = runner.MODULES[name].options
    assert set(documented) == set(spec)
    for option, rules in spec.items():
        for key in ('type', 'default', 'choices', 'elements'):
            assert documented[option].get(key) == rules.get(key), (option, key)
        assert bool(documented[option].get('required')) == bool(rules.get('required')), option


def test_every_doc_file_belongs_to_a_module():
    names = sorted(f[:-len('.yml')] for f in os.listdir(DOCS) if f.endswith('.yml'))
    assert names == sorted(runner.module_names() + ['common'])


def test_a_doc_file_with_an_unknown_key_is_refused(tmp_path, monkeypatch):
    (tmp_path / 'ip_dns.yml').write_text('---\nshort_description: DNS\ndescription: [x]\nexample: ""\n')
    monkeypatch.setattr(gen_modules, 'DOCS', str(tmp_path))
    with pytest.raises(SystemExit, match='unknown keys example'):
        gen_modules.load_doc('ip_dns')


def test_a_description_of_an_option_the_module_lacks_is_refused():
    doc = gen_modules.load_doc('ip_dns')
    doc['options'] = dict(doc.get('options') or {}, cache_sise='Misspelled.')
    with pytest.raises(SystemExit, match='does not have: cache_sise'):
        gen_modules.documentation('ip_dns', doc)


def test_an_option_without_a_description_is_refused():
    doc = gen_modules.load_doc('command')
    del doc['options']['query']
    with pytest.raises(SystemExit, match='no description of query'):
        gen_modules.documentation('command', doc)


def test_generated_files_are_up_to_date():
    check = subprocess.run([sys.executable, os.path.join(ROOT, 'tools', 'gen_modules.py'), '--check'],
                           capture_output=True, text=True, check=False)
    assert check.returncode == 0, 'run python tools/gen_modules.py: ' + check.stdout + check.stderr


def test_every_module_is_in_the_action_group_and_has_an_action_plugin_of_its_name():
    with open(os.path.join(ROOT, 'meta', 'runtime.yml')) as handle:
        runtime = yaml.safe_load(handle)
    names = runner.module_names()
    assert runtime['action_groups']['api'] == names
    # A redirect would make soho.routeros.api the canonical name of every module (ansible-lint fqcn[canonical]).
    assert 'action' not in (runtime.get('plugin_routing') or {})
    assert sorted(f[:-3] for f in os.listdir(os.path.join(ROOT, 'plugins', 'modules')) if f.endswith('.py')) == names
    actions = sorted(f[:-3] for f in os.listdir(os.path.join(ROOT, 'plugins', 'action')) if f.endswith('.py'))
    assert actions == sorted(names + ['api'])


def test_connection_options_are_the_doc_fragment():
    fragment = os.path.join(ROOT, 'plugins', 'doc_fragments', 'api.py')
    with open(fragment) as stream:
        tree = ast.parse(stream.read())
    text = next(node.value.value for node in ast.walk(tree) if isinstance(node, ast.Assign) and node.targets[0].id == 'DOCUMENTATION')
    assert set(yaml.safe_load(text)['options']) == set(connection.OPTIONS)


ADDED = ['interface_vlan', 'ip_dhcp_server_lease', 'ip_dns_static', 'ip_firewall_address_list', 'ip_firewall_raw',
         'ip_neighbor_discovery', 'ipv6_settings', 'mac_server', 'mac_server_winbox', 'snmp', 'snmp_community',
         'system_identity', 'system_ntp_client', 'system_package', 'system_scheduler', 'system_script', 'user']


def test_ansible_doc_renders_the_added_modules():
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=os.path.join(ROOT, '.collections'))
    doc = subprocess.run([os.path.join(os.path.dirname(sys.executable), 'ansible-doc'), '--json']
                         + ['soho.routeros.' + name for name in ADDED], capture_output=True, text=True, env=env, check=True)
    docs = json.loads(doc.stdout)
    assert sorted(name.split('.')[-1] for name in docs) == ADDED
    for name, module in docs.items():
        assert module['doc']['options']['config']['suboptions'], name
        assert module['examples'].strip(), name
    assert 'reboot_required' in docs['soho.routeros.system_package']['return']
    assert runner.argument_spec('user')['config']['options']['password']['no_log'] is True
    assert all(runner.argument_spec('snmp_community')['config']['options'][name]['no_log']
               for name in ('authentication_password', 'encryption_password'))


@pytest.mark.parametrize('name', runner.module_names())
def test_every_module_documents_its_attributes_and_three_examples(name):
    docs = module_docs(name)
    documentation, examples = docs['DOCUMENTATION'], docs['EXAMPLES']
    attributes = documentation['attributes']
    assert attributes['check_mode']['support'] in ('full', 'partial')
    assert attributes['diff_mode']['support'] in ('full', 'none')
    assert attributes['platform']['platforms'] == 'RouterOS v6'
    assert attributes['action_group']['membership'] == ['soho.routeros.api']
    own = [task for task in _tasks(examples) if 'soho.routeros.' + name in task]
    assert len(examples) >= 3 and own, name
