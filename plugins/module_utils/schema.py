# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The RouterOS v6 paths this collection manages, as data.

One entry per module, keyed by the module name. The engine, the argument spec, the module
documentation (tools/gen_modules.py) and the tests all read this table; the mapping between Ansible
option names and RouterOS property names lives only here.

Adding a path:
  1. Add an entry to MODULES below (fields with types and the v6 defaults from
     shared/reference/routeros-v6-facts.md, keys, kind, flags, documentation and EXAMPLES).
  2. Run ``python tools/gen_modules.py``: it writes plugins/modules/NAME.py and adds NAME to the
     ``api`` action group and the action redirect in meta/runtime.yml.
  3. Add a lifecycle scenario (create, other forms, modify, delete) to a SCENARIOS table in
     tests/integration/test_modules*.py; tests/unit/test_schema.py checks the entry and its
     examples, and fails while a generated file is out of date.

Entry keys:
  path               API path, e.g. ``/ip/address``.
  kind               ``list`` (entries added and removed freely), ``ordered`` (firewall: order
                     matters within each ``order_by`` group), ``single`` (one entry, e.g. /ip dns),
                     ``fixed`` (entries exist already and can only be set: /ip service).
  keys               fields that identify an entry. Empty for ``ordered`` menus and /ip route: those
                     match an entry by ``comment`` when given, otherwise by its full content.
  flags              entry properties read with each print. An entry with ``dynamic`` or ``builtin``
                     true is never shown, changed or removed; one with ``default`` true (the
                     ``interface=all`` entry of /ipv6 nd) can be changed but is never removed.
  order_by           (ordered) the field whose groups keep their own order (``chain``).
  apply_on_reboot    (/system package) RouterOS applies changes at the next reboot: ``disabled`` (the
                     only field a task sets) is changed with the ``enable`` and ``disable`` commands
                     and read as scheduled (from the ``scheduled`` property); results carry
                     ``reboot_required``.
  fields             option name -> field. The RouterOS name is the option name with ``_`` written
                     as ``-`` unless ``ros`` says otherwise.
  short_description, description, examples, notes: module documentation.
  returns            return values beyond before, after, commands, gathered and rendered, in
                     RETURN form (``reboot_required`` of /system package).

Field keys:
  type         str, enum (with ``choices``), bool, int, duration, duration_range, ipv4_address,
               ipv4_prefix (address with its prefix length, host bits kept), ipv4_network (host
               bits masked), ipv4_match (firewall: ``[!]`` address, network or range), ipv4_range,
               the ipv6 and ip (either family) counterparts, mac_address, list (ordered) and set (order
               does not matter); list and set name their ``elements`` type. See values.py.
  description  user documentation of the option.
  default      the value an entry has when the field is not set: what ``state=replaced`` resets
               to and what a new entry gets. Absent when the RouterOS v6 default is not known;
               ``replaced`` then leaves the field as it is.
  send_default the module sends ``default`` when it creates an entry without this field, because
               the RouterOS default differs (v6 creates DHCP clients and servers disabled).
  required     needed to create an entry.
  readonly     printed by RouterOS, never sent (shown in before, after and gathered).
  secret       write-only: never read back, never shown; sent only when the entry is created.
  limits       (duration_range) lowest and highest seconds accepted; (int) lowest and highest value.
  pool_relative  (ipv6 address) names the field holding a pool; when that is set, only the host
               part of the address is compared (RouterOS prints the address taken from the pool).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


COMMENT = {'type': 'str', 'default': '', 'description': 'Short note shown with the entry in WinBox and in C(/export).'}
DISABLED = {'type': 'bool', 'default': False, 'description': 'Whether the entry is disabled.'}

BOOL_WORDS_NOTE = 'Quote C("yes") and C("no") in YAML, or use C(true) and C(false).'

FIREWALL_ACTIONS_FILTER = [
    'accept', 'add-dst-to-address-list', 'add-src-to-address-list', 'drop', 'fasttrack-connection',
    'jump', 'log', 'passthrough', 'reject', 'return', 'tarpit',
]
FIREWALL_ACTIONS_NAT = [
    'accept', 'add-dst-to-address-list', 'add-src-to-address-list', 'dst-nat', 'jump', 'log',
    'masquerade', 'netmap', 'passthrough', 'redirect', 'return', 'same', 'src-nat',
]
CONNECTION_STATES = ['established', 'invalid', 'new', 'related', 'untracked']


def _firewall_fields(family, actions, nat=False):
    """Fields shared by the IPv4 and IPv6 filter and the IPv4 NAT tables."""
    match = 'ipv4_match' if family == 4 else 'ipv6_match'
    fields = {
        'chain': {'type': 'str', 'required': True,
                  'description': 'Chain of the rule: C(input), C(forward), C(output)%s, or a custom chain.'
                  % (', C(srcnat), C(dstnat)' if nat else '')},
        'action': {'type': 'enum', 'choices': actions, 'default': 'accept', 'description': 'What the rule does with a matching packet.'},
        'src_address': {'type': match, 'default': '',
                        'description': 'Source address, network or range; C(!) in front negates it.'},
        'dst_address': {'type': match, 'default': '',
                        'description': 'Destination address, network or range; C(!) in front negates it.'},
        'src_address_list': {'type': 'str', 'default': '', 'description': 'Source address list name; C(!) in front negates it.'},
        'dst_address_list': {'type': 'str', 'default': '', 'description': 'Destination address list name; C(!) in front negates it.'},
        'protocol': {'type': 'str', 'default': '',
                     'description': 'IP protocol name or number (C(tcp), C(udp), C(%s)).' % ('icmp' if family == 4 else 'icmpv6')},
        'src_port': {'type': 'str', 'default': '', 'description': 'Source ports, e.g. C(546) or C(1024-65535).'},
        'dst_port': {'type': 'str', 'default': '', 'description': 'Destination ports, e.g. C(22,8291) or C(33434-33534).'},
        'in_interface': {'type': 'str', 'default': '', 'description': 'Interface the packet came in on; C(!) in front negates it.'},
        'out_interface': {'type': 'str', 'default': '', 'description': 'Interface the packet leaves on; C(!) in front negates it.'},
        'in_interface_list': {'type': 'str', 'default': '', 'description': 'Interface list the packet came in on, e.g. C(!LAN).'},
        'out_interface_list': {'type': 'str', 'default': '', 'description': 'Interface list the packet leaves on, e.g. C(WAN).'},
        'connection_state': {'type': 'set', 'elements': 'enum', 'choices': CONNECTION_STATES, 'default': [],
                             'description': 'Connection tracking states, in any order.'},
        # The negated forms are choices too: RouterOS negates the set with a leading '!' (connection-nat-state=!dstnat).
        'connection_nat_state': {'type': 'set', 'elements': 'enum', 'choices': ['dstnat', 'srcnat', '!dstnat', '!srcnat'],
                                 'default': [],
                                 'description': 'NAT state of the connection; C(!dstnat) negates it.'},
        'ipsec_policy': {'type': 'str', 'default': '', 'description': 'IPsec policy match, e.g. C(out,none).'},
        'jump_target': {'type': 'str', 'default': '', 'description': 'Chain to jump to when I(action=jump).'},
        'log': {'type': 'bool', 'default': False, 'description': 'Log matching packets.'},
        'log_prefix': {'type': 'str', 'default': '', 'description': 'Text in front of each log line of this rule.'},
        'comment': dict(COMMENT, description='Comment of the rule. The module finds its rules by comment, so give each rule a '
                        'unique comment; a rule without one is found by its full content.'),
        'disabled': DISABLED,
    }
    if family == 4:
        fields['icmp_options'] = {'type': 'str', 'default': '', 'description': 'ICMP type and code, e.g. C(8:0).'}
    if not nat:
        fields['reject_with'] = {'type': 'str', 'default': '',
                                 'description': 'ICMP error to answer with when I(action=reject), e.g. C(icmp-admin-prohibited).'}
        fields['hop_limit' if family == 6 else 'ttl'] = {
            'type': 'str', 'default': '',
            'description': 'Match on the %s, e.g. C(equal:1).' % ('hop limit' if family == 6 else 'TTL')}
    if nat:
        fields['to_addresses'] = {'type': match, 'default': '', 'description': 'New address for C(dst-nat), C(src-nat) or C(netmap).'}
        fields['to_ports'] = {'type': 'str', 'default': '', 'description': 'New port or port range for C(dst-nat), C(src-nat), C(redirect).'}
    fields['address_list'] = {'type': 'str', 'default': '',
                              'description': 'Address list to add to with C(add-src-to-address-list) or C(add-dst-to-address-list).'}
    fields['address_list_timeout'] = {'type': 'duration', 'description': 'How long an address stays in I(address_list); C(0s) is forever.'}
    fields['bytes'] = {'type': 'int', 'readonly': True, 'description': 'Bytes matched so far.'}
    fields['packets'] = {'type': 'int', 'readonly': True, 'description': 'Packets matched so far.'}
    fields['invalid'] = {'type': 'bool', 'readonly': True, 'description': 'Whether RouterOS considers the rule invalid.'}
    return fields


