# -*- coding: utf-8 -*-
"""Argument specs, validation before any connection, and connection failures as one sentence."""

import socket
import threading

import pytest

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.soho.routeros.plugins.module_utils import connection, runner, schema
from ansible_collections.soho.routeros.plugins.module_utils.errors import RouterOSError


def validate(module, **args):
    return ArgumentSpecValidator(runner.argument_spec(module)).validate(args)


def test_unknown_field_is_named():
    result = validate('ip_address', config=[{'address': '10.0.0.1/24', 'interface': 'e', 'netmask': 24}])
    assert any('netmask' in m for m in result.error_messages)


def test_wrong_type_and_choice_are_named():
    messages = validate('ip_service', config=[{'name': 'gopher', 'port': 'many'}]).error_messages
    assert any('port' in m for m in messages)
    assert any('gopher' in m for m in messages)
    assert any('state' in m for m in validate('ip_dns', config={}, state='overridden').error_messages)


@pytest.mark.parametrize('action', ['fasttrack-connection', 'tarpit'])
def test_ipv6_filter_refuses_actions_v6_has_only_for_ipv4(action):
    rule = {'chain': 'forward', 'action': action}
    assert validate('ip_firewall_filter', config=[rule]).error_messages == []
    assert any(action in m for m in validate('ipv6_firewall_filter', config=[rule]).error_messages)


def test_connection_options_and_password_no_log():
    spec = runner.argument_spec('ip_dns')
    assert spec['password']['no_log'] is True
    assert spec['state']['default'] == 'merged'
    assert spec['config']['type'] == 'dict'


def fail(module, **params):
    params.setdefault('state', 'merged')
    with pytest.raises(RouterOSError) as info:
        runner.run(module, dict(hostname='192.0.2.1', username='admin', **params))
    return str(info.value)


@pytest.mark.parametrize('module,config,message', [
    ('ip_address', [{'address': '192.168.88.300/24', 'interface': 'bridge'}],
     "config[0].address: '192.168.88.300/24' is not a valid IPv4 prefix"),
    ('ip_address', [{'address': '192.168.88.1/24'}], 'config[0].interface: required to identify the /ip/address entry'),
    ('ip_pool', [{'name': 'p', 'ranges': ['192.168.88.100-192.168.88.10']}],
     "config[0].ranges: '192.168.88.100-192.168.88.10' is an IPv4 range that ends before it starts"),
    ('ipv6_nd', [{'interface': 'bridge', 'ra_interval': '10s'}], "config[0].ra_interval: '10s' is not a MIN-MAX range"),
    ('ip_dhcp_server', [{'name': 'lan', 'lease_time': 'soon'}], "config[0].lease_time: 'soon' is not a duration"),
    ('ip_firewall_filter', [{'action': 'drop'}], 'config[0].chain: required'),
    ('ip_dns', {'servers': ['1.1.1.1', 'dns.example']}, "config.servers: 'dns.example' is not a valid IP address"),
])
def test_bad_input_fails_before_connecting(module, config, message):
    # 192.0.2.1 is unreachable (TEST-NET-1): reaching it would time out, not fail like this.
    assert message in fail(module, config=config)


def test_config_is_required_to_merge():
    assert fail('ip_address', config=None) == 'config is required with state=merged.'


def test_rendered_needs_no_connection():
    result = runner.run('ip_dhcp_server', {'state': 'rendered', 'config': [
        {'name': 'lan', 'interface': 'bridge', 'address_pool': 'lan-pool', 'lease_time': '1h'}]})
    assert result == {'changed': False, 'rendered': [
        '/ip dhcp-server add name=lan interface=bridge address-pool=lan-pool lease-time=1h disabled=no']}
    single = runner.run('ip_dns', {'state': 'rendered', 'config': {'servers': ['1.1.1.1', '9.9.9.9']}})
    assert single['rendered'] == ['/ip dns set servers=1.1.1.1,9.9.9.9']
    fixed = runner.run('interface_ethernet', {'state': 'rendered', 'config': [{'default_name': 'ether2', 'name': 'lan'}]})
    assert fixed['rendered'] == ['/interface ethernet set [find default-name=ether2] name=lan']


def free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def connection_error(**options):
    params = dict(hostname='127.0.0.1', username='admin', password='secret', state='gathered', timeout=1)
    params.update(options)
    with pytest.raises(RouterOSError) as info:
        runner.run('ip_dns', params)
    return str(info.value)


def test_refused_port_is_one_sentence():
    port = free_port()
    message = connection_error(port=port)
    assert message == ('127.0.0.1:%d refused the connection; check the port and that the api service is enabled '
                       'in /ip service.' % port)


