# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The diagnose module: the checks a network engineer runs by hand when a small office has no internet, as data.

Each check reads what the router holds (all paths in one round trip) or asks the router to ping, and gives one
verdict: ``pass``, ``fail`` with the likely cause and the fix, or ``skipped`` when a check it relies on failed (a WAN
without an address makes the default route, the internet and the clock fail too; only the first of them is the
cause). Nothing is written. docs/modules/diagnose.yml documents the checks; docs/routeros-v6.md the facts they use.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import traceback

from ansible_collections.soho.routeros.plugins.module_utils import connection
from ansible_collections.soho.routeros.plugins.module_utils.errors import RouterOSError

try:
    import netaddr

    HAS_NETADDR = True
    NETADDR_IMPORT_ERROR = None
except ImportError:
    HAS_NETADDR = False
    NETADDR_IMPORT_ERROR = traceback.format_exc()

# Every check in the order it runs: name, what it verifies, the checks it relies on.
CHECKS = (
    ('wan_running', 'WAN port enabled and running', ()),
    ('wan_address', 'WAN has an IPv4 address (DHCP client bound or static address)', ('wan_running',)),
    ('wan_address_kind', 'WAN address is public or carrier-grade NAT', ('wan_address',)),
    ('default_route', 'IPv4 default route active', ('wan_address',)),
    ('internet_ipv4', 'The router reaches the internet over IPv4', ('default_route',)),
    ('nat_masquerade', 'NAT masquerade out of the WAN present, enabled and not hidden', ()),
    ('dns_servers', 'DNS servers set', ()),
    ('dns_reachable', 'A DNS server answers', ('dns_servers', 'default_route')),
    ('clock', 'Clock set by NTP', ('internet_ipv4',)),
    ('input_firewall', 'Firewall input chain drops from the WAN', ()),
    ('dhcp_server', 'DHCP server running on each LAN', ()),
    ('dhcp_pool_free', 'Free addresses left in each DHCP pool', ('dhcp_server',)),
    ('dhcp_pool_conflicts', 'No static address or static lease inside a dynamic pool', ()),
    ('dhcpv6_client', 'DHCPv6 client bound with a delegated prefix', ('wan_running',)),
    ('lan_ipv6', 'A global /64 on each LAN interface', ('dhcpv6_client',)),
    ('lan_ra', 'Router advertisements on each LAN interface with a valid interval', ()),
    ('internet_ipv6', 'The router reaches the internet over IPv6', ('dhcpv6_client',)),
    ('ipv6_forward_firewall', 'IPv6 forward chain accepts established/related and drops from the WAN', ()),
)
CHECK_NAMES = tuple(name for name, _title, _requires in CHECKS)
IPV6_CHECKS = ('dhcpv6_client', 'lan_ipv6', 'lan_ra', 'internet_ipv6', 'ipv6_forward_firewall')
PING_INTERVAL = 1  # seconds: RouterOS's default interval between pings, which the module does not change

OPTIONS = {
    'wan_list': {'type': 'str', 'default': 'WAN'},
    'lan_list': {'type': 'str', 'default': 'LAN'},
    'guest_list': {'type': 'str', 'default': 'GUEST'},
    'ipv6': {'type': 'str', 'choices': ['delegated', 'static', 'off'], 'default': 'delegated'},
    'ping_ipv4': {'type': 'str', 'default': '9.9.9.9'},
    'ping_ipv6': {'type': 'str', 'default': '2620:fe::fe'},
    'ping_count': {'type': 'int', 'default': 3},
    'pool_min_free': {'type': 'int', 'default': 1},
    'skip': {'type': 'list', 'elements': 'str', 'choices': list(CHECK_NAMES), 'default': []},
    'fail_on_check': {'type': 'bool', 'default': True},
}

_FIREWALL = ['chain', 'action', 'disabled', 'in-interface', 'in-interface-list', 'out-interface', 'out-interface-list',
             'src-address', 'dst-address', 'src-address-list', 'dst-address-list', 'protocol', 'dst-port',
             'connection-state', 'connection-mark', 'routing-mark', 'ipsec-policy', 'comment']
