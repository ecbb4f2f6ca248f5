# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The command module: one RouterOS API command, for what no typed module covers."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.soho.routeros.plugins.module_utils import connection, values
from ansible_collections.soho.routeros.plugins.module_utils.errors import RouterOSError

OPTIONS = {
    'command': {'type': 'str', 'required': True},
    'arguments': {'type': 'dict', 'default': {}},
    'query': {'type': 'list', 'elements': 'str', 'default': []},
}

READ_COMMANDS = ('print', 'getall')


def run(params, check_mode=False, diff_mode=False):
    path, verb = (params['command'].rstrip('/').rsplit('/', 1) + [''])[:2]
    if not path or not verb:
        raise RouterOSError('command: %r is not an API command such as /ip/address/print.' % params['command'])
    arguments = dict((k, values.to_api({'type': 'str'}, v)) for k, v in (params.get('arguments') or {}).items())
    cli = ' '.join(['/' + path.strip('/').replace('/', ' '), verb] + ['%s=%s' % (k, v) for k, v in arguments.items()])
    reads = verb in READ_COMMANDS
    if check_mode and not reads:
        return {'changed': False, 'skipped': True, 'commands': [cli],
                'msg': 'Check mode: %s was not sent because it may change the router.' % params['command']}
    with connection.session(params) as client:
        rows = client.call(path, verb, arguments, extra=list(params.get('query') or []))
    return {'changed': not reads, 'result': rows, 'commands': [cli]}
