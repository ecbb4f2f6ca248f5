"""playbooks/site.yml with the LAN's Wi-Fi (wifi role) and a guest SSID on a virtual access point (guest_network role)
on simulated routers: from blank, from defconf (its own SSID on the default profile) and from a router set up by hand;
a rerun that writes nothing, a new key that is one set of its profile, the guest SSID taken out, check mode, and the
keys in no output.

The keys are write-only for the collection: the security profile's comment carries a fingerprint of the key, so a new
key is a change of the comment, which the module applies together with the key.
"""

from __future__ import annotations

import glob
import os

import pytest

from roles_helpers import CONNECTION, inventory, rows, runs_in_turn, site, writes

STAFF_KEY, GUEST_KEY, NEW_KEY = "Staff-Wifi-Key-4u!", "Guest-Wifi-Key-8z?", "Staff-Wifi-Key-2027"
GUESTS = [{"name": "guest-wifi", "cidr": "192.168.98.0/24", "comment": "Guest SSID",
           "wifi": {"ssid": "Cafe Guests", "key": GUEST_KEY}}]
WIFI = dict(CONNECTION, wifi_enabled=True, wifi_ssid="Cafe Staff", wifi_key=STAFF_KEY, wifi_country="germany",
            guest_network_networks=GUESTS)
HOSTS = {"blank": 0, "defconf": 1, "hand": 2}
RUNS = [
    {"blank": WIFI, "defconf": WIFI, "hand": WIFI},
    {"blank": WIFI, "defconf": WIFI, "hand": WIFI},
    # A new staff key; the guests' SSID goes on the router set up by hand.
    {"blank": dict(WIFI, wifi_key=NEW_KEY), "hand": dict(WIFI, guest_network_networks=[])},
    {"blank": dict(WIFI, wifi_key=NEW_KEY), "hand": dict(WIFI, guest_network_networks=[])},
]
SECRETS = (STAFF_KEY, GUEST_KEY, NEW_KEY)


@pytest.fixture(scope="module")
def runs(routeros_sim_module_factory, tmp_path_factory):
    sim = routeros_sim_module_factory("--factory", "blank", routers=3)
    sim.reset(1, factory="defconf")
    # Router 2 was set up by hand: a profile of its own on wlan1, an access point with another SSID.
    api = sim.api(2)
    try:
        tuple(api("/interface/wireless/security-profiles/add", name="home", mode="dynamic-keys",
                  **{"authentication-types": "wpa2-psk", "wpa2-pre-shared-key": "old-hand-made-key"}))
        tuple(api("/interface/wireless/set", **{".id": "wlan1", "mode": "ap-bridge", "ssid": "OldName",
                                                "security-profile": "home", "disabled": "no"}))
    finally:
        api.close()
    results, states, backups = runs_in_turn(sim, tmp_path_factory, "wifi", HOSTS, RUNS, verbose=(0, 2))
    return sim, results, states, backups


def _wifi(sim, router):
    radios = {w["name"]: w for w in rows(sim, "/interface/wireless", router=router)}
    profiles = {p["name"]: p for p in rows(sim, "/interface/wireless/security-profiles", router=router)}
    return radios, profiles


@pytest.mark.parametrize("host", sorted(HOSTS))
def test_staff_ssid_on_wlan1_with_a_wpa2_profile_of_its_own(runs, host):
    sim, results, _states, _backups = runs
    assert results[0].recap[host]["failed"] == 0, results[0].output
    radios, profiles = _wifi(sim, HOSTS[host])
    wlan1 = radios["wlan1"]
    assert (wlan1["mode"], wlan1["ssid"], wlan1["security-profile"], wlan1["country"], wlan1["wps-mode"], wlan1["disabled"]) == (
        "ap-bridge", "Cafe Staff", "soho-lan", "germany", "disabled", False)
    assert wlan1["running"] is True
    profile = profiles["soho-lan"]
    assert (profile["mode"], profile["authentication-types"], profile["unicast-ciphers"], profile["group-ciphers"]) == (
        "dynamic-keys", "wpa2-psk", "aes-ccm", "aes-ccm")
    key = NEW_KEY if host == "blank" else STAFF_KEY
    assert profile["wpa2-pre-shared-key"] == key
    assert profile["comment"].startswith("soho:wifi: LAN key ")
    # wlan1 stays a LAN bridge port, as lan_ipv4_bridge_ports has it.
    assert {p["interface"]: p["bridge"] for p in rows(sim, "/interface/bridge/port", router=HOSTS[host])}.get("wlan1") == "bridge"


def test_defconf_and_hand_made_profiles_are_left_alone(runs):
    sim = runs[0]
    assert "default" in _wifi(sim, HOSTS["defconf"])[1]
    hand = _wifi(sim, HOSTS["hand"])[1]["home"]
    assert hand["wpa2-pre-shared-key"] == "old-hand-made-key" and not hand.get("comment")