READS = {
    '/system/identity': ['name'],
    '/interface': ['name', 'type', 'running', 'disabled', 'comment'],
    '/interface/list/member': ['list', 'interface', 'disabled'],
    '/interface/bridge/port': ['interface', 'bridge', 'disabled'],
    '/ip/address': ['address', 'network', 'interface', 'dynamic', 'disabled', 'invalid'],
    '/ip/dhcp-client': ['interface', 'status', 'address', 'gateway', 'disabled', 'use-peer-dns'],
    '/ip/route': ['dst-address', 'gateway', 'active', 'disabled', 'distance'],
    '/ip/firewall/nat': _FIREWALL,
    '/ip/firewall/filter': _FIREWALL,
    '/ip/dns': ['servers', 'dynamic-servers'],
    '/ip/pool': ['name', 'ranges'],
    '/ip/dhcp-server': ['name', 'interface', 'address-pool', 'disabled', 'invalid'],
    '/ip/dhcp-server/lease': ['address', 'mac-address', 'server', 'dynamic', 'disabled', 'status', 'comment'],
    '/system/ntp/client': ['enabled', 'primary-ntp', 'secondary-ntp', 'server-dns-names', 'last-update-from'],
}
IPV6_READS = {
    '/ipv6/address': ['address', 'interface', 'from-pool', 'dynamic', 'disabled', 'invalid', 'link-local'],
    '/ipv6/dhcp-client': ['interface', 'request', 'status', 'prefix', 'pool-name', 'disabled'],
    '/ipv6/pool': ['name', 'prefix', 'prefix-length'],
    '/ipv6/nd': ['interface', 'disabled', 'ra-interval', 'advertise-dns'],
    '/ipv6/firewall/filter': _FIREWALL,
}
# Firewall properties that narrow what a rule matches; a rule with none of them (but its interfaces) matches all.
_MATCHERS = ('src-address', 'dst-address', 'src-address-list', 'dst-address-list', 'protocol', 'dst-port',
             'connection-state', 'connection-mark', 'routing-mark', 'ipsec-policy')
_TERMINAL_NAT = ('accept', 'src-nat', 'netmap', 'same', 'masquerade')
_DROPS = ('drop', 'reject', 'tarpit')
CGNAT = '100.64.0.0/10'  # RFC 6598 shared address space


def _true(word):
    return str(word).lower() in ('true', 'yes')


def _enabled(rows):
    return [row for row in rows if not _true(row.get('disabled'))]


class State(object):
    """What the router holds, read once: rows of each path, and the interface sets the checks use."""

    def __init__(self, client, params):
        self.client = client
        self.params = params
        reads = dict(READS)
        if params['ipv6'] != 'off':
            reads.update(IPV6_READS)
        client.prefetch(reads.items())
        self.rows = dict((path, client.print(path, names)) for path, names in READS.items())
        self.ipv6 = False
        if params['ipv6'] != 'off':
            try:
                self.rows.update((path, client.print(path, names)) for path, names in IPV6_READS.items())
                self.ipv6 = True
            except RouterOSError:
                pass  # the ipv6 package is disabled: its menus do not exist
        members = _enabled(self.rows['/interface/list/member'])
        self.wan = [m['interface'] for m in members if m.get('list') == params['wan_list']]
        ports = set(p['interface'] for p in _enabled(self.rows['/interface/bridge/port']))
        # The networks the router serves: the LAN's and the guest networks' (their devices need addresses just the same).
        served = (params['lan_list'], params['guest_list'])
        self.lan = [m['interface'] for m in members if m.get('list') in served and m['interface'] not in ports]
        self.guests = set(m['interface'] for m in members if m.get('list') == params['guest_list'])
        self.interfaces = dict((row['name'], row) for row in self.rows['/interface'])
        self.verdicts = {}
        self._pools = None

    def addresses(self, interface=None, path='/ip/address'):
        return [row for row in _enabled(self.rows.get(path, []))
                if (interface is None or row.get('interface') == interface) and not _true(row.get('invalid'))]

    def ping(self, address):
        """Packets sent and received by a ping from the router."""
        rows = self.client.call('', 'ping', {'address': address, 'count': str(self.params['ping_count'])})
        replies = [row for row in rows if 'sent' in row]
        if not replies:
            return self.params['ping_count'], 0
        return int(replies[-1]['sent']), int(replies[-1]['received'])

    def wan_addresses(self):
        return [row for interface in self.wan for row in self.addresses(interface)]

    def pools(self):
        """{pool name: netaddr.IPSet of its ranges}, computed once."""
        if self._pools is None:
            self._pools = {}
            for pool in self.rows['/ip/pool']:
                ranges = netaddr.IPSet()
                for part in (pool.get('ranges') or '').split(','):
                    part = part.strip()
                    if part:
                        first, _dash, last = part.partition('-')
                        ranges.add(netaddr.IPRange(first, last or first))
                self._pools[pool['name']] = ranges
        return self._pools

    def lan_servers(self):
        """The DHCP servers on the LAN (or every server when the LAN list names no interface)."""
        return [s for s in self.rows['/ip/dhcp-server'] if not self.lan or s.get('interface') in self.lan]


