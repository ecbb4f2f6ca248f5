"""Fixtures for the simulator's own tests: a freshly reset router and a logged-in connection."""

import pytest
import rawapi


@pytest.fixture
def sim(routeros_sim):
    routeros_sim.reset(0, "blank")
    return routeros_sim


@pytest.fixture
def api(sim):
    connection = sim.api()
    yield connection
    connection.close()


@pytest.fixture
def raw(sim):
    client = rawapi.RawApi(*sim.address())
    client.login()
    yield client
    client.close()
