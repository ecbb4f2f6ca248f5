# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The monitoring role's plan: the SNMP agent, its one community and the firewall rules that admit SNMP from the
monitoring hosts only, derived from the role's variables in one place, with every bad value as one sentence naming the
variable. The documentation of the filter is in monitoring_plan.yml next to this file.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import re

from ansible.module_utils.common.text.converters import to_text
from ansible_collections.soho.routeros.plugins.filter.plan import Plan, stale_entries
from ansible_collections.soho.routeros.plugins.module_utils import redaction

try:
    import netaddr
except ImportError:  # pragma: no cover - netaddr is in requirements.txt
    netaddr = None

# SNMP answers on UDP 161 (RFC 3417, section 3).
SNMP_PORT = '161'
# A community is a password by another name: long enough not to be guessed (which also rules out the factory names
# public and private that every scanner tries first), no blanks.
COMMUNITY = re.compile(r'^[!-~]{8,32}$')
VERSIONS = ('v2c', 'v3')
# The choices of RouterOS v6 /snmp community (MikroTik manual, SNMP).
AUTH_PROTOCOLS = ('MD5', 'SHA1')
ENCRYPTION_PROTOCOLS = ('AES', 'DES')
# An SNMP v3 user name is 1 to 32 octets (SnmpAdminString of usmUserName, RFC 3414); no blanks, as a community name.
V3_USER = re.compile(r'^[!-~]{1,32}$')
# RFC 3414, section 11.2: a USM password is at least 8 octets long; counted here in characters, which is at least as
# many octets.
V3_PASSWORD_MIN = 8


def _hosts(plan):
    """The monitoring hosts as netaddr networks, IPv4 or IPv6: a bare address is a /32 or /128, and no network is /0
    (every address)."""
    hosts = []
    for index, value in enumerate(plan.items('monitoring_hosts')):
        name = 'monitoring_hosts[%d]' % index
        if '/' in to_text(value):
            network = plan.prefix(name, value, version=None, low=1)
        else:
            address = plan.address(name, value, version=None)
            network = None if address is None else netaddr.IPNetwork(address)
        if network is not None:
            hosts.append(network)
    return hosts


def _rules(prefix, hosts, family):
    """At the head of the input chain, after the guest networks' rules: SNMP from each monitoring host, and no SNMP from
    anyone else (also not from the LAN, which the hardening role's rules would admit to the router)."""
    rules = [dict(chain='input', action='accept', protocol='udp', dst_port=SNMP_PORT, src_address=str(host),
                  comment='%sinput: accept SNMP from %s' % (prefix, host)) for host in hosts if host.version == family]
    rules.append(dict(chain='input', action='drop', protocol='udp', dst_port=SNMP_PORT,
                      comment='%sinput: drop SNMP from anyone else' % prefix))
    return rules


def _v3_password(plan, name):
    """An SNMP v3 password (authentication or encryption), checked without ever showing it."""
    text = to_text(plan.get(name) or '')
    if len(text) < V3_PASSWORD_MIN:
        plan.error(name, '(hidden) must be at least %d characters (RFC 3414 asks it of SNMP v3 passwords)' % V3_PASSWORD_MIN)
    elif text != text.strip():
        plan.error(name, '(hidden) must not begin or end with a blank')
    return text


def _v3_community(plan, prefix):
    """What makes the role's community an SNMP v3 user (security=private: authentication and encryption), or None after
    an error. The passwords are write-only on RouterOS: the comment carries their fingerprint, so that new passwords are a
    new comment, hence a set of the community, which sends them (the field key resend of the path description)."""
    checked = len(plan.errors)
    user = to_text(plan.get('monitoring_v3_user') or '')
    if not V3_USER.match(user):
        plan.error('monitoring_v3_user', 'must be 1 to 32 characters without blanks (the SNMP v3 user name the '
                   'monitoring server logs in with)')
    elif user == 'public':
        plan.error('monitoring_v3_user', 'must not be public, the factory community that the role disables')
    auth_protocol = plan.choice('monitoring_v3_auth_protocol', AUTH_PROTOCOLS)
    encryption_protocol = plan.choice('monitoring_v3_encryption_protocol', ENCRYPTION_PROTOCOLS)
    auth = _v3_password(plan, 'monitoring_v3_auth_password')
    encryption = _v3_password(plan, 'monitoring_v3_encryption_password')
    if len(plan.errors) > checked:
        return None
    stamp = redaction.fingerprint(json.dumps([auth, encryption]), 'snmp-v3:%s' % user)
    return dict(name=user, security='private', authentication_protocol=auth_protocol, authentication_password=auth,
                encryption_protocol=encryption_protocol, encryption_password=encryption, comment='%sv3 %s' % (prefix, stamp))


