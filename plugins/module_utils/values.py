# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Value types of the path schema: validate, normalise for comparison, convert to and from the API.

Every field type named in schema.py is defined here once. RouterOS writes the same value in several
forms (``yes``/``true``, ``10m``/``00:10:00``/``600``, ``2001:DB8::1/64``/``2001:db8::1/64``); the
engine compares the ``canonical`` form of both sides so that none of them causes a change.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re
import traceback

try:
    import netaddr

    HAS_NETADDR = True
    NETADDR_IMPORT_ERROR = None
except ImportError:
    HAS_NETADDR = False
    NETADDR_IMPORT_ERROR = traceback.format_exc()


class InvalidValue(ValueError):
    """A value that RouterOS would refuse; the message says what is wrong with it."""


TRUE_WORDS = ('yes', 'true', 'on', '1')
FALSE_WORDS = ('no', 'false', 'off', '0')

_DURATION_UNITS = {'w': 604800, 'd': 86400, 'h': 3600, 'm': 60, 's': 1, 'ms': 0.001}
_DURATION_PARTS = re.compile(r'(\d+)(ms|w|d|h|m|s)')
_CLOCK = re.compile(r'^((?:\d+[wd])*)\s*(\d+):(\d{1,2}):(\d{1,2})(?:\.(\d+))?$')


def parse_bool(value):
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise InvalidValue("%r is not a boolean (use true or false)" % (value,))


def parse_duration(value):
    """Seconds of a RouterOS duration: ``600``, ``10m``, ``1h30m``, ``00:10:00``, ``1d00:10:00``."""
    if isinstance(value, bool):
        raise InvalidValue("%r is not a duration" % (value,))
    if isinstance(value, (int, float)):
        return value
    text = str(value).strip().lower()
    if re.match(r'^\d+$', text):
        return int(text)
    clock = _CLOCK.match(text)
    if clock:
        prefix, hours, minutes, seconds, fraction = clock.groups()
        if int(minutes) > 59 or int(seconds) > 59:
            raise InvalidValue("%r is not a duration" % (value,))
        total = _parts_seconds(prefix) + int(hours) * 3600 + int(minutes) * 60 + int(seconds)
        if fraction:
            total += float('0.' + fraction)
        return total
    if text and ''.join(a + b for a, b in _DURATION_PARTS.findall(text)) == text:
        return _parts_seconds(text)
    raise InvalidValue("%r is not a duration (examples: 30s, 10m, 1h30m, 00:10:00)" % (value,))


def _parts_seconds(text):
    total = 0
    for number, unit in _DURATION_PARTS.findall(text):
        total += int(number) * _DURATION_UNITS[unit]
    return int(total) if total == int(total) else total


def parse_duration_range(value, limits=None):
    """``(min, max)`` seconds of a ``MIN-MAX`` range such as ``3m20s-10m``."""
    text = str(value).strip()
    if text.count('-') != 1:
        raise InvalidValue("%r is not a MIN-MAX range of durations (example: 3m20s-10m)" % (value,))
    low_text, high_text = text.split('-')
    try:
        low, high = parse_duration(low_text), parse_duration(high_text)
    except InvalidValue:
        raise InvalidValue("%r is not a MIN-MAX range of durations (example: 3m20s-10m)" % (value,))
    if low > high:
        raise InvalidValue("%r has its minimum above its maximum" % (value,))
    if limits:
        lowest, highest = limits
        if low < lowest or high > highest:
            raise InvalidValue("%r must stay within %ss-%ss" % (value, lowest, highest))
    return (low, high)


def _split_negation(text):
    text = str(text).strip()
    if text.startswith('!'):
        return '!', text[1:].strip()
    return '', text


def _address(text, version):
    text = str(text).strip()
    valid = netaddr.valid_ipv4 if version == 4 else netaddr.valid_ipv6
    if not valid(text):
        raise InvalidValue("%r is not a valid IPv%d address" % (text, version))
    return netaddr.IPAddress(text, version)


