# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Read one RouterOS path, plan the minimal add/set/remove/move calls for a state, apply them.

The engine knows nothing about particular paths: everything path-specific comes from the path
description (description.PathDescription). A task costs one ``print`` plus its writes; ``after`` is computed by applying the plan to
``before`` in memory.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

try:
    import yaml

    HAS_YAML = True
except ImportError:  # PyYAML comes with ansible-core; without it the diff falls back to JSON
    HAS_YAML = False

from ansible_collections.soho.routeros.plugins.module_utils import values
from ansible_collections.soho.routeros.plugins.module_utils.errors import RouterOSError


class Item(object):
    """One entry of a menu: its id, its values in Ansible names, and whether it is the default entry."""

    def __init__(self, ident, data, is_default=False):
        self.ident = ident
        self.data = data
        self.is_default = is_default
        # (RebootApplied) the value of ``disabled`` running now, while ``data`` has the scheduled one.
        self.running = None


class Op(object):
    """One planned API call. ``item`` is the entry it acts on (for the CLI text and for ``after``)."""

    def __init__(self, action, item, attrs=None, destination=None):
        self.action = action
        self.item = item
        self.attrs = attrs or {}
        self.destination = destination


class AppliedAtOnce(object):
    """RouterOS applies what is set right away: the strategy of every path but /system package."""

    proplist = []

    def read(self, row, item):
        pass

    def send(self, client, menu, op, attrs):
        """Send what only this strategy sends; the attrs left to send with ``set``."""
        return attrs

    def cli(self, menu, op):
        """The CLI words of a set this strategy sends its own way, or None."""
        return None

    def report(self, result, current, ops):
        pass


class RebootApplied(AppliedAtOnce):
    """RouterOS applies ``disabled`` at the next reboot (/system package).

    It is changed with the ``enable`` and ``disable`` commands and shown as ``scheduled for
    enable`` while the entry still runs as before; the engine compares against the scheduled state
    and results say whether a reboot is needed (``reboot_required``).
    """

    proplist = ['scheduled']

    def read(self, row, item):
        item.running = item.data.get('disabled')
        scheduled = str(row.get('scheduled') or '')
        if scheduled.startswith('scheduled for '):
            item.data['disabled'] = scheduled.endswith('disable')

    def send(self, client, menu, op, attrs):
        if 'disabled' in attrs:
            client.call(menu.path, 'disable' if attrs.pop('disabled') == 'yes' else 'enable', {'.id': op.item.ident})
        return attrs

    def cli(self, menu, op):
        if 'disabled' not in op.attrs:
            return None
        return [menu.cli_path(), 'disable' if values.parse_bool(op.attrs['disabled']) else 'enable', _find(menu, op.item)]

    def report(self, result, current, ops):
        """Whether an entry will run in another state once ``ops`` are applied and the router reboots."""
        scheduled = dict((id(i), i.data.get('disabled')) for i in current)
        for op in ops:
            if op.action == 'set' and 'disabled' in op.attrs:
                scheduled[id(op.item)] = values.parse_bool(op.attrs['disabled'])
        result['reboot_required'] = any(i.running is not None and scheduled[id(i)] != i.running for i in current)


def strategy(menu):
    return RebootApplied() if menu.apply_on_reboot else AppliedAtOnce()


def proplist(menu):
    names = ['.id'] + [ros for name, ros, field in menu.printed]
    return names + strategy(menu).proplist + menu.flags


def from_row(menu, row):
    """An Item from a printed row, or None for an entry the module never touches."""
    for flag in ('dynamic', 'builtin'):
        if flag in menu.flags and _is_true(row.get(flag)):
            return None
    data = {}
    for name, ros, field in menu.printed:
        word = row.get(ros)
        if word is not None:
            data[name] = values.from_api(field, word)
    item = Item(row.get('.id'), data, 'default' in menu.flags and _is_true(row.get('default')))
    strategy(menu).read(row, item)
    return item


def _is_true(word):
    return word is not None and str(word).lower() in ('true', 'yes')


def read(menu, client):
    rows = client.print(menu.path, proplist(menu))
    items = []
    for row in rows:
        item = from_row(menu, row)
        if item is not None:
            items.append(item)
    return items


