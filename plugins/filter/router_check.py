# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The roles' variables against each other and against the router as read before the first write.

Each role checks its own variables; what one role's variable says about another role's work (the WAN port the
wan_dhcp role renames, the bridges the lan_ipv4 role creates) is checked here, once for the whole run, so that
playbooks/site.yml stops before the first write. The documentation of the filter is in router_errors.yml next to
this file.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import difflib

from ansible.errors import AnsibleFilterError
from ansible.module_utils.common.text.converters import to_text
from ansible.module_utils.parsing.convert_bool import boolean
from ansible_collections.soho.routeros.plugins.filter.guest_plan import guest_plan
from ansible_collections.soho.routeros.plugins.filter.plan import lan_plan, wan_plan
from ansible_collections.soho.routeros.plugins.filter.wifi_plan import wifi_plan

try:
    import netaddr
except ImportError:  # pragma: no cover - netaddr is in requirements.txt
    netaddr = None


def _hint(name, names):
    close = difflib.get_close_matches(name, sorted(names), n=1)
    return 'did you mean %s?' % close[0] if close else 'it has %s' % ', '.join(sorted(names))


def _interfaces_after_wan(settings, existing, errors):
    """The router's interface names once the wan_dhcp role has renamed its port."""
    names = set(to_text(i.get('name') if isinstance(i, dict) else i) for i in existing.get('interfaces') or [])
    ethernet = existing.get('ethernet')
    port = to_text(settings.get('wan_dhcp_interface') or '').strip()
    if ethernet is None or not port:
        return names
    current = [e.get('name') for e in ethernet if e.get('default_name') == port]
    if not current:
        errors.append('wan_dhcp_interface: %s is not an ethernet port of this router (default names), %s'
                      % (port, _hint(port, [e.get('default_name') for e in ethernet if e.get('default_name')])))
        return names
    names.discard(current[0])
    planned = wan_plan(settings)
    wan = planned['interface']
    names.update(planned['interfaces'])
    lan = [to_text(p) for p in settings.get('lan_ipv4_bridge_ports') or []] + [to_text(settings.get('lan_ipv4_interface'))]
    for extra in settings.get('lan_ipv4_extra_networks') or []:
        lan += [to_text(p) for p in (extra.get('bridge_ports') or []) + [extra.get('interface')]] if isinstance(extra, dict) else []
    if wan in lan:
        errors.append('lan_ipv4_bridge_ports: %s is the WAN port (wan_dhcp_interface %s); the LAN cannot take it' % (wan, port))
    return names


def _lan(settings, names, existing, errors):
    """The LAN plan against the router; returns the interfaces the lan_ipv4 role leaves and its DHCP server names."""
    # Ports named by their factory names are found under the names the router gives them now (a port renamed by hand).
    plan = lan_plan(settings, existing={'interfaces': sorted(names), 'interface_ethernet': existing.get('ethernet') or []})
    errors.extend(e for e in plan['errors'] if e not in errors)
    servers = set(s['name'] for s in plan['ip_dhcp_server'])
    servers.update(s.get('name') for s in existing.get('ip_dhcp_server') or [])
    for index, lease in enumerate(settings.get('lan_ipv4_static_leases') or []):
        server = lease.get('server') if isinstance(lease, dict) else None
        if server and server not in servers:
            errors.append('lan_ipv4_static_leases[%d].server: %s is neither a DHCP server of this router nor one the role '
                          'creates; %s' % (index, server, _hint(server, servers)))
    return names | set(n['interface'] for n in plan['networks']), plan


def _wan_overlap(settings, lan, errors):
    """A LAN network that overlaps the static WAN address would make the router route the WAN into the LAN."""
    if settings.get('wan_dhcp_mode') != 'static' or not netaddr.valid_ipv4(to_text(settings.get('wan_dhcp_static_address') or '').split('/')[0]):
        return
    try:
        wan = netaddr.IPNetwork(to_text(settings['wan_dhcp_static_address']))
    except (netaddr.AddrFormatError, ValueError):
        return
    for index, network in enumerate(lan['networks']):
        net = netaddr.IPNetwork(network['cidr'])
        if net.first <= wan.last and wan.first <= net.last:
            name = 'lan_ipv4_cidr' if index == 0 else 'lan_ipv4_extra_networks[%d].cidr' % (index - 1)
            errors.append('%s: %s overlaps wan_dhcp_static_address %s; choose another network' % (name, network['cidr'], wan.cidr))


