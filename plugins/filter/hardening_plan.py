# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The hardening role's plan: every rule, list entry and setting it manages, derived from its
variables in one place, and every bad value as one sentence naming the variable.

``hardening_plan(settings, controller_address=None, existing=None)``: ``settings`` is the dict of
role variables (vars/main.yml), ``controller_address`` the address the controller connects from
(``soho.routeros.config_guard`` state gathered), ``existing`` what the router has (``ip_service``, ``ip_address``,
``interface_list_member``, ``ip_firewall_address_list``, ``ipv6_firewall_address_list``, ``ip_firewall_filter`` and
``ipv6_firewall_filter`` as gathered, and ``wan_ports``, the WAN ports site.yml's WAN role sets in the same run). Without ``existing``
only the variables are checked (tasks/validate.yml).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible.module_utils.common.text.converters import to_text
from ansible_collections.soho.routeros.plugins.filter.plan import (
    BAD_IPV6,
    DEFCONF_TAG,
    ESTABLISHED,
    Plan,
    defconf_ipv6_filter,
    settings_of,
    wan_ports,
)
from ansible_collections.soho.routeros.plugins.module_utils.values import parse_duration

# The rollback job needs time to be installed and proven before it may fire (config_guard takes no shorter delay).
MIN_ROLLBACK_DELAY = 30

try:
    import netaddr
except ImportError:  # pragma: no cover - netaddr is in requirements.txt
    netaddr = None

# Ports of the management services when the router does not say otherwise (/ip service).
SERVICE_PORTS = {'ssh': 22, 'winbox': 8291, 'www-ssl': 443, 'api-ssl': 8729, 'api': 8728}
RESTRICTED = ('ssh', 'winbox', 'api-ssl', 'www-ssl')
CLEAR_TEXT = ('telnet', 'ftp', 'www')
PASSWORD_CLASSES = (re.compile(r'[a-z]'), re.compile(r'[A-Z]'), re.compile(r'[0-9]'), re.compile(r'[^A-Za-z0-9]'))
MIN_PASSWORD = 12


def _networks(plan, name, version=None):
    """The networks of a list variable in CIDR form: IPv4 or IPv6, or only ``version``."""
    out = []
    for index, value in enumerate(plan.items(name)):
        net = plan.prefix('%s[%d]' % (name, index), value, version=None)
        if net is not None and version and net.version != version:
            plan.error('%s[%d]' % (name, index), '%s is not an IPv%d network' % (net, version))
        elif net is not None:
            out.append(net)
    return out


def _password(plan, user, password):
    if not user:
        return
    password = to_text(password or '')
    classes = sum(1 for c in PASSWORD_CLASSES if c.search(password))
    if len(password) < MIN_PASSWORD or classes < 3:
        plan.error('hardening_admin_password', 'is too weak for %r: use at least %d characters from at least three of '
                   'lower case, upper case, digits and symbols (the value is not shown)' % (user, MIN_PASSWORD))


def _rules(prefix, family, lan, wan, management, ports, bruteforce, stage, blacklist, bad_ipv6):
    """The input and forward chains of one family: MikroTik's default rules (docs/routeros-v6.md), plus management
    access from the management list and brute-force protection for SSH and WinBox before the input chain's final drop.
    Each comment names its chain."""
    def rule(chain, action, comment, **match):
        return dict(chain=chain, action=action, comment=comment, **match)

    tag = 'ssh_winbox_' if family == 4 else 'ssh_winbox_v6_'
    login = dict(protocol='tcp', dst_port='22,8291')
    access = [
        rule('input', 'drop', 'drop SSH and WinBox from the brute-force blacklist', disabled=not bruteforce,
             src_address_list=tag + 'blacklist', **login),
        rule('input', 'add-src-to-address-list', 'third new SSH or WinBox connection in a row: blacklist',
             disabled=not bruteforce, connection_state=['new'], src_address_list=tag + 'stage2',
             address_list=tag + 'blacklist', address_list_timeout=blacklist, **login),
        rule('input', 'add-src-to-address-list', 'second new SSH or WinBox connection: stage 2',
             disabled=not bruteforce, connection_state=['new'], src_address_list=tag + 'stage1',
             address_list=tag + 'stage2', address_list_timeout=stage, **login),
        rule('input', 'add-src-to-address-list', 'first new SSH or WinBox connection: stage 1',
             disabled=not bruteforce, connection_state=['new'], address_list=tag + 'stage1',
             address_list_timeout=stage, **login),
        rule('input', 'accept', 'accept management services from the management list', protocol='tcp',
             dst_port=','.join(str(p) for p in ports), src_address_list=management),
    ]
    if family == 6:
        rules = defconf_ipv6_filter(lan, bad_ipv6, extra_input=access)
    else:
        rules = [
            rule('input', 'accept', 'accept established,related,untracked', **ESTABLISHED),
            rule('input', 'drop', 'drop invalid', connection_state=['invalid']),
            rule('input', 'accept', 'accept ICMP', protocol='icmp'),
            rule('input', 'accept', 'accept UDP traceroute', protocol='udp', dst_port='33434-33534'),
            rule('input', 'accept', 'accept to local loopback (for CAPsMAN)', dst_address='127.0.0.1'),
        ] + access + [
            rule('input', 'drop', 'drop everything else not coming from LAN', in_interface_list='!' + lan),
            rule('forward', 'accept', 'accept in ipsec policy', ipsec_policy='in,ipsec'),
            rule('forward', 'accept', 'accept out ipsec policy', ipsec_policy='out,ipsec'),
            rule('forward', 'fasttrack-connection', 'fasttrack', connection_state=['established', 'related']),
            rule('forward', 'accept', 'accept established,related,untracked', **ESTABLISHED),
            rule('forward', 'drop', 'drop invalid', connection_state=['invalid']),
            rule('forward', 'drop', 'drop all from WAN not DSTNATed', connection_state=['new'],
                 connection_nat_state=['!dstnat'], in_interface_list=wan),
        ]
    return [dict(r, comment='%s%s: %s' % (prefix, r['chain'], r['comment'])) for r in rules]


def _on_wan_side(existing, wan, host):
    """Whether the controller reaches the router from the WAN side: its address is in no network the router has on a
    port outside the WAN interface list (so it comes over a WAN port, or is routed in from beyond one)."""
    wan_ports = set(m.get('interface') for m in existing.get('interface_list_member') or [] if m.get('list') == wan)
    for entry in existing.get('ip_address') or []:
        try:
            network = netaddr.IPNetwork(to_text(entry.get('address')))
        except (netaddr.AddrFormatError, ValueError, TypeError):
            continue
        if entry.get('interface') not in wan_ports and host in network.cidr:
            return False
    return True


def _refuse_controller(plan, subnets, host):
    """Management is accepted from the management networks (and a controller on the LAN side): a controller on the WAN
    side outside them would lose access at the firewall write, so the run stops before it."""
    plan.error('hardening_management_subnets', 'the controller connects from %s on the WAN side, outside %s: the firewall and '
               'the management services would no longer accept it. Add it (for example %s/%d) to keep access, or run from '
               'the LAN' % (host, ', '.join(str(n) for n in subnets) or 'the empty list', host, 32 if host.version == 4 else 128))


def _ipv6_pd_prefix(settings):
    """The comment prefix of the ipv6_pd role's IPv6 rules: the hardening role takes them over when it owns the IPv6 firewall."""
    text = to_text(settings.get('hardening_ipv6_pd_comment_prefix') or '')
    return [text] if text.strip() else []


def _stale(existing, key, lists, prefixes, wanted):
    """Entries of the role's lists, with a comment prefix the role owns, that the plan no longer has."""
    keep = set((e['list'], str(netaddr.IPNetwork(e['address']).cidr)) for e in wanted)
    stale = []
    for entry in (existing or {}).get(key) or []:
        if entry.get('list') not in lists or not to_text(entry.get('comment') or '').startswith(tuple(prefixes)):
            continue
        try:
            address = str(netaddr.IPNetwork(entry['address']).cidr)
        except (netaddr.AddrFormatError, ValueError, TypeError, KeyError):
            continue
        if (entry['list'], address) not in keep:
            stale.append({'list': entry['list'], 'address': entry['address']})
    return stale


# What a rule made by hand may match and still be one the role's input chain makes redundant.
HAND_DROP_FIELDS = frozenset(['chain', 'action', 'comment', 'in_interface', 'in_interface_list', 'protocol', 'dst_port', 'log',
                              'log_prefix', 'disabled'])
# Accepts of the role's input chain that do not open the router to new connections from the WAN.
NOT_OPEN = ('connection_state', 'src_address_list', 'dst_address', 'ipsec_policy')


def _port_ranges(text):
    """A dst-port value (22,80,8000-8080) as (low, high) pairs; ValueError when it is not one."""
    out = []
    for part in to_text(text).split(','):
        low, dash, high = part.strip().partition('-')
        out.append((int(low), int(high if dash else low)))
    return out


def _ports_overlap(a, b):
    if not a or not b:
        return True
    try:
        return any(low <= other_high and other_low <= high for low, high in _port_ranges(a) for other_low, other_high in _port_ranges(b))
    except ValueError:
        return True


def _same_traffic(protocol, dst_port, other_protocol, other_dst_port):
    """Whether two matches on protocol and destination ports can match the same packet (no protocol matches any)."""
    if protocol and other_protocol and protocol != other_protocol:
        return False
    return _ports_overlap(dst_port, other_dst_port)


def _redundant_drops(key, existing, rules, wan, owned):
    """Input rules made by hand that drop or reject traffic arriving on a WAN port (or the WAN list) that the role's
    input chain drops anyway: they match nothing but the port, a protocol and destination ports, and none of what the
    role's rules accept from the WAN (ICMP, traceroute, DHCPv6 and IPsec; management from the management list is what
    the variables ask for). Defconf's and the role's own rules are the role's already (``owned``)."""
    ports = wan_ports(existing, wan)
    open_to_wan = [(r.get('protocol'), r.get('dst_port')) for r in rules
                   if r['chain'] == 'input' and r['action'] == 'accept' and not any(r.get(k) for k in NOT_OPEN)]
    redundant = []
    for entry in (existing or {}).get(key) or []:
        if entry.get('dynamic') or entry.get('disabled') or entry.get('chain') != 'input' or entry.get('action') not in ('drop', 'reject'):
            continue
        if entry.get('in_interface') not in ports and entry.get('in_interface_list') != wan:
            continue
        settings = settings_of(key, entry)
        matchers = set(n for n, v in settings.items() if v not in (None, '', [], False))
        if to_text(entry.get('comment') or '').startswith(tuple(owned)) or matchers - HAND_DROP_FIELDS:
            continue
        if any(_same_traffic(entry.get('protocol'), entry.get('dst_port'), other, dst) for other, dst in open_to_wan):
            continue
        redundant.append(settings)
    return redundant


def hardening_plan(settings, controller_address=None, existing=None):
    plan = Plan(settings, 'hardening')
    prefix = plan.comment_prefix('hardening_comment_prefix')
    lan = plan.text('hardening_lan_interface_list')
    wan = plan.text('hardening_wan_interface_list')
    management = plan.text('hardening_management_address_list')
    bogon_list = plan.text('hardening_bogon_address_list')
    bad_ipv6 = plan.text('hardening_ipv6_bad_address_list')
    tls = plan.boolean('routeros_api_tls')
    keep = plan.boolean('hardening_keep_controller_access')
    subnets = _networks(plan, 'hardening_management_subnets')
    if not plan.items('hardening_management_subnets'):
        if not tls:
            plan.error('hardening_management_subnets', 'is empty while the controller uses the plain api service '
                       '(routeros_api_tls is false): name the management networks, or the api service would stay open '
                       'to every address')
        elif not keep:
            plan.error('hardening_management_subnets', 'is empty and hardening_keep_controller_access is false: the '
                       'management services would be open to every address')
    bogons = _networks(plan, 'hardening_bogons', version=4)
    defconf_bad = [(netaddr.IPNetwork(a).cidr, c) for a, c in BAD_IPV6]
    exceptions = _networks(plan, 'hardening_ipv6_bogon_exceptions', version=6)
    for index, net in enumerate(exceptions):
        if net not in [n for n, c in defconf_bad]:
            plan.error('hardening_ipv6_bogon_exceptions[%d]' % index, '%s is not in the bad_ipv6 list (%s)'
                       % (net, ', '.join(a for a, c in BAD_IPV6)))
    stage = plan.duration('hardening_bruteforce_stage_timeout')
    blacklist = plan.duration('hardening_bruteforce_blacklist_timeout')
    bruteforce = plan.boolean('hardening_bruteforce')
    raw = plan.boolean('hardening_raw_bogon_drop')
    _rollback_delay(plan)
    ntp_addresses, ntp_names = [], []
    for index, server in enumerate(plan.items('hardening_ntp_servers')):
        text = to_text(server).strip()
        if netaddr.valid_ipv4(text):
            ntp_addresses.append(text)
        elif re.match(r'^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$', text):
            ntp_names.append(text)
        else:
            plan.error('hardening_ntp_servers[%d]' % index, '%r is neither an IPv4 address nor a host name' % (server,))
    if len(ntp_addresses) > 2:
        plan.error('hardening_ntp_servers', 'RouterOS v6 takes at most two NTP server addresses (primary and secondary); '
                   'give host names for more')
    admin = to_text(settings.get('hardening_admin_user') or '').strip()
    controller_user = to_text(settings.get('hardening_controller_user') or 'admin')
    if admin:
        plan.text('hardening_admin_user', admin)
        if admin == 'admin':
            plan.error('hardening_admin_user', 'must not be the factory user admin: name the administrator')
    _password(plan, admin, settings.get('hardening_admin_password'))
    disable_admin = plan.boolean('hardening_disable_default_admin')
    if disable_admin and not admin:
        plan.error('hardening_disable_default_admin', 'is true but hardening_admin_user is empty: the router would be '
                   'left without a named administrator')
    if disable_admin and controller_user == 'admin':
        plan.error('hardening_disable_default_admin', 'is true while the controller logs in as admin (ansible_user): '
                   'create the administrator first, log in as that user, then disable admin')
    snmp = plan.boolean('hardening_snmp_enabled')
    result = {'errors': plan.errors}
    if plan.errors or existing is None:
        return result

    allowed = list(subnets)
    if keep and controller_address:
        host = netaddr.IPNetwork(to_text(controller_address)).cidr
        if not any(host in net for net in allowed):
            if _on_wan_side(existing, wan, host.ip):
                _refuse_controller(plan, subnets, host.ip)
                return result
            allowed.append(host)
    services_now = dict((s.get('name'), s) for s in existing.get('ip_service') or [])

    def port(name):
        return int(services_now.get(name, {}).get('port') or SERVICE_PORTS[name])

    service_address = [str(n) for n in allowed]
    services = [{'name': name, 'disabled': True} for name in CLEAR_TEXT]
    for name in RESTRICTED:
        entry = {'name': name, 'address': service_address}
        if name == 'api-ssl' and tls:
            entry['disabled'] = False
        services.append(entry)
    services.append({'name': 'api', 'disabled': True} if tls else
                    {'name': 'api', 'disabled': False, 'address': service_address})
    ports = sorted(set([port(n) for n in RESTRICTED] + ([] if tls else [port('api')])))

    def entries(networks, list_name, comment):
        return [{'list': list_name, 'address': str(n), 'comment': prefix + comment} for n in networks]

    v4_management = entries([n for n in allowed if n.version == 4], management, 'management')
    v6_management = entries([n for n in allowed if n.version == 6], management, 'management')
    v4_lists = v4_management + entries(bogons, bogon_list, 'bogon')
    v6_lists = v6_management + [{'list': bad_ipv6, 'address': str(n), 'comment': prefix + c}
                                for n, c in defconf_bad if n not in exceptions]
    owned4, owned6 = [prefix, DEFCONF_TAG], [prefix, DEFCONF_TAG] + _ipv6_pd_prefix(settings)
    rules4 = _rules(prefix, 4, lan, wan, management, ports, bruteforce, stage, blacklist, bad_ipv6)
    rules6 = _rules(prefix, 6, lan, wan, management, ports, bruteforce, stage, blacklist, bad_ipv6)
    users = []
    if admin:
        users.append({'name': admin, 'group': 'full', 'password': to_text(settings.get('hardening_admin_password')),
                      'disabled': False})
    if disable_admin:
        users.append({'name': 'admin', 'group': 'full', 'disabled': True})
    result.update({
        'interface_list': [{'name': wan}, {'name': lan}],
        'ip_firewall_address_list': v4_lists,
        'ip_firewall_address_list_stale': _stale(existing, 'ip_firewall_address_list', (management, bogon_list),
                                                 [prefix], v4_lists),
        'ipv6_firewall_address_list': v6_lists,
        # The IPv6 firewall has one owner: entries that defconf or the ipv6_pd role put in the bad_ipv6 list and this
        # plan leaves out (hardening_ipv6_bogon_exceptions) go with the rules that used them.
        'ipv6_firewall_address_list_stale': _stale(existing, 'ipv6_firewall_address_list', (management, bad_ipv6),
                                                   [prefix, DEFCONF_TAG] + _ipv6_pd_prefix(settings), v6_lists),
        'ip_firewall_filter_owned': owned4,
        'ipv6_firewall_filter_owned': owned6,
        'ip_firewall_filter': rules4,
        'ipv6_firewall_filter': rules6,
        # Input drops made by hand on the WAN that the chains above make redundant: removed once those are in place.
        'ip_firewall_filter_redundant': _redundant_drops('ip_firewall_filter', existing, rules4, wan, owned4),
        'ipv6_firewall_filter_redundant': _redundant_drops('ipv6_firewall_filter', existing, rules6, wan, owned6),
        'ip_firewall_raw': [{'chain': 'prerouting', 'action': 'drop', 'in_interface_list': wan,
                             'src_address_list': bogon_list, 'disabled': not raw,
                             'comment': prefix + 'raw: drop bogon sources arriving on the WAN'}],
        'ip_service': services,
        'tool_bandwidth_server': {'enabled': False},
        'mac_server': {'allowed_interface_list': lan},
        'mac_server_winbox': {'allowed_interface_list': lan},
        'ip_neighbor_discovery': {'discover_interface_list': lan},
        'system_ntp_client': {'enabled': bool(ntp_addresses or ntp_names), 'mode': 'unicast',
                              'primary_ntp': ntp_addresses[0] if ntp_addresses else '0.0.0.0',
                              'secondary_ntp': ntp_addresses[1] if len(ntp_addresses) > 1 else '0.0.0.0',
                              'server_dns_names': ntp_names},
        'snmp': None if snmp else {'enabled': False},
        'user': users,
        'management_networks': service_address,
    })
    return result


def _rollback_delay(plan):
    delay = plan.duration('hardening_rollback_delay')
    if delay is not None and parse_duration(delay) < MIN_ROLLBACK_DELAY:
        plan.error('hardening_rollback_delay', '%r is shorter than %ds (example: 5m)' % (delay, MIN_ROLLBACK_DELAY))


class FilterModule(object):
    """The hardening role's plan."""

    def filters(self):
        return {'hardening_plan': hardening_plan}
