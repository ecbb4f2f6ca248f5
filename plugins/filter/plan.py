# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Address plans of the roles: derive every value with netaddr from a few variables, check them all.

Each filter takes the role's variables as a dict keyed by the variable names and returns the module
``config`` lists its tasks send, plus ``errors``: one sentence per bad value, each starting with the
name of the variable, so that the role can stop before it writes anything. The documentation of
each filter is in the YAML file of the same name next to this one.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import difflib
import re

from ansible.errors import AnsibleFilterError
from ansible.module_utils.common.text.converters import to_text
from ansible_collections.soho.routeros.plugins.module_utils import schema
from ansible_collections.soho.routeros.plugins.module_utils.values import (
    InvalidValue,
    parse_bool,
    parse_duration,
    parse_duration_range,
    parse_mac,
)

try:
    import netaddr
except ImportError:  # pragma: no cover - netaddr is in requirements.txt
    netaddr = None

NAME = re.compile(r'^[A-Za-z0-9][A-Za-z0-9_.-]*$')

# Router advertisement interval limits of RouterOS v6 (seconds).
RA_INTERVAL_LIMITS = (3, 1800)

EXTRA_NETWORK_KEYS = (
    'name', 'cidr', 'interface', 'bridge', 'bridge_ports', 'address', 'reserved', 'pool_ranges',
    'gateway', 'dhcp_dns_servers', 'domain', 'lease_time', 'interface_list', 'comment',
)
STATIC_LEASE_KEYS = ('address', 'mac_address', 'server', 'comment')

DEFCONF = 'defconf: '
# Every entry MikroTik's default configuration adds carries a comment starting with this: the roles take those over.
DEFCONF_TAG = 'defconf'

# MikroTik's default configuration (docs/routeros-v6.md) lists these IPv6 networks as never valid as a source or
# destination (address list bad_ipv6), each with this comment. Both the ipv6_pd and the hardening role use this list.
BAD_IPV6 = (
    ('::/128', 'unspecified address'),
    ('::1/128', 'lo'),
    ('fec0::/10', 'site-local'),
    ('::ffff:0.0.0.0/96', 'ipv4-mapped'),
    ('::/96', 'ipv4 compat'),
    ('100::/64', 'discard only'),
    ('2001:db8::/32', 'documentation'),
    ('2001:10::/28', 'ORCHID'),
    ('3ffe::/16', '6bone'),
)

IPSEC = (
    ('accept IKE', dict(protocol='udp', dst_port='500,4500')),
    ('accept ipsec AH', dict(protocol='ipsec-ah')),
    ('accept ipsec ESP', dict(protocol='ipsec-esp')),
    ('accept all that matches ipsec policy', dict(ipsec_policy='in,ipsec')),
)

ESTABLISHED = dict(connection_state=['established', 'related', 'untracked'])


def defconf_ipv6_filter(lan_list, bad_list, extra_input=()):
    """MikroTik's default IPv6 input and forward rules (docs/routeros-v6.md) with their comments, matched by interface
    list rather than by prefix (a delegated prefix changes). ``extra_input`` goes before the input chain's final drop."""
    def rule(chain, action, comment, **match):
        return dict(chain=chain, action=action, comment=comment, **match)

    deny = dict(in_interface_list='!' + lan_list)
    rules = [
        rule('input', 'accept', 'accept established,related,untracked', **ESTABLISHED),
        rule('input', 'drop', 'drop invalid', connection_state=['invalid']),
        rule('input', 'accept', 'accept ICMPv6', protocol='icmpv6'),
        rule('input', 'accept', 'accept UDP traceroute', protocol='udp', dst_port='33434-33534'),
        rule('input', 'accept', 'accept DHCPv6-Client prefix delegation.', protocol='udp', dst_port='546', src_address='fe80::/10'),
    ]
    rules += [rule('input', 'accept', c, **m) for c, m in IPSEC]
    rules += list(extra_input)
    rules += [
        rule('input', 'drop', 'drop everything else not coming from LAN', **deny),
        rule('forward', 'accept', 'accept established,related,untracked', **ESTABLISHED),
        rule('forward', 'drop', 'drop invalid', connection_state=['invalid']),
        rule('forward', 'drop', 'drop packets with bad src ipv6', src_address_list=bad_list),
        rule('forward', 'drop', 'drop packets with bad dst ipv6', dst_address_list=bad_list),
        rule('forward', 'drop', 'rfc4890 drop hop-limit=1', protocol='icmpv6', hop_limit='equal:1'),
        rule('forward', 'accept', 'accept ICMPv6', protocol='icmpv6'),
        rule('forward', 'accept', 'accept HIP', protocol='139'),
    ]
    rules += [rule('forward', 'accept', c, **m) for c, m in IPSEC]
    rules.append(rule('forward', 'drop', 'drop everything else not coming from LAN', **deny))
    return rules


