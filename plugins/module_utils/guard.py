# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Commit confirmed for RouterOS v6: a rollback job on the router that undoes a set of changes
unless the controller proves, over a fresh API connection, that it can still reach the router.

The changes are the results of module tasks run in check mode (``before``, ``after``,
``commands``). For each path the rollback is the engine's own plan from ``after`` back to
``before``: entries added are removed, entries changed get their previous values, moved rules go
back to their place; single and fixed menus get their previous settings. The plan is written as
RouterOS CLI lines into a /system script, and a one-shot /system scheduler entry runs it after a
delay (v6 needs an explicit start date and time for that: they are taken from the router clock).
The script ends by removing itself and its scheduler entry, so a router that rolled back is left
exactly as it was before.

Entries that hold a secret the router never shows (a /user password) cannot be re-created by a
rollback: an ``add`` would give them an empty password. So the rollback restores them by the
internal id they had when the job was armed (a renamed user gets its name back, with its password,
since it is the same entry), and an entry the change removes is held instead: armed disables it
(the job enables it again) and confirmed removes it once access is proven.

States of ``soho.routeros.config_guard``:
  gathered     read only: the address the controller connects from, whether a job is pending,
               and whether the /ipv6 menus exist.
  armed        install the job (check mode: only return its script) and hold the removed entries
               that hold secrets.
  confirmed    connect anew; on success remove the job and the held entries, otherwise fail saying
               access is lost.
  rolled_back  after a failure: wait until the job has run (or run it at once when the router is
               still reachable), check that every path is back to ``before``, and fail with a
               message naming what cut access.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import time

from ansible_collections.soho.routeros.plugins.module_utils import connection, engine, schema, values
from ansible_collections.soho.routeros.plugins.module_utils.errors import RouterOSError

try:
    import netaddr
except ImportError:
    netaddr = None

DEFAULT_NAME = 'soho-guard'
DEFAULT_DELAY = '5m'
# What the job needs: write to undo the changes, policy to restore users, test for :log.
POLICY = ['password', 'policy', 'read', 'sensitive', 'test', 'write']
MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
# Seconds after the job's start time before the controller looks again: the job itself takes a moment.
GRACE = 10
RETRY_EVERY = 5
PROBE_SERVICE = {False: 'api', True: 'api-ssl'}


# Options of soho.routeros.config_guard (docs/modules/config_guard.yml describes them).
OPTIONS = {
    'state': {'type': 'str', 'choices': ['gathered', 'armed', 'confirmed', 'rolled_back'], 'default': 'gathered'},
    'name': {'type': 'str', 'default': DEFAULT_NAME},
    'changes': {'type': 'list', 'elements': 'dict', 'default': []},
    'delay': {'type': 'str', 'default': DEFAULT_DELAY},
    'deadline': {'type': 'float'},
    'reconnect_timeout': {'type': 'int', 'default': 120},
    'controller_address': {'type': 'str'},
    'error': {'type': 'str', 'default': ''},
}


# ------------------------------------------------------------------------------------------ reading


def controller_address(client, username, local_address=None):
    """The source address of this API session as the router sees it (/user active).

    Several sessions of the same user may be open (another controller, WinBox with the same
    account): the one from this socket's own address is ours; behind NAT, the newest API session.
    """
    rows = [r for r in client.print('/user/active', ['.id', 'name', 'address', 'via'])
            if r.get('via') in ('api', 'api-ssl') and r.get('name') == username and r.get('address')]
    if not rows:
        return None
    for row in rows:
        if local_address and _same_ip(row['address'], local_address):
            return row['address']
    return max(rows, key=lambda r: int(str(r.get('.id', '*0')).lstrip('*') or '0', 16))['address']


def _same_ip(a, b):
    try:
        return netaddr.IPAddress(str(a)) == netaddr.IPAddress(str(b))
    except (netaddr.AddrFormatError, ValueError, TypeError):
        return str(a) == str(b)


def _router_now(client):
    row = (client.print('/system/clock', ['date', 'time']) or [{}])[0]
    try:
        month, day, year = row['date'].split('/')
        hours, minutes, seconds = (int(p) for p in row['time'].split(':'))
        return datetime.datetime(int(year), MONTHS.index(month.lower()) + 1, int(day), hours, minutes, seconds)
    except (KeyError, ValueError):
        raise RouterOSError('%s shows an unreadable clock (%s %s); the rollback job needs it to know when to run.'
                            % (client.where, row.get('date'), row.get('time')))


