# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The RouterOS v6 paths this collection manages, as data: MENUS, one description per path.

Each description is keyed by the name of the module that manages the path and says all there is to
know about the path; description.load checks it (PATHS) and refuses keys it does not know. The
RouterOS facts behind the kinds, defaults and flags are written down, with their sources, in
docs/routeros-v6.md. The documentation of each module is docs/modules/NAME.yml.

Adding a path:
  1. Add its description to MENUS below.
  2. Write docs/modules/NAME.yml (short_description, description, the options not described in
     docs/modules/common.yml, examples) and run ``python tools/gen_modules.py``: it writes
     plugins/modules/NAME.py and adds NAME to meta/runtime.yml.
  3. Add a lifecycle scenario (create, other forms, modify, delete) to a SCENARIOS table in
     tests/integration/test_modules*.py, and the menu to the simulator (tests/simulator).

Description keys:
  path               API path, e.g. ``/ip/address``.
  kind               ``list`` (entries added and removed freely), ``ordered`` (firewall: order
                     matters within each ``order_by`` group), ``single`` (one entry, e.g. /ip dns),
                     ``fixed`` (entries exist already and can only be set: /ip service).
  restore            rank in a snapshot restore, lowest first: 10 packages, 20-24 interfaces and
                     what refers to them, 30-31 addressing and pools, 40-42 DHCP and IPv6
                     addressing, 50-51 DNS and routes, 60-61 address lists and the firewall tables
                     that do not guard the router, 70-74 system settings and users, 80 the input
                     filters, 90 /ip service: a mistake in the controller's way in comes last.
  keys               fields that identify an entry. None for ``ordered`` menus and /ip route: those
                     identify an entry by ``comment`` when given, otherwise by its full content.
  flags              ``dynamic`` and ``builtin``: entries with the flag true are never shown,
                     changed or removed.
  default_entry      the keys of the factory entry of a list menu (``interface=all`` of /ipv6 nd),
                     which RouterOS flags ``default``: it is changed, and reset instead of removed.
  fixed_by           (list) a read-only field that only entries the router was made with have
                     (``default_name`` of /interface wireless: the radios; a virtual access point
                     has none): such entries are reset instead of removed.
  order_by           (ordered) the field whose groups keep their own order (``chain``).
  management         what of the controller's way in the entries carry: ``address`` (the address
                     it reaches the router at), ``login`` (the user it logs in as), ``service``
                     (the API service it connects through), ``firewall`` (rules that can drop its
                     traffic). Restore keeps the first three; the guard names them as the cause
                     of a lost connection.
  apply_on_reboot    (/system package) RouterOS applies ``disabled`` at the next reboot: it is
                     changed with the ``enable`` and ``disable`` commands and read as scheduled;
                     results carry ``reboot_required``.
  writes_reach       the other paths (by name) whose entries a write to this path can change: ``[]`` when a
                     write changes this path only (a firewall rule), ``['ip_dhcp_server']`` for /ip pool (a
                     server follows the rename of its pool). Absent when a write can change any path (an
                     interface renamed shows under its new name in every entry that names it; a DHCP client
                     adds addresses and routes): the run's read cache then forgets every print after it.
  fields             option name -> field. The RouterOS name is the option name with ``_`` written
                     as ``-`` unless ``ros`` says otherwise.

Field keys:
  type         str, enum (with ``choices``), bool, int, duration, duration_range, ipv4_address,
               ipv4_prefix (address with its prefix length, host bits kept), ipv4_network (host
               bits masked), ipv4_match (firewall: ``[!]`` address, network or range), ipv4_range,
               the ipv6 and ip (either family) counterparts, mac_address, time_of_day, gateway,
               list (ordered) and set (order does not matter); list and set name their
               ``elements`` type. See values.py.
  default      the value an entry has when the field is not set: what ``state=replaced`` resets
               to and what a new entry gets. Absent when the RouterOS v6 default is not known;
               ``replaced`` then leaves the field as it is.
  send_default the module sends ``default`` when it creates an entry without this field, because
               the RouterOS default differs (v6 creates DHCP clients and servers disabled).
  required     needed to create an entry.
  readonly     printed by RouterOS, never sent (shown in before, after and gathered).
  secret       write-only: never read back, never shown; sent only when the entry is created.
  resend       (with secret) sent again with every ``set`` of its entry. The role that writes such
               a secret keeps a fingerprint of it in the entry's comment
               (redaction.fingerprint), so a new secret is a new comment, and so a ``set``.
  redact       shown in clear by RouterOS but a secret: ``value`` (unless it is the factory value,
               the community ``public``) or ``text`` (when it mentions a password, key or
               community). Snapshots hold a digest instead.
  limits       (duration_range) lowest and highest seconds accepted; (int) lowest and highest value.
  pool_relative  (ipv6 address) names the field holding a pool; when that is set, only the host
               part of the address is compared (RouterOS prints the address taken from the pool).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.soho.routeros.plugins.module_utils import description

COMMENT = {'type': 'str', 'default': ''}
DISABLED = {'type': 'bool', 'default': False}

FIREWALL_ACTIONS_FILTER = [
    'accept', 'add-dst-to-address-list', 'add-src-to-address-list', 'drop', 'fasttrack-connection',
    'jump', 'log', 'passthrough', 'reject', 'return', 'tarpit',
]
# RouterOS v6 has no fasttrack and no tarpit for IPv6.
FIREWALL_ACTIONS_FILTER6 = [action for action in FIREWALL_ACTIONS_FILTER if action not in ('fasttrack-connection', 'tarpit')]
FIREWALL_ACTIONS_NAT = [
    'accept', 'add-dst-to-address-list', 'add-src-to-address-list', 'dst-nat', 'jump', 'log',
    'masquerade', 'netmap', 'passthrough', 'redirect', 'return', 'same', 'src-nat',
]
CONNECTION_STATES = ['established', 'invalid', 'new', 'related', 'untracked']


