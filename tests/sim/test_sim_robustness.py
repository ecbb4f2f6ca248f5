"""Random and truncated byte streams never crash the simulator or disturb another session."""

import random
import socket

import rawapi


def _blast(address, data: bytes) -> None:
    with socket.create_connection(address, timeout=5) as sock:
        try:
            sock.sendall(data)
            sock.shutdown(socket.SHUT_WR)
            sock.settimeout(2)
            while sock.recv(65536):
                pass
        except OSError:
            pass


def _still_serving(client: rawapi.RawApi) -> None:
    assert rawapi.rows(client.command("/system/identity/print")) == [{"name": "MikroTik"}]


def test_random_streams_do_not_affect_other_sessions(sim):
    bystander = rawapi.RawApi(*sim.address())
    bystander.login()
    rng = random.Random(4242)
    for n in range(150):
        size = rng.choice([1, 2, 5, 17, 100, 1000, 5000])
        data = rng.randbytes(size)
        if n % 3 == 0:
            # A valid login first, so the garbage reaches the command dispatcher too.
            data = rawapi.sentence("/login", "=name=admin", "=password=") + data
        _blast(sim.address(), data)
        if n % 25 == 0:
            _still_serving(bystander)
    _still_serving(bystander)
    bystander.close()


def test_truncated_sentences_are_harmless(sim):
    bystander = rawapi.RawApi(*sim.address())
    bystander.login()
    full = rawapi.sentence("/login", "=name=admin", "=password=") + rawapi.sentence("/ip/address/add", "=address=10.9.9.1/24", "=interface=ether1")
    for cut in range(1, len(full)):
        _blast(sim.address(), full[:cut])
    _still_serving(bystander)
    bystander.close()


def test_fact_reserved_control_byte_closes_only_that_connection(raw, sim):
    victim = rawapi.RawApi(*sim.address())
    victim.send_bytes(b"\xf8\x00")
    assert victim.is_closed()
    _still_serving(raw)


def test_huge_announced_word_closes_the_connection(raw, sim):
    victim = rawapi.RawApi(*sim.address())
    victim.send_bytes(b"\xf0\xff\xff\xff\xff" + b"x" * 100)
    assert victim.is_closed()
    _still_serving(raw)


def test_garbage_words_after_login_get_traps_not_crashes(raw):
    replies = raw.command("!re", "=x=y")
    assert replies[-1] == ["!done"]
    replies = raw.command("/ip/address/add", "=address=", "=interface=")
    assert replies[0][0] == "!trap"
    replies = raw.command("/ip/address/print", "?#&x")
    assert replies[0] == ["!trap", "=category=1", "=message=invalid query"]
    _still_serving(raw)


def test_random_bytes_on_tls_port(sim, raw):
    for seed in range(20):
        rng = random.Random(seed)
        _blast(sim.address(tls=True), rng.randbytes(rng.randint(1, 3000)))
    _still_serving(raw)