def test_silent_router_times_out():
    server = socket.socket()
    server.bind(('127.0.0.1', 0))
    server.listen(1)
    try:
        message = connection_error(port=server.getsockname()[1])
    finally:
        server.close()
    assert 'did not answer within 1 seconds' in message
    assert 'secret' not in message


def test_tls_against_a_plain_port_is_a_handshake_failure():
    server = socket.socket()
    server.bind(('127.0.0.1', 0))
    server.listen(1)

    def answer_garbage():
        conn = server.accept()[0]
        conn.sendall(b'\x00' * 64)
        conn.close()

    thread = threading.Thread(target=answer_garbage, daemon=True)
    thread.start()
    try:
        message = connection_error(port=server.getsockname()[1], tls=True)
    finally:
        server.close()
    assert message.startswith('The TLS handshake with 127.0.0.1:')


def test_missing_host_and_user():
    with pytest.raises(RouterOSError, match='No router address'):
        runner.run('ip_dns', {'state': 'gathered'})
    with pytest.raises(RouterOSError, match='No user name'):
        runner.run('ip_dns', {'state': 'gathered', 'hostname': 'r1'})


def test_command_writes_are_skipped_in_check_mode():
    result = runner.run('command', {'command': '/system/reboot', 'arguments': {}}, check_mode=True)
    assert result['skipped'] is True and result['changed'] is False
    assert result['commands'] == ['/system reboot']


def test_the_same_entry_twice_is_refused():
    message = fail('ip_address', config=[{'address': '10.0.0.1/24', 'interface': 'e'}, {'address': '10.0.0.2/24', 'interface': 'e'},
                                         {'address': '10.0.0.1/24', 'interface': 'e', 'comment': 'again'}])
    assert message == 'config[2] is the same entry as config[0] (same address, interface); give each entry once.'
    rules = [{'chain': 'input', 'comment': 'x'}, {'chain': 'forward', 'comment': 'x'}, {'chain': 'input', 'comment': 'x'}]
    assert fail('ip_firewall_filter', config=rules).startswith('config[2] is the same entry as config[0]')
    pool_hosts = [{'address': '::1/64', 'from_pool': 'pd', 'interface': 'bridge'},
                  {'address': '::1/64', 'from_pool': 'pd2', 'interface': 'bridge'}]
    assert runner.run('ipv6_address', {'state': 'rendered', 'config': pool_hosts})['changed'] is False


def test_text_that_is_not_utf8_is_one_sentence():
    from ansible_collections.soho.routeros.plugins.module_utils.connection import Client

    class Protocol(object):
        def writeSentence(self, cmd, *words):
            pass

        def readSentence(self):
            raise UnicodeDecodeError('utf-8', b'\xe9', 0, 1, 'invalid continuation byte')

    class Api(object):
        protocol = Protocol()

    with pytest.raises(RouterOSError, match=r"^r1:8728 answered '/ip/address/print' with text that is not UTF-8"):
        Client(Api(), 'r1:8728').print('/ip/address')


def test_a_connection_closed_while_prints_go_out_is_the_same_lost_connection():
    """Pipelined prints write several sentences before reading: a router that closes the connection meanwhile shows
    as a broken pipe or a reset, which reads as a lost connection like a close seen on reading."""
    from ansible_collections.soho.routeros.plugins.module_utils.connection import Client, ReadCache

    class Protocol(object):
        def writeSentence(self, cmd, *words):
            raise BrokenPipeError(32, 'Broken pipe')

    class Api(object):
        protocol = Protocol()

    client = Client(Api(), 'r1:8728')
    client.reads = ReadCache()
    with pytest.raises(RouterOSError, match=r"^Lost the connection to r1:8728 while running '/ip/address, /ip/pool/print': "
                                            r"Connection unexpectedly closed \(Broken pipe\)\.$"):
        client.prefetch([('/ip/address', ['address']), ('/ip/pool', ['name'])])
    assert client.broken


def test_every_module_runs_through_the_one_registry(monkeypatch):
    """runner.run and argument_spec know a module only by its registry entry: spec and run function."""
    calls = []
    monkeypatch.setitem(runner.MODULES, 'probe', runner.Module({'word': {'type': 'str'}},
                                                               lambda params, check, diff: calls.append(params) or {'changed': False}))
    assert set(runner.argument_spec('probe')) == set(connection.OPTIONS) | {'word'}
    assert runner.run('probe', {'word': 'x'}) == {'changed': False} and calls == [{'word': 'x'}]
    assert all(runner.MODULES[name].path is schema.PATHS[name] for name in schema.PATHS)
