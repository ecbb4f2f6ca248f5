# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
name: api
short_description: One RouterOS API login per router for a whole playbook run
description:
  - Runs the soho.routeros modules of a host in one process that lasts for the playbook run and talks to it over a
    local socket (JSON-RPC, as ansible-core's persistent connections do). The first task of the host that needs the
    router starts it; it is a Python process that imports only the collection's module code, not ansible-core's
    connection helper (C(ansible-connection)), which would start Ansible's command line and plugin loader first.
  - That process logs in to the router once, reads C(/system/resource) once, and reuses what it printed until something
    written through it may have changed it (a firewall rule added changes its own table only; an interface added or
    renamed may change any menu), so a run that changes nothing reads each path once. A task retried with C(until) reads the
    router again on every retry after the first.
  - Set C(ansible_connection=soho.routeros.api) for the RouterOS hosts. With C(ansible_connection=local) the modules
    work as well, every task with a login of its own.
  - The address, user, password, port and TLS settings are the options of the modules (and the inventory variables
    they take them from); the options of this plugin only tell the processes of the routers apart and time them out.
  - Other tasks on such a host (M(ansible.builtin.command), for one) run on the controller, as with a local
    connection.
author:
  - soho.routeros maintainers (@soho-routeros)
version_added: 0.1.0
options:
  host:
    description:
      - Address of the router, as the modules take it. One process per address, API port and user.
    type: str
    default: inventory_hostname
    vars:
      - name: inventory_hostname
      - name: ansible_host
  port:
    description:
      - API port of the router (C(routeros_api_port)), so that routers behind one address get a process each.
    type: int
    vars:
      - name: routeros_api_port
  remote_user:
    description:
      - User the modules log in as (C(ansible_user)).
    type: str
    vars:
      - name: ansible_user
  persistent_connect_timeout:
    description:
      - Seconds the process waits for the next task before it logs out and ends. Ansible ends it at the end of the
        run in any case.
    type: int
    default: 30
    ini:
      - section: persistent_connection
        key: connect_timeout
    env:
      - name: ANSIBLE_PERSISTENT_CONNECT_TIMEOUT
    vars:
      - name: ansible_connect_timeout
  persistent_command_timeout:
    description:
      - Seconds one task may take in the process (a snapshot restore of a large firewall on a slow link takes long).
    type: int
    default: 300
    ini:
      - section: persistent_connection
        key: command_timeout
    env:
      - name: ANSIBLE_PERSISTENT_COMMAND_TIMEOUT
    vars:
      - name: ansible_command_timeout
'''

EXAMPLES = r'''
# inventories/site/group_vars/routeros.yml
ansible_connection: soho.routeros.api
ansible_host: 192.168.88.1
ansible_user: admin
ansible_password: "{{ vault_routeros_password }}"
'''

import os

from ansible import constants as C
from ansible.module_utils.connection import Connection as Rpc, ConnectionError as RpcError
from ansible.plugins.connection import ConnectionBase
from ansible.plugins.loader import connection_loader
from ansible.utils.path import unfrackpath

from ansible_collections.soho.routeros.plugins.plugin_utils import router_process


class Connection(ConnectionBase):
    """In a task (the worker): a proxy to the router's process (plugin_utils/router_process.py)."""

    transport = 'soho.routeros.api'
    # What the action plugin looks for: this connection runs the collection's modules in the router's process.
    runs_modules = True
    has_pipelining = False
    # Tasks other than the collection's modules (ansible.builtin.command, for one) run on the controller.
    _remote_is_local = True

    def __init__(self, play_context, *args, **kwargs):
        super(Connection, self).__init__(play_context, *args, **kwargs)
        self._ansible_playbook_pid = kwargs.get('ansible_playbook_pid')
        self._local_connection = None

    @property
    def _local(self):
        # Made for the first task that runs a command: the plugin is made anew for every task of the host.
        if self._local_connection is None:
            self._local_connection = connection_loader.get('local', self._play_context, os.devnull)
            self._local_connection.set_options()
        return self._local_connection

    def _connect(self):
        self._connected = True
        return self

    def exec_command(self, cmd, in_data=None, sudoable=True):
        return self._local.exec_command(cmd, in_data, sudoable)

    def put_file(self, in_path, out_path):
        return self._local.put_file(in_path, out_path)

    def fetch_file(self, in_path, out_path):
        return self._local.fetch_file(in_path, out_path)

    def _process_socket(self):
        """Where the router's process listens: ansible-core's control path of address, port, user and playbook."""
        context = self._play_context
        context.remote_addr = self.get_option('host')
        context.port = self.get_option('port')
        context.remote_user = self.get_option('remote_user')
        ssh = connection_loader.get('ssh', class_only=True)
        path = ssh._create_control_path(context.remote_addr, context.port, context.remote_user, context.connection,
                                        self._ansible_playbook_pid)
        return unfrackpath(path % dict(directory=unfrackpath(C.PERSISTENT_CONTROL_PATH_DIR)))

    def _started(self, path):
        """The socket ``path`` of the router's process, started by the first task that needs it."""
        router_process.start(path, self._ansible_playbook_pid, self.get_option('persistent_connect_timeout'),
                             self.get_option('persistent_command_timeout'))
        self._socket_path = path
        return path

    def call_module(self, module_name, params, check_mode, diff_mode, fresh):
        """Run a module in the router's process; its result, or a failed result with one sentence."""
        path = self._process_socket()
        for attempt in range(2):
            try:
                return Rpc(self._started(path)).run_module(module_name, params, check_mode, diff_mode, fresh)
            except (RpcError, RuntimeError) as exc:
                # The process ended (idle, killed) before or during the call: the module runs again in a new process,
                # which reads the router afresh, so a write it had half made converges.
                if attempt or router_process.listening(path):
                    return {'failed': True, 'msg': 'The soho.routeros.api connection process failed: %s' % exc}
        return None

    def forget_reads(self):
        """Tell the router's process that the router changed behind its back (another connection wrote)."""
        path = self._process_socket()
        if os.path.exists(path):
            Rpc(self._started(path)).forget()

    def reset(self):
        """meta: reset_connection on a host whose process Ansible has not seen yet: that process logs out and ends."""
        path = self._process_socket()
        if os.path.exists(path):
            Rpc(path).reset()

    def close(self):
        # The router's process ends when Ansible resets it at the end of the run, or when idle; a task ends nothing.
        self._connected = False
