"""The wifi role's plan filter, and the guest SSIDs of the guest_network role's plan: the profile and radio settings
they derive, the key's fingerprint in the profile's comment, what they find stale, and the values they refuse (naming
the variable, never the key)."""

from __future__ import annotations

import os

import pytest
import yaml

from ansible_collections.soho.routeros.plugins.filter.guest_plan import guest_plan
from ansible_collections.soho.routeros.plugins.filter.router_check import router_errors
from ansible_collections.soho.routeros.plugins.filter.wifi_plan import wifi_plan
from roles_helpers import ROOT
from test_guest_plan import settings as guest_settings

KEY = "Staff-Wifi-Key-4u!"
RADIOS = {"interface_wireless": [{"name": "wlan1", "default_name": "wlan1", "mode": "station"}],
          "interface_wireless_security_profile": [{"name": "default"}]}


def settings(**more):
    with open(os.path.join(ROOT, "roles", "wifi", "defaults", "main.yml")) as handle:
        values = yaml.safe_load(handle)
    values.update(wifi_enabled=True, wifi_ssid="Cafe Staff", wifi_key=KEY)
    values.update(more)
    return values


def test_settings_hand_every_role_variable_to_the_filter():
    with open(os.path.join(ROOT, "roles", "wifi", "vars", "main.yml")) as handle:
        handed = yaml.safe_load(handle)["wifi_settings"]
    with open(os.path.join(ROOT, "roles", "wifi", "meta", "argument_specs.yml")) as handle:
        declared = yaml.safe_load(handle)["argument_specs"]["main"]["options"]
    assert set(declared) == set(handed)


def test_the_radio_an_access_point_with_a_wpa2_profile_and_rf_settings_left_alone():
    plan = wifi_plan(settings(), existing=RADIOS)
    assert plan["errors"] == []
    (profile,) = plan["interface_wireless_security_profile"]
    assert {k: v for k, v in profile.items() if k != "comment"} == {
        "name": "soho-lan", "mode": "dynamic-keys", "authentication_types": ["wpa2-psk"], "unicast_ciphers": ["aes-ccm"],
        "group_ciphers": ["aes-ccm"], "wpa2_pre_shared_key": KEY}
    assert plan["interface_wireless"] == [{"name": "wlan1", "mode": "ap-bridge", "ssid": "Cafe Staff", "security_profile": "soho-lan",
                                           "wps_mode": "disabled", "hide_ssid": False, "disabled": False}]
    set_rf = wifi_plan(settings(wifi_country="germany", wifi_band="2ghz-b/g/n", wifi_channel_width="20/40mhz-Ce", wifi_frequency="2412"))
    (radio,) = set_rf["interface_wireless"]
    assert (radio["country"], radio["band"], radio["channel_width"], radio["frequency"]) == ("germany", "2ghz-b/g/n", "20/40mhz-Ce", "2412")


def test_the_comment_fingerprint_changes_with_the_key_and_the_ssid_only():
    def comment(**more):
        return wifi_plan(settings(**more))["interface_wireless_security_profile"][0]["comment"]
    first = comment()
    assert first.startswith("soho:wifi: LAN key ") and len(first.rsplit(" ", 1)[1]) == 16
    assert KEY not in first
    assert comment() == first and comment(wifi_country="germany") == first
    assert comment(wifi_key="Another-Key-2027") != first
    assert comment(wifi_ssid="Cafe Team") != first


def test_disabled_plans_nothing_and_a_router_without_the_radio_is_refused_or_skipped():
    off = wifi_plan(settings(wifi_enabled=False, wifi_ssid="", wifi_key=""), existing=RADIOS)
    assert off["errors"] == [] and off["interface_wireless"] == off["interface_wireless_security_profile"] == []
    none = {"interface_wireless": [], "interface_wireless_security_profile": []}
    missing = wifi_plan(settings(), existing=none)
    assert missing["errors"] == ["wifi_interface: wlan1 is not a radio of this router (its radios: none); wifi_skip_absent: true "
                                 "skips the Wi-Fi on routers without one"]
    skipped = wifi_plan(settings(wifi_skip_absent=True), existing=none)
    assert skipped["errors"] == [] and skipped["skipped"] is True and skipped["interface_wireless"] == []


