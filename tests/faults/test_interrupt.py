"""The Ctrl-C matrix: SIGINT to the process group of an ansible-playbook run of playbooks/site.yml (the lab's home
site, blank router), as a terminal's Ctrl-C sends it, at a point the run's own output shows: while the controller
snapshot runs, right after the first change, in the middle of the LAN role, and while the hardening role has its
rollback job armed. Each point is a router (own simulator) and a run of its own (interrupts.yml); then one rerun over
all of them and a reference router that converges for the first time, and a third run. An interrupted guarded change
leaves its rollback job pending, and the guard stops a rerun until it has run (or is removed by hand): for that point
the router's clock moves past the job's time first, so that the job undoes the interrupted change. For each point:

- the run stops on the SIGINT at that point (the router has the writes made before it and no PLAY RECAP), without a
  traceback through the collection's code (ansible-core prints one of its own at some moments of a SIGINT, see
  the comment at the top of the code);
- the rerun converges and leaves every path the collection describes as the reference router has it;
- a third run reports changed=0 and writes nothing (audit log).

README.md (Test matrices) counts the points; test_matrix_counts.py keeps the count in step.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import threading
import time

import pytest
import yaml

from faults_helpers import differences, home_inventory, state, writes
from roles_helpers import BIN, ROOT, SITE, site

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "interrupts.yml"), encoding="utf-8") as stream:
    POINTS = yaml.safe_load(stream)
REFERENCE = "reference"
# Seconds without output after a press before the next (the slowest task of a run prints within a few seconds).
SILENCE = 30
# ansible-core's own handling of a SIGINT at some moments ends in a traceback of its own, whatever the task runs
# (seen: its task queue's signal handler meeting a worker it has just closed, "process object is closed"; a worker
# stopped before it set its handler, "Process WorkerProcess-N"; the main process stopped inside logging's lock).
# Those are not the collection's: the test fails on a traceback through the collection's code and on a module failure.


def workers(pid):
    """The process ids of the running (not exited) child processes of ``pid``: ansible-playbook's task workers."""
    try:
        with open("/proc/%d/task/%d/children" % (pid, pid), encoding="ascii") as stream:
            children = [int(child) for child in stream.read().split()]
    except OSError:
        return set()
    running = set()
    for child in children:
        try:
            with open("/proc/%d/stat" % child, encoding="ascii", errors="replace") as stream:
                if stream.read().rsplit(")", 1)[1].split()[0] != "Z":
                    running.add(child)
        except OSError:
            continue
    return running


def task_started(pid, before, wait=3.0):
    """Wait (at most ``wait`` seconds) until a worker not in ``before`` runs the task whose banner was just printed.

    A terminal's Ctrl-C can come at any time, but the banner is printed just before ansible-core swaps the last task's
    finished worker for a new one, and a SIGINT inside that swap trips ansible-core's own signal handler
    ("ValueError: process object is closed"); one that reaches the new worker before it has set its own handler
    stops it with Python's KeyboardInterrupt ("Process WorkerProcess-N: Traceback"). Both are ansible-core's
    tracebacks, not this collection's: the press waits for the new worker, so that the run is interrupted in the task,
    the point this matrix is about. It does not wait longer: with its handler set, a worker of ansible-core 2.19 takes
    a SIGINT as the end of its task only, and the run goes on to the next task.
    """
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline and not workers(pid) - before:
        time.sleep(0.01)


