"""The sentence matrix: the API connection cut at every sentence of a converge of playbooks/site.yml in turn (the
lab's home site, blank router), and the reply lost after every write.

A reference router converges without faults; /sim/stats numbers its command sentences (logins, reads, writes) and
its audit log names the sentence of each write. Cut N runs on a router of its own with the simulator's one-shot
fault aimed at sentence N: ``drop-after`` closes the connection instead of answering (nothing of that sentence is
applied), ``lose-reply-after`` applies a write and closes the connection with its reply unsent. For each cut:

- the cut run either fails with one sentence naming the lost connection, or finishes the step on a fresh connection
  and succeeds (the guard's removal of its rollback job after access was proven); no traceback either way;
- up to the cut it wrote what the reference wrote;
- a rerun succeeds and leaves every path the collection describes as the reference has it;
- a third run reports changed=0 and writes nothing (audit log).

``make test`` takes every SOHO_CUT_EVERY-th sentence (48: the first, every 48th after it and the last) and every
48th write; ``make faults`` sets SOHO_CUT_EVERY=1: every sentence and every write. The routers go SOHO_CUT_BATCH at a
time (16), one site.yml run per step of a batch. Each test lists every cut that breaks its rule, not just the first.
"""

from __future__ import annotations

import os

import pytest

from faults_helpers import arm, differences, home_inventory, sentences, state, writes
from roles_helpers import site
from test_connection_cuts import LOST, take_fault, written

EVERY = int(os.environ.get("SOHO_CUT_EVERY", "48"))
BATCH = int(os.environ.get("SOHO_CUT_BATCH", "16"))
REFERENCE = "reference"


def plan(count, reference_writes, every=EVERY):
    """(name, fault, sentence) of each cut: drops at sentence 1, every ``every``-th after it and the last; a lost
    reply at every ``every``-th write, starting half way into the first stride."""
    drops = sorted(set(range(1, count + 1, every)) | {count})
    lost = [w["sentence"] for index, w in enumerate(reference_writes) if index % every == every // 2]
    return ([("drop-%d" % n, "drop-after", n) for n in drops]
            + [("reply-lost-%d" % n, "lose-reply-after", n) for n in lost])


def failed_cleanly_or_recovered(run, name, consumed):
    if not consumed:
        return "the run never reached the cut"
    if "Traceback" in run.output:
        return "a traceback in the output"
    recap = run.recap.get(name)
    if recap is None:
        return "no recap for the host"
    if recap["failed"] == 0 and recap["unreachable"] == 0:
        return None
    message = run.failures.get(name, {}).get("msg", "")
    if LOST.search(message) and "\n" not in message:
        return None
    shown = message if len(message) < 600 else message[:200] + " ... " + message[-300:]
    return "failed without one sentence naming the lost connection: %r" % shown


@pytest.fixture(scope="module")
def matrix(routeros_sim_module_factory, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("sentences")
    reference = routeros_sim_module_factory("--factory", "blank")
    arm(reference)
    converge = site(home_inventory(tmp / "reference", {REFERENCE: reference}), tmp_path=tmp, timeout=900)
    assert converge.recap[REFERENCE]["failed"] == 0, converge.message(REFERENCE)
    count, reference_writes, reference_state = sentences(reference), writes(reference), state(reference)
    reference.stop()
    cuts = plan(count, reference_writes)
    problems = {"clean": {}, "prefix": {}, "rerun": {}, "third": {}}
    for start in range(0, len(cuts), BATCH):
        batch = cuts[start:start + BATCH]
        sims = {name: routeros_sim_module_factory("--factory", "blank") for name, _fault, _at in batch}
        inventory = home_inventory(tmp / ("batch-%d" % start), sims)
        for name, fault, at in batch:
            arm(sims[name], **{fault: str(at - 1)})
        forks = str(len(batch))
        cut_run = site(inventory, "--forks", forks, tmp_path=tmp, timeout=1800)
        for name, fault, at in batch:
            problem = failed_cleanly_or_recovered(cut_run, name, take_fault(sims[name]))
            if problem:
                problems["clean"][name] = problem
            applied = fault == "lose-reply-after"
            before = [w for w in reference_writes if w["sentence"] < at or (applied and w["sentence"] == at)]
            have = written(writes(sims[name])[:len(before)])
            if have != written(before):
                problems["prefix"][name] = "wrote %s where the reference wrote %s" % (have[-3:], written(before)[-3:])
            sims[name].clear_audit(0)
        rerun = site(inventory, "--forks", forks, tmp_path=tmp, timeout=1800)
        for name, _fault, _at in batch:
            recap = rerun.recap.get(name, {"failed": 1, "unreachable": 0})
            lines = differences(state(sims[name]), reference_state)
            if recap["failed"] or recap["unreachable"] or lines:
                problems["rerun"][name] = "%s %s %s" % (recap, rerun.message(name)[:300], "; ".join(lines)[:600])
            sims[name].clear_audit(0)
        third = site(inventory, "--forks", forks, tmp_path=tmp, timeout=1800)
        for name, _fault, _at in batch:
            recap = third.recap.get(name, {"failed": 1, "changed": 0})
            left = writes(sims[name])
            if recap["failed"] or recap["changed"] or left:
                problems["third"][name] = "%s %s" % (recap, written(left)[:5])
            sims[name].stop()
    return {"count": count, "writes": len(reference_writes), "cuts": cuts, "problems": problems}


def test_the_cuts_cover_the_converge_at_the_chosen_stride(matrix):
    drops = [at for _name, fault, at in matrix["cuts"] if fault == "drop-after"]
    lost = [at for _name, fault, at in matrix["cuts"] if fault == "lose-reply-after"]
    assert drops[0] == 1 and drops[-1] == matrix["count"] and len(drops) >= matrix["count"] // EVERY, drops
    assert len(lost) == len(range(EVERY // 2, matrix["writes"], EVERY)), lost


def no_problems(matrix, aspect):
    found = matrix["problems"][aspect]
    listed = "\n".join("%s: %s" % item for item in sorted(found.items()))
    assert not found, "%d of %d cuts:\n%s" % (len(found), len(matrix["cuts"]), listed)


def test_every_cut_run_fails_in_one_sentence_or_recovers(matrix):
    no_problems(matrix, "clean")


def test_every_cut_run_wrote_what_the_reference_wrote_up_to_the_cut(matrix):
    no_problems(matrix, "prefix")


def test_every_rerun_reaches_the_state_of_the_reference(matrix):
    no_problems(matrix, "rerun")


def test_every_third_run_changes_nothing(matrix):
    no_problems(matrix, "third")
