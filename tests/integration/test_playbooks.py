# -*- coding: utf-8 -*-
"""Real ansible-playbook runs through the shared action plugin, in process and as a module process."""

import os
import subprocess
import sys

import pytest
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PASSWORD = 'S3cret-pass-4711'


@pytest.fixture(scope='module')
def sim(routeros_sim_module_factory):
    return routeros_sim_module_factory('--user', 'ops:' + PASSWORD)


@pytest.fixture
def playbook(sim, tmp_path):
    sim.reset(0, factory='blank')
    sim.install_certificate(0)
    sim.clear_audit(0)
    inventory = {'all': {'hosts': {'router1': {
        'ansible_host': sim.host, 'ansible_connection': 'local',
        'ansible_python_interpreter': sys.executable,
        'ansible_user': 'ops', 'ansible_password': PASSWORD,
        'routeros_api_port': sim.tls_port, 'routeros_api_tls': True, 'routeros_api_ca_path': sim.ca_path,
        'routeros_ssh_port': sim.ssh_port,
    }}}}
    (tmp_path / 'hosts.yml').write_text(yaml.safe_dump(inventory))
    env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, 'ansible.cfg'),
               ANSIBLE_COLLECTIONS_PATH=os.path.join(ROOT, '.collections'),
               ANSIBLE_HOME=str(tmp_path / 'home'), ANSIBLE_LOCAL_TEMP=str(tmp_path / 'tmp'),
               ANSIBLE_NOCOLOR='1', ANSIBLE_FORCE_COLOR='0')

    def run(tasks, *args, **extra_vars):
        play = [{'hosts': 'all', 'gather_facts': False, 'tasks': tasks}]
        (tmp_path / 'play.yml').write_text(yaml.safe_dump(play))
        command = [os.path.join(os.path.dirname(sys.executable), 'ansible-playbook'), '-i', str(tmp_path / 'hosts.yml'),
                   str(tmp_path / 'play.yml')] + list(args)
        for name, value in extra_vars.items():
            command += ['-e', '%s=%s' % (name, value)]
        done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=str(tmp_path), check=False)
        output = done.stdout + done.stderr
        assert PASSWORD not in output
        assert 'Traceback' not in output
        return done.returncode, output
    return run


LAN = {'name': 'LAN address', 'soho.routeros.ip_address': {'config': [
    {'address': '192.168.88.1/24', 'interface': 'ether2', 'comment': 'LAN'}]}}
SITE = [
    LAN,
    dict(LAN, name='LAN address again, as a module process', vars={'routeros_run_in_process': False}),
    {'name': 'Resolver, as a module process', 'vars': {'routeros_run_in_process': False},
     'soho.routeros.ip_dns': {'config': {'servers': ['1.1.1.1'], 'allow_remote_requests': True}}},
    {'name': 'Facts', 'soho.routeros.facts': {'gather_subset': ['interfaces', 'ipv4']}},
    {'name': 'Facts are host variables', 'ansible.builtin.assert': {'that': [
        'routeros_version is version("6.0", ">=")', 'routeros_interfaces | length >= 5',
        '"192.168.88.1/24" in routeros_ipv4_addresses | map(attribute="address")']}},
]


def recap(output):
    line = [text for text in output.splitlines() if text.startswith('router1 ') and 'ok=' in text][-1]
    return dict(part.split('=') for part in line.split()[2:])


def test_in_process_and_module_process_then_idempotent_rerun(playbook, sim):
    code, output = playbook(SITE)
    assert code == 0 and recap(output)['changed'] == '2', output
    writes = len(sim.audit())
    assert writes == 2
    code, output = playbook(SITE)
    assert code == 0 and recap(output)['changed'] == '0', output
    assert len(sim.audit()) == writes


def test_check_diff_shows_the_change_and_writes_nothing(playbook, sim):
    code, output = playbook([LAN], '--check', '--diff')
    assert code == 0 and recap(output)['changed'] == '1', output
    assert '+++ after: /ip address [address=192.168.88.1/24 interface=ether2]' in output, output
    assert '+address: 192.168.88.1/24\n+interface: ether2\n+comment: LAN' in output
    assert 'RouterOS commands:\n/ip address add address=192.168.88.1/24 interface=ether2 comment="LAN"' in output
    assert sim.audit() == []


def test_failures_name_the_option_or_the_connection_and_write_nothing(playbook, sim):
    tasks = [
        {'name': 'Bad address', 'ignore_errors': True, 'soho.routeros.ip_address': {'config': [
            {'address': '192.168.88.300/24', 'interface': 'ether2'}]}},
        {'name': 'Unknown option', 'ignore_errors': True, 'soho.routeros.ip_pool': {'config': [
            {'name': 'p', 'pool_length': 64}]}},
        {'name': 'Bad ra_interval, as a module process', 'ignore_errors': True, 'vars': {'routeros_run_in_process': False},
         'soho.routeros.ipv6_nd': {'config': [{'interface': 'bridge', 'ra_interval': '10s'}]}},
        dict(LAN, name='Closed port', ignore_errors=True, vars={'routeros_api_port': 1}),
    ]
    code, output = playbook(tasks)
    assert code == 0 and recap(output)['ignored'] == '4', output
    assert "config[0].address: '192.168.88.300/24' is not a valid IPv4 prefix" in output
    assert 'pool_length' in output
    assert "config[0].ra_interval: '10s' is not a MIN-MAX range" in output
    assert '127.0.0.1:1 refused the connection' in output
    assert sim.audit() == []
