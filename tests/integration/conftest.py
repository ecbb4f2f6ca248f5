# -*- coding: utf-8 -*-
"""Module tests against the simulator (the routeros_sim fixture of tests/conftest.py)."""

import os
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
COLLECTIONS = os.path.join(ROOT, '.collections')
LINK = os.path.join(COLLECTIONS, 'ansible_collections', 'soho', 'routeros')

if not os.path.exists(LINK):
    os.makedirs(os.path.dirname(LINK), exist_ok=True)
    try:
        os.symlink('../../..', LINK)
    except FileExistsError:
        pass
if COLLECTIONS not in sys.path:
    sys.path.insert(0, COLLECTIONS)


class Router(object):
    """One freshly reset simulated router and the module runner pointed at it."""

    def __init__(self, sim):
        self.sim = sim

    def params(self, **extra):
        params = {'hostname': self.sim.host, 'port': self.sim.port, 'username': getattr(self.sim, 'username', 'admin'),
                  'password': getattr(self.sim, 'password', ''), 'timeout': 5}
        params.update(extra)
        return params

    def run(self, module, check_mode=False, diff_mode=True, **args):
        """Validate ``args`` as ansible-core would, then run the module in this process."""
        from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
        from ansible_collections.soho.routeros.plugins.module_utils import runner

        validation = ArgumentSpecValidator(runner.argument_spec(module)).validate(self.params(**args))
        assert not validation.error_messages, validation.error_messages
        return runner.run(module, validation.validated_parameters, check_mode=check_mode, diff_mode=diff_mode)

    def writes(self):
        return len(self.sim.audit())


@pytest.fixture
def router(routeros_sim):
    routeros_sim.reset(0, factory='blank')
    return Router(routeros_sim)


@pytest.fixture
def defconf_router(routeros_sim):
    routeros_sim.reset(0, factory='defconf')
    return Router(routeros_sim)
