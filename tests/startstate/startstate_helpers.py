"""Start states of the matrix, one run of a start state, and the normal forms its tests compare.

A start state is a simulated router pair (home, cafe) brought into some state before the lab inventory
converges it: ``run_start_state`` does that, then `site.yml --check`, the run, a rerun, and reads what
each step wrote (the simulator's audit log), what the check predicted (each task's ``commands``, through
the task_results callback) and the router's managed state afterwards. The result is plain JSON, so one
computation serves every test of the state.
"""

from __future__ import annotations

import collections
import ipaddress
import json
import os
import re
import shutil
import sys
from unittest import mock

import yaml

# The playbook helpers of tests/roles serve this matrix too.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "roles"))

# pylint: disable=wrong-import-position
from ansible_collections.soho.routeros.plugins.module_utils import connection, schema, snapshot
import guest_isolation
from roles_helpers import inventory, site

HERE = os.path.dirname(os.path.abspath(__file__))
SITES = ("home", "cafe")

# A router converged first with other variables; host_vars of the lab inventory are updated with these for that
# first run. The cafe's static lease moves into the other LAN, where the variable check wants it.
OTHER_VARIABLES = {
    "home": {"lan_ipv4_cidr": "192.168.50.0/24", "lan_ipv4_lease_time": "1d", "routeros_hardening": False},
    "cafe": {"lan_ipv4_cidr": "192.168.50.0/24", "lan_ipv4_lease_time": "1d", "routeros_hardening": False,
             "lan_ipv4_static_leases": [{"address": "192.168.50.5", "mac_address": "00:11:22:33:44:55", "comment": "POS terminal"}]},
}

START_STATES = {
    "blank": {"factory": "blank"},
    "defconf": {"factory": "defconf"},
    "by-hand": {"factory": "blank", "script": os.path.join(HERE, "data", "home-office-by-hand.rsc")},
    "other-variables": {"factory": "blank", "before": OTHER_VARIABLES},
}

READS = {"print", "get", "export"}
VERBS = READS | {"add", "set", "remove", "move", "enable", "disable", "unset", "reset"}
TOKEN = re.compile(r'(?:"(?:\\.|[^"\\])*"|\[(?:"(?:\\.|[^"\\])*"|[^\]"])*\]|[^\s"\[])+', re.S)
ESCAPE = re.compile(r"\\(.)", re.S)
# The escapes of a quoted RouterOS string that stand for control characters (the rest stand for themselves).
CONTROL = {"n": "\n", "r": "\r", "t": "\t"}
AUDIT_ID = re.compile(r"\s?(?:\.id|numbers)=\*[0-9A-F]+")
AUDIT_REF = re.compile(r"\b(place-before|destination)=\*[0-9A-F]+")
FIRE_TIME = re.compile(r"\b(start-date|start-time)=\S+")
# The hardening role's rollback job (hardening_rollback_name's default).
ROLLBACK_JOB = "soho-hardening-rollback"
BY_PATH = {path.path: path for path in schema.PATHS.values()}
# The words of a write as from_audit gives it: a value may hold blanks (location=Cafe, back office) up to the next key.
AUDIT_WORD = re.compile(r"\S+=.*?(?= [\w.-]+=|$)|\S+")


def import_script(sim, router, script):
    """/import of ``script`` as a person types it; the file is gone afterwards. There is no /file add in v6: an
    /export creates the file that /file set then fills."""
    with open(script, encoding="utf-8") as stream:
        text = stream.read()
    sim.control(router, "/export", file="by-hand")
    sim.control(router, "/file/set", numbers="by-hand.rsc", contents=text)
    sim.control(router, "/import", **{"file-name": "by-hand.rsc"})
    sim.control(router, "/file/remove", numbers="by-hand.rsc")


