# -*- coding: utf-8 -*-
"""The router's exports copied off the router (backup role, soho.routeros.backup_fetch over the simulator's SFTP)."""

import hashlib
import json
import os
import subprocess

import pytest
import yaml

from backup_helpers import PASSWORD

DAY = 86400


def router_files(sim):
    return dict((f['name'], f) for f in sim.control(0, '/file/print'))


def today(sim):
    return [f for f in router_files(sim) if f.startswith('backup-') and f.endswith('.rsc')]


def copies(playbooks):
    return os.path.join(playbooks.backup_dir, 'router1', 'router-files')


def sha256sum_check(folder):
    """What coreutils' sha256sum says of the recorded checksums: the users' own check."""
    done = subprocess.run(['sha256sum', '-c', '--strict', 'SHA256SUMS'], cwd=folder, capture_output=True, text=True, check=False)
    return done.returncode, done.stdout + done.stderr


def sftp_bytes(sim, name):
    """The file as the router serves it, read with paramiko directly."""
    import paramiko

    transport = paramiko.Transport((sim.host, sim.ssh_port))
    try:
        transport.connect(username='ops', password=PASSWORD)
        sftp = paramiko.SFTPClient.from_transport(transport)
        with sftp.open(name, 'rb') as remote:
            return remote.read()
    finally:
        transport.close()


def writes(sim):
    return [a for a in sim.audit(0) if not a['path'].startswith('/sim')]


def test_site_run_fetches_the_days_export_and_a_rerun_changes_nothing(playbooks, sim):
    code, output, counts = playbooks.run('playbooks/backup.yml')
    assert code == 0, output
    [name] = today(sim)
    folder = copies(playbooks)
    local = os.path.join(folder, name)
    with open(local, 'rb') as stream:
        data = stream.read()
    listed = router_files(sim)[name]
    # The router's own listing: size, and on a small file the API's contents.
    assert len(data) == int(listed['size'])
    assert data.decode() == listed['contents']
    assert data == sftp_bytes(sim, name)
    assert os.stat(folder).st_mode & 0o777 == 0o700 and os.stat(local).st_mode & 0o777 == 0o600
    assert sha256sum_check(folder) == (0, '%s: OK\n' % name)
    manifest = json.load(open(os.path.join(folder, '.fetched.json')))
    assert manifest[name] == {'size': len(data), 'created': listed['creation-time'], 'sha256': hashlib.sha256(data).hexdigest()}
    log = [r['message'] for r in sim.control(0, '/log/print')]
    assert 'user ops logged in from 192.168.88.10 via ssh' in log

    sim.clear_audit(0)
    code, output, counts = playbooks.run('playbooks/backup.yml')
    assert code == 0 and counts['changed'] == 0, output
    assert writes(sim) == []
    assert today(sim) == [name]


def test_check_mode_on_a_new_router_writes_nothing_anywhere(playbooks, sim):
    code, output, counts = playbooks.run('playbooks/backup.yml', '--check', '-v')
    assert code == 0, output
    assert writes(sim) == []
    assert today(sim) == []
    assert not os.path.exists(copies(playbooks))
    result = yaml.safe_load(output.split("Copy the router's exports to the controller (SFTP)")[1].split('=>', 1)[1].split('\n\n')[0]
                            .split('PLAY RECAP')[0])
    assert result['changed'] is True and result['exported'] == result['fetched'][0]


def test_a_copy_that_no_longer_matches_its_checksum_is_fetched_again(playbooks, sim):
    assert playbooks.run('playbooks/backup.yml')[0] == 0
    folder = copies(playbooks)
    [name] = today(sim)
    local = os.path.join(folder, name)
    good = open(local, 'rb').read()
    with open(local, 'r+b') as stream:
        stream.seek(10)
        stream.write(b'X')
    assert sha256sum_check(folder)[0] != 0

    sim.clear_audit(0)
    code, output, counts = playbooks.run('playbooks/backup.yml')
    assert code == 0 and counts['changed'] == 1, output
    assert '%s: the copy in %s does not match its recorded SHA-256; fetched again' % (name, folder) in ' '.join(output.split())
    assert open(local, 'rb').read() == good
    assert sha256sum_check(folder)[0] == 0
    assert writes(sim) == []