def _v6_date(moment):
    return '%s/%02d/%04d' % (MONTHS[moment.month - 1], moment.day, moment.year)


def _job(client, name):
    jobs = [r for r in client.print('/system/scheduler', ['.id', 'name', 'start-date', 'start-time', 'run-count'])
            if r.get('name') == name]
    return jobs[0] if jobs else None


def _script(client, name):
    scripts = [r for r in client.print('/system/script', ['.id', 'name']) if r.get('name') == name]
    return scripts[0] if scripts else None


def _has_ipv6(client):
    try:
        client.print('/ipv6/firewall/filter', ['.id'])
        return True
    except RouterOSError:
        return False


# ------------------------------------------------------------------------------------------ planning


def _changed(changes):
    """(path, before, after) of each change that has commands; the module must manage a path. A change is a module with
    its task's result, or the result of a soho.routeros.apply loop item (its loop item names the module)."""
    out = []
    for index, change in enumerate(changes or []):
        if 'result' in change:
            module, result = change.get('module'), change.get('result') or {}
        else:
            module, result = change.get('module') or (change.get('item') or {}).get('module'), change
        if module not in schema.PATHS:
            raise RouterOSError('changes[%d].module: %r is not a module of this collection that manages a path.'
                                % (index, module))
        if result.get('failed'):
            raise RouterOSError('changes[%d] (%s): the planning task failed: %s' % (index, module, result.get('msg')))
        if not result.get('commands'):
            continue
        if 'before' not in result or 'after' not in result:
            raise RouterOSError('changes[%d].result (%s) has no before and after: give the registered result of the task '
                                'run in check mode.' % (index, module))
        out.append((schema.PATHS[module], result['before'], result['after']))
    return out


def _plan_back(path, before, current):
    """The ops that take ``current`` (Items) back to ``before``: fixed and single menus get their settings back."""
    if path.single:
        return engine.plan(path, [path.settings(before)] if before else [], 'replaced', current)
    # Entries the changes added are the ones ``before`` does not have: overridden removes them.
    return engine.plan(path, [path.settings(e) for e in before or []], 'replaced' if path.kind == 'fixed' else 'overridden',
                       current)


def holds_secrets(path):
    """Whether entries of ``path`` hold a secret the router never shows (a /user password): a rollback cannot re-create them."""
    return bool(path.secret_fields()) and not path.permanent


def _is_default(path, entry):
    return bool(path.default_entry) and all(entry.get(k) == v for k, v in path.default_entry.items())


def removed(path, old, new):
    """Entries of ``old`` that ``new`` no longer has (a rename looks the same: the old name is gone)."""
    kept = set(path.key(e) for e in new or [])
    return [e for e in old or [] if path.key(e) not in kept and not _is_default(path, e)]


def entry_ids(client, changes):
    """{API path: {key: internal id}} of the paths whose entries hold secrets, as the router has them now."""
    ids = {}
    for path, before, after in _changed(changes):
        if holds_secrets(path) and path.path not in ids:
            ids[path.path] = dict((path.key(i.data), i.ident) for i in engine.read(path, client))
    return ids


def _restore_lines(path, before, after, ids):
    """``set`` lines that give each entry of ``before`` that the change alters, renames or removes its settings back.

    Each entry is found by the internal id it had when the job was armed, so a renamed entry gets its name back; never an
    ``add``, which would create the entry with an empty password. An entry that is gone by then stays gone (the line
    fails and the router log says so).
    """
    now = dict((path.key(e), e) for e in after or [])
    lines = []
    for entry in before or []:
        key = path.key(entry)
        settings = path.settings(entry)
        if key in now and not engine.plan(path, [settings], 'replaced', [engine.Item(None, dict(now[key]))]):
            continue
        attrs = dict(settings, **dict((k, v) for k, v in path.defaults().items() if k not in settings))
        if ids.get(key):
            lines.append(engine.set_line(path, ids[key], attrs))
        else:
            lines += engine.commands(path, [engine.Op('set', engine.Item(None, dict(entry)), attrs)])
    return lines


def undo_lines(path, before, after, ids=None):
    """CLI lines that take ``path`` from ``after`` back to ``before``; ``ids`` as entry_ids gives them for the path."""
    current = [engine.Item(None, dict(e)) for e in ([after or {}] if path.single else after or [])]
    ops = _plan_back(path, before, current)
    if not holds_secrets(path):
        return engine.commands(path, ops)
    # Restores first: an entry the change renamed must get its old name back before the new name is removed.
    return _restore_lines(path, before, after, ids or {}) + engine.commands(path, [op for op in ops if op.action == 'remove'])


