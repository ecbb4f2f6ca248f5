"""/import of a real v6 export: what the simulator emulates is applied, what it does not (menus it
lacks, properties a real router has that it does not model) is skipped with a ``script,warning``
log line, and real errors of emulated menus still stop the import at their line.

``data/hap-ac-lite-6.49.rsc`` is a 6.49 hAP ac lite export: MikroTik's defconf plus hand changes
(Wi-Fi names, a security profile, a DHCP lease, DNS servers, services, time zone, NTP, a nightly
export script and its scheduler entry), laid out as a v6 export writes it. The simulated hAP ac
lite has one radio, so the file keeps the settings line of the 5 GHz ``wlan2`` (no entry matches:
skipped) but not its bridge port, which would be a missing reference.
"""

import os
import re

import pytest
from routeros_sim import export, files, unsimulated
from routeros_sim.menus import MENU_BY_PATH
from routeros_sim.router import Options, Router
from routeros_sim.script import ScriptTrap

FIXTURE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "hap-ac-lite-6.49.rsc")
WARNING = re.compile(r"import line (\d+): (/[^:]+): (.*)")

# Skipped parts a real hAP ac lite export holds that the simulator does not emulate.
SKIPPED = (
    ("/interface wireless", "distance, wireless-protocol not simulated, skipped"),
    ("/interface wireless", "no entry matches, set skipped"),
    ("/interface wireless security-profiles", "eap-methods not simulated, skipped"),
    ("/ip hotspot profile", "menu not simulated, command skipped"),
    ("/user group", "menu not simulated, command skipped"),
    ("/system routerboard settings", "menu not simulated, command skipped"),
)


def fixture_text():
    with open(FIXTURE, encoding="utf-8") as f:
        return f.read()


def imported(text, factory="blank"):
    router = Router(Options(factory=factory))
    files.write(router, "cfg.rsc", text)
    router.execute("/import", {"file-name": "cfg.rsc"})
    return router


def exported(router):
    router.execute("/export", {"file": "out"})
    return files.read(router, "out.rsc")


def warnings(router):
    return [(entry["topics"], entry["message"]) for entry in router.items("/log")]


def sections(text):
    """Menu line -> its logical lines (continuations joined), from an export."""
    out, current = {}, None
    for line in text.replace("\\\n    ", "").splitlines():
        if line.startswith("/"):
            current = out.setdefault(line, [])
        elif current is not None:
            current.append(line)
    return out


def test_a_real_export_imports_with_warnings_for_what_is_not_simulated():
    router = imported(fixture_text())
    logged = warnings(router)
    assert {topics for topics, _message in logged} == {"script,warning"}
    found = [WARNING.fullmatch(message).groups() for _topics, message in logged]
    for (menu, what) in SKIPPED:
        assert any((m, w) == (menu, what) for _line, m, w in found), (menu, what)
    lines = fixture_text().splitlines()
    for line, menu, what in found:
        # Each warning names its line and a menu or properties the simulator really lacks.
        assert lines[int(line) - 1].startswith(("add", "set")), line
        path = menu.replace(" ", "/")
        if what.endswith("menu not simulated, command skipped"):
            assert path not in MENU_BY_PATH
        elif what.endswith("not simulated, skipped"):
            names = what[: -len(" not simulated, skipped")].split(", ")
            assert not set(names) & set(MENU_BY_PATH[path].by_name)


def test_what_is_simulated_is_applied():
    router = imported(fixture_text())

    def one(path, **match):
        (item,) = [i for i in router.items(path) if all(i.get(k) == v for k, v in match.items())]
        return item

    assert one("/system/identity")["name"] == "home-gw"
    wlan = one("/interface/wireless", name="wlan1")
    assert (wlan["ssid"], wlan["mode"], wlan["disabled"], wlan["band"]) == ("home-2g", "ap-bridge", "false", "2ghz-b/g/n")
    assert (wlan["channel-width"], wlan["country"], wlan["installation"]) == ("20/40mhz-XX", "germany", "indoor")
    profile = one("/interface/wireless/security-profiles", name="home")
    assert (profile["mode"], profile["authentication-types"], profile["wpa2-pre-shared-key"]) == ("dynamic-keys", "wpa2-psk", "correct-horse-battery")
    bridge = one("/interface/bridge", name="bridge")
    assert (bridge["admin-mac"], bridge["auto-mac"], bridge["fast-forward"]) == ("4C:5E:0C:01:00:02", "false", "false")
    assert one("/ip/dns")["cache-size"] == "4096KiB"
    assert one("/ip/dhcp-server/lease", address="192.168.88.20")["mac-address"] == "DC:A6:32:00:00:20"
    assert one("/ip/service", name="winbox")["address"] == "192.168.88.0/24"
    script = one("/system/script", name="backup")
    assert script["owner"] == "admin" and script["policy"] == "ftp,read,write,policy,test,sensitive"
    assert script["source"].split("\r\n")[2] == "/export file=$name"
    assert one("/system/scheduler", name="nightly-backup")["on-event"] == "backup"
    assert len([r for r in router.items("/ip/firewall/filter") if not r.get(".dynamic")]) == 11