# Matchers of every firewall table, as RouterOS prints them (C(!) in front negates most); empty means no match on it.
FIREWALL_MATCHERS = (
    'src_address_type', 'dst_address_type', 'port', 'in_bridge_port', 'out_bridge_port', 'tcp_flags', 'tcp_mss',
    'packet_size', 'dscp', 'content', 'limit', 'dst_limit', 'nth', 'random', 'per_connection_classifier', 'packet_mark',
)
# Matchers that need connection tracking: not in the raw table, which runs before it.
CONNTRACK_MATCHERS = ('connection_mark', 'connection_type', 'connection_limit', 'connection_bytes', 'connection_rate')


def _firewall_fields(family, actions, nat=False):
    """Fields shared by the IPv4 and IPv6 filter and the IPv4 NAT tables (mangle and raw take them and adjust)."""
    match = 'ipv4_match' if family == 4 else 'ipv6_match'
    fields = {
        'chain': {'type': 'str', 'required': True},
        'action': {'type': 'enum', 'choices': actions, 'default': 'accept'},
        'src_address': {'type': match, 'default': ''},
        'dst_address': {'type': match, 'default': ''},
        'src_address_list': {'type': 'str', 'default': ''},
        'dst_address_list': {'type': 'str', 'default': ''},
        'protocol': {'type': 'str', 'default': ''},
        'src_port': {'type': 'str', 'default': ''},
        'dst_port': {'type': 'str', 'default': ''},
        'in_interface': {'type': 'str', 'default': ''},
        'out_interface': {'type': 'str', 'default': ''},
        'in_interface_list': {'type': 'str', 'default': ''},
        'out_interface_list': {'type': 'str', 'default': ''},
        'connection_state': {'type': 'set', 'elements': 'enum', 'choices': CONNECTION_STATES, 'default': []},
        # The negated forms are choices too: RouterOS negates the set with a leading '!' (connection-nat-state=!dstnat).
        'connection_nat_state': {'type': 'set', 'elements': 'enum', 'choices': ['dstnat', 'srcnat', '!dstnat', '!srcnat'],
                                 'default': []},
        'ipsec_policy': {'type': 'str', 'default': ''},
        'jump_target': {'type': 'str', 'default': ''},
        'log': {'type': 'bool', 'default': False},
        'log_prefix': {'type': 'str', 'default': ''},
        'comment': COMMENT,
        'disabled': DISABLED,
    }
    fields['icmp_options'] = {'type': 'str', 'default': ''}
    if family == 4:
        fields['ipv4_options'] = {'type': 'str', 'default': ''}
        fields['fragment'] = {'type': 'str', 'default': ''}
    fields['src_mac_address'] = {'type': 'mac_match', 'default': ''}
    for name in FIREWALL_MATCHERS + CONNTRACK_MATCHERS:
        fields[name] = {'type': 'str', 'default': ''}
    if nat and family == 4:
        fields['ttl'] = {'type': 'str', 'default': ''}
    if not nat:
        fields['reject_with'] = {'type': 'str', 'default': ''}
        fields['hop_limit' if family == 6 else 'ttl'] = {
            'type': 'str', 'default': ''}
    if nat:
        fields['to_addresses'] = {'type': match, 'default': ''}
        fields['to_ports'] = {'type': 'str', 'default': ''}
    fields['address_list'] = {'type': 'str', 'default': ''}
    fields['address_list_timeout'] = {'type': 'duration'}
    fields['bytes'] = {'type': 'int', 'readonly': True}
    fields['packets'] = {'type': 'int', 'readonly': True}
    fields['invalid'] = {'type': 'bool', 'readonly': True}
    return fields