ORDERED_NOTES = [
    'Rules are found by I(comment) when it is given, otherwise by their full content (a rule whose content differs is a '
    'different rule).',
    'The rules given keep the order they are given in within each chain. A new rule is placed right after the rule '
    'given before it, or before the first existing rule given after it, or at the end of the chain. Rules the task does '
    'not name are left where they are, except with I(state=overridden), which removes them.',
    'Dynamic and builtin rules (the fasttrack counter rule) are never shown, changed or removed.',
]

MODULES = {
    'interface_ethernet': {
        'path': '/interface/ethernet',
        'kind': 'fixed',
        'keys': ['default_name'],
        'flags': [],
        'short_description': 'Rename and describe Ethernet ports (/interface ethernet)',
        'description': [
            'Sets the name, comment, MTU and state of the Ethernet ports of a RouterOS v6 router.',
            'Ports are found by their factory name (I(default_name), e.g. C(ether2)), so a port can be renamed and '
            'the task stays idempotent. Ports cannot be added or removed.',
        ],
        'fields': {
            'default_name': {'type': 'str', 'readonly': True, 'required': True,
                             'description': 'Factory name of the port (C(ether1), C(sfp1)); identifies it.'},
            'name': {'type': 'str', 'description': 'Name of the port, e.g. C(ether1-wan).'},
            'comment': COMMENT,
            'disabled': DISABLED,
            'mtu': {'type': 'int', 'default': 1500, 'description': 'Layer 3 MTU.'},
            'arp': {'type': 'enum', 'choices': ['disabled', 'enabled', 'local-proxy-arp', 'proxy-arp', 'reply-only'],
                    'default': 'enabled', 'description': 'ARP mode of the port.'},
            'mac_address': {'type': 'str', 'readonly': True, 'description': 'MAC address of the port.'},
            'running': {'type': 'bool', 'readonly': True, 'description': 'Whether the link is up.'},
        },
        'examples': '''
- name: Name the WAN and LAN ports
  soho.routeros.interface_ethernet:
    config:
      - default_name: ether1
        name: ether1-wan
        comment: Uplink to the ISP modem
      - default_name: ether2
        name: ether2-lan
    state: merged

- name: Read all Ethernet ports
  soho.routeros.interface_ethernet:
    state: gathered
  register: ports
''',
    },
    'interface_bridge': {
        'path': '/interface/bridge',
        'kind': 'list',
        'keys': ['name'],
        'flags': ['dynamic'],
        'short_description': 'Manage bridges (/interface bridge)',
        'description': ['Creates, changes and removes bridges, such as the C(bridge) that joins the LAN ports.'],
        'fields': {
            'name': {'type': 'str', 'required': True, 'description': 'Name of the bridge.'},
            'comment': COMMENT,
            'disabled': DISABLED,
            'protocol_mode': {'type': 'enum', 'choices': ['mstp', 'none', 'rstp', 'stp'], 'default': 'rstp',
                              'description': 'Spanning tree protocol.'},
            'vlan_filtering': {'type': 'bool', 'default': False, 'description': 'Whether the bridge filters VLANs.'},
            'igmp_snooping': {'type': 'bool', 'default': False, 'description': 'Whether the bridge snoops IGMP.'},
            'fast_forward': {'type': 'bool', 'default': True, 'description': 'Whether fast forwarding is allowed.'},
            'arp': {'type': 'enum', 'choices': ['disabled', 'enabled', 'local-proxy-arp', 'proxy-arp', 'reply-only'],
                    'default': 'enabled', 'description': 'ARP mode of the bridge.'},
            'auto_mac': {'type': 'bool', 'default': True, 'description': 'Take the MAC address from the first port.'},
            'admin_mac': {'type': 'str', 'description': 'Fixed MAC address, used when I(auto_mac=false).'},
            'mac_address': {'type': 'str', 'readonly': True, 'description': 'Current MAC address of the bridge.'},
        },
        'examples': '''
- name: LAN bridge
  soho.routeros.interface_bridge:
    config:
      - name: bridge
        comment: LAN
    state: merged
''',
    },
    'bridge_port': {
        'path': '/interface/bridge/port',
        'kind': 'list',
        'keys': ['interface'],
        'flags': ['dynamic'],
        'short_description': 'Manage bridge ports (/interface bridge port)',
        'description': ['Puts interfaces into bridges. An interface belongs to one bridge at most, so it identifies the entry.'],
        'fields': {
            'interface': {'type': 'str', 'required': True, 'description': 'Interface to put into the bridge.'},
            'bridge': {'type': 'str', 'required': True, 'description': 'Bridge the interface belongs to.'},
            'pvid': {'type': 'int', 'default': 1, 'description': 'Port VLAN ID for untagged traffic.'},
            'hw': {'type': 'bool', 'default': True, 'description': 'Allow hardware offloading.'},
            'horizon': {'type': 'str', 'default': 'none', 'description': 'Split horizon group, or C(none).'},
            'comment': COMMENT,
            'disabled': DISABLED,
        },
        'examples': '''
- name: LAN ports in the bridge
  soho.routeros.bridge_port:
    config:
      - bridge: bridge
        interface: ether2
      - bridge: bridge
        interface: ether3
    state: merged
''',
    },
    'interface_list': {
        'path': '/interface/list',
        'kind': 'list',
        'keys': ['name'],
        'flags': ['dynamic', 'builtin'],
        'short_description': 'Manage interface lists (/interface list)',
        'description': [
            'Creates and removes interface lists such as C(WAN) and C(LAN), which firewall rules and services refer to.',
            'The builtin lists C(all), C(none), C(dynamic) and C(static) are never shown, changed or removed.',
        ],
        'fields': {
            'name': {'type': 'str', 'required': True, 'description': 'Name of the list.'},
            'include': {'type': 'set', 'elements': 'str', 'default': [], 'description': 'Lists whose members also belong to this one.'},
            'exclude': {'type': 'set', 'elements': 'str', 'default': [], 'description': 'Lists whose members never belong to this one.'},
            'comment': COMMENT,
        },
        'examples': '''
- name: WAN and LAN interface lists
  soho.routeros.interface_list:
    config:
      - name: WAN
        comment: defconf
      - name: LAN
        comment: defconf
    state: merged
''',
    },
    'interface_list_member': {
        'path': '/interface/list/member',
        'kind': 'list',
        'keys': ['list', 'interface'],
        'flags': ['dynamic'],
        'short_description': 'Manage interface list members (/interface list member)',
        'description': ['Puts interfaces into interface lists.'],
        'fields': {
            'list': {'type': 'str', 'required': True, 'description': 'Name of the interface list.'},
            'interface': {'type': 'str', 'required': True, 'description': 'Interface to put into the list.'},
            'comment': COMMENT,
            'disabled': DISABLED,
        },
        'examples': '''
- name: ether1 is the WAN, the bridge is the LAN
  soho.routeros.interface_list_member:
    config:
      - list: WAN
        interface: ether1
      - list: LAN
        interface: bridge
    state: merged
''',
    },
    'ip_address': {
        'path': '/ip/address',
        'kind': 'list',
        'keys': ['address', 'interface'],
        'flags': ['dynamic'],
        'short_description': 'Manage IPv4 addresses (/ip address)',
        'description': [
            'Adds, changes and removes the IPv4 addresses of interfaces.',
            'An address is identified by I(address) and I(interface) together. Dynamic addresses (from a DHCP '
            'client) are never shown, changed or removed.',
        ],
        'fields': {
            'address': {'type': 'ipv4_prefix', 'required': True,
                        'description': 'Address with its prefix length, e.g. C(192.168.88.1/24). Without a length it is a C(/32).'},
            'interface': {'type': 'str', 'required': True, 'description': 'Interface the address is on.'},
            'network': {'type': 'ipv4_address', 'readonly': True, 'description': 'Network address RouterOS computes from I(address).'},
            'comment': COMMENT,
            'disabled': DISABLED,
        },
        'examples': '''
- name: LAN address
  soho.routeros.ip_address:
    config:
      - address: 192.168.88.1/24
        interface: bridge
        comment: LAN
    state: merged

- name: Only the LAN address, remove every other static address
  soho.routeros.ip_address:
    config:
      - address: 192.168.88.1/24
        interface: bridge
        comment: LAN
    state: overridden

- name: Show the commands for a new address without a router
  soho.routeros.ip_address:
    config:
      - address: 10.0.0.1/24
        interface: ether3
    state: rendered
''',
    },
    'ip_pool': {
        'path': '/ip/pool',
        'kind': 'list',
        'keys': ['name'],
        'flags': [],
        'short_description': 'Manage IPv4 address pools (/ip pool)',
        'description': ['Creates, changes and removes the address pools a DHCP server hands out addresses from.'],
        'fields': {
            'name': {'type': 'str', 'required': True, 'description': 'Name of the pool.'},
            'ranges': {'type': 'set', 'elements': 'ipv4_range', 'required': True,
                       'description': 'Address ranges C(first-last), networks or single addresses, e.g. C(192.168.88.10-192.168.88.254).'},
            'next_pool': {'type': 'str', 'default': 'none', 'description': 'Pool to use when this one is exhausted, or C(none).'},
            'comment': COMMENT,
        },
        'examples': '''
- name: LAN DHCP pool
  soho.routeros.ip_pool:
    config:
      - name: lan-pool
        ranges:
          - 192.168.88.10-192.168.88.254
    state: merged
''',
    },
    'ip_dhcp_client': {
        'path': '/ip/dhcp-client',
        'kind': 'list',
        'keys': ['interface'],
        'flags': ['dynamic'],
        'short_description': 'Manage IPv4 DHCP clients (/ip dhcp-client)',
        'description': [
            'Gets the WAN address, default route and DNS servers from the ISP by DHCP.',
            'RouterOS v6 creates a DHCP client disabled unless told otherwise; this module creates it enabled '
            'unless I(disabled=true) is given.',
        ],
        'fields': {
            'interface': {'type': 'str', 'required': True, 'description': 'Interface the client runs on; identifies it.'},
            'add_default_route': {'type': 'enum', 'choices': ['yes', 'no', 'special-classless'], 'default': 'yes',
                                  'description': 'Install the default route the server gives. ' + BOOL_WORDS_NOTE},
            'default_route_distance': {'type': 'int', 'default': 1, 'description': 'Distance of that default route.'},
            'use_peer_dns': {'type': 'bool', 'default': True, 'description': 'Use the DNS servers the server gives.'},
            'use_peer_ntp': {'type': 'bool', 'default': True, 'description': 'Use the NTP servers the server gives.'},
            'dhcp_options': {'type': 'set', 'elements': 'str', 'default': ['clientid', 'hostname'],
                             'description': 'DHCP options to send.'},
            'comment': COMMENT,
            'disabled': dict(DISABLED, send_default=True,
                             description='Whether the client is disabled. The module creates clients enabled; RouterOS itself '
                             'creates them disabled.'),
            'status': {'type': 'str', 'readonly': True, 'description': 'C(bound), C(searching...), C(stopped), ...'},
            'address': {'type': 'str', 'readonly': True, 'description': 'Address the client got.'},
            'gateway': {'type': 'str', 'readonly': True, 'description': 'Gateway the client got.'},
        },
        'examples': '''
- name: WAN address by DHCP
  soho.routeros.ip_dhcp_client:
    config:
      - interface: ether1
        add_default_route: "yes"
        use_peer_dns: true
        comment: WAN
    state: merged
''',
    },
    'ip_dhcp_server': {
        'path': '/ip/dhcp-server',
        'kind': 'list',
        'keys': ['name'],
        'flags': ['dynamic'],
        'short_description': 'Manage IPv4 DHCP servers (/ip dhcp-server)',
        'description': [
            'Creates, changes and removes DHCP servers. The network options (gateway, DNS) are set with '
            'M(soho.routeros.ip_dhcp_server_network).',
            'RouterOS v6 creates a DHCP server disabled unless told otherwise; this module creates it enabled '
            'unless I(disabled=true) is given.',
        ],
        'fields': {
            'name': {'type': 'str', 'required': True, 'description': 'Name of the server; identifies it.'},
            'interface': {'type': 'str', 'required': True, 'description': 'Interface the server answers on.'},
            'address_pool': {'type': 'str', 'default': 'static-only',
                             'description': 'Pool to lease addresses from, or C(static-only).'},
            'lease_time': {'type': 'duration', 'default': '10m', 'description': 'Lease time, e.g. C(10m), C(1d) or C(00:10:00).'},
            'authoritative': {'type': 'enum', 'choices': ['after-10sec-delay', 'after-2sec-delay', 'no', 'yes'],
                              'default': 'yes', 'description': 'How authoritative the server is. ' + BOOL_WORDS_NOTE},
            'add_arp': {'type': 'bool', 'default': False, 'description': 'Add ARP entries for leases.'},
            'comment': COMMENT,
            'disabled': dict(DISABLED, send_default=True,
                             description='Whether the server is disabled. The module creates servers enabled; RouterOS itself '
                             'creates them disabled.'),
        },
        'examples': '''
- name: LAN DHCP server
  soho.routeros.ip_dhcp_server:
    config:
      - name: lan
        interface: bridge
        address_pool: lan-pool
        lease_time: 1h
    state: merged
''',
    },
    'ip_dhcp_server_network': {
        'path': '/ip/dhcp-server/network',
        'kind': 'list',
        'keys': ['address'],
        'flags': ['dynamic'],
        'short_description': 'Manage IPv4 DHCP server networks (/ip dhcp-server network)',
        'description': ['Sets the gateway, DNS servers and domain that DHCP clients of a network receive.'],
        'fields': {
            'address': {'type': 'ipv4_network', 'required': True, 'description': 'Network, e.g. C(192.168.88.0/24); identifies the entry.'},
            'gateway': {'type': 'list', 'elements': 'ipv4_address', 'default': [], 'description': 'Gateways to hand out.'},
            'dns_server': {'type': 'list', 'elements': 'ipv4_address', 'default': [], 'description': 'DNS servers to hand out.'},
            'ntp_server': {'type': 'list', 'elements': 'ipv4_address', 'default': [], 'description': 'NTP servers to hand out.'},
            'domain': {'type': 'str', 'default': '', 'description': 'DNS domain to hand out.'},
            'netmask': {'type': 'int', 'default': 0, 'description': 'Prefix length to hand out; C(0) takes it from I(address).'},
            'comment': COMMENT,
        },
        'examples': '''
- name: LAN DHCP network
  soho.routeros.ip_dhcp_server_network:
    config:
      - address: 192.168.88.0/24
        gateway: [192.168.88.1]
        dns_server: [192.168.88.1]
        comment: LAN
    state: merged
''',
    },
    'ip_dns': {
        'path': '/ip/dns',
        'kind': 'single',
        'keys': [],
        'flags': [],
        'short_description': 'Configure the DNS resolver (/ip dns)',
        'description': ['Sets the upstream DNS servers of the router and whether LAN clients may use it as their resolver.'],
        'fields': {
            'servers': {'type': 'set', 'elements': 'ip_address', 'default': [], 'description': 'Upstream DNS servers, in any order.'},
            'allow_remote_requests': {'type': 'bool', 'default': False,
                                      'description': 'Answer DNS queries from other hosts. Block port 53 from the WAN when true.'},
            'cache_size': {'type': 'size_kib', 'default': 2048, 'description': 'Cache size in KiB.'},
            'cache_max_ttl': {'type': 'duration', 'default': '1w', 'description': 'Longest time an answer is cached.'},
            'max_udp_packet_size': {'type': 'int', 'default': 4096, 'description': 'Largest UDP DNS packet.'},
            'dynamic_servers': {'type': 'set', 'elements': 'ip_address', 'readonly': True,
                                'description': 'Servers learnt from DHCP or PPP.'},
        },
        'examples': '''
- name: Resolver for the LAN
  soho.routeros.ip_dns:
    config:
      servers:
        - 1.1.1.1
        - 2606:4700:4700::1111
      allow_remote_requests: true
    state: merged

- name: Read the resolver settings
  soho.routeros.ip_dns:
    state: gathered
  register: dns
''',
    },
    'ip_route': {
        'path': '/ip/route',
        'kind': 'list',
        'keys': [],
        'flags': ['dynamic'],
        'short_description': 'Manage static IPv4 routes (/ip route)',
        'description': [
            'Adds, changes and removes static routes.',
            'A route is found by I(comment) when it is given, otherwise by its full content. Dynamic routes '
            '(connected networks, DHCP default routes) are never shown, changed or removed.',
        ],
        'fields': {
            'dst_address': {'type': 'ipv4_network', 'default': '0.0.0.0/0', 'description': 'Destination network.'},
            'gateway': {'type': 'gateway', 'required': True, 'description': 'Gateway address or interface.'},
            'distance': {'type': 'int', 'default': 1, 'description': 'Administrative distance.'},
            'check_gateway': {'type': 'enum', 'choices': ['arp', 'ping'], 'description': 'How to check the gateway is alive.'},
            'routing_mark': {'type': 'str', 'default': '', 'description': 'Routing table of the route.'},
            'pref_src': {'type': 'str', 'default': '', 'description': 'Preferred source address.'},
            'comment': COMMENT,
            'disabled': DISABLED,
            'active': {'type': 'bool', 'readonly': True, 'description': 'Whether the route is in use.'},
        },
        'examples': '''
- name: Route to the office network over the VPN gateway
  soho.routeros.ip_route:
    config:
      - dst_address: 10.10.0.0/16
        gateway: 192.168.88.2
        comment: office
    state: merged
''',
    },
    'ip_firewall_filter': {
        'path': '/ip/firewall/filter',
        'kind': 'ordered',
        'keys': [],
        'order_by': 'chain',
        'flags': ['dynamic', 'builtin'],
        'short_description': 'Manage IPv4 firewall filter rules (/ip firewall filter)',
        'description': ['Adds, changes, orders and removes IPv4 filter rules.'],
        'notes': ORDERED_NOTES,
        'fields': _firewall_fields(4, FIREWALL_ACTIONS_FILTER),
        'examples': '''
- name: Input chain, default deny from outside the LAN
  soho.routeros.ip_firewall_filter:
    config:
      - chain: input
        action: accept
        connection_state: [established, related, untracked]
        comment: "defconf: accept established,related,untracked"
      - chain: input
        action: drop
        connection_state: [invalid]
        comment: "defconf: drop invalid"
      - chain: input
        action: accept
        protocol: icmp
        comment: "defconf: accept ICMP"
      - chain: input
        action: drop
        in_interface_list: "!LAN"
        comment: "defconf: drop all not coming from LAN"
    state: merged
''',
    },
    'ip_firewall_nat': {
        'path': '/ip/firewall/nat',
        'kind': 'ordered',
        'keys': [],
        'order_by': 'chain',
        'flags': ['dynamic', 'builtin'],
        'short_description': 'Manage IPv4 NAT rules (/ip firewall nat)',
        'description': ['Adds, changes, orders and removes NAT rules, such as the masquerade rule for the WAN.'],
        'notes': ORDERED_NOTES,
        'fields': _firewall_fields(4, FIREWALL_ACTIONS_NAT, nat=True),
        'examples': '''
- name: Masquerade LAN traffic leaving through the WAN
  soho.routeros.ip_firewall_nat:
    config:
      - chain: srcnat
        action: masquerade
        out_interface_list: WAN
        ipsec_policy: out,none
        comment: "defconf: masquerade"
    state: merged
''',
    },
    'ip_service': {
        'path': '/ip/service',
        'kind': 'fixed',
        'keys': ['name'],
        'flags': [],
        'short_description': 'Configure management services (/ip service)',
        'description': [
            'Enables, disables, moves and restricts the management services (telnet, ftp, www, ssh, www-ssl, api, '
            'winbox, api-ssl). Services cannot be added or removed.',
        ],
        'fields': {
            'name': {'type': 'enum', 'required': True,
                     'choices': ['api', 'api-ssl', 'ftp', 'ssh', 'telnet', 'winbox', 'www', 'www-ssl'],
                     'description': 'Service; identifies it.'},
            'port': {'type': 'int', 'description': 'TCP port of the service.'},
            'address': {'type': 'set', 'elements': 'ip_network', 'default': [],
                        'description': 'Networks allowed to connect; empty allows every address.'},
            'disabled': DISABLED,
            'certificate': {'type': 'str', 'default': 'none', 'description': 'Certificate of C(www-ssl) and C(api-ssl), or C(none).'},
            'invalid': {'type': 'bool', 'readonly': True, 'description': 'Whether RouterOS considers the service invalid.'},
        },
        'examples': '''
- name: Management from the LAN only, no clear-text services
  soho.routeros.ip_service:
    config:
      - name: telnet
        disabled: true
      - name: ftp
        disabled: true
      - name: www
        disabled: true
      - name: api
        address: [192.168.88.0/24]
      - name: winbox
        address: [192.168.88.0/24]
      - name: ssh
        address: [192.168.88.0/24]
    state: merged
''',
    },
    'ipv6_address': {
        'path': '/ipv6/address',
        'kind': 'list',
        'keys': ['address', 'interface'],
        'flags': ['dynamic'],
        'short_description': 'Manage IPv6 addresses (/ipv6 address)',
        'description': [
            'Adds, changes and removes IPv6 addresses, including addresses taken from a delegated prefix pool.',
            'With I(from_pool), give only the host part (C(::1/64)): RouterOS takes the network from the pool and the '
            'module compares the host part. Dynamic and link-local addresses are never shown, changed or removed.',
        ],
        'fields': {
            'address': {'type': 'ipv6_prefix', 'required': True, 'pool_relative': 'from_pool',
                        'description': 'Address with its prefix length, e.g. C(2001:db8::1/64), or C(::1/64) with I(from_pool).'},
            'interface': {'type': 'str', 'required': True, 'description': 'Interface the address is on.'},
            'from_pool': {'type': 'str', 'default': '', 'description': 'IPv6 pool (a delegated prefix) to take the network from.'},
            'eui_64': {'type': 'bool', 'default': False, 'description': 'Make the host part from the MAC address.'},
            'advertise': {'type': 'bool', 'default': True, 'description': 'Announce the prefix in router advertisements.'},
            'no_dad': {'type': 'bool', 'default': False, 'description': 'Skip duplicate address detection.'},
            'comment': COMMENT,
            'disabled': DISABLED,
        },
        'examples': '''
- name: LAN address from the delegated prefix
  soho.routeros.ipv6_address:
    config:
      - address: ::1/64
        from_pool: pd
        interface: bridge
        advertise: true
    state: merged
''',
    },
    'ipv6_route': {
        'path': '/ipv6/route',
        'kind': 'list',
        'keys': [],
        'flags': ['dynamic'],
        'short_description': 'Manage static IPv6 routes (/ipv6 route)',
        'description': [
            'Adds, changes and removes static IPv6 routes, such as the default route to the ISP of a static IPv6 WAN.',
            'A route is found by I(comment) when it is given, otherwise by its full content. Dynamic routes '
            '(connected networks, DHCPv6 default routes) are never shown, changed or removed.',
        ],
        'fields': {
            'dst_address': {'type': 'ipv6_network', 'default': '::/0', 'description': 'Destination network.'},
            'gateway': {'type': 'gateway', 'required': True,
                        'description': 'Gateway address, a link-local address with its interface (C(fe80::1%ether1)) or an '
                                       'interface. Addresses compare in any spelling (C(FE80:0::1%ether1) is C(fe80::1%ether1)).'},
            'distance': {'type': 'int', 'default': 1, 'description': 'Administrative distance.'},
            'check_gateway': {'type': 'enum', 'choices': ['ping'], 'description': 'How to check the gateway is alive.'},
            'comment': COMMENT,
            'disabled': DISABLED,
            'active': {'type': 'bool', 'readonly': True, 'description': 'Whether the route is in use.'},
        },
        'examples': '''
- name: IPv6 default route to the ISP's link-local gateway on the WAN port
  soho.routeros.ipv6_route:
    config:
      - dst_address: ::/0
        gateway: fe80::1%ether1
        comment: ISP IPv6
    state: merged

- name: Or to a gateway inside the WAN prefix
  soho.routeros.ipv6_route:
    config:
      - gateway: 2001:db8:1::1
        comment: ISP IPv6
    state: merged
''',
    },
    'ipv6_dhcp_client': {
        'path': '/ipv6/dhcp-client',
        'kind': 'list',
        'keys': ['interface', 'request'],
        'flags': ['dynamic'],
        'short_description': 'Manage DHCPv6 clients (/ipv6 dhcp-client)',
        'description': [
            'Requests a delegated prefix (and optionally an address) from the ISP by DHCPv6.',
            'A delegated prefix appears as a dynamic IPv6 pool named I(pool_name), which M(soho.routeros.ipv6_address) '
            'can take LAN addresses from.',
        ],
        'fields': {
            'interface': {'type': 'str', 'required': True, 'description': 'WAN interface the client runs on.'},
            'request': {'type': 'set', 'elements': 'enum', 'choices': ['address', 'prefix'], 'required': True,
                        'description': 'What to request: C(prefix), C(address) or both.'},
            'pool_name': {'type': 'str', 'required': True, 'description': 'Name of the pool the delegated prefix goes into.'},
            'pool_prefix_length': {'type': 'int', 'default': 64,
                                   'description': 'Length of the prefixes handed out of that pool (not C(pool-length)).'},
            'prefix_hint': {'type': 'ipv6_network', 'default': '::/0', 'description': 'Prefix length to ask for, e.g. C(::/56).'},
            'add_default_route': {'type': 'bool', 'default': False, 'description': 'Install a default route to the server.'},
            'use_peer_dns': {'type': 'bool', 'default': True, 'description': 'Use the DNS servers the server gives.'},
            'comment': COMMENT,
            'disabled': DISABLED,
            'status': {'type': 'str', 'readonly': True, 'description': 'C(bound), C(searching...), C(stopped), ...'},
            'prefix': {'type': 'str', 'readonly': True, 'description': 'Delegated prefix and its remaining lifetime.'},
        },
        'examples': '''
- name: Prefix delegation from the ISP
  soho.routeros.ipv6_dhcp_client:
    config:
      - interface: ether1
        request: [prefix]
        pool_name: pd
        pool_prefix_length: 64
        add_default_route: true
    state: merged
''',
    },
    'ipv6_nd': {
        'path': '/ipv6/nd',
        'kind': 'list',
        'keys': ['interface'],
        'flags': ['dynamic', 'default'],
        'short_description': 'Manage IPv6 neighbour discovery (/ipv6 nd)',
        'description': [
            'Sets how the router sends router advertisements on each interface.',
            'RouterOS has a default entry for C(interface=all); give I(interface=all) to change it. It is never removed.',
        ],
        'fields': {
            'interface': {'type': 'str', 'required': True, 'description': 'Interface, or C(all) for the default entry.'},
            'ra_interval': {'type': 'duration_range', 'limits': [3, 1800], 'default': '3m20s-10m',
                            'description': 'Range C(MIN-MAX) between unsolicited advertisements, e.g. C(20s-1m); '
                            'a single value such as C(10s) is not accepted.'},
            'ra_lifetime': {'type': 'duration', 'default': '30m', 'description': 'Router lifetime announced.'},
            'ra_delay': {'type': 'duration', 'default': '3s', 'description': 'Least time between advertisements.'},
            'ra_preference': {'type': 'enum', 'choices': ['high', 'low', 'medium'], 'default': 'medium', 'description': 'Router preference.'},
            'managed_address_configuration': {'type': 'bool', 'default': False, 'description': 'Hosts get addresses by DHCPv6.'},
            'other_configuration': {'type': 'bool', 'default': False, 'description': 'Hosts get other settings by DHCPv6.'},
            'advertise_mac_address': {'type': 'bool', 'default': True, 'description': 'Include the MAC address.'},
            'advertise_dns': {'type': 'bool', 'description': 'Include the DNS servers of the router.'},
            'hop_limit': {'type': 'str', 'default': 'unspecified', 'description': 'Hop limit announced, or C(unspecified).'},
            'disabled': DISABLED,
        },
        'examples': '''
- name: Router advertisements on the LAN every 20 s to 1 min, with DNS
  soho.routeros.ipv6_nd:
    config:
      - interface: bridge
        ra_interval: 20s-1m
        advertise_dns: true
    state: merged
''',
    },
    'ipv6_firewall_filter': {
        'path': '/ipv6/firewall/filter',
        'kind': 'ordered',
        'keys': [],
        'order_by': 'chain',
        'flags': ['dynamic', 'builtin'],
        'short_description': 'Manage IPv6 firewall filter rules (/ipv6 firewall filter)',
        'description': ['Adds, changes, orders and removes IPv6 filter rules.'],
        'notes': ORDERED_NOTES,
        'fields': _firewall_fields(6, FIREWALL_ACTIONS_FILTER),
        'examples': '''
- name: IPv6 input chain, default deny from outside the LAN
  soho.routeros.ipv6_firewall_filter:
    config:
      - chain: input
        action: accept
        connection_state: [established, related, untracked]
        comment: "defconf: accept established,related,untracked"
      - chain: input
        action: drop
        connection_state: [invalid]
        comment: "defconf: drop invalid"
      - chain: input
        action: accept
        protocol: icmpv6
        comment: "defconf: accept ICMPv6"
      - chain: input
        action: accept
        protocol: udp
        dst_port: "546"
        src_address: fe80::/10
        comment: "defconf: accept DHCPv6-Client prefix delegation"
      - chain: input
        action: drop
        in_interface_list: "!LAN"
        comment: "defconf: drop everything else not coming from LAN"
    state: merged
''',
    },
    'ipv6_firewall_address_list': {
        'path': '/ipv6/firewall/address-list',
        'kind': 'list',
        'keys': ['list', 'address'],
        'flags': ['dynamic'],
        'short_description': 'Manage IPv6 firewall address lists (/ipv6 firewall address-list)',
        'description': ['Adds and removes networks in IPv6 address lists such as C(bad_ipv6).'],
        'fields': {
            'list': {'type': 'str', 'required': True, 'description': 'Name of the address list.'},
            'address': {'type': 'ipv6_network', 'required': True, 'description': 'Network or address, e.g. C(fec0::/10).'},
            'timeout': {'type': 'duration', 'description': 'How long the entry stays; unset means forever.'},
            'comment': COMMENT,
            'disabled': DISABLED,
        },
        'examples': '''
- name: Bogon IPv6 networks
  soho.routeros.ipv6_firewall_address_list:
    config:
      - list: bad_ipv6
        address: ::/128
        comment: "defconf: unspecified address"
      - list: bad_ipv6
        address: fec0::/10
        comment: "defconf: site-local"
      - list: bad_ipv6
        address: 2001:db8::/32
        comment: "defconf: documentation"
    state: merged
''',
    },
    'interface_vlan': {
        'path': '/interface/vlan',
        'kind': 'list',
        'keys': ['name'],
        'flags': [],
        'short_description': 'Manage VLAN interfaces (/interface vlan)',
        'description': [
            'Creates, changes and removes VLAN interfaces, such as a guest network tagged on the LAN bridge.',
            'A VLAN interface is identified by its I(name), so its VLAN ID and parent interface can be changed in place.',
        ],
        'fields': {
            'name': {'type': 'str', 'required': True, 'description': 'Name of the VLAN interface, e.g. C(vlan20-guest); identifies it.'},
            'vlan_id': {'type': 'int', 'required': True, 'limits': [1, 4094], 'description': 'VLAN ID (802.1Q tag), 1 to 4094.'},
            'interface': {'type': 'str', 'required': True,
                          'description': 'Interface the VLAN is tagged on, e.g. C(bridge) or C(ether2).'},
            'mtu': {'type': 'int', 'default': 1500, 'description': 'Layer 3 MTU.'},
            'arp': {'type': 'enum', 'choices': ['disabled', 'enabled', 'local-proxy-arp', 'proxy-arp', 'reply-only'],
                    'default': 'enabled', 'description': 'ARP mode of the interface.'},
            'use_service_tag': {'type': 'bool', 'default': False, 'description': 'Use the 802.1ad service tag instead of 802.1Q.'},
            'comment': COMMENT,
            'disabled': DISABLED,
            'mac_address': {'type': 'str', 'readonly': True, 'description': 'MAC address of the interface.'},
            'running': {'type': 'bool', 'readonly': True, 'description': 'Whether the interface is up.'},
        },
        'examples': '''
- name: Guest VLAN 20 on the LAN bridge
  soho.routeros.interface_vlan:
    config:
      - name: vlan20-guest
        vlan_id: 20
        interface: bridge
        comment: Guest Wi-Fi
    state: merged

- name: Remove the guest VLAN
  soho.routeros.interface_vlan:
    config:
      - name: vlan20-guest
    state: deleted
''',
    },
    'ip_dhcp_server_lease': {
        'path': '/ip/dhcp-server/lease',
        'kind': 'list',
        'keys': ['mac_address'],
        'flags': ['dynamic'],
        'short_description': 'Manage static DHCP leases (/ip dhcp-server lease)',
        'description': [
            'Gives a device the same IPv4 address every time it asks by DHCP (a static lease or reservation).',
            'A lease is identified by the I(mac_address) of the device: one MAC address has one static lease. Leases the '
            'server handed out by itself (dynamic leases) are never shown, changed or removed.',
        ],
        'fields': {
            'mac_address': {'type': 'mac_address', 'required': True,
                            'description': 'MAC address of the device, e.g. C(00:11:22:33:44:55); identifies the lease. '
                            'Upper or lower case and C(-) or C(:) separators are the same address.'},
            'address': {'type': 'ipv4_address', 'required': True, 'description': 'Address to give the device, e.g. C(192.168.88.20).'},
            'server': {'type': 'str', 'default': 'all',
                       'description': 'DHCP server the lease belongs to (its name), or C(all) for every server.'},
            'client_id': {'type': 'str', 'default': '', 'description': 'DHCP client identifier to match instead of the MAC address.'},
            'lease_time': {'type': 'duration',
                           'description': 'Lease time of this device, e.g. C(1d); C(0s) uses the lease time of the server.'},
            'address_lists': {'type': 'set', 'elements': 'str', 'default': [],
                              'description': 'Firewall address lists the address is put in while the lease is active.'},
            'comment': COMMENT,
            'disabled': DISABLED,
            'status': {'type': 'str', 'readonly': True, 'description': 'C(waiting), C(bound), ...'},
            'host_name': {'type': 'str', 'readonly': True, 'description': 'Host name the device sent.'},
        },
        'examples': '''
- name: Fixed address for the printer
  soho.routeros.ip_dhcp_server_lease:
    config:
      - mac_address: "00:11:22:33:44:55"
        address: 192.168.88.20
        server: lan
        comment: Printer
    state: merged
''',
    },
    'ip_dns_static': {
        'path': '/ip/dns/static',
        'kind': 'list',
        'keys': ['name'],
        'flags': ['dynamic'],
        'short_description': 'Manage static DNS entries (/ip dns static)',
        'description': [
            'Adds, changes and removes static DNS names that the router answers for its LAN clients, such as C(nas.lan). '
            'LAN clients use them when they use the router as resolver (M(soho.routeros.ip_dns) with '
            'I(allow_remote_requests=true)).',
            'An entry is identified by its I(name): one name has one address here. Entries matching a regular expression '
            '(C(regexp)) are not managed by this module, and I(state=overridden) removes them.',
        ],
        'fields': {
            'name': {'type': 'str', 'required': True, 'description': 'Host name, e.g. C(nas.lan); identifies the entry.'},
            'address': {'type': 'ip_address', 'required': True,
                        'description': 'Address the name resolves to, e.g. C(192.168.88.10).'},
            'ttl': {'type': 'duration', 'default': '1d', 'description': 'Time to live of the answer, e.g. C(1d) or C(24h).'},
            'comment': COMMENT,
            'disabled': DISABLED,
        },
        'examples': '''
- name: Name for the NAS
  soho.routeros.ip_dns_static:
    config:
      - name: nas.lan
        address: 192.168.88.10
        comment: NAS
    state: merged
''',
    },
    'ip_firewall_raw': {
        'path': '/ip/firewall/raw',
        'kind': 'ordered',
        'keys': [],
        'order_by': 'chain',
        'flags': ['dynamic', 'builtin'],
        'short_description': 'Manage IPv4 firewall raw rules (/ip firewall raw)',
        'description': [
            'Adds, changes, orders and removes rules of the raw table, which sees packets before connection tracking: '
            'the cheap place to drop bogons and floods.',
            'Raw rules cannot match connection states (there is no connection tracking yet) and cannot reject.',
        ],
        'notes': ORDERED_NOTES,
        'fields': dict(
            ((name, field) for name, field in _firewall_fields(4, [
                'accept', 'add-dst-to-address-list', 'add-src-to-address-list', 'drop', 'jump', 'log', 'notrack',
                'passthrough', 'return',
            ]).items() if name not in ('connection_state', 'connection_nat_state', 'reject_with')),
            chain={'type': 'str', 'required': True,
                   'description': 'Chain of the rule: C(prerouting), C(output), or a custom chain.'},
        ),
        'examples': '''
- name: Drop packets from bogon sources arriving on the WAN
  soho.routeros.ip_firewall_raw:
    config:
      - chain: prerouting
        action: drop
        in_interface_list: WAN
        src_address_list: bogons
        comment: "raw: drop bogons from WAN"
    state: merged
''',
    },
    'ip_firewall_address_list': {
        'path': '/ip/firewall/address-list',
        'kind': 'list',
        'keys': ['list', 'address'],
        'flags': ['dynamic'],
        'short_description': 'Manage IPv4 firewall address lists (/ip firewall address-list)',
        'description': [
            'Adds and removes addresses, networks and ranges in IPv4 address lists, such as C(bogons), that firewall rules '
            'match with I(src_address_list) and I(dst_address_list).',
            'An entry is identified by I(list) and I(address) together. Entries added by firewall rules or with a '
            'timeout are dynamic: they are never shown, changed or removed.',
            'There is no C(timeout) option: RouterOS v6 makes an entry with a timeout dynamic and leaves it out of the '
            'configuration, so a task could never find it again. Entries managed here stay until removed.',
        ],
        'fields': {
            'list': {'type': 'str', 'required': True, 'description': 'Name of the address list.'},
            'address': {'type': 'ipv4_range', 'required': True,
                        'description': 'Address, network or range, e.g. C(192.0.2.1), C(10.0.0.0/8) or '
                        'C(192.0.2.10-192.0.2.20). Host names are not accepted.'},
            'comment': COMMENT,
            'disabled': DISABLED,
        },
        'examples': '''
- name: Bogon networks
  soho.routeros.ip_firewall_address_list:
    config:
      - list: bogons
        address: 0.0.0.0/8
        comment: "this network"
      - list: bogons
        address: 127.0.0.0/8
        comment: loopback
      - list: bogons
        address: 169.254.0.0/16
        comment: link-local
      - list: bogons
        address: 192.0.2.0/24
        comment: documentation
    state: merged
''',
    },
    'ip_neighbor_discovery': {
        'path': '/ip/neighbor/discovery-settings',
        'kind': 'single',
        'keys': [],
        'flags': [],
        'short_description': 'Limit neighbour discovery (/ip neighbor discovery-settings)',
        'description': [
            'Chooses the interfaces on which the router announces itself and listens for neighbours (MNDP, CDP, LLDP). '
            'MikroTik\'s default configuration limits it to the C(LAN) interface list.',
            'The RouterOS v6 default of I(discover_interface_list) is not known for every release, so I(state=deleted) '
            'and I(state=replaced) leave it as it is: give it explicitly.',
        ],
        'fields': {
            'discover_interface_list': {'type': 'str',
                                        'description': 'Interface list to discover neighbours on, e.g. C(LAN); '
                                        'C(none) turns discovery off.'},
        },
        'examples': '''
- name: Neighbour discovery on the LAN only
  soho.routeros.ip_neighbor_discovery:
    config:
      discover_interface_list: LAN
    state: merged
''',
    },
    'mac_server': {
        'path': '/tool/mac-server',
        'kind': 'single',
        'keys': [],
        'flags': [],
        'short_description': 'Limit MAC Telnet access (/tool mac-server)',
        'description': [
            'Chooses the interfaces on which the router accepts MAC Telnet connections (access by MAC address, without IP).',
            'MAC WinBox access is a separate setting of RouterOS (C(/tool mac-server mac-winbox)): set it with '
            'M(soho.routeros.mac_server_winbox). MikroTik\'s default configuration limits both to the C(LAN) interface list.',
        ],
        'fields': {
            'allowed_interface_list': {'type': 'str', 'default': 'all',
                                       'description': 'Interface list allowed to connect, e.g. C(LAN); C(none) turns '
                                       'MAC Telnet off.'},
        },
        'examples': '''
- name: MAC Telnet from the LAN only
  soho.routeros.mac_server:
    config:
      allowed_interface_list: LAN
    state: merged

- name: MAC WinBox from the LAN only
  soho.routeros.mac_server_winbox:
    config:
      allowed_interface_list: LAN
    state: merged
''',
    },
    'mac_server_winbox': {
        'path': '/tool/mac-server/mac-winbox',
        'kind': 'single',
        'keys': [],
        'flags': [],
        'short_description': 'Limit MAC WinBox access (/tool mac-server mac-winbox)',
        'description': [
            'Chooses the interfaces on which the router accepts WinBox connections by MAC address (without IP).',
            'MAC Telnet is set separately with M(soho.routeros.mac_server).',
        ],
        'fields': {
            'allowed_interface_list': {'type': 'str', 'default': 'all',
                                       'description': 'Interface list allowed to connect, e.g. C(LAN); C(none) turns '
                                       'MAC WinBox off.'},
        },
        'examples': '''
- name: MAC WinBox from the LAN only
  soho.routeros.mac_server_winbox:
    config:
      allowed_interface_list: LAN
    state: merged
''',
    },
    'ipv6_settings': {
        'path': '/ipv6/settings',
        'kind': 'single',
        'keys': [],
        'flags': [],
        'short_description': 'Configure IPv6 forwarding and router advertisements (/ipv6 settings)',
        'description': [
            'Sets whether the router forwards IPv6 and whether it accepts router advertisements and redirects.',
            'The menu exists only while the C(ipv6) package is enabled (see M(soho.routeros.system_package)).',
        ],
        'fields': {
            'forward': {'type': 'bool', 'default': True, 'description': 'Forward IPv6 packets between interfaces.'},
            'accept_router_advertisements': {
                'type': 'enum', 'choices': ['no', 'yes', 'yes-if-forwarding-disabled'], 'default': 'yes-if-forwarding-disabled',
                'description': 'Accept router advertisements (to configure addresses and a default route from them). '
                + BOOL_WORDS_NOTE},
            'accept_redirects': {'type': 'enum', 'choices': ['no', 'yes-if-forwarding-disabled'],
                                 'default': 'yes-if-forwarding-disabled', 'description': 'Accept ICMPv6 redirects.'},
            'max_neighbor_entries': {'type': 'int', 'default': 8192, 'description': 'Size of the neighbour table.'},
        },
        'examples': '''
- name: Route IPv6 and take the default route from the ISP's advertisements
  soho.routeros.ipv6_settings:
    config:
      forward: true
      accept_router_advertisements: "yes"
    state: merged
''',
    },
    'system_identity': {
        'path': '/system/identity',
        'kind': 'single',
        'keys': [],
        'flags': [],
        'short_description': 'Set the router name (/system identity)',
        'description': ['Sets the name of the router, shown in WinBox, in the CLI prompt and to neighbours.'],
        'fields': {
            'name': {'type': 'str', 'default': 'MikroTik', 'description': 'Name of the router.'},
        },
        'examples': '''
- name: Router name from the inventory
  soho.routeros.system_identity:
    config:
      name: "{{ inventory_hostname }}"
    state: merged
''',
    },
    'system_package': {
        'path': '/system/package',
        'kind': 'fixed',
        'keys': ['name'],
        'flags': [],
        'apply_on_reboot': True,
        'short_description': 'Enable and disable installed packages (/system package)',
        'description': [
            'Enables or disables installed RouterOS packages, such as C(ipv6), which RouterOS v6 ships as a package of its '
            'own. Packages cannot be installed or removed with this module.',
            'B(RouterOS v6 applies the change only after a reboot.) Until then the package keeps running as before (an '
            'C(ipv6) package being enabled has no C(/ipv6) menus yet), and RouterOS shows the change as C(scheduled for '
            'enable) or C(scheduled for disable). The module compares against that scheduled state, so a second run is '
            'unchanged, and returns I(reboot_required=true) while a change waits for a reboot. It never reboots: reboot '
            'with M(soho.routeros.command) and C(/system/reboot) when I(reboot_required) is true.',
            'A package has no known default state, so I(state=replaced), I(state=overridden) and I(state=deleted) do not '
            'change packages that are not given.',
        ],
        'fields': {
            'name': {'type': 'str', 'readonly': True, 'required': True, 'description': 'Name of the package, e.g. C(ipv6); identifies it.'},
            'disabled': {'type': 'bool',
                         'description': 'Whether the package is disabled after the next reboot (what RouterOS scheduled, or '
                         'else its running state).'},
            'version': {'type': 'str', 'readonly': True, 'description': 'Version of the package.'},
        },
        'examples': '''
- name: Enable IPv6 (RouterOS v6 applies it at the next reboot)
  soho.routeros.system_package:
    config:
      - name: ipv6
        disabled: false
    state: merged
  register: packages

- name: Reboot to apply the package change
  soho.routeros.command:
    command: /system/reboot
  when: packages.reboot_required
''',
        'returns': {
            'reboot_required': {
                'description': 'Whether the packages run in another state than the one scheduled for the next reboot, '
                'so that a reboot is needed to apply it (also in check mode and with I(state=gathered)).',
                'returned': 'always, except with I(state=rendered)',
                'type': 'bool',
                'sample': True,
            },
        },
    },
    'system_script': {
        'path': '/system/script',
        'kind': 'list',
        'keys': ['name'],
        'flags': [],
        'short_description': 'Manage scripts (/system script)',
        'description': ['Creates, changes and removes scripts, which the scheduler, netwatch or other scripts run by name.'],
        'fields': {
            'name': {'type': 'str', 'required': True, 'description': 'Name of the script; identifies it.'},
            'source': {'type': 'str', 'default': '', 'description': 'RouterOS script text.'},
            'policy': {'type': 'set', 'elements': 'enum', 'default': [
                'ftp', 'password', 'policy', 'read', 'reboot', 'romon', 'sensitive', 'sniff', 'test', 'write'],
                'choices': ['api', 'dude', 'ftp', 'local', 'password', 'policy', 'read', 'reboot', 'romon', 'sensitive',
                            'sniff', 'ssh', 'telnet', 'test', 'web', 'winbox', 'write'],
                'description': 'Permissions the script runs with, in any order.'},
            'dont_require_permissions': {'type': 'bool', 'default': False,
                                         'description': 'Run with the I(policy) of the script whatever the permissions of '
                                         'the user or scheduler that starts it.'},
            'comment': COMMENT,
            'owner': {'type': 'str', 'readonly': True, 'description': 'User who created the script.'},
            'run_count': {'type': 'int', 'readonly': True, 'description': 'How many times the script has run.'},
            'last_started': {'type': 'str', 'readonly': True, 'description': 'When the script last ran.'},
            'invalid': {'type': 'bool', 'readonly': True, 'description': 'Whether RouterOS considers the script invalid.'},
        },
        'examples': '''
- name: Script that saves a configuration export on the router
  soho.routeros.system_script:
    config:
      - name: nightly-export
        source: |
          /export file=nightly
        policy: [ftp, read, write, policy, test, sensitive]
        comment: Nightly configuration export
    state: merged
''',
    },
    'system_scheduler': {
        'path': '/system/scheduler',
        'kind': 'list',
        'keys': ['name'],
        'flags': [],
        'short_description': 'Manage scheduled tasks (/system scheduler)',
        'description': [
            'Creates, changes and removes scheduler entries, which run a script or a command at a time, at startup, or '
            'every I(interval).',
            'Without I(start_date) and I(start_time) RouterOS takes the date and time of creation; the module compares them '
            'only when given.',
        ],
        'fields': {
            'name': {'type': 'str', 'required': True, 'description': 'Name of the entry; identifies it.'},
            'on_event': {'type': 'str', 'default': '',
                         'description': 'What to run: the name of a script (M(soho.routeros.system_script)) or script text.'},
            'start_date': {'type': 'str', 'description': 'First day to run, in the RouterOS v6 form C(jan/01/2024).'},
            'start_time': {'type': 'time_of_day', 'description': 'Time of day to run, C(HH:MM:SS) such as C(03:00:00), or C(startup).'},
            'interval': {'type': 'duration', 'default': '0s',
                         'description': 'Time between runs, e.g. C(1d) or C(24h); C(0s) runs once.'},
            'policy': {'type': 'set', 'elements': 'enum', 'default': [
                'ftp', 'password', 'policy', 'read', 'reboot', 'romon', 'sensitive', 'sniff', 'test', 'write'],
                'choices': ['api', 'dude', 'ftp', 'local', 'password', 'policy', 'read', 'reboot', 'romon', 'sensitive',
                            'sniff', 'ssh', 'telnet', 'test', 'web', 'winbox', 'write'],
                'description': 'Permissions the entry runs with, in any order.'},
            'comment': COMMENT,
            'disabled': DISABLED,
            'owner': {'type': 'str', 'readonly': True, 'description': 'User who created the entry.'},
            'run_count': {'type': 'int', 'readonly': True, 'description': 'How many times the entry has run.'},
            'next_run': {'type': 'str', 'readonly': True, 'description': 'When the entry runs next.'},
        },
        'examples': '''
- name: Run the nightly export at 03:00
  soho.routeros.system_scheduler:
    config:
      - name: nightly-export
        on_event: nightly-export
        start_time: "03:00:00"
        interval: 1d
        policy: [ftp, read, write, policy, test, sensitive]
    state: merged
''',
    },
    'system_ntp_client': {
        'path': '/system/ntp/client',
        'kind': 'single',
        'keys': [],
        'flags': [],
        'short_description': 'Configure the NTP client (/system ntp client)',
        'description': [
            'Sets the time servers the router synchronises its clock with. Correct time matters for logs, certificates '
            'and scheduled tasks.',
            'RouterOS v6 takes up to two IPv4 server addresses (I(primary_ntp), I(secondary_ntp)) and, separately, server '
            'names (I(server_dns_names)), which need a working DNS resolver.',
        ],
        'fields': {
            'enabled': {'type': 'bool', 'default': False, 'description': 'Whether the client runs.'},
            'mode': {'type': 'enum', 'choices': ['broadcast', 'manycast', 'multicast', 'unicast'],
                     'description': 'How the client finds servers; C(unicast) asks the servers given.'},
            'primary_ntp': {'type': 'ipv4_address', 'default': '0.0.0.0',
                            'description': 'IPv4 address of the first server; C(0.0.0.0) for none.'},
            'secondary_ntp': {'type': 'ipv4_address', 'default': '0.0.0.0',
                              'description': 'IPv4 address of the second server; C(0.0.0.0) for none.'},
            'server_dns_names': {'type': 'set', 'elements': 'str', 'default': [],
                                 'description': 'Host names of servers, e.g. C(0.pool.ntp.org), in any order.'},
            'status': {'type': 'str', 'readonly': True, 'description': 'C(synchronized), C(started), ...'},
        },
        'examples': '''
- name: Synchronise the clock with the NTP pool
  soho.routeros.system_ntp_client:
    config:
      enabled: true
      mode: unicast
      server_dns_names:
        - 0.pool.ntp.org
        - 1.pool.ntp.org
    state: merged

- name: Synchronise the clock with the ISP's time servers by address
  soho.routeros.system_ntp_client:
    config:
      enabled: true
      primary_ntp: 192.0.2.123
      secondary_ntp: 198.51.100.123
    state: merged
''',
    },
    'user': {
        'path': '/user',
        'kind': 'list',
        'keys': ['name'],
        'flags': [],
        'short_description': 'Manage router users (/user)',
        'description': [
            'Creates, changes and removes the users who log in to the router (WinBox, SSH, API, ...).',
            'I(password) is write-only: RouterOS never shows it, so the module cannot compare it. It is sent only when the '
            'user is created and never appears in the result, the diff or the commands. This module has no '
            'C(update_password) option; to change the password of an existing user, run C(/user/set) with '
            'M(soho.routeros.command) and C(no_log: true), as in the examples.',
            'B(Careful:) I(state=overridden) removes every user not given, and I(state=deleted) without I(config) removes '
            'every user, including the one the module logs in as. Keep at least one user of group C(full).',
        ],
        'fields': {
            'name': {'type': 'str', 'required': True, 'description': 'User name; identifies the user.'},
            'group': {'type': 'str', 'required': True,
                      'description': 'Group of the user: C(full), C(write), C(read) or a group of your own.'},
            'password': {'type': 'str', 'secret': True,
                         'description': 'Password, set when the user is created. Never shown; put it in Ansible Vault.'},
            'address': {'type': 'set', 'elements': 'ip_network', 'default': [],
                        'description': 'Networks the user may log in from; empty allows every address.'},
            'comment': COMMENT,
            'disabled': DISABLED,
            'last_logged_in': {'type': 'str', 'readonly': True, 'description': 'When the user last logged in.'},
        },
        'examples': '''
- name: Named admin user with a vaulted password, from the LAN only
  soho.routeros.user:
    config:
      - name: alice
        group: full
        password: "{{ vault_routeros_alice_password }}"
        address: [192.168.88.0/24]
        comment: Alice (admin)
    state: merged

- name: Remove the factory admin user once alice can log in
  soho.routeros.user:
    config:
      - name: admin
    state: deleted
    username: alice
    password: "{{ vault_routeros_alice_password }}"

- name: Change the password of an existing user
  soho.routeros.command:
    command: /user/set
    arguments:
      numbers: alice
      password: "{{ vault_routeros_alice_new_password }}"
  no_log: true
''',
    },
    'snmp': {
        'path': '/snmp',
        'kind': 'single',
        'keys': [],
        'flags': [],
        'short_description': 'Configure the SNMP agent (/snmp)',
        'description': [
            'Turns the SNMP agent on or off and sets the contact, location and traps. Who may query it is set per '
            'community with M(soho.routeros.snmp_community).',
        ],
        'fields': {
            'enabled': {'type': 'bool', 'default': False, 'description': 'Whether the SNMP agent runs.'},
            'contact': {'type': 'str', 'default': '', 'description': 'Contact shown as C(sysContact).'},
            'location': {'type': 'str', 'default': '', 'description': 'Location shown as C(sysLocation).'},
            'engine_id': {'type': 'str', 'default': '', 'description': 'SNMPv3 engine ID suffix; empty lets RouterOS choose.'},
            'trap_community': {'type': 'str', 'default': 'public', 'description': 'Community traps are sent with.'},
            'trap_version': {'type': 'int', 'default': 1, 'limits': [1, 3], 'description': 'SNMP version of the traps, 1 to 3.'},
            'trap_generators': {'type': 'set', 'elements': 'str', 'default': ['temp-exception'],
                                'description': 'Events that send traps: C(interfaces), C(start-trap), C(temp-exception).'},
            'trap_target': {'type': 'set', 'elements': 'ip_address', 'default': [],
                            'description': 'Addresses traps are sent to.'},
        },
        'examples': '''
- name: SNMP agent for the monitoring server
  soho.routeros.snmp:
    config:
      enabled: true
      contact: noc@example.com
      location: Office rack
    state: merged
''',
    },
    'snmp_community': {
        'path': '/snmp/community',
        'kind': 'list',
        'keys': ['name'],
        'flags': ['default'],
        'short_description': 'Manage SNMP communities (/snmp community)',
        'description': [
            'Creates, changes and removes SNMP communities and the addresses allowed to use them.',
            'For SNMP v1 and v2c the community I(name) is what clients authenticate with: it works like a password that '
            'RouterOS shows in clear, so pick one that is hard to guess and limit I(addresses) to the LAN or the '
            'monitoring host.',
            'The factory community C(public) is the default entry: it can be changed but is never removed; '
            'I(state=deleted) and I(state=overridden) reset it to its defaults instead.',
            'The SNMPv3 I(authentication_password) and I(encryption_password) are write-only: sent only when the community '
            'is created, never compared and never shown.',
        ],
        'fields': {
            'name': {'type': 'str', 'required': True, 'description': 'Community name; identifies it.'},
            'addresses': {'type': 'set', 'elements': 'ip_network', 'default': ['::/0'],
                          'description': 'Networks allowed to use the community; C(::/0) allows every address.'},
            'security': {'type': 'enum', 'choices': ['authorized', 'none', 'private'], 'default': 'none',
                         'description': 'SNMPv3 security: C(none), C(authorized) (authentication) or C(private) (and encryption).'},
            'read_access': {'type': 'bool', 'default': True, 'description': 'Allow reading.'},
            'write_access': {'type': 'bool', 'default': False, 'description': 'Allow writing.'},
            'authentication_protocol': {'type': 'enum', 'choices': ['MD5', 'SHA1'], 'default': 'MD5',
                                        'description': 'SNMPv3 authentication protocol.'},
            'encryption_protocol': {'type': 'enum', 'choices': ['AES', 'DES'], 'default': 'DES',
                                    'description': 'SNMPv3 encryption protocol.'},
            'authentication_password': {'type': 'str', 'secret': True,
                                        'description': 'SNMPv3 authentication password, set when the community is created. '
                                        'Never shown.'},
            'encryption_password': {'type': 'str', 'secret': True,
                                    'description': 'SNMPv3 encryption password, set when the community is created. Never shown.'},
            'disabled': DISABLED,
        },
        'examples': '''
- name: Read-only community for the LAN monitoring
  soho.routeros.snmp_community:
    config:
      - name: "{{ vault_snmp_community }}"
        addresses: [192.168.88.0/24]
        read_access: true
        write_access: false
    state: merged

- name: Keep the factory community, but only for the monitoring host
  soho.routeros.snmp_community:
    config:
      - name: public
        addresses: [192.168.88.5/32]
    state: merged
''',
    },
    'tool_bandwidth_server': {
        'path': '/tool/bandwidth-server',
        'kind': 'single',
        'keys': [],
        'flags': [],
        'short_description': 'Turn the bandwidth test server on or off (/tool bandwidth-server)',
        'description': [
            'Sets whether the router answers bandwidth tests (C(/tool bandwidth-test) from another MikroTik, TCP port 2000 '
            'and a range of UDP ports). RouterOS v6 runs it by default; a router that is not used for link tests should '
            'turn it off.',
        ],
        'fields': {
            'enabled': {'type': 'bool', 'default': True, 'description': 'Whether the bandwidth test server runs.'},
            'authenticate': {'type': 'bool', 'default': True,
                             'description': 'Whether a test needs the user name and password of a router user.'},
            'allocate_udp_ports_from': {'type': 'int', 'default': 2000, 'limits': [1000, 65535],
                                        'description': 'First UDP port used by tests.'},
            'max_sessions': {'type': 'int', 'default': 100, 'limits': [1, 1000],
                             'description': 'Largest number of tests at the same time.'},
        },
        'examples': '''
- name: No bandwidth test server
  soho.routeros.tool_bandwidth_server:
    config:
      enabled: false
    state: merged
''',
    },
}

