# -*- coding: utf-8 -*-
"""Helpers of the backup tests: ansible-playbook runs against a simulated router."""

import os
import subprocess
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
COLLECTIONS = os.path.join(ROOT, '.collections')
ANSIBLE_PLAYBOOK = os.path.join(os.path.dirname(sys.executable), 'ansible-playbook')
PASSWORD = 'Ops-pass-8821'


class Playbooks(object):
    """ansible-playbook against router 1 of a simulator, with an inventory and a backup_dir of the test's own."""

    def __init__(self, sim, tmp_path):
        self.sim = sim
        self.tmp = tmp_path
        self.backup_dir = str(tmp_path / 'backups')
        self.inventory = tmp_path / 'hosts.yml'
        self.inventory.write_text(yaml.safe_dump({'all': {'children': {'routeros': {'hosts': {'router1': {
            'ansible_host': sim.host, 'ansible_connection': 'local',
            'ansible_python_interpreter': sys.executable,
            'ansible_user': 'ops', 'ansible_password': PASSWORD,
            'routeros_api_port': sim.port, 'routeros_ssh_port': sim.ssh_port, 'routeros_api_timeout': 5,
            'backup_dir': self.backup_dir,
        }}}}}}))
        self.env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, 'ansible.cfg'), ANSIBLE_COLLECTIONS_PATH=COLLECTIONS,
                        ANSIBLE_HOME=str(tmp_path / 'home'), ANSIBLE_LOCAL_TEMP=str(tmp_path / 'tmp'),
                        ANSIBLE_NOCOLOR='1', ANSIBLE_FORCE_COLOR='0')

    def command(self, playbook, *args, **extra_vars):
        command = [ANSIBLE_PLAYBOOK, '-i', str(self.inventory), playbook] + list(args)
        if extra_vars:
            path = self.tmp / 'extra-vars.yml'
            path.write_text(yaml.safe_dump(extra_vars))
            command += ['-e', '@' + str(path)]
        return command

    def run(self, playbook, *args, **extra_vars):
        """(return code, output, recap counts) of one ansible-playbook run."""
        if not os.path.isabs(playbook):
            playbook = os.path.join(ROOT, playbook)
        done = subprocess.run(self.command(playbook, *args, **extra_vars), capture_output=True, text=True,
                              env=self.env, cwd=str(self.tmp), check=False)
        output = done.stdout + done.stderr
        assert PASSWORD not in output
        assert 'Traceback' not in output, output
        return done.returncode, output, recap(output)


def recap(output, host='router1'):
    lines = [text for text in output.splitlines() if text.startswith(host + ' ') and 'ok=' in text]
    if not lines:
        return {}
    return dict((k, int(v)) for k, v in (part.split('=') for part in lines[-1].split()[2:]))
