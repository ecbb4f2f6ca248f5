# -*- coding: utf-8 -*-
"""The router's process of a soho.routeros.api connection (plugin_utils/router_process.py), started as a task's worker
starts it: it listens once started, runs modules with one login, and ends on reset, when idle, and never holds what
its starter had open."""

import os
import shutil
import signal
import tempfile
import time

import pytest
from ansible.module_utils.connection import Connection, ConnectionError as RpcError

from ansible_collections.soho.routeros.plugins.plugin_utils import router_process
from process_helpers import router_processes


@pytest.fixture
def socket_path():
    # Unix socket paths have a length limit (108 bytes) that pytest's tmp_path can pass.
    folder = tempfile.mkdtemp(prefix='rp', dir='/tmp')
    path = os.path.join(folder, 'pc', 'router')
    yield path
    if os.path.exists(path):
        Connection(path).reset()
    shutil.rmtree(folder)


def gone(path, seconds=5.0):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if not os.path.exists(path) and not router_processes(path):
            return True
        time.sleep(0.05)
    return False


def kill(pid):
    """SIGKILL a router process this test started, and wait until it is gone (its socket file stays)."""
    os.kill(pid, signal.SIGKILL)
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        while os.path.exists('/proc/%d' % pid):
            time.sleep(0.05)


def params(sim, **extra):
    return dict({'hostname': sim.host, 'port': sim.port, 'username': 'admin', 'password': '', 'timeout': 5,
                 'state': 'gathered'}, **extra)


def test_one_process_runs_every_task_with_one_login_and_ends_on_reset(routeros_sim_factory, socket_path):
    sim = routeros_sim_factory('--factory', 'blank')
    control = sim.api()
    list(control('/sim/stats/reset'))
    router_process.start(socket_path, os.getpid(), 30, 60)
    router_process.start(socket_path, os.getpid(), 30, 60)
    assert len(router_processes(socket_path)) == 1
    rpc = Connection(socket_path)
    for _task in range(3):
        result = rpc.run_module('ip_dns', params(sim), False, False, False)
        assert result['changed'] is False and result['gathered']
    (stats,) = control('/sim/stats/print')
    assert stats['logins'] == 1
    rpc.reset()
    assert gone(socket_path)
    assert os.listdir(os.path.dirname(socket_path)) == []
    control.close()


def test_a_router_error_is_a_failed_result_and_an_unknown_call_an_rpc_error(routeros_sim_factory, socket_path):
    sim = routeros_sim_factory('--factory', 'blank')
    router_process.start(socket_path, os.getpid(), 30, 60)
    rpc = Connection(socket_path)
    result = rpc.run_module('ip_dns', params(sim, password='wrong'), False, False, False)
    assert result['failed'] is True and 'admin' in result['msg']
    with pytest.raises(RpcError) as info:
        rpc.exec_command('/ip dns print')
    assert 'exec_command' in str(info.value)


def test_it_ends_when_no_task_comes_for_the_idle_timeout(socket_path):
    router_process.start(socket_path, os.getpid(), 1, 60)
    assert os.path.exists(socket_path)
    assert gone(socket_path, seconds=6)


def test_a_task_longer_than_the_command_timeout_fails_and_the_next_logs_in_anew(routeros_sim_factory, socket_path):
    sim = routeros_sim_factory('--factory', 'blank')
    control = sim.api()
    list(control('/sim/stats/reset'))
    router_process.start(socket_path, os.getpid(), 30, 1)
    rpc = Connection(socket_path)
    assert rpc.run_module('ip_dns', params(sim), False, False, False)['changed'] is False
    list(control('/sim/fault/set', delay='1500'))
    with pytest.raises(RpcError) as info:
        rpc.run_module('ip_pool', params(sim), False, False, True)
    assert 'longer than 1 s' in str(info.value)
    list(control('/sim/fault/set', delay='0'))
    assert rpc.run_module('ip_pool', params(sim), False, False, False)['changed'] is False
    (stats,) = control('/sim/stats/print')
    assert stats['logins'] == 2
    control.close()


def test_the_process_holds_none_of_its_starters_files(socket_path):
    read_end, write_end = os.pipe()
    try:
        os.set_inheritable(write_end, True)
        router_process.start(socket_path, os.getpid(), 30, 60)
        (pid,) = router_processes(socket_path)
        held = set(os.readlink('/proc/%d/fd/%s' % (pid, fd)) for fd in os.listdir('/proc/%d/fd' % pid))
        assert os.readlink('/proc/self/fd/%d' % write_end) not in held
        assert os.getsid(pid) == pid
    finally:
        os.close(read_end)
        os.close(write_end)


def test_a_killed_process_is_replaced_by_the_next_start(socket_path):
    router_process.start(socket_path, os.getpid(), 30, 60)
    (pid,) = router_processes(socket_path)
    kill(pid)
    assert os.path.exists(socket_path)
    router_process.start(socket_path, os.getpid(), 30, 60)
    (again,) = router_processes(socket_path)
    assert again != pid
    assert Connection(socket_path).forget() is None


def test_a_task_whose_process_was_killed_runs_in_a_new_one(routeros_sim_factory, socket_path, monkeypatch):
    from ansible_collections.soho.routeros.plugins.connection import api

    sim = routeros_sim_factory('--factory', 'blank')
    router_process.start(socket_path, os.getpid(), 30, 60)
    (pid,) = router_processes(socket_path)
    kill(pid)
    plugin = api.Connection.__new__(api.Connection)
    monkeypatch.setattr(plugin, '_process_socket', lambda: socket_path, raising=False)
    monkeypatch.setattr(plugin, '_ansible_playbook_pid', os.getpid(), raising=False)
    monkeypatch.setattr(plugin, 'get_option', {'persistent_connect_timeout': 30, 'persistent_command_timeout': 60}.get,
                        raising=False)
    result = plugin.call_module('ip_dns', params(sim), False, False, False)
    assert result.get('failed') is not True and result['gathered'], result
    assert router_processes(socket_path) not in ([], [pid])
