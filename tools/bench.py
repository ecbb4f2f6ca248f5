"""`make bench`: soho.routeros against community.routeros on the same simulated routers, side by side.

The contenders configure the home office of inventories/lab: playbooks/site.yml (this checkout) and
bench/community-home.yml (community.routeros api_modify, from the `ansible` package of bench/requirements.txt).
The floor is a playbook of as many ansible.builtin.debug tasks as site.yml runs. For every scenario (router count,
reply delay) and phase (converge a blank router, rerun it, check mode on a blank router) each contender runs
several times, the two sides taking turns (the order flips every run), so a busy machine slows both alike.
Reported per scenario: median wall time, min-max, the ratio of the medians, API logins, prints, sentences and
applied writes per router (the simulator's /sim/stats and /sim/audit), and the controller's peak memory.

Output: bench/results/results.md, bench/results/wall-vs-routers.png and stdout. Nothing here asserts a target.
Environment: BENCH_QUICK=1 (a smoke run, written to .build/bench/results), BENCH_RUNS=N (runs of every
scenario), BENCH_DELAY_MS (20), BENCH_FORKS (10), BENCH_OUT (results folder). See bench/README.md.
"""

import collections
import datetime
import importlib.metadata
import json
import os
import platform
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "bench"))

import inventory  # noqa: E402  (bench/inventory.py)

BIN = os.path.dirname(sys.executable)
SCRATCH = os.path.join(ROOT, ".build", "bench")
OURS, THEIRS, FLOOR = "soho.routeros", "community.routeros", "floor"
PLAYBOOKS = {OURS: os.path.join(ROOT, "playbooks", "site.yml"), THEIRS: os.path.join(ROOT, "bench", "community-home.yml")}
RECAP = re.compile(r"^(\S+)\s*:\s*ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)")
PHASES = ("converge", "rerun", "check")

Scenario = collections.namedtuple("Scenario", "routers delay phases runs floor")


def scenarios(environ):
    """The scenarios of one `make bench`, sized to about 15 minutes on two cores; BENCH_RUNS overrides the runs."""
    delay = int(environ.get("BENCH_DELAY_MS", "20"))
    if environ.get("BENCH_QUICK") == "1":
        plan = [Scenario(1, 0, PHASES, 1, True), Scenario(1, delay, ("converge", "rerun"), 1, False),
                Scenario(3, 0, ("converge",), 1, False)]
    else:
        plan = [Scenario(1, 0, PHASES, 5, True), Scenario(1, delay, PHASES, 3, False),
                Scenario(10, 0, ("converge", "rerun"), 2, False), Scenario(50, 0, ("converge",), 1, False)]
    if environ.get("BENCH_RUNS"):
        plan = [s._replace(runs=int(environ["BENCH_RUNS"])) for s in plan]
    return plan


# ---- figures ---------------------------------------------------------------------------------------------------

def spread(values):
    """Median, minimum and maximum of the runs."""
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "runs": len(values)}


def ratio(ours, theirs):
    return ours / theirs if theirs else float("nan")


def markdown_table(headers, rows):
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for header in headers) + "|"]
    lines.extend("| " + " | ".join(str(cell) for cell in row) + " |" for row in rows)
    return "\n".join(lines)


def configured(state):
    """Configured entries per menu of a simulator state file: no dynamic, builtin or internal data, no /log."""
    menus = {}
    for path, items in state["state"]["menus"].items():
        if path == "/log":
            continue
        entries = sorted(json.dumps({k: v for k, v in item.items() if not k.startswith(".")}, sort_keys=True)
                         for item in items if not item.get(".dynamic") and not item.get(".builtin"))
        entries = [entry for entry in entries if entry != "{}"]
        if entries:
            menus[path] = entries
    return menus