def _prefix(text, version, masked):
    """``address/length`` (``address`` alone means a host route) as netaddr.IPNetwork."""
    text = str(text).strip()
    address, length = (text.split('/', 1) + [''])[:2]
    kind = 'network' if masked else 'prefix'
    try:
        _address(address, version)
    except InvalidValue:
        raise InvalidValue("%r is not a valid IPv%d %s" % (text, version, kind))
    if length:
        top = 32 if version == 4 else 128
        if not re.match(r'^\d+$', length) or int(length) > top:
            raise InvalidValue("%r is not a valid IPv%d %s" % (text, version, kind))
    else:
        length = '32' if version == 4 else '128'
    network = netaddr.IPNetwork('%s/%s' % (address, length), version)
    return network.cidr if masked else network


def _ip_version(text):
    return 6 if ':' in str(text) else 4


def _canon_address(value, version):
    return str(_address(value, version))


def _canon_prefix(value, version, masked):
    return str(_prefix(value, version, masked))


def _canon_match(value, version):
    """Firewall address matcher: ``[!]address``, ``[!]prefix`` or ``[!]first-last``."""
    negation, text = _split_negation(value)
    if '-' in text:
        first, last = text.split('-', 1)
        first_ip, last_ip = _address(first, version), _address(last, version)
        if first_ip > last_ip:
            raise InvalidValue("%r is a range that ends before it starts" % (value,))
        return '%s%s-%s' % (negation, first_ip, last_ip)
    network = _prefix(text, version, masked=True)
    if network.size == 1:
        return negation + str(network.ip)
    return negation + str(network)


def _canon_range(value):
    """IPv4 pool range: ``first-last``, a prefix, or a single address."""
    text = str(value).strip()
    if '-' in text:
        first, last = text.split('-', 1)
        try:
            first_ip, last_ip = _address(first, 4), _address(last, 4)
        except InvalidValue:
            raise InvalidValue("%r is not a valid IPv4 range (example: 192.168.88.10-192.168.88.254)" % (value,))
        if first_ip > last_ip:
            raise InvalidValue("%r is an IPv4 range that ends before it starts" % (value,))
        return '%s-%s' % (first_ip, last_ip)
    if '/' in text:
        network = _prefix(text, 4, masked=True)
        return '%s-%s' % (network[0], network[-1])
    address = _address(text, 4)
    return '%s-%s' % (address, address)


def _canon_ip_address(value):
    try:
        return _canon_address(value, _ip_version(value))
    except InvalidValue:
        raise InvalidValue("%r is not a valid IP address" % (value,))


def _canon_ip_network(value):
    try:
        return _canon_prefix(value, _ip_version(value), masked=True)
    except InvalidValue:
        raise InvalidValue("%r is not a valid IP network" % (value,))


def _canon_str(value):
    if isinstance(value, bool):
        return 'yes' if value else 'no'
    return str(value)


def _canon_enum(value):
    if isinstance(value, bool):
        return 'yes' if value else 'no'
    text = str(value).strip().lower()
    if text in ('true',):
        return 'yes'
    if text in ('false',):
        return 'no'
    return text


def _canon_int(value):
    if isinstance(value, bool):
        raise InvalidValue("%r is not an integer" % (value,))
    text = str(value).strip()
    if re.match(r'^-?\d+$', text):
        return int(text)
    # RouterOS prints some numbers as words (mtu=auto, hop-limit=unspecified).
    return text


def _canon_size_kib(value):
    """A size in KiB: RouterOS prints ``4096KiB`` for a value given as ``4096``."""
    if isinstance(value, bool):
        raise InvalidValue("%r is not a size in KiB" % (value,))
    text = str(value).strip()
    digits = text[:-3] if text.endswith('KiB') else text
    if not re.match(r'^\d+$', digits):
        raise InvalidValue("%r is not a size in KiB (example: 4096)" % (value,))
    return int(digits)


def parse_mac(value):
    """``00:11:22:aa:bb:cc`` or ``00-11-22-AA-BB-CC`` as RouterOS prints them: ``00:11:22:AA:BB:CC``."""
    text = str(value).strip()
    if HAS_NETADDR and netaddr.valid_mac(text):
        mac = str(netaddr.EUI(text, dialect=netaddr.mac_unix_expanded)).upper()
        # netaddr also reads forms RouterOS does not take (0011.2233.4455, 001122334455).
        if text.upper().replace('-', ':') == mac:
            return mac
    raise InvalidValue("%r is not a MAC address (example: 00:11:22:33:44:55)" % (value,))


