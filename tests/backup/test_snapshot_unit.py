# -*- coding: utf-8 -*-
"""module_utils/snapshot.py without a router: order, documentation, redaction, rendering, files."""

import ast
import json
import os

import pytest
import yaml

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.soho.routeros.plugins.module_utils import connection, redaction, runner, schema, snapshot, snapshot_files, snapshot_render
from ansible_collections.soho.routeros.plugins.module_utils.description import restore_order
from ansible_collections.soho.routeros.plugins.module_utils.errors import RouterOSError

from backup_helpers import ROOT

KEY = b'0' * 64


def module_docs():
    with open(os.path.join(ROOT, 'plugins', 'modules', 'snapshot.py')) as stream:
        tree = ast.parse(stream.read())
    docs = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and node.targets[0].id in ('DOCUMENTATION', 'EXAMPLES', 'RETURN'):
            docs[node.targets[0].id] = yaml.safe_load(node.value.value)
    return docs


def test_restore_order_creates_what_others_refer_to_first_and_the_way_in_last():
    order = [path.name for path in restore_order(schema.PATHS)]
    assert sorted(order) == sorted(schema.PATHS)
    assert order[-3:] == ['ip_firewall_filter', 'ipv6_firewall_filter', 'ip_service']
    for first, then in [('interface_ethernet', 'ip_address'), ('interface_list', 'interface_list_member'),
                        ('interface_bridge', 'bridge_port'), ('interface_vlan', 'bridge_port'),
                        ('ip_pool', 'ip_dhcp_server'), ('ip_dhcp_server', 'ip_dhcp_server_network'),
                        ('ip_dhcp_server', 'ip_dhcp_server_lease'), ('ip_firewall_address_list', 'ip_firewall_raw'),
                        ('snmp_community', 'snmp'), ('system_script', 'system_scheduler'), ('ipv6_dhcp_client', 'ipv6_address')]:
        assert order.index(first) < order.index(then)


def test_documented_options_are_the_argument_spec():
    documented = module_docs()['DOCUMENTATION']['options']
    for name, option in snapshot.OPTIONS.items():
        doc = documented[name]
        assert doc['type'] == option['type'], name
        assert doc.get('default') == option.get('default'), name
        assert doc.get('choices') == option.get('choices'), name
        assert bool(doc.get('required')) == bool(option.get('required')), name
        assert doc.get('elements') == option.get('elements'), name
    assert set(documented) == set(snapshot.OPTIONS)
    assert runner.argument_spec('snapshot')['secrets']['no_log'] is True


def test_examples_are_valid_tasks():
    for task in module_docs()['EXAMPLES']:
        args = task['soho.routeros.snapshot']
        result = ArgumentSpecValidator(runner.argument_spec('snapshot')).validate(dict(args))
        assert not result.error_messages, (task['name'], result.error_messages)


def test_redaction_replaces_secrets_by_stable_digests():
    paths = {
        'snmp_community': [{'name': 'public'}, {'name': 'Hard2Guess'}],
        'snmp': {'enabled': True, 'trap_community': 'Hard2Guess'},
        'system_script': [{'name': 'up', 'source': '/tool fetch user=u password=pw9 url=ftp://x'},
                          {'name': 'plain', 'source': '/export file=x'}],
        'system_scheduler': [{'name': 's', 'on_event': 'up'}],
        'ip_pool': None,
    }
    redacted = redaction.redact(paths, KEY)
    text = json.dumps(redacted)
    assert 'Hard2Guess' not in text and 'pw9' not in text
    assert redacted['snmp_community'][0]['name'] == 'public'
    assert redacted['snmp_community'][1]['name'] == redacted['snmp']['trap_community'] == redaction.token(KEY, 'Hard2Guess')
    assert redacted['system_script'][1]['source'] == '/export file=x'
    assert redaction.redact(paths, KEY) == redacted
    assert redaction.redact(paths, b'1' * 64) != redacted
    assert paths['snmp_community'][1]['name'] == 'Hard2Guess'


def test_resolve_takes_given_secrets_and_drops_what_it_cannot_resolve():
    config = [{'name': redaction.token(KEY, 'Hard2Guess')}, {'name': redaction.token(KEY, 'Unknown')}, {'name': 'public'}]
    notes = []
    table = redaction.resolver(KEY, ['Hard2Guess', 'other'])
    assert redaction.resolve('snmp_community', config, [], table, notes) == [{'name': 'Hard2Guess'}, {'name': 'public'}]
    assert len(notes) == 1 and 'Unknown' not in notes[0]
    single = {'enabled': True, 'trap_community': redaction.token(KEY, 'Unknown')}
    assert redaction.resolve('snmp', single, {'trap_community': 'now'}, table, notes) == {'enabled': True, 'trap_community': 'now'}


def test_scrub_masks_secrets_everywhere():
    result = {'commands': ['/snmp community add name=Hard2Guess'], 'diff': [{'after': '- name: "Hard2Guess"\n'}]}
    assert 'Hard2Guess' not in json.dumps(redaction.scrub(result, ['Hard2Guess']))