def rollback_source(name, changes, ids=None):
    """The rollback script: undo every change, the last applied first, then remove the job itself.

    Each line runs on its own (``:do ... on-error``), so one refused line does not keep the rest
    from restoring access; failures go to the router log.
    """
    lines = [':log warning "%s: restoring the configuration from before the change"' % name]
    for path, before, after in reversed(_changed(changes)):
        for line in undo_lines(path, before, after, (ids or {}).get(path.path)):
            lines.append(':do {%s} on-error={:log error "%s: failed: %s"}' % (line, name, _quote(line)))
    lines.append('/system scheduler remove [find name="%s"]' % _quote(name))
    lines.append('/system script remove [find name="%s"]' % _quote(name))
    return lines


def _quote(text):
    """``text`` for inside a quoted CLI string."""
    return engine.cli_quote(text)[1:-1]


def remaining(path, before, client):
    """Differences between ``path`` now and ``before``: CLI lines that would fix them, and a sentence for each entry
    holding a secret that is gone (re-creating it needs its secret, which only its owner knows)."""
    ops = _plan_back(path, before, engine.read(path, client))
    if not holds_secrets(path):
        return engine.commands(path, ops)
    lost = [op for op in ops if op.action == 'add']
    return engine.commands(path, [op for op in ops if op not in lost]) + [
        '%s %s was removed during the change and RouterOS never shows its %s, so the rollback does not re-create it: add '
        'it again with its %s' % (path.cli_path(), path.key_text(op.item.data), ' and '.join(path.secret_fields()),
                                  ' and '.join(path.secret_fields())) for op in lost]


# ------------------------------------------------------------------------------------------ diagnosis


def _contains(networks, address):
    for network in networks or []:
        try:
            if netaddr.IPAddress(str(address)) in netaddr.IPNetwork(str(network)):
                return True
        except (netaddr.AddrFormatError, ValueError, TypeError):
            continue
    return False


def _shut_out(entries, name, disabled_text, where, address):
    """Why the entry ``name`` (an /ip service or a /user) now keeps ``address`` out, or None."""
    for entry in entries or []:
        if entry.get('name') != name:
            continue
        if entry.get('disabled'):
            return disabled_text
        if entry.get('address') and address and not _contains(entry['address'], address):
            return '%s address=%s does not include the controller address %s' % (where, ','.join(entry['address']), address)
    return None


def _new_drops(path, before, after):
    if any(e.get('action') in ('drop', 'reject', 'tarpit') and e.get('chain') in ('input', 'prerouting')
           for e in after or [] if e not in (before or [])):
        return 'the new %s rules drop traffic that the controller may send' % path.cli_path().lstrip('/')
    return None


def causes(changes, address, username, tls):
    """Sentences naming the changes that keep the controller out, most likely first.

    The paths that carry the controller's way in (``management`` in their description) say why:
    its API service or its user shuts it out (found), or new firewall rules may drop it (possible).
    """
    service = PROBE_SERVICE[bool(tls)]
    found, possible = [], []
    for path, before, after in _changed(changes):
        if path.management == 'service':
            found.append(_shut_out(after, service, '/ip service %s was disabled, and the controller connects through it'
                                   % service, '/ip service %s' % service, address))
        elif path.management == 'login':
            found.append(_shut_out(after, username, 'the user %s the controller logs in as was disabled' % username,
                                   '/user %s' % username, address))
            if any(e.get('name') == username for e in removed(path, before, after)):
                found.append('the change removes or renames the user %s the controller logs in as' % username)
        elif path.management == 'firewall':
            possible.append(_new_drops(path, before, after))
    return [cause for cause in found if cause] or [cause for cause in possible if cause]


# ------------------------------------------------------------------------------------------ states


def _connect(params):
    return connection.from_params(params)


def _delay_seconds(delay):
    try:
        seconds = values.parse_duration(delay)
    except values.InvalidValue:
        seconds = None
    if seconds is None or seconds < 30:
        raise RouterOSError('delay: %r is not a duration of at least 30s (example: 5m).' % (delay,))
    return int(seconds)


def gathered(params):
    # Reads only: the run's session will do (the states that write prove access on connections of their own).
    with connection.session(params) as client:
        address = controller_address(client, params.get('username'), client.local_address)
        job = _job(client, params['name'])
        return {'changed': False, 'controller_address': address, 'pending': job is not None,
                'ipv6': _has_ipv6(client)}


