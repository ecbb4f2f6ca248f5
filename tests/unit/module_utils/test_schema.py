# -*- coding: utf-8 -*-
"""Path descriptions of schema.py through the engine: value types (MAC addresses, bounded integers,
capitalised choices), write-only secrets, and /system package, whose changes wait for a reboot."""

import pytest

from fake_routeros import FakeClient

from ansible_collections.soho.routeros.plugins.module_utils import engine, runner, values
from ansible_collections.soho.routeros.plugins.module_utils.errors import RouterOSError
from ansible_collections.soho.routeros.plugins.module_utils.schema import PATHS


class PackageClient(FakeClient):
    """/system package answers enable and disable only, and applies them at the next reboot."""

    def call(self, path, command, attrs=None, extra=()):
        assert command in ('enable', 'disable')
        self.writes.append((command, path, dict(attrs)))
        row = self.tables[path][self._index(path, attrs['.id'])]
        wanted = 'true' if command == 'disable' else 'false'
        row['scheduled'] = '' if row['disabled'] == wanted else 'scheduled for %s' % command
        return []

    def set(self, path, ident, attrs):
        raise AssertionError('/system package has no set command')


def run(module, config, state='merged', client=None, check_mode=False):
    return engine.run(PATHS[module], config, state, client, check_mode)


def packages(ipv6_disabled='true', scheduled=''):
    return {'/system/package': [
        {'.id': '*1', 'name': 'system', 'version': '6.49.10', 'disabled': 'false', 'scheduled': ''},
        {'.id': '*2', 'name': 'ipv6', 'version': '6.49.10', 'disabled': ipv6_disabled, 'scheduled': scheduled},
    ]}


@pytest.mark.parametrize('form', ['00:11:22:aa:bb:cc', '00-11-22-AA-BB-CC', ' 00:11:22:AA:BB:CC '])
def test_mac_address_forms_are_equal(form):
    assert values.canonical({'type': 'mac_address'}, form) == '00:11:22:AA:BB:CC'


@pytest.mark.parametrize('bad', ['00:11:22:33:44', '00:11:22:33:44:5g', '00:11-22:33:44:55', 'printer'])
def test_bad_mac_address(bad):
    assert 'MAC address' in values.validate({'type': 'mac_address'}, bad)


def test_int_limits():
    field = PATHS['interface_vlan'].fields['vlan_id']
    assert values.validate(field, 20) is None
    assert values.validate(field, '4094') is None
    assert '4095' in values.validate(field, 4095)
    assert values.validate(field, 0)


def test_capitalised_choices_compare_in_any_case():
    field = PATHS['snmp_community'].fields['authentication_protocol']
    assert values.canonical(field, 'SHA1') == values.canonical(field, 'sha1')
    assert values.validate(field, 'SHA256')


def test_lease_mac_in_another_case_is_no_change():
    client = FakeClient({'/ip/dhcp-server/lease': [
        {'.id': '*1', 'mac-address': '00:11:22:AA:BB:CC', 'address': '192.168.88.20', 'server': 'all', 'disabled': 'false'},
    ]})
    result = run('ip_dhcp_server_lease', [{'mac_address': '00-11-22-aa-bb-cc', 'address': '192.168.88.20'}], client=client)
    assert result['changed'] is False and client.writes == []


def test_bad_vlan_id_fails_before_connecting():
    with pytest.raises(RouterOSError, match=r'config\[0\]\.vlan_id: 5000 is not between 1 and 4094'):
        runner.check_config(PATHS['interface_vlan'], [{'name': 'vlan5000', 'vlan_id': 5000, 'interface': 'bridge'}], 'merged')


def test_raw_table_has_no_connection_tracking_matchers():
    fields = PATHS['ip_firewall_raw'].fields
    assert 'connection_state' not in fields and 'reject_with' not in fields
    assert 'notrack' in fields['action']['choices']


def test_user_password_is_sent_on_create_but_never_shown():
    client = FakeClient({'/user': [{'.id': '*1', 'name': 'admin', 'group': 'full', 'disabled': 'false'}]})
    config = [{'name': 'alice', 'group': 'full', 'password': 's3cret-Pw'}]
    result = run('user', config, client=client)
    assert client.writes == [('add', '/user', {'name': 'alice', 'group': 'full', 'password': 's3cret-Pw'})]
    assert result['commands'] == ['/user add name=alice group=full password=********']
    assert 's3cret-Pw' not in repr(result)
    assert 'password' not in client.prints[0][1]


def test_user_password_is_not_compared_or_resent():
    client = FakeClient({'/user': [{'.id': '*1', 'name': 'alice', 'group': 'full', 'disabled': 'false'}]})
    result = run('user', [{'name': 'alice', 'group': 'full', 'password': 'another-Pw'}], state='replaced', client=client)
    assert result['changed'] is False and client.writes == []


def test_rendered_masks_snmp_secrets():
    result = run('snmp_community', [{'name': 'monitoring', 'security': 'private', 'authentication_password': 'auth-Secret1',
                                     'encryption_password': 'enc-Secret1'}], state='rendered')
    assert result['rendered'] == ['/snmp community add name=monitoring security=private '
                                  'authentication-password=******** encryption-password=********']


def test_package_enable_uses_the_enable_command_and_needs_a_reboot():
    client = PackageClient(packages())
    result = run('system_package', [{'name': 'ipv6', 'disabled': False}], client=client)
    assert result['changed'] is True
    assert result['commands'] == ['/system package enable [find name=ipv6]']
    assert client.writes == [('enable', '/system/package', {'.id': '*2'})]
    assert result['reboot_required'] is True
    assert result['after'][1] == {'name': 'ipv6', 'disabled': False, 'version': '6.49.10'}
    assert 'scheduled' in client.prints[0][1]


def test_package_scheduled_change_is_no_change_but_still_needs_a_reboot():
    client = PackageClient(packages(scheduled='scheduled for enable'))
    result = run('system_package', [{'name': 'ipv6', 'disabled': 'no'}], client=client)
    assert result['changed'] is False and client.writes == []
    assert result['reboot_required'] is True
    gathered = run('system_package', None, state='gathered', client=client)
    assert gathered['reboot_required'] is True
    assert gathered['gathered'][1]['disabled'] is False


def test_package_cancelling_a_scheduled_change_needs_no_reboot():
    client = PackageClient(packages(scheduled='scheduled for enable'))
    result = run('system_package', [{'name': 'ipv6', 'disabled': True}], client=client)
    assert result['commands'] == ['/system package disable [find name=ipv6]']
    assert result['reboot_required'] is False


def test_package_check_mode_plans_without_writing():
    client = PackageClient(packages())
    result = run('system_package', [{'name': 'ipv6', 'disabled': False}], client=client, check_mode=True)
    assert result['changed'] is True and result['reboot_required'] is True
    assert client.writes == []


def test_package_without_known_default_is_left_alone_by_overridden():
    client = PackageClient(packages(ipv6_disabled='false'))
    result = run('system_package', [{'name': 'ipv6', 'disabled': False}], state='overridden', client=client)
    assert result['changed'] is False and result['reboot_required'] is False


def test_unknown_package_is_refused():
    with pytest.raises(RouterOSError, match='cannot be added'):
        run('system_package', [{'name': 'wireless', 'disabled': False}], client=PackageClient(packages()))