def test_rendering_sets_factory_entries_and_leaves_out_defaults():
    paths = {
        'ipv6_nd': [{'interface': 'all', 'ra_interval': '20s-1m', 'disabled': False}],
        'snmp_community': [{'name': 'public', 'addresses': ['192.168.88.0/24']}, {'name': 'redacted:abc'}],
        'ip_pool': [{'name': 'lan', 'ranges': ['192.168.88.10-192.168.88.254'], 'comment': ''}],
        'ip_service': [{'name': 'telnet', 'disabled': True, 'port': 23}],
        'user': [{'name': 'alice', 'group': 'full'}],
    }
    lines = snapshot_render.render(paths, ['# header']).splitlines()
    assert '/ipv6 nd set [find default=yes] ra-interval=20s-1m' in lines
    assert '/snmp community set [find default=yes] addresses=192.168.88.0/24' in lines
    assert '# (redacted value, fill in the secret) /snmp community add name=redacted:abc' in lines
    assert '/ip pool add name=lan ranges=192.168.88.10-192.168.88.254' in lines
    assert '/ip service set [find name=telnet] disabled=yes port=23' in lines
    assert '# (set a password) /user add name=alice group=full' in lines
    assert lines[0] == '# header'


def test_write_atomic_never_leaves_a_partial_file(tmp_path, monkeypatch):
    path = str(tmp_path / 'a.json')
    snapshot_files.write_atomic(path, 'old\n')

    def broken(*args):
        raise OSError('disk full')
    monkeypatch.setattr(os, 'replace', broken)
    with pytest.raises(OSError):
        snapshot_files.write_atomic(path, 'new\n')
    assert open(path).read() == 'old\n'
    assert os.listdir(str(tmp_path)) == ['a.json']
    assert oct(os.stat(path).st_mode & 0o777) == oct(0o600)


def test_snapshot_names_and_choices(tmp_path):
    folder = tmp_path / 'r1'
    folder.mkdir()
    for stamp in ('20261129T031500.000000Z', '20261130T031500.000000Z'):
        (folder / (stamp + '.json')).write_text('{}')
    (folder / 'notes.json').write_text('{}')
    (folder / '.20261201T000000.000000Z.json.1.tmp').write_text('{')
    latest = snapshot_files.find_snapshot(str(tmp_path), 'r1', 'latest')
    assert latest.endswith('20261130T031500.000000Z.json')
    assert snapshot_files.find_snapshot(str(tmp_path), 'r1', '20261129T031500.000000Z').endswith('20261129T031500.000000Z.json')
    assert snapshot_files.find_snapshot(str(tmp_path), 'r1', '20261129T031500.000000Z.rsc').endswith('20261129T031500.000000Z.json')
    with pytest.raises(RouterOSError, match='is not a snapshot of r1'):
        snapshot_files.find_snapshot(str(tmp_path), 'r1', 'nope')
    with pytest.raises(RouterOSError, match='No snapshot of r2'):
        snapshot_files.find_snapshot(str(tmp_path), 'r2', 'latest')
    with pytest.raises(RouterOSError, match='cannot name a folder'):
        snapshot_files.router_dir(str(tmp_path), '../etc')
    with pytest.raises(RouterOSError, match='not a soho.routeros snapshot'):
        snapshot_files.load_snapshot(latest)


def test_key_is_created_once_and_private(tmp_path):
    key = snapshot_files.load_key(str(tmp_path), create=True)
    assert snapshot_files.load_key(str(tmp_path), create=True) == key
    assert oct(os.stat(str(tmp_path / snapshot_files.KEY_FILE)).st_mode & 0o777) == oct(0o600)
    assert snapshot_files.load_key(str(tmp_path / 'none'), create=False) is None


def test_runner_knows_the_module_and_the_generator_writes_it():
    """runner.py: snapshot is in the registry, the action group and argument specs; gen_modules.py writes its file."""
    import importlib.util

    assert 'snapshot' in runner.module_names() and runner.MODULES['snapshot'].path is None
    spec = runner.argument_spec('snapshot')
    assert set(spec) == set(connection.OPTIONS) | set(snapshot.OPTIONS)
    loader = importlib.util.spec_from_file_location('gen_modules', os.path.join(ROOT, 'tools', 'gen_modules.py'))
    gen = importlib.util.module_from_spec(loader)
    loader.loader.exec_module(gen)
    outputs = gen.outputs()
    assert 'snapshot.OPTIONS' not in outputs[os.path.join(ROOT, 'plugins', 'modules', 'snapshot.py')]
    runtime = yaml.safe_load(outputs[os.path.join(ROOT, 'meta', 'runtime.yml')])
    assert 'snapshot' in runtime['action_groups']['api']
    assert 'SharedActionModule' in outputs[os.path.join(ROOT, 'plugins', 'action', 'snapshot.py')]


def test_run_refuses_a_bad_router_folder_before_connecting(tmp_path, monkeypatch):
    def connect(params):
        raise AssertionError('connected')
    monkeypatch.setattr(connection, 'from_params', connect)
    with pytest.raises(RouterOSError, match='cannot name a folder'):
        snapshot.run({'backup_dir': str(tmp_path), 'router': '..', 'state': 'saved'})