def _result(status, detail, cause=None, fix=None):
    return {'status': status, 'detail': detail, 'cause': cause, 'fix': fix}


def _pass(detail):
    return _result('pass', detail)


def _fail(detail, cause, fix):
    return _result('fail', detail, cause, fix)


def check_wan_running(state):
    if not state.wan:
        return _fail('no interface is in the interface list %s' % state.params['wan_list'],
                     'The router does not know which port faces the internet provider.',
                     'Add the WAN port to the list: /interface list member add list=%s interface=ether1.'
                     % state.params['wan_list'])
    down = []
    for name in state.wan:
        row = state.interfaces.get(name)
        if row is None:
            down.append('%s does not exist' % name)
        elif _true(row.get('disabled')):
            down.append('%s is disabled' % name)
        elif not _true(row.get('running')):
            down.append('%s is not running (no link)' % name)
    if down:
        return _fail('; '.join(down), 'The WAN port is disabled or has no link to the modem or ONT.',
                     'Enable the port (/interface enable %s) and check the cable to the provider\'s device.' % state.wan[0])
    return _pass('%s running' % ', '.join(state.wan))


def check_wan_address(state):
    clients = [c for c in state.rows['/ip/dhcp-client'] if c.get('interface') in state.wan]
    static = [a for a in state.wan_addresses() if not _true(a.get('dynamic'))]
    if static:
        return _pass('static address %s' % ', '.join(a['address'] for a in static))
    bound = [c for c in _enabled(clients) if c.get('status') == 'bound']
    if bound:
        return _pass('DHCP client on %s bound: %s' % (bound[0]['interface'], bound[0].get('address')))
    if not clients:
        return _fail('no DHCP client and no static address on %s' % ', '.join(state.wan),
                     'The WAN interface gets no IPv4 address from the provider.',
                     'Add a DHCP client on the WAN port (/ip dhcp-client add interface=%s disabled=no) or a static '
                     'address.' % state.wan[0])
    client = clients[0]
    if _true(client.get('disabled')):
        return _fail('the DHCP client on %s is disabled' % client['interface'],
                     'The WAN interface gets no IPv4 address from the provider.',
                     'Enable it: /ip dhcp-client enable [find interface=%s].' % client['interface'])
    return _fail('the DHCP client on %s is %s, not bound' % (client['interface'], client.get('status') or 'not bound'),
                 'The provider\'s DHCP server does not answer.',
                 'Check /ip dhcp-client print; renew it (/ip dhcp-client renew [find interface=%s]) and check the '
                 'modem.' % client['interface'])


def address_kind(address):
    """``public``, ``cgnat`` (RFC 6598 shared address space) or ``private`` (RFC 1918: behind another router)."""
    ip = netaddr.IPNetwork(address).ip
    if ip in netaddr.IPNetwork(CGNAT):
        return 'cgnat'
    return 'private' if ip.is_ipv4_private_use() else 'public'


KIND_WORDS = {
    'cgnat': 'carrier-grade NAT (shared address space): the provider translates again, so ports cannot be forwarded '
             'from the internet',
    'private': 'private: the router sits behind another router (double NAT)',
    'public': 'public',
}


def check_wan_address_kind(state):
    return _pass('; '.join('%s is %s' % (netaddr.IPNetwork(row['address']).ip, KIND_WORDS[address_kind(row['address'])])
                           for row in state.wan_addresses()))


def check_default_route(state):
    defaults = [r for r in _enabled(state.rows['/ip/route']) if r.get('dst-address') == '0.0.0.0/0']
    active = [r for r in defaults if _true(r.get('active'))]
    if active:
        return _pass('0.0.0.0/0 via %s' % active[0].get('gateway'))
    if defaults:
        return _fail('the default route via %s is not active' % defaults[0].get('gateway'),
                     'The gateway of the default route is not reachable on any interface.',
                     'Check /ip route print: the gateway must be on the WAN network.')
    return _fail('no default route', 'The DHCP client does not add a default route, or none is configured.',
                 'Set add-default-route=yes on the WAN DHCP client, or add /ip route add gateway=<provider gateway>.')