class Plan(object):
    """Collects the errors of one role's variables while the values are derived."""

    def __init__(self, settings, role):
        if not isinstance(settings, dict):
            raise AnsibleFilterError('%s: expected a dict of the role variables, got %s' % (role, type(settings).__name__))
        if netaddr is None:
            raise AnsibleFilterError('%s: the netaddr Python library is required on the controller (pip install netaddr)' % role)
        self.settings = settings
        self.errors = []

    def get(self, name):
        return self.settings.get(name)

    def error(self, name, message):
        self.errors.append('%s: %s' % (name, message))

    def comment_prefix(self, name):
        """The comment prefix a role finds what it wrote by: any text but a blank one."""
        text = to_text(self.get(name) or '')
        if not text.strip():
            self.error(name, 'must not be empty: the role finds what it wrote by it')
        return text

    def text(self, name, value=None, required=True, pattern=NAME):
        value = self.get(name) if value is None else value
        if value is None or to_text(value).strip() == '':
            if required:
                self.error(name, 'must not be empty')
            return ''
        value = to_text(value).strip()
        if pattern is not None and not pattern.match(value):
            self.error(name, '%r is not a valid RouterOS name (letters, digits, _ . -)' % value)
        return value

    def boolean(self, name, value=None):
        value = self.get(name) if value is None else value
        try:
            return parse_bool(value)
        except InvalidValue:
            self.error(name, '%r is not a boolean (use true or false)' % (value,))
            return False

    def integer(self, name, low, high, value=None):
        value = self.get(name) if value is None else value
        try:
            if isinstance(value, bool):
                raise ValueError
            number = int(to_text(value).strip())
        except (TypeError, ValueError):
            self.error(name, '%r is not a whole number' % (value,))
            return None
        if number < low or number > high:
            self.error(name, '%d is out of range (%d-%d)' % (number, low, high))
            return None
        return number

    def choice(self, name, choices, value=None):
        value = self.get(name) if value is None else value
        if value not in choices:
            self.error(name, '%r is not one of %s' % (value, ', '.join(choices)))
            return None
        return value

    def duration(self, name, value=None):
        value = self.get(name) if value is None else value
        try:
            seconds = parse_duration(value)
        except InvalidValue:
            self.error(name, '%r is not a duration (examples: 30s, 10m, 1h30m, 1d, 00:10:00)' % (value,))
            return None
        if seconds <= 0:
            self.error(name, '%r must be longer than zero' % (value,))
            return None
        return to_text(value).strip()

    def items(self, name, value=None):
        value = self.get(name) if value is None else value
        if value is None:
            return []
        if isinstance(value, (str, bytes, dict)) or not hasattr(value, '__iter__'):
            self.error(name, 'must be a list, got %r' % (value,))
            return []
        return list(value)

    def address(self, name, value, version=4):
        """A bare address (no prefix length); ``version`` None takes IPv4 or IPv6."""
        text = to_text(value).strip() if value is not None else ''
        if version is None:
            version = 6 if ':' in text else 4
        valid = netaddr.valid_ipv4 if version == 4 else netaddr.valid_ipv6
        if not valid(text):
            self.error(name, '%r is not a valid IPv%d address' % (value, version))
            return None
        return netaddr.IPAddress(text, version)

    def addresses(self, name):
        """The list variable ``name`` of IPv4 or IPv6 addresses, as text."""
        parsed = [self.address(name, value, version=None) for value in self.items(name)]
        return [str(a) for a in parsed if a is not None]

    def prefix(self, name, value, version=4, network=False, low=0, high=None):
        """``address/length``: the network itself when ``network``, an interface address otherwise.

        ``version`` None takes IPv4 or IPv6 and any address inside the network (the network is then its ``cidr``)."""
        text = to_text(value).strip() if value is not None else ''
        if not text:
            self.error(name, 'must be set')
            return None
        address, slash, length = text.partition('/')
        family = version or (6 if ':' in address else 4)
        top = 32 if family == 4 else 128
        high = top if high is None else high
        valid = netaddr.valid_ipv4 if family == 4 else netaddr.valid_ipv6
        if not slash or not valid(address) or not re.match(r'^\d{1,3}$', length) or int(length) > top:
            if version is None:
                self.error(name, '%r is not a network in CIDR form (examples: 192.168.88.0/24, 2001:db8:2::/64, '
                           '192.0.2.10/32)' % (value,))
            else:
                self.error(name, '%r is not a valid IPv%d %s in CIDR form (example: %s)'
                           % (value, version, 'network' if network else 'address',
                              ('192.168.88.0/24' if network else '192.168.88.1/24') if version == 4
                              else ('2001:db8:2::/64' if network else '2001:db8:2::1/64')))
            return None
        if int(length) < low or int(length) > high:
            self.error(name, '%r: prefix length /%s is out of range (/%d to /%d)' % (value, length, low, high))
            return None
        ip = netaddr.IPNetwork(text, family)
        if version is None:
            return ip.cidr
        if network and ip.ip != ip.network:
            self.error(name, '%r has host bits set; the network is %s' % (value, ip.cidr))
            return None
        return ip

    def mac(self, name, value):
        """A MAC address as RouterOS prints it (00:11:22:AA:BB:CC), or None."""
        try:
            return parse_mac(value)
        except InvalidValue as exc:
            self.error(name, str(exc))
            return None


def port_names(existing):
    """Current name of each Ethernet port by its factory name (``default_name``), from the gathered /interface ethernet.

    The roles name ports as they leave the factory (ether1, ether2 ...); on a router configured by hand they may be
    called ``wan`` or ``lan`` now, and RouterOS knows them only by the current name."""
    names = {}
    for entry in (existing or {}).get('interface_ethernet') or []:
        if entry.get('default_name') and entry.get('name'):
            names[to_text(entry['default_name'])] = to_text(entry['name'])
    return names


def _renamed_port(existing, default_name, name):
    """``renamed`` for the tasks that name the port with factory name ``default_name``, which the run calls ``name``."""
    current = port_names(existing).get(default_name)
    return {'interface': {current: name}} if current and current != name else {}


def _port(names, port):
    """``port`` as RouterOS knows it now: its current name when it is a factory name no interface has any more."""
    current = set(names.values())
    return names.get(port, port) if port not in current else port


def _ports(names, value):
    """A list of ports with factory names replaced by current ones; anything else is left for the checks to refuse."""
    if not names or not isinstance(value, list):
        return value
    return [_port(names, p) if isinstance(p, str) else p for p in value]


def _namer(prefix):
    """Name of a network's variable from its suffix: lan_ipv4_cidr, lan_ipv4_extra_networks[0].cidr."""
    return lambda suffix: prefix + suffix


def _host_range(net):
    """First and last usable host of an IPv4 network."""
    if net.prefixlen >= 31:
        return net[0], net[-1]
    return net[1], net[-2]


def _parse_range(plan, name, text, net, router, cidr_var):
    """One pool range ``a-b`` (or a single address) inside ``net`` and clear of the router address."""
    text = to_text(text).strip()
    first_text, dash, last_text = text.partition('-')
    first = plan.address(name, first_text)
    last = plan.address(name, last_text) if dash else first
    if first is None or last is None:
        return None
    if first > last:
        plan.error(name, '%s starts above its end' % text)
        return None
    low, high = _host_range(net)
    if first < low or last > high:
        plan.error(name, '%s is outside %s %s (usable hosts %s-%s)' % (text, cidr_var, net.cidr, low, high))
        return None
    if router is not None and first <= router <= last:
        plan.error(name, '%s covers the router address %s' % (text, router))
        return None
    return netaddr.IPRange(first, last)


def _closest(name, names):
    close = difflib.get_close_matches(name, sorted(names), n=1)
    return '; did you mean %s?' % close[0] if close else '; the router has %s' % ', '.join(sorted(names))


def _present(plan, name, port, existing_interfaces, skip='lan_ipv4_skip_absent_ports'):
    """Whether ``port`` is on the router; an absent port is an error unless the variable ``skip`` allows it."""
    if existing_interfaces is None or port in existing_interfaces:
        return True
    if not plan.boolean(skip, plan.get(skip) or False):
        plan.error(name, '%s is not an interface of this router%s (%s: true skips absent ports, for one inventory shared '
                   'by several router models)' % (port, _closest(port, existing_interfaces), skip))
    return False