def _clean(want):
    return dict((k, v) for k, v in want.items() if v is not None)


def renamed(menu, data, renames, keys=True):
    """``data`` as it reads once the renames of this run are made: ``renames`` maps a field to {old value: new value}
    (a port or pool renamed by an earlier task, or in check mode about to be). ``keys=False`` leaves the entry's own
    ``name`` key as it is: an entry found under its old name is still to be renamed."""
    if not renames:
        return data
    out = dict(data)
    for name, mapping in renames.items():
        if not keys and name == 'name' and name in menu.keys:
            continue
        value = out.get(name)
        if isinstance(value, list):
            out[name] = [mapping.get(v, v) if isinstance(v, str) else v for v in value]
        elif isinstance(value, str) and value in mapping:
            out[name] = mapping[value]
    return out


def plan(menu, config, state, current, owned=(), renames=None, first=False, first_after=()):
    """The ops that take ``current`` (a list of Items) to what ``config`` asks for in ``state``.

    ``first`` (ordered menus): the entries of ``config`` go before every other entry of their chain, not only in the
    order ``config`` gives them; ``first_after``: comment prefixes of the rules at the head of a chain that they go
    after instead (another task's rules that use ``first``).

    ``owned`` are comment prefixes: with merged or replaced, an entry whose comment starts with one of them and that
    ``config`` does not ask for is removed (the task owns it), in the same plan, so that one before and after describe
    the whole change. ``renames`` (see renamed) makes an entry that names an old value match the new one; an entry
    found by the old value of its own ``name`` is renamed."""
    desired = [_clean(w) for w in config]
    unmatched = list(current)
    ops_remove, ops_set, placed = [], [], []
    views = dict((id(i), renamed(menu, i.data, renames)) for i in current)
    for index, want in enumerate(desired):
        item = next((i for i in unmatched if menu.matches(want, views[id(i)])), None)
        if item is not None:
            unmatched.remove(item)
        if state == 'deleted':
            if item is None:
                continue
            _plan_reset_or_remove(menu, item, ops_set, ops_remove)
            continue
        if item is None:
            if menu.permanent:
                raise RouterOSError('config[%d]: there is no %s entry with %s; entries of this menu cannot be added.'
                                    % (index, menu.path, menu.key_text(want)))
            placed.append((index, want, None))
            continue
        target = want if state == 'merged' else dict(menu.defaults(), **want)
        _plan_set(menu, item, target, ops_set, renamed(menu, item.data, renames, keys=False))
        placed.append((index, want, item))

    if state == 'overridden' or (state == 'deleted' and not desired):
        for item in unmatched:
            _plan_reset_or_remove(menu, item, ops_set, ops_remove)
    elif state in ('merged', 'replaced') and owned:
        for item in unmatched:
            if _owned(item, owned):
                ops_remove.append(Op('remove', item))

    if state == 'deleted':
        return ops_remove + ops_set

    removed = set(id(op.item) for op in ops_remove)
    table = [i for i in current if id(i) not in removed]
    if menu.kind == 'ordered':
        ops_place = _plan_order(menu, placed, table, first, first_after)
    else:
        ops_place = [_add_op(menu, index, want) for index, want, item in placed if item is None]
    return ops_remove + ops_set + ops_place


def _owned(item, owned):
    comment = str(item.data.get('comment') or '')
    return any(comment.startswith(prefix) for prefix in owned if prefix)


def _plan_reset_or_remove(menu, item, ops_set, ops_remove):
    """An entry that cannot be removed (fixed, single, the default entry, a physical radio) goes back to its defaults
    instead."""
    if menu.permanent or item.is_default or (menu.fixed_by and item.data.get(menu.fixed_by)):
        target = dict((n, v) for n, v in menu.defaults().items() if n not in menu.keys)
        _plan_set(menu, item, target, ops_set)
    else:
        ops_remove.append(Op('remove', item))


def _plan_set(menu, item, target, ops, data=None):
    attrs = {}
    data = item.data if data is None else data
    for name, wanted in target.items():
        if not menu.sendable(name):
            continue
        if not menu.same(name, wanted, target, data):
            attrs[name] = wanted
    if attrs:
        # A secret the router never shows goes with every set of its entry (see the field key resend).
        attrs.update((n, target[n]) for n, f in menu.fields.items() if f.get('resend') and target.get(n) not in (None, ''))
        ops.append(Op('set', item, attrs))