def monitoring_plan(settings, existing=None):
    """Plan of the monitoring role. ``existing`` (optional) holds the filter rules the router has, for the rules the role
    wrote and no longer wants."""
    plan = Plan(settings, 'monitoring')
    prefix = plan.comment_prefix('monitoring_comment_prefix')
    enabled = plan.boolean('monitoring_enabled')
    firewall = plan.boolean('monitoring_firewall')
    ipv6 = plan.boolean('monitoring_ipv6_used')
    contact = to_text(plan.get('monitoring_contact') or '')
    location = to_text(plan.get('monitoring_location') or '')
    hosts = _hosts(plan)
    targets = []
    for index, value in enumerate(plan.items('monitoring_trap_targets')):
        address = plan.address('monitoring_trap_targets[%d]' % index, value, version=None)
        if address is not None:
            targets.append(address)
    version = plan.choice('monitoring_snmp_version', VERSIONS)
    community = to_text(plan.get('monitoring_community') or '')
    v3 = None
    if enabled:
        if not hosts and not any(e.startswith('monitoring_hosts') for e in plan.errors):
            plan.error('monitoring_hosts', 'name the monitoring host or subnet that may ask the router (SNMP is admitted '
                       'from nowhere else)')
        if version == 'v3':
            v3 = _v3_community(plan, prefix)
        elif not COMMUNITY.match(community):
            plan.error('monitoring_community', '(hidden) must be 8 to 32 characters without blanks, which also keeps out '
                       'the factory names public and private (it is the password of SNMP v2c)')
        for index, address in enumerate(targets):
            if not any(address in host for host in hosts):
                plan.error('monitoring_trap_targets[%d]' % index, '%s is not among monitoring_hosts; traps go to a '
                           'monitoring host' % address)
    for text, name in ((contact, 'monitoring_contact'), (location, 'monitoring_location')):
        if len(text) > 255 or any(ord(c) < 32 for c in text):
            plan.error(name, 'must be one line of at most 255 characters')
    result = {'errors': plan.errors, 'snmp': None, 'snmp_community': [], 'ip_firewall_filter': [],
              'ipv6_firewall_filter': [], 'stale': {'ip_firewall_filter': [], 'ipv6_firewall_filter': []}}
    if plan.errors:
        return result
    if enabled:
        # v2c: the community is the password, security none. v3: the user's community, authenticated and encrypted.
        own = dict(dict(addresses=[str(h) for h in hosts], read_access=True, write_access=False, disabled=False),
                   **(v3 or dict(name=community, security='none')))
        # Traps (when asked for) go in the role's SNMP version with its community (v3: the user's security settings);
        # without targets the trap settings stay RouterOS's.
        traps = dict(trap_target=[str(t) for t in targets], trap_community=own['name'], trap_version=3 if v3 else 2)
        result['snmp'] = dict(enabled=True, contact=contact, location=location,
                              **(traps if targets else dict(trap_target=[])))
        # The factory community stays (RouterOS keeps it) but answers no one.
        result['snmp_community'] = [own, dict(name='public', disabled=True)]
        if firewall:
            result['ip_firewall_filter'] = _rules(prefix, hosts, 4)
            if ipv6:
                result['ipv6_firewall_filter'] = _rules(prefix, hosts, 6)
    for key in ('ip_firewall_filter', 'ipv6_firewall_filter'):
        result['stale'][key] = stale_entries(existing, key, prefix, result[key])
    return result


class FilterModule(object):
    """The plan of the soho.routeros monitoring role."""

    def filters(self):
        return {'monitoring_plan': monitoring_plan}
