# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The ``.rsc`` of a snapshot: RouterOS CLI lines that recreate it on a router reset without configuration.

The engine plans and writes the lines, as for the modules' ``rendered`` state.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.soho.routeros.plugins.module_utils import engine, schema, values
from ansible_collections.soho.routeros.plugins.module_utils.description import restore_order
from ansible_collections.soho.routeros.plugins.module_utils.redaction import REDACTED, entries


def _without_defaults(path, row):
    """``row`` without the fields at their default, as /export leaves them out."""
    kept = {}
    for name, value in row.items():
        field = path.fields[name]
        if name in path.keys or name == path.order_by or field.get('required') or 'default' not in field:
            kept[name] = value
            continue
        try:
            if values.canonical(field, value) == values.canonical(field, field['default']):
                continue
        except (ValueError, TypeError):
            pass
        kept[name] = value
    return kept


def rendered(path, config):
    """CLI lines that make a router reset without configuration have ``config`` on ``path``."""
    rows = [_without_defaults(path, row) for row in entries(config)]
    # A radio renamed since the reset is found under its factory name, its default-name, and renamed.
    renames = None
    if path.fixed_by:
        renames = {'name': dict((row[path.fixed_by], row['name']) for row in rows
                                if row.get(path.fixed_by) and row[path.fixed_by] != row.get('name'))}
    return engine.commands(path, engine.plan(path, rows, 'merged', engine.imagined(path, rows), renames=renames))


def render(paths, header):
    """The RouterOS script (.rsc text) that recreates ``paths`` (module name -> configuration)."""
    lines = list(header)
    for path in restore_order(schema.PATHS):
        config = paths.get(path.name)
        if not config:
            continue
        lines_of_path = rendered(path, config)
        if not lines_of_path:
            continue
        lines.append('')
        for line in lines_of_path:
            if REDACTED in line:
                lines.append('# (redacted value, fill in the secret) ' + line)
            elif path.management == 'login':
                # Passwords are never saved: a user made from these lines has none until one is set.
                lines.append('# (set a password) ' + line)
            else:
                lines.append(line)
    return '\n'.join(lines) + '\n'