def _add_op(menu, index, want, destination=None):
    attrs = {}
    for name, field in menu.fields.items():
        if name in want and not field.get('readonly'):
            attrs[name] = want[name]
        elif name not in want and field.get('send_default'):
            attrs[name] = field['default']
    missing = [n for n, f in menu.fields.items() if f.get('required') and n not in want]
    if missing:
        raise RouterOSError('config[%d]: %s to create a new %s entry (no existing entry matches %s).' % (
            index, ', '.join('%s is required' % n for n in missing), menu.path, menu.key_text(want)))
    item = Item(None, dict(menu.defaults(), **want))
    return Op('add', item, attrs, destination)


def _longest_increasing(positions):
    """Indexes into ``positions`` of a longest increasing subsequence (the entries that need not move)."""
    best = []
    for i, pos in enumerate(positions):
        chain = [i]
        for j in range(i):
            if positions[j] < pos and len(best[j]) + 1 > len(chain):
                chain = best[j] + [i]
        best.append(chain)
    return set(max(best, key=len)) if best else set()


def _head(seq, table, group, order_by, after=()):
    """Positions in ``seq`` of the entries that already open their group in ``table``, in order (they need not move),
    and the group's entries from where ``seq`` begins: after the leading entries whose comment starts with one of the
    prefixes ``after`` (another task's rules at the head of the chain)."""
    rules = [entry for entry in table if entry.data.get(order_by) == group]
    own = set(id(item) for _index, _want, item in seq if item is not None)
    while after and rules and id(rules[0]) not in own and str(rules[0].data.get('comment') or '').startswith(tuple(after)):
        rules.pop(0)
    kept = set()
    for n, (index, want, item) in enumerate(seq):
        if n >= len(rules) or item is not rules[n]:
            break
        kept.add(n)
    return kept, rules


def _next_in_group(entries, entry, group, order_by):
    """The entry after ``entry`` in ``entries`` that is in the same ``order_by`` group (chain), None at the group's end.
    Only the order within a chain matters to RouterOS, so a rule is placed relative to rules of its own chain."""
    after = entries[entries.index(entry) + 1:]
    return next((e for e in after if e.data.get(order_by) == group), None)


def _plan_order(menu, placed, table, first=False, first_after=()):
    """Adds and moves that give each ``order_by`` group the order of ``config`` (at the head of the group: ``first``,
    after the leading rules whose comment starts with one of ``first_after``)."""
    ops = []
    groups = []
    for index, want, item in placed:
        group = want.get(menu.order_by)
        if group not in groups:
            groups.append(group)
    for group in groups:
        seq = [(index, want, item) for index, want, item in placed if want.get(menu.order_by) == group]
        existing = [n for n, (index, want, item) in enumerate(seq) if item is not None]
        if first:
            kept, rules = _head(seq, table, group, menu.order_by, first_after)
            # Where the first entry goes when it is not in place already: before the chain's first rule (after the
            # leading rules of first_after); at the end when there is none, which is after those too.
            head = rules[0] if rules else None
        else:
            positions = [table.index(seq[n][2]) for n in existing]
            kept = set(existing[i] for i in _longest_increasing(positions))
            head = None
        previous = None
        for n, (index, want, item) in enumerate(seq):
            if n in kept:
                previous = item
                continue
            rest = [entry for entry in table if entry is not item]
            if previous is None and first:
                destination = head
            elif previous is None:
                destination = next((seq[m][2] for m in range(n + 1, len(seq)) if m in kept), None)
            else:
                destination = _next_in_group(rest, previous, group, menu.order_by)
            if item is not None:
                if _next_in_group(table, item, group, menu.order_by) is destination:
                    previous = item
                    continue
                ops.append(Op('move', item, destination=destination))
            else:
                op = _add_op(menu, index, want, destination)
                ops.append(op)
                item = op.item
            rest.insert(rest.index(destination) if destination is not None else len(rest), item)
            table[:] = rest
            previous = item
    return ops