def from_cli(line):
    """A write as ``path verb k=v ...``, from a CLI line of a task's ``commands``; None for a read.

    Entry selectors (``[find ...]``) go, a reference to another entry becomes ``<ref>``, quoting is undone."""
    tokens = TOKEN.findall(line)
    path = []
    while tokens and tokens[0] not in VERBS:
        path.append(tokens.pop(0).strip("/"))
    verb = tokens.pop(0) if tokens else ""
    if verb in READS:
        return None
    words = []
    for token in tokens:
        if token.startswith("["):
            continue
        key, value = token.split("=", 1) if "=" in token else (token, "")
        if value.startswith("["):
            value = "<ref>"
        elif value.startswith('"') and value.endswith('"'):
            value = ESCAPE.sub(lambda m: CONTROL.get(m.group(1), m.group(1)), value[1:-1])
        words.append("%s=%s" % (key, "***" if set(value) == {"*"} else value))
    return " ".join(["/" + "/".join(path), verb] + words)


def from_audit(entry):
    """A write of the simulator's audit log in the form of ``from_cli``."""
    attrs = AUDIT_REF.sub(r"\1=<ref>", AUDIT_ID.sub("", entry["attrs"])).strip()
    return " ".join(w for w in (entry["path"], entry["command"], attrs) if w)


def _audit(sim, router):
    writes = [from_audit(entry) for entry in sim.audit(router)]
    sim.clear_audit(router)
    return writes


def _predicted(results_file, host):
    lines = []
    if os.path.exists(results_file):
        with open(results_file, encoding="utf-8") as stream:
            for line in stream:
                result = json.loads(line)
                if result["host"] == host:
                    lines.extend(result["commands"])
    return [w for w in (from_cli(line) for line in lines) if w is not None]


def _results(tmp, name):
    return str(tmp / ("%s.jsonl" % name))


def _step(inv, tmp, name, *args):
    """ansible-playbook site.yml ``args``, every task result going to _results(tmp, name)."""
    results = _results(tmp, name)
    env = {"ANSIBLE_CALLBACK_PLUGINS": os.path.join(HERE, "callback_plugins"),
           "ANSIBLE_CALLBACKS_ENABLED": "task_results", "STARTSTATE_RESULTS": results}
    with mock.patch.dict(os.environ, env):
        return site(inv, *args, tmp_path=tmp)


def _outcome(run, host):
    recap = run.recap.get(host)
    return {"recap": recap, "failure": run.message(host).strip() if host in run.failures else "",
            "ok": bool(recap) and recap["failed"] == 0 and recap["unreachable"] == 0}


def _isolation(sim, router):
    """The cafe's isolation faults; a cell that cannot be judged records why, and the other cells still run."""
    try:
        return guest_isolation.violations(sim, router) + guest_isolation.snmp_violations(sim, router)
    except Exception as failure:  # pylint: disable=broad-except
        return ["the isolation could not be judged: %r" % (failure,)]


def managed_state(sim, router):
    host, port = sim.address(router)
    with connection.connect(host, "admin", "", port) as client:
        return snapshot.gather(client)


def _before(inv, tmp, variables):
    """A first run with other variables: the lab's host_vars, updated with ``variables``, in a copy."""
    before = tmp / "before"
    shutil.copytree(inv, before)
    for host, extra in variables.items():
        vars_file = before / "host_vars" / ("%s.yml" % host)
        data = yaml.safe_load(vars_file.read_text()) or {}
        data.update(extra)
        vars_file.write_text(yaml.safe_dump(data))
    run = _step(str(before), tmp, "before")
    return {host: _outcome(run, host) for host in SITES}