MENUS = {
    'interface_ethernet': {
        'path': '/interface/ethernet',
        'kind': 'fixed',
        'restore': 20,
        'keys': ['default_name'],
        'fields': {
            'default_name': {'type': 'str', 'readonly': True, 'required': True},
            'name': {'type': 'str'},
            'comment': COMMENT,
            'disabled': DISABLED,
            'mtu': {'type': 'int', 'default': 1500},
            'arp': {'type': 'enum', 'choices': ['disabled', 'enabled', 'local-proxy-arp', 'proxy-arp', 'reply-only'],
                    'default': 'enabled'},
            'mac_address': {'type': 'str', 'readonly': True},
            'running': {'type': 'bool', 'readonly': True},
            # No default where it depends on the model (l2mtu, advertise, speed): managed only when given.
            'l2mtu': {'type': 'int'},
            'arp_timeout': {'type': 'str', 'default': 'auto'},
            'loop_protect': {'type': 'enum', 'choices': ['default', 'off', 'on'], 'default': 'default'},
            'loop_protect_disable_time': {'type': 'duration', 'default': '5m'},
            'loop_protect_send_interval': {'type': 'duration', 'default': '5s'},
            'auto_negotiation': {'type': 'bool', 'default': True},
            'advertise': {'type': 'set', 'elements': 'str'},
            'speed': {'type': 'str'},
            'full_duplex': {'type': 'bool', 'default': True},
            'tx_flow_control': {'type': 'enum', 'choices': ['auto', 'off', 'on'], 'default': 'off'},
            'rx_flow_control': {'type': 'enum', 'choices': ['auto', 'off', 'on'], 'default': 'off'},
            'bandwidth': {'type': 'str', 'default': 'unlimited/unlimited'},
        },
    },
    'interface_bridge': {
        'path': '/interface/bridge',
        'kind': 'list',
        'restore': 21,
        'keys': ['name'],
        'flags': ['dynamic'],
        'fields': {
            'name': {'type': 'str', 'required': True},
            'comment': COMMENT,
            'disabled': DISABLED,
            'protocol_mode': {'type': 'enum', 'choices': ['mstp', 'none', 'rstp', 'stp'], 'default': 'rstp'},
            'vlan_filtering': {'type': 'bool', 'default': False},
            'igmp_snooping': {'type': 'bool', 'default': False},
            'fast_forward': {'type': 'bool', 'default': True},
            'arp': {'type': 'enum', 'choices': ['disabled', 'enabled', 'local-proxy-arp', 'proxy-arp', 'reply-only'],
                    'default': 'enabled'},
            'auto_mac': {'type': 'bool', 'default': True},
            'admin_mac': {'type': 'str'},
            'mac_address': {'type': 'str', 'readonly': True},
            'mtu': {'type': 'str', 'default': 'auto'},
            'arp_timeout': {'type': 'str', 'default': 'auto'},
            'ageing_time': {'type': 'duration', 'default': '5m'},
            'dhcp_snooping': {'type': 'bool', 'default': False},
            'priority': {'type': 'str', 'default': '0x8000'},
            'max_message_age': {'type': 'duration', 'default': '20s'},
            'forward_delay': {'type': 'duration', 'default': '15s'},
            'transmit_hold_count': {'type': 'int', 'default': 6},
        },
    },
    'bridge_port': {
        'path': '/interface/bridge/port',
        'kind': 'list',
        'restore': 23,
        'keys': ['interface'],
        'flags': ['dynamic'],
        'fields': {
            'interface': {'type': 'str', 'required': True},
            'bridge': {'type': 'str', 'required': True},
            'pvid': {'type': 'int', 'default': 1},
            'hw': {'type': 'bool', 'default': True},
            'horizon': {'type': 'str', 'default': 'none'},
            'comment': COMMENT,
            'disabled': DISABLED,
            'priority': {'type': 'str', 'default': '0x80'},
            'path_cost': {'type': 'int', 'default': 10},
            'internal_path_cost': {'type': 'int', 'default': 10},
            'edge': {'type': 'enum', 'choices': ['auto', 'no', 'no-discover', 'yes', 'yes-discover'], 'default': 'auto'},
            'point_to_point': {'type': 'enum', 'choices': ['auto', 'no', 'yes'], 'default': 'auto'},
            'learn': {'type': 'enum', 'choices': ['auto', 'no', 'yes'], 'default': 'auto'},
            'auto_isolate': {'type': 'bool', 'default': False},
            'restricted_role': {'type': 'bool', 'default': False},
            'restricted_tcn': {'type': 'bool', 'default': False},
            'bpdu_guard': {'type': 'bool', 'default': False},
            'trusted': {'type': 'bool', 'default': False},
            'frame_types': {'type': 'enum', 'choices': ['admit-all', 'admit-only-untagged-and-priority-tagged', 'admit-only-vlan-tagged'],
                            'default': 'admit-all'},
            'ingress_filtering': {'type': 'bool', 'default': False},
            'tag_stacking': {'type': 'bool', 'default': False},
            'broadcast_flood': {'type': 'bool', 'default': True},
            'unknown_unicast_flood': {'type': 'bool', 'default': True},
            'unknown_multicast_flood': {'type': 'bool', 'default': True},
            'multicast_router': {'type': 'enum', 'choices': ['disabled', 'permanent', 'temporary-query'], 'default': 'temporary-query'},
            'fast_leave': {'type': 'bool', 'default': False},
        },
    },
    'interface_list': {
        'path': '/interface/list',
        'kind': 'list',
        'restore': 23,
        'keys': ['name'],
        'flags': ['dynamic', 'builtin'],
        'fields': {
            'name': {'type': 'str', 'required': True},
            'include': {'type': 'set', 'elements': 'str', 'default': []},
            'exclude': {'type': 'set', 'elements': 'str', 'default': []},
            'comment': COMMENT,
        },
    },
    'interface_list_member': {
        'path': '/interface/list/member',
        'writes_reach': [],
        'kind': 'list',
        'restore': 24,
        'keys': ['list', 'interface'],
        'flags': ['dynamic'],
        'fields': {
            'list': {'type': 'str', 'required': True},
            'interface': {'type': 'str', 'required': True},
            'comment': COMMENT,
            'disabled': DISABLED,
        },
    },
    'ip_address': {
        'path': '/ip/address',
        'kind': 'list',
        'restore': 30,
        'management': 'address',
        'keys': ['address', 'interface'],
        'flags': ['dynamic'],
        'fields': {
            'address': {'type': 'ipv4_prefix', 'required': True},
            'interface': {'type': 'str', 'required': True},
            'network': {'type': 'ipv4_address', 'readonly': True},
            'comment': COMMENT,
            'disabled': DISABLED,
        },
    },
    'ip_pool': {
        'path': '/ip/pool',
        'writes_reach': ['ip_dhcp_server'],
        'kind': 'list',
        'restore': 31,
        'keys': ['name'],
        'fields': {
            'name': {'type': 'str', 'required': True},
            'ranges': {'type': 'set', 'elements': 'ipv4_range', 'required': True},
            'next_pool': {'type': 'str', 'default': 'none'},
            'comment': COMMENT,
        },
    },
    'ip_dhcp_client': {
        'path': '/ip/dhcp-client',
        'kind': 'list',
        'restore': 40,
        'keys': ['interface'],
        'flags': ['dynamic'],
        'fields': {
            'interface': {'type': 'str', 'required': True},
            'add_default_route': {'type': 'enum', 'choices': ['yes', 'no', 'special-classless'], 'default': 'yes'},
            'default_route_distance': {'type': 'int', 'default': 1},
            'use_peer_dns': {'type': 'bool', 'default': True},
            'use_peer_ntp': {'type': 'bool', 'default': True},
            'dhcp_options': {'type': 'set', 'elements': 'str', 'default': ['clientid', 'hostname']},
            'comment': COMMENT,
            'disabled': dict(DISABLED, send_default=True),
            'status': {'type': 'str', 'readonly': True},
            'address': {'type': 'str', 'readonly': True},
            'gateway': {'type': 'str', 'readonly': True},
            'script': {'type': 'str', 'default': ''},
        },
    },
    'ip_dhcp_server': {
        'path': '/ip/dhcp-server',
        'writes_reach': [],
        'kind': 'list',
        'restore': 40,
        'keys': ['name'],
        'flags': ['dynamic'],
        'fields': {
            'name': {'type': 'str', 'required': True},
            'interface': {'type': 'str', 'required': True},
            'address_pool': {'type': 'str', 'default': 'static-only'},
            'lease_time': {'type': 'duration', 'default': '10m'},
            'authoritative': {'type': 'enum', 'choices': ['after-10sec-delay', 'after-2sec-delay', 'no', 'yes'],
                              'default': 'yes'},
            'add_arp': {'type': 'bool', 'default': False},
            'comment': COMMENT,
            'disabled': dict(DISABLED, send_default=True),
            'relay': {'type': 'ipv4_address', 'default': '0.0.0.0'},
            'bootp_support': {'type': 'enum', 'choices': ['dynamic', 'none', 'static'], 'default': 'static'},
            'lease_script': {'type': 'str', 'default': ''},
        },
    },
    'ip_dhcp_server_network': {
        'path': '/ip/dhcp-server/network',
        'writes_reach': [],
        'kind': 'list',
        'restore': 41,
        'keys': ['address'],
        'flags': ['dynamic'],
        'fields': {
            'address': {'type': 'ipv4_network', 'required': True},
            'gateway': {'type': 'list', 'elements': 'ipv4_address', 'default': []},
            'dns_server': {'type': 'list', 'elements': 'ipv4_address', 'default': []},
            'ntp_server': {'type': 'list', 'elements': 'ipv4_address', 'default': []},
            'domain': {'type': 'str', 'default': ''},
            'netmask': {'type': 'int', 'default': 0},
            'comment': COMMENT,
            'wins_server': {'type': 'list', 'elements': 'ipv4_address', 'default': []},
            'dhcp_option': {'type': 'set', 'elements': 'str', 'default': []},
        },
    },
    'ip_dns': {
        'path': '/ip/dns',
        'writes_reach': [],
        'kind': 'single',
        'restore': 50,
        'fields': {
            'servers': {'type': 'set', 'elements': 'ip_address', 'default': []},
            'allow_remote_requests': {'type': 'bool', 'default': False},
            'cache_size': {'type': 'size_kib', 'default': 2048},
            'cache_max_ttl': {'type': 'duration', 'default': '1w'},
            'max_udp_packet_size': {'type': 'int', 'default': 4096},
            'dynamic_servers': {'type': 'set', 'elements': 'ip_address', 'readonly': True},
            'query_server_timeout': {'type': 'duration', 'default': '2s'},
            'query_total_timeout': {'type': 'duration', 'default': '10s'},
            'max_concurrent_queries': {'type': 'int', 'default': 100},
            'max_concurrent_tcp_sessions': {'type': 'int', 'default': 20},
        },
    },
    'ip_route': {
        'path': '/ip/route',
        'writes_reach': [],
        'kind': 'list',
        'restore': 51,
        'flags': ['dynamic'],
        'fields': {
            'dst_address': {'type': 'ipv4_network', 'default': '0.0.0.0/0'},
            'gateway': {'type': 'gateway', 'required': True},
            'distance': {'type': 'int', 'default': 1},
            'check_gateway': {'type': 'enum', 'choices': ['arp', 'ping']},
            'routing_mark': {'type': 'str', 'default': ''},
            'pref_src': {'type': 'str', 'default': ''},
            'comment': COMMENT,
            'disabled': DISABLED,
            'active': {'type': 'bool', 'readonly': True},
            'scope': {'type': 'int', 'default': 30},
            'target_scope': {'type': 'int', 'default': 10},
            'type': {'type': 'enum', 'choices': ['blackhole', 'prohibit', 'unicast', 'unreachable']},
        },
    },
    'ip_firewall_filter': {
        'path': '/ip/firewall/filter',
        'writes_reach': [],
        'kind': 'ordered',
        'restore': 80,
        'management': 'firewall',
        'order_by': 'chain',
        'flags': ['dynamic', 'builtin'],
        'fields': _firewall_fields(4, FIREWALL_ACTIONS_FILTER),
    },
    'ip_firewall_nat': {
        'path': '/ip/firewall/nat',
        'writes_reach': [],
        'kind': 'ordered',
        'restore': 61,
        'order_by': 'chain',
        'flags': ['dynamic', 'builtin'],
        'fields': _firewall_fields(4, FIREWALL_ACTIONS_NAT, nat=True),
    },
    'ip_service': {
        'path': '/ip/service',
        'writes_reach': [],
        'kind': 'fixed',
        'restore': 90,
        'management': 'service',
        'keys': ['name'],
        'fields': {
            'name': {'type': 'enum', 'required': True,
                     'choices': ['api', 'api-ssl', 'ftp', 'ssh', 'telnet', 'winbox', 'www', 'www-ssl']},
            'port': {'type': 'int'},
            'address': {'type': 'set', 'elements': 'ip_network', 'default': []},
            'disabled': DISABLED,
            'certificate': {'type': 'str', 'default': 'none'},
            'invalid': {'type': 'bool', 'readonly': True},
        },
    },
    'ipv6_address': {
        'path': '/ipv6/address',
        'kind': 'list',
        'restore': 42,
        'management': 'address',
        'keys': ['address', 'interface'],
        'flags': ['dynamic'],
        'fields': {
            'address': {'type': 'ipv6_prefix', 'required': True, 'pool_relative': 'from_pool'},
            'interface': {'type': 'str', 'required': True},
            'from_pool': {'type': 'str', 'default': ''},
            'eui_64': {'type': 'bool', 'default': False},
            'advertise': {'type': 'bool', 'default': True},
            'no_dad': {'type': 'bool', 'default': False},
            'comment': COMMENT,
            'disabled': DISABLED,
        },
    },
    'ipv6_route': {
        'path': '/ipv6/route',
        'writes_reach': [],
        'kind': 'list',
        'restore': 51,
        'flags': ['dynamic'],
        'fields': {
            'dst_address': {'type': 'ipv6_network', 'default': '::/0'},
            'gateway': {'type': 'gateway', 'required': True},
            'distance': {'type': 'int', 'default': 1},
            'check_gateway': {'type': 'enum', 'choices': ['ping']},
            'comment': COMMENT,
            'disabled': DISABLED,
            'active': {'type': 'bool', 'readonly': True},
            'scope': {'type': 'int', 'default': 30},
            'target_scope': {'type': 'int', 'default': 10},
            'type': {'type': 'enum', 'choices': ['unicast', 'unreachable']},
        },
    },
    'ipv6_dhcp_client': {
        'path': '/ipv6/dhcp-client',
        'kind': 'list',
        'restore': 40,
        'keys': ['interface', 'request'],
        'flags': ['dynamic'],
        'fields': {
            'interface': {'type': 'str', 'required': True},
            'request': {'type': 'set', 'elements': 'enum', 'choices': ['address', 'prefix'], 'required': True},
            'pool_name': {'type': 'str', 'required': True},
            'pool_prefix_length': {'type': 'int', 'default': 64},
            'prefix_hint': {'type': 'ipv6_network', 'default': '::/0'},
            'add_default_route': {'type': 'bool', 'default': False},
            'use_peer_dns': {'type': 'bool', 'default': True},
            'comment': COMMENT,
            'disabled': DISABLED,
            'status': {'type': 'str', 'readonly': True},
            'prefix': {'type': 'str', 'readonly': True},
            'default_route_distance': {'type': 'int', 'default': 1},
            'rapid_commit': {'type': 'bool', 'default': True},
        },
    },
    'ipv6_nd': {
        'path': '/ipv6/nd',
        'writes_reach': [],
        'kind': 'list',
        'restore': 42,
        'default_entry': {'interface': 'all'},
        'keys': ['interface'],
        'flags': ['dynamic'],
        'fields': {
            'interface': {'type': 'str', 'required': True},
            'ra_interval': {'type': 'duration_range', 'limits': [3, 1800], 'default': '3m20s-10m'},
            'ra_lifetime': {'type': 'duration', 'default': '30m'},
            'ra_delay': {'type': 'duration', 'default': '3s'},
            'ra_preference': {'type': 'enum', 'choices': ['high', 'low', 'medium'], 'default': 'medium'},
            'managed_address_configuration': {'type': 'bool', 'default': False},
            'other_configuration': {'type': 'bool', 'default': False},
            'advertise_mac_address': {'type': 'bool', 'default': True},
            'advertise_dns': {'type': 'bool'},
            'hop_limit': {'type': 'str', 'default': 'unspecified'},
            'disabled': DISABLED,
            'mtu': {'type': 'str', 'default': 'unspecified'},
            'reachable_time': {'type': 'str', 'default': 'unspecified'},
            'retransmit_interval': {'type': 'str', 'default': 'unspecified'},
            'comment': COMMENT,
        },
    },
    'ipv6_firewall_filter': {
        'path': '/ipv6/firewall/filter',
        'writes_reach': [],
        'kind': 'ordered',
        'restore': 80,
        'management': 'firewall',
        'order_by': 'chain',
        'flags': ['dynamic', 'builtin'],
        'fields': _firewall_fields(6, FIREWALL_ACTIONS_FILTER6),
    },
    'ipv6_firewall_address_list': {
        'path': '/ipv6/firewall/address-list',
        'writes_reach': [],
        'kind': 'list',
        'restore': 60,
        'keys': ['list', 'address'],
        'flags': ['dynamic'],
        'fields': {
            'list': {'type': 'str', 'required': True},
            'address': {'type': 'ipv6_network', 'required': True},
            'timeout': {'type': 'duration'},
            'comment': COMMENT,
            'disabled': DISABLED,
        },
    },
    'interface_vlan': {
        'path': '/interface/vlan',
        'kind': 'list',
        'restore': 22,
        'keys': ['name'],
        'fields': {
            'name': {'type': 'str', 'required': True},
            'vlan_id': {'type': 'int', 'required': True, 'limits': [1, 4094]},
            'interface': {'type': 'str', 'required': True},
            'mtu': {'type': 'int', 'default': 1500},
            'arp': {'type': 'enum', 'choices': ['disabled', 'enabled', 'local-proxy-arp', 'proxy-arp', 'reply-only'],
                    'default': 'enabled'},
            'use_service_tag': {'type': 'bool', 'default': False},
            'comment': COMMENT,
            'disabled': DISABLED,
            'mac_address': {'type': 'str', 'readonly': True},
            'running': {'type': 'bool', 'readonly': True},
        },
    },
    # A PPPoE client is an interface over the WAN port: created after the ports, before the lists that name it.
    'interface_pppoe_client': {
        'path': '/interface/pppoe-client',
        'kind': 'list',
        'restore': 22,
        'keys': ['name'],
        'fields': {
            'name': {'type': 'str', 'required': True},
            'interface': {'type': 'str', 'required': True},
            'user': {'type': 'str', 'default': ''},
            # RouterOS v6 prints the password to users with the sensitive policy: compared in clear, shown masked.
            'password': {'type': 'str', 'default': '', 'redact': 'value'},
            'service_name': {'type': 'str', 'default': ''},
            'ac_name': {'type': 'str', 'default': ''},
            'profile': {'type': 'str', 'default': 'default'},
            'allow': {'type': 'set', 'elements': 'enum', 'choices': ['chap', 'mschap1', 'mschap2', 'pap'],
                      'default': ['chap', 'mschap1', 'mschap2', 'pap']},
            'add_default_route': {'type': 'bool', 'default': False},
            'default_route_distance': {'type': 'int', 'default': 1, 'limits': [0, 255]},
            'use_peer_dns': {'type': 'bool', 'default': False},
            'dial_on_demand': {'type': 'bool', 'default': False},
            'keepalive_timeout': {'type': 'int', 'default': 60},
            'max_mtu': {'type': 'str', 'default': 'auto'},
            'max_mru': {'type': 'str', 'default': 'auto'},
            'mrru': {'type': 'str', 'default': 'disabled'},
            'comment': COMMENT,
            # v6 creates a PPPoE client disabled unless told otherwise.
            'disabled': dict(DISABLED, send_default=True),
            'running': {'type': 'bool', 'readonly': True},
        },
    },
    'interface_wireless_security_profile': {
        'path': '/interface/wireless/security-profiles',
        'kind': 'list',
        'restore': 20,
        'keys': ['name'],
        'default_entry': {'name': 'default'},
        'fields': {
            'name': {'type': 'str', 'required': True},
            'mode': {'type': 'enum', 'choices': ['dynamic-keys', 'none', 'static-keys-optional', 'static-keys-required'],
                     'default': 'none'},
            'authentication_types': {'type': 'set', 'elements': 'enum', 'choices': ['wpa-eap', 'wpa-psk', 'wpa2-eap', 'wpa2-psk'],
                                     'default': []},
            'unicast_ciphers': {'type': 'set', 'elements': 'enum', 'choices': ['aes-ccm', 'tkip'], 'default': ['aes-ccm']},
            'group_ciphers': {'type': 'set', 'elements': 'enum', 'choices': ['aes-ccm', 'tkip'], 'default': ['aes-ccm']},
            # Never read back: a user without the sensitive policy is not shown the keys, and the keys need not cross
            # the link again. Sent with every set of the profile, whose comment carries their fingerprint.
            'wpa_pre_shared_key': {'type': 'str', 'secret': True, 'resend': True},
            'wpa2_pre_shared_key': {'type': 'str', 'secret': True, 'resend': True},
            'supplicant_identity': {'type': 'str'},
            'group_key_update': {'type': 'duration', 'default': '5m', 'secret': False},
            'management_protection': {'type': 'enum', 'choices': ['allowed', 'disabled', 'required'], 'default': 'disabled'},
            'comment': COMMENT,
        },
    },
    'interface_wireless': {
        'path': '/interface/wireless',
        'kind': 'list',
        'restore': 21,
        'keys': ['name'],
        # The radios the router was made with (wlan1, wlan2) are set, never removed; virtual access points come and go.
        'fixed_by': 'default_name',
        'fields': {
            'name': {'type': 'str', 'required': True},
            'default_name': {'type': 'str', 'readonly': True},
            'master_interface': {'type': 'str'},
            'mode': {'type': 'enum', 'choices': ['alignment-only', 'ap-bridge', 'bridge', 'nstreme-dual-slave', 'station',
                                                 'station-bridge', 'station-pseudobridge', 'station-pseudobridge-clone',
                                                 'station-wds', 'wds-slave'],
                     'default': 'station'},
            'ssid': {'type': 'str'},
            'band': {'type': 'str'},
            'channel_width': {'type': 'str', 'default': '20mhz'},
            'frequency': {'type': 'str'},
            'country': {'type': 'str', 'default': 'etsi'},
            'installation': {'type': 'enum', 'choices': ['any', 'indoor', 'outdoor'], 'default': 'any'},
            'security_profile': {'type': 'str', 'default': 'default'},
            'wps_mode': {'type': 'enum', 'choices': ['disabled', 'push-button', 'push-button-virtual-only'], 'default': 'push-button'},
            'default_forwarding': {'type': 'bool', 'default': True},
            'hide_ssid': {'type': 'bool', 'default': False},
            'mtu': {'type': 'int', 'default': 1500},
            'comment': COMMENT,
            # v6 makes wireless interfaces disabled, a new virtual access point too, unless told otherwise.
            'disabled': {'type': 'bool', 'default': True, 'send_default': True},
            'interface_type': {'type': 'str', 'readonly': True},
            'mac_address': {'type': 'str', 'readonly': True},
            'running': {'type': 'bool', 'readonly': True},
        },
    },
    'ip_dhcp_server_lease': {
        'path': '/ip/dhcp-server/lease',
        'writes_reach': [],
        'kind': 'list',
        'restore': 41,
        'keys': ['mac_address'],
        'flags': ['dynamic'],
        'fields': {
            'mac_address': {'type': 'mac_address', 'required': True},
            'address': {'type': 'ipv4_address', 'required': True},
            'server': {'type': 'str', 'default': 'all'},
            'client_id': {'type': 'str', 'default': ''},
            'lease_time': {'type': 'duration'},
            'address_lists': {'type': 'set', 'elements': 'str', 'default': []},
            'comment': COMMENT,
            'disabled': DISABLED,
            'status': {'type': 'str', 'readonly': True},
            'host_name': {'type': 'str', 'readonly': True},
        },
    },
    'ip_dns_static': {
        'path': '/ip/dns/static',
        'writes_reach': [],
        'kind': 'list',
        'restore': 50,
        'keys': ['name'],
        'flags': ['dynamic'],
        'fields': {
            'name': {'type': 'str', 'required': True},
            'address': {'type': 'ip_address', 'required': True},
            'ttl': {'type': 'duration', 'default': '1d'},
            'comment': COMMENT,
            'disabled': DISABLED,
            'regexp': {'type': 'str', 'default': ''},
        },
    },
    'ip_firewall_raw': {
        'path': '/ip/firewall/raw',
        'writes_reach': [],
        'kind': 'ordered',
        'restore': 61,
        'management': 'firewall',
        'order_by': 'chain',
        'flags': ['dynamic', 'builtin'],
        'fields': dict(
            ((name, field) for name, field in _firewall_fields(4, [
                'accept', 'add-dst-to-address-list', 'add-src-to-address-list', 'drop', 'jump', 'log', 'notrack',
                'passthrough', 'return',
            ]).items() if name not in ('connection_state', 'connection_nat_state', 'reject_with') + CONNTRACK_MATCHERS),
            chain={'type': 'str', 'required': True},
        ),
    },
    'ip_firewall_mangle': {
        'path': '/ip/firewall/mangle',
        'writes_reach': [],
        'kind': 'ordered',
        'restore': 61,
        'order_by': 'chain',
        'flags': ['dynamic', 'builtin'],
        'fields': dict(
            ((name, field) for name, field in _firewall_fields(4, [
                'accept', 'add-dst-to-address-list', 'add-src-to-address-list', 'change-dscp', 'change-mss', 'change-ttl',
                'clear-df', 'fasttrack-connection', 'jump', 'log', 'mark-connection', 'mark-packet', 'mark-routing',
                'passthrough', 'return', 'route', 'set-priority', 'sniff-pc', 'sniff-tzsp', 'strip-ipv4-options',
            ]).items() if name != 'reject_with'),
            routing_mark={'type': 'str', 'default': ''},
            new_connection_mark={'type': 'str', 'default': ''},
            new_packet_mark={'type': 'str', 'default': ''},
            new_routing_mark={'type': 'str', 'default': ''},
            new_mss={'type': 'str'},
            passthrough={'type': 'bool', 'default': True},
        ),
    },
    'ip_firewall_address_list': {
        'path': '/ip/firewall/address-list',
        'writes_reach': [],
        'kind': 'list',
        'restore': 60,
        'keys': ['list', 'address'],
        'flags': ['dynamic'],
        'fields': {
            'list': {'type': 'str', 'required': True},
            'address': {'type': 'ipv4_range', 'required': True},
            'comment': COMMENT,
            'disabled': DISABLED,
        },
    },
    'ip_neighbor_discovery': {
        'path': '/ip/neighbor/discovery-settings',
        'writes_reach': [],
        'kind': 'single',
        'restore': 70,
        'fields': {
            'discover_interface_list': {'type': 'str'},
        },
    },
    'mac_server': {
        'path': '/tool/mac-server',
        'writes_reach': [],
        'kind': 'single',
        'restore': 70,
        'fields': {
            'allowed_interface_list': {'type': 'str', 'default': 'all'},
        },
    },
    'mac_server_winbox': {
        'path': '/tool/mac-server/mac-winbox',
        'writes_reach': [],
        'kind': 'single',
        'restore': 70,
        'fields': {
            'allowed_interface_list': {'type': 'str', 'default': 'all'},
        },
    },
    'ipv6_settings': {
        'path': '/ipv6/settings',
        'kind': 'single',
        'restore': 30,
        'fields': {
            'forward': {'type': 'bool', 'default': True},
            'accept_router_advertisements': {
                'type': 'enum', 'choices': ['no', 'yes', 'yes-if-forwarding-disabled'], 'default': 'yes-if-forwarding-disabled'},
            'accept_redirects': {'type': 'enum', 'choices': ['no', 'yes-if-forwarding-disabled'],
                                 'default': 'yes-if-forwarding-disabled'},
            'max_neighbor_entries': {'type': 'int', 'default': 8192},
            'disable_ipv6': {'type': 'bool', 'default': False},
        },
    },
    'system_identity': {
        'path': '/system/identity',
        'writes_reach': [],
        'kind': 'single',
        'restore': 70,
        'fields': {
            'name': {'type': 'str', 'default': 'MikroTik'},
        },
    },
    'system_package': {
        'path': '/system/package',
        'kind': 'fixed',
        'restore': 10,
        'keys': ['name'],
        'apply_on_reboot': True,
        'fields': {
            'name': {'type': 'str', 'readonly': True, 'required': True},
            'disabled': {'type': 'bool'},
            'version': {'type': 'str', 'readonly': True},
        },
    },
    'system_script': {
        'path': '/system/script',
        'writes_reach': [],
        'kind': 'list',
        'restore': 72,
        'keys': ['name'],
        'fields': {
            'name': {'type': 'str', 'required': True},
            'source': {'type': 'str', 'default': '', 'redact': 'text'},
            'policy': {'type': 'set', 'elements': 'enum', 'default': [
                'ftp', 'password', 'policy', 'read', 'reboot', 'romon', 'sensitive', 'sniff', 'test', 'write'],
                'choices': ['api', 'dude', 'ftp', 'local', 'password', 'policy', 'read', 'reboot', 'romon', 'sensitive',
                            'sniff', 'ssh', 'telnet', 'test', 'web', 'winbox', 'write']},
            'dont_require_permissions': {'type': 'bool', 'default': False},
            'comment': COMMENT,
            'owner': {'type': 'str', 'readonly': True},
            'run_count': {'type': 'int', 'readonly': True},
            'last_started': {'type': 'str', 'readonly': True},
            'invalid': {'type': 'bool', 'readonly': True},
        },
    },
    'system_scheduler': {
        'path': '/system/scheduler',
        'writes_reach': [],
        'kind': 'list',
        'restore': 73,
        'keys': ['name'],
        'fields': {
            'name': {'type': 'str', 'required': True},
            'on_event': {'type': 'str', 'default': '', 'redact': 'text'},
            'start_date': {'type': 'str'},
            'start_time': {'type': 'time_of_day'},
            'interval': {'type': 'duration', 'default': '0s'},
            'policy': {'type': 'set', 'elements': 'enum', 'default': [
                'ftp', 'password', 'policy', 'read', 'reboot', 'romon', 'sensitive', 'sniff', 'test', 'write'],
                'choices': ['api', 'dude', 'ftp', 'local', 'password', 'policy', 'read', 'reboot', 'romon', 'sensitive',
                            'sniff', 'ssh', 'telnet', 'test', 'web', 'winbox', 'write']},
            'comment': COMMENT,
            'disabled': DISABLED,
            'owner': {'type': 'str', 'readonly': True},
            'run_count': {'type': 'int', 'readonly': True},
            'next_run': {'type': 'str', 'readonly': True},
        },
    },
    'system_ntp_client': {
        'path': '/system/ntp/client',
        'writes_reach': [],
        'kind': 'single',
        'restore': 70,
        'fields': {
            'enabled': {'type': 'bool', 'default': False},
            'mode': {'type': 'enum', 'choices': ['broadcast', 'manycast', 'multicast', 'unicast']},
            'primary_ntp': {'type': 'ipv4_address', 'default': '0.0.0.0'},
            'secondary_ntp': {'type': 'ipv4_address', 'default': '0.0.0.0'},
            'server_dns_names': {'type': 'set', 'elements': 'str', 'default': []},
            'status': {'type': 'str', 'readonly': True},
        },
    },
    'user': {
        'path': '/user',
        'writes_reach': [],
        'kind': 'list',
        'restore': 74,
        'management': 'login',
        'keys': ['name'],
        'fields': {
            'name': {'type': 'str', 'required': True},
            'group': {'type': 'str', 'required': True},
            'password': {'type': 'str', 'secret': True},
            'address': {'type': 'set', 'elements': 'ip_network', 'default': []},
            'comment': COMMENT,
            'disabled': DISABLED,
            'last_logged_in': {'type': 'str', 'readonly': True},
        },
    },
    'snmp': {
        'path': '/snmp',
        'writes_reach': [],
        'kind': 'single',
        'restore': 71,
        'fields': {
            'enabled': {'type': 'bool', 'default': False},
            'contact': {'type': 'str', 'default': ''},
            'location': {'type': 'str', 'default': ''},
            'engine_id': {'type': 'str', 'default': ''},
            'trap_community': {'type': 'str', 'default': 'public', 'redact': 'value'},
            'trap_version': {'type': 'int', 'default': 1, 'limits': [1, 3]},
            'trap_generators': {'type': 'set', 'elements': 'str', 'default': ['temp-exception']},
            'trap_target': {'type': 'set', 'elements': 'ip_address', 'default': []},
        },
    },
    'snmp_community': {
        'path': '/snmp/community',
        'writes_reach': ['snmp'],
        'kind': 'list',
        'restore': 70,
        'default_entry': {'name': 'public'},
        'keys': ['name'],
        'fields': {
            'name': {'type': 'str', 'required': True, 'redact': 'value'},
            'addresses': {'type': 'set', 'elements': 'ip_network', 'default': ['::/0']},
            'security': {'type': 'enum', 'choices': ['authorized', 'none', 'private'], 'default': 'none'},
            'read_access': {'type': 'bool', 'default': True},
            'write_access': {'type': 'bool', 'default': False},
            'authentication_protocol': {'type': 'enum', 'choices': ['MD5', 'SHA1'], 'default': 'MD5'},
            'encryption_protocol': {'type': 'enum', 'choices': ['AES', 'DES'], 'default': 'DES'},
            # Write-only (RouterOS never prints them): sent with every set of the community, whose comment carries
            # their fingerprint when a role writes them.
            'authentication_password': {'type': 'str', 'secret': True, 'resend': True},
            'encryption_password': {'type': 'str', 'secret': True, 'resend': True},
            'comment': COMMENT,
            'disabled': DISABLED,
        },
    },
    'tool_bandwidth_server': {
        'path': '/tool/bandwidth-server',
        'writes_reach': [],
        'kind': 'single',
        'restore': 70,
        'fields': {
            'enabled': {'type': 'bool', 'default': True},
            'authenticate': {'type': 'bool', 'default': True},
            'allocate_udp_ports_from': {'type': 'int', 'default': 2000, 'limits': [1000, 65535]},
            'max_sessions': {'type': 'int', 'default': 100, 'limits': [1, 1000]},
        },
    },
}


PATHS = description.load(MENUS)