def apply(menu, ops, client):
    """Send the planned calls, as few round trips as the ids allow: the calls go out together (Client.batch) until
    one needs the id of an entry added in the same batch (a move of it, an add placed before it)."""
    applied = strategy(menu)
    batch = []
    for op in ops:
        if batch and _needs_id(menu, op):
            _send(menu, batch, client)
            batch = []
        attrs = dict((menu.ros_name(n), values.to_api(menu.fields[n], v)) for n, v in op.attrs.items())
        if op.action == 'add':
            if op.destination is not None:
                attrs['place-before'] = op.destination.ident
            batch.append((op, 'add', attrs))
        elif op.action == 'set':
            if batch and menu.apply_on_reboot:
                _send(menu, batch, client)
                batch = []
            attrs = applied.send(client, menu, op, attrs)
            if attrs:
                batch.append((op, 'set', attrs if menu.single else dict(attrs, **{'.id': op.item.ident})))
        elif op.action == 'remove':
            batch.append((op, 'remove', {'.id': op.item.ident}))
        elif op.action == 'move':
            move = {'numbers': op.item.ident}
            if op.destination is not None:
                move['destination'] = op.destination.ident
            batch.append((op, 'move', move))
    if batch:
        _send(menu, batch, client)


def _needs_id(menu, op):
    """Whether ``op`` names an entry this plan adds that has no id yet (its add is still in the batch)."""
    if op.destination is not None and op.destination.ident is None:
        return True
    return op.action != 'add' and not menu.single and op.item.ident is None


def _send(menu, batch, client):
    """One round trip for ``batch`` (``(op, command, attrs)``); the added entries get their ids."""
    answers = client.batch(menu.path, [(command, attrs) for op, command, attrs in batch])
    added = []
    for (op, command, attrs), done in zip(batch, answers):
        if command == 'add':
            op.item.ident = done.get('ret')
            added.append(op.item.ident)
    if menu.kind == 'ordered' and not _increasing(added):
        # RouterOS numbers new entries in the order it makes them: adds it ran in another order than they were sent
        # stand in another order in their chain.
        raise RouterOSError('RouterOS added the entries of %s in another order than they were sent (ids %s); run '
                            'again: the next run puts them in order.' % (menu.path, ', '.join(added)))


def _increasing(idents):
    """Whether RouterOS ids (``*1A``) grow along ``idents``; True when one is not such an id."""
    try:
        numbers = [int(ident[1:], 16) for ident in idents if ident.startswith('*')]
    except (AttributeError, ValueError):
        return True
    return all(a < b for a, b in zip(numbers, numbers[1:]))


def _applied(current, ops):
    """``ops`` applied to ``current`` in memory: [(the current entry or None for an added one, the entry after)], the
    entries removed, and the ids of the entries moved."""
    table = [(i, Item(i.ident, dict(i.data), i.is_default)) for i in current]
    by_item = dict((id(o), pair) for o, pair in zip(current, table))
    removed, moved = [], set()
    for op in ops:
        pair = by_item.get(id(op.item))
        if op.action == 'remove':
            table.remove(pair)
            removed.append(pair[0])
        elif op.action == 'set':
            pair[1].data.update(op.attrs)
        elif op.action in ('add', 'move'):
            if op.action == 'add':
                pair = (None, Item(None, dict(op.item.data)))
                by_item[id(op.item)] = pair
            else:
                table.remove(pair)
                moved.add(id(pair[1]))
            destination = by_item.get(id(op.destination)) if op.destination is not None else None
            position = table.index(destination) if destination is not None else len(table)
            table.insert(position, pair)
    return table, removed, moved


def after(menu, current, ops):
    """The entries as they are once ``ops`` are applied, computed without reading them again."""
    return [public(menu, item.data) for _origin, item in _applied(current, ops)[0]]


def public(menu, data):
    """An entry as shown to the user: Ansible names and types, fields in schema order.

    Secrets are never shown. In a list, empty values are left out, as RouterOS leaves them out of a
    print, so ``after`` looks like what ``gathered`` shows next. The settings of a single-entry menu
    (/ip dns) are all shown, with their defaults where RouterOS printed nothing, so that a playbook
    can read ``gathered.servers`` even when there are none.
    """
    shown = {}
    for name, field in menu.fields.items():
        if field.get('secret'):
            continue
        if menu.single:
            value = data[name] if data.get(name) is not None else field.get('default')
            if value is not None:
                shown[name] = values.from_user(field, value)
        elif data.get(name) not in (None, '', []):
            shown[name] = values.from_user(field, data[name])
    return shown