def state_differences(ours, theirs):
    """Menus whose configured entries differ: (path, entries only ours has, entries only theirs has)."""
    a, b = configured(ours), configured(theirs)
    return [(path, sorted(set(a.get(path, [])) - set(b.get(path, []))), sorted(set(b.get(path, [])) - set(a.get(path, []))))
            for path in sorted(set(a) | set(b)) if a.get(path) != b.get(path)]


# ---- processes -------------------------------------------------------------------------------------------------

class TreePss(threading.Thread):
    """Peak of the summed PSS of a process and its descendants (ansible-playbook, its forks, module processes) and of
    the run's router processes (soho.routeros.api connection, which detach from the tree: they are found by the
    playbook's pid on their command line), sampled every 0.2 s from /proc. PSS shares copy-on-write pages between the
    forks instead of counting them once per fork as RSS would."""

    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid, self.peak_kib, self.done = pid, 0, threading.Event()

    def tree(self):
        parents = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open("/proc/%s/stat" % entry, encoding="ascii", errors="replace") as handle:
                        parents[int(entry)] = int(handle.read().rsplit(")", 1)[1].split()[1])
                except (OSError, IndexError, ValueError):
                    continue
        members, grew = {self.pid} | self.connection_processes(parents), True
        while grew:
            more = {pid for pid, parent in parents.items() if parent in members} - members
            members |= more
            grew = bool(more)
        return members

    def connection_processes(self, pids):
        found = set()
        for pid in pids:
            try:
                with open("/proc/%d/cmdline" % pid, "rb") as handle:
                    argv = handle.read().split(b"\0")
            except OSError:
                continue
            if b"soho.routeros.api" in argv and str(self.pid).encode() in argv:
                found.add(pid)
        return found

    def run(self):
        while not self.done.is_set():
            total = 0
            for pid in self.tree():
                try:
                    with open("/proc/%d/smaps_rollup" % pid, encoding="ascii") as handle:
                        total += sum(int(line.split()[1]) for line in handle if line.startswith("Pss:"))
                except OSError:
                    continue
            self.peak_kib = max(self.peak_kib, total)
            self.done.wait(0.2)


def run_measured(command, env, log_path):
    """Run one playbook: wall time, exit code, recap totals, largest process RSS (wait4) and tree peak PSS."""
    with open(log_path, "w", encoding="utf-8") as log:
        start = time.perf_counter()
        proc = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=ROOT, stdin=subprocess.DEVNULL)
        sampler = TreePss(proc.pid)
        sampler.start()
        # wait4 gives the rusage of this child and every descendant it waited for: ru_maxrss is the largest of them.
        status, usage = os.wait4(proc.pid, 0)[1:]
        wall = time.perf_counter() - start
        sampler.done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
    with open(log_path, encoding="utf-8") as log:
        output = log.read()
    recap = collections.Counter()
    for match in filter(None, map(RECAP.match, output.splitlines())):
        recap.update(dict(zip(("ok", "changed", "unreachable", "failed"), map(int, match.groups()[1:]))))
    return {"wall": wall, "rc": proc.returncode, "recap": recap, "tasks": output.count("\nTASK ["),
            "rss_mib": usage.ru_maxrss / 1024.0, "pss_mib": sampler.peak_kib / 1024.0}


def port_block(count):
    """A run of `count` consecutive free ports below the ephemeral range (the simulator puts router N on base+N-1)."""
    for base in random.sample(range(20000, 32768 - count), 100):
        sockets = []
        try:
            for port in range(base, base + count):
                sock = socket.socket()
                sockets.append(sock)
                sock.bind(("127.0.0.1", port))
            return base
        except OSError:
            continue
        finally:
            for sock in sockets:
                sock.close()
    raise RuntimeError("no %d consecutive free ports below 32768" % count)


