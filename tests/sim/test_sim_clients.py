"""The same operations give the same answers through librouteros, RouterOS-api and a raw socket."""

import pytest
import rawapi
import routeros_api
from librouteros.exceptions import TrapError
from librouteros.protocol import parse_word
from routeros_api.exceptions import RouterOsApiCommunicationError


def _typed(row: dict) -> dict:
    """Values as librouteros types them, keys as RouterOS sends them."""
    out = {}
    for key, value in row.items():
        key = ".id" if key == "id" else key
        out[key] = parse_word(f"={key}={value}")[1] if isinstance(value, str) else value
    return out


def _with_librouteros(sim):
    api = sim.api()
    pools = api.path("/ip/pool")
    out = [pools.add(name="p1", ranges="10.0.0.1-10.0.0.9")]
    out.append(list(api.rawCmd("/ip/pool/print", "?name=p1", "=.proplist=.id,name,ranges")))
    list(api("/ip/pool/set", **{".id": out[0], "comment": "lan pool"}))
    out.append(list(api("/ip/pool/print")))
    try:
        pools.add(name="p1", ranges="10.0.0.1")
    except TrapError as exc:
        out.append(exc.message)
    list(api("/ip/pool/remove", **{".id": out[0]}))
    out.append(list(api("/ip/pool/print")))
    out.append(list(api("/ip/service/print", **{".proplist": "name,port,disabled"})))
    api.close()
    return out


def _with_routeros_api(sim):
    host, port = sim.address()
    pool = routeros_api.RouterOsApiPool(host, username="admin", password="", port=port, plaintext_login=True)
    api = pool.get_api()
    pools = api.get_resource("/ip/pool")
    call = api.get_binary_resource("/ip/pool").call
    ret = pools.call("add", {"name": "p1", "ranges": "10.0.0.1-10.0.0.9"}).done_message["ret"]
    out = [ret]
    out.append([_typed({k: v.decode() for k, v in r.items()}) for r in call("print", {".proplist": b".id,name,ranges"}, {"name": b"p1"})])
    pools.set(id=ret, comment="lan pool")
    out.append([_typed(r) for r in pools.get()])
    try:
        pools.add(name="p1", ranges="10.0.0.1")
    except RouterOsApiCommunicationError as exc:
        out.append(exc.original_message.decode())
    pools.remove(id=ret)
    out.append([_typed(r) for r in pools.get()])
    out.append([_typed(r) for r in api.get_resource("/ip/service").call("print", {".proplist": "name,port,disabled"})])
    pool.disconnect()
    return out


def _with_raw(sim):
    raw = rawapi.RawApi(*sim.address())
    raw.login()
    (done,) = raw.command("/ip/pool/add", "=name=p1", "=ranges=10.0.0.1-10.0.0.9")
    ret = done[1][len("=ret="):]
    out = [ret]
    out.append([_typed(r) for r in rawapi.rows(raw.command("/ip/pool/print", "?name=p1", "=.proplist=.id,name,ranges"))])
    raw.command("/ip/pool/set", f"=.id={ret}", "=comment=lan pool")
    out.append([_typed(r) for r in rawapi.rows(raw.command("/ip/pool/print"))])
    trap = raw.command("/ip/pool/add", "=name=p1", "=ranges=10.0.0.1")[0]
    out.append(next(w for w in trap if w.startswith("=message="))[len("=message="):])
    raw.command("/ip/pool/remove", f"=.id={ret}")
    out.append([_typed(r) for r in rawapi.rows(raw.command("/ip/pool/print"))])
    out.append([_typed(r) for r in rawapi.rows(raw.command("/ip/service/print", "=.proplist=name,port,disabled"))])
    raw.close()
    return out


@pytest.mark.parametrize("client", [_with_routeros_api, _with_raw])
def test_three_clients_agree(sim, client):
    reference = _with_librouteros(sim)
    sim.reset()
    assert client(sim) == reference
    assert reference[2][0]["comment"] == "lan pool"
    assert reference[3] == "failure: already have such entry"
    assert reference[4] == []
    assert {"name": "api", "port": 8728, "disabled": False} in reference[5]
