"""The fault matrix: the API connection is cut at chosen sentences of a converge of playbooks/site.yml (the lab's
home site, blank router), each cut (cuts.yml) on a router of its own, all cuts in one run.

A reference router converges without faults first; its audit log numbers every write by the sentence that made it
(/sim/stats counting), so each cut aims at one sentence of that converge: ``drop-after`` closes the connection
instead of answering it (a write is not applied), ``lose-reply-after`` runs it and closes the connection with the
reply unsent (the write is applied, the controller never hears so). For each cut:

- the cut run fails at the cut with one sentence naming the lost connection, no traceback (a cut marked ``recovers``
  falls where the step finishes on a fresh connection, and the run succeeds);
- up to the cut it wrote what the reference wrote, and the aimed write is applied or not as the fault says;
- a rerun converges and leaves every path the collection describes as the reference has it;
- a third run reports changed=0 and writes nothing (audit log).

README.md (Test matrices) counts the cuts; test_matrix_counts.py keeps the count in step.
"""

from __future__ import annotations

import os
import re

import pytest
import yaml

from faults_helpers import arm, differences, home_inventory, sentences, state, writes
from roles_helpers import site

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "cuts.yml"), encoding="utf-8") as stream:
    CUTS = yaml.safe_load(stream)
REFERENCE = "reference"
LOST = re.compile(r"Lost the connection to \S+ while running '[^']+': Connection unexpectedly closed|"
                  r"\S+ closed the connection during login \(Connection unexpectedly closed\)")
# Cuts whose cases fail with the collection of today, and why.
FAILING = {}


def cases(aspect):
    return [pytest.param(name, marks=[pytest.mark.xfail(strict=True, reason=FAILING[(name, aspect)])]
                         if (name, aspect) in FAILING else []) for name in CUTS]


# Entry ids, and the start of a scheduler entry (the guard's rollback job starts a few minutes after the run).
VARYING = re.compile(r"\s?(?:\.id=\*[0-9A-F]+|start-date=\S+|start-time=\S+)")