def _job_commands(verb, name, data=None):
    """The CLI lines of adding (``data``: the script's and the job's fields) or removing the rollback job's script and
    scheduler entry, for ``commands``: the guard's writes are reported like any task's."""
    menus = [schema.PATHS['system_script'], schema.PATHS['system_scheduler']]
    if verb == 'add':
        ops = [(menu, engine.Op('add', None, fields)) for menu, fields in zip(menus, data)]
    else:
        ops = [(menu, engine.Op('remove', engine.Item(None, {'name': name}))) for menu in reversed(menus)]
    return [line for menu, op in ops for line in engine.commands(menu, [op])]


def armed(params, check_mode):
    delay = _delay_seconds(params.get('delay') or DEFAULT_DELAY)
    name = params['name']
    changes = _changed(params.get('changes'))
    if not changes:
        return {'rollback': rollback_source(name, params.get('changes')), 'name': name, 'held': [], 'changed': False, 'commands': [],
                'msg': 'Nothing to change, so no rollback job is needed.'}
    with _connect(params) as client:
        ids = entry_ids(client, params.get('changes'))
        lines = rollback_source(name, params.get('changes'), ids)
        held = [(path, ids[path.path].get(path.key(e)), e) for path, before, after in changes if holds_secrets(path)
                for e in removed(path, before, after)]
        result = {'rollback': lines, 'name': name, 'held': ['%s %s' % (p.cli_path(), p.key_text(e)) for p, i, e in held]}
        job = _job(client, name)
        if job is not None:
            raise RouterOSError('A rollback job %r from an earlier run is still pending on %s (start %s %s): it will undo '
                                'that run. Let it run, or remove /system scheduler and /system script %r once you have '
                                'checked the router, then run again.' % (name, client.where, job.get('start-date'),
                                                                         job.get('start-time'), name))
        now = _router_now(client)
        fires = now + datetime.timedelta(seconds=delay)
        result.update(fires_at='%s %s' % (_v6_date(fires), fires.strftime('%H:%M:%S')), delay=delay,
                      deadline=time.time() + delay)
        policy = ','.join(POLICY)
        script = {'name': name, 'source': '\n'.join(lines), 'policy': policy,
                  'comment': 'rollback of the running change; removed when the change is confirmed'}
        scheduler = {'name': name, 'on_event': name, 'start_date': _v6_date(fires), 'start_time': fires.strftime('%H:%M:%S'),
                     'interval': '0s', 'policy': policy, 'comment': 'runs the rollback unless the change is confirmed'}
        stale = _script(client, name)
        result['commands'] = _job_commands('add', name, (script, scheduler))
        if stale is not None:
            result['commands'].insert(0, _job_commands('remove', name)[1])
        result['commands'] += [engine.set_line(path, ident, {'disabled': True}) for path, ident, entry in held
                               if ident and not entry.get('disabled')]
        if check_mode:
            # Check mode has no confirmed step to report the removal that follows a run's change: it is predicted here.
            return dict(result, changed=True, commands=result['commands'] + _job_commands('remove', name))
        if stale is not None:
            client.remove('/system/script', stale['.id'])
        client.add('/system/script', script)
        jobs = schema.PATHS['system_scheduler']
        client.add(jobs.path, dict((jobs.ros_name(k), v) for k, v in scheduler.items()))
        # Removing such an entry now would lose its secret for good: it is disabled until access is proven (confirmed
        # removes it), and the job enables it again.
        for path, ident, entry in held:
            if ident and not entry.get('disabled'):
                client.set(path.path, ident, {'disabled': 'yes'})
    return dict(result, changed=True)


def confirmed(params, check_mode):
    name = params['name']
    try:
        client = _connect(params)
    except RouterOSError as exc:
        cause = causes(params.get('changes'), params.get('controller_address'), params.get('username'), params.get('tls'))
        raise RouterOSError('Lost API access to the router after the change: a fresh connection failed (%s)%s. The '
                            'rollback job %r restores the previous configuration when it fires.'
                            % (str(exc).rstrip('.'), ('; likely cause: ' + '; '.join(cause)) if cause else '', name))
    with client:
        job, script = _job(client, name), _script(client, name)
        if check_mode or (job is None and script is None):
            return {'changed': False, 'access': True, 'commands': []}
        finished = None
        try:
            finished = _finish(client, job, script, params.get('changes'))
        except RouterOSError:
            if not client.broken:
                raise
    if finished is None:
        # This connection proved access before it went (a reply lost on the way, say): the job must not fire now
        # and undo a change that works, so the removal is finished on one more fresh connection, from what is left.
        with _connect(params) as client:
            finished = _finish(client, _job(client, name), _script(client, name), params.get('changes'))
    return {'changed': True, 'access': True, 'removed': finished, 'commands': _job_commands('remove', name),
            'msg': 'A fresh API connection works; the rollback job %r is removed%s.'
                   % (name, (', and so are the entries it held: ' + ', '.join(finished)) if finished else '')}


