# -*- coding: utf-8 -*-
"""The shared action plugin: inventory variables fill the connection, ansible-core validates, and
the module logic runs in process (or as a module process when asked)."""

from unittest import mock

from ansible_collections.soho.routeros.plugins.action.api import ActionModule


def action(module, args, check_mode=False, diff=False):
    task = mock.MagicMock()
    task.action = 'soho.routeros.' + module
    task.args = args
    task.async_val = 0
    task.check_mode = check_mode
    task.diff = diff
    loader = mock.MagicMock()
    loader.module_loader.find_plugin_with_context.return_value = mock.MagicMock(
        resolved=True, resolved_fqcn='soho.routeros.' + module)
    connection = mock.MagicMock()
    connection._shell.tmpdir = '/tmp'
    templar = mock.MagicMock()
    templar.template.side_effect = lambda value: value
    return ActionModule(task, connection, mock.MagicMock(), mock.MagicMock(), templar, loader)


TASK_VARS = {'inventory_hostname': 'router1', 'ansible_host': '192.0.2.7', 'ansible_user': 'ops',
             'ansible_password': 'Pa55word!', 'routeros_api_port': 18728, 'routeros_api_tls': True}


def test_connection_options_come_from_inventory_and_the_task_overrides_them():
    plugin = action('ip_dns', {'state': 'gathered', 'port': 9999})
    with mock.patch('ansible_collections.soho.routeros.plugins.module_utils.runner.run') as run:
        run.return_value = {'changed': False, 'gathered': {}}
        result = plugin.run(task_vars=dict(TASK_VARS))
    params = run.call_args[0][1]
    assert (params['hostname'], params['username'], params['password'], params['port'], params['tls']) == \
        ('192.0.2.7', 'ops', 'Pa55word!', 9999, True)
    assert params['validate_certs'] is True and params['timeout'] == 10
    assert result == {'changed': False, 'gathered': {}}


def test_validation_errors_name_the_option_and_never_show_the_password():
    plugin = action('ip_address', {'config': [{'address': '10.0.0.1/24', 'interface': 'e', 'netmask': 'Pa55word!'}]})
    result = plugin.run(task_vars=dict(TASK_VARS))
    assert result['failed'] is True
    assert 'netmask' in result['msg'] and 'Pa55word!' not in str(result)


def test_errors_of_the_module_logic_are_a_failed_result():
    plugin = action('ip_address', {'config': [{'address': '10.0.0.300/24', 'interface': 'e'}]})
    result = plugin.run(task_vars=dict(TASK_VARS))
    assert result == {'failed': True, 'msg': "config[0].address: '10.0.0.300/24' is not a valid IPv4 prefix."}


def test_rendered_runs_in_process_and_diff_only_in_diff_mode():
    plugin = action('ip_pool', {'state': 'rendered', 'config': [{'name': 'p', 'ranges': ['10.0.0.2-10.0.0.9']}]})
    result = plugin.run(task_vars=dict(TASK_VARS))
    assert result['rendered'] == ['/ip pool add name=p ranges=10.0.0.2-10.0.0.9']


def test_run_in_process_false_executes_the_module():
    plugin = action('ip_dns', {'state': 'gathered'})
    with mock.patch.object(ActionModule, '_execute_module', return_value={'changed': False, 'gathered': {}}) as execute:
        plugin.run(task_vars=dict(TASK_VARS, routeros_run_in_process='false'))
    kwargs = execute.call_args[1]
    assert kwargs['module_name'] == 'soho.routeros.ip_dns'
    assert kwargs['module_args']['hostname'] == '192.0.2.7' and kwargs['module_args']['password'] == 'Pa55word!'


def test_argument_errors_read_as_ansible_modules_print_them_once():
    # An unknown option: AnsibleModule's sentence, with the module's name, the option's path and its siblings.
    plugin = action('ip_dhcp_server', {'config': [{'name': 'lan', 'interface': 'bridge', 'use_radius': True}]})
    result = plugin.run(task_vars=dict(TASK_VARS))
    assert result == {'failed': True, 'msg': 'Unsupported parameters for (soho.routeros.ip_dhcp_server) module: '
                      'config.use_radius. Supported parameters include: add_arp, address_pool, authoritative, '
                      'bootp_support, comment, disabled, extra, interface, lease_script, lease_time, name, relay.'}
    # Two bad values: the first is reported, as AnsibleModule does, not a list of every message joined.
    plugin = action('ip_dhcp_server', {'config': [{'name': 'lan', 'interface': 'bridge'}], 'state': 'sideways', 'port': 'x'})
    result = plugin.run(task_vars=dict(TASK_VARS))
    assert result == {'failed': True, 'msg': 'argument \'port\' is of type str and we were unable to convert to int: '
                      '"\'x\'" cannot be converted to an int'}
