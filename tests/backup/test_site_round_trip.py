# -*- coding: utf-8 -*-
"""The lab's home office converged by playbooks/site.yml survives a factory reset through backup and restore."""

import os
import shutil
import subprocess

import pytest
import yaml

from ansible_collections.soho.routeros.plugins.module_utils import connection, snapshot

from backup_helpers import ANSIBLE_PLAYBOOK, ROOT, recap

LAB = os.path.join(ROOT, 'inventories', 'lab')


@pytest.fixture(scope='module')
def home(routeros_sim_module_factory):
    return routeros_sim_module_factory('--factory', 'blank', '--names', 'home')


def gathered(sim):
    with connection.connect(hostname=sim.host, port=sim.port, username='admin', password='') as client:
        return snapshot.gather(client)


def test_site_converge_backup_reset_restore(home, tmp_path):
    inventory = tmp_path / 'inventory'
    shutil.copytree(LAB, str(inventory))
    (inventory / 'hosts.yml').write_text(yaml.safe_dump({'routeros': {'hosts': {'home': {
        'ansible_host': home.host, 'routeros_api_port': home.port, 'routeros_ssh_port': home.ssh_address(0)[1],
        'backup_dir': str(tmp_path / 'backups')}}}}))
    env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, 'ansible.cfg'),
               ANSIBLE_COLLECTIONS_PATH=os.path.join(ROOT, '.collections'), ANSIBLE_LOCAL_TEMP=str(tmp_path / 'tmp'),
               ANSIBLE_NOCOLOR='1', ANSIBLE_FORCE_COLOR='0')

    def play(name, *args):
        done = subprocess.run([ANSIBLE_PLAYBOOK, '-i', str(inventory), os.path.join(ROOT, 'playbooks', name)] + list(args),
                              capture_output=True, text=True, env=env, cwd=str(tmp_path), check=False)
        output = done.stdout + done.stderr
        assert 'Traceback' not in output, output
        return done.returncode, output, recap(output, 'home')

    code, output, counts = play('site.yml')
    assert code == 0, output
    # The day's export is off the router when site.yml ends, and its checksum holds.
    copies = tmp_path / 'backups' / 'home' / 'router-files'
    (export,) = [f for f in home.control(0, '/file/print') if f['name'].endswith('.rsc')]
    assert (copies / export['name']).stat().st_size == int(export['size'])
    checked = subprocess.run(['sha256sum', '-c', '--strict', 'SHA256SUMS'], cwd=str(copies), capture_output=True, text=True,
                             check=False)
    assert (checked.returncode, checked.stdout) == (0, '%s: OK\n' % export['name'])
    # site.yml ends with the backup role: its snapshot is the converged configuration, so a backup run finds nothing new.
    code, output, counts = play('backup.yml')
    assert code == 0 and counts['changed'] == 0, output
    assert len([n for n in os.listdir(str(tmp_path / 'backups' / 'home')) if n.endswith('.json')]) == 2
    saved = gathered(home)
    assert saved['ip_dhcp_server'] and saved['ipv6_address']

    home.reset(0, factory='blank')
    code, output, counts = play('restore.yml')
    assert code == 0 and counts['changed'] == 1, output
    assert gathered(home) == saved
    code, output, counts = play('restore.yml')
    assert code == 0 and counts['changed'] == 0, output
