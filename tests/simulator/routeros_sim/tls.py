"""api-ssl: a throw-away CA and server certificate generated at start with ``cryptography``, and
the TLS layer of one connection.

A v6 router whose api-ssl has ``certificate=none`` offers only anonymous Diffie-Hellman ciphers
(TLS 1.2 at most), so a client that verifies certificates fails its handshake; once the service
names an installed certificate it serves ordinary TLS with it. Each connection picks its context
when it is accepted (``ServerTls.context``).
"""

from __future__ import annotations

import datetime
import hashlib
import ipaddress
import os
import ssl
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


# RFC 7919 group ffdhe2048: the anonymous ciphers need Diffie-Hellman parameters.
FFDHE2048 = b"""-----BEGIN DH PARAMETERS-----
MIIBCAKCAQEA//////////+t+FRYortKmq/cViAnPTzx2LnFg84tNpWp4TZBFGQz
+8yTnc4kmz75fS/jY2MMddj2gbICrsRhetPfHtXV/WVhJDP1H18GbtCFY2VVPe0a
87VXE15/V8k1mE8McODmi3fipona8+/och3xWKE2rec1MKzKT0g6eXq8CrGCsyT7
YdEIqUuyyOP7uWrat2DX9GgdT0Kj3jlN9K5W7edjcrsZCwenyO4KbXCeAvzhzffi
7MA0BM0oNC9hkXL+nOmFg/+OTxIy7vKBg8P+OxtMb61zO7X8vC7CIAXFjvGDfRaD
ssbzSibBsu/6iGtCOGEoXJf//////////wIBAg==
-----END DH PARAMETERS-----
"""
ANONYMOUS_CIPHERS = "ADH:@SECLEVEL=0"


@dataclass
class ServerTls:
    """The two server contexts and the ``/certificate`` row of the generated server certificate."""

    certified: ssl.SSLContext
    anonymous: ssl.SSLContext
    entry: dict[str, str]

    def context(self, has_certificate: bool) -> ssl.SSLContext:
        return self.certified if has_certificate else self.anonymous


class TlsLayer:
    """Server-side TLS of one connection over memory buffers, so the session decides when the
    handshake starts (never, for a connection the firewall drops) and what a failed handshake
    sends (the alert, then close)."""

    def __init__(self, context: ssl.SSLContext) -> None:
        self.incoming = ssl.MemoryBIO()
        self.outgoing = ssl.MemoryBIO()
        self.tls = context.wrap_bio(self.incoming, self.outgoing, server_side=True)
        self.ready = False

    def receive(self, data: bytes) -> bytes:
        """Plain bytes from ``data``; raises ssl.SSLError when the handshake fails or the peer
        closed TLS. Whatever is to be sent back waits in ``pending()``."""
        self.incoming.write(data)
        if not self.ready:
            try:
                self.tls.do_handshake()
            except ssl.SSLWantReadError:
                return b""
            self.ready = True
        plain = b""
        while True:
            try:
                chunk = self.tls.read(65536)
            except ssl.SSLWantReadError:
                return plain
            if not chunk:
                raise ssl.SSLZeroReturnError("TLS closed by the peer")
            plain += chunk

    def send(self, data: bytes) -> bytes:
        self.tls.write(data)
        return self.pending()

    def pending(self) -> bytes:
        return self.outgoing.read()


def _v6_time(when: datetime.datetime) -> str:
    return when.strftime("%b/%d/%Y %H:%M:%S").lower()


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def generate(directory: str, hosts: list[str]) -> tuple[ServerTls, str]:
    """Write ``ca.pem``, ``server.pem``, ``server.key`` and ``dh.pem`` into ``directory``; return
    the server contexts and the CA path. ``hosts`` (addresses or names) are the certificate's SAN, the first its
    common name."""
    now = datetime.datetime.now(datetime.timezone.utc)
    start, end = now - datetime.timedelta(days=1), now + datetime.timedelta(days=3650)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(_name("routeros-sim CA"))
        .issuer_name(_name("routeros-sim CA"))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    names: list[x509.GeneralName] = []
    for host in dict.fromkeys(hosts):
        try:
            names.append(x509.IPAddress(ipaddress.ip_address(host)))
        except ValueError:
            names.append(x509.DNSName(host))
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(hosts[0] if hosts else "localhost"))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.SubjectAlternativeName(names), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    pem = serialization.Encoding.PEM
    ca_path = os.path.join(directory, "ca.pem")
    cert_path = os.path.join(directory, "server.pem")
    key_path = os.path.join(directory, "server.key")
    with open(ca_path, "wb") as f:
        f.write(ca_cert.public_bytes(pem))
    with open(cert_path, "wb") as f:
        f.write(cert.public_bytes(pem) + ca_cert.public_bytes(pem))
    with open(os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as f:
        f.write(key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    dh_path = os.path.join(directory, "dh.pem")
    with open(dh_path, "wb") as f:
        f.write(FFDHE2048)
    certified = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    certified.load_cert_chain(cert_path, key_path)
    anonymous = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    anonymous.set_ciphers(ANONYMOUS_CIPHERS)
    anonymous.maximum_version = ssl.TLSVersion.TLSv1_2
    anonymous.load_dh_params(dh_path)
    entry = {
        "common-name": cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value,
        "issuer": "CN=routeros-sim CA",
        "fingerprint": hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest(),
        "invalid-before": _v6_time(start),
        "invalid-after": _v6_time(end),
        "private-key": "true",
    }
    return ServerTls(certified, anonymous, entry), os.path.abspath(ca_path)
