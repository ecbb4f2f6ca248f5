"""The API protocol (replies, tags, .proplist, queries, cancel, quit) checked on the wire with the
raw client."""

import pytest
import rawapi


def test_fact_add_answers_done_with_ret_id(raw):
    replies = raw.command("/ip/pool/add", "=name=p", "=ranges=10.0.0.1-10.0.0.9")
    assert len(replies) == 1 and replies[0][0] == "!done"
    assert replies[0][1].startswith("=ret=*")


def test_fact_tag_is_echoed_only_when_sent(raw):
    raw.send("/system/identity/print", ".tag=7")
    first = raw.read_sentence()
    second = raw.read_sentence()
    assert first[0] == "!re" and ".tag=7" in first
    assert second[0] == "!done" and ".tag=7" in second
    untagged = raw.command("/system/identity/print")
    assert not any(word.startswith(".tag") for reply in untagged for word in reply)


def test_fact_tag_is_echoed_on_trap(raw):
    raw.send("/ip/pool/remove", "=.id=*FFFF", ".tag=x1")
    trap = raw.read_sentence()
    done = raw.read_sentence()
    assert trap[0] == "!trap" and ".tag=x1" in trap and "=message=no such item" in trap
    assert done == ["!done", ".tag=x1"]


def test_several_commands_in_flight_on_one_connection(raw):
    raw.send_bytes(b"".join(rawapi.sentence("/system/identity/print", f".tag={n}") for n in range(50)))
    done = set()
    while len(done) < 50:
        reply = raw.read_sentence()
        if reply[0] == "!done":
            done.add(next(w for w in reply if w.startswith(".tag=")))
    assert done == {f".tag={n}" for n in range(50)}


def test_fact_proplist_limits_properties(raw):
    replies = raw.command("/interface/ethernet/print", "=.proplist=name,mac-address")
    assert rawapi.rows(replies)[0] == {"name": "ether1", "mac-address": "4C:5E:0C:01:00:01"}


def test_fact_attribute_value_may_contain_equals_and_be_empty(raw):
    raw.command("/system/identity/set", "=name=a=b")
    assert rawapi.rows(raw.command("/system/identity/print"))[0]["name"] == "a=b"
    raw.command("/ip/pool/add", "=name=p", "=ranges=10.0.0.1", "=comment=")
    assert rawapi.rows(raw.command("/ip/pool/print", "?name=p"))[0].get("comment", "") == ""


def _names(raw, *query):
    return [row["name"] for row in rawapi.rows(raw.command("/interface/print", *query))]


def test_fact_query_has_and_lacks_property(raw):
    raw.command("/interface/set", "=.id=ether2", "=comment=lan")
    assert _names(raw, "?comment") == ["ether2"]
    assert "ether2" not in _names(raw, "?-comment")


def test_fact_query_equality_both_forms(raw):
    assert _names(raw, "?name=ether3") == ["ether3"]
    assert _names(raw, "?=name=ether3") == ["ether3"]


def test_fact_query_or_with_hash(raw):
    assert _names(raw, "?name=ether1", "?name=wlan1", "?#|") == ["ether1", "wlan1"]


def test_fact_query_negation(raw):
    assert _names(raw, "?type=ether", "?#!") == ["wlan1"]


def test_fact_query_and_dup_and_index(raw):
    assert _names(raw, "?type=ether", "?name=ether4", "?#&") == ["ether4"]
    # "." duplicates the top.
    assert _names(raw, "?name=ether4", "?#.&") == ["ether4"]


def test_fact_query_index_counts_from_the_top_of_the_stack(raw):
    # [a, b] -> push index 1 (a, below the top) -> or: a and (b or a) == a
    assert _names(raw, "?name=ether1", "?name=wlan1", "?#1|") == ["ether1"]
    # "." after an index does nothing: [a] -> push a -> negate -> or: a or not a
    assert len(_names(raw, "?name=ether1", "?#0.!|")) == 6


def test_fact_query_index_ending_the_word_replaces_all_values(raw):
    assert _names(raw, "?name=ether1", "?name=wlan1", "?#0") == ["wlan1"]
    assert _names(raw, "?name=ether1", "?name=wlan1", "?#1") == ["ether1"]
    assert _names(raw, "?name=ether1", "?#0", "?name=ether2", "?#|") == ["ether1", "ether2"]


def test_fact_query_stack_starts_with_infinitely_many_true_values(raw):
    """An operator with too few values takes true ones: the query is valid."""
    assert len(_names(raw, "?name=ether1", "?#|")) == 6
    assert _names(raw, "?name=ether1", "?#&&&") == ["ether1"]
    assert _names(raw, "?#!") == []
    assert len(_names(raw, "?#5")) == 6