def test_a_renamed_profile_leaves_the_old_one_stale():
    existing = dict(RADIOS, interface_wireless_security_profile=[{"name": "default"}, {"name": "soho-lan", "comment": "soho:wifi: LAN key 1"},
                                                                 {"name": "home", "comment": "by hand"}])
    plan = wifi_plan(settings(wifi_security_profile="staff"), existing=existing)
    assert [p["name"] for p in plan["stale"]["interface_wireless_security_profile"]] == ["soho-lan"]


@pytest.mark.parametrize("more, message", [
    ({"wifi_ssid": ""}, "wifi_ssid: must not be empty"),
    ({"wifi_ssid": "x" * 33}, "wifi_ssid: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' is longer than 32 bytes"),
    ({"wifi_key": ""}, "wifi_key: must be set"),
    ({"wifi_key": "short12"}, "wifi_key: has 7 characters: a WPA2 key is 8 to 63"),
    ({"wifi_key": "x" * 64}, "wifi_key: has 64 characters"),
    ({"wifi_key": "naïve-password"}, "wifi_key: has 14 characters"),
    ({"wifi_band": "6ghz"}, "wifi_band: '6ghz' is not one of 2ghz-b,"),
    ({"wifi_channel_width": "40"}, "wifi_channel_width: '40' is not one of"),
    ({"wifi_frequency": "99"}, "wifi_frequency: 99 is out of range"),
    ({"wifi_country": "Germany!"}, "wifi_country: 'Germany!' is not a RouterOS country name"),
    ({"wifi_security_profile": "default"}, "wifi_security_profile: default is the factory profile"),
])
def test_bad_values_are_refused_naming_the_variable_and_never_the_key(more, message):
    plan = wifi_plan(settings(**more))
    assert any(e.startswith(message) for e in plan["errors"]), plan["errors"]
    assert not any(KEY in e or (more.get("wifi_key") and more["wifi_key"] in e) for e in plan["errors"])


def test_a_64_digit_hex_key_is_a_key():
    assert wifi_plan(settings(wifi_key="0123456789abcdef" * 4))["errors"] == []


GUEST = {"name": "guest-wifi", "cidr": "192.168.98.0/24", "wifi": {"ssid": "Cafe Guests", "key": "Guest-Wifi-Key-8z?"}}
AP = {"interface_wireless": [{"name": "wlan1", "default_name": "wlan1", "mode": "ap-bridge"}]}


def test_a_guest_ssid_is_a_virtual_access_point_with_its_own_profile_and_isolated_clients():
    plan = guest_plan(guest_settings(guest_network_networks=[GUEST]), existing=dict(AP, interfaces=["wlan1", "bridge"]))
    assert plan["errors"] == []
    assert plan["interface_wireless"] == [{"name": "guest-wifi", "master_interface": "wlan1", "mode": "ap-bridge", "ssid": "Cafe Guests",
                                           "security_profile": "guest-wifi", "default_forwarding": False, "hide_ssid": False,
                                           "wps_mode": "disabled", "disabled": False, "comment": "soho:guest: guest-wifi"}]
    (profile,) = plan["interface_wireless_security_profile"]
    assert profile["name"] == "guest-wifi" and profile["wpa2_pre_shared_key"] == "Guest-Wifi-Key-8z?"
    assert profile["comment"].startswith("soho:guest: guest-wifi key ")
    assert plan["interface_bridge"] == plan["bridge_port"] == plan["interface_vlan"] == []
    assert [a["interface"] for a in plan["ip_address"]] == ["guest-wifi"] and plan["interfaces"] == ["guest-wifi"]
    open_clients = guest_plan(guest_settings(guest_network_networks=[dict(GUEST, wifi=dict(GUEST["wifi"], isolation=False))]))
    assert open_clients["interface_wireless"][0]["default_forwarding"] is True