def check_internet_ipv4(state):
    sent, received = state.ping(state.params['ping_ipv4'])
    if received:
        return _pass('%d of %d pings to %s answered' % (received, sent, state.params['ping_ipv4']))
    return _fail('no answer to %d pings to %s' % (sent, state.params['ping_ipv4']),
                 'The provider does not forward traffic, or an upstream link is down.',
                 'Ping the gateway and a public address from the router (ping %s); call the provider if only the '
                 'gateway answers.' % state.params['ping_ipv4'])


def _hides(rule, masquerade):
    """Whether an earlier srcnat rule takes every packet the masquerade would (it ends the srcnat chain for them)."""
    if rule.get('action') not in _TERMINAL_NAT or any(rule.get(name) for name in _MATCHERS):
        return False
    for name in ('out-interface', 'out-interface-list'):
        if rule.get(name) and rule.get(name) != masquerade.get(name):
            return False
    return True


def check_nat_masquerade(state):
    rules = state.rows['/ip/firewall/nat']
    srcnat = [r for r in rules if r.get('chain') == 'srcnat']
    wan_list = state.params['wan_list']

    def out_of_wan(rule):
        return rule.get('out-interface-list') == wan_list or rule.get('out-interface') in state.wan

    masquerades = [r for r in srcnat if r.get('action') == 'masquerade' and out_of_wan(r)]
    if not masquerades:
        return _fail('no masquerade out of the WAN in /ip firewall nat',
                     'LAN traffic leaves with private addresses the internet cannot answer.',
                     'Add it: /ip firewall nat add chain=srcnat out-interface-list=%s action=masquerade.' % wan_list)
    enabled = _enabled(masquerades)
    if not enabled:
        return _fail('the masquerade out of the WAN is disabled', 'LAN traffic is not translated.',
                     'Enable it: /ip firewall nat enable [find action=masquerade].')
    masquerade = enabled[0]
    before = _enabled(srcnat[:srcnat.index(masquerade)])
    hiding = [r for r in before if _hides(r, masquerade)]
    if hiding:
        return _fail('an earlier srcnat rule (action=%s%s) takes the traffic first'
                     % (hiding[0].get('action'), ', %s' % hiding[0]['comment'] if hiding[0].get('comment') else ''),
                     'The masquerade is never reached.',
                     'Move the masquerade above it or narrow the earlier rule (/ip firewall nat print).')
    return _pass('masquerade out of %s' % (masquerade.get('out-interface-list') or masquerade.get('out-interface')))


def _dns_servers(state):
    dns = (state.rows['/ip/dns'] or [{}])[0]
    found = []
    for name in ('servers', 'dynamic-servers'):
        found.extend(word.strip() for word in (dns.get(name) or '').split(',') if word.strip())
    return found


def _not_passed(state, name):
    return state.verdicts.get(name, {}).get('status') != 'pass'


def check_dns_servers(state):
    servers = _dns_servers(state)
    if servers:
        return _pass(', '.join(servers))
    peer = [c for c in state.rows['/ip/dhcp-client'] if c.get('interface') in state.wan
            and c.get('use-peer-dns', 'true') != 'false']
    if peer and _not_passed(state, 'wan_address'):
        return _result('skipped', 'not checked: the DNS servers come from the WAN DHCP client, and wan_address did not pass')
    return _fail('no static and no dynamic DNS servers in /ip dns',
                 'The router cannot resolve names, so neither can the LAN devices that ask it.',
                 'Use the provider\'s (use-peer-dns=yes on the WAN DHCP client) or set /ip dns servers=9.9.9.9.')


def check_dns_reachable(state):
    servers = _dns_servers(state)
    for server in servers:
        sent, received = state.ping(server)
        if received:
            return _pass('%s answers' % server)
    return _fail('none of %s answers' % ', '.join(servers),
                 'A DNS resolution issue: the DNS servers are down or unreachable.',
                 'Ping a public address by number: if that works, use other DNS servers (/ip dns set servers=...).')


def check_clock(state):
    client = (state.rows['/system/ntp/client'] or [{}])[0]
    if not _true(client.get('enabled')):
        return _fail('the NTP client is disabled', 'The clock is not set: logs, certificates and schedules go wrong.',
                     'Enable it: /system ntp client set enabled=yes server-dns-names=pool.ntp.org.')
    if client.get('last-update-from'):
        return _pass('synchronised from %s' % client['last-update-from'])
    if client.get('server-dns-names') and _not_passed(state, 'dns_reachable'):
        return _result('skipped', 'not checked: the NTP servers are names, and dns_reachable did not pass')
    return _fail('the NTP client has had no update from any server',
                 'The NTP servers do not answer, or their names do not resolve.',
                 'Check /system ntp client print and the DNS servers.')