def test_fact_query_comparisons(raw):
    raw.command("/interface/set", "=.id=ether2", "=comment=lan")
    assert _names(raw, "?>comment=") == ["ether2"]
    assert _names(raw, "?<name=ether2") == ["ether1"]


def test_fact_query_is_normalised_like_arguments(raw):
    """librouteros sends True as yes; the simulator stores booleans as true/false."""
    assert _names(raw, "?disabled=yes") == ["wlan1"]


def test_fact_print_count_only(raw):
    assert raw.command("/interface/print", "=count-only=") == [["!done", "=ret=6"]]


def test_fact_cancel_interrupts_listen(raw):
    raw.send("/ip/pool/listen", ".tag=l")
    raw.send("/ip/pool/add", "=name=p", "=ranges=10.0.0.1", ".tag=a")
    seen = [raw.read_sentence(), raw.read_sentence()]
    assert ["!done", ".tag=a"] in [s[:2] for s in seen]
    assert any(s[0] == "!re" and ".tag=l" in s and "=name=p" in s for s in seen)
    raw.send("/cancel", "=tag=l", ".tag=c")
    replies = [raw.read_sentence(), raw.read_sentence(), raw.read_sentence()]
    assert ["!trap", ".tag=l", "=category=2", "=message=interrupted"] in replies
    assert ["!done", ".tag=l"] in replies
    assert ["!done", ".tag=c"] in replies


def test_fact_quit_answers_fatal_and_closes(raw):
    assert raw.command("/quit") == [["!fatal", "session terminated on request"]]
    assert raw.is_closed()


def test_fact_unknown_menu_answers_two_traps_then_done(raw):
    assert raw.command("/ip/adress/print") == [
        ["!trap", "=category=0", "=message=no such command or directory (adress)"],
        ["!trap", "=category=0", "=message=no such command prefix"],
        ["!done"],
    ]


def test_fact_unknown_command_on_fixed_menu(raw):
    replies = raw.command("/ip/service/add", "=name=x")
    assert replies[0] == ["!trap", "=category=0", "=message=no such command or directory (add)"]


def test_fact_v6_never_sends_empty(raw):
    assert raw.command("/ip/address/print") == [["!done"]]


def test_fact_bad_reference_is_category_1(raw):
    replies = raw.command("/ip/address/add", "=address=10.0.0.1/24", "=interface=nope")
    assert replies[0] == ["!trap", "=category=1", "=message=input does not match any value of interface"]


def test_fact_no_session_limit_many_connections_at_once(sim):
    clients = [rawapi.RawApi(*sim.address()) for client in range(60)]
    for client in clients:
        client.send("/login", "=name=admin", "=password=")
    for client in clients:
        assert client.read_sentence() == ["!done"]
    assert clients[0].command("/sim/sessions/print", "=count-only=") == [["!done", "=ret=60"]]
    for client in clients:
        client.close()


def test_listen_reports_removed_entries_as_dead(raw, sim):
    raw.send("/ip/pool/listen", ".tag=l")
    other = sim.api()
    pid = other.path("/ip/pool").add(name="p", ranges="10.0.0.1")
    assert "=name=p" in raw.read_sentence()
    tuple(other("/ip/pool/remove", **{".id": pid}))
    assert raw.read_sentence() == ["!re", ".tag=l", f"=.id={pid}", "=.dead=true"]
    other.close()


def test_reboot_answers_done_then_closes_every_session(raw, sim):
    other = rawapi.RawApi(*sim.address())
    other.login()
    assert raw.command("/system/reboot") == [["!done"]]
    assert raw.is_closed() and other.is_closed()
    other.close()


def test_fact_query_words_only_affect_print(raw):
    replies = raw.command("/ip/pool/add", "=name=p", "=ranges=10.0.0.1", "?name=other")
    assert replies[0][0] == "!done"
    assert [r["name"] for r in rawapi.rows(raw.command("/ip/pool/print", "?name=p"))] == ["p"]


@pytest.mark.parametrize("word", ["/", "//", "///", "/ip/", "/ip//address/print", "/ip/address/", "//ip/address/print", "/ip/address//print"])
def test_command_words_that_name_no_command_answer_traps(raw, word):
    """A word that is not a command path gets the unknown-command traps; the session goes on."""
    replies = raw.command(word)
    assert [r[0] for r in replies] == ["!trap", "!trap", "!done"]
    assert replies[0][1] == "=category=0" and replies[0][2].startswith("=message=no such command or directory (")
    assert raw.command("/system/identity/print") == [["!re", "=name=MikroTik"], ["!done"]]
