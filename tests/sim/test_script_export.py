"""/export and /import: v6 export syntax, and export -> factory reset -> import restores every
exported menu."""

import json
import re

import pytest
from librouteros.exceptions import TrapError
from routeros_sim import export, files
from routeros_sim.router import Options, Router

DAILY = """\
:local keep 3
:local date [/system clock get date]
:local months ("jan","feb","mar","apr","may","jun","jul","aug","sep","oct","nov","dec")
:local month ([:find $months [:pick $date 0 3]] + 1)
:if ($month < 10) do={ :set month ("0" . $month) }
:local name ("daily-" . [:pick $date 7 11] . $month . [:pick $date 4 6])
/export file=$name
:log info ("daily export written to " . $name . ".rsc")
"""


# Values that change with time rather than with configuration (the clock ticks between snapshots).
RUN_TIME = (".id", "next-run", "time", "date")


def rows(router, path):
    return [row for word, row in router.execute(path + "/print") if word == "!re"]


def snapshot(router):
    """Every exported menu as print shows it, without ids and run-time values."""
    out = {}
    for menu in export.menus_in_order():
        if menu.package and not router.package_active(menu.package):
            continue
        menu_rows = [{k: v for k, v in row.items() if k not in RUN_TIME} for row in router.rows(menu)]
        out[menu.path] = menu_rows if menu.ordered else sorted(menu_rows, key=lambda r: json.dumps(r, sort_keys=True))
    return out


def configured(factory="defconf"):
    """A router with something configured in most exported menus, in awkward forms."""
    r = Router(Options(factory=factory))
    for command, attrs in (
        ("/interface/ethernet/set", {".id": "ether1", "name": "wan", "comment": "uplink to ISP"}),
        ("/interface/vlan/add", {"name": "vlan20", "vlan-id": "20", "interface": "bridge"}),
        ("/ip/address/add", {"address": "10.20.0.1/24", "interface": "vlan20", "comment": 'guests "A" \\ $x ? \u00e9'}),
        ("/ip/address/add", {"address": "10.30.0.1/24", "interface": "ether5", "disabled": "yes"}),
        ("/ip/pool/add", {"name": "guest", "ranges": "10.20.0.10-10.20.0.99"}),
        ("/ip/dhcp-server/add", {"name": "guest", "interface": "vlan20", "address-pool": "guest", "disabled": "no", "lease-time": "1h"}),
        ("/ip/dhcp-server/network/add", {"address": "10.20.0.0/24", "gateway": "10.20.0.1", "dns-server": "10.20.0.1"}),
        ("/ip/dns/set", {"servers": "9.9.9.9,1.1.1.1"}),
        (
            "/ip/firewall/filter/add",
            {"chain": "input", "action": "accept", "protocol": "tcp", "dst-port": "22", "src-address": "10.20.0.0/24"}
            | {"comment": "x" * 150, "place-before": ""},
        ),
        ("/ip/firewall/address-list/add", {"list": "mgmt", "address": "10.20.0.5", "timeout": "1d"}),
        ("/ip/route/add", {"dst-address": "10.99.0.0/16", "gateway": "10.20.0.254", "distance": "5"}),
        ("/ip/service/set", {".id": "telnet", "disabled": "yes"}),
        ("/ip/service/set", {".id": "ssh", "address": "10.20.0.0/24,192.168.88.0/24", "port": "2222"}),
        ("/ipv6/dhcp-client/add", {"interface": "wan", "request": "prefix", "pool-name": "pd", "disabled": "no"}),
        ("/ipv6/address/add", {"address": "::1/64", "from-pool": "pd", "interface": "bridge"}),
        ("/ipv6/nd/set", {"ra-interval": "20s-1m"}),
        ("/system/identity/set", {"name": "gw 1"}),
        ("/snmp/community/add", {"name": "mon", "addresses": "10.20.0.0/24", "authentication-password": "topsecret"}),
        ("/user/add", {"name": "ops", "group": "full", "password": "hunter2"}),
        ("/system/script/add", {"name": "daily-export", "source": DAILY, "policy": "read,write,ftp"}),
        ("/interface/list/add", {"name": "MGMT", "include": "LAN", "comment": "management"}),
        ("/interface/bridge/port/set", {".id": "", "pvid": "20"}),
        ("/ip/dhcp-server/lease/add", {"address": "10.20.0.50", "mac-address": "02:00:00:00:00:01", "server": "guest", "comment": "printer"}),
        ("/ip/dns/static/add", {"name": "nas.lan", "address": "10.20.0.60", "ttl": "5m"}),
        ("/ip/firewall/nat/add", {"chain": "dstnat", "action": "dst-nat", "protocol": "tcp", "dst-port": "8080", "to-addresses": "10.20.0.60"}),
        ("/ip/firewall/raw/add", {"chain": "prerouting", "action": "drop", "src-address-list": "!mgmt", "disabled": "yes"}),
        ("/ip/settings/set", {"rp-filter": "strict", "tcp-syncookies": "yes"}),
        ("/ipv6/settings/set", {"accept-router-advertisements": "no"}),
        ("/ipv6/firewall/filter/add", {"chain": "forward", "action": "drop", "in-interface-list": "WAN", "log": "yes", "log-prefix": "v6 drop"}),
        ("/ipv6/address/add", {"address": "fd00:20::1/64", "interface": "vlan20", "advertise": "no"}),
        ("/snmp/set", {"enabled": "yes", "contact": "ops team", "location": "rack 2", "trap-community": "mon"}),
        ("/system/ntp/client/set", {"enabled": "yes", "primary-ntp": "192.0.2.123"}),
        ("/system/clock/set", {"time-zone-name": "Europe/Berlin", "time-zone-autodetect": "no"}),
        ("/tool/bandwidth-server/set", {"enabled": "no"}),
        ("/tool/mac-server/ping/set", {"enabled": "no"}),
        ("/system/scheduler/add", {"name": "daily", "interval": "1d", "start-date": "jan/02/2027", "start-time": "03:00:00", "on-event": "daily-export"}),
    ):
        if command == "/ipv6/nd/set":
            attrs[".id"] = next(i[".id"] for i in r.items("/ipv6/nd") if i.get(".default"))
        if attrs.get(".id") == "":
            attrs[".id"] = r.items("/interface/bridge/port")[0][".id"]
        if "place-before" in attrs:
            attrs["place-before"] = r.items("/ip/firewall/filter")[3][".id"]
        r.execute(command, attrs)
    return r