def _network(plan, spec, existing_interfaces):
    """Derive and check one IPv4 network (the LAN or an extra network such as the guest Wi-Fi)."""
    var = spec['var']
    net = plan.prefix(var('cidr'), spec['cidr'], network=True, low=8, high=30)
    if net is None:
        return None
    low, high = _host_range(net)

    router = low
    if spec.get('address'):
        router = plan.address(var('address'), spec['address'])
        if router is None:
            return None
        if router not in net or router == net.network or router == net.broadcast:
            plan.error(var('address'), '%s is not a usable host of %s %s' % (router, var('cidr'), net.cidr))
            return None

    gateway = router
    if spec.get('gateway'):
        gateway = plan.address(var('gateway'), spec['gateway'])
        if gateway is not None and (gateway not in net or gateway in (net.network, net.broadcast)):
            plan.error(var('gateway'), '%s is outside %s %s' % (gateway, var('cidr'), net.cidr))
            gateway = None

    ranges = []
    explicit = plan.items(var('pool_ranges'), spec.get('pool_ranges'))
    if explicit:
        for text in explicit:
            parsed = _parse_range(plan, var('pool_ranges'), text, net, router, var('cidr'))
            if parsed is not None:
                for other in ranges:
                    if parsed.first <= other.last and other.first <= parsed.last:
                        plan.error(var('pool_ranges'), '%s overlaps %s' % (text, other))
                ranges.append(parsed)
    else:
        reserved = plan.integer(var('reserved'), 0, 65535, spec.get('reserved', 8))
        if reserved is not None:
            first = router + 1 + reserved
            if first > high:
                plan.error(var('reserved'), '%d reserved addresses after the router %s leave no pool in %s' % (reserved, router, net.cidr))
            else:
                ranges.append(netaddr.IPRange(first, high))

    dns_servers = []
    for server in plan.items(var('dhcp_dns_servers'), spec.get('dhcp_dns_servers')):
        parsed = plan.address(var('dhcp_dns_servers'), server)
        if parsed is not None:
            dns_servers.append(str(parsed))
    if not dns_servers:
        dns_servers = [str(router)]

    lease_time = plan.duration(var('lease_time'), spec.get('lease_time'))
    interface = plan.text(var('interface'), spec.get('interface'))
    is_bridge = plan.boolean(var('bridge'), spec.get('bridge'))
    ports = []
    ports_var = var(spec.get('ports_key', 'bridge_ports'))
    for port in plan.items(ports_var, spec.get('bridge_ports')):
        port = plan.text(ports_var, port)
        if port == interface:
            plan.error(ports_var, '%s is the bridge itself' % port)
        elif port and _present(plan, ports_var, port, existing_interfaces, spec.get('skip', 'lan_ipv4_skip_absent_ports')):
            ports.append(port)
    if not is_bridge and interface and existing_interfaces is not None and interface not in existing_interfaces:
        plan.error(var('interface'), '%s is not an interface of this router (a VLAN or port must exist when %s is false)%s'
                   % (interface, var('bridge'), _closest(interface, existing_interfaces)))
    if ports and not is_bridge:
        plan.error(var('bridge_ports'), 'needs %s to be true (%s is not a bridge)' % (var('bridge'), interface))

    return {
        'name': spec['name'],
        'net': net,
        'router': router,
        'interface': interface,
        'bridge': is_bridge,
        'ports': ports,
        'cidr': str(net.cidr),
        'address': '%s/%d' % (router, net.prefixlen),
        'gateway': str(gateway) if gateway is not None else None,
        'ranges': ranges,
        'pool_ranges': ['%s-%s' % (r[0], r[-1]) if r.size > 1 else str(r[0]) for r in ranges],
        'dns_servers': dns_servers,
        'domain': to_text(spec.get('domain') or '').strip(),
        'lease_time': lease_time,
        'pool_name': spec['pool_name'],
        'server_name': spec['server_name'],
        'interface_list': spec['interface_list'],
        'comment': spec['comment'],
    }


def _adopt(existing, key, match, fallback):
    """Name of an entry the router already has for the same purpose (MikroTik defconf's), else fallback."""
    for entry in (existing or {}).get(key) or []:
        if match(entry):
            return entry.get('name') or entry.get('comment') or fallback
    return fallback


def settings_of(key, entry):
    """A gathered entry of the module ``key`` as a config item that finds it again: its settings, without what RouterOS
    reports about it (flags, counters)."""
    path = schema.PATHS[key]
    return dict((n, v) for n, v in entry.items() if n in path.fields and not path.fields[n].get('readonly') and n not in path.flags)


def wan_ports(existing, wan_list):
    """The router's WAN ports: the members of the WAN interface list, and ``existing['wan_ports']``, the ports site.yml's
    WAN role puts there in this run (a check run knows them before the WAN role has written)."""
    ports = set(m.get('interface') for m in (existing or {}).get('interface_list_member') or [] if m.get('list') == wan_list)
    return (ports | set(to_text(p) for p in (existing or {}).get('wan_ports') or [])) - set([None, ''])


def _check_against_wan(plan, networks, existing, wan_list, ports):
    """The LAN must not take a WAN port (``ports``), nor the network the ISP (or its modem) put on the WAN."""
    if not existing:
        return
    wan_addresses = []
    for entry in existing.get('addresses') or []:
        if entry.get('dynamic') or entry.get('interface') in ports:
            try:
                wan_addresses.append((netaddr.IPNetwork(to_text(entry.get('address'))), entry.get('interface')))
            except (netaddr.AddrFormatError, ValueError, TypeError):
                continue
    for spec, network in networks:
        var = spec['var']
        if network['interface'] in ports:
            plan.error(var('interface'), '%s is in the %s interface list' % (network['interface'], wan_list))
        for port in network['ports']:
            if port in ports:
                plan.error(var('bridge_ports'), '%s is in the %s interface list' % (port, wan_list))
        for address, interface in wan_addresses:
            if interface != network['interface'] and address.first <= network['net'].last and network['net'].first <= address.last:
                plan.error(var('cidr'), '%s overlaps the WAN address %s on %s; choose another network' % (network['cidr'], address, interface))


def stale_entries(existing, key, prefix, wanted):
    """The entries of ``key`` a role wrote (their comment starts with its ``prefix``) that no entry of ``wanted`` matches
    (the path's identity: its keys, or the comment of a firewall rule), as config items that find them."""
    path = schema.PATHS[key]
    return [settings_of(key, e) for e in (existing or {}).get(key) or []
            if not e.get('dynamic') and to_text(e.get('comment') or '').startswith(prefix)
            and not any(path.matches(w, e) for w in wanted)]


def _owned(entry, comment):
    """Whether the LAN role owns ``entry``: it carries the network's comment (this collection wrote it) or defconf's."""
    text = to_text(entry.get('comment') or '')
    return not entry.get('dynamic') and (text == comment or text.startswith(DEFCONF_TAG))


