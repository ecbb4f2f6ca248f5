"""The script interpreter in-process: parsing (quoting, escapes, continuations, comments, line
numbers) and the supported subset of the language (README.md, "Scripts")."""

import time

import pytest
from routeros_sim.router import Options, Router
from routeros_sim.script import Assign, Bare, Cond, Interpreter, ScriptError, Str, Sub, parse


@pytest.fixture
def router():
    return Router(Options())


def run(router, source, **kw):
    interpreter = Interpreter(router, **kw)
    interpreter.run(source)
    return interpreter.output


def strings(statement):
    return {w.name: w.value.parts for w in statement.words if isinstance(w, Assign) and isinstance(w.value, Str)}


# ------------------------------------------------------------------ parsing


@pytest.mark.parametrize(
    "quoted,text",
    [
        (r'"a \"b\" c"', 'a "b" c'),
        (r'"back\\slash"', "back\\slash"),
        (r'"crlf\r\nline"', "crlf\r\nline"),
        (r'"tab\tx"', "tab\tx"),
        (r'"dollar \$x question \?"', "dollar $x question ?"),
        (r'"hex \C3\A9"', "hex \u00e9"),
        ('""', ""),
    ],
)
def test_string_escapes(quoted, text):
    (statement,) = parse(f"add comment={quoted}")
    assert "".join(strings(statement)["comment"]) == text


def test_continuation_between_words_and_inside_values_and_quotes():
    source = 'add action=drop chain=forward \\\n    comment="long \\\n    text" policy=\\\n    read,write\n'
    (statement,) = parse(source)
    values = {w.name: w.value for w in statement.words if isinstance(w, Assign)}
    assert values["comment"].parts == ["long text"]
    assert values["policy"] == Bare("read,write")


def test_escaped_backslash_at_end_of_line_is_not_a_continuation():
    first, second = parse('add comment="c:\\\\"\nadd comment=x')
    assert strings(first)["comment"] == ["c:\\"]
    assert second.line == 2


def test_comments_separators_and_line_numbers():
    body = parse("# header\n/ip address\n\nadd address=10.0.0.1/24 interface=ether1; add address=10.0.0.2/24 \\\n  interface=ether2\n:put done")
    assert [s.line for s in body] == [2, 4, 4, 6]


def test_find_selector_forms():
    for source in ("set [ find default-name=ether1 ] name=wan", "set [find where default-name=ether1] name=wan"):
        (statement,) = parse(source)
        sub = statement.words[1]
        assert isinstance(sub, Sub)
        assert sub.body[0].words[0] == Bare("find")
        assert sub.body[0].words[1] == Cond(("cmp", "default-name", "=", Bare("ether1")))


@pytest.mark.parametrize("source,where", [('add comment="open', "line 1"), ("/ip address\nadd [find", "line 2"), (":if (1 = 1 do={}", "line 1")])
def test_syntax_errors_name_the_line(source, where):
    with pytest.raises(ScriptError) as info:
        parse(source)
    assert where in info.value.describe()
    assert info.value.describe().startswith(("syntax error", "unterminated string", "missing"))


# ------------------------------------------------------------------ language


def test_local_variables_concatenation_and_interpolation(router):
    assert run(router, ':local a "x"\n:local b 2\n:put ($a . "-" . $b)\n:put "v=$a$b"\n:put ($b + 3)') == ["x-2", "v=x2", "5"]


def test_pick_len_find_tostr(router):
    source = (
        ':local d "nov/29/2026"\n'
        ':put [:pick $d 0 3]\n:put [:pick $d 7 11]\n:put [:pick $d 4]\n:put [:len $d]\n'
        ':local m ("jan","feb","mar")\n:put [:find $m "mar"]\n:put [:len $m]\n:put [:tostr $m]\n:put [:find "abc" "c"]'
    )
    assert run(router, source) == ["nov", "2026", "2", "11", "2", "3", "jan;feb;mar", "2"]


def test_if_else_comparisons_and_logic(router):
    source = (
        ":local n 7\n"
        ':if ($n > 5 && $n != 6) do={ :put big } else={ :put small }\n'
        ':if ("abc" < "abd") do={ :put less }\n'
        ':if (!($n = 7) || false) do={ :put no } else={ :put yes }\n'
        ':if ("daily-1.rsc" ~ "^daily-") do={ :put match }'
    )
    assert run(router, source) == ["big", "less", "yes", "match"]


def test_foreach_for_while_do_on_error(router):
    source = (
        ":foreach i in=(1,2,3) do={ :put $i }\n"
        ":for i from=1 to=3 step=2 do={ :put \"f$i\" }\n"
        ":local n 0\n:while ($n < 2) do={ :set n ($n + 1) }\n:put $n\n"
        ':do { :error "boom" } on-error={ :put caught }'
    )
    assert run(router, source) == ["1", "2", "3", "f1", "f3", "2", "caught"]


def test_arrays_and_associative_arrays(router):
    source = (
        ':local months {"jan"="01";"feb"="02";mar="03"}\n'
        ":local m [:pick \"feb/03/2027\" 0 3]\n"
        ":put ($months->$m)\n:put [:len $months]\n"
        ":foreach k,v in=$months do={ :put ($k . \"=\" . $v) }\n"
        ":local l {10;20}\n:put ($l->1)\n:foreach i,v in=$l do={ :put \"$i:$v\" }\n:put [:typeof $months]"
    )
    assert run(router, source) == ["02", "3", "feb=02", "jan=01", "mar=03", "20", "0:10", "1:20", "array"]