def test_a_transfer_cut_midway_keeps_nothing_and_the_next_run_fetches_the_file(playbooks, sim):
    # The export script in place and run once, so the day's export exists; the link fails after 700 bytes of it.
    code, output, counts = playbooks.run('playbooks/backup.yml', backup_fetch=False)
    assert code == 0, output
    sim.control(0, '/system/script/run', number='soho-backup')
    sim.control(0, '/sim/fault/set', **{'sftp-cut-after': '700'})

    code, output, counts = playbooks.run('playbooks/backup.yml')
    assert code != 0
    [name] = today(sim)
    assert '%s: the transfer from %s port %d (ssh) broke after' % (name, sim.host, sim.ssh_port) in output
    assert 'nothing was kept, the next run fetches it again' in ' '.join(output.split())
    folder = copies(playbooks)
    assert [n for n in os.listdir(folder) if not n.startswith('.known_hosts')] == []

    code, output, counts = playbooks.run('playbooks/backup.yml')
    assert code == 0 and counts['changed'] == 1, output
    assert sha256sum_check(folder) == (0, '%s: OK\n' % name)
    assert open(os.path.join(folder, name), 'rb').read() == sftp_bytes(sim, name)


def test_the_controller_keeps_its_own_retention_after_the_router_removed_them(playbooks, sim):
    role_vars = {'backup_retention': 2, 'backup_fetch_retention': 4, 'backup_binary': True, 'backup_snapshot': False}
    fetched = set()
    for day in range(6):
        code, output, counts = playbooks.run('playbooks/backup.yml', **role_vars)
        assert code == 0, output
        on_router = [n for n in router_files(sim) if n.startswith('backup-')]
        fetched |= set(on_router)
        sim.control(0, '/sim/clock/advance', seconds=str(DAY))
    folder = copies(playbooks)
    kept = sorted(n for n in os.listdir(folder) if n.startswith('backup-'))
    exports = sorted(n for n in fetched if n.endswith('.rsc'))
    backups = sorted(n for n in fetched if n.endswith('.backup'))
    assert len(exports) == 6 and len(backups) == 6
    assert kept == sorted(exports[-4:] + backups[-4:])
    # The router kept its own two of each.
    assert len([n for n in router_files(sim) if n.startswith('backup-')]) == 4
    code, out = sha256sum_check(folder)
    assert code == 0 and out.count(': OK') == 8


def test_disabled_ssh_service_stops_before_any_write(playbooks, sim):
    sim.control(0, '/ip/service/set', **{'.id': 'ssh', 'disabled': 'yes'})
    playbooks.run('playbooks/backup.yml', backup_fetch=False)
    sim.clear_audit(0)
    code, output, counts = playbooks.run('playbooks/backup.yml')
    assert code != 0
    flat = ' '.join(output.split())
    assert 'The ssh service of' in flat and 'backup_fetch: false' in flat
    # The day's export was not written: the run stopped before the script.
    assert writes(sim) == [] and today(sim) == []


def test_a_changed_host_key_is_refused(playbooks, sim):
    import paramiko

    assert playbooks.run('playbooks/backup.yml')[0] == 0
    known = os.path.join(copies(playbooks), '.known_hosts')
    [line] = open(known).read().split('\n')[:1]
    host = line.split()[0]
    # Someone else's key recorded for that address (paramiko generates RSA keys only).
    with open(known, 'w') as stream:
        stream.write('%s ssh-rsa %s\n' % (host, paramiko.RSAKey.generate(1024).get_base64()))
    # A copy that no longer matches its checksum, so that the run opens SFTP to fetch it again.
    with open(os.path.join(copies(playbooks), today(sim)[0]), 'ab') as stream:
        stream.write(b'tampered')
    code, output, counts = playbooks.run('playbooks/backup.yml')
    assert code != 0
    flat = ' '.join(output.split())
    assert 'The SSH host key of %s port %d (ssh) is not the one %s records for it' % (sim.host, sim.ssh_port, known) in flat


def test_a_relative_backup_dir_is_taken_from_the_inventory_folder(playbooks, sim, tmp_path):
    inventory = yaml.safe_load(playbooks.inventory.read_text())
    host = inventory['all']['children']['routeros']['hosts']['router1']
    host['backup_dir'] = 'backups-here'
    folder = tmp_path / 'inventory'
    folder.mkdir()
    playbooks.inventory = folder / 'hosts.yml'
    playbooks.inventory.write_text(yaml.safe_dump(inventory))
    code, output, counts = playbooks.run('playbooks/backup.yml')
    assert code == 0, output
    [name] = today(sim)
    assert os.path.isfile(folder / 'backups-here' / 'router1' / 'router-files' / name)
    assert len([n for n in os.listdir(folder / 'backups-here' / 'router1') if n.endswith('.json')]) == 1
    # Not under the directory ansible-playbook ran in.
    assert not os.path.exists(tmp_path / 'backups-here')


@pytest.mark.parametrize('retention', [0, -1])
def test_bad_fetch_retention_is_refused_before_any_write(playbooks, sim, retention):
    code, output, counts = playbooks.run('playbooks/backup.yml', backup_fetch_retention=retention)
    assert code != 0
    assert 'backup_fetch_retention: %d is out of range (1-10000)' % retention in output
    assert writes(sim) == []


