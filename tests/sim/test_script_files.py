"""/file and /system backup (v6 API file contents are size-limited - the
simulator's limit is files.FILE_CONTENTS_LIMIT, a documented choice)."""

import pytest
import rawapi
from librouteros.exceptions import TrapError
from routeros_sim import files
from routeros_sim.clock import SimClock
from routeros_sim.router import Options, Router


V6_CLOCK = SimClock()  # only for its v6 date forms of a given epoch


def names(api):
    return sorted(f["name"] for f in api.path("/file"))


def test_file_print_set_and_remove(api):
    tuple(api("/file/print", file="notes"))
    (entry,) = list(api.path("/file"))
    assert (entry["name"], entry["type"]) == ("notes.txt", ".txt file")
    assert set(entry) >= {".id", "name", "type", "size", "creation-time", "contents"}
    tuple(api("/file/set", numbers="notes.txt", contents="line 1\r\nline 2\r\n"))
    (entry,) = list(api.path("/file"))
    assert entry["contents"] == "line 1\r\nline 2\r\n" and entry["size"] == 16
    tuple(api("/file/remove", numbers="notes.txt"))
    assert names(api) == []


def test_file_contents_over_the_limit_are_refused(api):
    tuple(api("/file/print", file="big"))
    with pytest.raises(TrapError) as info:
        tuple(api("/file/set", numbers="big.txt", contents="x" * (files.FILE_CONTENTS_LIMIT + 1)))
    assert info.value.message == "invalid value for argument contents"
    tuple(api("/file/set", numbers="big.txt", contents="x" * files.FILE_CONTENTS_LIMIT))
    assert next(iter(api.path("/file")))["size"] == files.FILE_CONTENTS_LIMIT


def test_v6_has_no_file_add(raw):
    replies = raw.command("/file/add", "=name=x.txt", "=contents=y")
    assert replies[0] == ["!trap", "=category=0", "=message=no such command or directory (add)"]


def test_large_files_show_no_contents():
    router = Router(Options())
    files.write(router, "small.rsc", "/ip address\n")
    files.write(router, "big.rsc", "#" * (files.FILE_CONTENTS_LIMIT + 1))
    files.write(router, "flash/sub.rsc", "")
    by_name = {row["name"]: row for word, row in router.execute("/file/print") if word == "!re"}
    assert by_name["small.rsc"]["contents"] == "/ip address\n"
    assert "contents" not in by_name["big.rsc"] and by_name["big.rsc"]["size"] == str(files.FILE_CONTENTS_LIMIT + 1)
    assert by_name["flash"]["type"] == "directory"


def test_backup_save_and_load(sim, api):
    tuple(api("/system/identity/set", name="before"))
    tuple(api("/ip/pool/add", name="kept", ranges="10.9.0.1-10.9.0.9"))
    tuple(api("/system/backup/save", name="b1"))
    entry = next(f for f in api.path("/file") if f["name"] == "b1.backup")
    assert entry["type"] == "backup" and entry["size"] > 0 and "contents" not in entry
    tuple(api("/system/identity/set", name="after"))
    tuple(api("/ip/pool/remove", numbers="kept"))
    tuple(api("/export", file="later"))

    raw = rawapi.RawApi(*sim.address())
    raw.login()
    assert raw.command("/system/backup/load", "=name=b1.backup") == [["!done"]]
    assert raw.is_closed()  # a v6 backup load reboots the router: sessions are dropped
    raw.close()

    fresh = sim.api()
    try:
        assert next(iter(fresh.path("/system/identity")))["name"] == "before"
        assert [p["name"] for p in fresh.path("/ip/pool")] == ["kept"]
        assert names(fresh) == ["b1.backup", "later.rsc"]  # files are not part of a backup
        audit = [(a["path"], a["command"]) for a in fresh("/sim/audit/print")]
        assert audit[-1] == ("/system/backup", "load")
    finally:
        fresh.close()


def test_backup_default_name_and_bad_loads(api):
    tuple(api("/system/backup/save"))
    (name,) = names(api)
    assert name.startswith("MikroTik-") and name.endswith(".backup")
    tuple(api("/file/print", file="junk"))
    for target, message in (("nope.backup", "failure: no such file"), ("junk.txt", "failure: file is not a backup")):
        with pytest.raises(TrapError) as info:
            tuple(api("/system/backup/load", name=target))
        assert info.value.message == message


def test_files_and_schedules_survive_a_restart(routeros_sim_factory, tmp_path):
    sim = routeros_sim_factory("--state-dir", str(tmp_path))
    api = sim.api()
    tuple(api("/export", file="kept"))
    when = int(next(iter(api("/sim/clock/print")))["epoch"]) + 3600
    start = {"start-date": V6_CLOCK.date(when), "start-time": V6_CLOCK.time(when)}
    tuple(api("/system/scheduler/add", name="tick", interval="1d", **{"on-event": ':log info "tick"'}, **start))
    tuple(api("/sim/clock/advance", seconds=3601))
    api.close()
    assert sim.stop() == 0
    sim.start()
    api = sim.api()
    try:
        assert names(api) == ["kept.rsc"]
        (entry,) = api.path("/system/scheduler")
        assert entry["run-count"] == 1
        assert entry["next-run"] == V6_CLOCK.stamp(when + 86400)
        tuple(api("/sim/clock/advance", seconds=86400))
        assert next(iter(api.path("/system/scheduler")))["run-count"] == 2
    finally:
        api.close()