def run_start_state(name, tmp, start):
    """Everything the tests of start state ``name`` look at, for both lab routers, as JSON data. ``start(*args,
    routers=N)`` starts a simulator (the routeros_sim_module_factory fixture)."""
    spec = START_STATES[name]
    sim = start("--factory", spec["factory"], "--names", ",".join(SITES), routers=len(SITES))
    try:
        inv = inventory(tmp, sim, {host: (index, {}) for index, host in enumerate(SITES)})
        setup = {host: {"ok": True, "failure": ""} for host in SITES}
        if "script" in spec:
            for index in range(len(SITES)):
                import_script(sim, index, spec["script"])
        if "before" in spec:
            setup = _before(inv, tmp, spec["before"])
        for index in range(len(SITES)):
            sim.clear_audit(index)
        check = _step(inv, tmp, "check", "--check")
        check_writes = [_audit(sim, index) for index in range(len(SITES))]
        converge = _step(inv, tmp, "converge")
        converge_writes = [_audit(sim, index) for index in range(len(SITES))]
        rerun = _step(inv, tmp, "rerun")
        rerun_writes = [_audit(sim, index) for index in range(len(SITES))]
        result = {}
        for index, host in enumerate(SITES):
            result[host] = {
                "setup": setup[host],
                "check": dict(_outcome(check, host), writes=check_writes[index], predicted=_predicted(_results(tmp, "check"), host)),
                "converge": dict(_outcome(converge, host), writes=converge_writes[index]),
                "rerun": dict(_outcome(rerun, host), writes=rerun_writes[index]),
                "state": managed_state(sim, index),
                # The cafe's guest networks, judged by the simulator's firewall after the rerun.
                "isolation": _isolation(sim, index) if host == "cafe" else None,
            }
        return result
    finally:
        sim.stop()


def _timeless(write):
    """A write with the time the lockout guard's rollback job fires at (the router's clock plus the delay, so later
    in the run than in the check before it) as ``<time>``."""
    if write.startswith("/system/scheduler add ") and "name=%s " % ROLLBACK_JOB in write + " ":
        return FIRE_TIME.sub(r"\1=<time>", write)
    return write


def _masked(write):
    """A write with the values the modules show masked (a secret RouterOS prints in clear: an SNMP community) as
    ``***``, as ``from_cli`` reads them from the predicted commands."""
    path = BY_PATH.get(write.split(" ", 1)[0])
    if path is None:
        return write
    fields = {path.ros_name(n): n for n in path.redacted_fields() if path.fields[n].get("redact") == "value"}
    if not fields:
        return write
    words = []
    for word in AUDIT_WORD.findall(write):
        key, value = word.split("=", 1) if "=" in word else (word, "")
        words.append("%s=***" % key if key in fields and path.is_clear_secret(fields[key], value) else word)
    return " ".join(words)


def prediction_differences(predicted, written):
    """Lines naming what the check predicted but the run did not write, and the reverse."""
    predicted, written = [_timeless(w) for w in predicted], [_timeless(_masked(w)) for w in written]
    missing = collections.Counter(predicted) - collections.Counter(written)
    extra = collections.Counter(written) - collections.Counter(predicted)
    return (["predicted, not written: %s" % w for w in sorted(missing.elements())]
            + ["written, not predicted: %s" % w for w in sorted(extra.elements())])


def managed_paths(*converges):
    """Names (schema.PATHS) of the paths the given converge steps wrote."""
    return sorted({BY_PATH[w.split(" ", 1)[0]].name for step in converges for w in step["writes"] if w.split(" ", 1)[0] in BY_PATH})


def kept_names(state, reference):
    """``state`` with the user's own name and comment of each port the inventory leaves alone (its name and comment
    on the reference router are the factory's) undone: the port and every value naming it read as the reference; and
    the factory Wi-Fi security profile as the reference has it."""
    ports = {row["default_name"]: row for row in reference.get("interface_ethernet") or []}
    renamed = {}
    state = json.loads(json.dumps(state))
    for row in state.get("interface_ethernet") or []:
        factory = ports.get(row["default_name"])
        if factory is None:
            continue
        if factory.get("name") == factory["default_name"] and row.get("name") != factory["default_name"]:
            renamed[row["name"]] = factory["default_name"]
            row["name"] = factory["default_name"]
        if not factory.get("comment") and "comment" in row:
            row.pop("comment")
    # The factory security profile is the router's own: the wifi role writes a profile of its own and leaves this one as
    # it found it (defconf gives it the WPA2 key of the router's sticker), so it reads as the reference's.
    profiles = state.get("interface_wireless_security_profile") or []
    factory = [row for row in reference.get("interface_wireless_security_profile") or [] if row.get("name") == "default"]
    for index, row in enumerate(profiles):
        if row.get("name") == "default" and factory:
            profiles[index] = factory[0]
    return _rename(state, renamed)


