# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The guest_network role's plan: each guest network's interface, addressing and DHCP, the guest interface list, and
the firewall rules that keep guests to the internet, derived from the role's variables in one place, with every bad
value as one sentence naming the variable. The documentation of the filter is in guest_plan.yml next to this file.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.module_utils.common.text.converters import to_text
from ansible.module_utils.parsing.convert_bool import boolean
from ansible_collections.soho.routeros.plugins.filter.plan import (
    Plan,
    _namer,
    _network,
    _ports,
    port_names,
    settings_of,
    stale_entries,
    wan_ports,
)
from ansible_collections.soho.routeros.plugins.filter.wifi_plan import AP_MODES, psk, radios, security_profile, ssid

try:
    import netaddr
except ImportError:  # pragma: no cover - netaddr is in requirements.txt
    netaddr = None

GUEST_KEYS = ('name', 'cidr', 'vlan_id', 'bridge', 'ports', 'wifi', 'address', 'reserved', 'pool_ranges', 'lease_time',
              'dhcp_dns_servers', 'domain', 'ipv6', 'comment')
# What a guest network on a VLAN, on ports or on an SSID makes: (where it is, the interface made).
KIND_WORDS = {'vlan': ('a VLAN', 'vlan'), 'bridge': ('ports', 'bridge'), 'wlan': ('an SSID', 'virtual access point')}
WIFI_KEYS = ('ssid', 'key', 'master', 'isolation', 'hide_ssid')

# What a guest may ask of the router itself: an address (DHCP), names (DNS) and ICMP (path MTU, ping); for IPv6 the
# neighbour discovery and router solicitations that are ICMPv6.
GUEST_INPUT = {
    4: (('accept DHCP', dict(protocol='udp', dst_port='67')),
        ('accept DNS over UDP', dict(protocol='udp', dst_port='53')),
        ('accept DNS over TCP', dict(protocol='tcp', dst_port='53')),
        ('accept ICMP', dict(protocol='icmp'))),
    6: (('accept ICMPv6', dict(protocol='icmpv6')),
        ('accept DNS over UDP', dict(protocol='udp', dst_port='53')),
        ('accept DNS over TCP', dict(protocol='tcp', dst_port='53'))),
}


def guest_rules(prefix, family, guest_list, wan_list):
    """The rules of one family, each to go at the head of its chain (the modules' option first): guests reach the
    router for DHCP, DNS and ICMP only, and forward to the WAN interface list only. IPv6 also accepts what guests send
    to the WAN, because an IPv6 forward chain of the defconf kind ends by dropping all that is not from the LAN."""
    guests = dict(in_interface_list=guest_list)
    rules = [dict(chain='input', action='accept', comment=c, **dict(guests, **m)) for c, m in GUEST_INPUT[family]]
    rules.append(dict(chain='input', action='drop', comment='drop everything else from the guest networks', **guests))
    rules.append(dict(chain='forward', action='drop', comment='drop from the guest networks to anywhere but the WAN',
                      out_interface_list='!' + wan_list, **guests))
    if family == 6:
        rules.append(dict(chain='forward', action='accept', comment='accept from the guest networks to the WAN',
                          out_interface_list=wan_list, **guests))
    return [dict(r, comment='%s%s: %s' % (prefix, r['chain'], r['comment'])) for r in rules]


def with_guest_interfaces(interfaces, networks):
    """``interfaces`` (the ipv6_pd role's LAN interfaces) followed, in their order, by the guest networks that get an
    IPv6 prefix; a value that is no list is returned as it is, for the role's type check to name."""
    if not isinstance(interfaces, list):
        return interfaces
    guests = [to_text(n['name']) for n in networks if isinstance(n, dict) and n.get('name')
              and boolean(n.get('ipv6', True), strict=False)] if isinstance(networks, list) else []
    return interfaces + [name for name in guests if name not in interfaces]


