"""/sim control paths: audit log, fault injection, clock, reset, sessions."""

import time

import pytest
import rawapi
from librouteros.exceptions import TrapError


def test_audit_records_applied_writes_only(sim, api):
    sim.clear_audit()
    api.path("/ip/pool").add(name="p", ranges="10.0.0.1")
    list(api.path("/ip/pool"))
    with pytest.raises(TrapError):
        api.path("/ip/pool").add(name="p", ranges="10.0.0.1")
    tuple(api("/user/set", **{".id": "admin", "password": "x"}))
    tuple(api("/user/set", **{".id": "admin", "password": ""}))
    rows = sim.audit()
    assert [(r["path"], r["command"]) for r in rows] == [("/ip/pool", "add"), ("/user", "set"), ("/user", "set")]
    assert rows[0]["attrs"] == "name=p ranges=10.0.0.1"
    assert rows[1]["attrs"] == ".id=admin password=***"
    assert int(rows[0]["session"]) > 0
    sim.clear_audit()
    assert sim.audit() == []


def test_fault_trap_path(sim, api):
    list(api("/sim/fault/set", **{"trap-path": "/ip/pool", "trap-message": "boom"}))
    with pytest.raises(TrapError, match="boom"):
        api.path("/ip/pool").add(name="p", ranges="10.0.0.1")
    assert list(api.path("/ip/address")) == []
    list(api("/sim/fault/clear"))
    api.path("/ip/pool").add(name="p", ranges="10.0.0.1")


def test_fault_drop_after(sim, raw):
    raw.command("/sim/fault/set", "=drop-after=2")
    raw.command("/system/identity/print")
    raw.command("/system/identity/print")
    raw.send("/system/identity/print")
    assert raw.is_closed()
    again = sim.api()
    assert list(again("/system/identity/print")) == [{"name": "MikroTik"}]
    again.close()


def test_fault_lose_reply_after_applies_the_write_and_closes_unanswered(sim, raw):
    sim.control(0, "/sim/stats/reset")
    raw.command("/sim/fault/set", "=lose-reply-after=1")
    raw.command("/system/identity/print")
    raw.send("/system/identity/set", "=name=cut")
    assert raw.is_closed()
    again = sim.api()
    assert list(again("/system/identity/print")) == [{"name": "cut"}]
    (row,) = sim.audit()
    assert (row["path"], row["command"], row["attrs"]) == ("/system/identity", "set", "name=cut")
    # Counted from the stats reset: the print is sentence 1, the write the fault aimed at sentence 2.
    assert row["sentence"] == 2
    assert list(again("/sim/fault/print"))[0]["lose-reply-after"] == ""
    again.close()
    sim.reset()


def test_fault_delay(sim, api):
    list(api("/sim/fault/set", delay=300))
    start = time.monotonic()
    list(api("/system/identity/print"))
    assert time.monotonic() - start >= 0.3
    list(api("/sim/fault/clear"))


def test_fault_refuse_login(sim, api):
    list(api("/sim/fault/set", **{"refuse-login": "yes"}))
    with pytest.raises(TrapError, match=r"invalid user name or password \(6\)"):
        sim.api()
    list(api("/sim/fault/clear"))
    sim.api().close()


def test_clock_advance(sim, api):
    (before,) = api("/sim/clock/print")
    list(api("/sim/clock/advance", seconds=86400))
    (after,) = api("/sim/clock/print")
    assert after["epoch"] - before["epoch"] >= 86400
    (resource,) = api("/system/resource/print")
    assert resource["uptime"].startswith("1d")


def test_reset_to_defconf_and_back(sim, api):
    sim.reset(factory="defconf")
    assert [r["address"] for r in api.path("/ip/address") if not r["dynamic"]] == ["192.168.88.1/24"]
    sim.reset(factory="blank")
    assert list(api.path("/ip/address")) == []
    assert sim.audit() == []


def test_sessions_print(sim, api):
    other = sim.api()
    rows = list(api("/sim/sessions/print"))
    assert len(rows) >= 2 and all(r["address"] == "192.168.88.10" for r in rows), "the default simulated client"
    assert list(api("/sim/sessions/print", **{"count-only": ""})) == [{"ret": len(rows)}]
    other.close()


def stats(api):
    (row,) = api("/sim/stats/print")
    return row


def test_stats_count_api_traffic_by_verb_without_the_sim_sentences(sim, api):
    list(api("/sim/stats/reset"))
    zero = {"connections": 0, "logins": 0, "sentences-in": 0, "sentences-out": 0,
            "print": 0, "add": 0, "set": 0, "remove": 0, "move": 0, "other": 0}
    assert stats(api) == zero
    pools = api.path("/ip/pool")
    pool = pools.add(name="p", ranges="10.0.0.1")
    pools.update(**{".id": pool, "comment": "x"})
    assert len(list(pools)) == 1
    with pytest.raises(TrapError):
        pools.add(name="p", ranges="10.0.0.1")
    rules = api.path("/ip/firewall/filter")
    first, second = rules.add(chain="input"), rules.add(chain="forward")
    tuple(api("/ip/firewall/filter/move", numbers=second, destination=first))
    rules.remove(first, second)
    list(api("/system/identity/getall"))
    raw = rawapi.RawApi(*sim.address())
    raw.login()
    assert raw.command("/quit")[0][0] == "!fatal"
    raw.close()
    refused = rawapi.RawApi(*sim.address())
    assert refused.command("/login", "=name=admin", "=password=wrong")[0][0] == "!trap"
    refused.close()
    assert stats(api) == {"connections": 2, "logins": 1, "sentences-in": 12, "sentences-out": 16,
                          "print": 2, "add": 4, "set": 1, "remove": 1, "move": 1, "other": 3}
    assert list(api("/sim/stats/prints/print")) == [{"path": "/ip/pool", "count": 1}, {"path": "/system/identity", "count": 1}]
    list(api("/sim/stats/reset"))
    assert stats(api) == zero
    assert not list(api("/sim/stats/prints/print"))