def test_an_ssh_service_closed_to_the_controller_is_named(playbooks, sim):
    sim.control(0, '/ip/service/set', **{'.id': 'ssh', 'address': '10.0.0.0/8'})
    code, output, counts = playbooks.run('playbooks/backup.yml')
    assert code != 0
    assert ("closed the connection before SSH began: the ssh service is not open to the controller's address"
            in ' '.join(output.split()))
    assert not [n for n in os.listdir(copies(playbooks)) if n.startswith('backup-')]


@pytest.mark.parametrize('redact', [True, False], ids=['redacted', 'as-written'])
def test_the_snmp_community_in_the_copies_follows_backup_redact_secrets(playbooks, sim, redact):
    sim.control(0, '/snmp/community/add', name='office-snmp-Zq81', addresses='192.168.88.20/32')
    sim.control(0, '/snmp/set', enabled='yes', **{'trap-community': 'office-snmp-Zq81'})
    code, output, counts = playbooks.run('playbooks/backup.yml', backup_redact_secrets=redact)
    assert code == 0, output
    folder = copies(playbooks)
    [name] = today(sim)
    copy = open(os.path.join(folder, name)).read()
    assert ('office-snmp-Zq81' in copy) is not redact
    assert (copy.count('redacted:') == 2) is redact
    assert sha256sum_check(folder) == (0, '%s: OK\n' % name)
    # The copy's tokens are the snapshot's: the same key, the same digest.
    if redact:
        snapshot = [f for f in os.listdir(os.path.join(playbooks.backup_dir, 'router1')) if f.endswith('.json')][0]
        tokens = json.load(open(os.path.join(playbooks.backup_dir, 'router1', snapshot)))['paths']['snmp']['trap_community']
        assert tokens in copy


def test_from_defconf_with_hand_made_exports_the_dated_ones_are_copied_and_a_rerun_reads_only_the_file_list(playbooks, sim):
    sim.reset(0, factory='defconf')
    # Exports made by hand before the collection: one named as the role names them, one not.
    sim.control(0, '/export', file='backup-2026-11-01')
    sim.control(0, '/export', file='before-upgrade')
    code, output, counts = playbooks.run('playbooks/backup.yml')
    assert code == 0, output
    folder = copies(playbooks)
    names = sorted(today(sim))
    assert 'backup-2026-11-01.rsc' in names and len(names) == 2
    assert sorted(n for n in os.listdir(folder) if n.endswith('.rsc')) == names
    listed = router_files(sim)
    for name in names:
        # A defconf export is larger than the API shows the contents of: only SFTP reads it whole.
        assert 'contents' not in listed[name] and int(listed[name]['size']) > 4096
        assert open(os.path.join(folder, name), 'rb').read() == sftp_bytes(sim, name)
    code, out = sha256sum_check(folder)
    assert code == 0 and out.count(': OK') == 2

    sim.clear_audit(0)
    sim.control(0, '/sim/stats/reset')
    # (Without the snapshot, which reads every managed path, /ip/service and /snmp among them.)
    code, output, counts = playbooks.run('playbooks/backup.yml', backup_snapshot=False)
    assert code == 0 and counts['changed'] == 0, output
    assert writes(sim) == []
    printed = set(row['path'] for row in sim.control(0, '/sim/stats/prints/print'))
    # Nothing to fetch: neither the ssh service nor the communities to redact are read.
    assert '/file' in printed and not printed & {'/ip/service', '/snmp', '/snmp/community'}


def test_after_a_run_with_binary_backups_a_run_without_keeps_their_copies(playbooks, sim):
    assert playbooks.run('playbooks/backup.yml', backup_binary=True)[0] == 0
    # The script's first run writes the day's export and binary backup: both are copied in that run.
    assert sorted(os.path.splitext(n)[1] for n in os.listdir(copies(playbooks)) if n.startswith('backup-')) == ['.backup', '.rsc']
    sim.control(0, '/sim/clock/advance', seconds=str(DAY))
    code, output, counts = playbooks.run('playbooks/backup.yml', backup_binary=False)
    assert code == 0, output
    folder = copies(playbooks)
    kept = sorted(n for n in os.listdir(folder) if n.startswith('backup-'))
    assert len([n for n in kept if n.endswith('.backup')]) >= 1 and len([n for n in kept if n.endswith('.rsc')]) == 2
    code, out = sha256sum_check(folder)
    assert code == 0 and out.count(': OK') == len(kept)
    sim.clear_audit(0)
    code, output, counts = playbooks.run('playbooks/backup.yml', backup_binary=False)
    assert code == 0 and counts['changed'] == 0 and writes(sim) == [], output
