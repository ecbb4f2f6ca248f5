"""API login by version (MikroTik API manual, Login; librouteros's login methods).

Before 6.43 only challenge/response works (a plain ``=name= =password=`` login there is answered
with a challenge and logs nothing in); 6.43 up to 6.45.0 accept both; from 6.45.1 only the plain
login. A bare ``/login`` on 6.45.1+ answers ``!done`` without a
challenge (the choice that makes RouterOS-api's non-plaintext login fail later with "not logged
in", as field reports describe).
"""

from __future__ import annotations

import hashlib
import ipaddress
import secrets
from typing import TYPE_CHECKING

from .errors import Trap

if TYPE_CHECKING:
    from .router import Router

PLAIN_SINCE = (6, 43)
CHALLENGE_BEFORE = (6, 45, 1)

# Answer to any command but /login before a successful login. RouterOS-api users report this
# text; the exact v6 wording is otherwise not verified.
NOT_LOGGED_IN = "not logged in"


def bad_credentials(router: Router) -> Trap:
    if router.version < PLAIN_SINCE:
        return Trap("cannot log in")
    return Trap("invalid user name or password (6)")


def _raw(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")


def challenge_response(password: str, challenge: bytes) -> str:
    return "00" + hashlib.md5(b"\x00" + _raw(password) + challenge).hexdigest()


class Login:
    """Login state of one session."""

    def __init__(self, router: Router, address: str) -> None:
        self.router = router
        self.address = address
        self.challenge: bytes | None = None

    def handle(self, attrs: dict[str, str]) -> tuple[str | None, dict[str, str]]:
        """Return (user name if logged in now, attributes of the ``!done`` reply) or raise Trap."""
        version = self.router.version
        plain_ok = version >= PLAIN_SINCE
        challenge_ok = version < CHALLENGE_BEFORE
        if "name" not in attrs or ("response" not in attrs and not plain_ok):
            # Before 6.43 a /login without a response is the first step whatever else it carries:
            # a plain =name= =password= login gets a challenge and the session stays logged out.
            if not challenge_ok:
                return None, {}
            self.challenge = secrets.token_bytes(16)
            return None, {"ret": self.challenge.hex()}
        name = attrs["name"]
        if self.router.faults.refuse_login:
            raise bad_credentials(self.router)
        user = self._user(name)
        if user is not None and "password" in attrs and plain_ok:
            if password_matches(user, attrs["password"]):
                return name, {}
        elif user is not None and "response" in attrs and challenge_ok and self.challenge is not None:
            expected = challenge_response(user.get("password", ""), self.challenge)
            self.challenge = None
            if secrets.compare_digest(_raw(attrs["response"].lower()), _raw(expected)):
                return name, {}
        raise bad_credentials(self.router)

    def _user(self, name: str) -> dict | None:
        return user_for(self.router, name, self.address)


def password_matches(user: dict, password: str) -> bool:
    return secrets.compare_digest(_raw(password), _raw(user.get("password", "")))


def user_for(router: Router, name: str, address: str) -> dict | None:
    """The enabled user ``name`` that may log in from ``address`` (``/user address=``), for every service."""
    for user in router.items("/user"):
        if user.get("name") != name or user.get("disabled") == "true":
            continue
        allowed = user.get("address", "")
        if allowed and not _address_in(address, allowed):
            return None
        return user
    return None


def _address_in(address: str, networks: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return any(ip in ipaddress.ip_network(n, strict=False) for n in networks.split(",") if n)


def _service(router: Router, name: str) -> dict:
    return next((entry for entry in router.items("/ip/service") if entry.get("name") == name), {})


def service_allows(router: Router, service: str, address: str) -> bool:
    """Whether ``/ip service`` lets a new connection from ``address`` in. The listening port is
    fixed at start: changing ``port`` is stored and printed but does not move the listener."""
    entry = _service(router, service)
    if not entry or entry.get("disabled") == "true":
        return False
    allowed = entry.get("address", "")
    return not allowed or _address_in(address, allowed)


def service_port(router: Router, service: str) -> int:
    """The port the firewall sees a connection to ``service`` arrive on."""
    return int(_service(router, service).get("port", "0"))


def service_certified(router: Router, service: str) -> bool:
    """Whether ``certificate=`` of ``service`` names an installed certificate with its private
    key (else api-ssl offers anonymous TLS only)."""
    name = _service(router, service).get("certificate", "none")
    return any(c.get("name") == name and c.get("private-key") == "true" for c in router.items("/certificate"))