def _guest(settings, names, existing, errors):
    """The guest networks against the router once the WAN and LAN roles have run; returns the interfaces then."""
    if 'guest_network_networks' not in settings:
        return names
    # The WAN port by its factory name and by the name the wan_dhcp role gives it.
    wan = [to_text(settings['wan_dhcp_interface']), wan_plan(settings)['interface']] if settings.get('wan_dhcp_interface') else []
    found = {'interfaces': sorted(names), 'interface_ethernet': existing.get('ethernet') or [],
             'interface_types': [i for i in existing.get('interfaces') or [] if isinstance(i, dict)], 'wan_ports': wan,
             'wifi_access_points': _access_points(settings)}
    if existing.get('interface_wireless') is not None:
        found['interface_wireless'] = existing['interface_wireless']
    plan = guest_plan(settings, existing=found)
    errors.extend(e for e in plan['errors'] if e not in errors)
    return names | set(plan.get('interfaces') or [])


def _access_points(settings):
    """The radio the wifi role makes an access point in this run, if it runs."""
    try:
        enabled = boolean(settings.get('wifi_enabled') or False, strict=False)
    except TypeError:
        enabled = False
    return [to_text(settings.get('wifi_interface') or 'wlan1')] if enabled else []


def _wifi(settings, existing, errors):
    """The wifi role's radio against the router's wireless interfaces (read when Wi-Fi is asked for)."""
    if 'wifi_enabled' not in settings or existing.get('interface_wireless') is None:
        return
    plan = wifi_plan(settings, existing={'interface_wireless': existing['interface_wireless']})
    errors.extend(e for e in plan['errors'] if e not in errors)


def _ipv6(settings, names, errors):
    if 'ipv6_pd_wan_interface' not in settings:
        return
    wan = to_text(settings.get('ipv6_pd_wan_interface') or '')
    if wan and wan not in names:
        errors.append('ipv6_pd_wan_interface: %s is not an interface of this router once the WAN port is named %s; %s'
                      % (wan, to_text(settings.get('wan_dhcp_interface_name') or settings.get('wan_dhcp_interface')), _hint(wan, names)))
    for index, interface in enumerate(settings.get('ipv6_pd_lan_interfaces') or []):
        if to_text(interface) not in names:
            errors.append('ipv6_pd_lan_interfaces[%d]: %s is neither an interface of this router nor one the lan_ipv4 or '
                          'guest_network role creates; %s' % (index, interface, _hint(to_text(interface), names)))


def router_errors(settings, existing=None):
    """Messages, each naming the variable, for what the roles' variables say about each other and about the router.

    ``settings`` holds the variables of the wan_dhcp, lan_ipv4 and (optionally) ipv6_pd roles; ``existing`` what the
    router has before the run (``interfaces``, ``ethernet``: /interface ethernet with default names, ``ip_dhcp_server``).
    Without ``existing`` only the checks that need no router are made."""
    if not isinstance(settings, dict):
        raise AnsibleFilterError('router_errors: expected a dict of the role variables, got %s' % type(settings).__name__)
    errors = []
    if existing is None:
        _wan_overlap(settings, lan_plan(settings), errors)
        return errors
    names = _interfaces_after_wan(settings, existing, errors)
    names, lan = _lan(settings, names, existing, errors)
    _wan_overlap(settings, lan, errors)
    _wifi(settings, existing, errors)
    names = _guest(settings, names, existing, errors)
    _ipv6(settings, names, errors)
    return errors


class FilterModule(object):
    """The roles' variables against each other and against the router."""

    def filters(self):
        return {'router_errors': router_errors}
