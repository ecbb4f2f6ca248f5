# -*- coding: utf-8 -*-
"""soho.routeros.facts gather_subset config: the router's export, read over SFTP."""

import json

PLAYBOOK = """
- hosts: routeros
  gather_facts: false
  tasks:
    - soho.routeros.facts:
        gather_subset: {subset}
        known_hosts: "{{{{ playbook_dir }}}}/known_hosts"
    - ansible.builtin.copy:
        content: "{{{{ {{'config': routeros_config | default('absent'), 'source': routeros_config_source | default('absent'),
                        'subsets': routeros_gather_subset}} | to_json }}}}"
        dest: "{{{{ playbook_dir }}}}/facts.json"
        mode: "0600"
      delegate_to: localhost
      check_mode: false
"""


def facts(playbooks, subset, *args):
    path = playbooks.tmp / 'facts.yml'
    path.write_text(PLAYBOOK.format(subset=json.dumps(subset)))
    code, output, counts = playbooks.run(str(path), *args)
    assert code == 0, output
    return json.loads((playbooks.tmp / 'facts.json').read_text()), output


def writes(sim):
    return [a for a in sim.audit(0) if not a['path'].startswith('/sim')]


def router_files(sim):
    return [f['name'] for f in sim.control(0, '/file/print')]


def test_config_is_the_export_without_secrets_and_leaves_no_file(playbooks, sim):
    sim.control(0, '/interface/pppoe-client/add', interface='ether1', user='customer-1234', password='Dsl-Secret-5')
    sim.control(0, '/system/identity/set', name='office-gw')
    sim.clear_audit(0)
    got, output = facts(playbooks, ['config'])
    config = got['config']
    assert got['source'] == 'export' and 'config' in got['subsets']
    assert config.startswith('# ') and '/system identity\nset name=office-gw\n' in config
    assert 'customer-1234' in config and 'Dsl-Secret-5' not in config
    # The same text as an export the router writes itself.
    sim.control(0, '/export', file='reference', **{'hide-sensitive': ''})
    reference = [f for f in sim.control(0, '/file/print') if f['name'] == 'reference.rsc'][0]
    assert int(reference['size']) == len(config.encode())
    assert not [n for n in router_files(sim) if n.startswith('soho-facts-')]
    # The temporary file is all it wrote: no configuration change.
    assert [(a['path'], a['command']) for a in writes(sim)] == [('/file', 'remove')]


def test_check_mode_reads_the_newest_daily_export_and_writes_nothing(playbooks, sim):
    got, output = facts(playbooks, ['config'], '--check')
    assert got['config'] is None and got['source'] is None
    assert 'holds no dated export to read instead' in ' '.join(output.split())
    assert writes(sim) == []

    sim.control(0, '/export', file='backup-2026-12-01')
    sim.control(0, '/system/identity/set', name='changed-later')
    sim.control(0, '/export', file='backup-2026-12-02')
    sim.clear_audit(0)
    got, output = facts(playbooks, ['all'], '--check')
    assert got['source'] == 'backup-2026-12-02.rsc' and 'set name=changed-later' in got['config']
    assert writes(sim) == []


def test_all_but_config_opens_no_ssh_session(playbooks, sim):
    got, output = facts(playbooks, ['all', '!config'])
    assert got['config'] == 'absent' and 'config' not in got['subsets']
    assert not [r for r in sim.control(0, '/log/print') if 'via ssh' in r['message']]
    assert writes(sim) == []


def test_config_with_the_ssh_service_disabled_names_the_service(playbooks, sim):
    sim.control(0, '/ip/service/set', **{'.id': 'ssh', 'disabled': 'yes'})
    path = playbooks.tmp / 'facts.yml'
    path.write_text(PLAYBOOK.format(subset=json.dumps(['config'])))
    code, output, counts = playbooks.run(str(path))
    assert code != 0
    assert 'gather_subset config: the ssh service of' in ' '.join(output.split())
    assert [n for n in router_files(sim) if n.startswith('soho-facts-')] == []