# The characters a quoted RouterOS string escapes (MikroTik scripting manual, "Constant Escape Sequences"):
# ``\\``, ``"`` and ``$`` (a variable), ``?`` (which asks the console for help) and the control characters.
CLI_ESCAPES = (('\\', '\\\\'), ('"', '\\"'), ('$', '\\$'), ('?', '\\?'), ('\n', '\\n'), ('\r', '\\r'), ('\t', '\\t'))


def cli_quote(text):
    """``text`` as a quoted RouterOS CLI string that the console and /import read back as ``text``."""
    for char, escaped in CLI_ESCAPES:
        text = text.replace(char, escaped)
    return '"%s"' % text


def _cli_word(value, quote=False):
    text = str(value)
    if quote or text == '' or any(c in text for c in ' "\\$?;=[]{}\t\n\r') or text != text.strip():
        return cli_quote(text)
    return text


def _cli_attrs(menu, attrs):
    words = []
    for name, value in attrs.items():
        field = menu.fields[name]
        text = '********' if field.get('secret') else values.to_api(field, value)
        words.append('%s=%s' % (menu.ros_name(name), _cli_word(text, quote=name == 'comment')))
    return ' '.join(words)


def _find(menu, item):
    """How the CLI finds ``item``: by key, by comment, or by the values it was created with."""
    if menu.single:
        return ''
    if item.is_default:
        return '[find default=yes]'
    data = item.data
    names = menu.identity(data)
    if names is None and item.ident:
        return item.ident
    if names is None:
        names = [n for n in menu.fields if n in data and data[n] not in (None, '', []) and menu.sendable(n)
                 and data[n] != menu.fields[n].get('default')]
    return '[find %s]' % _cli_attrs(menu, dict((n, data.get(n)) for n in names))


def set_line(menu, target, attrs):
    """The CLI line that gives the entry ``target`` (an internal id such as ``*5``) the values ``attrs``."""
    return ' '.join([menu.cli_path(), 'set', target, _cli_attrs(menu, attrs)])


def commands(menu, ops):
    lines = []
    path = menu.cli_path()
    applied = strategy(menu)
    for op in ops:
        if op.action == 'add':
            words = [path, 'add', _cli_attrs(menu, op.attrs)]
            if op.destination is not None:
                words.append('place-before=%s' % _find(menu, op.destination))
        elif op.action == 'set':
            words = applied.cli(menu, op) or [path, 'set', _find(menu, op.item), _cli_attrs(menu, op.attrs)]
        elif op.action == 'remove':
            words = [path, 'remove', _find(menu, op.item)]
        else:
            words = [path, 'move', _find(menu, op.item)]
            if op.destination is not None:
                words.append('destination=%s' % _find(menu, op.destination))
        lines.append(' '.join(w for w in words if w))
    return lines


if HAS_YAML:
    class _DiffDumper(yaml.SafeDumper):
        """YAML for a diff: multi-line text (a script's source) as a block literal, one line per line."""

    def _text(dumper, text):
        return dumper.represent_scalar('tag:yaml.org,2002:str', text, style='|' if '\n' in text else None)

    _DiffDumper.add_representer(str, _text)


def to_text(entry):
    """YAML text of one entry (a dict) for Ansible's --diff output; empty for none."""
    if not entry:
        return ''
    if not HAS_YAML:
        return json.dumps(entry, indent=2) + '\n'
    return yaml.dump(entry, Dumper=_DiffDumper, default_flow_style=False, sort_keys=False, allow_unicode=True, width=120)


def _settings(menu, data):
    """What a diff shows of an entry: the settings a task can give (read-only values such as a script's run count
    left out)."""
    writable = menu.writable()
    return dict((name, value) for name, value in public(menu, data).items() if name in writable)


