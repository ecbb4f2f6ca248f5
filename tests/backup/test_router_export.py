# -*- coding: utf-8 -*-
"""The on-router export script and scheduler on the simulated clock (the v6 way)."""

import calendar
import os
import time

import pytest

from ansible_collections.soho.routeros.plugins.module_utils import connection, snapshot, snapshot_files

KEEP = 3
DAY = 86400
MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

# The lines of the loop that writes the export script and its schedule, when both change.
EXPORT_ITEMS = {'changed: [router1] => (item=Daily export script (/system script))',
                'changed: [router1] => (item=Daily export schedule (/system scheduler))'}


def rows(api, path):
    return list(api.path(path))


def epoch_of(v6_stamp):
    """Seconds since the epoch of a v6 time stamp such as ``nov/29/2026 03:00:00`` (UTC in the simulator)."""
    date, clock = v6_stamp.split()
    month, day, year = date.split('/')
    return calendar.timegm(time.strptime('%s-%02d-%s %s' % (year, MONTHS.index(month) + 1, day, clock), '%Y-%m-%d %H:%M:%S'))


@pytest.mark.parametrize('binary', [False, True], ids=['export', 'export-and-binary'])
def test_scheduler_keeps_the_newest_exports(playbooks, sim, binary):
    role_vars = {'backup_retention': KEEP, 'backup_time': '03:00:00', 'backup_snapshot': False, 'backup_binary': binary,
                 # The scheduler's own exports only (test_fetch.py copies them off the router).
                 'backup_fetch': False}
    # A PPPoE WAN: RouterOS writes its password into an export unless told hide-sensitive.
    api = sim.api()
    try:
        tuple(api('/interface/pppoe-client/add', interface='ether1', user='customer-1234', password='Dsl-Secret-5'))
    finally:
        api.close()
    code, output, counts = playbooks.run('playbooks/backup.yml', **role_vars)
    # One task of two items: the script and its schedule.
    assert code == 0 and counts['changed'] == 1 and EXPORT_ITEMS <= set(output.splitlines()), output
    code, output, counts = playbooks.run('playbooks/backup.yml', **role_vars)
    assert code == 0 and counts['changed'] == 0, output

    api = sim.api()
    try:
        entry = [r for r in rows(api, '/system/scheduler') if r['name'] == 'soho-backup'][0]
        first = epoch_of(entry['next-run'])
        assert time.gmtime(first)[3:6] == (3, 0, 0)
        days = KEEP + 2
        tuple(api('/sim/clock/advance', seconds=first - int(next(iter(api('/sim/clock/print')))['epoch']) + (days - 1) * DAY + 60))
        names = ['backup-' + time.strftime('%Y-%m-%d', time.gmtime(first + k * DAY)) for k in range(days)]
        kept = names[-KEEP:]
        files = sorted(f['name'] for f in rows(api, '/file'))
        expected = sorted([n + '.rsc' for n in kept] + ([n + '.backup' for n in kept] if binary else []))
        assert files == expected
        log = [r['message'] for r in rows(api, '/log') if r['topics'] == 'script,info']
        assert ['soho-backup: configuration exported to %s.rsc' % n for n in names] == [m for m in log if 'exported' in m]
        removed = [m for m in log if 'removed' in m]
        assert ['soho-backup: removed %s.rsc' % n for n in names[:2]] == [m for m in removed if m.endswith('.rsc')]
        script = [r for r in rows(api, '/system/script') if r['name'] == 'soho-backup'][0]
        assert int(script['run-count']) == days
        for name in kept:
            contents = [f for f in rows(api, '/file') if f['name'] == name + '.rsc'][0].get('contents', '')
            assert contents.startswith('# ') and '/system script' in contents
            # The export holds the script source and the PPPoE client: no secret may stand in it.
            assert 'password' not in contents and 'Dsl-Secret-5' not in contents
            assert 'user=customer-1234' in contents
    finally:
        api.close()


def test_router_export_off_removes_script_and_schedule(playbooks, sim):
    # Script, schedule, and the day's export written and copied off the router.
    code, output, counts = playbooks.run('playbooks/backup.yml', backup_snapshot=False)
    assert code == 0 and counts['changed'] == 2 and EXPORT_ITEMS <= set(output.splitlines()), output
    # Script and schedule removed; the copy is there already.
    code, output, counts = playbooks.run('playbooks/backup.yml', backup_snapshot=False, backup_router_export=False)
    assert code == 0 and counts['changed'] == 1 and EXPORT_ITEMS <= set(output.splitlines()), output
    api = sim.api()
    try:
        assert rows(api, '/system/scheduler') == [] and rows(api, '/system/script') == []
    finally:
        api.close()


@pytest.mark.parametrize('name, value', [
    ('backup_file_prefix', 'bad prefix'),
    ('backup_start_date', '2026-11-29'),
    ('backup_retention', 0),
    # A binary backup password would stand in the script source, and so in every export users copy off the router.
    ('backup_binary_password', 'secret'),
])
def test_bad_variables_fail_before_any_write(playbooks, sim, name, value):
    sim.clear_audit()
    code, output, counts = playbooks.run('playbooks/backup.yml', **{name: value})
    assert code != 0 and '%s: ' % name in output, output
    assert sim.audit() == []


def test_check_mode_writes_nothing_anywhere(playbooks, sim):
    sim.clear_audit()
    # Script, schedule, snapshot and the copy of the day's export, all only planned.
    code, output, counts = playbooks.run('playbooks/backup.yml', '--check', '--diff')
    assert code == 0 and counts['changed'] == 3 and EXPORT_ITEMS <= set(output.splitlines()), output
    assert sim.audit() == []
    assert not os.path.exists(playbooks.backup_dir)


def test_snapshot_as_a_module_process(playbooks, sim):
    """routeros_run_in_process=false runs plugins/modules/snapshot.py as an ordinary module: same result."""
    code, output, counts = playbooks.run('playbooks/backup.yml', backup_router_export=False, routeros_run_in_process=False)
    assert code == 0 and counts['changed'] == 1, output
    folder = os.path.join(playbooks.backup_dir, 'router1')
    assert len(snapshot_files.snapshot_files(folder)) == 1 and len(os.listdir(folder)) == 2
    with connection.connect(hostname=sim.host, port=sim.port, username='admin', password='') as client:
        assert not snapshot.save(client, {'backup_dir': playbooks.backup_dir, 'router': 'router1', 'retention': 30})['changed']
