# -*- coding: utf-8 -*-
"""Module tests against the simulator (the routeros_sim fixture of tests/conftest.py)."""

import pytest


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
