# -*- coding: utf-8 -*-
"""`make bench` report arithmetic on made-up samples: medians and spreads, ratios of medians, the goals table, the
end-state comparison and the generated inventory. Nothing here is timed."""

import collections
import importlib.util
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def load_bench():
    spec = importlib.util.spec_from_file_location("bench_tool", os.path.join(ROOT, "tools", "bench.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench = load_bench()
inventory = sys.modules["inventory"]


def sample(wall, rss=60.0, logins=1, prints=10, most=1):
    stats = collections.Counter({"logins": logins, "print": prints, "sentences-in": prints + 2, "most prints of a path": most,
                                 "paths printed": prints // most})
    return {"wall": wall, "rss_mib": rss, "pss_mib": rss, "stats": stats, "writes": collections.Counter()}


def test_spread_is_median_min_max_of_the_runs():
    assert bench.spread([3.0, 1.0, 10.0, 2.0]) == {"median": 2.5, "min": 1.0, "max": 10.0, "runs": 4}


def test_markdown_table():
    assert bench.markdown_table(("a", "b"), [(1, "x")]) == "| a | b |\n|---|---|\n| 1 | x |"


def test_goals_are_ratios_of_medians():
    report = bench.Bench("/nonexistent")
    report.floor_tasks, report.managed_paths = 88, 19
    report.samples[(1, 0, "converge", bench.OURS)] = [sample(1.0), sample(2.0), sample(100.0)]
    report.samples[(1, 0, "converge", bench.THEIRS)] = [sample(10.0), sample(10.0), sample(0.5)]
    report.samples[(1, 0, "rerun", bench.OURS)] = [sample(1.0, prints=44)]
    report.samples[(1, 0, "rerun", bench.THEIRS)] = [sample(4.0)]
    report.samples[(1, 0, "debug", bench.FLOOR)] = [sample(1.0, rss=50.0)]
    report.samples[(50, 0, "converge", bench.OURS)] = [sample(60.0)]
    report.samples[(50, 0, "converge", bench.THEIRS)] = [sample(300.0)]
    goals = {row[0]: row[1:] for row in report.goals()}
    assert goals["converge, 1 router, loopback"] == ["0.20x", "<= 0.2x community.routeros", "met"]
    assert goals["rerun, 1 router, loopback"][0] == "0.25x" and goals["rerun, 1 router, loopback"][2] == "not met"
    assert goals["50 routers, forks 10: routers per minute"] == ["50.0 vs 10.0 (5.00x)", ">= 5x community.routeros", "met"]
    assert goals["prints of one path per router on a rerun"] == [
        "1 (44 prints of 44 paths; 19 paths written)", "<= 1 (one print per managed path)", "met"]
    report.samples[(1, 0, "rerun", bench.OURS)] = [sample(1.0, prints=44, most=2)]
    assert {row[0]: row[1:] for row in report.goals()}["prints of one path per router on a rerun"][2] == "not met"
    assert goals["converge against the floor (88 debug tasks)"][0] == "2.00x"
    assert goals["peak RSS, converge, against the floor's"] == ["60 vs 50 MiB (1.20x)", "<= 1.2x", "met"]


def test_end_states_compare_configuration_not_ids_or_dynamic_entries():
    def state(*items):
        return {"state": {"menus": {"/ip/address": list(items), "/log": [{"message": "login"}], "/snmp": [{}]}}}

    configured = {"address": "192.168.88.1/24", "interface": "bridge"}
    dynamic = {".dynamic": True, "address": "100.64.1.100/24", "interface": "wan"}
    ours = state(dict(configured, **{".id": "*1"}), dynamic)
    assert bench.state_differences(ours, state(dict(configured, **{".id": "*9"}))) == []
    extra = {"address": "10.0.0.1/24", "interface": "ether3"}
    assert bench.state_differences(ours, state(configured, extra)) == [
        ("/ip/address", [], ['{"address": "10.0.0.1/24", "interface": "ether3"}'])]


def test_inventory_has_one_host_per_port_with_the_home_office():
    hosts = inventory.inventory(list(range(20001, 20011)), list(range(20021, 20031)), inventory.home_variables())["routeros"]
    assert sorted(hosts["hosts"]) == ["home%02d" % n for n in range(1, 11)]
    assert hosts["hosts"]["home10"] == {"routeros_api_port": 20010, "routeros_ssh_port": 20030}
    assert hosts["vars"]["wan_dhcp_interface_name"] == "wan" and hosts["vars"]["ansible_connection"] == "soho.routeros.api"


def test_runs_can_be_set_and_quick_mode_is_small():
    assert {s.runs for s in bench.scenarios({"BENCH_RUNS": "2"})} == {2}
    quick = bench.scenarios({"BENCH_QUICK": "1"})
    assert max(s.routers for s in quick) < 10 and {s.runs for s in quick} == {1}