def _drops_from_wan(rule, state):
    """Whether a filter rule drops every packet coming in from the WAN."""
    if rule.get('action') not in _DROPS or any(rule.get(name) for name in _MATCHERS if name != 'connection-state'):
        return False
    states = set((rule.get('connection-state') or '').split(',')) - set([''])
    if states and not (states >= set(['new']) or states == set(['!established', '!related'])):
        return False
    lists, port = rule.get('in-interface-list'), rule.get('in-interface')
    wan_list, lan_list = state.params['wan_list'], state.params['lan_list']
    return (not lists and not port) or lists in (wan_list, '!' + lan_list) or port in state.wan


def _may_match_wan(rule, state):
    """Whether a rule can match a packet coming in from the WAN (a rule for the guest interfaces cannot)."""
    lists, port = rule.get('in-interface-list'), rule.get('in-interface')
    wan_list = state.params['wan_list']
    if port:
        return port in state.wan or port.startswith('!')
    if lists:
        return lists == wan_list or (lists.startswith('!') and lists[1:] != wan_list)
    return True


def _accepts_all_from_wan(rule, state):
    if rule.get('action') != 'accept' or any(rule.get(name) for name in _MATCHERS):
        return False
    lists, port = rule.get('in-interface-list'), rule.get('in-interface')
    return (not lists and not port) or lists == state.params['wan_list'] or port in state.wan


def _chain_drop(rules, chain, state):
    """The first enabled rule of ``chain`` that drops from the WAN, unless a rule before it accepts all from the WAN."""
    for rule in _enabled(r for r in rules if r.get('chain') == chain):
        if _accepts_all_from_wan(rule, state):
            return None, rule
        if _drops_from_wan(rule, state):
            return rule, None
    return None, None


def check_input_firewall(state):
    drop, accept = _chain_drop(state.rows['/ip/firewall/filter'], 'input', state)
    if drop is not None:
        return _pass('input drops from the WAN%s' % (' (%s)' % drop['comment'] if drop.get('comment') else ''))
    if accept is not None:
        return _fail('an input rule accepts everything from the WAN before any drop',
                     'The router\'s services are open to the internet.', 'Remove or narrow that rule.')
    return _fail('no input rule drops what comes in from the WAN',
                 'The router\'s services (winbox, ssh, API, DNS) are open to the internet.',
                 'Add: /ip firewall filter add chain=input in-interface-list=%s action=drop (after the accept of '
                 'established,related), or run the hardening role.' % state.params['wan_list'])


def check_dhcp_server(state):
    servers = state.lan_servers()
    if not servers:
        return _fail('no DHCP server on %s' % (', '.join(state.lan) or 'any interface'),
                     'LAN devices get no IPv4 address.',
                     'Add one: /ip dhcp-server add interface=<LAN bridge> address-pool=<pool> disabled=no.')
    bad = []
    pools = state.pools()
    for server in servers:
        if _true(server.get('disabled')):
            bad.append('%s is disabled' % server['name'])
        elif _true(server.get('invalid')):
            bad.append('%s is invalid (its interface is missing)' % server['name'])
        elif server.get('address-pool') not in pools:
            bad.append('%s has no address pool' % server['name'])
    if bad:
        return _fail('; '.join(bad), 'The DHCP server is not running or misconfigured: LAN devices get no address.',
                     'Enable it with a pool (/ip dhcp-server print; /ip pool print).')
    return _pass(', '.join('%s on %s' % (s['name'], s.get('interface')) for s in servers))


def pool_use(state):
    """[{server, pool, size, used, free}] for each LAN DHCP server with a pool: leases inside the pool counted."""
    pools = state.pools()
    leases = _enabled(state.rows['/ip/dhcp-server/lease'])
    found = []
    for server in state.lan_servers():
        pool = pools.get(server.get('address-pool'))
        if pool is None:
            continue
        used = set()
        for lease in leases:
            if lease.get('server') not in (server['name'], 'all') or not lease.get('address'):
                continue
            address = netaddr.IPAddress(lease['address'])
            if address in pool and (not _true(lease.get('dynamic')) or lease.get('status') in ('bound', 'offered')):
                used.add(address)
        found.append({'server': server['name'], 'pool': server['address-pool'], 'size': pool.size, 'used': len(used),
                      'free': pool.size - len(used)})
    return found