def _stale_lan_entries(networks, existing):
    """Addresses and DHCP networks of the LAN the variables no longer ask for, to remove once the new ones are in place.

    The role owns what carries a network's comment or defconf's on that network's interface; an address on a port the
    plan puts into the bridge goes too (the bridge carries it). What the user added by hand elsewhere is left alone."""
    if not existing:
        return [], []
    wanted_addresses = set((n['address'], n['interface']) for s, n in networks)
    stale_addresses = []
    for entry in existing.get('ip_address') or []:
        key = (entry.get('address'), entry.get('interface'))
        if entry.get('dynamic') or key in wanted_addresses:
            continue
        for spec, network in networks:
            on_port = entry.get('interface') in network['ports']
            if on_port or (entry.get('interface') == network['interface'] and _owned(entry, network['comment'])):
                stale_addresses.append({'address': key[0], 'interface': key[1]})
                break
    wanted_networks = set(n['cidr'] for s, n in networks)
    comments = set(n['comment'] for s, n in networks)
    stale_networks = [{'address': e.get('address')} for e in existing.get('ip_dhcp_server_network') or []
                      if e.get('address') not in wanted_networks and any(_owned(e, c) for c in comments)]
    return stale_addresses, stale_networks


def lan_plan(settings, existing=None):
    """Plan of the lan_ipv4 role. ``existing`` (optional) holds what the router has, to adopt it."""
    plan = Plan(settings, 'lan_ipv4')
    existing = existing if isinstance(existing, dict) else None
    interfaces = None
    if existing is not None and existing.get('interfaces') is not None:
        interfaces = set(to_text(i) for i in existing['interfaces'])
    ports = port_names(existing)

    lan_list = plan.text('lan_ipv4_interface_list', pattern=NAME)
    wan_list = plan.text('lan_ipv4_wan_interface_list', pattern=NAME)
    lan_interface = to_text(settings.get('lan_ipv4_interface') or '').strip()
    specs = [{
        'var': _namer('lan_ipv4_'),
        'name': 'lan',
        'cidr': settings.get('lan_ipv4_cidr'),
        'address': settings.get('lan_ipv4_address'),
        'gateway': settings.get('lan_ipv4_gateway'),
        'reserved': settings.get('lan_ipv4_reserved'),
        'pool_ranges': settings.get('lan_ipv4_pool_ranges'),
        'dhcp_dns_servers': settings.get('lan_ipv4_dhcp_dns_servers'),
        'domain': settings.get('lan_ipv4_domain'),
        'lease_time': settings.get('lan_ipv4_lease_time'),
        'interface': lan_interface,
        'bridge': settings.get('lan_ipv4_bridge'),
        'bridge_ports': _ports(ports, settings.get('lan_ipv4_bridge_ports')),
        'pool_name': plan.text('lan_ipv4_pool_name'),
        'server_name': plan.text('lan_ipv4_dhcp_server_name'),
        'interface_list': lan_list,
        'comment': to_text(settings.get('lan_ipv4_comment') or ''),
    }]

    names = set(['lan'])
    for index, extra in enumerate(plan.items('lan_ipv4_extra_networks')):
        base = 'lan_ipv4_extra_networks[%d]' % index
        if not isinstance(extra, dict):
            plan.error(base, 'must be a dict with at least name and cidr, got %r' % (extra,))
            continue
        unknown = sorted(set(extra) - set(EXTRA_NETWORK_KEYS))
        if unknown:
            plan.error(base, 'unknown key(s) %s (known: %s)' % (', '.join(unknown), ', '.join(EXTRA_NETWORK_KEYS)))
        name = plan.text(base + '.name', extra.get('name'))
        if name in names:
            plan.error(base + '.name', '%r is used twice' % name)
        names.add(name)
        specs.append({
            'var': _namer(base + '.'),
            'name': name,
            'cidr': extra.get('cidr'),
            'address': extra.get('address'),
            'gateway': extra.get('gateway'),
            'reserved': extra.get('reserved', 8),
            'pool_ranges': extra.get('pool_ranges', []),
            'dhcp_dns_servers': extra.get('dhcp_dns_servers', []),
            'domain': extra.get('domain', ''),
            'lease_time': extra.get('lease_time', settings.get('lan_ipv4_lease_time')),
            'interface': extra.get('interface', name),
            'bridge': extra.get('bridge', True),
            'bridge_ports': _ports(ports, extra.get('bridge_ports', [])),
            'pool_name': 'dhcp_pool_%s' % name,
            'server_name': 'dhcp_server_%s' % name,
            'interface_list': plan.text(base + '.interface_list', extra.get('interface_list', lan_list)),
            'comment': to_text(extra.get('comment') or ('%s network' % name)),
        })

    networks = []
    for spec in specs:
        network = _network(plan, spec, interfaces)
        if network is not None:
            networks.append((spec, network))

    # Networks must not overlap, and an interface or port serves one network only.
    for i, (spec_a, a) in enumerate(networks):
        for spec_b, b in networks[:i]:
            if a['net'].first <= b['net'].last and b['net'].first <= a['net'].last:
                plan.error(spec_a['var']('cidr'), '%s overlaps %s %s' % (a['cidr'], spec_b['var']('cidr'), b['cidr']))
            if a['interface'] == b['interface']:
                plan.error(spec_a['var']('interface'), '%s already carries %s %s' % (a['interface'], spec_b['var']('cidr'), b['cidr']))
            for port in set(a['ports']) & set(b['ports']):
                plan.error(spec_a['var']('bridge_ports'), '%s is already a port of %s' % (port, b['interface']))

    ports_of_wan = wan_ports(existing, wan_list)
    _check_against_wan(plan, networks, existing, wan_list, ports_of_wan)

    nat_comment = plan.text('lan_ipv4_nat_comment', pattern=None)
    renames = {}
    if lan_interface and networks:
        # Adopt what MikroTik defconf (or an earlier hand setup) made for the LAN instead of adding a second one, before
        # the leases name their server: a lease must name the server the router will have.
        lan = networks[0][1]
        served = set([lan['interface']] + lan['ports'])
        server = _adopt(existing, 'ip_dhcp_server', lambda e: e.get('interface') in served, lan['server_name'])
        adopted_pool = [e.get('address_pool') for e in (existing or {}).get('ip_dhcp_server') or []
                        if e.get('name') == server and e.get('address_pool') not in (None, '', 'static-only')]
        servers = set(e.get('name') for e in (existing or {}).get('ip_dhcp_server') or [])
        pools = set(e.get('name') for e in (existing or {}).get('ip_pool') or [])
        # defconf's server (called defconf, no comment) and its pool are renamed to the role's names in place
        # (renamed); names given by hand are the user's and stay, and so do defconf's when the role's name is taken.
        by_defconf = server == DEFCONF_TAG or any(e.get('name') == server and to_text(e.get('comment') or '').startswith(DEFCONF_TAG)
                                                  for e in (existing or {}).get('ip_dhcp_server') or [])
        if server != lan['server_name'] and (lan['server_name'] in servers or not by_defconf):
            lan['server_name'] = server
        elif server != lan['server_name']:
            renames['server'] = {server: lan['server_name']}
        if adopted_pool and adopted_pool[0] != lan['pool_name']:
            if existing.get('ip_pool') is None or lan['pool_name'] in pools or not by_defconf:
                lan['pool_name'] = adopted_pool[0]
            else:
                renames['pool'] = {adopted_pool[0]: lan['pool_name']}
        # A masquerade out of the WAN list made by hand is taken over in place (its comment identifies it); defconf's
        # is replaced by the role's, tagged with the role's comment (ip_firewall_nat_stale).
        nat_comment = _adopt(existing, 'ip_firewall_nat',
                             lambda e: _masquerade_out_of(e, wan_list)
                             and not to_text(e.get('comment') or '').startswith(DEFCONF_TAG), nat_comment)

    leases = []
    for index, lease in enumerate(plan.items('lan_ipv4_static_leases')):
        base = 'lan_ipv4_static_leases[%d]' % index
        if not isinstance(lease, dict):
            plan.error(base, 'must be a dict with address and mac_address, got %r' % (lease,))
            continue
        unknown = sorted(set(lease) - set(STATIC_LEASE_KEYS))
        if unknown:
            plan.error(base, 'unknown key(s) %s (known: %s)' % (', '.join(unknown), ', '.join(STATIC_LEASE_KEYS)))
        address = plan.address(base + '.address', lease.get('address'))
        mac = plan.mac(base + '.mac_address', lease.get('mac_address'))
        if address is None:
            continue
        owner = [n for s, n in networks if address in n['net']]
        if not owner:
            plan.error(base + '.address', '%s is in none of the networks (%s)' % (address, ', '.join(n['cidr'] for s, n in networks)))
            continue
        if address == owner[0]['router'] or address in (owner[0]['net'].network, owner[0]['net'].broadcast):
            plan.error(base + '.address', '%s is not a usable host address' % address)
            continue
        for other in leases:
            if other['address'] == str(address) or (mac is not None and other['mac_address'] == mac):
                plan.error(base, '%s / %s is already leased' % (address, mac))
        leases.append({'address': str(address), 'mac_address': mac, 'server': lease.get('server') or owner[0]['server_name'],
                       'comment': to_text(lease.get('comment') or '')})

    dns_servers = plan.addresses('lan_ipv4_dns_servers')

    nat = plan.boolean('lan_ipv4_nat')
    stale_addresses, stale_networks = _stale_lan_entries(networks, existing)
    lists = {}
    for spec, network in networks:
        lists.setdefault(network['interface_list'], network['comment'])
    result = {
        'errors': plan.errors,
        'networks': [dict((k, v) for k, v in n.items() if k not in ('net', 'router', 'ranges')) for s, n in networks],
        'bridges': [{'name': n['interface'], 'comment': n['comment']} for s, n in networks if n['bridge']],
        # The role's comment on what it manages is its tag (it replaces defconf's): bridge ports, lists, members.
        'bridge_ports': [{'interface': p, 'bridge': n['interface'], 'comment': n['comment'] or None}
                         for s, n in networks for p in n['ports']],
        'interface_lists': [{'name': name, 'comment': lists[name] or None} for name in sorted(lists)],
        'interface_list_members': [{'list': n['interface_list'], 'interface': n['interface'], 'comment': n['comment'] or None}
                                   for s, n in networks],
        'ip_address': [{'address': n['address'], 'interface': n['interface'], 'comment': n['comment']} for s, n in networks],
        'ip_address_stale': stale_addresses,
        'ip_pool': [{'name': n['pool_name'], 'ranges': n['pool_ranges'], 'comment': n['comment']} for s, n in networks],
        'ip_dhcp_server': [{'name': n['server_name'], 'interface': n['interface'], 'address_pool': n['pool_name'],
                            'lease_time': n['lease_time'], 'disabled': False, 'comment': n['comment']} for s, n in networks],
        'ip_dhcp_server_network': [dict({'address': n['cidr'], 'gateway': [n['gateway']], 'dns_server': n['dns_servers'],
                                         'comment': n['comment']}, **({'domain': n['domain']} if n['domain'] else {}))
                                   for s, n in networks],
        'ip_dhcp_server_network_stale': stale_networks,
        'ip_dhcp_server_lease': leases,
        # For the pool, server and lease tasks (their renamed option): the adopted names given the role's.
        'ip_pool_renamed': {'name': renames['pool']} if 'pool' in renames else {},
        'ip_dhcp_server_renamed': dict(({'name': renames['server']} if 'server' in renames else {}),
                                       **({'address_pool': renames['pool']} if 'pool' in renames else {})),
        'ip_dhcp_server_lease_renamed': {'server': renames['server']} if 'server' in renames else {},
        'ip_dns': dict({'allow_remote_requests': plan.boolean('lan_ipv4_dns_allow_remote_requests')},
                       **({'servers': dns_servers} if dns_servers else {})),
        'ip_firewall_nat': [{'chain': 'srcnat', 'action': 'masquerade', 'out_interface_list': wan_list,
                             'ipsec_policy': 'out,none', 'comment': nat_comment}] if nat else [],
        # Masquerades that do the role's job beside its own: defconf's out of the WAN list, and any made by hand out of a
        # WAN port (the role's rule covers every WAN port). They go once the role's rule is in place.
        'ip_firewall_nat_stale': [settings_of('ip_firewall_nat', e) for e in (existing or {}).get('ip_firewall_nat') or []
                                  if nat and _duplicate_masquerade(e, wan_list, ports_of_wan, nat_comment)],
    }
    return result