def _other_networks(plan):
    """The networks a guest network must not overlap: (variable, network, what it is)."""
    candidates = [('lan_ipv4_cidr', plan.get('lan_ipv4_cidr'), 'the LAN')]
    for index, extra in enumerate(plan.get('lan_ipv4_extra_networks') or []):
        if isinstance(extra, dict):
            candidates.append(('lan_ipv4_extra_networks[%d].cidr' % index, extra.get('cidr'), 'a LAN network'))
    candidates += [('hardening_management_subnets[%d]' % i, n, 'the management network')
                   for i, n in enumerate(plan.get('hardening_management_subnets') or [])]
    if plan.get('wan_dhcp_mode') == 'static':
        candidates.append(('wan_dhcp_static_address', plan.get('wan_dhcp_static_address'), 'the WAN'))
    out = []
    for name, value, what in candidates:
        try:
            out.append((name, netaddr.IPNetwork(to_text(value)).cidr, what))
        except (netaddr.AddrFormatError, ValueError, TypeError):
            continue
    return out


def _interface_conflicts(plan, base, name, kind, existing):
    """A guest network's interface name must be free, or already be an interface of the kind the role makes."""
    for entry in (existing or {}).get('interface_types') or []:
        if entry.get('name') == name and entry.get('type') != kind:
            plan.error(base + '.name', '%s is already an interface of this router (type %s); a guest network on %s makes a '
                       '%s of that name: choose another name' % (name, entry.get('type'), KIND_WORDS[kind][0], KIND_WORDS[kind][1]))


def _wifi(plan, base, wifi, existing, planned_masters):
    """The checked ``wifi`` of a guest network (ssid, key, master, isolation, hide_ssid), or None. The master must be a
    radio of the router that is an access point, or that the wifi role makes one in this run."""
    if wifi is None:
        return None
    base += '.wifi'
    if not isinstance(wifi, dict):
        plan.error(base, 'must be a dict with ssid and key (and optionally %s)' % ', '.join(WIFI_KEYS[2:]))
        return None
    unknown = sorted(set(wifi) - set(WIFI_KEYS))
    if unknown:
        plan.error(base, 'unknown key(s) %s (known: %s)' % (', '.join(unknown), ', '.join(WIFI_KEYS)))
    out = {
        'ssid': ssid(plan, base + '.ssid', wifi.get('ssid')),
        'key': psk(plan, base + '.key', wifi.get('key')),
        'master': plan.text(base + '.master', wifi.get('master') or 'wlan1'),
        'isolation': plan.boolean(base + '.isolation', wifi.get('isolation', True)),
        'hide_ssid': plan.boolean(base + '.hide_ssid', wifi.get('hide_ssid', False)),
    }
    present = radios(existing)
    master = out['master']
    if present is not None and master:
        radio = present.get(master)
        if radio is None or not radio.get('default_name'):
            plan.error(base + '.master', '%s is not a radio of this router (its radios: %s)'
                       % (master, ', '.join(sorted(n for n, e in present.items() if e.get('default_name'))) or 'none'))
        elif master not in planned_masters and radio.get('mode') not in AP_MODES:
            plan.error(base + '.master', '%s is in mode %s: a virtual access point serves clients only on a radio that is an '
                       'access point; enable the wifi role (wifi_enabled) or set %s to ap-bridge' % (master, radio.get('mode'), master))
    return out


