# -*- coding: utf-8 -*-
"""A backup run that dies midway (router connection dropped, process killed) leaves no partial snapshot."""

import glob
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from ansible_collections.soho.routeros.plugins.module_utils import connection, snapshot, snapshot_files

from backup_helpers import COLLECTIONS, PASSWORD

ONLY_SNAPSHOT = {'backup_router_export': False}

# Runs one save and SIGKILLs itself at the n-th call of KILL_CALL (a write step), as a power cut would.
KILLED_SAVE = '''
import os, signal, sys
sys.path.insert(0, %(collections)r)
from ansible_collections.soho.routeros.plugins.module_utils import connection, snapshot
name, at = os.environ['KILL_CALL'], int(os.environ['KILL_AT'])
real = getattr(os, name)
calls = []
def dying(*args, **kwargs):
    calls.append(1)
    if len(calls) == at:
        os.kill(os.getpid(), signal.SIGKILL)
    return real(*args, **kwargs)
setattr(os, name, dying)
with connection.connect(hostname=%(host)r, port=%(port)d, username='ops', password=%(password)r) as client:
    snapshot.save(client, {'backup_dir': %(backup_dir)r, 'router': 'router1', 'retention': 5, 'redact_secrets': True})
'''


def snapshot_state(backup_dir):
    """Every snapshot file parsed (a partial one would not parse), and the names in the router folder."""
    folder = os.path.join(backup_dir, 'router1')
    for path in snapshot_files.snapshot_files(folder):
        with open(path) as stream:
            data = json.load(stream)
        assert data['format'] == 1 and 'system_identity' in data['paths']
        with open(path[:-len('.json')] + '.rsc') as stream:
            assert stream.read().endswith('\n')
    return sorted(os.listdir(folder))


def save(sim, backup_dir, retention=5):
    """One snapshot run in this process (the playbook runs the same function through the action plugin)."""
    with connection.connect(hostname=sim.host, port=sim.port, username='ops', password=PASSWORD) as client:
        return snapshot.save(client, {'backup_dir': backup_dir, 'router': 'router1', 'retention': retention,
                                      'redact_secrets': True})


def set_identity(sim, name):
    api = sim.api()
    try:
        tuple(api('/system/identity/set', name=name))
    finally:
        api.close()


def test_retention_keeps_the_newest_snapshots(playbooks, sim):
    written = []
    for number in range(4):
        set_identity(sim, 'router-%d' % number)
        result = save(sim, playbooks.backup_dir, retention=2)
        assert result['changed'] and result['snapshots'] == (written + [result['snapshot']])[-2:]
        written.append(result['snapshot'])
    folder = os.path.join(playbooks.backup_dir, 'router1')
    assert snapshot_files.snapshot_files(folder) == written[-2:]
    assert sorted(os.listdir(folder)) == sorted(os.path.basename(p) for w in written[-2:] for p in (w, w[:-5] + '.rsc'))
    assert json.load(open(written[-1]))['paths']['system_identity'] == {'name': 'router-3'}
    assert not save(sim, playbooks.backup_dir, retention=2)['changed']


def test_connection_dropped_midway_writes_nothing(playbooks, sim):
    assert save(sim, playbooks.backup_dir)['changed']
    before = snapshot_state(playbooks.backup_dir)
    set_identity(sim, 'changed-before-the-drop')
    # Enough sentences for the two script tasks and part of the snapshot's prints, then the router hangs up.
    sim.control(0, '/sim/fault/set', **{'drop-after': '20'})
    code, output, counts = playbooks.run('playbooks/backup.yml', **ONLY_SNAPSHOT)
    assert code != 0 and 'Lost the connection' in output, output
    assert snapshot_state(playbooks.backup_dir) == before
    sim.control(0, '/sim/fault/clear')
    assert save(sim, playbooks.backup_dir)['changed']
    assert len(snapshot_files.snapshot_files(os.path.join(playbooks.backup_dir, 'router1'))) == 2


@pytest.mark.parametrize('call, at', [
    ('fsync', 1),    # the .rsc temporary file written, not yet renamed
    ('replace', 2),  # the .rsc in place, the .json temporary file complete but not renamed
    ('fsync', 3),    # the .json temporary file being written
])
def test_process_killed_while_writing_leaves_no_partial_snapshot(playbooks, sim, call, at):
    save(sim, playbooks.backup_dir)
    folder = os.path.join(playbooks.backup_dir, 'router1')
    first = snapshot_files.snapshot_files(folder)
    set_identity(sim, 'changed-before-the-kill')
    source = KILLED_SAVE % {'collections': COLLECTIONS, 'host': sim.host, 'port': sim.port, 'password': PASSWORD,
                            'backup_dir': playbooks.backup_dir}
    done = subprocess.run([sys.executable, '-c', source], env=dict(os.environ, KILL_CALL=call, KILL_AT=str(at)),
                          capture_output=True, text=True, check=False)
    assert done.returncode == -signal.SIGKILL, done.stderr
    snapshot_state(playbooks.backup_dir)
    assert snapshot_files.snapshot_files(folder) == first
    # What the killed run left is not a snapshot: restore still takes the complete one.
    assert snapshot_files.find_snapshot(playbooks.backup_dir, 'router1', 'latest') == first[-1]
    # The next run writes the snapshot; leftovers of the killed run go once they are stale.
    for leftover in glob.glob(os.path.join(folder, '.*.tmp')):
        os.utime(leftover, (time.time() - 3600, time.time() - 3600))
    assert save(sim, playbooks.backup_dir)['changed']
    names = snapshot_state(playbooks.backup_dir)
    assert len([n for n in names if n.endswith('.json')]) == 2
    assert len([n for n in names if n.endswith('.rsc')]) == 2
    assert not [n for n in names if n.endswith('.tmp')]


def test_ansible_playbook_killed_during_the_snapshot(playbooks, sim):
    save(sim, playbooks.backup_dir)
    before = snapshot_state(playbooks.backup_dir)
    set_identity(sim, 'changed-before-the-kill')
    # Slow replies keep the snapshot task reading for a while (its prints go out together, so each round trip costs
    # one delay: two seconds keep it busy well past the kill); the playbook is killed inside it.
    sim.control(0, '/sim/fault/set', delay='2000')
    command = playbooks.command(os.path.join(os.path.dirname(COLLECTIONS), 'playbooks', 'backup.yml'),
                                '-e', 'backup_router_export=false')
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env=playbooks.env, cwd=str(playbooks.tmp), start_new_session=True)
    try:
        for line in process.stdout:
            if 'Snapshot of the configuration on the controller' in line:
                time.sleep(0.5)
                break
        os.killpg(process.pid, signal.SIGKILL)
    finally:
        process.wait()
        process.stdout.close()
        sim.control(0, '/sim/fault/clear')
    assert process.returncode == -signal.SIGKILL
    assert snapshot_state(playbooks.backup_dir) == before