def _canon_mac_match(value):
    """Firewall MAC matcher: ``[!]MAC`` as RouterOS prints it."""
    negation, text = _split_negation(value)
    return negation + parse_mac(text)


_TIME_OF_DAY = re.compile(r'^(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?$')


def _canon_time_of_day(value):
    """``3:00``, ``03:00:00`` and ``3:0:0`` are one time of day; ``startup`` is the scheduler's boot trigger."""
    text = str(value).strip().lower()
    if text == 'startup':
        return text
    match = _TIME_OF_DAY.match(text)
    hours, minutes, seconds = (int(part or 0) for part in match.groups()) if match else (99, 0, 0)
    if hours > 23 or minutes > 59 or seconds > 59:
        raise InvalidValue("%r is not a time of day HH:MM:SS (or startup)" % (value,))
    return '%02d:%02d:%02d' % (hours, minutes, seconds)


def _canon_gateway_part(text):
    address, scope = (text.split('%', 1) + [''])[:2] if '%' in text else (text, '')
    for version, valid in ((4, netaddr.valid_ipv4), (6, netaddr.valid_ipv6)):
        if valid(address):
            return str(netaddr.IPAddress(address, version)) + ('%' + scope if scope else '')
    # An interface name: RouterOS keeps it as written.
    return text


def _canon_gateway(value):
    """A route gateway: addresses (``fe80::1%ether1`` keeps its interface) in canonical form, or interface names."""
    return ','.join(_canon_gateway_part(part.strip()) for part in str(value).split(',') if part.strip())


# Scalar types: (argument spec type, canonical form function). The canonical function also
# validates: it raises InvalidValue for a value RouterOS would refuse.
SCALARS = {
    'str': ('str', _canon_str),
    'enum': ('str', _canon_enum),
    'bool': ('bool', parse_bool),
    'int': ('int', _canon_int),
    'size_kib': ('int', _canon_size_kib),
    'duration': ('str', parse_duration),
    'duration_range': ('str', parse_duration_range),
    'ipv4_address': ('str', lambda v: _canon_address(v, 4)),
    'ipv4_prefix': ('str', lambda v: _canon_prefix(v, 4, masked=False)),
    'ipv4_network': ('str', lambda v: _canon_prefix(v, 4, masked=True)),
    'ipv4_match': ('str', lambda v: _canon_match(v, 4)),
    'ipv4_range': ('str', _canon_range),
    'ipv6_address': ('str', lambda v: _canon_address(v, 6)),
    'ipv6_prefix': ('str', lambda v: _canon_prefix(v, 6, masked=False)),
    'ipv6_network': ('str', lambda v: _canon_prefix(v, 6, masked=True)),
    'ipv6_match': ('str', lambda v: _canon_match(v, 6)),
    'ip_address': ('str', _canon_ip_address),
    'ip_network': ('str', _canon_ip_network),
    'mac_address': ('str', parse_mac),
    'mac_match': ('str', _canon_mac_match),
    'time_of_day': ('str', _canon_time_of_day),
    'gateway': ('str', _canon_gateway),
}

COLLECTIONS = ('list', 'set')

TYPE_WORDS = {
    'duration': 'duration',
    'duration_range': 'MIN-MAX range of durations',
    'ipv4_address': 'IPv4 address',
    'ipv4_prefix': 'IPv4 prefix',
    'ipv4_network': 'IPv4 network',
    'ipv4_match': 'IPv4 address, network or range',
    'ipv4_range': 'IPv4 range',
    'ipv6_address': 'IPv6 address',
    'ipv6_prefix': 'IPv6 prefix',
    'ipv6_network': 'IPv6 network',
    'ipv6_match': 'IPv6 address, network or range',
    'ip_address': 'IP address',
    'ip_network': 'IP network',
    'mac_address': 'MAC address',
    'mac_match': 'MAC address, C(!) in front negates it',
    'time_of_day': 'time of day',
    'gateway': 'gateway address or interface',
}


