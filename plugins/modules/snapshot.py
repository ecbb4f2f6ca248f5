#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: soho.routeros maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
#
# Written by hand (not by tools/gen_modules.py): this module saves and restores every path of the
# schema at once. Its options are module_utils/snapshot.OPTIONS; keep the two in step.

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: snapshot
short_description: Save the configuration of a RouterOS v6 router on the controller, and restore it
version_added: 0.1.0
description:
  - With I(state=saved), reads every path this collection manages (the C(gathered) state of each module, one print per
    path) and saves it on the Ansible controller in I(backup_dir)/I(router)/ as C(STAMP.json), the data that
    I(state=restored) applies, and C(STAMP.rsc), RouterOS CLI lines that recreate it (rendered by the same engine as the
    modules' C(rendered) state). C(STAMP) is the UTC time, e.g. C(20261130T031500.123456Z).
  - Only settings are saved, not counters or status, and a new snapshot is written only when the settings differ from
    the newest snapshot, so a second run reports I(changed=false). The newest I(retention) snapshots are kept.
  - Files are written to a temporary file in the same folder, flushed to disk and renamed, the C(.json) last; a run that
    is killed or loses the router midway leaves the previous snapshots as they were and no partial snapshot.
  - B(Secrets.) User passwords and SNMPv3 passwords are never readable from RouterOS, so no snapshot holds them. Values
    RouterOS shows in clear but that work as secrets are replaced by C(redacted:DIGEST) unless I(redact_secrets=false) -
    SNMP community names other than the factory C(public), the SNMP trap community, and the text of scripts and
    scheduler entries that mentions a password, secret, PSK, token, key or community. The digest is an HMAC keyed with
    the file I(backup_dir)/.snapshot-key (created on first use, mode 0600), so a changed secret still makes a new snapshot,
    and restore recognises the real value when it is given in I(secrets) or is still on the router. Whoever holds both
    the key and a snapshot can test guesses of a secret, but neither file contains it.
  - With I(state=restored), applies a snapshot (the newest by default) path by path through the same engine as the
    modules, with C(state=overridden) for menus of entries and C(state=replaced) for single-entry menus, in an order that
    creates what others refer to first (ports, bridges, lists, addresses, pools, DHCP, DNS, routes, NAT, system settings,
    users) and applies the input firewall rules and C(/ip service) last.
  - Restore keeps the controller's way in, whatever the snapshot says, and warns when it deviates from it. The
    address the controller reaches the router at is never removed, the user it logs in as is never removed or disabled,
    and the API service it uses (C(api), or C(api-ssl) with I(tls)) stays enabled on its port and open to the
    controller's address.
  - In check mode nothing is written, on the router or on the controller; restore then shows, per path, the commands
    and (with C(--diff)) the differences it would apply.
options:
  state:
    description:
      - C(saved) takes a snapshot; C(restored) applies one to the router.
    type: str
    choices: [saved, restored]
    default: saved
  backup_dir:
    description:
      - Folder on the controller that holds a subfolder of snapshots per router, and the redaction key.
    type: path
    required: true
  router:
    description:
      - Name of the router's subfolder of I(backup_dir), usually C({{ inventory_hostname }}).
    type: str
    required: true
  retention:
    description:
      - (saved) How many snapshots of the router to keep; older ones are removed after a new one is written.
    type: int
    default: 30
  redact_secrets:
    description:
      - (saved) Replace secrets shown in clear (SNMP communities, scripts that mention passwords) by digests. Set to
        C(false) only when the snapshots are kept as safe as the router's passwords.
    type: bool
    default: true
  snapshot:
    description:
      - (restored) The snapshot to apply, C(latest) for the newest one of I(router), or a C(STAMP), a file name in the
        router's folder, or a path to a C(.json) snapshot (e.g. of another router, for a replacement).
    type: str
    default: latest
  secrets:
    description:
      - (restored) The real values of redacted secrets, such as SNMP community names, in any order; restore matches each
        to its digest. Values still on the router are found without being given. Put them in Ansible Vault.
      - A list entry whose secret is neither given nor on the router is not restored (with a warning); a setting of a
        single-entry menu keeps the router's value.
    type: list
    elements: str
    default: []
  user_passwords:
    description:
      - (restored) Passwords of users that the restore creates, by user name. A user created without one is created
        disabled, with a warning. Passwords of users that exist already are not changed. Put them in Ansible Vault.
    type: dict
    default: {}
author:
  - soho.routeros maintainers (@soho-routeros)
extends_documentation_fragment:
  - soho.routeros.api
notes:
  - Restore applies every path the collection manages, so anything the snapshot does not have is removed (C(overridden)),
    except dynamic and builtin entries. Paths the snapshot saved as C(null) (menus the router did not have then) are left
    as they are. Ports, services or packages of the snapshot that the router does not have (a replacement with fewer
    ports) are skipped with a warning. Entries on paths the router does not have at the time (the C(/ipv6) menus while
    the ipv6 package waits for a reboot) are skipped with a warning; reboot and run the restore again.
  - Passwords of existing users (such as C(admin) on a reset router) cannot be restored, since they are never saved; set
    them with M(soho.routeros.command) and C(no_log).
  - The C(soho.routeros.backup) role takes these snapshots (and schedules exports on the router); C(playbooks/restore.yml)
    restores them.
"""

EXAMPLES = r"""
- name: Snapshot of the router configuration before changing it
  soho.routeros.snapshot:
    state: saved
    backup_dir: "{{ playbook_dir }}/backups"
    router: "{{ inventory_hostname }}"
    retention: 30

- name: Show what restoring the newest snapshot would change
  soho.routeros.snapshot:
    state: restored
    backup_dir: "{{ playbook_dir }}/backups"
    router: "{{ inventory_hostname }}"
  check_mode: true
  diff: true

- name: Restore a chosen snapshot onto a replacement router
  soho.routeros.snapshot:
    state: restored
    backup_dir: "{{ playbook_dir }}/backups"
    router: office-router
    snapshot: 20261129T031500.000000Z
    secrets:
      - "{{ vault_snmp_community }}"
    user_passwords:
      alice: "{{ vault_routeros_alice_password }}"
"""

RETURN = r"""
snapshot:
  description: The snapshot data file written, or the newest one when nothing changed (saved); the one applied (restored).
  returned: always
  type: str
  sample: /home/ops/backups/office-router/20261130T031500.123456Z.json
rsc:
  description: The RouterOS script file of the snapshot (saved).
  returned: when state is saved
  type: str
  sample: /home/ops/backups/office-router/20261130T031500.123456Z.rsc
snapshots:
  description: The snapshot data files of the router kept after this run, oldest first (saved).
  returned: when state is saved
  type: list
  elements: str
removed:
  description: Snapshot data files removed by I(retention) (saved; with their C(.rsc) files).
  returned: when state is saved
  type: list
  elements: str
unavailable:
  description: Modules whose menu the router does not have (e.g. the C(/ipv6) ones without the ipv6 package); saved as C(null).
  returned: when state is saved
  type: list
  elements: str
  sample: [ipv6_address, ipv6_dhcp_client]
paths:
  description: (restored) Per module, whether it changed and the RouterOS CLI lines of the changes.
  returned: when state is restored
  type: dict
  sample: {"ip_pool": {"changed": true, "commands": ["/ip pool add name=lan ranges=192.168.88.10-192.168.88.254"]}}
commands:
  description: (restored) All CLI lines of the restore, in the order they were applied (or would be, in check mode).
  returned: when state is restored
  type: list
  elements: str
skipped_paths:
  description: (restored) Modules not restored because the router has no such menu now.
  returned: when state is restored
  type: list
  elements: str
reboot_required:
  description: (restored) Whether a restored package change waits for a reboot.
  returned: when state is restored
  type: bool
  sample: false
"""


from ansible_collections.soho.routeros.plugins.module_utils.runner import run_module


def main():
    run_module('snapshot')


if __name__ == '__main__':
    main()
