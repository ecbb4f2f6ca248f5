# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Checks of the backup role's variables: values RouterOS would take but that would break the export script or the
file names. The documentation of the filter is in backup_plan.yml next to this file."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import re

from ansible.module_utils.common.text.converters import to_text
from ansible_collections.soho.routeros.plugins.filter.plan import Plan

# Each variable with the form it must have and an example of it.
FORMS = (
    ('backup_file_prefix', r'^[A-Za-z0-9_-]+$', 'letters, digits, _ and - only (example: backup-)'),
    ('backup_script_name', r'^[A-Za-z0-9_.-]+$', 'letters, digits, _ . and - only (example: soho-backup)'),
    ('backup_time', r'^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$', 'a time of day HH:MM:SS (example: 03:00:00)'),
    ('backup_start_date', r'^((jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/[0-3][0-9]/[0-9]{4})?$',
     'empty or a RouterOS v6 date (example: nov/29/2026)'),
    ('backup_interval', r'^([0-9]+[wdhms])+$', 'a RouterOS interval (examples: 1d, 12h, 1w)'),
)


def backup_plan(settings):
    """``errors`` of the backup role's variables, one message per bad value, each starting with the variable name."""
    plan = Plan(settings, 'backup')
    for name, pattern, form in FORMS:
        value = to_text(settings.get(name) if settings.get(name) is not None else '')
        if not re.match(pattern, value):
            plan.error(name, '%r must be %s' % (value, form))
    plan.integer('backup_retention', 1, 10000)
    plan.integer('backup_snapshot_retention', 1, 10000)
    plan.integer('backup_fetch_retention', 1, 10000)
    plan.text('backup_dir', pattern=None)
    return {'errors': plan.errors}


def backup_folder(backup_dir, base):
    """``backup_dir`` as an absolute path: ``~`` expanded, a relative path taken from ``base`` (the inventory's folder)."""
    path = os.path.expanduser(to_text(backup_dir))
    return os.path.normpath(path if os.path.isabs(path) else os.path.join(to_text(base), path))


class FilterModule(object):
    """Checks of the soho.routeros backup role."""

    def filters(self):
        return {'backup_plan': backup_plan, 'backup_folder': backup_folder}