class Simulator:
    """One routeros-sim process serving N blank routers, with a control session kept open to each router, so the
    counters that /sim/stats reports after a reset hold the playbook's traffic only."""

    def __init__(self, routers, workdir):
        import librouteros

        base = port_block(3 * routers)
        self.state_dir = os.path.join(workdir, "state")
        command = [os.path.join(BIN, "routeros-sim"), "--routers", str(routers), "--port", str(base),
                   "--tls-port", str(base + routers), "--ssh-port", str(base + 2 * routers), "--factory", "blank",
                   "--state-dir", self.state_dir]
        self.proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.routers = [json.loads(self.proc.stdout.readline()) for router in range(routers)]
        self.ports = [int(router["api"].rsplit(":", 1)[1]) for router in self.routers]
        self.ssh_ports = [int(router["ssh"].rsplit(":", 1)[1]) for router in self.routers]
        self.apis = [librouteros.connect("127.0.0.1", "admin", "", port=port, timeout=60) for port in self.ports]

    def each(self, command, **attrs):
        return [list(api(command, **attrs)) for api in self.apis]

    def reset(self, delay):
        self.each("/sim/reset", factory="blank")
        if delay:
            self.each("/sim/fault/set", delay=str(delay))
        self.clear()

    def clear(self):
        self.each("/sim/stats/reset")
        self.each("/sim/audit/clear")

    def counters(self):
        """Traffic since the last clear, summed over the routers, and the audited writes by path. ``most prints of a
        path`` is the largest number of prints of one path on one router."""
        totals = collections.Counter()
        for rows in self.each("/sim/stats/print"):
            totals.update({key: int(value) for key, value in rows[0].items()})
        totals["most prints of a path"] = max([int(row["count"]) for rows in self.each("/sim/stats/prints/print") for row in rows] or [0])
        totals["paths printed"] = sum(len(rows) for rows in self.each("/sim/stats/prints/print"))
        writes = collections.Counter(entry["path"] for rows in self.each("/sim/audit/print") for entry in rows)
        return totals, writes

    def state(self, index=0):
        with open(os.path.join(self.state_dir, self.routers[index]["name"] + ".json"), encoding="utf-8") as handle:
            return json.load(handle)

    def stop(self):
        for api in self.apis:
            api.close()
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


# ---- the bench -------------------------------------------------------------------------------------------------

def ansible_env():
    return dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, "ansible.cfg"), ANSIBLE_NOCOLOR="1",
                ANSIBLE_COLLECTIONS_PATH=os.path.join(ROOT, ".collections"), ANSIBLE_HOME=os.path.join(SCRATCH, "ansible-home"),
                ANSIBLE_LOCAL_TEMP=os.path.join(SCRATCH, "ansible-tmp"), PATH=BIN + os.pathsep + os.environ.get("PATH", ""))


def check_collections(env):
    """soho.routeros must be this checkout and community.routeros the copy of the bench's `ansible` package."""
    listing = json.loads(subprocess.run([os.path.join(BIN, "ansible-galaxy"), "collection", "list", "--format", "json"],
                                        check=True, capture_output=True, text=True, env=env, cwd=ROOT).stdout)
    found = collections.defaultdict(list)
    for path, names in listing.items():
        for name, info in names.items():
            found[name].append((os.path.realpath(os.path.join(path, *name.split("."))), info.get("version")))
    ours, theirs = found.get(OURS, []), found.get(THEIRS, [])
    if not ours or ours[0][0] != os.path.realpath(ROOT):
        raise SystemExit("soho.routeros resolves to %s, not this checkout %s" % (ours, ROOT))
    packaged = os.path.realpath(os.path.join(sys.prefix, "lib"))
    if len(theirs) != 1 or not theirs[0][0].startswith(packaged):
        raise SystemExit("community.routeros must come from the bench's ansible package alone, found %s" % theirs)
    return theirs[0][1]


