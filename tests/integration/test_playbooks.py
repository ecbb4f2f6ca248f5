# -*- coding: utf-8 -*-
"""Real ansible-playbook runs through the shared action plugin, in process and as a module process."""

import os
import subprocess
import sys

import pytest
import yaml
from process_helpers import router_processes

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


# A role's paths as the items of one soho.routeros.apply task: the pool before the DHCP server that names it.
APPLY = {
    'name': 'LAN pool, DHCP server and DNS', 'register': 'lan',
    'soho.routeros.apply': {'module': '{{ item.module }}', 'args': '{{ item.args }}'},
    'when': 'item.when | default(true)',
    'loop': [
        {'name': 'LAN pool (/ip pool)', 'module': 'ip_pool',
         'args': {'config': [{'name': 'lan', 'ranges': ['192.168.88.10-192.168.88.254']}]}},
        {'name': 'LAN DHCP server (/ip dhcp-server)', 'module': 'ip_dhcp_server',
         'args': {'config': [{'name': 'lan', 'interface': 'ether2', 'address_pool': 'lan', 'disabled': False}]}},
        {'name': 'Leases (/ip dhcp-server lease)', 'module': 'ip_dhcp_server_lease', 'args': {}, 'when': False},
        {'name': 'DNS (/ip dns)', 'module': 'ip_dns', 'args': {'config': {'allow_remote_requests': True}}},
    ],
    'loop_control': {'label': '{{ item.name }}', 'break_when': 'lan is failed'},
}


def test_apply_runs_each_item_as_its_module_reports_it_and_reruns_unchanged(playbook, sim):
    code, output = playbook([APPLY], '--diff')
    assert code == 0 and recap(output)['changed'] == '1', output
    assert 'changed: [router1] => (item=LAN pool (/ip pool))' in output
    assert 'changed: [router1] => (item=LAN DHCP server (/ip dhcp-server))' in output
    assert 'skipping: [router1] => (item=Leases (/ip dhcp-server lease))' in output
    assert '+++ after: /ip pool [name=lan]' in output and '/ip dhcp-server add name=lan' in output
    assert [entry['path'] for entry in sim.audit()] == ['/ip/pool', '/ip/dhcp-server', '/ip/dns']
    code, output = playbook([APPLY])
    assert code == 0 and recap(output)['changed'] == '0', output
    assert len(sim.audit()) == 3


def test_apply_in_check_mode_writes_nothing_and_a_module_process_gives_the_same(playbook, sim):
    code, output = playbook([APPLY], '--check')
    assert code == 0 and 'changed: [router1] => (item=DNS (/ip dns))' in output, output
    assert sim.audit() == []
    code, output = playbook([dict(APPLY, vars={'routeros_run_in_process': False})])
    assert code == 0 and 'changed: [router1] => (item=LAN DHCP server (/ip dhcp-server))' in output, output
    assert len(sim.audit()) == 3


def test_apply_checks_an_items_args_against_its_module_and_the_first_failure_ends_the_loop(playbook, sim):
    items = [dict(APPLY['loop'][0], args={'config': [{'name': 'lan', 'pool_length': 64}]})] + APPLY['loop'][1:]
    code, output = playbook([dict(APPLY, loop=items)])
    assert code != 0 and recap(output)['failed'] == '1', output
    assert 'args of ip_pool: Unsupported parameters for (soho.routeros.ip_pool) module: config.pool_length' in output, output
    assert '(item=DNS (/ip dns))' not in output
    assert sim.audit() == []
    code, output = playbook([{'name': 'Not a path module', 'ignore_errors': True,
                              'soho.routeros.apply': {'module': 'config_guard', 'args': {}}}])
    assert 'value of module must be one of' in output and sim.audit() == []


def test_the_api_connection_logs_in_once_a_reset_starts_anew_and_the_run_ends_its_process(playbook, sim, tmp_path):
    gathered = {'name': 'Resolver', 'soho.routeros.ip_dns': {'state': 'gathered'}}
    control = sim.api()
    list(control('/sim/stats/reset'))
    rc, output = playbook([gathered, dict(gathered, name='Resolver again'), {'ansible.builtin.meta': 'reset_connection'},
                           dict(gathered, name='Resolver after the reset'),
                           {'name': 'A command runs on the controller', 'ansible.builtin.command': 'hostname',
                            'register': 'here', 'changed_when': False},
                           {'ansible.builtin.assert': {'that': ['here.stdout == lookup("pipe", "hostname")']}}],
                          ansible_connection='soho.routeros.api')
    assert rc == 0, output
    assert recap(output)['failed'] == '0'
    (stats,) = control('/sim/stats/print')
    control.close()
    assert stats['logins'] == 2
    assert router_processes(tmp_path) == []
