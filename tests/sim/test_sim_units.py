"""In-process checks of pieces that the API tests reach only indirectly."""

import json
import os

import pytest
from routeros_sim import cli
from routeros_sim.persistence import StateStore
from routeros_sim.router import Options, Router
from routeros_sim.values import DURATION, DURATION_RANGE, format_duration


def test_fact_default_ports_api_8728_api_ssl_8729():
    args = cli.parse_args([])
    assert (args.port, args.tls_port, args.listen, args.version, args.factory) == (8728, 8729, "127.0.0.1", "6.49.10", "blank")


@pytest.mark.parametrize("text,printed", [("4h5m47s", "4h5m47s"), ("1d", "1d"), ("7d", "1w"), ("0", "0s"), ("1d00:00:01", "1d1s")])
def test_duration_forms(text, printed):
    assert DURATION.parse(text) == printed


def test_fact_ra_interval_is_a_range():
    assert DURATION_RANGE.parse("200-600") == "3m20s-10m"
    for bad in ("10s", "1m-10s", "x-y"):
        with pytest.raises(ValueError):
            DURATION_RANGE.parse(bad)


def test_format_duration_round_trip():
    for seconds in (1, 59, 60, 3599, 86400 * 9 + 1):
        assert DURATION.parse(format_duration(seconds)) == format_duration(seconds)


def test_state_store_never_leaves_a_partial_file(tmp_path):
    path = tmp_path / "r.json"
    store = StateStore(str(path))
    store.save({"a": 1})
    with pytest.raises(TypeError):
        store.save({"a": object()})  # fails half-way through writing
    assert json.loads(path.read_text()) == {"a": 1}
    assert os.listdir(tmp_path) == ["r.json"]


def test_router_execute_is_usable_from_python():
    router = Router(Options(factory="blank"))
    (done,) = router.execute("/ip/pool/add", {"name": "p", "ranges": "10.0.0.1-10.0.0.2"})
    assert done[0] == "!done" and done[1]["ret"].startswith("*")
    assert router.execute("/ip/pool/print", proplist=["name"]) == [("!re", {"name": "p"}), ("!done", {})]
    assert router.audit[0]["path"] == "/ip/pool" and router.audit[0]["session"] == ""
