# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The wifi role's plan: the LAN's access point on a radio of the router, with a WPA2 security profile of its own,
and the checks of SSIDs and pre-shared keys that the guest_network role's virtual access points share. The
documentation of the filter is in wifi_plan.yml next to this file.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible.module_utils.common.text.converters import to_text
from ansible_collections.soho.routeros.plugins.filter.plan import Plan, stale_entries
from ansible_collections.soho.routeros.plugins.module_utils import redaction

# RouterOS v6 values of /interface wireless band and channel-width (MikroTik manual, Interface/Wireless).
BANDS = ('2ghz-b', '2ghz-b/g', '2ghz-b/g/n', '2ghz-onlyg', '2ghz-onlyn', '2ghz-g/n', '5ghz-a', '5ghz-a/n', '5ghz-a/n/ac',
         '5ghz-onlyn', '5ghz-onlyac', '5ghz-n/ac')
CHANNEL_WIDTHS = ('5mhz', '10mhz', '20mhz', '20/40mhz-Ce', '20/40mhz-eC', '20/40mhz-XX', '40mhz-turbo',
                  '20/40/80mhz-Ceee', '20/40/80mhz-eCee', '20/40/80mhz-eeCe', '20/40/80mhz-eeeC', '20/40/80mhz-XXXX')
# An access point's modes; a virtual access point serves clients only when its radio is in one of them.
AP_MODES = ('ap-bridge', 'bridge')
COUNTRY = re.compile(r'^[a-z0-9][a-z0-9 ._-]*$')
# A WPA2 passphrase is 8 to 63 printable ASCII characters; 64 hex digits are the key itself (IEEE 802.11i, H.4.1).
PASSPHRASE = re.compile(r'^[\x20-\x7e]{8,63}$')
HEX_KEY = re.compile(r'^[0-9A-Fa-f]{64}$')
WPA2 = dict(mode='dynamic-keys', authentication_types=['wpa2-psk'], unicast_ciphers=['aes-ccm'], group_ciphers=['aes-ccm'])


def ssid(plan, name, value):
    """An SSID: 1 to 32 characters (IEEE 802.11), at least one that is not a blank."""
    text = to_text(value) if value is not None else ''
    if not text.strip():
        plan.error(name, 'must not be empty')
        return ''
    if len(text.encode('utf-8')) > 32:
        plan.error(name, '%r is longer than 32 bytes, the most an SSID can be' % text)
    return text


def psk(plan, name, value):
    """A WPA2 pre-shared key; its message never shows it."""
    text = to_text(value) if value is not None else ''
    if not text:
        plan.error(name, 'must be set: the SSID needs a WPA2 key (use Ansible Vault for it)')
    elif not (PASSPHRASE.match(text) or HEX_KEY.match(text)):
        plan.error(name, 'has %d characters: a WPA2 key is 8 to 63 printable ASCII characters, or 64 hex digits'
                   % len(text))
    return text


def security_profile(name, key, ssid_text, comment):
    """A WPA2-PSK profile whose comment ends with a fingerprint of its key: a new key is a new comment, which makes the
    module set the profile, and with it the key (the router never shows the key back)."""
    return dict(WPA2, name=name, wpa2_pre_shared_key=key,
                comment='%s key %s' % (comment, redaction.fingerprint(key, ssid_text)))


def radios(existing):
    """The router's wireless interfaces by name, from the gathered interface_wireless; None when not known."""
    if existing is None or existing.get('interface_wireless') is None:
        return None
    return dict((to_text(e.get('name')), e) for e in existing['interface_wireless'] if e.get('name'))


def wifi_plan(settings, existing=None):
    """Plan of the wifi role. ``existing`` (optional) holds what the router has (interface_wireless and
    interface_wireless_security_profile as gathered)."""
    plan = Plan(settings, 'wifi')
    existing = existing if isinstance(existing, dict) else None
    prefix = plan.comment_prefix('wifi_comment_prefix')
    enabled = plan.boolean('wifi_enabled')
    interface = plan.text('wifi_interface')
    profile = plan.text('wifi_security_profile')
    if profile == 'default':
        plan.error('wifi_security_profile', 'default is the factory profile; the role writes a profile of its own')
    name = ssid(plan, 'wifi_ssid', plan.get('wifi_ssid')) if enabled else ''
    key = psk(plan, 'wifi_key', plan.get('wifi_key')) if enabled else ''
    settings_out = {}
    country = to_text(plan.get('wifi_country') or '').strip()
    if country:
        if not COUNTRY.match(country):
            plan.error('wifi_country', '%r is not a RouterOS country name (lower case, e.g. germany, united states, etsi)' % country)
        settings_out['country'] = country
    for var, field, choices in (('wifi_band', 'band', BANDS), ('wifi_channel_width', 'channel_width', CHANNEL_WIDTHS)):
        value = to_text(plan.get(var) or '').strip()
        if value:
            if plan.choice(var, choices, value):
                settings_out[field] = value
    frequency = to_text(plan.get('wifi_frequency') or '').strip()
    if frequency:
        if frequency != 'auto':
            plan.integer('wifi_frequency', 2300, 6000, frequency)
        settings_out['frequency'] = frequency
    wps = plan.boolean('wifi_wps')
    hide = plan.boolean('wifi_hide_ssid')
    skip = plan.boolean('wifi_skip_absent')

    present = radios(existing)
    skipped = False
    if enabled and present is not None and interface:
        radio = present.get(interface)
        if radio is None or not radio.get('default_name'):
            if skip:
                skipped = True
            else:
                have = sorted(n for n, e in present.items() if e.get('default_name'))
                plan.error('wifi_interface', '%s is not a radio of this router (its radios: %s); wifi_skip_absent: true skips '
                           'the Wi-Fi on routers without one' % (interface, ', '.join(have) or 'none'))

    result = {'errors': plan.errors, 'skipped': skipped}
    if plan.errors:
        return result
    comment = prefix + 'LAN'
    wanted = enabled and not skipped
    profiles = [security_profile(profile, key, name, comment)] if wanted else []
    result.update({
        'interface_wireless_security_profile': profiles,
        'interface_wireless': [dict(settings_out, name=interface, mode='ap-bridge', ssid=name, security_profile=profile,
                                    wps_mode='push-button' if wps else 'disabled', hide_ssid=hide, disabled=False)]
        if wanted else [],
    })
    if existing is not None:
        result['stale'] = {'interface_wireless_security_profile': stale_entries(
            existing, 'interface_wireless_security_profile', prefix, profiles) if wanted else []}
    return result


class FilterModule(object):
    """The wifi role's plan."""

    def filters(self):
        return {'wifi_plan': wifi_plan}