def exported(router, prefix=""):
    router.execute(f"{prefix}/export", {"file": "cfg"})
    return files.read(router, "cfg.rsc")


# ------------------------------------------------------------------ over the API


def test_fact_export_without_file_answers_only_done(raw):
    assert raw.command("/export") == [["!done"]]
    assert raw.command("/ip/address/export") == [["!done"]]


def test_export_file_writes_an_rsc_file(api):
    tuple(api("/system/identity/set", name="edge"))
    tuple(api("/export", file="cfg"))
    (entry,) = [f for f in api.path("/file") if f["name"] == "cfg.rsc"]
    assert entry["type"] == "script"
    assert entry["size"] == len(entry["contents"].encode())
    lines = entry["contents"].splitlines()
    assert re.fullmatch(r"# [a-z]{3}/\d\d/\d{4} \d\d:\d\d:\d\d by RouterOS 6\.49\.10", lines[0])
    assert lines[-2:] == ["/system identity", "set name=edge"]


def test_export_rejects_show_sensitive_which_v6_lacks(api):
    with pytest.raises(TrapError) as info:
        tuple(api("/export", **{"file": "x", "show-sensitive": "yes"}))
    assert info.value.message == "unknown parameter"


def test_import_over_the_api_runs_a_file(api):
    tuple(api("/file/print", file="setup"))
    tuple(api("/file/set", numbers="setup.txt", contents="/ip pool\nadd name=p1 ranges=10.1.0.10-10.1.0.20\n/system identity set name=imported\n"))
    tuple(api("/import", **{"file-name": "setup.txt"}))
    assert [p["name"] for p in api.path("/ip/pool")] == ["p1"]
    assert next(iter(api.path("/system/identity")))["name"] == "imported"


