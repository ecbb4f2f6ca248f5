# -*- coding: utf-8 -*-
"""Converge, snapshot, factory reset, restore: every managed path is what it was (issue 7)."""

import glob
import json
import os

from ansible_collections.soho.routeros.plugins.module_utils import connection, snapshot

from backup_helpers import PASSWORD

SECRETS = ['Alice-pass-5512', 'Snmp-comm-7731', PASSWORD]
CONVERGE = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'converge.yml')
NO_ROUTER_EXPORT = {'backup_router_export': False}


def gathered(sim):
    """Every managed path as a snapshot sees it, unredacted."""
    with connection.connect(hostname=sim.host, port=sim.port, username='admin', password='') as client:
        return snapshot.gather(client)


def files(playbooks, pattern='*'):
    return sorted(p for p in glob.glob(os.path.join(playbooks.backup_dir, 'router1', pattern)) if os.path.isfile(p))


def test_round_trip_through_a_factory_reset(playbooks, sim):
    code, output, counts = playbooks.run(CONVERGE)
    assert code == 0 and counts['changed'] == 15, output
    code, output, counts = playbooks.run('playbooks/backup.yml', **NO_ROUTER_EXPORT)
    assert code == 0 and counts['changed'] == 1, output
    saved = gathered(sim)
    assert saved['user'] and saved['snmp_community'] and saved['ip_firewall_filter']

    # Nothing changed: no new file, changed=0.
    written = files(playbooks)
    code, output, counts = playbooks.run('playbooks/backup.yml', **NO_ROUTER_EXPORT)
    assert code == 0 and counts['changed'] == 0, output
    assert files(playbooks) == written and len(files(playbooks, '*.json')) == 1

    # No secret in any file the backup wrote, by default.
    for path in written:
        with open(path) as stream:
            text = stream.read()
        for secret in SECRETS:
            assert secret not in text, (path, secret)
    data = json.load(open(files(playbooks, '*.json')[0]))
    assert data['redacted'] is True
    assert [c['name'].startswith('redacted:') for c in data['paths']['snmp_community']] == [False, True]
    assert data['paths']['snmp']['trap_community'].startswith('redacted:')
    assert all('password' not in u for u in data['paths']['user'])

    sim.reset(0, factory='blank')
    assert gathered(sim) != saved

    # Check mode shows the restore and writes nothing.
    sim.clear_audit()
    restore_vars = {'restore_secrets': ['Snmp-comm-7731'], 'restore_user_passwords': {'alice': 'Alice-pass-5512'}}
    code, output, counts = playbooks.run('playbooks/restore.yml', '--check', '--diff', **restore_vars)
    assert code == 0 and counts['changed'] == 1, output
    assert '/ip pool add name=lan ranges=192.168.88.10-192.168.88.254' in output
    assert sim.audit() == []
    for secret in SECRETS:
        assert secret not in output

    code, output, counts = playbooks.run('playbooks/restore.yml', **restore_vars)
    assert code == 0 and counts['changed'] == 1, output
    for secret in SECRETS:
        assert secret not in output
    assert gathered(sim) == saved
    assert sim.api(username='alice', password='Alice-pass-5512')  # the user got the password given for it

    # The restored router is the snapshot: a second restore changes nothing.
    code, output, counts = playbooks.run('playbooks/restore.yml', **restore_vars)
    assert code == 0 and counts['changed'] == 0, output


def test_restore_without_the_secrets_keeps_the_router_safe(playbooks, sim):
    code, output, counts = playbooks.run(CONVERGE)
    assert code == 0, output
    code, output, counts = playbooks.run('playbooks/backup.yml', **NO_ROUTER_EXPORT)
    assert code == 0, output
    sim.reset(0, factory='blank')
    code, output, counts = playbooks.run('playbooks/restore.yml')
    assert code == 0 and counts['changed'] == 1, output
    assert 'created alice disabled' in output and 'give the secret in secrets' in output
    after = gathered(sim)
    assert [u for u in after['user'] if u['name'] == 'alice'][0]['disabled'] is True
    assert [c['name'] for c in after['snmp_community']] == ['public']
    assert after['snmp']['trap_community'] == 'public'
    assert [(p['name'], p['ranges']) for p in after['ip_pool']] == [('lan', ['192.168.88.10-192.168.88.254'])]