def check_dhcp_pool_free(state):
    use = pool_use(state)
    low = [u for u in use if u['free'] < state.params['pool_min_free']]
    if low:
        return _fail(', '.join('pool %s: %d of %d addresses leased, %d free' % (u['pool'], u['used'], u['size'], u['free'])
                               for u in low),
                     'The DHCP pool is full: new devices get no address.',
                     'Widen the pool (/ip pool set %s ranges=...) or shorten the lease time.' % low[0]['pool'])
    return _pass(', '.join('pool %s: %d of %d free' % (u['pool'], u['free'], u['size']) for u in use))


def check_dhcp_pool_conflicts(state):
    conflicts = []
    for server in state.lan_servers():
        pool = state.pools().get(server.get('address-pool'))
        if pool is None:
            continue
        for row in state.addresses():
            ip = netaddr.IPNetwork(row['address']).ip
            if ip in pool and not _true(row.get('dynamic')):
                conflicts.append('the router\'s address %s on %s is in pool %s' % (ip, row['interface'], server['address-pool']))
        for lease in _enabled(state.rows['/ip/dhcp-server/lease']):
            if _true(lease.get('dynamic')) or lease.get('server') not in (server['name'], 'all'):
                continue
            if lease.get('address') and netaddr.IPAddress(lease['address']) in pool:
                conflicts.append('static lease %s (%s) is in pool %s' % (lease['address'], lease.get('mac-address'),
                                                                         server['address-pool']))
    if conflicts:
        return _fail('; '.join(conflicts),
                     'An IP address conflict: a static address clashes with what the DHCP pool hands out.',
                     'Keep static addresses and static leases outside the pool range (/ip pool set ... ranges=...).')
    return _pass('static addresses and leases are outside the pools')


def _ipv6_off(state):
    if state.params['ipv6'] == 'off':
        return _result('skipped', 'IPv6 is not expected on this router (ipv6=off)')
    if not state.ipv6:
        return _result('skipped', 'the ipv6 package is disabled')
    return None


def check_dhcpv6_client(state):
    if state.params['ipv6'] == 'static':
        return _result('skipped', 'the IPv6 prefix is static (ipv6=static)')
    clients = [c for c in state.rows['/ipv6/dhcp-client'] if c.get('interface') in state.wan]
    bound = [c for c in _enabled(clients) if c.get('status') == 'bound' and c.get('prefix')]
    if bound:
        return _pass('bound on %s, prefix %s' % (bound[0]['interface'], bound[0]['prefix'].split(',')[0]))
    if not clients:
        return _fail('no DHCPv6 client on %s' % ', '.join(state.wan),
                     'The WAN interface is not getting an IPv6 prefix (DHCPv6-PD).',
                     'Add one: /ipv6 dhcp-client add interface=%s request=prefix pool-name=isp-pd.' % state.wan[0])
    client = clients[0]
    status = 'disabled' if _true(client.get('disabled')) else (client.get('status') or 'not bound')
    return _fail('the DHCPv6 client on %s is %s, with no prefix' % (client['interface'], status),
                 'The WAN interface is not getting an IPv6 prefix (DHCPv6-PD).',
                 'Check /ipv6 dhcp-client print; the provider must delegate a prefix (request=prefix).')


def _global(row):
    network = netaddr.IPNetwork(row['address'])
    return not _true(row.get('link-local')) and not network.ip.is_link_local()


def check_lan_ipv6(state):
    missing, found = [], []
    for interface in state.lan:
        rows = [r for r in state.addresses(interface, '/ipv6/address') if _global(r)
                and netaddr.IPNetwork(r['address']).prefixlen == 64]
        if rows:
            found.append('%s %s' % (interface, rows[0]['address']))
        else:
            missing.append(interface)
    if missing:
        return _fail('no global /64 on %s' % ', '.join(missing),
                     'LAN devices get no IPv6 address: the delegated prefix is not handed to the LAN.',
                     'Add /ipv6 address add interface=%s from-pool=<delegated pool> address=::1/64 advertise=yes.'
                     % missing[0])
    return _pass(', '.join(found) or 'no LAN interface')


def _interval_error(text):
    """What is wrong with an ra-interval (min-max seconds; RFC 4861 6.2.1: max 4-1800, min 3 to 0.75 max)."""
    try:
        low, high = [int(part) for part in text.split('-')]
    except ValueError:
        return 'ra-interval %r is not min-max seconds' % text
    if not 4 <= high <= 1800 or not 3 <= low <= 0.75 * high:
        return 'ra-interval %s is outside 3 <= min <= 0.75 max, 4 <= max <= 1800' % text
    return None