def _masquerade_out_of(entry, wan_list):
    return (entry.get('chain') == 'srcnat' and entry.get('action') == 'masquerade' and entry.get('out_interface_list') == wan_list
            and not entry.get('dynamic'))


def _duplicate_masquerade(entry, wan_list, ports, comment):
    """defconf's masquerade out of the WAN list, or an enabled one made by hand out of a WAN port (not the role's own)."""
    if entry.get('chain') != 'srcnat' or entry.get('action') != 'masquerade' or entry.get('dynamic'):
        return False
    text = to_text(entry.get('comment') or '')
    if entry.get('out_interface_list') == wan_list:
        return text.startswith(DEFCONF_TAG)
    return not entry.get('disabled') and entry.get('out_interface') in ports and text != comment


def _pppoe_mtu(plan, name):
    """``auto`` or a packet size PPPoE can carry over a 1500-byte Ethernet (64 to 1492), as RouterOS writes it."""
    value = plan.get(name)
    if to_text(value if value is not None else '').strip() in ('', 'auto'):
        return 'auto'
    number = plan.integer(name, 64, 1492)
    return to_text(number) if number is not None else 'auto'


def _wan_pppoe(plan, result, port, comment, distance, existing):
    """The PPPoE client of the pppoe mode, its interface in the WAN list, and no DHCP client on the port under it."""
    add_default_route = plan.get('wan_dhcp_add_default_route')
    if add_default_route == 'special-classless':
        plan.error('wan_dhcp_add_default_route', 'special-classless is for the DHCP mode; a PPPoE client takes yes or no')
        add_default_route = 'yes'
    name = plan.text('wan_dhcp_pppoe_interface_name')
    user = plan.text('wan_dhcp_pppoe_user', pattern=None)
    password = plan.get('wan_dhcp_pppoe_password')
    if password is None or to_text(password) == '':
        # The message never holds the value: it is a password.
        plan.error('wan_dhcp_pppoe_password', 'must not be empty in the pppoe mode (the password the ISP gave; keep it in Ansible Vault)')
    service = to_text(plan.get('wan_dhcp_pppoe_service_name') or '')
    mtu = _pppoe_mtu(plan, 'wan_dhcp_pppoe_mtu')
    if name and name in set(port_names(existing).values()) | set(port_names(existing)):
        plan.error('wan_dhcp_pppoe_interface_name', '%s is the name of an ethernet port; the PPPoE client is an interface of its own' % name)
    # A client made by hand on the WAN port is taken over under the role's name: a second one would dial a second
    # session to the ISP.
    clients = (existing or {}).get('interface_pppoe_client') or []
    ports_now = set([port, port_names(existing).get(to_text(plan.get('wan_dhcp_interface') or ''), port)])
    adopted = next((to_text(c['name']) for c in clients if c.get('interface') in ports_now and c.get('name')), None)
    taken_over = {adopted: name} if name and adopted and adopted != name and not any(c.get('name') == name for c in clients) else {}
    port_renamed = result['renamed'].get('interface') or {}
    # The client keeps its port (renamed with it) and takes the role's name; a list member names either interface.
    result['pppoe_renamed'] = dict(result['renamed'], **({'name': taken_over} if taken_over else {}))
    result['member_renamed'] = {'interface': dict(port_renamed, **taken_over)} if port_renamed or taken_over else {}
    result['pppoe_interface'] = name
    result['interfaces'].append(name)
    result['interface_pppoe_client'] = [{
        'name': name,
        'interface': port,
        'user': user,
        'password': to_text(password or ''),
        'service_name': service,
        'add_default_route': plan.boolean('wan_dhcp_add_default_route', add_default_route),
        'default_route_distance': distance,
        'use_peer_dns': plan.boolean('wan_dhcp_use_peer_dns'),
        'max_mtu': mtu,
        'max_mru': mtu,
        'disabled': False,
        'comment': comment,
    }]
    result['interface_list_member'].append({'list': result['interface_list'][0]['name'], 'interface': name,
                                            'comment': comment or None})


