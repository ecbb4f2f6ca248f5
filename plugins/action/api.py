# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The action plugin behind every soho.routeros module (plugins/action/NAME.py is this one under the module's name).

It fills the connection options from inventory variables, validates the task arguments with
ansible-core's ArgumentSpecValidator against the module's own argument spec, and runs the module
logic (module_utils/runner.run) in the controller process: a task pays for no module subprocess.
On a host with ``ansible_connection: soho.routeros.api`` it runs that logic in the router's connection process
instead, which keeps one login and the reads of the whole run (plugins/connection/api.py).
With the task variable ``routeros_run_in_process: false`` it runs the module file as an ordinary
module instead, so both ways can be measured side by side (tools/bench_modules.py).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.module_utils.common.parameters import remove_values
from ansible.module_utils.parsing.convert_bool import boolean
from ansible.plugins.action import ActionBase

from ansible_collections.soho.routeros.plugins.module_utils import runner
from ansible_collections.soho.routeros.plugins.module_utils.errors import RouterOSError

# Module option -> inventory variables that supply it when the task does not, first found wins.
INVENTORY_VARIABLES = {
    'hostname': ('ansible_host', 'inventory_hostname'),
    'username': ('ansible_user',),
    'password': ('ansible_password',),
    'port': ('routeros_api_port',),
    'tls': ('routeros_api_tls',),
    'ca_path': ('routeros_api_ca_path',),
    'validate_certs': ('routeros_api_validate_certs',),
    'timeout': ('routeros_api_timeout',),
    'login_method': ('routeros_api_login_method',),
    # Only modules that have the option (backup_fetch) take it.
    'ssh_port': ('routeros_ssh_port',),
}


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _requires_connection = False

    def run(self, tmp=None, task_vars=None):
        task_vars = task_vars or {}
        result = super(ActionModule, self).run(tmp, task_vars)
        # The module is what the task wrote (maybe a short name, or an action group's), resolved as a module.
        found = self._shared_loader_obj.module_loader.find_plugin_with_context(
            self._task.action, collection_list=self._task.collections)
        fqcn = found.resolved_fqcn if found.resolved else self._task.action
        module_name = fqcn.split('.')[-1]
        spec = runner.argument_spec(module_name)
        args = self._task_args(task_vars, spec)
        secrets = set([str(args['password'])]) if args.get('password') else set()

        # As AnsibleModule reports it, whichever way the module runs.
        params, error = runner.validate(spec, args, fqcn)
        if error:
            result.update(failed=True, msg=error)
            return remove_values(result, secrets)

        if not boolean(self._variable(task_vars, 'routeros_run_in_process', True)):
            result.update(self._execute_module(module_name=fqcn, module_args=args, task_vars=task_vars))
            return result

        check_mode, diff_mode = bool(self._task.check_mode), bool(self._task.diff)
        # Retries of an until loop wait for the router to change: each after the first reads it again.
        self._attempts = getattr(self, '_attempts', 0) + 1
        # A soho.routeros.api connection (plugins/connection/api.py) runs modules in the router's process.
        kept = getattr(self._connection, 'runs_modules', False) is True
        if kept and params.get('state') not in runner.MODULES[module_name].own_connections:
            result.update(self._connection.call_module(module_name, params, check_mode, diff_mode,
                                                       fresh=self._attempts > 1))
            # ansible-core ends the connection processes it finds in the tasks' arguments at the end of the run.
            self._task.args['_ansible_socket'] = self._connection.socket_path
            return remove_values(result, secrets)
        try:
            result.update(runner.run(module_name, params, check_mode=check_mode, diff_mode=diff_mode))
        except RouterOSError as exc:
            result.update(failed=True, msg=str(exc))
        # What the module wrote through its own connections is news to the router's process.
        if kept and (result.get('changed') or result.get('failed')):
            self._connection.forget_reads()
        return remove_values(result, secrets)

    def _variable(self, task_vars, name, default=None):
        if name not in task_vars:
            return default
        return self._templar.template(task_vars[name])

    def _task_args(self, task_vars, spec):
        args = dict((k, v) for k, v in self._task.args.items() if k != '_ansible_socket')
        for option, names in INVENTORY_VARIABLES.items():
            if args.get(option) is not None or option not in spec:
                continue
            for name in names:
                value = self._variable(task_vars, name)
                if value is not None:
                    args[option] = value
                    break
        return args
