# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The router's process of a soho.routeros.api connection: one per router for a playbook run.

A task's worker starts it (start) when its socket is not there yet; it then runs the collection's modules for every
task of that router (serve), keeping the router's login and its prints, and ends when Ansible resets the connection at
the end of the run or when no task came for the idle timeout. It speaks the JSON-RPC that
ansible.module_utils.connection.Connection sends, over a Unix socket.

It is not ansible-core's connection helper (ansible-connection): that one starts Ansible's command line, configuration
and plugin loader (about 0.7 s on a 2-core machine) before it listens; this one is a plain Python process that imports
only the module code (about 0.25 s), as a package from the collection's own folder, so none of a task's worker state
(its result queue, its open files) reaches it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import fcntl
import json
import os
import signal
import socket
import subprocess
import sys
import traceback

from ansible.module_utils.connection import recv_data, send_data

# The process's first argument after its code: what `ps` shows of it, and how a measurement finds a run's router processes.
MARK = 'soho.routeros.api'
# What the started process runs: the collection's folder first on its path, then serve() with the arguments.
_BOOT = ("import sys; sys.path.insert(0, sys.argv[2]); "
         "from ansible_collections.soho.routeros.plugins.plugin_utils import router_process; "
         "router_process.serve(*sys.argv[3:])")


def collections_folder():
    """The folder that holds this copy's ``ansible_collections`` (the started process imports the collection from it)."""
    here = os.path.abspath(__file__)
    for _level in range(6):
        here = os.path.dirname(here)
    return here


def start(socket_path, playbook_pid, connect_timeout, command_timeout):
    """Start the router's process for this socket unless it runs already; returns once it listens."""
    folder = os.path.dirname(socket_path)
    os.makedirs(folder, mode=0o700, exist_ok=True)
    with open(_lock_path(socket_path), 'w') as lock:
        fcntl.lockf(lock, fcntl.LOCK_EX)
        try:
            if listening(socket_path):
                return
            # A process of its own (exec, new session): it outlives the task's worker and shares none of its files.
            proc = subprocess.Popen(
                [sys.executable, '-c', _BOOT, MARK, collections_folder(), socket_path, str(playbook_pid),
                 str(connect_timeout), str(command_timeout)],
                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd='/', close_fds=True,
                start_new_session=True)
            ready = proc.stdout.readline()
            proc.stdout.close()
            if ready.strip() != b'ready':
                error = proc.stderr.read().decode('utf-8', 'replace').strip().splitlines()
                proc.stderr.close()
                proc.wait()
                raise RuntimeError('the router process did not start: %s' % (error[-1] if error else 'no output'))
            proc.stderr.close()
        finally:
            fcntl.lockf(lock, fcntl.LOCK_UN)


def _lock_path(socket_path):
    folder, name = os.path.split(socket_path)
    return os.path.join(folder, '.soho_routeros_lock_' + name)


def listening(socket_path):
    """Whether a process answers on the socket; a socket file that a killed process left is removed."""
    if not os.path.exists(socket_path):
        return False
    probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        probe.connect(socket_path)
        return True
    except ConnectionRefusedError:
        os.remove(socket_path)
        return False
    finally:
        probe.close()


class _Timeout(Exception):
    pass


class _Server:
    """The methods a task calls over the socket."""

    def __init__(self, command_timeout):
        self.command_timeout = command_timeout
        self.closed = False

    def run_module(self, module_name, params, check_mode, diff_mode, fresh):
        from ansible_collections.soho.routeros.plugins.module_utils import runner
        from ansible_collections.soho.routeros.plugins.module_utils.errors import RouterOSError

        sessions = runner.keep_sessions()
        if fresh:
            sessions.forget()
        try:
            return runner.run(module_name, params, check_mode, diff_mode)
        except RouterOSError as exc:
            return {'failed': True, 'msg': str(exc)}

    def forget(self):
        from ansible_collections.soho.routeros.plugins.module_utils import runner

        runner.keep_sessions().forget()

    def reset(self):
        """Ansible's end of the run (and meta: reset_connection): log out and end."""
        self.closed = True

    def handle(self, data):
        request = json.loads(data.decode('utf-8', 'surrogateescape'))
        answer = {'jsonrpc': '2.0', 'id': request.get('id')}
        method = request.get('method')
        if method not in ('run_module', 'forget', 'reset'):
            answer['error'] = {'code': -32601, 'message': 'no method %r in the soho.routeros.api process' % method}
            return answer
        args, kwargs = request.get('params') or ([], {})
        signal.alarm(self.command_timeout)
        try:
            answer['result'] = getattr(self, method)(*args, **kwargs)
        except _Timeout:
            # The router's answer may still come on the session: the next task logs in anew.
            _close_sessions()
            answer['error'] = {'code': -32603, 'message': 'the task took longer than %d s (persistent_command_timeout)'
                                                          % self.command_timeout}
        except Exception as exc:  # pylint: disable=broad-except
            answer['error'] = {'code': -32603, 'message': '%s: %s' % (type(exc).__name__, exc),
                               'data': traceback.format_exc()}
        finally:
            signal.alarm(0)
        return answer


def _close_sessions():
    kept = sys.modules.get('ansible_collections.soho.routeros.plugins.module_utils.connection')
    if kept is not None:
        kept.close_sessions()


def _raise_timeout(signum, frame):
    raise _Timeout()


def _end(signum, frame):
    raise SystemExit(0)


def serve(socket_path, playbook_pid, connect_timeout, command_timeout):
    """The started process: listen, tell the starter, answer tasks until reset or idle for connect_timeout seconds."""
    del playbook_pid  # on the command line only, for `ps` and measurements
    server = _Server(int(command_timeout))
    signal.signal(signal.SIGTERM, _end)
    signal.signal(signal.SIGALRM, _raise_timeout)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    bound = False
    try:
        listener.bind(socket_path)
        bound = True
        listener.listen(1)
        listener.settimeout(int(connect_timeout))
        devnull = os.open(os.devnull, os.O_RDWR)
        os.dup2(devnull, 2)
        sys.stdout.write('ready\n')
        sys.stdout.flush()
        os.dup2(devnull, 1)
        os.close(devnull)
        while not server.closed:
            try:
                conn, _address = listener.accept()
            except socket.timeout:
                break
            with conn:
                conn.settimeout(None)
                while not server.closed:
                    data = recv_data(conn)
                    if not data:
                        break
                    send_data(conn, json.dumps(server.handle(data)).encode('utf-8', 'surrogateescape'))
    finally:
        listener.close()
        # Only a socket this process bound is its own to remove (with its lock file, as ansible-core's helper does).
        for path in ([socket_path, _lock_path(socket_path)] if bound else []):
            try:
                os.remove(path)
            except OSError:
                pass
        _close_sessions()
