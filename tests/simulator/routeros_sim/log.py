"""The memory log (``/log print``): what ``:log`` writes, where scheduler errors go, and the
``system`` lines RouterOS writes for API logins, logouts and configuration changes."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .router import Router, SessionInfo

# RouterOS keeps 1000 lines in its default memory log action (``/system logging action``).
LOG_LINES = 1000

ACCOUNT = "system,info,account"
LOGIN_FAILURE = "system,error,critical"
CHANGE = "system,info"

# What a configuration line calls an entry of each menu (``filter rule changed by admin``); the
# README lists which words public router logs show. Menus not listed say ``item``, as the Log
# manual's own example does.
ITEMS = {
    "/interface/bridge": "bridge",
    "/interface/bridge/port": "bridge port",
    "/interface/ethernet": "ethernet interface",
    "/interface/list": "interface list",
    "/interface/list/member": "interface list member",
    "/interface/vlan": "vlan interface",
    "/interface/wireless": "wireless interface",
    "/ip/address": "address",
    "/ip/dhcp-client": "dhcp client",
    "/ip/dhcp-server": "dhcp server",
    "/ip/dhcp-server/lease": "dhcp lease",
    "/ip/dhcp-server/network": "dhcp network",
    "/ip/dns": "dns settings",
    "/ip/dns/static": "static dns entry",
    "/ip/firewall/address-list": "address list entry",
    "/ip/firewall/filter": "filter rule",
    "/ip/firewall/nat": "nat rule",
    "/ip/firewall/raw": "raw rule",
    "/ip/pool": "ip pool",
    "/ip/route": "route",
    "/ip/service": "service",
    "/ipv6/address": "ipv6 address",
    "/ipv6/dhcp-client": "dhcpv6 client",
    "/ipv6/firewall/address-list": "ipv6 address list entry",
    "/ipv6/firewall/filter": "ipv6 filter rule",
    "/ipv6/nd": "nd interface",
    "/ipv6/pool": "ipv6 pool",
    "/ipv6/route": "ipv6 route",
    "/system/identity": "system identity",
    "/system/ntp/client": "SNTP client configuration",
    "/system/scheduler": "scheduled job",
    "/system/script": "script",
    "/user": "user",
}

# Past tense per write command; other commands (reboot, script runs) write no change line.
DONE = {"add": "added", "set": "changed", "unset": "changed", "enable": "changed", "disable": "changed", "remove": "removed", "move": "moved"}


def write(router: Router, topics: str, message: str) -> None:
    """Append one entry; ``time`` is the simulated clock's full stamp (``nov/29/2026 12:00:00``).
    Log ids count on their own, so logging never shifts the ids later configuration entries get."""
    entries = router.items("/log")
    number = int(entries[-1][".id"][1:], 16) + 1 if entries else 1
    entries.append({".id": f"*{number:X}", "time": router.clock.stamp(), "topics": topics, "message": message})
    del entries[:-LOG_LINES]


def logged_in(router: Router, session: SessionInfo) -> None:
    write(router, ACCOUNT, f"user {session.user} logged in from {session.address} via {session.via}")


def logged_out(router: Router, session: SessionInfo) -> None:
    write(router, ACCOUNT, f"user {session.user} logged out from {session.address} via {session.via}")


def login_failure(router: Router, name: str, session: SessionInfo) -> None:
    write(router, LOGIN_FAILURE, f"login failure for user {name} from {session.address} via {session.via}")


def changed(router: Router, command: str, session: SessionInfo | None) -> None:
    """``<item> added/changed/removed/moved by NAME`` for a write a logged-in API user applied."""
    path, _sep, verb = command.rpartition("/")
    done = DONE.get(verb)
    if done is None or session is None or not session.user:
        return
    write(router, CHANGE, f"{ITEMS.get(path, 'item')} {done} by {session.user}")