def _finish(client, job, script, changes):
    """Remove the rollback job's scheduler entry ``job`` first, so that it can no longer fire, then its ``script``
    (either None when gone), and finish the held entries; returns them in words."""
    if job is not None:
        client.remove('/system/scheduler', job['.id'])
    if script is not None:
        client.remove('/system/script', script['.id'])
    return _finish_held(client, changes)


def _finish_held(client, changes):
    """Once access is proven, the change is finished for entries that hold secrets: those it removes (held so far) are
    removed, and those it adds or renames get the ``disabled`` it gives them (a renamed entry was held under its old
    name). Returns the removed entries in words."""
    done = []
    for path, before, after in _changed(changes):
        if not holds_secrets(path):
            continue
        current = dict((path.key(i.data), i) for i in engine.read(path, client))
        for entry in removed(path, before, after):
            item = current.get(path.key(entry))
            if item is not None:
                client.remove(path.path, item.ident)
                done.append('%s %s' % (path.cli_path(), path.key_text(entry)))
        for entry in removed(path, after, before):
            item = current.get(path.key(entry))
            if item is not None and bool(item.data.get('disabled')) != bool(entry.get('disabled')):
                client.set(path.path, item.ident, {'disabled': 'yes' if entry.get('disabled') else 'no'})
    return done


def _reconnect(params, deadline, timeout):
    """A client once the router answers again: right away, else after the job's start time."""
    try:
        return _connect(params), False
    except RouterOSError:
        pass
    wait = (deadline or time.time()) + GRACE - time.time()
    if wait > 0:
        time.sleep(wait)
    give_up = time.time() + timeout
    while True:
        try:
            return _connect(params), True
        except RouterOSError as exc:
            if time.time() >= give_up:
                raise RouterOSError('The router is still unreachable %d seconds after the rollback job should have run '
                                    '(%s). Check it from a management address or on site.' % (timeout, str(exc).rstrip('.')))
            time.sleep(RETRY_EVERY)


def rolled_back(params, check_mode):
    name = params['name']
    changes = _changed(params.get('changes'))
    client, waited = _reconnect(params, params.get('deadline'), params.get('reconnect_timeout') or 120)
    with client:
        job = _job(client, name)
        ran_now = job is not None and not check_mode
        if ran_now:
            # The router is reachable and the job has not run: the change failed some other way. Undo it now.
            client.call('/system/script', 'run', {'.id': _script(client, name)['.id']})
        left = []
        for path, before, after in changes:
            left += remaining(path, before, client)
        still = _job(client, name)
    cause = causes(params.get('changes'), params.get('controller_address'), params.get('username'), params.get('tls'))
    if ran_now:
        story = ('The change failed (%s); the router was still reachable, so the rollback job %r ran at once'
                 % ((params.get('error') or 'see the failed task').rstrip('.'), name))
    else:
        because = (': ' + '; '.join(cause)) if cause else ''
        story = ('API access to the router was lost after the change%s. The rollback job %r restored the previous '
                 'configuration%s and access is back' % (because, name, ' when it fired' if waited else ''))
    if left or still is not None:
        return {'failed': True, 'changed': True, 'causes': cause, 'left': left,
                'msg': '%s, but the router is not fully back: %s. Check /log on the router.'
                       % (story, '; '.join(left) or 'the job %r is still there' % name)}
    return {'failed': True, 'changed': True, 'causes': cause, 'left': [],
            'msg': '%s. Every changed path (%d) is as it was before the run. Fix the variables and run again.'
                   % (story, len(changes))}


def run(params, check_mode=False, diff_mode=False):
    state = params.get('state') or 'gathered'
    if state == 'gathered':
        return gathered(params)
    if state == 'armed':
        return armed(params, check_mode)
    if state == 'confirmed':
        return confirmed(params, check_mode)
    return rolled_back(params, check_mode)
