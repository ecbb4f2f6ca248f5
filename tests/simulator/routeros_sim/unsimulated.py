"""Properties a real v6 router has on menus the simulator emulates, but the simulator does not.

``/import`` of a real export skips them with a ``script,warning`` log line and runs the rest of
the command (script.py); any other unknown property stays an error, as a misspelled one is on a
router. A property the menu emulates (menus.py) is never skipped, whatever this table says.
Firewall matchers are left out on purpose: a rule without one of its matchers would match more
than the rule that was exported, so an unknown matcher stops the import.

Sources: https://wiki.mikrotik.com/wiki/Manual:Interface/Bridge,
https://wiki.mikrotik.com/wiki/Manual:Interface/Ethernet,
https://wiki.mikrotik.com/wiki/Manual:Interface/Wireless,
https://wiki.mikrotik.com/wiki/Manual:IP/DHCP_Server, https://wiki.mikrotik.com/wiki/Manual:IP/DNS.
"""

from __future__ import annotations

_LOOP_PROTECT = ("loop-protect", "loop-protect-disable-time", "loop-protect-send-interval")

PROPERTIES: dict[str, frozenset[str]] = {
    "/interface/bridge": frozenset(
        (
            "add-dhcp-option82",
            "ether-type",
            "frame-types",
            "igmp-version",
            "ingress-filtering",
            "last-member-interval",
            "last-member-query-count",
            "max-hops",
            "membership-interval",
            "mld-version",
            "multicast-querier",
            "multicast-router",
            "pvid",
            "querier-interval",
            "query-interval",
            "query-response-interval",
            "region-name",
            "region-revision",
            "startup-query-count",
            "startup-query-interval",
        )
    ),
    "/interface/bridge/port": frozenset(
        (
            "external-fdb",
        )
    ),
    "/interface/ethernet": frozenset(
        (
            "combo-mode",
            "disable-running-check",
            "poe-out",
            "poe-priority",
            "sfp-shutdown-temperature",
        )
    ),
    "/interface/vlan": frozenset(_LOOP_PROTECT),
    "/interface/wireless": frozenset(
        (
            "adaptive-noise-immunity",
            "amsdu-limit",
            "amsdu-threshold",
            "antenna-gain",
            "antenna-mode",
            "area",
            "arp-timeout",
            "basic-rates-a/g",
            "basic-rates-b",
            "bridge-mode",
            "compression",
            "default-ap-tx-limit",
            "default-authentication",
            "default-client-tx-limit",
            "disable-running-check",
            "disconnect-timeout",
            "distance",
            "frame-lifetime",
            "frequency-mode",
            "guard-interval",
            "hw-protection-mode",
            "hw-retries",
            "keepalive-frames",
            "l2mtu",
            "max-station-count",
            "multicast-buffering",
            "multicast-helper",
            "preamble-mode",
            "radio-name",
            "rate-set",
            "rx-chains",
            "scan-list",
            "secondary-frequency",
            "skip-dfs-channels",
            "station-roaming",
            "supported-rates-a/g",
            "supported-rates-b",
            "tx-chains",
            "tx-power",
            "tx-power-mode",
            "vlan-id",
            "vlan-mode",
            "wds-default-bridge",
            "wds-mode",
            "wireless-protocol",
            "wmm-support",
        )
    ),
    "/interface/wireless/security-profiles": frozenset(
        (
            "disable-pmkid",
            "eap-methods",
            "interim-update",
            "management-protection-key",
            "mschapv2-password",
            "mschapv2-username",
            "radius-eap-accounting",
            "radius-mac-accounting",
            "radius-mac-authentication",
            "radius-mac-caching",
            "radius-mac-format",
            "radius-mac-mode",
            "static-algo-0",
            "static-algo-1",
            "static-algo-2",
            "static-algo-3",
            "static-key-0",
            "static-key-1",
            "static-key-2",
            "static-key-3",
            "static-sta-private-algo",
            "static-sta-private-key",
            "static-transmit-key",
            "tls-certificate",
            "tls-mode",
        )
    ),
    "/ip/dhcp-server": frozenset(
        (
            "allow-dual-stack-queue",
            "conflict-detection",
            "insert-queue-before",
            "parent-queue",
            "src-address",
            "use-framed-as-classless",
        )
    ),
    "/ip/dns": frozenset(("use-doh-server", "verify-doh-cert")),
}
