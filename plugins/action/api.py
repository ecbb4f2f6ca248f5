# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The action plugin behind every soho.routeros module (meta/runtime.yml redirects them here).

It fills the connection options from inventory variables, validates the task arguments with
ansible-core's ArgumentSpecValidator against the module's own argument spec, and runs the module
logic (module_utils/runner.run) in the controller process: a task pays for no module subprocess.
With the task variable ``routeros_run_in_process: false`` it runs the module file as an ordinary
module instead, so both ways can be measured side by side (tools/bench_modules.py).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
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
}


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _requires_connection = False

    def run(self, tmp=None, task_vars=None):
        task_vars = task_vars or {}
        result = super(ActionModule, self).run(tmp, task_vars)
        # resolved_action names this plugin; the module is what the task wrote (maybe a short name).
        found = self._shared_loader_obj.module_loader.find_plugin_with_context(
            self._task.action, collection_list=self._task.collections)
        fqcn = found.resolved_fqcn if found.resolved else self._task.action
        module_name = fqcn.split('.')[-1]
        args = self._task_args(task_vars)
        secrets = set([str(args['password'])]) if args.get('password') else set()

        validation = ArgumentSpecValidator(runner.argument_spec(module_name)).validate(args)
        if validation.error_messages:
            result.update(failed=True, msg='; '.join(validation.error_messages))
            return remove_values(result, secrets)

        if not boolean(self._variable(task_vars, 'routeros_run_in_process', True)):
            result.update(self._execute_module(module_name=fqcn, module_args=args, task_vars=task_vars))
            return result

        try:
            result.update(runner.run(module_name, validation.validated_parameters,
                                     check_mode=bool(self._task.check_mode), diff_mode=bool(self._task.diff)))
        except RouterOSError as exc:
            result.update(failed=True, msg=str(exc))
        return remove_values(result, secrets)

    def _variable(self, task_vars, name, default=None):
        if name not in task_vars:
            return default
        return self._templar.template(task_vars[name])

    def _task_args(self, task_vars):
        args = dict(self._task.args)
        for option, names in INVENTORY_VARIABLES.items():
            if args.get(option) is not None:
                continue
            for name in names:
                value = self._variable(task_vars, name)
                if value is not None:
                    args[option] = value
                    break
        return args
