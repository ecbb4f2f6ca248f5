# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Seconds per task of a soho.routeros module run in the controller process versus as a module process.

Usage: python tools/bench_modules.py [--tasks 20] [--repeat 2] [--module ip_dns] [--report FILE]

Starts one simulated router (routeros-sim), then times ansible-playbook runs of a play with 1 and
with 1 + N ``state: gathered`` tasks of one module, once through the shared action plugin in process
(the default) and once with ``routeros_run_in_process: false`` (the module file run as an ordinary
module process), and of as many ansible.builtin.debug tasks: the floor of any task. The cost of one
task is (time of 1 + N tasks - time of 1 task) / N, so ansible-playbook's own start-up does not
count. Each run is repeated and the fastest is kept.
"""

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.dirname(sys.executable)


def free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def start_simulator(workdir):
    port, tls_port = free_port(), free_port()
    command = [os.path.join(BIN, 'routeros-sim'), '--port', str(port), '--tls-port', str(tls_port),
               '--state-dir', os.path.join(workdir, 'sim')]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = process.stdout.readline()
    if not line:
        process.wait()
        raise SystemExit('routeros-sim did not start: %s' % ' '.join(command))
    return process, json.loads(line), port


def write_files(workdir, port, module, tasks):
    inventory = (
        'all:\n  hosts:\n    router1:\n'
        '      ansible_host: 127.0.0.1\n      ansible_connection: local\n'
        '      ansible_python_interpreter: %s\n'
        '      ansible_user: admin\n      ansible_password: ""\n'
        '      routeros_api_port: %d\n' % (sys.executable, port))
    with open(os.path.join(workdir, 'hosts.yml'), 'w') as handle:
        handle.write(inventory)
    for count in (1, 1 + tasks):
        for kind in ('module', 'debug'):
            lines = ['- hosts: all', '  gather_facts: false', '  tasks:']
            for number in range(count):
                if kind == 'module':
                    lines += ['    - name: Read %s %d' % (module, number), '      soho.routeros.%s:' % module,
                              '        state: gathered']
                else:
                    lines += ['    - name: Baseline %d' % number, '      ansible.builtin.debug:', '        msg: baseline']
            with open(os.path.join(workdir, 'play-%s-%d.yml' % (kind, count)), 'w') as handle:
                handle.write('\n'.join(lines) + '\n')


def time_play(workdir, kind, count, in_process):
    env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, 'ansible.cfg'),
               ANSIBLE_COLLECTIONS_PATH=os.path.join(ROOT, '.collections'),
               ANSIBLE_HOME=os.path.join(workdir, 'home'), ANSIBLE_LOCAL_TEMP=os.path.join(workdir, 'tmp'))
    command = [os.path.join(BIN, 'ansible-playbook'), '-i', os.path.join(workdir, 'hosts.yml'),
               os.path.join(workdir, 'play-%s-%d.yml' % (kind, count)), '-e', 'routeros_run_in_process=%s' % in_process]
    started = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    elapsed = time.monotonic() - started
    if done.returncode != 0:
        raise SystemExit('ansible-playbook failed:\n%s%s' % (done.stdout, done.stderr))
    return elapsed


def fastest(workdir, kind, count, in_process, repeat):
    times = []
    while len(times) < repeat:
        times.append(time_play(workdir, kind, count, in_process))
    return min(times)


def time_runner(port, module, tasks):
    """Seconds per call of the module logic alone (connect, log in, read), without ansible-playbook."""
    sys.path.insert(0, os.path.join(ROOT, '.collections'))
    from ansible_collections.soho.routeros.plugins.module_utils import runner

    params = {'hostname': '127.0.0.1', 'port': port, 'username': 'admin', 'password': '', 'state': 'gathered'}
    started = time.monotonic()
    for number in range(tasks):
        runner.run(module, params)
    return (time.monotonic() - started) / tasks


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--tasks', type=int, default=20, help='tasks timed per run (default 20)')
    parser.add_argument('--repeat', type=int, default=2, help='runs of each play; the fastest counts (default 2)')
    parser.add_argument('--module', default='ip_dns', help='module to run with state=gathered (default ip_dns)')
    parser.add_argument('--report', help='also write the report to this file')
    args = parser.parse_args(argv)

    link = os.path.join(ROOT, '.collections', 'ansible_collections', 'soho', 'routeros')
    if not os.path.exists(link):
        os.makedirs(os.path.dirname(link), exist_ok=True)
        os.symlink('../../..', link)

    workdir = tempfile.mkdtemp(prefix='bench-modules-')
    simulator = None
    try:
        simulator, router, port = start_simulator(workdir)
        write_files(workdir, port, args.module, args.tasks)
        results = {}
        for label, kind, in_process in (('in process (action plugin)', 'module', 'true'),
                                        ('module process', 'module', 'false'),
                                        ('ansible.builtin.debug', 'debug', 'true')):
            base = fastest(workdir, kind, 1, in_process, args.repeat)
            full = fastest(workdir, kind, 1 + args.tasks, in_process, args.repeat)
            results[label] = (base, full, (full - base) / args.tasks)
        logic = time_runner(port, args.module, args.tasks)
    finally:
        if simulator is not None:
            simulator.terminate()
            simulator.wait(10)
        shutil.rmtree(workdir, ignore_errors=True)

    lines = ['soho.routeros module benchmark: %d x soho.routeros.%s state=gathered against routeros-sim (%s)'
             % (args.tasks, args.module, router['api']),
             'fastest of %d runs; per task = (play with 1+%d tasks - play with 1 task) / %d'
             % (args.repeat, args.tasks, args.tasks), '']
    lines.append('%-28s %12s %14s %14s' % ('mode', '1 task (s)', '1+%d tasks (s)' % args.tasks, 'per task (s)'))
    for label, (base, full, per_task) in results.items():
        lines.append('%-28s %12.3f %14.3f %14.4f' % (label, base, full, per_task))
    fast = results['in process (action plugin)'][2]
    slow = results['module process'][2]
    if fast > 0:
        lines += ['', 'a module process costs %.1f times the in-process run per task (%.4f s more)' % (slow / fast, slow - fast)]
    lines.append('ansible.builtin.debug is the floor: what ansible-playbook spends on any task without a router')
    lines.append('the module logic alone (runner.run: connect, log in, one print) takes %.4f s per call' % logic)
    report = '\n'.join(lines) + '\n'
    sys.stdout.write(report)
    if args.report:
        with open(args.report, 'w') as handle:
            handle.write(report)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
