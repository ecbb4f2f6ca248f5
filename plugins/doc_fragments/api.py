# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    # The connection options every soho.routeros module takes (module_utils/connection.OPTIONS).
    DOCUMENTATION = r'''
options:
  hostname:
    description:
      - Address or name of the router.
      - Taken from C(ansible_host), or else the inventory host name, when not given.
    type: str
  username:
    description:
      - User to log in as. Taken from C(ansible_user) when not given.
    type: str
  password:
    description:
      - Password of I(username). Taken from C(ansible_password) when not given. Never shown in output.
    type: str
  port:
    description:
      - API port. Taken from C(routeros_api_port) when not given.
      - Defaults to C(8728), or C(8729) (api-ssl) when I(tls=true).
    type: int
  tls:
    description:
      - Connect to the api-ssl service over TLS. Taken from C(routeros_api_tls) when not given.
      - The plain API sends the password and the configuration unencrypted; use it only on a trusted network.
    type: bool
    default: false
  ca_path:
    description:
      - File of the CA certificate that signed the router's api-ssl certificate. Taken from C(routeros_api_ca_path)
        when not given. Without it the system CAs are used.
    type: path
  validate_certs:
    description:
      - Verify the router's TLS certificate and name against the CA. Taken from C(routeros_api_validate_certs) when not
        given. Set to C(false) only for a router without a certificate (anonymous TLS).
    type: bool
    default: true
  timeout:
    description:
      - Seconds to wait for the router to connect and to answer. Taken from C(routeros_api_timeout) when not given.
    type: int
    default: 10
  login_method:
    description:
      - C(plain) for RouterOS 6.43 and later, C(token) (challenge and response) for older v6 releases.
        Taken from C(routeros_api_login_method) when not given.
    type: str
    choices: [plain, token]
    default: plain
requirements:
  - librouteros (on the Ansible controller)
  - netaddr (on the Ansible controller)
notes:
  - The modules run on the Ansible controller and talk to the router over the RouterOS API, not SSH. Set
    C(ansible_connection=local) for the routers in the inventory.
  - The task runs in the controller process through the C(soho.routeros.api) action plugin. Set the variable
    C(routeros_run_in_process=false) to run it as an ordinary module process instead (slower; for comparison).
  - RouterOS v6 only; a v7 router is refused with a clear message.
  - All modules are in the action group C(soho.routeros.api), so connection options can be set once with
    C(module_defaults) for C(group/soho.routeros.api).
'''