STATES = {
    'list': ['merged', 'replaced', 'overridden', 'deleted', 'gathered', 'rendered'],
    'ordered': ['merged', 'replaced', 'overridden', 'deleted', 'gathered', 'rendered'],
    'fixed': ['merged', 'replaced', 'overridden', 'deleted', 'gathered', 'rendered'],
    'single': ['merged', 'replaced', 'deleted', 'gathered', 'rendered'],
}


def ros_name(name, field):
    """RouterOS property name of an option."""
    return field.get('ros', name.replace('_', '-'))


def writable(entry):
    """Option name -> field of the fields a task may set."""
    return dict((name, field) for name, field in entry['fields'].items() if not field.get('readonly') or name in entry['keys'])


# Modules that do not manage one path: their options, in argument spec form, and their documentation.
OTHER_MODULES = {
    'facts': {
        'short_description': 'Gather facts from a RouterOS v6 router',
        'description': [
            'Reads the model, RouterOS version, identity, uptime, interfaces with their MAC addresses, IPv4 and IPv6 '
            'addresses, DHCP and DHCPv6 client status and delegated prefixes, and returns them as facts named '
            'C(routeros_*), e.g. C(ansible_facts.routeros_version) or simply C(routeros_version).',
            'It only reads: it never changes the router, and runs in check mode too.',
        ],
        'options': {},
        'examples': '''
- name: Gather router facts
  soho.routeros.facts:

- name: Show the delegated prefix
  ansible.builtin.debug:
    msg: "{{ routeros_delegated_prefixes }}"
''',
    },
    'command': {
        'short_description': 'Run one RouterOS API command',
        'description': [
            'Runs one command of the RouterOS API for what no module of this collection covers, e.g. '
            'C(/system/reboot) or C(/tool/fetch).',
            'In check mode the command is not sent, unless it only reads (C(print) or C(getall)).',
            'Prefer the typed modules: they are idempotent and check what they are given; this module reports '
            'I(changed=true) for every command that is not a read.',
        ],
        'options': {
            'command': {'type': 'str', 'required': True,
                        'description': 'API command word: the path and the command, e.g. C(/ip/address/print).'},
            'arguments': {'type': 'dict', 'default': {},
                          'description': 'Attribute words of the command, e.g. C({interface: ether1}).'},
            'query': {'type': 'list', 'elements': 'str', 'default': [],
                      'description': 'Query words of a C(print), e.g. C(["?type=ether"]).'},
        },
        'examples': '''
- name: Read the routing table
  soho.routeros.command:
    command: /ip/route/print
  register: routes

- name: Save a configuration export on the router
  soho.routeros.command:
    command: /export
    arguments:
      file: backup-before-change
''',
    },
}