def test_a_common_v6_backup_script(router):
    source = """
:local sysname [/system identity get name]
:local date [/system clock get date]
:local months {"jan"="01";"feb"="02";"mar"="03";"apr"="04";"may"="05";"jun"="06";"jul"="07";"aug"="08";\\
    "sep"="09";"oct"="10";"nov"="11";"dec"="12"}
:local stamp ([:pick $date 7 11] . ($months->[:pick $date 0 3]) . [:pick $date 4 6])
/system backup save name=($sysname . "-" . $stamp)
/export file=($sysname . "-" . $stamp)
:log info "backup $sysname-$stamp done"
"""
    run(router, source)
    stamp = time.strftime("%Y%m%d", time.gmtime(router.clock.now()))
    assert sorted(f["name"] for f in router.items("/file")) == [f"MikroTik-{stamp}.backup", f"MikroTik-{stamp}.rsc"]
    assert router.items("/log")[-1]["message"] == f"backup MikroTik-{stamp} done"


def test_global_variables_outlive_the_script(router):
    run(router, ":global counter 1")
    assert run(router, ":global counter\n:set counter ($counter + 1)\n:put $counter") == ["2"]


def test_menu_context_commands_find_get_and_numeric_ids(router):
    source = (
        "/ip address\n"
        "add address=10.0.0.1/24 interface=ether2 comment=first\n"
        "add address=10.0.0.2/24 interface=ether3\n"
        'set [ find where comment="first" ] comment=renamed\n'
        "disable 1\n"
        ":put [get [find interface=ether3] disabled]\n"
        ':foreach i in=[find] do={ :put [get $i address] }\n'
        "/interface ethernet set [find default-name=ether5] name=lan5\n"
        ":put [/interface ethernet get [find default-name=ether5] name]\n"
        ":put [/system identity get name]\n"
        ":put [:len [/ip address find where disabled]]"
    )
    assert run(router, source) == ["true", "10.0.0.1/24", "10.0.0.2/24", "lan5", "MikroTik", "1"]
    (first, second) = [row for word, row in router.execute("/ip/address/print") if word == "!re"]
    assert first["comment"] == "renamed" and second["disabled"] == "true"


def test_unset_and_return(router):
    source = "/ip pool add name=p ranges=10.0.0.1-10.0.0.9 comment=c\n/ip pool unset p comment\n:return [/ip pool get p ranges]\n:put never"
    interpreter = Interpreter(router)
    assert interpreter.run(source) == "10.0.0.1-10.0.0.9"
    assert interpreter.output == []
    assert "comment" not in router.items("/ip/pool")[0]


def test_set_on_empty_find_does_nothing(router):
    run(router, "/ip address set [find comment=nothing] comment=x\n/ip address remove [find]")
    assert router.audit == []


def test_clock_date_and_time(router):
    (date, clock) = run(router, ":put [/system clock get date]\n:put [/system clock get time]")
    assert date == router.clock.date() and len(clock) == 8


def test_log_writes_the_memory_log(router):
    run(router, ':log info "hello"\n:log warning ("w" . 1)\n:log error "bad"')
    rows = [row for word, row in router.execute("/log/print") if word == "!re"]
    assert [(r["topics"], r["message"]) for r in rows] == [("script,info", "hello"), ("script,warning", "w1"), ("script,error", "bad")]
    assert rows[0]["time"].startswith(router.clock.date())


def test_runtime_errors_name_the_line(router):
    with pytest.raises(ScriptError) as info:
        run(router, "/ip address\nadd address=10.0.0.1/24 interface=ether1\nadd address=10.0.0.2/24 interface=nope")
    assert info.value.describe() == "input does not match any value of interface (line 3)"
    with pytest.raises(ScriptError) as info:
        run(router, ":local a 1\n:put $b")
    assert info.value.describe() == "undefined variable b (line 2)"


def test_errors_in_nested_scripts_name_the_innermost_line(router):
    from routeros_sim import files

    files.write(router, "inner.rsc", ":local a 1\n:put $b\n")
    files.write(router, "loop.rsc", "/import file-name=loop.rsc\n")
    with pytest.raises(ScriptError) as info:
        run(router, ":put start\n/import file-name=inner.rsc")
    assert info.value.describe() == "undefined variable b (line 2)"
    with pytest.raises(ScriptError) as info:
        run(router, "/import file-name=loop.rsc")
    assert info.value.describe() in ("script nested too deep (line 1)", "syntax error: nested too deep")


def test_policy_without_write_refuses_writes(router):
    with pytest.raises(ScriptError) as info:
        run(router, "/ip pool add name=p ranges=10.0.0.1-10.0.0.9", policy={"read"})
    assert info.value.message == "not enough permissions (9)"
    assert run(router, ":put [/system identity get name]", policy={"read"}) == ["MikroTik"]


def test_deep_nesting_is_an_error_not_a_crash(router):
    for source in ("[" * 5000, ":put " + "(" * 5000 + "1" + ")" * 5000):
        with pytest.raises(ScriptError):
            run(router, source)


def test_runaway_loop_is_stopped(router):
    with pytest.raises(ScriptError) as info:
        run(router, ":while (true) do={ :delay 1s }")
    assert "step limit" in info.value.message
