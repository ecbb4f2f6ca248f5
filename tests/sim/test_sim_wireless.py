"""The simulated wireless package: the radio the router was made with, virtual access points added on it, security
profiles with their keys, and which wireless interfaces run."""

import pytest
from librouteros.exceptions import TrapError

KEY = "Office-Key-2026"


def _one(api, path, **match):
    (row,) = [r for r in api.path(*path.strip("/").split("/")) if all(r.get(k) == v for k, v in match.items())]
    return row


def _profile(api, name="office", **more):
    tuple(api("/interface/wireless/security-profiles/add", name=name, mode="dynamic-keys",
              **{"authentication-types": "wpa2-psk", "wpa2-pre-shared-key": KEY, **more}))


def _access_point(api, **more):
    tuple(api("/interface/wireless/add", name="guest", ssid="Guests", mode="ap-bridge", **{"master-interface": "wlan1", **more}))


def test_the_radio_and_the_default_profile_come_from_the_factory_and_cannot_be_removed(api):
    wlan1 = _one(api, "/interface/wireless", name="wlan1")
    assert (wlan1["default-name"], wlan1["mode"], wlan1["disabled"], wlan1["running"]) == ("wlan1", "station", True, False)
    assert (wlan1["channel-width"], wlan1["country"], wlan1["wps-mode"], wlan1["default-forwarding"]) == ("20mhz", "etsi", "push-button", True)
    assert wlan1["security-profile"] == "default" and wlan1["interface-type"] != "virtual-AP"
    default = _one(api, "/interface/wireless/security-profiles", name="default")
    assert (default["default"], default["mode"], default["unicast-ciphers"], default["group-key-update"]) == (True, "none", "aes-ccm", "5m")
    with pytest.raises(TrapError, match="can not remove physical interface"):
        tuple(api("/interface/wireless/remove", **{".id": wlan1[".id"]}))
    with pytest.raises(TrapError, match="cannot change builtin"):
        tuple(api("/interface/wireless/security-profiles/remove", **{".id": default[".id"]}))


def test_a_virtual_access_point_needs_its_radio_gets_its_own_mac_and_starts_disabled(api):
    with pytest.raises(TrapError, match="master-interface"):
        tuple(api("/interface/wireless/add", name="guest", ssid="Guests"))
    with pytest.raises(TrapError):
        tuple(api("/interface/wireless/add", name="guest", ssid="Guests", **{"master-interface": "wlan9"}))
    _access_point(api)
    wlan1, guest = _one(api, "/interface/wireless", name="wlan1"), _one(api, "/interface/wireless", name="guest")
    assert guest["interface-type"] == "virtual-AP" and guest["disabled"] is True and "default-name" not in guest
    radio_mac, own_mac = wlan1["mac-address"], guest["mac-address"]
    assert own_mac != radio_mac and own_mac[3:] == radio_mac[3:] and int(own_mac[:2], 16) & 0x02
    assert {"name": "guest", "type": "wlan"}.items() <= _one(api, "/interface", name="guest").items()
    tuple(api("/interface/wireless/remove", **{".id": guest[".id"]}))
    assert [w["name"] for w in api.path("interface", "wireless")] == ["wlan1"]


def test_an_access_point_runs_when_enabled_and_so_does_its_virtual_one_while_the_radio_does(api):
    _access_point(api, disabled="no")
    assert _one(api, "/interface/wireless", name="guest")["running"] is False, "its radio is a disabled station"
    tuple(api("/interface/wireless/set", **{".id": "wlan1", "mode": "ap-bridge", "disabled": "no"}))
    assert _one(api, "/interface/wireless", name="wlan1")["running"] is True
    assert _one(api, "/interface/wireless", name="guest")["running"] is True
    assert _one(api, "/interface", name="guest")["running"] is True
    tuple(api("/interface/wireless/set", **{".id": "wlan1", "mode": "station"}))
    assert _one(api, "/interface/wireless", name="guest")["running"] is False


@pytest.mark.parametrize("attrs", [
    {"ssid": "x" * 33},
    {"channel-width": "40mhz"},
    {"band": "6ghz-ax"},
    {"security-profile": "nope"},
    {"wps-mode": "always"},
    {"frequency": "99"},
])
def test_wireless_values_v6_refuses(api, attrs):
    with pytest.raises(TrapError):
        tuple(api("/interface/wireless/set", **{".id": "wlan1", **attrs}))


@pytest.mark.parametrize("key", ["short12", "x" * 64, "0123456789abcdef" * 5])
def test_a_pre_shared_key_is_8_to_63_characters_or_64_hex_digits(api, key):
    with pytest.raises(TrapError):
        _profile(api, **{"wpa2-pre-shared-key": key})


def test_keys_are_printed_and_left_out_of_export_hide_sensitive(api):
    _profile(api, **{"wpa-pre-shared-key": "0123456789abcdef" * 4})
    profile = _one(api, "/interface/wireless/security-profiles", name="office")
    assert profile["wpa2-pre-shared-key"] == KEY and profile["authentication-types"] == "wpa2-psk"
    tuple(api("/interface/wireless/set", **{".id": "wlan1", "mode": "ap-bridge", "ssid": "Office", "security-profile": "office"}))
    tuple(api("/export", file="full"))
    tuple(api("/export", file="hidden", **{"hide-sensitive": ""}))
    files = {r["name"]: r["contents"] for r in api.path("/file")}
    assert KEY in files["full.rsc"] and "/interface wireless security-profiles" in files["full.rsc"]
    assert KEY not in files["hidden.rsc"] and "0123456789abcdef" not in files["hidden.rsc"]
    hidden = files["hidden.rsc"].replace("\\\n    ", "")
    # The profile is made before the radio that names it.
    assert "security-profile=office" in hidden and "ssid=Office" in hidden
    assert hidden.index("/interface wireless security-profiles\n") < hidden.index("/interface wireless\n")


def test_a_profile_in_use_cannot_be_removed(api):
    _profile(api)
    _access_point(api, **{"security-profile": "office"})
    with pytest.raises(TrapError, match="security profile is in use"):
        tuple(api("/interface/wireless/security-profiles/remove", **{".id": "office"}))
    tuple(api("/interface/wireless/remove", **{".id": "guest"}))
    tuple(api("/interface/wireless/security-profiles/remove", **{".id": "office"}))


def test_a_virtual_access_point_is_an_interface_of_bridges_lists_addresses_and_the_firewall(api):
    _access_point(api, disabled="no")
    tuple(api("/interface/list/add", name="GUEST"))
    tuple(api("/interface/list/member/add", list="GUEST", interface="guest"))
    tuple(api("/ip/address/add", address="192.168.98.1/24", interface="guest"))
    tuple(api("/ip/firewall/filter/add", chain="input", action="drop", **{"in-interface-list": "GUEST"}))
    (verdict,) = list(api("/sim/firewall/judge", **{"src-address": "192.168.98.50", "dst-address": "192.168.98.1",
                                                    "in-interface": "guest", "protocol": "tcp", "dst-port": "8291"}))
    assert verdict["verdict"] == "drop"
    tuple(api("/interface/wireless/set", **{".id": "guest", "name": "guest2"}))
    assert _one(api, "/ip/address", address="192.168.98.1/24")["interface"] == "guest2"
