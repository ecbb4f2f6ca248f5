# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The RouterOS v6 paths this collection manages, as data.

One entry per module, keyed by the module name. The engine, the argument spec, the module
documentation (tools/gen_modules.py) and the tests all read this table; the mapping between Ansible
option names and RouterOS property names lives only here.

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
  fields             option name -> field. The RouterOS name is the option name with ``_`` written
                     as ``-`` unless ``ros`` says otherwise.
  short_description, description, examples, notes: module documentation.

Field keys:
  type         str, enum (with ``choices``), bool, int, duration, duration_range, ipv4_address,
               ipv4_prefix (address with its prefix length, host bits kept), ipv4_network (host
               bits masked), ipv4_match (firewall: ``[!]`` address, network or range), ipv4_range,
               the ipv6 and ip (either family) counterparts, list (ordered) and set (order does not
               matter); list and set name their ``elements`` type. See values.py.
  description  user documentation of the option.
  default      the value an entry has when the field is not set: what ``state=replaced`` resets
               to and what a new entry gets. Absent when the RouterOS v6 default is not known;
               ``replaced`` then leaves the field as it is.
  send_default the module sends ``default`` when it creates an entry without this field, because
               the RouterOS default differs (v6 creates DHCP clients and servers disabled).
  required     needed to create an entry.
  readonly     printed by RouterOS, never sent (shown in before, after and gathered).
  secret       write-only: never read back, never shown; sent only when the entry is created.
  limits       (duration_range) lowest and highest seconds accepted.
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
        'connection_nat_state': {'type': 'set', 'elements': 'enum', 'choices': ['dstnat', 'srcnat'], 'default': [],
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
            'cache_size': {'type': 'int', 'default': 2048, 'description': 'Cache size in KiB.'},
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
            'gateway': {'type': 'str', 'required': True, 'description': 'Gateway address or interface.'},
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