def machine(community_version):
    model = "unknown CPU"
    with open("/proc/cpuinfo", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo", encoding="utf-8") as handle:
        memory = int(handle.readline().split()[1]) / 1024.0 / 1024.0
    return [("CPU", "%s, %d cores" % (model, os.cpu_count())), ("memory", "%.1f GiB" % memory),
            ("system", "%s %s" % (platform.system(), platform.release())), ("Python", platform.python_version()),
            ("ansible-core", importlib.metadata.version("ansible-core")), ("ansible package", importlib.metadata.version("ansible")),
            ("community.routeros", community_version), ("librouteros", importlib.metadata.version("librouteros")),
            ("load average at start", "%.2f %.2f %.2f" % os.getloadavg())]


def floor_playbook(path, tasks):
    plays = [{"name": "Ansible floor: %d debug tasks" % tasks, "hosts": "routeros", "gather_facts": False,
              "tasks": [{"name": "Debug task %d" % n, "ansible.builtin.debug": {"msg": "task %d" % n}} for n in range(1, tasks + 1)]}]
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(plays, handle)  # JSON is YAML
    return path


class Bench:
    def __init__(self, out):
        self.out, self.env = out, ansible_env()
        self.samples = collections.defaultdict(list)  # (routers, delay, phase, side) -> [sample]
        self.notes, self.floor_tasks, self.managed_paths, self.differences = [], 0, 0, None
        self.forks = int(os.environ.get("BENCH_FORKS", "10"))

    def command(self, side, inventory_path, workdir, check):
        playbook = self.floor_path if side == FLOOR else PLAYBOOKS[side]
        command = [os.path.join(BIN, "ansible-playbook"), "-i", inventory_path, playbook, "--forks", str(self.forks)]
        if side == OURS:
            command += ["-e", "backup_dir=" + os.path.join(workdir, "backups")]
        return command + (["--check"] if check else [])

    def phase(self, sim, scenario, side, phase, inventory_path, workdir, label):
        if phase != "rerun":
            sim.reset(scenario.delay)
        sim.clear()
        log_path = os.path.join(workdir, "%s-%s-%s.log" % (label, side, phase))
        sample = run_measured(self.command(side, inventory_path, workdir, phase == "check"), self.env, log_path)
        if sample["rc"] != 0 or sample["recap"]["failed"] or sample["recap"]["unreachable"]:
            with open(log_path, encoding="utf-8") as handle:
                raise SystemExit("%s %s failed (%s):\n%s" % (side, phase, log_path, handle.read()[-4000:]))
        sample["stats"], sample["writes"] = sim.counters()
        problem = None
        if phase == "rerun" and sample["recap"]["changed"]:
            problem = "rerun changed=%d" % sample["recap"]["changed"]
        if phase == "check" and sample["writes"]:
            problem = "check mode wrote %d entries" % sum(sample["writes"].values())
        if problem:
            self.notes.append("%s, %d router(s), delay %d ms, %s: %s (log %s)" % (side, scenario.routers, scenario.delay, phase, problem, log_path))
        return sample

    def warm_up(self, sim, inventory_path, workdir):
        """One unrecorded converge per contender: byte-code caches are written, the floor gets site.yml's task count,
        and the two end states are compared."""
        states = {}
        for side in (OURS, THEIRS):
            sample = self.phase(sim, Scenario(1, 0, (), 0, False), side, "converge", inventory_path, workdir, "warm-up")
            states[side] = sim.state()
            if side == OURS:
                self.floor_tasks = sample["tasks"] // len(sim.routers)
                self.managed_paths = len(sample["writes"])
        self.differences = state_differences(states[OURS], states[THEIRS])
        self.floor_path = floor_playbook(os.path.join(workdir, "floor.yml"), self.floor_tasks)

    def scenario(self, scenario, first):
        name = "%d-router%s-%dms" % (scenario.routers, "s" if scenario.routers > 1 else "", scenario.delay)
        workdir = os.path.join(SCRATCH, name)
        shutil.rmtree(workdir, ignore_errors=True)
        os.makedirs(workdir)
        sim = Simulator(scenario.routers, workdir)
        try:
            inventory_path = inventory.write(os.path.join(workdir, "inventory.yml"), sim.ports, sim.ssh_ports,
                                             backup_dir=os.path.join(workdir, "backups"))
            if first:
                self.warm_up(sim, inventory_path, workdir)
            for run in range(scenario.runs):
                sides = (OURS, THEIRS) if run % 2 == 0 else (THEIRS, OURS)
                for side in sides + ((FLOOR,) if scenario.floor else ()):
                    for phase in (("debug",) if side == FLOOR else scenario.phases):
                        sample = self.phase(sim, scenario, side, phase, inventory_path, workdir, "run%d" % (run + 1))
                        self.samples[(scenario.routers, scenario.delay, phase, side)].append(sample)
                        print("  %-24s run %d/%d  %-18s %-8s %7.2f s  all routers: logins %4d  prints %5d  writes %4d  rss %4.0f MiB" % (
                            name, run + 1, scenario.runs, side, phase, sample["wall"], sample["stats"]["logins"],
                            sample["stats"]["print"], sum(sample["writes"].values()), sample["rss_mib"]), flush=True)
        finally:
            sim.stop()

    # ---- report ----------------------------------------------------------------------------------------------

    def figure(self, key, field):
        samples = self.samples.get(key)
        if not samples:
            return None
        if field in ("wall", "rss_mib", "pss_mib"):
            return spread([s[field] for s in samples])
        return spread([s["stats"][field] if field in s["stats"] else sum(s["writes"].values()) for s in samples])

    def rows(self):
        rows = []
        order = (OURS, THEIRS, FLOOR)
        for (routers, delay, phase, side) in sorted(self.samples, key=lambda k: (k[0], k[1], PHASES.index(k[2]) if k[2] in PHASES else 9,
                                                                                 order.index(k[3]))):
            key = (routers, delay, phase, side)
            wall = self.figure(key, "wall")
            theirs = self.figure((routers, delay, phase, THEIRS), "wall")
            per_router = {f: self.figure(key, f)["median"] / routers for f in ("logins", "print", "sentences-in", "writes")}
            rows.append([routers, delay, phase, side, wall["runs"], "%.2f" % wall["median"], "%.2f-%.2f" % (wall["min"], wall["max"]),
                         "%.2fx" % ratio(wall["median"], theirs["median"]) if theirs and side != THEIRS else "",
                         "%.1f" % (routers * 60.0 / wall["median"]),
                         "%g" % per_router["logins"], "%g" % per_router["print"], "%g" % per_router["sentences-in"],
                         "%g" % per_router["writes"], "%.0f" % self.figure(key, "rss_mib")["median"],
                         "%.0f" % self.figure(key, "pss_mib")["median"]])
        return rows

    def goals(self):
        goals = []

        def wall(routers, delay, phase, side):
            figure = self.figure((routers, delay, phase, side), "wall")
            return figure["median"] if figure else None

        def add(goal, value, target, met):
            goals.append([goal, value if value is not None else "not measured", target,
                          "" if value is None else ("met" if met else "not met")])

        for delay in sorted({k[1] for k in self.samples if k[0] == 1}):
            for phase in ("converge", "rerun"):
                ours, theirs = wall(1, delay, phase, OURS), wall(1, delay, phase, THEIRS)
                value = ratio(ours, theirs) if ours and theirs else None
                add("%s, 1 router, %s" % (phase, "%d ms per reply" % delay if delay else "loopback"),
                    None if value is None else format(value, ".2f") + "x", "<= 0.2x community.routeros", value is not None and value <= 0.2)
        most = max(k[0] for k in self.samples)
        ours, theirs = wall(most, 0, "converge", OURS), wall(most, 0, "converge", THEIRS)
        if ours and theirs:
            add("%d routers, forks %d: routers per minute" % (most, self.forks), "%.1f vs %.1f (%.2fx)" % (
                most * 60 / ours, most * 60 / theirs, theirs / ours), ">= 5x community.routeros", theirs / ours >= 5)
        roles = site_roles()
        for phase in ("converge", "rerun"):
            figure = self.figure((1, 0, phase, OURS), "logins")
            if figure:
                add("API logins per router, %s" % phase, "%g" % figure["median"], "1 (at most %d, one per role)" % roles,
                    figure["median"] <= roles)
        prints = self.figure((1, 0, "rerun", OURS), "print")
        if prints:
            most = self.figure((1, 0, "rerun", OURS), "most prints of a path")["median"]
            paths = self.figure((1, 0, "rerun", OURS), "paths printed")["median"]
            add("prints of one path per router on a rerun", "%g (%g prints of %g paths; %d paths written)" % (
                most, prints["median"], paths, self.managed_paths), "<= 1 (one print per managed path)", most <= 1)
        floor = self.figure((1, 0, "debug", FLOOR), "wall")
        if floor:
            for phase in ("converge", "rerun"):
                ours = wall(1, 0, phase, OURS)
                add("%s against the floor (%d debug tasks)" % (phase, self.floor_tasks), "%.2fx" % ratio(ours, floor["median"]),
                    "<= 1.5x", ratio(ours, floor["median"]) <= 1.5)
            floor_rss = self.figure((1, 0, "debug", FLOOR), "rss_mib")["median"]
            for phase in ("converge", "rerun"):
                rss = self.figure((1, 0, phase, OURS), "rss_mib")["median"]
                add("peak RSS, %s, against the floor's" % phase, "%.0f vs %.0f MiB (%.2fx)" % (rss, floor_rss, rss / floor_rss),
                    "<= 1.2x", rss / floor_rss <= 1.2)
        return goals

    def report(self, machine_rows, throughput, started):
        lines = ["# `make bench`: soho.routeros against community.routeros", "",
                 "Run of %s, %.0f s in all. How it is measured: [bench/README.md](../README.md)." % (
                     started.strftime("%Y-%m-%d %H:%M UTC"), time.time() - started.timestamp()), "",
                 markdown_table(("machine", ""), machine_rows + [("load average at the end", "%.2f %.2f %.2f" % os.getloadavg())]), "",
                 "## Goals", "", "Each a ratio of medians of interleaved runs in this one `make bench`.", "",
                 markdown_table(("goal", "measured", "target", ""), self.goals()), "",
                 "## Every scenario", "",
                 "Wall time of ansible-playbook; ratio = median / median of community.routeros in the same scenario; API figures "
                 "are medians per router from the simulator (`/sim/stats`: logins, print commands, command sentences; "
                 "`/sim/audit`: applied writes); peak RSS of the largest process (wait4), peak PSS of the process tree.", "",
                 markdown_table(("routers", "delay ms", "phase", "contender", "runs", "median s", "min-max s", "ratio",
                                 "routers/min", "logins", "prints", "sentences in", "writes", "RSS MiB", "PSS MiB"), self.rows()), ""]
        if self.notes:
            lines += ["## Runs that did not do what they should", ""] + ["- " + note for note in self.notes] + [""]
        lines += ["## End state: site.yml against bench/community-home.yml", ""]
        if self.differences:
            lines.append("Configured entries of one blank router after one converge that only one side has:")
            lines.append("")
            for path, ours, theirs in self.differences:
                lines.append("- `%s`: %s" % (path, "; ".join(
                    ["site.yml only: %d entr%s" % (len(ours), "y" if len(ours) == 1 else "ies")] * bool(ours)
                    + ["community.routeros only: %d entr%s" % (len(theirs), "y" if len(theirs) == 1 else "ies")] * bool(theirs))))
        else:
            lines.append("The same configured entries on both sides.")
        lines += ["", "## Simulator", "", throughput, ""]
        if self.plot():
            lines += ["![wall time against router count](wall-vs-routers.png)", ""]
        return "\n".join(lines)

    def plot(self):
        import matplotlib

        matplotlib.use("Agg")
        from matplotlib import pyplot

        figure, axes = pyplot.subplots(figsize=(7, 4.5))
        drawn = False
        for side, colour in ((OURS, "tab:blue"), (THEIRS, "tab:orange")):
            for phase, style in (("converge", "-o"), ("rerun", "--s")):
                points = sorted((k[0], self.figure(k, "wall")) for k in self.samples if k[1:] == (0, phase, side))
                if not points:
                    continue
                xs = [p[0] for p in points]
                ys = [p[1]["median"] for p in points]
                errors = [[p[1]["median"] - p[1]["min"] for p in points], [p[1]["max"] - p[1]["median"] for p in points]]
                axes.errorbar(xs, ys, yerr=errors, fmt=style, color=colour, capsize=3, label="%s %s" % (side, phase))
                drawn = True
        if not drawn:
            pyplot.close(figure)
            return False
        floor = self.figure((1, 0, "debug", FLOOR), "wall")
        if floor:
            axes.plot([1], [floor["median"]], "k^", label="floor (%d debug tasks)" % self.floor_tasks)
        counts = sorted({k[0] for k in self.samples})
        axes.set_xscale("log")
        axes.set_xticks(counts, [str(count) for count in counts])
        axes.minorticks_off()
        axes.set_ylim(bottom=0)
        axes.set_xlabel("routers (forks %d, loopback)" % self.forks)
        axes.set_ylabel("wall time, s (median, min-max)")
        axes.set_title("Home office on simulated RouterOS v6 routers")
        axes.grid(True, alpha=0.3)
        axes.legend()
        figure.tight_layout()
        figure.savefig(os.path.join(self.out, "wall-vs-routers.png"), dpi=110)
        pyplot.close(figure)
        return True


def site_roles():
    """Roles playbooks/site.yml runs by default: its role imports and includes (hardening runs unless turned off)."""
    import yaml

    with open(PLAYBOOKS[OURS], encoding="utf-8") as handle:
        plays = yaml.safe_load(handle)
    return sum(1 for play in plays for task in play.get("tasks", [])
               if "ansible.builtin.import_role" in task or "ansible.builtin.include_role" in task)


def main():
    started = datetime.datetime.now(datetime.timezone.utc)
    quick = os.environ.get("BENCH_QUICK") == "1"
    # A smoke run never overwrites the committed figures.
    out = os.environ.get("BENCH_OUT") or (os.path.join(SCRATCH, "results") if quick else os.path.join(ROOT, "bench", "results"))
    os.makedirs(out, exist_ok=True)
    os.makedirs(os.path.join(SCRATCH, "ansible-tmp"), exist_ok=True)
    bench = Bench(out)
    machine_rows = machine(check_collections(bench.env))
    print("simulator throughput ...", flush=True)
    throughput = subprocess.run([sys.executable, "-m", "routeros_sim.bench"], check=True, capture_output=True, text=True).stdout.strip()
    print(throughput, flush=True)
    for index, scenario in enumerate(scenarios(os.environ)):
        print("%d router(s), %d ms per reply, %s, %d run(s) per contender" % (
            scenario.routers, scenario.delay, ", ".join(scenario.phases), scenario.runs), flush=True)
        bench.scenario(scenario, index == 0)
    report = bench.report(machine_rows, throughput, started)
    with open(os.path.join(out, "results.md"), "w", encoding="utf-8") as handle:
        handle.write(report)
    with open(os.path.join(out, "samples.json"), "w", encoding="utf-8") as handle:
        json.dump([dict(zip(("routers", "delay_ms", "phase", "contender"), key), runs=samples)
                   for key, samples in sorted(bench.samples.items())], handle, indent=1, sort_keys=True)
    print("\n" + report)
    print("(written to %s)" % os.path.relpath(out, ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
