"""playbooks/site.yml with SNMP v3 (monitoring role, monitoring_snmp_version v3) on simulated routers, from blank, from
defconf, and from a router monitored before with v2c that also has a community made by hand: the user as a community
with security private answering the monitoring host only, the factory community disabled and any other gone, a rerun
that writes nothing, a new password that is one set of the community, check mode, and the passwords in no output.

RouterOS never prints the v3 passwords: the community's comment carries their fingerprint, so a new password is a
change of the comment, which the module applies together with the passwords.
"""

from __future__ import annotations

import pytest

from roles_helpers import CONNECTION, inventory, rows, runs_in_turn, site, writes

AUTH, ENCRYPTION, NEW_AUTH = "Snmp-Auth-Pass-7k", "Snmp-Priv-Pass-3m", "Snmp-Auth-Pass-2027"
V3 = dict(CONNECTION, monitoring_enabled=True, monitoring_hosts=["192.168.88.20"], monitoring_snmp_version="v3",
          monitoring_v3_user="nms", monitoring_v3_auth_password=AUTH, monitoring_v3_encryption_password=ENCRYPTION,
          monitoring_trap_targets=["192.168.88.20"], monitoring_contact="noc@example.com")
V2C = dict(CONNECTION, monitoring_enabled=True, monitoring_hosts=["192.168.88.20"], monitoring_community="Cm-Lab-42xq")
# "earlier" is monitored with v2c in the first two runs and turns to v3 in the third.
HOSTS = {"blank": 0, "defconf": 1, "earlier": 2}
RUNS = [
    {"blank": V3, "defconf": V3, "earlier": V2C},
    {"blank": V3, "defconf": V3, "earlier": V2C},
    {"blank": dict(V3, monitoring_v3_auth_password=NEW_AUTH), "earlier": V3},
    {"blank": dict(V3, monitoring_v3_auth_password=NEW_AUTH), "earlier": V3},
]
PASSWORDS = (AUTH, ENCRYPTION, NEW_AUTH)
SECRETS = PASSWORDS + ("Cm-Lab-42xq",)


@pytest.fixture(scope="module")
def runs(routeros_sim_module_factory, tmp_path_factory):
    sim = routeros_sim_module_factory("--factory", "blank", routers=3)
    sim.reset(1, factory="defconf")
    # Router 2 has a community made by hand, from a monitoring server of old.
    sim.control(2, "/snmp/community/add", name="cacti-old", addresses="10.0.0.9/32")
    results, states, _backups = runs_in_turn(sim, tmp_path_factory, "snmpv3", HOSTS, RUNS, verbose=(0, 2))
    return sim, results, states


@pytest.mark.parametrize("host", sorted(HOSTS))
def test_the_v3_user_answers_the_monitoring_host_only_authenticated_and_encrypted(runs, host):
    sim, results, _states = runs
    for result in results:
        assert result.recap.get(host, {}).get("failed", 0) == 0, result.output
    communities = {c["name"]: c for c in rows(sim, "/snmp/community", router=HOSTS[host])}
    nms = communities["nms"]
    assert (nms["addresses"], nms["security"], nms["authentication-protocol"], nms["encryption-protocol"],
            nms["read-access"], nms["write-access"], nms["disabled"]) == (
        "192.168.88.20/32", "private", "SHA1", "AES", True, False, False)
    assert nms["comment"].startswith("soho:monitoring: v3 ")
    assert communities["public"]["disabled"] is True
    assert sorted(communities) == ["nms", "public"]
    (snmp,) = rows(sim, "/snmp", router=HOSTS[host])
    assert (snmp["enabled"], snmp["trap-community"], snmp["trap-version"], snmp["trap-target"]) == (
        True, "nms", 3, "192.168.88.20")


def test_rerun_writes_nothing(runs):
    _sim, results, states = runs
    for host in HOSTS:
        assert results[1].recap[host]["changed"] == 0 and results[1].recap[host]["failed"] == 0, results[1].output
        assert states[1][HOSTS[host]] == [], host
    for host in ("blank", "earlier"):
        assert results[3].recap[host]["changed"] == 0 and states[3][HOSTS[host]] == [], host


def test_a_router_monitored_with_v2c_before_loses_the_community_and_the_hand_made_one(runs):
    sim, results, states = runs
    after_v2c = {c["name"]: c for c in rows(sim, "/snmp/community", router=HOSTS["earlier"])}
    assert sorted(after_v2c) == ["nms", "public"]
    removed = [w for w in states[0][HOSTS["earlier"]] + states[2][HOSTS["earlier"]]
               if (w["path"], w["command"]) == ("/snmp/community", "remove")]
    # cacti-old in the first run, the v2c community in the third.
    assert len(removed) == 2, removed


def test_a_new_password_is_one_set_of_the_community(runs):
    _sim, results, states = runs
    assert results[2].recap["blank"]["failed"] == 0, results[2].output
    snmp = [w for w in states[2][HOSTS["blank"]] if w["path"].startswith("/snmp")]
    assert [(w["path"], w["command"]) for w in snmp] == [("/snmp/community", "set")], snmp
    assert "authentication-password=***" in snmp[0]["attrs"] and "comment" in snmp[0]["attrs"]


def test_check_mode_on_a_fresh_router_writes_nothing_and_masks_the_passwords(routeros_sim_factory, tmp_path):
    sim = routeros_sim_factory("--factory", "blank", routers=1)
    inv = inventory(tmp_path, sim, {"blank": (0, V3)}, copy_lab=False)
    run = site(inv, "--check", "--diff", tmp_path=tmp_path)
    assert run.rc == 0 and run.recap["blank"]["failed"] == 0, run.output
    assert run.recap["blank"]["changed"] > 0
    assert writes(sim) == []
    # The role hides the community's name as it hides a v2c community, which is the password there.
    assert ("snmp community add name=******** addresses=192.168.88.20/32 security=private read-access=yes "
            "write-access=no authentication-protocol=SHA1 encryption-protocol=AES authentication-password=******** "
            "encryption-password=********") in run.output
    assert not any(secret in run.output for secret in SECRETS)


def test_the_passwords_are_in_no_output_or_router_log(runs):
    sim, results, states = runs
    for number in (0, 2):
        assert "snmp" in results[number].output
        assert not any(secret in results[number].output for secret in SECRETS), number
    for router in HOSTS.values():
        assert all(not any(secret in entry["message"] for secret in SECRETS) for entry in rows(sim, "/log", router=router))
        # The simulator's audit log masks the fields RouterOS hides; a v2c community is the name of its entry there.
        assert all(not any(secret in w["attrs"] for secret in PASSWORDS) for state in states for w in state[router])
