"""A raw socket RouterOS API client written from the API manual, independent of the simulator's
own protocol code, so tests can check the wire format and send broken streams."""

from __future__ import annotations

import socket


def encode_length(n: int) -> bytes:
    if n < 0x80:
        return bytes([n])
    if n < 0x4000:
        return (n | 0x8000).to_bytes(2, "big")
    if n < 0x200000:
        return (n | 0xC00000).to_bytes(3, "big")
    if n < 0x10000000:
        return (n | 0xE0000000).to_bytes(4, "big")
    return b"\xf0" + n.to_bytes(4, "big")


def sentence(*words: str) -> bytes:
    out = b""
    for word in words:
        raw = word.encode("utf-8")
        out += encode_length(len(raw)) + raw
    return out + b"\x00"


class RawApi:
    def __init__(self, host: str, port: int, timeout: float = 5.0, source: str | None = None) -> None:
        self.sock = socket.create_connection((host, port), timeout=timeout, source_address=(source, 0) if source else None)
        self.buf = b""

    def close(self) -> None:
        self.sock.close()

    def send(self, *words: str) -> None:
        self.sock.sendall(sentence(*words))

    def send_bytes(self, data: bytes) -> None:
        self.sock.sendall(data)

    def _read(self, n: int) -> bytes:
        while len(self.buf) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("closed by peer")
            self.buf += chunk
        data, self.buf = self.buf[:n], self.buf[n:]
        return data

    def read_length(self) -> int:
        first = self._read(1)[0]
        if first < 0x80:
            return first
        if first < 0xC0:
            return ((first << 8) | self._read(1)[0]) ^ 0x8000
        if first < 0xE0:
            return int.from_bytes(bytes([first]) + self._read(2), "big") ^ 0xC00000
        if first < 0xF0:
            return int.from_bytes(bytes([first]) + self._read(3), "big") ^ 0xE0000000
        return int.from_bytes(self._read(4), "big")

    def read_sentence(self) -> list[str]:
        words = []
        while True:
            n = self.read_length()
            if n == 0:
                return words
            words.append(self._read(n).decode("utf-8", "replace"))

    def command(self, *words: str) -> list[list[str]]:
        """Send one untagged command and return its reply sentences up to ``!done``."""
        self.send(*words)
        replies = []
        while True:
            reply = self.read_sentence()
            replies.append(reply)
            if reply[0] in ("!done", "!fatal"):
                return replies

    def login(self, name: str = "admin", password: str = "") -> None:
        assert self.command("/login", f"=name={name}", f"=password={password}") == [["!done"]]

    def is_closed(self, timeout: float = 5.0) -> bool:
        self.sock.settimeout(timeout)
        try:
            return self.sock.recv(1) == b""
        except ConnectionResetError:
            return True


def rows(replies: list[list[str]]) -> list[dict[str, str]]:
    """The ``!re`` sentences as dicts."""
    out = []
    for reply in replies:
        if reply[0] == "!re":
            out.append(dict(word[1:].split("=", 1) for word in reply[1:] if word.startswith("=")))
    return out