def interrupted_run(inventory, host, line, tmp):
    """site.yml on ``host``, SIGINT to its process group once ``line`` starts an output line; (rc, output)."""
    env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, "ansible.cfg"), ANSIBLE_NOCOLOR="1", PYTHONUNBUFFERED="1",
               ANSIBLE_LOCAL_TEMP=str(tmp / "ansible-tmp"), PATH=BIN + os.pathsep + os.environ.get("PATH", ""),
               ANSIBLE_COLLECTIONS_PATH=os.environ.get("ANSIBLE_COLLECTIONS_PATH", os.path.join(ROOT, ".collections")))
    proc = subprocess.Popen([os.path.join(BIN, "ansible-playbook"), "-i", inventory, SITE, "--limit", host], cwd=ROOT,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    output, presses, running = [], [0], set()
    heard = [time.monotonic()]

    def press():
        os.killpg(proc.pid, signal.SIGINT)
        presses[0] += 1
        heard[0] = time.monotonic()

    def press_when_silent():
        # Pressed again when the run hangs after a press, as a user does: a SIGINT that stops a worker while it holds
        # ansible-core's result queue lock leaves the main process waiting for that lock at its cleanup, for good.
        while proc.poll() is None:
            time.sleep(1)
            if presses[0] and time.monotonic() - heard[0] > SILENCE:
                press()

    watchdog = threading.Thread(target=press_when_silent, daemon=True)
    watchdog.start()
    for text in proc.stdout:
        output.append(text)
        heard[0] = time.monotonic()
        # Pressed again when the run starts another task, as a user does: ansible-playbook lets a SIGINT go unheeded
        # now and then (seen once at the start of the snapshot task).
        if (not presses[0] and text.startswith(line)) or (presses[0] and text.startswith("TASK [")):
            # After a loop item's line the loop's worker runs on, its handler set: no new worker to wait for.
            if text.startswith("TASK ["):
                task_started(proc.pid, running)
            press()
        running = workers(proc.pid)
    proc.wait(timeout=120)
    watchdog.join()
    return proc.returncode, "".join(output), presses[0]


def last_task(output):
    tasks = [text[6:text.rindex("]")] for text in output.splitlines() if text.startswith("TASK [")]
    return tasks[-1] if tasks else None


@pytest.fixture(scope="module")
def matrix(routeros_sim_module_factory, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("interrupt")
    sims = {name: routeros_sim_module_factory("--factory", "blank") for name in [REFERENCE, *POINTS]}
    inventory = home_inventory(tmp / "inventory", sims)
    stopped = {}
    for name, point in POINTS.items():
        stopped[name] = interrupted_run(inventory, name, point["line"], tmp)
        stopped[name] += (writes(sims[name]),)
        if "advance" in point:
            sims[name].control(0, "/sim/clock/advance", seconds=str(point["advance"]))
        stopped[name] += ([row["name"] for row in sims[name].control(0, "/system/scheduler/print")],)
        sims[name].clear_audit(0)
    forks = str(len(sims))
    rerun = site(inventory, "--forks", forks, tmp_path=tmp, timeout=1800)
    states = {name: state(sim) for name, sim in sims.items()}
    for sim in sims.values():
        sim.clear_audit(0)
    third = site(inventory, "--limit", ",".join(POINTS), "--forks", forks, tmp_path=tmp, timeout=1800)
    return {"stopped": stopped, "rerun": rerun, "states": states, "third": third,
            "third_writes": {name: writes(sims[name]) for name in POINTS}}


@pytest.mark.parametrize("name", POINTS)
def test_ctrl_c_stops_the_run_at_that_point_without_a_traceback_of_the_collection(matrix, name):
    rc, output, presses, cut_writes, jobs = matrix["stopped"][name]
    assert presses, "the run never printed %r:\n%s" % (POINTS[name]["line"], output[-3000:])
    assert rc != 0 and "PLAY RECAP" not in output, output[-3000:]
    # The collection's code is its plugins (reached through .collections or the checkout); ansible-core lives in .venv.
    plugins = os.path.realpath(os.path.join(ROOT, "plugins")) + os.sep
    ours = [frame for frame in re.findall(r'File "([^"]+)"', output)
            if os.path.realpath(frame).startswith(plugins) or "/ansible_collections/soho/routeros/plugins/" in frame]
    assert not ours, "a traceback through the collection's code: %s\n%s" % (ours, output[-3000:])
    assert "MODULE FAILURE" not in output, output[-3000:]
    wrote = [[w["path"], w["command"]] for w in cut_writes]
    expected = POINTS[name]["wrote"]
    assert (expected in wrote) if expected else not wrote, (presses, last_task(output), cut_writes)
    if "advance" in POINTS[name]:
        assert "soho-hardening-rollback" not in jobs, "the rollback job did not run when its time came: %s" % jobs


@pytest.mark.parametrize("name", POINTS)
def test_a_rerun_reaches_the_state_of_a_router_converged_without_interruption(matrix, name):
    assert matrix["rerun"].recap[REFERENCE]["failed"] == 0, matrix["rerun"].message(REFERENCE)
    recap = matrix["rerun"].recap[name]
    assert recap["failed"] == 0 and recap["unreachable"] == 0, (recap, matrix["rerun"].message(name))
    lines = differences(matrix["states"][name], matrix["states"][REFERENCE])
    assert not lines, "\n".join(lines)


@pytest.mark.parametrize("name", POINTS)
def test_a_third_run_changes_nothing(matrix, name):
    recap = matrix["third"].recap[name]
    assert recap["failed"] == 0 and recap["changed"] == 0, (recap, matrix["third"].message(name))
    assert matrix["third_writes"][name] == [], matrix["third_writes"][name]
