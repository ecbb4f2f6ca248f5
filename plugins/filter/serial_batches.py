# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""``serial_batches``: routeros_serial checked, for the ``serial`` keyword of playbooks/site.yml (documented in
serial_batches.yml next to this file).

The ``serial`` keyword is templated in the controller's main process, before any task runs, so loading this filter
is also where the collection's plugin code is imported once for the whole run: ansible-core forks a worker process
per host and task, and a worker that finds the action, connection and filter plugins already imported does not read
and compile them again (ansible-core compiles collection code from source, without a bytecode cache).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import importlib
import os
import re

from ansible.errors import AnsibleFilterError

PACKAGE = 'ansible_collections.soho.routeros.plugins'
PLUGINS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PERCENT = re.compile(r'^\d+(\.\d+)?%$')


def preload(kinds=('module_utils', 'action', 'connection', 'filter')):
    """Import every plugin file of ``kinds`` and let each read what it reads on every use (a module's ``warm``); a file
    that cannot be imported here is left to the task that needs it, which reports why."""
    for kind in kinds:
        folder = os.path.join(PLUGINS, kind)
        for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
            if name.endswith('.py') and name != '__init__.py':
                try:
                    module = importlib.import_module('%s.%s.%s' % (PACKAGE, kind, name[:-3]))
                    if hasattr(module, 'warm'):
                        module.warm()
                except Exception:  # pylint: disable=broad-except
                    pass


def _batch_error(value):
    if isinstance(value, bool):
        return True
    if isinstance(value, int):
        return value < 0
    return not (isinstance(value, str) and (value.isdigit() or PERCENT.match(value)))


def serial_batches(value):
    """``value`` (routeros_serial) unchanged, when it is a number, a percentage or a list of them."""
    items = value if isinstance(value, list) else [value]
    if not items or any(_batch_error(item) for item in items):
        raise AnsibleFilterError('routeros_serial: %r is not a number of routers, a percentage such as "25%%", or a list '
                                 'of them such as [1, "25%%", "100%%"]' % (value,))
    return value


class FilterModule(object):
    """routeros_serial for site.yml's serial keyword."""

    def filters(self):
        preload()
        return {'serial_batches': serial_batches}