def test_guest_ssid_is_a_virtual_access_point_in_the_guest_list(runs):
    sim, results, _states, _backups = runs
    for host in ("blank", "defconf"):
        radios, profiles = _wifi(sim, HOSTS[host])
        guest = radios["guest-wifi"]
        assert (guest["master-interface"], guest["interface-type"], guest["ssid"], guest["security-profile"],
                guest["default-forwarding"], guest["wps-mode"], guest["disabled"], guest["running"]) == (
            "wlan1", "virtual-AP", "Cafe Guests", "guest-wifi", False, "disabled", False, True)
        assert profiles["guest-wifi"]["wpa2-pre-shared-key"] == GUEST_KEY
        assert ("GUEST", "guest-wifi") in {(m["list"], m["interface"]) for m in rows(sim, "/interface/list/member", router=HOSTS[host])}
        assert [a["address"] for a in rows(sim, "/ip/address", router=HOSTS[host], interface="guest-wifi")] == ["192.168.98.1/24"]
        assert [s["interface"] for s in rows(sim, "/ip/dhcp-server", router=HOSTS[host], name="dhcp_server_guest-wifi")] == ["guest-wifi"]
        # Not a LAN bridge port: the guests are not on the LAN.
        assert "guest-wifi" not in {p["interface"] for p in rows(sim, "/interface/bridge/port", router=HOSTS[host])}


def test_guest_ssid_clients_reach_the_internet_and_not_the_lan_or_the_router(runs):
    sim = runs[0]
    api = sim.api(HOSTS["blank"])
    try:
        def verdict(dst, protocol, port):
            attrs = {"src-address": "192.168.98.50", "dst-address": dst, "in-interface": "guest-wifi", "protocol": protocol,
                     "dst-port": str(port)}
            (row,) = list(api("/sim/firewall/judge", **attrs))
            return row["verdict"]
        assert verdict("93.184.216.34", "tcp", 443) == "accept"
        assert verdict("192.168.98.1", "udp", 53) == "accept"
        assert verdict("192.168.88.10", "tcp", 445) == "drop"
        for port in (8728, 8291, 22):
            assert verdict("192.168.98.1", "tcp", port) == "drop", port
            assert verdict("192.168.88.1", "tcp", port) == "drop", port
    finally:
        api.close()


def test_rerun_writes_nothing(runs):
    _sim, results, states, _backups = runs
    for host in HOSTS:
        assert results[1].recap[host]["changed"] == 0 and results[1].recap[host]["failed"] == 0, results[1].output
        assert states[1][HOSTS[host]] == [], host
    assert results[3].recap["blank"]["changed"] == 0 and states[3][HOSTS["blank"]] == []
    assert results[3].recap["hand"]["changed"] == 0 and states[3][HOSTS["hand"]] == []


def test_a_new_key_is_one_set_of_its_profile(runs):
    _sim, results, states, _backups = runs
    assert results[2].recap["blank"]["failed"] == 0, results[2].output
    wireless = [w for w in states[2][HOSTS["blank"]] if w["path"].startswith("/interface/wireless")]
    assert [(w["path"], w["command"]) for w in wireless] == [("/interface/wireless/security-profiles", "set")], wireless
    assert "wpa2-pre-shared-key" in wireless[0]["attrs"] and "comment" in wireless[0]["attrs"]


def test_the_guest_ssid_taken_out_goes_with_its_profile(runs):
    sim, results, states, _backups = runs
    assert results[2].recap["hand"]["failed"] == 0, results[2].output
    radios, profiles = _wifi(sim, HOSTS["hand"])
    assert "guest-wifi" not in radios and "guest-wifi" not in profiles
    assert {"wlan1", "soho-lan"} <= set(radios) | set(profiles)
    removed = [(w["path"], w["command"]) for w in states[2][HOSTS["hand"]] if w["command"] == "remove"]
    assert ("/interface/wireless", "remove") in removed and ("/interface/wireless/security-profiles", "remove") in removed
    assert not rows(sim, "/ip/address", router=HOSTS["hand"], interface="guest-wifi")


def test_check_mode_on_a_fresh_router_writes_nothing_and_masks_the_keys(routeros_sim_factory, tmp_path):
    sim = routeros_sim_factory("--factory", "blank", routers=1)
    inv = inventory(tmp_path, sim, {"blank": (0, WIFI)}, copy_lab=False)
    run = site(inv, "--check", "--diff", tmp_path=tmp_path)
    assert run.rc == 0 and run.recap["blank"]["failed"] == 0, run.output
    assert run.recap["blank"]["changed"] > 0
    assert writes(sim) == []
    assert "interface wireless security-profiles add name=soho-lan" in run.output
    assert "wpa2-pre-shared-key=********" in run.output
    assert "interface wireless add name=guest-wifi master-interface=wlan1" in run.output
    assert not any(secret in run.output for secret in SECRETS)


def test_the_keys_are_in_no_output_snapshot_or_router_log(runs):
    sim, results, states, backups = runs
    for number in (0, 2):
        assert "security-profiles" in results[number].output
        assert not any(secret in results[number].output for secret in SECRETS), number
    snapshots = [p for p in glob.glob(os.path.join(backups, "**", "*"), recursive=True) if os.path.isfile(p)]
    assert snapshots, "the backup role wrote its snapshots"
    for path in snapshots:
        with open(path, encoding="utf-8", errors="replace") as handle:
            text = handle.read()
        assert not any(secret in text for secret in SECRETS), path
    for router in HOSTS.values():
        assert all(not any(secret in entry["message"] for secret in SECRETS) for entry in rows(sim, "/log", router=router))
        assert all(not any(secret in w["attrs"] for secret in SECRETS) for state in states for w in state[router])