def aim(cut, reference_writes, count):
    """The sentence number the cut falls on."""
    if "sentence" in cut:
        return count if cut["sentence"] == -1 else cut["sentence"]
    matching = [w for w in reference_writes
                if (w["path"], w["command"]) == (cut["path"], cut["command"]) and cut.get("attrs", "") in w["attrs"]]
    nth = cut.get("nth", 0)
    return matching[len(matching) // 2 if nth == "middle" else nth]["sentence"]


def written(entries):
    return [(w["path"], w["command"], VARYING.sub("", w["attrs"])) for w in entries]


def failed_task(output, host):
    """The task that failed on ``host``; for a loop of soho.routeros.apply, the label of the item that failed."""
    task = None
    for line in output.splitlines():
        if line.startswith("TASK ["):
            task = line[6:line.rindex("]")]
        elif line.startswith("fatal: [%s]" % host):
            return task
        elif line.startswith("failed: [%s] (item=" % host):
            return line[line.index("(item=") + 6:line.index(") => ")]
    return None


def take_fault(sim):
    """True when the one-shot fault hit a sentence of the run; no fault is left either way. A pending fault counts
    the login of this check too, which may be the sentence it closes."""
    try:
        api = sim.api(0)
    except Exception:  # pylint: disable=broad-except
        return False
    try:
        row = list(api("/sim/fault/print"))[0]
        list(api("/sim/fault/clear"))
    finally:
        api.close()
    return row["drop-after"] == "" and row["lose-reply-after"] == ""


@pytest.fixture(scope="module")
def matrix(routeros_sim_module_factory, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("cuts")
    sims = {name: routeros_sim_module_factory("--factory", "blank") for name in [REFERENCE, *CUTS]}
    inventory = home_inventory(tmp / "inventory", sims)
    forks = str(len(CUTS))
    arm(sims[REFERENCE])
    converge = site(inventory, "--limit", REFERENCE, tmp_path=tmp, timeout=1800)
    count = sentences(sims[REFERENCE])
    reference = {"converge": converge.recap.get(REFERENCE), "writes": writes(sims[REFERENCE]), "sentences": count,
                 "state": state(sims[REFERENCE])}
    aims = {name: aim(cut, reference["writes"], reference["sentences"]) for name, cut in CUTS.items()}
    for name, cut in CUTS.items():
        arm(sims[name], **{cut["fault"]: str(aims[name] - 1)})
    cut_run = site(inventory, "--limit", ",".join(CUTS), "--forks", forks, tmp_path=tmp, timeout=1800)
    consumed = {name: take_fault(sims[name]) for name in CUTS}
    cut_writes = {}
    for name in CUTS:
        cut_writes[name] = writes(sims[name])
        sims[name].clear_audit(0)
    sims[REFERENCE].clear_audit(0)
    rerun = site(inventory, "--forks", forks, tmp_path=tmp, timeout=1800)
    states = {name: state(sim) for name, sim in sims.items()}
    rerun_writes = {name: writes(sim) for name, sim in sims.items()}
    for sim in sims.values():
        sim.clear_audit(0)
    third = site(inventory, "--limit", ",".join(CUTS), "--forks", forks, tmp_path=tmp, timeout=1800)
    return {"reference": reference, "aims": aims, "cut": cut_run, "consumed": consumed, "cut_writes": cut_writes,
            "rerun": rerun, "states": states, "rerun_writes": rerun_writes, "third": third,
            "third_writes": {name: writes(sims[name]) for name in CUTS}}


def test_the_reference_converges_and_its_rerun_writes_nothing(matrix):
    assert matrix["reference"]["converge"]["failed"] == 0, matrix["reference"]["converge"]
    recap = matrix["rerun"].recap[REFERENCE]
    assert recap["failed"] == 0 and recap["changed"] == 0 and not matrix["rerun_writes"][REFERENCE], recap


@pytest.mark.parametrize("name", cases("clean"))
def test_the_cut_run_fails_cleanly_at_the_cut(matrix, name):
    run = matrix["cut"]
    assert matrix["consumed"][name], "the run never reached sentence %d" % matrix["aims"][name]
    if CUTS[name].get("recovers"):
        # The step that lost its connection finishes on a fresh one: the run goes on and succeeds.
        assert run.recap[name]["failed"] == 0 and run.recap[name]["unreachable"] == 0, run.message(name)
        return
    assert run.recap[name]["failed"] == 1, run.recap[name]
    message = run.failures[name]["msg"]
    assert LOST.search(message) and "\n" not in message, message
    assert "Traceback" not in run.output and "exception" not in run.output.lower(), run.output[-3000:]


@pytest.mark.parametrize("name", CUTS)
def test_up_to_the_cut_the_run_wrote_what_the_reference_wrote(matrix, name):
    at = matrix["aims"][name]
    applied = CUTS[name]["fault"] == "lose-reply-after"
    before = [w for w in matrix["reference"]["writes"] if w["sentence"] < at or (applied and w["sentence"] == at)]
    assert written(matrix["cut_writes"][name][:len(before)]) == written(before)
    if "path" in CUTS[name]:
        aimed = [w for w in matrix["cut_writes"][name] if w["sentence"] == at]
        assert bool(aimed) == applied, (failed_task(matrix["cut"].output, name), aimed)


@pytest.mark.parametrize("name", cases("rerun"))
def test_a_rerun_reaches_the_state_of_a_router_converged_without_faults(matrix, name):
    recap = matrix["rerun"].recap[name]
    assert recap["failed"] == 0 and recap["unreachable"] == 0, (recap, matrix["rerun"].message(name))
    lines = differences(matrix["states"][name], matrix["reference"]["state"])
    assert not lines, "\n".join(lines)


@pytest.mark.parametrize("name", CUTS)
def test_a_third_run_changes_nothing(matrix, name):
    recap = matrix["third"].recap[name]
    assert recap["failed"] == 0 and recap["changed"] == 0, (recap, matrix["third"].message(name))
    assert matrix["third_writes"][name] == [], written(matrix["third_writes"][name])