def test_import_errors_name_the_line_and_stop_there(api):
    tuple(api("/file/print", file="bad"))
    source = "# comment\n/ip pool\nadd name=p1 ranges=10.1.0.10-10.1.0.20\nadd name=p2 ranges=nonsense\nadd name=p3 ranges=10.3.0.1\n"
    tuple(api("/file/set", numbers="bad.txt", contents=source))
    with pytest.raises(TrapError) as info:
        tuple(api("/import", **{"file-name": "bad.txt"}))
    assert info.value.message == "invalid value for argument ranges (line 4)"
    assert [p["name"] for p in api.path("/ip/pool")] == ["p1"]


def test_import_syntax_error_runs_nothing(api):
    tuple(api("/file/print", file="bad"))
    tuple(api("/file/set", numbers="bad.txt", contents='/ip pool\nadd name=p1 ranges=10.1.0.10\nadd name="p2 ranges=10.1.0.11\n'))
    with pytest.raises(TrapError) as info:
        tuple(api("/import", **{"file-name": "bad.txt"}))
    assert "line 3" in info.value.message
    assert list(api.path("/ip/pool")) == []


def test_import_of_a_missing_file(api):
    with pytest.raises(TrapError) as info:
        tuple(api("/import", **{"file-name": "nope.rsc"}))
    assert info.value.message == "failure: no such file"


# ------------------------------------------------------------------ format, in-process


def test_export_syntax():
    text = exported(configured())
    lines = text.replace("\\\n    ", "").splitlines()  # logical lines: continuations joined
    assert "/interface ethernet" in lines
    assert 'set [ find default-name=ether1 ] comment="uplink to ISP" name=wan' in lines
    assert "set [ find default=yes ] ra-interval=20s-1m" in lines
    assert "set telnet disabled=yes" in lines
    assert "set name=\"gw 1\"" in lines
    assert "add comment=defconf disabled=no interface=wan" in lines  # v6 dhcp-client: disabled=no written
    assert 'add address=10.20.0.1/24 comment="guests \\"A\\" \\\\ \\$x \\? \\C3\\A9" interface=vlan20 network=10.20.0.0' in lines
    physical = text.splitlines()
    assert all(len(line) <= 80 for line in physical)
    assert any(line.endswith(" \\") for line in physical)


def test_export_leaves_out_dynamic_entries_users_and_secrets():
    router = configured()
    text = exported(router)
    assert "100.64." not in text  # the DHCP client's dynamic address and route
    assert "special dummy rule" not in text
    assert "/ipv6 pool" not in text and "2001:db8:1" not in text  # delegated pool, address taken from it
    assert "hunter2" not in text and "topsecret" not in text and "/user" not in text
    assert "run-count" not in text and "next-run" not in text and "last-started" not in text


def test_fact_export_writes_what_v6_writes_at_defaults():
    """Real 6.4x exports write an address's network, a route's distance=1, a script's owner, policy and
    dont-require-permissions=no, and a scheduler entry's policy, even at their defaults."""
    router = Router(Options())
    for command, attrs in (
        ("/ip/address/add", {"address": "192.0.2.1/24", "interface": "ether2"}),
        ("/ip/route/add", {"gateway": "192.0.2.254"}),
        ("/ipv6/route/add", {"dst-address": "2000::/3", "gateway": "ether1"}),
        ("/system/script/add", {"name": "hello", "source": ":log info hello"}),
        ("/system/scheduler/add", {"name": "boot", "start-time": "startup", "on-event": "hello"}),
    ):
        router.execute(command, attrs)
    lines = exported(router).replace("\\\n    ", "").splitlines()
    policy = "ftp,reboot,read,write,policy,test,password,sniff,sensitive,romon"
    for menu, line in (
        ("/ip address", "add address=192.0.2.1/24 interface=ether2 network=192.0.2.0"),
        ("/ip route", "add distance=1 gateway=192.0.2.254"),
        ("/ipv6 route", "add distance=1 dst-address=2000::/3 gateway=ether1"),
        ("/system scheduler", f"add name=boot on-event=hello policy={policy} start-time=startup"),
        ("/system script", f'add dont-require-permissions=no name=hello owner=admin policy={policy} source=":log info hello"'),
    ):
        assert lines[lines.index(menu) + 1] == line