def test_restore_keeps_the_management_path(playbooks, sim):
    """A snapshot that would disable the API, or lock its service to other addresses, does not cut the controller off."""
    code, output, counts = playbooks.run('playbooks/backup.yml', **NO_ROUTER_EXPORT)
    assert code == 0, output
    path = files(playbooks, '*.json')[0]
    data = json.load(open(path))
    for service in data['paths']['ip_service']:
        if service['name'] == 'api':
            service.update(disabled=True, address=['192.0.2.0/24'])
    data['paths']['user'] = [u for u in data['paths']['user'] if u['name'] != 'ops']
    with open(path, 'w') as stream:
        json.dump(data, stream)
    code, output, counts = playbooks.run('playbooks/restore.yml')
    assert code == 0, output
    assert 'left api enabled' in output and 'kept ops' in output
    after = gathered(sim)
    api = [s for s in after['ip_service'] if s['name'] == 'api'][0]
    assert api['disabled'] is False and '192.168.88.10/32' in api['address'], 'the address the router sees the controller at'
    assert 'ops' in [u['name'] for u in after['user']]
    assert sim.api(username='ops', password=PASSWORD)


def test_unknown_snapshot_fails_clearly(playbooks, sim):
    code, output, counts = playbooks.run('playbooks/restore.yml', restore_snapshot='20200101T000000.000000Z')
    assert code != 0 and 'is not a snapshot of router1' in output
    sim.clear_audit()
    assert sim.audit() == []


def test_rsc_imports_to_the_same_configuration(playbooks, sim):
    """The snapshot's .rsc, run by /import on a reset router, recreates every path but the users (no passwords)."""
    code, output, counts = playbooks.run(CONVERGE)
    assert code == 0, output
    code, output, counts = playbooks.run('playbooks/backup.yml', backup_redact_secrets=False, **NO_ROUTER_EXPORT)
    assert code == 0, output
    saved = gathered(sim)
    with open(files(playbooks, '*.rsc')[0]) as stream:
        script = stream.read()
    assert '# (set a password) /user add name=alice group=full comment="Alice"' in script
    sim.reset(0, factory='blank')
    # The API writes files of at most 4 KB (/file set contents): the script goes in pieces, cut between lines.
    pieces, piece = [], ''
    for line in script.splitlines(True):
        if len(piece) + len(line) > 4000:
            pieces.append(piece)
            piece = ''
        piece += line
    pieces.append(piece)
    api = sim.api()
    try:
        for number, text in enumerate(pieces):
            tuple(api('/file/print', file='snapshot%d' % number))
            tuple(api('/file/set', numbers='snapshot%d.txt' % number, contents=text))
            tuple(api('/import', **{'file-name': 'snapshot%d.txt' % number}))
    finally:
        api.close()
    restored = gathered(sim)
    assert [u['name'] for u in restored['user']] == ['admin', 'ops']
    saved.pop('user')
    restored.pop('user')
    assert restored == saved


def test_restore_onto_a_router_with_fewer_ports(playbooks, sim):
    """A replacement without a port of the snapshot gets everything else, with a warning for the port."""
    code, output, counts = playbooks.run('playbooks/backup.yml', **NO_ROUTER_EXPORT)
    assert code == 0, output
    path = files(playbooks, '*.json')[0]
    data = json.load(open(path))
    data['paths']['interface_ethernet'].append({'default_name': 'sfp1', 'name': 'uplink', 'comment': 'fibre', 'disabled': False})
    data['paths']['ip_pool'] = [{'name': 'lan', 'ranges': ['192.168.88.10-192.168.88.254']}]
    with open(path, 'w') as stream:
        json.dump(data, stream)
    code, output, counts = playbooks.run('playbooks/restore.yml')
    assert code == 0 and counts['changed'] == 1, output
    assert 'this router has no default_name=sfp1' in output
    assert [p['name'] for p in gathered(sim)['ip_pool']] == ['lan']