def test_emulated_menus_export_as_the_real_router_wrote_them():
    """Every menu the simulator emulates in full comes back line for line as in the real export."""
    real = sections(fixture_text())
    ours = sections(exported(imported(fixture_text())))
    for menu in (
        "/interface list",
        "/ip pool",
        "/ip dhcp-server",
        "/interface bridge port",
        "/interface list member",
        "/ip address",
        "/ip dhcp-server lease",
        "/ip dhcp-server network",
        "/ip dns",
        "/ip firewall filter",
        "/ip firewall nat",
        "/ip service",
        "/ipv6 firewall address-list",
        "/ipv6 firewall filter",
        "/ipv6 nd",
        "/system identity",
        "/system ntp client",
        "/system scheduler",
        "/system script",
        "/tool mac-server mac-winbox",
    ):
        assert ours[menu] == real[menu], menu


def test_export_reset_import_export_is_stable():
    first = exported(imported(fixture_text()))
    router = imported(first)
    assert warnings(router) == []  # the simulator's own export holds nothing it skips
    assert exported(router).splitlines()[1:] == first.splitlines()[1:]


@pytest.mark.parametrize(
    "old,new,message",
    [
        ("ranges=192.168.88.10-192.168.88.254", "ranges=192.168.88.10-nonsense", "invalid value for argument ranges"),
        ("interface=wlan1\n", "interface=wlan2\n", "input does not match any value of interface"),
        ("set allow-remote-requests=yes", "set alow-remote-requests=yes", "unknown parameter"),
        ("protocol=icmp\n", "protocol=icmp psd=21,3s,3,1\n", "unknown parameter"),
    ],
    ids=["bad value", "missing reference", "misspelled property", "firewall matcher"],
)
def test_real_errors_of_emulated_menus_still_stop_the_import(old, new, message):
    """A bad value, a missing reference, a property no router has, and a firewall matcher the
    simulator lacks (skipping it would widen the rule) stop at their line; what ran before stays."""
    text = fixture_text()
    assert old in text
    broken = text.replace(old, new, 1)
    line = broken[: broken.index(new)].count("\n") + 1
    router = Router(Options())
    files.write(router, "cfg.rsc", broken)
    with pytest.raises(ScriptTrap) as info:
        router.execute("/import", {"file-name": "cfg.rsc"})
    assert info.value.message == f"{message} (line {line})"
    assert router.items("/interface/bridge")  # the lines before it ran


def test_scripts_do_not_skip_what_is_not_simulated():
    """Only /import is lenient: a script naming a menu the simulator lacks fails as before."""
    router = Router(Options())
    router.execute("/system/script/add", {"name": "s", "source": "/ip hotspot profile set [ find default=yes ] html-directory=x"})
    with pytest.raises(ScriptTrap) as info:
        router.execute("/system/script/run", {"number": "s"})
    assert info.value.message.endswith("(line 1)")
    assert warnings(router) == []


def test_fact_a_long_value_is_quoted_to_continue_it():
    """A v6 export quotes a value too long for a line of its own and breaks it mid-word, as in the
    ``/user group`` line of many v6 exports."""
    policy = "local,telnet,ssh,ftp,reboot,read,write,policy,test,winbox,password,web,sniff,sensitive,api,romon,dude,tikapp"
    assert export._line(["set", "full"], {"policy": policy}) == [
        'set full policy="local,telnet,ssh,ftp,reboot,read,write,policy,test,winbox,pas\\',
        '    sword,web,sniff,sensitive,api,romon,dude,tikapp"',
    ]


def test_the_skip_table_lists_no_property_the_simulator_emulates():
    """A property in unsimulated.PROPERTIES that a menu emulates would never be skipped: the table is stale."""
    stale = {path: sorted(names & {f.name for f in MENU_BY_PATH[path].fields}) for path, names in unsimulated.PROPERTIES.items()}
    assert {path: names for path, names in stale.items() if names} == {}