def test_fact_export_line_layout_of_a_defconf_router():
    """As a v6 defconf export lays them out: a value that does not fit moves to the next line after
    its ``key=``, and one that does not fit there either starts the next line on its own."""
    text = exported(Router(Options(factory="defconf")))
    assert (
        "/ip address\n"
        "add address=192.168.88.1/24 comment=defconf interface=bridge network=\\\n"
        "    192.168.88.0\n"
    ) in text
    assert (
        "/ip firewall filter\n"
        "add action=accept chain=input comment=\\\n"
        '    "defconf: accept established,related,untracked" connection-state=\\\n'
        "    established,related,untracked\n"
        'add action=drop chain=input comment="defconf: drop invalid" connection-state=\\\n'
        "    invalid\n"
    ) in text
    assert (
        'add action=drop chain=input comment="defconf: drop all not coming from LAN" \\\n'
        "    in-interface-list=!LAN\n"
    ) in text
    assert max(len(line) for line in text.splitlines()) <= 79


@pytest.mark.parametrize("newline", ["\r\n", "\n"])
def test_fact_multi_line_script_source_continues_at_each_newline(newline):
    """A v6 export breaks a script source after each of its lines (``\\r\\`` for a CR LF, ``\\`` for a
    LF) and starts the next with ``\\n``; a long line breaks between characters, and the source
    starts right after ``source="`` as in a real export's ``source=":\\`` / ``    local ...``."""
    source = newline.join((":local a 1", ':put "$a"', ":log info " + "y" * 90, ""))
    router = Router(Options())
    router.execute("/system/script/add", {"name": "multi", "source": source})
    text = exported(router)
    lines = text.splitlines()
    start = lines.index("/system script") + 1
    cr = "\\r" if newline == "\r\n" else ""
    head = "    \\n:log info "
    assert lines[start: start + 7] == [
        "add dont-require-permissions=no name=multi owner=admin policy=\\",
        '    ftp,reboot,read,write,policy,test,password,sniff,sensitive,romon source=":\\',
        f"    local a 1{cr}\\",
        f'    \\n:put \\"\\$a\\"{cr}\\',
        head + "y" * (78 - len(head)) + "\\",
        "    " + "y" * (90 - (78 - len(head))) + cr + "\\",
        '    \\n"',
    ]
    router.reset("blank")
    files.write(router, "cfg.rsc", text)
    router.execute("/import", {"file-name": "cfg.rsc"})
    assert router.items("/system/script")[0]["source"] == source


def test_export_of_one_menu():
    text = exported(configured(), "/ip/firewall")
    sections = [line for line in text.splitlines() if line.startswith("/")]
    assert sections == ["/ip firewall address-list", "/ip firewall filter", "/ip firewall nat", "/ip firewall raw"]


@pytest.mark.parametrize("factory", ["defconf", "blank"])
def test_export_reset_import_round_trip(factory):
    router = configured(factory) if factory == "defconf" else Router(Options())
    if factory == "blank":
        router.execute("/ip/address/add", {"address": "192.0.2.1/24", "interface": "ether2"})
    text = exported(router)
    before = snapshot(router)
    router.reset("blank")
    assert snapshot(router) != before
    files.write(router, "cfg.rsc", text)
    router.execute("/import", {"file-name": "cfg.rsc"})
    assert snapshot(router) == before
    assert exported(router).splitlines()[1:] == text.splitlines()[1:]
