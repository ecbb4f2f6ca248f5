"""api-ssl as a v6 router serves it: anonymous Diffie-Hellman only while certificate=none, ordinary
TLS with the certificate once /ip service names an installed one; the /certificate menu."""

import socket
import ssl

import librouteros
import pytest
from librouteros.exceptions import TrapError


def anonymous_client(sim):
    """What community.routeros's force_no_cert does: ADH ciphers, TLS 1.2 at most, no verification."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    context.set_ciphers("ADH:@SECLEVEL=0")
    context.maximum_version = ssl.TLSVersion.TLSv1_2
    return sim.api(tls=True, timeout=5, ssl_wrapper=context.wrap_socket)


def test_without_a_certificate_verified_tls_fails_and_anonymous_tls_works(sim, api):
    assert [s["certificate"] for s in api.path("/ip/service") if s["name"] == "api-ssl"] == ["none"]
    with pytest.raises(ssl.SSLError) as info:
        sim.api(tls=True, timeout=5)
    assert "handshake failure" in str(info.value)
    secure = anonymous_client(sim)
    try:
        assert secure.protocol.transport.sock.cipher()[0].startswith("ADH-")
        assert sorted(r["via"] for r in secure.path("/user/active")) == ["api", "api-ssl"]
    finally:
        secure.close()


def test_installed_certificate_serves_ordinary_tls(sim, api):
    api.path("/sim/certificate").add(name="api")
    (cert,) = api.path("/certificate")
    assert cert["name"] == "api" and cert["common-name"] == "127.0.0.1" and cert["private-key"] is True
    assert len(cert["fingerprint"]) == 64
    # Installed but not named by the service: still anonymous.
    with pytest.raises(ssl.SSLError):
        sim.api(tls=True, timeout=5)
    tuple(api("/ip/service/set", **{".id": "api-ssl", "certificate": "api"}))
    secure = sim.api(tls=True)
    try:
        assert secure.protocol.transport.sock.version() in ("TLSv1.2", "TLSv1.3")
        assert list(secure("/system/identity/print")) == [{"name": "MikroTik"}]
    finally:
        secure.close()


def test_service_certificate_must_name_an_installed_one(sim, api):
    with pytest.raises(TrapError) as info:
        tuple(api("/ip/service/set", **{".id": "api-ssl", "certificate": "nope"}))
    assert info.value.message == "input does not match any value of certificate"
    tuple(api("/ip/service/set", **{".id": "api-ssl", "certificate": "none"}))


def test_renamed_certificate_stays_in_use_and_removing_it_means_anonymous_again(sim, api):
    sim.install_certificate(name="api")
    tuple(api("/certificate/set", **{".id": "api", "name": "router-cert"}))
    assert [s["certificate"] for s in api.path("/ip/service") if s["name"] == "api-ssl"] == ["router-cert"]
    sim.api(tls=True).close()
    tuple(api("/certificate/remove", **{".id": "router-cert"}))
    with pytest.raises(ssl.SSLError):
        sim.api(tls=True, timeout=5)


def test_certificate_add_needs_a_new_name(sim, api):
    api.path("/sim/certificate").add(name="api")
    with pytest.raises(TrapError) as info:
        api.path("/sim/certificate").add(name="api")
    assert info.value.message == "failure: already have such entry"


def test_reset_removes_the_certificate(sim, api):
    sim.install_certificate()
    sim.reset()
    assert list(api.path("/certificate")) == []
    with pytest.raises((ssl.SSLError, socket.timeout, librouteros.exceptions.LibRouterosError)):
        sim.api(tls=True, timeout=5)


def test_tls_name_makes_the_certificate_for_those_names_only(routeros_sim_factory):
    """--tls-name: a certificate made for the router's DNS name, which a client connecting to 127.0.0.1 refuses."""
    sim = routeros_sim_factory("--tls-name", "router.example")
    sim.install_certificate()
    (cert,) = sim.control(0, "/certificate/print")
    assert cert["common-name"] == "router.example"
    with pytest.raises(ssl.SSLCertVerificationError) as info:
        sim.api(tls=True, timeout=5)
    assert "mismatch" in info.value.verify_message