def _stale_pppoe(result, existing, port, comment):
    """PPPoE clients this role made on the WAN port (its comment), which a DHCP or static WAN no longer uses; clients
    made by hand with another comment are left alone."""
    stale = [c for c in (existing or {}).get('interface_pppoe_client') or []
             if c.get('interface') == port and c.get('comment') == comment and comment]
    result['interface_pppoe_client_stale'] = [{'name': c['name']} for c in stale]
    result['interface_list_member_stale'] = [{'list': result['interface_list'][0]['name'], 'interface': c['name']}
                                             for c in stale]


def wan_plan(settings, existing=None):
    """Plan of the wan_dhcp role. ``existing`` (optional) holds the router's Ethernet ports, to find a renamed WAN port,
    and its PPPoE clients, to find those the role made before."""
    plan = Plan(settings, 'wan_dhcp')
    mode = plan.choice('wan_dhcp_mode', ['dhcp', 'static', 'pppoe'])
    interface = plan.text('wan_dhcp_interface')
    name = plan.text('wan_dhcp_interface_name', required=False) or _port(port_names(existing), interface)
    wan_list = plan.text('wan_dhcp_interface_list')
    comment = to_text(settings.get('wan_dhcp_comment') or '')
    result = {
        'errors': plan.errors,
        'mode': mode,
        'interface': name,
        # Every interface the WAN list holds after the run: the port, and the PPPoE client over it (pppoe mode).
        'interfaces': [name],
        'pppoe_interface': '',
        'interface_ethernet': [dict({'default_name': interface, 'comment': comment},
                                    **({'name': name} if name != interface else {}))],
        'interface_list': [{'name': wan_list, 'comment': comment or None}],
        'interface_list_member': [{'list': wan_list, 'interface': name, 'comment': comment or None}],
        # The port's name now, when the run renames it: entries that name it are the WAN's (check mode compares them
        # before the rename is made).
        'renamed': _renamed_port(existing, interface, name),
        'ip_dhcp_client': [],
        'interface_pppoe_client': [],
        'interface_pppoe_client_stale': [],
        'interface_list_member_stale': [],
        # For the PPPoE client task: the port's rename, and a client made by hand taken over (its name); for the list
        # member task: the names of both as the run leaves them.
        'pppoe_renamed': {},
        'member_renamed': _renamed_port(existing, interface, name),
        'ip_address': [],
        'ip_route': [],
        'ip_dns': {},
        'wait_retries': 0,
    }
    distance = plan.integer('wan_dhcp_default_route_distance', 1, 255)
    if mode in ('dhcp', 'pppoe') and plan.boolean('wan_dhcp_wait_bound'):
        timeout = plan.integer('wan_dhcp_wait_timeout', 1, 3600)
        delay = plan.integer('wan_dhcp_wait_delay', 1, 60)
        if timeout and delay:
            result['wait_retries'] = max(1, timeout // delay)
    if mode == 'pppoe':
        _wan_pppoe(plan, result, name, comment, distance, existing)
        return result
    _stale_pppoe(result, existing, name, comment)
    if mode == 'dhcp':
        add_default_route = settings.get('wan_dhcp_add_default_route')
        if isinstance(add_default_route, bool):
            add_default_route = 'yes' if add_default_route else 'no'
        plan.choice('wan_dhcp_add_default_route', ['yes', 'no', 'special-classless'], add_default_route)
        result['ip_dhcp_client'] = [{
            'interface': name,
            'add_default_route': add_default_route,
            'default_route_distance': distance,
            'use_peer_dns': plan.boolean('wan_dhcp_use_peer_dns'),
            'use_peer_ntp': plan.boolean('wan_dhcp_use_peer_ntp'),
            'disabled': False,
            'comment': comment,
        }]
    elif mode == 'static':
        address = plan.prefix('wan_dhcp_static_address', settings.get('wan_dhcp_static_address'), low=1, high=32)
        gateway = None
        if address is not None:
            if address.prefixlen < 31 and address.ip in (address.network, address.broadcast):
                plan.error('wan_dhcp_static_address', '%s is the network or broadcast address of %s' % (address.ip, address.cidr))
            gateway = plan.address('wan_dhcp_static_gateway', settings.get('wan_dhcp_static_gateway'))
            usable = address.cidr if address.prefixlen >= 31 else netaddr.IPRange(address.network + 1, address.broadcast - 1)
            if gateway is not None and address.prefixlen < 32:
                if gateway not in usable:
                    plan.error('wan_dhcp_static_gateway', '%s is outside wan_dhcp_static_address %s' % (gateway, address.cidr))
                elif gateway == address.ip:
                    plan.error('wan_dhcp_static_gateway', '%s is the router address itself' % gateway)
        servers = plan.addresses('wan_dhcp_static_dns_servers')
        if address is not None:
            result['ip_address'] = [{'address': str(address), 'interface': name, 'comment': comment}]
        if gateway is not None:
            result['ip_route'] = [{'dst_address': '0.0.0.0/0', 'gateway': str(gateway), 'distance': distance,
                                   'comment': '%s default route' % comment if comment else 'WAN default route'}]
        if servers:
            result['ip_dns'] = {'servers': servers}
    return result


def _no_ipv6(**more):
    """A plan without IPv6 entries, new lists each time (a plan fills its own)."""
    return dict({'ipv6_dhcp_client': [], 'ipv6_dhcp_client_stale': [], 'ipv6_address': [], 'ipv6_address_stale': [], 'ipv6_nd': [], 'ipv6_nd_stale': [],
                 'ipv6_route': [], 'ipv6_firewall_address_list': [], 'ipv6_firewall_filter': [], 'firewall': False}, **more)


def _on_bridge_ports(existing, bridges):
    """IPv6 addresses and router advertisement entries on a port of one of ``bridges``: the bridge carries the LAN, so
    they go (an address on a bridge port is not used). The ports are the router's (``bridge_port``) and those site.yml's
    LAN role puts into a bridge in this run (``bridge_ports_planned``), so a check run predicts the same."""
    existing = existing or {}
    ports = set(p.get('interface') for p in list(existing.get('bridge_port') or []) + list(existing.get('bridge_ports_planned') or [])
                if p.get('bridge') in bridges)
    addresses = [settings_of('ipv6_address', e) for e in existing.get('ipv6_address') or []
                 if not e.get('dynamic') and e.get('interface') in ports]
    nd = [{'interface': e['interface']} for e in existing.get('ipv6_nd') or [] if not e.get('dynamic') and e.get('interface') in ports]
    return addresses, nd


def _over_pppoe(existing, port):
    """The interface the ISP's IPv6 arrives on: a WAN port under an enabled PPPoE client (one of the router's, or the one
    site.yml's WAN role dials in this run, ``pppoe_planned``) carries it over the PPPoE link, so DHCPv6 runs there."""
    existing = existing or {}
    enabled = [c for c in existing.get('interface_pppoe_client') or [] if not c.get('disabled')]
    clients = list(existing.get('pppoe_planned') or []) + enabled
    return next((to_text(c['name']) for c in clients if c.get('interface') == port and c.get('name')), port)


def ipv6_plan(settings, existing=None, firewall_by_hardening=False):
    """Plan of the ipv6_pd role. ``existing`` (optional) holds the router's IPv6 filter rules, to adopt defconf's, its
    Ethernet ports (a renamed WAN port), and its IPv6 addresses, RA entries and bridge ports (those on LAN bridge ports
    go); ``firewall_by_hardening``: the hardening role writes the IPv6 firewall in this run, so this plan has none."""
    plan = Plan(settings, 'ipv6_pd')
    mode = plan.choice('ipv6_pd_mode', ['dhcp', 'static', 'disabled'])
    if mode == 'disabled':
        # No IPv6 at all: the other variables are not used, so they are not checked either.
        return _no_ipv6(errors=plan.errors, mode=mode)
    wan = _over_pppoe(existing, _port(port_names(existing), plan.text('ipv6_pd_wan_interface')))
    comment = to_text(settings.get('ipv6_pd_comment') or '')
    lan_interfaces = [plan.text('ipv6_pd_lan_interfaces', i) for i in plan.items('ipv6_pd_lan_interfaces')]
    if not lan_interfaces:
        plan.error('ipv6_pd_lan_interfaces', 'must name at least one LAN interface')
    if len(set(lan_interfaces)) != len(lan_interfaces):
        plan.error('ipv6_pd_lan_interfaces', 'names an interface twice')
    if wan in lan_interfaces:
        plan.error('ipv6_pd_lan_interfaces', '%s is the WAN interface (ipv6_pd_wan_interface)' % wan)
    length = plan.integer('ipv6_pd_pool_prefix_length', 48, 64)
    eui_64 = plan.boolean('ipv6_pd_lan_eui_64')
    host = plan.prefix('ipv6_pd_lan_address', settings.get('ipv6_pd_lan_address'), version=6)
    if host is not None and length is not None and host.prefixlen != length:
        plan.error('ipv6_pd_lan_address', '%s must have the prefix length of ipv6_pd_pool_prefix_length (/%d)' % (host, length))
        host = None
    if host is not None and eui_64:
        host = netaddr.IPNetwork('::/%d' % host.prefixlen)
    elif host is not None and int(host.ip) & int(host.hostmask) == 0:
        plan.error('ipv6_pd_lan_address', '%s has no host part (example: ::1/64), or set ipv6_pd_lan_eui_64' % host)
        host = None

    result = _no_ipv6(errors=plan.errors, mode=mode)
    pool = plan.text('ipv6_pd_pool_name')
    if mode == 'dhcp':
        request = plan.items('ipv6_pd_request')
        bad = [r for r in request if r not in ('address', 'prefix')]
        if bad or 'prefix' not in request:
            plan.error('ipv6_pd_request', '%r must be a list of prefix and optionally address, with prefix in it' % (request,))
        hint = plan.prefix('ipv6_pd_prefix_hint', settings.get('ipv6_pd_prefix_hint'), version=6, network=True, high=64)
        if hint is not None and length is not None and hint.prefixlen > length:
            plan.error('ipv6_pd_prefix_hint', '%s is longer than ipv6_pd_pool_prefix_length /%d' % (hint, length))
        result['ipv6_dhcp_client'] = [{
            'interface': wan,
            'request': sorted(set(request)),
            'pool_name': pool,
            'pool_prefix_length': length,
            'prefix_hint': str(hint) if hint is not None else None,
            'add_default_route': plan.boolean('ipv6_pd_add_default_route'),
            'use_peer_dns': plan.boolean('ipv6_pd_use_peer_dns'),
            'disabled': False,
            'comment': comment,
        }]
        result['ipv6_dhcp_client_stale'] = [{'interface': c['interface'], 'request': c.get('request')}
                                            for c in (existing or {}).get('ipv6_dhcp_client') or []
                                            if c.get('pool_name') == pool and c.get('interface') != wan]
        if host is not None:
            result['ipv6_address'] = [{'address': str(host), 'from_pool': pool, 'interface': i, 'eui_64': eui_64,
                                       'advertise': True, 'comment': comment} for i in lan_interfaces]
    elif mode == 'static':
        wan_address = plan.prefix('ipv6_pd_static_wan_address', settings.get('ipv6_pd_static_wan_address'), version=6, low=1, high=128)
        gateway = plan.address('ipv6_pd_static_gateway', settings.get('ipv6_pd_static_gateway'), version=6)
        if gateway is not None and wan_address is not None and not gateway.is_link_local():
            if gateway not in wan_address.cidr:
                plan.error('ipv6_pd_static_gateway', '%s is neither link-local nor inside ipv6_pd_static_wan_address %s'
                           % (gateway, wan_address.cidr))
            elif gateway == wan_address.ip:
                plan.error('ipv6_pd_static_gateway', '%s is the router address itself' % gateway)
        lan_prefix = plan.prefix('ipv6_pd_static_lan_prefix', settings.get('ipv6_pd_static_lan_prefix'), version=6, network=True,
                                 low=32, high=64)
        if lan_prefix is not None and length is not None:
            if lan_prefix.prefixlen > length:
                plan.error('ipv6_pd_static_lan_prefix', '%s is longer than ipv6_pd_pool_prefix_length /%d' % (lan_prefix, length))
            elif 2 ** (length - lan_prefix.prefixlen) < len(lan_interfaces):
                plan.error('ipv6_pd_static_lan_prefix', '%s has fewer /%d subnets than ipv6_pd_lan_interfaces (%d)'
                           % (lan_prefix, length, len(lan_interfaces)))
            elif wan_address is not None and lan_prefix.first <= wan_address.last and wan_address.first <= lan_prefix.last:
                plan.error('ipv6_pd_static_lan_prefix', '%s overlaps ipv6_pd_static_wan_address %s' % (lan_prefix, wan_address.cidr))
            elif host is not None:
                subnets = lan_prefix.subnet(length)
                for interface in lan_interfaces:
                    subnet = next(subnets)
                    address = netaddr.IPAddress(int(subnet.network) | int(host.ip), 6)
                    result['ipv6_address'].append({'address': '%s/%d' % (address, length), 'interface': interface,
                                                   'eui_64': eui_64, 'advertise': True, 'comment': comment})
        if wan_address is not None:
            result['ipv6_address'].insert(0, {'address': str(wan_address), 'interface': wan, 'advertise': False, 'comment': comment})
        if gateway is not None:
            result['ipv6_route'] = [{'dst_address': '::/0', 'gateway': str(gateway) if not gateway.is_link_local() else '%s%%%s' % (gateway, wan),
                                     'comment': comment or 'IPv6 default route'}]

    ra_interval = settings.get('ipv6_pd_ra_interval')
    try:
        low, high = parse_duration_range(ra_interval, RA_INTERVAL_LIMITS)
        if low >= high:
            plan.error('ipv6_pd_ra_interval', '%r: MIN must be below MAX (example: 20s-1m)' % (ra_interval,))
    except InvalidValue:
        plan.error('ipv6_pd_ra_interval', '%r is not a MIN-MAX range of durations between 3s and 30m with MIN below MAX '
                   '(example: 20s-1m)' % (ra_interval,))
    ra_lifetime = plan.duration('ipv6_pd_ra_lifetime')
    nd = {
        'ra_interval': to_text(ra_interval).strip(),
        'ra_lifetime': ra_lifetime,
        'managed_address_configuration': plan.boolean('ipv6_pd_managed_address_configuration'),
        'other_configuration': plan.boolean('ipv6_pd_other_configuration'),
        'advertise_dns': plan.boolean('ipv6_pd_advertise_dns'),
        'disabled': False,
    }
    result['ipv6_nd'] = [dict(nd, interface=i) for i in lan_interfaces]
    result['ipv6_address_stale'], result['ipv6_nd_stale'] = _on_bridge_ports(existing, lan_interfaces)

    # Checked even when the hardening role owns the IPv6 firewall: a later run without hardening would use it.
    prefix = plan.comment_prefix('ipv6_pd_firewall_comment_prefix')
    # site.yml gives the IPv6 firewall to the hardening role when that role runs: one owner, and the user's value of
    # ipv6_pd_firewall is still checked for its type.
    own_firewall = plan.boolean('ipv6_pd_firewall') and not firewall_by_hardening
    result['firewall'] = own_firewall
    if own_firewall:
        comments = [to_text(r.get('comment') or '') for r in ((existing or {}).get('ipv6_firewall_filter') or [])]
        if prefix.strip() and not any(c.startswith(prefix) for c in comments) and any(c.startswith(DEFCONF) for c in comments):
            # MikroTik defconf's IPv6 rules are the same rules: take them over rather than adding a second set.
            prefix = DEFCONF
        result['firewall_comment_prefix'] = prefix
        lan_list = plan.text('ipv6_pd_lan_interface_list')
        bad_list = plan.text('ipv6_pd_bad_address_list')
        result['ipv6_firewall_address_list'] = [{'list': bad_list, 'address': a, 'comment': prefix + c} for a, c in BAD_IPV6]
        result['ipv6_firewall_filter'] = [dict(r, comment=prefix + r['comment']) for r in defconf_ipv6_filter(lan_list, bad_list)]
    return result


class FilterModule(object):
    """Address plans of the soho.routeros roles."""

    def filters(self):
        return {
            'lan_plan': lan_plan,
            'wan_plan': wan_plan,
            'ipv6_plan': ipv6_plan,
        }