def _seconds(word):
    """``3m20s``-style RouterOS durations (or plain seconds) as seconds."""
    total, number = 0, ''
    units = {'w': 604800, 'd': 86400, 'h': 3600, 'm': 60, 's': 1}
    for char in str(word):
        if char.isdigit():
            number += char
        elif char in units and number:
            total, number = total + int(number) * units[char], ''
        else:
            raise ValueError(word)
    return total + int(number or 0)


def check_lan_ra(state):
    entries = _enabled(state.rows['/ipv6/nd'])
    problems, found = [], []
    for interface in state.lan:
        entry = next((e for e in entries if e.get('interface') == interface), None) or \
            next((e for e in entries if e.get('interface') == 'all'), None)
        if entry is None:
            problems.append('no enabled /ipv6 nd entry for %s' % interface)
            continue
        interval = entry.get('ra-interval') or '200-600'
        try:
            interval = '-'.join(str(_seconds(part)) for part in interval.split('-'))
        except ValueError:
            pass
        error = _interval_error(interval)
        if error:
            problems.append('%s: %s' % (interface, error))
        else:
            found.append('%s (%s s)' % (interface, interval))
    if problems:
        return _fail('; '.join(problems), 'Router advertisements are not working: LAN devices get no IPv6 (SLAAC).',
                     'Enable /ipv6 nd on the LAN interface with a valid ra-interval (e.g. 20s-60s).')
    return _pass(', '.join(found) or 'no LAN interface')


def check_internet_ipv6(state):
    sent, received = state.ping(state.params['ping_ipv6'])
    if received:
        return _pass('%d of %d pings to %s answered' % (received, sent, state.params['ping_ipv6']))
    return _fail('no answer to %d pings to %s' % (sent, state.params['ping_ipv6']),
                 'The provider does not route IPv6 for the delegated prefix, or its IPv6 is down.',
                 'Check /ipv6 route print for a default route and ping %s; call the provider.' % state.params['ping_ipv6'])


def check_ipv6_forward_firewall(state):
    rules = _enabled(r for r in state.rows['/ipv6/firewall/filter'] if r.get('chain') == 'forward')
    accept = None
    for index, rule in enumerate(rules):
        states = set((rule.get('connection-state') or '').split(','))
        if rule.get('action') == 'accept' and states >= set(['established', 'related']) \
                and not any(rule.get(name) for name in _MATCHERS if name != 'connection-state'):
            accept = index
            break
        if rule.get('action') in _DROPS and not any(rule.get(name) for name in _MATCHERS) and _may_match_wan(rule, state):
            break
    if accept is None:
        return _fail('no accept of established,related before the first drop in the IPv6 forward chain',
                     'The IPv6 firewall blocks the replies to the LAN\'s own connections.',
                     'Add /ipv6 firewall filter add chain=forward connection-state=established,related action=accept '
                     'at the top of the forward chain.')
    drop, wide = _chain_drop(state.rows['/ipv6/firewall/filter'], 'forward', state)
    if drop is None:
        return _fail('the IPv6 forward chain does not drop new connections from the WAN',
                     'Every LAN device with a global IPv6 address is reachable from the internet.',
                     'Add /ipv6 firewall filter add chain=forward in-interface-list=%s action=drop after the accepts.'
                     % state.params['wan_list'])
    return _pass('accepts established,related; drops from the WAN')


def _check_params(params, timeout):
    if not 1 <= params['ping_count'] <= 10:
        raise RouterOSError('ping_count: %d is out of range (1-10).' % params['ping_count'])
    if timeout and params['ping_count'] * PING_INTERVAL >= timeout:
        raise RouterOSError('ping_count: %d pings take about %d s, not less than the connection timeout (%d s); send fewer '
                            'or raise the timeout.' % (params['ping_count'], params['ping_count'] * PING_INTERVAL, timeout))
    if params['pool_min_free'] < 0:
        raise RouterOSError('pool_min_free: %d is below 0.' % params['pool_min_free'])
    for name, version in (('ping_ipv4', 4), ('ping_ipv6', 6)):
        if not (netaddr.valid_ipv4 if version == 4 else netaddr.valid_ipv6)(params[name]):
            raise RouterOSError('%s: %r is not an IPv%d address (the RouterOS API pings addresses, not names).'
                                % (name, params[name], version))


