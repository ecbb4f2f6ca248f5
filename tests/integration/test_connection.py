# -*- coding: utf-8 -*-
"""Connections to the simulator: TLS, login methods, versions, and each failure as one sentence."""

import pytest

from ansible_collections.soho.routeros.plugins.module_utils import connection, runner
from ansible_collections.soho.routeros.plugins.module_utils.errors import RouterOSError


def gather(sim, **options):
    params = {'hostname': sim.host, 'port': sim.port, 'username': 'admin', 'password': '', 'timeout': 5,
              'state': 'gathered'}
    params.update(options)
    return runner.run('ip_dns', params)


def refused(sim, **options):
    with pytest.raises(RouterOSError) as info:
        gather(sim, **options)
    message = str(info.value)
    assert 'Traceback' not in message and message.count('\n') == 0
    return message


def test_tls_with_the_router_ca(routeros_sim):
    routeros_sim.install_certificate()
    assert gather(routeros_sim, tls=True, port=routeros_sim.tls_port, ca_path=routeros_sim.ca_path)['changed'] is False


def test_tls_with_another_ca_is_refused(routeros_sim, tmp_path):
    from routeros_sim import tls

    routeros_sim.install_certificate()
    other_ca = tls.generate(str(tmp_path), ['127.0.0.1'])[1]
    message = refused(routeros_sim, tls=True, port=routeros_sim.tls_port, ca_path=other_ca)
    assert message.startswith('The TLS certificate of 127.0.0.1:%d is not trusted' % routeros_sim.tls_port)
    assert 'ca_path' in message


def test_verified_tls_to_a_router_without_a_certificate_is_explained(routeros_sim_factory):
    sim = routeros_sim_factory()
    message = refused(sim, tls=True, port=sim.tls_port, ca_path=sim.ca_path)
    assert message.startswith('The TLS handshake with 127.0.0.1:%d failed' % sim.tls_port)
    assert 'certificate=none' in message and 'validate_certs false' in message


def test_tls_without_validation(routeros_sim_factory):
    """Unverified TLS works against a router without a certificate (anonymous Diffie-Hellman)."""
    routeros_sim = routeros_sim_factory()
    assert gather(routeros_sim, tls=True, port=routeros_sim.tls_port, validate_certs=False)['changed'] is False


def test_wrong_password(routeros_sim):
    message = refused(routeros_sim, password='not-the-password')
    assert message == "Login to 127.0.0.1:%d as 'admin' failed: wrong user name or password." % routeros_sim.port
    assert 'not-the-password' not in message


def test_token_login_on_an_old_router(routeros_sim_factory):
    old = routeros_sim_factory('--version', '6.40.4')
    assert gather(old, login_method='token')['changed'] is False
    assert refused(old, login_method='plain') == ("Login to 127.0.0.1:%d as 'admin' did not take: RouterOS older than 6.43 "
                                                  "needs login_method token (routeros_api_login_method: token)." % old.port)
    new = routeros_sim_factory('--version', '6.49.10')
    assert refused(new, login_method='token').endswith('use login_method plain for RouterOS 6.43 and later.')


def test_api_service_restricted_to_other_addresses(routeros_sim_factory):
    """RouterOS closes a new API connection at once when /ip service address= leaves the client out."""
    sim = routeros_sim_factory()
    api = sim.api()
    try:
        list(api('/ip/service/set', **{'.id': 'api', 'address': '192.0.2.0/24'}))
    finally:
        api.close()
    message = refused(sim)
    assert message.startswith('127.0.0.1:%d closed the connection during login' % sim.port)
    assert 'api service in /ip service allows' in message and 'address=' in message


def test_v7_router_is_refused(routeros_sim_factory):
    new = routeros_sim_factory('--version', '7.15.3')
    message = refused(new)
    assert message == '127.0.0.1:%d runs RouterOS 7.15.3 (long-term); this collection configures RouterOS v6 only.' % new.port


def test_slow_router_times_out(routeros_sim):
    routeros_sim.reset(0)
    routeros_sim.control(0, '/sim/fault/set', delay=1500)
    try:
        message = refused(routeros_sim, timeout=1)
    finally:
        routeros_sim.reset(0)
    assert 'did not answer' in message


def test_trap_names_the_path_and_command(routeros_sim):
    routeros_sim.reset(0)
    message = None
    try:
        runner.run('ip_address', {'hostname': routeros_sim.host, 'port': routeros_sim.port, 'username': 'admin',
                                  'password': '', 'state': 'merged',
                                  'config': [{'address': '10.0.0.1/24', 'interface': 'no-such-port'}]})
    except RouterOSError as exc:
        message = str(exc)
    assert message == "RouterOS refused '/ip/address/add': input does not match any value of interface."
    assert routeros_sim.audit() == []


def test_ipv6_menus_of_a_router_without_the_ipv6_package(routeros_sim_factory):
    router = routeros_sim_factory('--ipv6-package', 'disabled')
    with pytest.raises(RouterOSError) as info:
        runner.run('ipv6_nd', {'hostname': router.host, 'port': router.port, 'username': 'admin', 'password': '',
                               'state': 'gathered'})
    message = str(info.value)
    assert message.startswith("RouterOS refused '/ipv6/nd/print': no such command")
    assert message.endswith('in v6 the ipv6 package must be enabled and the router rebooted).')
    facts = runner.run('facts', {'hostname': router.host, 'port': router.port, 'username': 'admin', 'password': '',
                                 'gather_subset': ['all', '!config']})
    assert facts['ansible_facts']['routeros_ipv6_enabled'] is False


def test_the_client_tells_both_ends_of_its_connection(routeros_sim):
    """Restore and the guard learn the router address and the controller's own from the client, nothing else."""
    with connection.connect(hostname=routeros_sim.host, port=routeros_sim.port, username='admin', password='') as client:
        assert client.peer_address == routeros_sim.host
        assert client.local_address == '127.0.0.1'
    assert connection.Client(object(), 'nowhere').local_address is None
