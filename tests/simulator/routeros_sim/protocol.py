"""RouterOS API framing: length-prefixed words grouped into zero-terminated sentences.

Words travel as bytes. They are decoded as UTF-8 with ``surrogateescape`` so that any byte sequence
(latin-1 comments, garbage from a fuzzer) survives a round trip unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable

# A sentence larger than this is treated as an attack or a corrupt stream: the session is closed
# instead of buffering gigabytes that a 5-byte length prefix could announce.
MAX_SENTENCE_BYTES = 16 * 1024 * 1024


class ProtocolError(Exception):
    """The peer sent bytes that are not a valid API stream; the session must be closed."""


def encode_length(length: int) -> bytes:
    if length < 0x80:
        return length.to_bytes(1, "big")
    if length < 0x4000:
        return (length | 0x8000).to_bytes(2, "big")
    if length < 0x200000:
        return (length | 0xC00000).to_bytes(3, "big")
    if length < 0x10000000:
        return (length | 0xE0000000).to_bytes(4, "big")
    if length <= 0xFFFFFFFF:
        return b"\xf0" + length.to_bytes(4, "big")
    raise ValueError(f"word too long: {length} bytes")


def decode_length(data: bytes | bytearray, pos: int) -> tuple[int, int] | None:
    """Decode the length prefix at ``pos``; return (length, position after prefix), or None if the
    prefix is not complete yet. A reserved control byte (>= 0xF8) raises ProtocolError."""
    first = data[pos]
    if first < 0x80:
        return first, pos + 1
    if first < 0xC0:
        size, mask = 2, 0x8000
    elif first < 0xE0:
        size, mask = 3, 0xC00000
    elif first < 0xF0:
        size, mask = 4, 0xE0000000
    elif first == 0xF0:
        if len(data) < pos + 5:
            return None
        return int.from_bytes(data[pos + 1 : pos + 5], "big"), pos + 5
    else:
        raise ProtocolError(f"reserved control byte 0x{first:02x}")
    if len(data) < pos + size:
        return None
    return int.from_bytes(data[pos : pos + size], "big") ^ mask, pos + size


# Most words are short: their one-byte prefixes are precomputed (encoding is the hot path).
_SHORT_PREFIX = tuple(bytes((n,)) for n in range(0x80))


def encode_sentence(words: Iterable[str]) -> bytes:
    out = []
    for word in words:
        raw = word.encode("utf-8", "surrogateescape")
        size = len(raw)
        out.append(_SHORT_PREFIX[size] if size < 0x80 else encode_length(size))
        out.append(raw)
    out.append(b"\x00")
    return b"".join(out)


def decode_word(raw: bytes) -> str:
    return raw.decode("utf-8", "surrogateescape")


class SentenceReader:
    """Incremental parser: feed it whatever the socket delivered, get back complete sentences."""

    def __init__(self) -> None:
        self._buffer = bytearray()
        self._words: list[str] = []

    def feed(self, data: bytes) -> list[list[str]]:
        self._buffer += data
        buf = self._buffer
        sentences: list[list[str]] = []
        pos = 0
        while pos < len(buf):
            decoded = decode_length(buf, pos)
            if decoded is None:
                break
            length, start = decoded
            if length == 0:
                pos = start
                if self._words:
                    sentences.append(self._words)
                    self._words = []
                continue
            if length > MAX_SENTENCE_BYTES:
                raise ProtocolError(f"word of {length} bytes exceeds the sentence limit")
            end = start + length
            if end > len(buf):
                break
            self._words.append(decode_word(bytes(buf[start:end])))
            pos = end
        if sum(len(word) for word in self._words) > MAX_SENTENCE_BYTES:
            raise ProtocolError("sentence exceeds the size limit")
        del buf[:pos]
        return sentences