def entry_label(menu, data, position):
    """The entry as a header names it: ``/ip dhcp-server [name=lan]``, by its keys, else its comment, else its
    number in a print."""
    names = menu.identity(data)
    if names == []:
        return menu.cli_path()
    if names:
        words = ['%s=%s' % (menu.ros_name(n), _cli_word(values.to_api(menu.fields[n], data.get(n))))
                 for n in names if data.get(n) not in (None, '', [])]
        return '%s [%s]' % (menu.cli_path(), ' '.join(words))
    return '%s [%d]' % (menu.cli_path(), position)


def entry_diffs(menu, current, ops, commands_text=None):
    """One diff per entry ``ops`` change (added, removed, changed or moved), each headed by the path and the entry,
    then the planned commands: what --diff shows at normal verbosity."""
    table, removed, moved = _applied(current, ops)
    diffs = []
    for position, (origin, item) in enumerate(table):
        before = _settings(menu, origin.data) if origin is not None else {}
        now = _settings(menu, item.data)
        if origin is not None and before == now and id(item) not in moved:
            continue
        label = entry_label(menu, item.data, position)
        diffs.append({'before_header': label + (' (moved)' if id(item) in moved else ''), 'after_header': label,
                      'before': to_text(before), 'after': to_text(now)})
    positions = dict((id(i), n) for n, i in enumerate(current))
    for origin in removed:
        label = entry_label(menu, origin.data, positions.get(id(origin), 0))
        diffs.append({'before_header': label, 'after_header': label + ' (removed)',
                      'before': to_text(_settings(menu, origin.data)), 'after': ''})
    if commands_text:
        diffs.append({'prepared': 'RouterOS commands:\n' + '\n'.join(commands_text) + '\n'})
    return diffs


def run(menu, config, state, client, check_mode=False, owned=(), renames=None, first=False, first_after=()):
    """Carry out ``state`` for ``config`` on the path ``menu`` (a PathDescription). ``client`` is None for rendered.

    ``owned``: comment prefixes of the entries this task owns; ``renames``: names changed earlier in the run (see
    plan); ``first``: the entries go at the head of their chain (ordered menus)."""
    single = menu.single
    if single:
        config = [config] if config else []
    if state == 'gathered':
        current = read(menu, client)
        gathered = [public(menu, i.data) for i in current]
        result = {'changed': False, 'gathered': gathered[0] if single and gathered else gathered}
        strategy(menu).report(result, current, [])
        return result
    if state == 'rendered':
        return {'changed': False, 'rendered': commands(menu, plan(menu, config, state, imagined(menu, config)))}
    current = read(menu, client)
    if renames and not check_mode:
        # In a run the earlier task has made its rename: entries are compared as the router shows them, and only an
        # entry's own name is still this task's to change.
        renames = dict((k, v) for k, v in renames.items() if k == 'name' and k in menu.keys)
    ops = plan(menu, config, state, current, owned, renames, first, first_after)
    if ops and not check_mode:
        apply(menu, ops, client)
    before = [public(menu, i.data) for i in current]
    result_after = after(menu, current, ops)
    if single:
        before = before[0] if before else {}
        result_after = result_after[0] if result_after else {}
    planned = commands(menu, ops)
    result = {
        'changed': bool(ops),
        'before': before,
        'after': result_after,
        'commands': planned,
        'diff': entry_diffs(menu, current, ops, planned),
    }
    strategy(menu).report(result, current, ops)
    return result


def imagined(menu, config):
    """What a router fresh from a reset without configuration has, as ``rendered`` plans against it.

    Nothing, except the entries that always exist: the settings of a single menu, the fixed
    entries ``config`` names, the entries of a list menu with ``fixed_by`` that ``config`` gives
    that field (a radio the router was made with, named after it: its name is its default-name
    after a reset), and the default entry of a list menu.
    """
    if menu.single:
        return [Item(None, {})]
    if menu.kind == 'fixed':
        return [Item(None, dict((k, want.get(k)) for k in menu.keys)) for want in config]
    if menu.fixed_by:
        return [Item(None, {'name': want[menu.fixed_by], menu.fixed_by: want[menu.fixed_by]})
                for want in config if want.get(menu.fixed_by)]
    if menu.default_entry:
        return [Item(None, dict(menu.default_entry), is_default=True)]
    return []