def argspec_type(field):
    if field['type'] in COLLECTIONS:
        return 'list'
    return SCALARS[field['type']][0]


def _scalar_canonical(type_name, value, field):
    if type_name == 'duration_range':
        return parse_duration_range(value, field.get('limits'))
    canon = SCALARS[type_name][1](value)
    choices = field.get('choices')
    # RouterOS prints some choices in capitals (MD5, SHA1); compare them as _canon_enum does.
    if type_name == 'enum' and choices and canon not in [str(c).lower() for c in choices]:
        raise InvalidValue("%r is not one of %s" % (value, ', '.join(choices)))
    limits = field.get('limits')
    if type_name == 'int' and limits and isinstance(canon, int) and not limits[0] <= canon <= limits[1]:
        raise InvalidValue("%r is not between %s and %s" % (value, limits[0], limits[1]))
    return canon


def _items(value):
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        items = []
        for item in value:
            items.extend(_items(item) if isinstance(item, (list, tuple)) else [item])
        return [str(i).strip() for i in items if str(i).strip() != '']
    return [part.strip() for part in str(value).split(',') if part.strip() != '']


def canonical(field, value):
    """The comparable form of ``value`` (from the user or from the router) for ``field``.

    ``None`` stays ``None`` (unset). Raises InvalidValue when the value is not valid for the field.
    """
    if value is None:
        return None
    if value == '' or (isinstance(value, (list, tuple)) and not _items(value)):
        return ''
    kind = field['type']
    if kind in COLLECTIONS:
        element = field.get('elements', 'str')
        items = _items(value)
        negation = ''
        # RouterOS negates a whole set with one leading '!': connection-nat-state=!dstnat.
        if kind == 'set' and items and items[0].startswith('!'):
            negation = '!'
            items[0] = items[0][1:].strip()
        canon = [_scalar_canonical(element, item, field) for item in items]
        if kind == 'set':
            return (negation, tuple(sorted(set(canon), key=str)))
        return tuple(canon)
    if kind in ('str', 'enum') and field.get('negatable', True):
        negation, text = _split_negation(value) if isinstance(value, str) else ('', value)
        return negation + _scalar_canonical(kind, text, field) if negation else _scalar_canonical(kind, value, field)
    return _scalar_canonical(kind, value, field)


def validate(field, value):
    """``None`` if ``value`` is valid for ``field``, else a message saying why not."""
    try:
        canonical(field, value)
    except InvalidValue as exc:
        return str(exc)
    except (netaddr.AddrFormatError if HAS_NETADDR else ValueError, TypeError, ValueError) as exc:
        word = TYPE_WORDS.get(field.get('elements') or field['type'], field['type'])
        return "%r is not a valid %s (%s)" % (value, word, exc)
    return None


def to_api(field, value):
    """The word RouterOS takes for a user-supplied value."""
    kind = field['type']
    if kind in COLLECTIONS:
        if isinstance(value, (list, tuple)):
            return ','.join(_items(value))
        return str(value)
    if kind == 'bool':
        return 'yes' if parse_bool(value) else 'no'
    if isinstance(value, bool):
        return 'yes' if value else 'no'
    return str(value)


def from_api(field, word):
    """The Ansible value for a word printed by RouterOS (for before, after and gathered)."""
    kind = field['type']
    if kind in COLLECTIONS:
        return _items(word)
    if kind == 'bool':
        try:
            return parse_bool(word)
        except InvalidValue:
            return word
    if kind == 'int':
        return _canon_int(word)
    if kind == 'size_kib':
        try:
            return _canon_size_kib(word)
        except InvalidValue:
            return word
    return word


def from_user(field, value):
    """The Ansible value for a user-supplied value, in the same shape as from_api gives."""
    kind = field['type']
    if kind in COLLECTIONS:
        return _items(value)
    if kind == 'bool':
        return parse_bool(value)
    if kind in ('int', 'size_kib'):
        return SCALARS[kind][1](value)
    return str(value) if not isinstance(value, bool) else ('yes' if value else 'no')