def guest_plan(settings, existing=None):
    """Plan of the guest_network role. ``existing`` (optional) holds what the router has."""
    plan = Plan(settings, 'guest_network')
    existing = existing if isinstance(existing, dict) else None
    prefix = plan.comment_prefix('guest_network_comment_prefix')
    guest_list = plan.text('guest_network_interface_list')
    wan_list = plan.text('guest_network_wan_interface_list')
    lan_list = plan.text('guest_network_lan_interface_list')
    if guest_list and guest_list in (wan_list, lan_list):
        plan.error('guest_network_interface_list', '%s is also the WAN or LAN interface list; guests need a list of their own'
                   % guest_list)
    firewall = plan.boolean('guest_network_firewall')
    lan_bridge = to_text(settings.get('lan_ipv4_interface') or 'bridge')
    interfaces = None
    if existing is not None and existing.get('interfaces') is not None:
        interfaces = set(to_text(i) for i in existing['interfaces'])
    names = port_names(existing)
    # Ports by the names the router knows them by now, as the guest ports are (a port renamed by hand).
    lan_ports = set(to_text(p) for p in _ports(names, list(settings.get('lan_ipv4_bridge_ports') or [])))
    taken_by_wan = wan_ports(existing, wan_list)

    specs, seen, vlan_ids, all_ports, ssids = [], {}, {}, {}, {}
    # The radios the wifi role makes access points in this run (site.yml), before a check run has them.
    wifi_masters = set(to_text(m) for m in (existing or {}).get('wifi_access_points') or [])
    for index, net in enumerate(plan.items('guest_network_networks')):
        base = 'guest_network_networks[%d]' % index
        if not isinstance(net, dict):
            plan.error(base, 'must be a dict with at least name, cidr and vlan_id or ports, got %r' % (net,))
            continue
        unknown = sorted(set(net) - set(GUEST_KEYS))
        if unknown:
            plan.error(base, 'unknown key(s) %s (known: %s)' % (', '.join(unknown), ', '.join(GUEST_KEYS)))
        name = plan.text(base + '.name', net.get('name'))
        if name in seen:
            plan.error(base + '.name', '%r is also the name of guest_network_networks[%d]' % (name, seen[name]))
        if name in (lan_bridge, lan_list, wan_list):
            plan.error(base + '.name', '%r is the LAN bridge or an interface list of the other roles' % name)
        seen[name] = index
        vlan_id, ports = net.get('vlan_id'), _ports(names, net.get('ports') or [])
        wifi = _wifi(plan, base, net.get('wifi'), existing, wifi_masters)
        if sum(1 for given in (vlan_id is not None, bool(ports), net.get('wifi') is not None) if given) > 1:
            plan.error(base, 'give one of vlan_id (a VLAN of the LAN bridge), ports (a bridge of its own) or wifi (a virtual '
                       'access point), not several')
        elif vlan_id is None and not ports and net.get('wifi') is None:
            plan.error(base, 'needs vlan_id (a VLAN of the LAN bridge, 1-4094), ports (a bridge of its own) or wifi (a '
                       'virtual access point with its own SSID)')
        bridge = None
        if vlan_id is not None:
            vlan_id = plan.integer(base + '.vlan_id', 1, 4094, vlan_id)
            if vlan_id is not None and vlan_id in vlan_ids:
                plan.error(base + '.vlan_id', '%d is also the VLAN of guest_network_networks[%d]' % (vlan_id, vlan_ids[vlan_id]))
            vlan_ids.setdefault(vlan_id, index)
            bridge = plan.text(base + '.bridge', net.get('bridge') or lan_bridge)
            if interfaces is not None and bridge and bridge not in interfaces | set([lan_bridge]):
                plan.error(base + '.bridge', '%s is neither an interface of this router nor the LAN bridge (lan_ipv4_interface)' % bridge)
            _interface_conflicts(plan, base, name, 'vlan', existing)
        elif wifi:
            _interface_conflicts(plan, base, name, 'wlan', existing)
            if wifi['ssid'] in ssids:
                plan.error(base + '.wifi.ssid', '%r is also the SSID of guest_network_networks[%d]' % (wifi['ssid'], ssids[wifi['ssid']]))
            ssids.setdefault(wifi['ssid'], index)
        elif ports:
            _interface_conflicts(plan, base, name, 'bridge', existing)
            for port in ports:
                port = to_text(port)
                if port in lan_ports:
                    plan.error(base + '.ports', '%s is a LAN bridge port (lan_ipv4_bridge_ports); a port serves one network' % port)
                if port in taken_by_wan:
                    plan.error(base + '.ports', '%s is in the %s interface list' % (port, wan_list))
                if port in all_ports:
                    plan.error(base + '.ports', '%s is also a port of guest_network_networks[%d]' % (port, all_ports[port]))
                all_ports.setdefault(port, index)
        specs.append({
            'var': _namer(base + '.'),
            'name': name,
            'cidr': net.get('cidr'),
            'address': net.get('address'),
            'gateway': None,
            'reserved': net.get('reserved', 8),
            'pool_ranges': net.get('pool_ranges', []),
            'dhcp_dns_servers': net.get('dhcp_dns_servers', []),
            'domain': net.get('domain', ''),
            'lease_time': net.get('lease_time', '30m'),
            'interface': name,
            'bridge': bool(ports) and vlan_id is None,
            'bridge_ports': ports if vlan_id is None else [],
            'pool_name': 'dhcp_pool_%s' % name,
            'server_name': 'dhcp_server_%s' % name,
            'interface_list': guest_list,
            'comment': prefix + to_text(net.get('comment') or name),
            'skip': 'guest_network_skip_absent_ports',
            'ports_key': 'ports',
            'vlan_id': vlan_id,
            'vlan_bridge': bridge,
            'wifi': wifi,
        })
        plan.boolean(base + '.ipv6', net.get('ipv6', True))  # the ipv6_pd role reads it (with_guest_interfaces)

    networks = []
    # The VLAN interfaces and bridges the role makes exist for the address checks of _network.
    planned = None if interfaces is None else interfaces | set(s['name'] for s in specs)
    for spec in specs:
        network = _network(plan, spec, planned)
        if network is not None:
            networks.append((spec, network))
    others = _other_networks(plan)
    for i, (spec, net) in enumerate(networks):
        for other_spec, other in networks[:i]:
            if net['net'].first <= other['net'].last and other['net'].first <= net['net'].last:
                plan.error(spec['var']('cidr'), '%s overlaps %s %s' % (net['cidr'], other_spec['var']('cidr'), other['cidr']))
        for name, other, what in others:
            if net['net'].first <= other.last and other.first <= net['net'].last:
                plan.error(spec['var']('cidr'), '%s overlaps %s %s (%s): guests must be on a network of their own'
                           % (net['cidr'], what, other, name))

    result = {'errors': plan.errors}
    if plan.errors:
        return result
    comment_of_list = prefix + 'guest networks'
    vlans = [{'name': s['name'], 'vlan_id': s['vlan_id'], 'interface': s['vlan_bridge'], 'comment': n['comment']}
             for s, n in networks if s['vlan_id'] is not None]
    bridges = [{'name': n['interface'], 'comment': n['comment']} for s, n in networks if n['bridge']]
    # A guest SSID: a WPA2 profile of its own (the key's fingerprint in its comment) and a virtual access point on the
    # radio, whose clients are kept from each other unless isolation is off.
    profiles = [security_profile(s['name'], s['wifi']['key'], s['wifi']['ssid'], n['comment']) for s, n in networks if s['wifi']]
    access_points = [{'name': s['name'], 'master_interface': s['wifi']['master'], 'mode': 'ap-bridge', 'ssid': s['wifi']['ssid'],
                      'security_profile': s['name'], 'default_forwarding': not s['wifi']['isolation'],
                      'hide_ssid': s['wifi']['hide_ssid'], 'wps_mode': 'disabled', 'disabled': False, 'comment': n['comment']}
                     for s, n in networks if s['wifi']]
    members_of_bridges = [{'interface': p, 'bridge': n['interface'], 'comment': n['comment']} for s, n in networks for p in n['ports']]
    lists = [{'name': guest_list, 'comment': comment_of_list}]
    members = [{'list': guest_list, 'interface': n['interface'], 'comment': n['comment']} for s, n in networks]
    addresses = [{'address': n['address'], 'interface': n['interface'], 'comment': n['comment']} for s, n in networks]
    pools = [{'name': n['pool_name'], 'ranges': n['pool_ranges'], 'comment': n['comment']} for s, n in networks]
    servers = [{'name': n['server_name'], 'interface': n['interface'], 'address_pool': n['pool_name'],
                'lease_time': n['lease_time'], 'disabled': False, 'comment': n['comment']} for s, n in networks]
    dhcp_networks = [dict({'address': n['cidr'], 'gateway': [n['gateway']], 'dns_server': n['dns_servers'], 'comment': n['comment']},
                          **({'domain': n['domain']} if n['domain'] else {})) for s, n in networks]
    rules4 = guest_rules(prefix, 4, guest_list, wan_list) if firewall and networks else []
    rules6 = guest_rules(prefix, 6, guest_list, wan_list) if firewall and networks else []
    guest_interfaces = set(n['interface'] for s, n in networks)

    result.update({
        'interfaces': sorted(guest_interfaces),
        'interface_vlan': vlans,
        'interface_bridge': bridges,
        'interface_wireless_security_profile': profiles,
        'interface_wireless': access_points,
        'bridge_port': members_of_bridges,
        'interface_list': lists,
        'interface_list_member': members,
        'ip_address': addresses,
        'ip_pool': pools,
        'ip_dhcp_server': servers,
        'ip_dhcp_server_network': dhcp_networks,
        'ip_firewall_filter': rules4,
        'ipv6_firewall_filter': rules6,
        # A guest interface in the LAN list would be trusted as the LAN (the firewall, MAC services, discovery): it leaves.
        'interface_list_member_lan': [{'list': m.get('list'), 'interface': m.get('interface')}
                                      for m in (existing or {}).get('interface_list_member') or []
                                      if m.get('list') == lan_list and m.get('interface') in guest_interfaces and not m.get('dynamic')],
    })
    if existing is not None:
        result['stale'] = {
            'ipv6_firewall_filter': stale_entries(existing, 'ipv6_firewall_filter', prefix, rules6),
            'ip_firewall_filter': stale_entries(existing, 'ip_firewall_filter', prefix, rules4),
            'ip_dhcp_server_network': stale_entries(existing, 'ip_dhcp_server_network', prefix, dhcp_networks),
            'ip_dhcp_server': stale_entries(existing, 'ip_dhcp_server', prefix, servers),
            'ip_pool': stale_entries(existing, 'ip_pool', prefix, pools),
            'ip_address': stale_entries(existing, 'ip_address', prefix, addresses),
            'interface_list_member': stale_entries(existing, 'interface_list_member', prefix, members),
            'interface_list': stale_entries(existing, 'interface_list', prefix, lists if networks else []),
            'bridge_port': stale_entries(existing, 'bridge_port', prefix, members_of_bridges),
            'interface_vlan': stale_entries(existing, 'interface_vlan', prefix, vlans),
            'interface_bridge': stale_entries(existing, 'interface_bridge', prefix, bridges),
            # Only the virtual access points the role made: a radio is never the role's.
            'interface_wireless': [e for e in stale_entries(existing, 'interface_wireless', prefix, access_points)
                                   if e.get('master_interface')],
            'interface_wireless_security_profile': stale_entries(existing, 'interface_wireless_security_profile', prefix, profiles),
        }
        # The IPv6 address and router advertisements the ipv6_pd role gave an interface that goes, whatever their comment.
        going = set(e['name'] for e in result['stale']['interface_vlan'] + result['stale']['interface_bridge']
                    + result['stale']['interface_wireless'])
        for key in ('ipv6_address', 'ipv6_nd'):
            result['stale'][key] = [settings_of(key, e) for e in existing.get(key) or []
                                    if e.get('interface') in going and not e.get('dynamic') and not e.get('default')]
    return result


class FilterModule(object):
    """The guest_network role's plan."""

    def filters(self):
        return {'guest_plan': guest_plan, 'with_guest_interfaces': with_guest_interfaces}
