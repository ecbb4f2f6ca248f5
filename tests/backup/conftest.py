# -*- coding: utf-8 -*-
"""Fixtures of the backup tests: a simulator of the module's own and a playbook runner per test."""

import pytest

from backup_helpers import PASSWORD, Playbooks


@pytest.fixture(scope='module')
def sim(routeros_sim_module_factory):
    """A simulator of this module's own: these tests reset it and move its clock."""
    return routeros_sim_module_factory('--user', 'ops:' + PASSWORD)


@pytest.fixture
def playbooks(sim, tmp_path):
    sim.reset(0, factory='blank')
    return Playbooks(sim, tmp_path)