def diagnose(client, params):
    """Every check's verdict, in CHECKS order, and the state the report shows."""
    state = State(client, params)
    functions = globals()
    verdicts, by_name = [], {}
    state.verdicts = by_name
    for name, title, requires in CHECKS:
        result = None
        if name in params['skip']:
            result = _result('skipped', 'skipped on request (skip)')
        elif name in IPV6_CHECKS:
            result = _ipv6_off(state)
        if result is None:
            blocked = [r for r in requires if by_name.get(r, {}).get('status') in ('fail', 'skipped')]
            if blocked:
                result = _result('skipped', 'not checked: %s did not pass' % ', '.join(blocked))
            else:
                result = functions['check_' + name](state)
        result = dict(result, name=name, title=title)
        by_name[name] = result
        verdicts.append(result)
    return verdicts, state


def addressing(state):
    """The router's addressing as the report draws it: the WAN, and each LAN network with its subnets and pool."""
    pools = state.pools()
    servers = dict((s.get('interface'), s) for s in state.rows['/ip/dhcp-server'])
    pools_used = pool_use(state)
    use = dict((u['server'], u) for u in pools_used)
    ipv6 = [r for r in state.addresses(path='/ipv6/address') if _global(r)] if state.ipv6 else []
    delegated = []
    if state.ipv6:
        delegated = [c['prefix'].split(',')[0] for c in _enabled(state.rows['/ipv6/dhcp-client'])
                     if c.get('status') == 'bound' and c.get('prefix')]
    networks = []
    for interface in state.lan:
        server = servers.get(interface)
        pool = pools.get(server.get('address-pool')) if server else None
        networks.append({
            'interface': interface,
            'guest': interface in state.guests,
            'ipv4': [r['address'] for r in state.addresses(interface)],
            'subnets': [str(netaddr.IPNetwork(r['address']).cidr) for r in state.addresses(interface)],
            'ipv6': [r['address'] for r in ipv6 if r.get('interface') == interface],
            'ipv6_subnets': [str(netaddr.IPNetwork(r['address']).cidr) for r in ipv6 if r.get('interface') == interface],
            'dhcp_server': server['name'] if server else None,
            'dhcp_range': ', '.join('%s-%s' % (r[0], r[-1]) for r in pool.iter_ipranges()) if pool else None,
            'leases': use.get(server['name']) if server else None,
        })
    return {
        'identity': (state.rows['/system/identity'] or [{}])[0].get('name'),
        'wan': {
            'interfaces': state.wan,
            'ipv4': [{'address': r['address'], 'kind': address_kind(r['address'])} for r in state.wan_addresses()],
            'ipv6': [r['address'] for r in ipv6 if r.get('interface') in state.wan],
            'delegated': delegated,
            'gateway': next((r.get('gateway') for r in _enabled(state.rows['/ip/route'])
                             if r.get('dst-address') == '0.0.0.0/0' and _true(r.get('active'))), None),
        },
        'networks': networks,
        'interfaces': [{'name': row['name'], 'type': row.get('type'), 'running': _true(row.get('running')),
                        'disabled': _true(row.get('disabled')),
                        'ipv4': [r['address'] for r in state.addresses(row['name'])],
                        'ipv6': [r['address'] for r in ipv6 if r.get('interface') == row['name']]}
                       for row in state.rows['/interface']],
        'pools': pools_used,
    }


def run(params, check_mode=False, diff_mode=False):
    if not HAS_NETADDR:
        raise RouterOSError('the diagnose module needs the Python library netaddr on the controller: pip install netaddr.')
    _check_params(params, params.get('timeout'))
    with connection.session(params) as client:
        verdicts, state = diagnose(client, params)
        report = addressing(state)
    failed = [v['name'] for v in verdicts if v['status'] == 'fail']
    summary = ['%-4s %s: %s%s' % ({'pass': 'ok', 'fail': 'FAIL', 'skipped': '--'}[v['status']], v['name'], v['detail'],
                                  ' -> %s %s' % (v['cause'], v['fix']) if v['status'] == 'fail' else '')
               for v in verdicts]
    result = {'changed': False, 'checks': verdicts, 'failed_checks': failed, 'summary': summary, 'addressing': report,
              'worst': 'fail' if failed else ('skipped' if any(v['status'] == 'skipped' for v in verdicts) else 'pass')}
    if failed and params['fail_on_check']:
        result['failed'] = True
        result['msg'] = '%d of %d checks failed: %s' % (
            len(failed), len(verdicts), '; '.join('%s (%s)' % (v['name'], v['cause']) for v in verdicts if v['status'] == 'fail'))
    return result