def test_a_guest_ssid_taken_out_leaves_its_access_point_and_profile_stale_but_never_a_radio():
    existing = {"interface_wireless": [{"name": "wlan1", "default_name": "wlan1", "mode": "ap-bridge", "comment": "soho:guest: x"},
                                       {"name": "guest-wifi", "master_interface": "wlan1", "comment": "soho:guest: guest-wifi"}],
                "interface_wireless_security_profile": [{"name": "guest-wifi", "comment": "soho:guest: guest-wifi key 12"}],
                "ipv6_address": [{"address": "2001:db8:0:98::1/64", "interface": "guest-wifi"}]}
    plan = guest_plan(guest_settings(), existing=existing)
    assert [e["name"] for e in plan["stale"]["interface_wireless"]] == ["guest-wifi"]
    assert [e["name"] for e in plan["stale"]["interface_wireless_security_profile"]] == ["guest-wifi"]
    assert [e["interface"] for e in plan["stale"]["ipv6_address"]] == ["guest-wifi"]


@pytest.mark.parametrize("guest, existing, message", [
    (dict(GUEST, wifi={"ssid": "Cafe Guests", "key": "short"}), AP, "guest_network_networks[0].wifi.key: has 5 characters"),
    (dict(GUEST, wifi={"ssid": "", "key": "Guest-Wifi-Key-8z?"}), AP, "guest_network_networks[0].wifi.ssid: must not be empty"),
    (dict(GUEST, wifi=dict(GUEST["wifi"], chanel=1)), AP, "guest_network_networks[0].wifi: unknown key(s) chanel"),
    (dict(GUEST, vlan_id=98), AP, "guest_network_networks[0]: give one of vlan_id"),
    (dict(GUEST, wifi="Cafe Guests"), AP, "guest_network_networks[0].wifi: must be a dict"),
    (GUEST, {"interface_wireless": []}, "guest_network_networks[0].wifi.master: wlan1 is not a radio of this router"),
    (GUEST, {"interface_wireless": [{"name": "wlan1", "default_name": "wlan1", "mode": "station"}]},
     "guest_network_networks[0].wifi.master: wlan1 is in mode station"),
])
def test_bad_guest_ssids_are_refused_naming_the_variable(guest, existing, message):
    plan = guest_plan(guest_settings(guest_network_networks=[guest]), existing=existing)
    assert any(e.startswith(message) for e in plan["errors"]), plan["errors"]
    assert not any("Guest-Wifi-Key-8z?" in e for e in plan["errors"])


def test_two_guest_ssids_of_the_same_name_are_refused():
    other = dict(GUEST, name="guest-two", cidr="192.168.97.0/24")
    plan = guest_plan(guest_settings(guest_network_networks=[GUEST, other]), existing=AP)
    assert "guest_network_networks[1].wifi.ssid: 'Cafe Guests' is also the SSID of guest_network_networks[0]" in plan["errors"]


def test_a_station_radio_the_wifi_role_makes_an_access_point_in_the_same_run_is_accepted():
    station = {"interface_wireless": [{"name": "wlan1", "default_name": "wlan1", "mode": "station"}]}
    assert guest_plan(guest_settings(guest_network_networks=[GUEST]), existing=dict(station, wifi_access_points=["wlan1"]))["errors"] == []
    variables = dict(guest_settings(guest_network_networks=[GUEST]), wan_dhcp_interface="ether1", **settings())
    found = {"interfaces": [{"name": n, "type": t} for n, t in (("ether1", "ether"), ("wlan1", "wlan"), ("bridge", "bridge"))],
             "interface_wireless": station["interface_wireless"]}
    assert not [e for e in router_errors(variables, existing=found) if "wifi" in e]
    alone = dict(variables, wifi_enabled=False)
    assert any("wlan1 is in mode station" in e for e in router_errors(alone, existing=found))