def _rename(value, renamed):
    if isinstance(value, dict):
        return {k: _rename(v, renamed) for k, v in value.items()}
    if isinstance(value, list):
        return [_rename(v, renamed) for v in value]
    if isinstance(value, str):
        return renamed.get(value, value)
    return value


def _label(path, row):
    keys = [k for k in path.keys if k in row]
    return " ".join("%s=%s" % (k, row[k]) for k in keys) if keys else json.dumps(row, sort_keys=True)


def _field_differences(where, want, have):
    return ["%s: %s: blank converges to %s, this router has %s" % (where, field, json.dumps(want.get(field)), json.dumps(have.get(field)))
            for field in sorted(set(want) | set(have)) if want.get(field) != have.get(field)]


def _host_part(rows):
    """IPv6 addresses from a pool with only their host part (``::1/64``): which /64 of the delegated prefix an interface
    gets depends on the order the router saw the addresses, not on the configuration."""
    if rows is None:
        return None
    out = []
    for row in rows:
        if row.get("from_pool") and row.get("address"):
            address = ipaddress.IPv6Interface(row["address"])
            host = int(address.ip) & int(address.network.hostmask)
            row = dict(row, address="%s/%d" % (ipaddress.IPv6Address(host), address.network.prefixlen))
        out.append(row)
    return out


def state_differences(state, reference, names):
    """Readable lines (path, entry, field) where ``state`` differs from ``reference`` on the paths ``names``."""
    lines = []
    for name in names:
        path = schema.PATHS[name]
        want, have = reference.get(name), state.get(name)
        if name == "ipv6_address":
            want, have = _host_part(want), _host_part(have)
        where = path.path
        if want is None or have is None:
            if want != have:
                lines.append("%s: blank converges to %s, this router has %s" % (where, json.dumps(want), json.dumps(have)))
            continue
        if path.single:
            lines.extend(_field_differences(where, want, have))
            continue
        if path.keys and path.kind != "ordered":
            wanted = {_label(path, row): row for row in want}
            found = {_label(path, row): row for row in have}
            for label in sorted(set(wanted) | set(found)):
                if label not in found:
                    lines.append("%s: %s: missing (blank converges to %s)" % (where, label, json.dumps(wanted[label], sort_keys=True)))
                elif label not in wanted:
                    lines.append("%s: %s: not on a blank router that converged (%s)" % (where, label, json.dumps(found[label], sort_keys=True)))
                else:
                    lines.extend(_field_differences("%s %s" % (where, label), wanted[label], found[label]))
            continue
        # RouterOS evaluates the rules of one chain in their order; how the chains interleave in the table is not
        # evaluated, so an ordered menu is compared chain by chain.
        groups = [None]
        if path.order_by:
            groups = sorted(set(row.get(path.order_by) for row in want + have), key=str)
        for group in groups:
            wanted = [row for row in want if group is None or row.get(path.order_by) == group]
            found = [row for row in have if group is None or row.get(path.order_by) == group]
            label = where if group is None else "%s %s=%s" % (where, path.order_by, group)
            for index in range(max(len(wanted), len(found))):
                if index >= len(found):
                    lines.append("%s: entry %d missing: %s" % (label, index, json.dumps(wanted[index], sort_keys=True)))
                elif index >= len(wanted):
                    lines.append("%s: entry %d not on a blank router that converged: %s"
                                 % (label, index, json.dumps(found[index], sort_keys=True)))
                else:
                    lines.extend(_field_differences("%s entry %d" % (label, index), wanted[index], found[index]))
    return lines
