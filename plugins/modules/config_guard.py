#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: soho.routeros maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
#
# Written by hand (not by tools/gen_modules.py): this module guards a set of changes made by other
# modules rather than managing one path. Its options are module_utils/guard.OPTIONS; keep the two in step.

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: config_guard
short_description: Commit confirmed for RouterOS v6, a rollback job that undoes changes unless access is proven
version_added: 0.1.0
description:
  - Protects a change that could cut the management path (firewall, services, users) the way "commit confirmed" does on
    other network systems. Before the first write, I(state=armed) installs on the router a C(/system script) that
    undoes the change and a one-shot C(/system scheduler) entry that runs it after I(delay). After the change,
    I(state=confirmed) opens a fresh API connection from the controller; when it works the job is removed. When it does
    not, the job restores the router by itself.
  - The rollback is planned by the same engine as the modules, from the results of the changing tasks run in check mode
    (I(changes)); for each path, entries the change adds are removed, entries it changes get their previous values,
    rules it moves go back to their place, and single and fixed menus (C(/ip service), C(/snmp)) get their previous
    settings. Each line runs on its own and logs a failure to the router log, and the script ends by removing itself and
    its scheduler entry, so a router that rolled back is exactly as before. Passwords are never part of it.
  - RouterOS v6 runs a scheduler entry once only with a start date and time, so the job's start is taken from the router
    clock (C(/system clock)) plus I(delay).
  - I(state=rolled_back) is the failure path. It reconnects (right away when the router still answers, otherwise after
    the job's start time, retrying for I(reconnect_timeout) seconds), runs the job at once when it is still pending (the
    change failed for another reason while access was intact), checks that every changed path is as it was before, and
    fails with a message that names what cut access, e.g. a C(/ip service) address list without the controller address.
  - I(state=gathered) only reads. It returns the address the controller connects from, from C(/user active) (the API
    session of the connecting user from this controller's own socket address; behind NAT the newest one), so that a
    role can keep that address allowed.
  - In check mode nothing is installed or removed; I(state=armed) returns the script it would install.
author:
  - soho.routeros maintainers (@soho-routeros)
extends_documentation_fragment:
  - soho.routeros.api
options:
  state:
    description:
      - C(gathered) reads I(controller_address), I(pending) and I(ipv6).
      - C(armed) installs the rollback script and its scheduler entry; it fails when a job of the same I(name) from an
        earlier run is still pending, since that job would undo the earlier run.
      - C(confirmed) proves access with a fresh connection and removes the job; it fails saying that access is lost
        (and naming the likely cause) when the connection does not work.
      - C(rolled_back) waits for the rollback, checks the result and always fails, with a message naming the cause.
    type: str
    choices: [gathered, armed, confirmed, rolled_back]
    default: gathered
  name:
    description:
      - Name of the C(/system script) and the C(/system scheduler) entry of the job.
    type: str
    default: soho-guard
  changes:
    description:
      - The changes the job undoes, in the order they are applied. Each item is a dict with C(module), a module of this
        collection that manages a path (e.g. C(ip_service)), and C(result), what that module returned when run in check
        mode (its C(before), C(after) and C(commands)). Items without commands (nothing to change, or skipped) are left
        out.
      - C(confirmed) and C(rolled_back) use them to name the cause of a lost connection, and C(rolled_back) to check
        that every path is back as it was.
    type: list
    elements: dict
    default: []
  delay:
    description:
      - How long after I(state=armed) the job restores the router, as a RouterOS duration such as C(5m); at least C(30s).
        Give the change enough time to finish on a slow link.
    type: str
    default: 5m
  deadline:
    description:
      - With I(state=rolled_back), the controller time (seconds since the epoch) at which the job fires, as I(state=armed)
        returned it in C(deadline).
    type: float
  reconnect_timeout:
    description:
      - With I(state=rolled_back), seconds to keep trying to reconnect once the job should have run.
    type: int
    default: 120
  controller_address:
    description:
      - The address the controller connects from (as I(state=gathered) returns it), used to name the cause of a lost
        connection.
    type: str
  error:
    description:
      - With I(state=rolled_back), the failure that started the rollback, repeated in the message.
    type: str
    default: ""
notes:
  - The job needs the C(policy) of the script to cover what it undoes; it is created with C(read), C(write), C(policy),
    C(test), C(password) and C(sensitive).
  - The role C(soho.routeros.hardening) uses this module around all of its changes.
"""

EXAMPLES = r"""
- name: Plan the service change (check mode)
  soho.routeros.ip_service:
    config:
      - name: ssh
        address: [192.168.88.0/24]
  check_mode: true
  register: services_plan

- name: Commit confirmed
  block:
    - name: Install the rollback job
      soho.routeros.config_guard:
        state: armed
        delay: 5m
        changes:
          - module: ip_service
            result: "{{ services_plan }}"
      register: guard

    - name: Restrict SSH to the LAN
      soho.routeros.ip_service:
        config:
          - name: ssh
            address: [192.168.88.0/24]

    - name: Prove access with a fresh connection and remove the job
      soho.routeros.config_guard:
        state: confirmed
        changes:
          - module: ip_service
            result: "{{ services_plan }}"
  rescue:
    - name: Wait for the rollback and report what cut access
      soho.routeros.config_guard:
        state: rolled_back
        deadline: "{{ guard.deadline }}"
        error: "{{ ansible_failed_result.msg }}"
        changes:
          - module: ip_service
            result: "{{ services_plan }}"
"""

RETURN = r"""
controller_address:
  description: The address the controller connects from, as the router sees it (C(/user active)).
  returned: when state is gathered
  type: str
  sample: 192.168.88.10
pending:
  description: Whether a job of this I(name) is installed and has not run.
  returned: when state is gathered
  type: bool
  sample: false
ipv6:
  description: Whether the C(/ipv6) menus exist (the ipv6 package is enabled).
  returned: when state is gathered
  type: bool
  sample: true
rollback:
  description: The lines of the rollback script.
  returned: when state is armed
  type: list
  elements: str
  sample:
    - ':do {/ip service set [find name=ssh] address=""} on-error={:log error "soho-guard: failed: ..."}'
    - /system scheduler remove [find name="soho-guard"]
fires_at:
  description: When the job runs, in router time (C(jan/02/2026 03:05:00)).
  returned: when state is armed and there is something to undo
  type: str
  sample: nov/30/2026 01:35:00
deadline:
  description: When the job runs, in controller time (seconds since the epoch); give it to I(state=rolled_back).
  returned: when state is armed and there is something to undo
  type: float
  sample: 1796002500.5
access:
  description: Whether a fresh API connection worked.
  returned: when state is confirmed
  type: bool
  sample: true
causes:
  description: Changes that keep the controller out, most likely first.
  returned: when state is rolled_back
  type: list
  elements: str
  sample: ["/ip service api address=10.0.0.0/24 does not include the controller address 192.168.88.10"]
left:
  description: CLI lines that would still be needed to bring the router back; empty when the rollback is complete.
  returned: when state is rolled_back
  type: list
  elements: str
  sample: []
"""

from ansible_collections.soho.routeros.plugins.module_utils.runner import run_module


def main():
    run_module('config_guard')


if __name__ == '__main__':
    main()
