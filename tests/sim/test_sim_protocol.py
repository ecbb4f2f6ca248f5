"""API word encoding: the simulator's framing against the table and an independent
encoder (rawapi)."""

import pytest
import rawapi
from routeros_sim.protocol import ProtocolError, SentenceReader, decode_length, encode_length, encode_sentence

BOUNDARIES = [
    (0x00, 1), (0x7F, 1),
    (0x80, 2), (0x3FFF, 2),
    (0x4000, 3), (0x1FFFFF, 3),
    (0x200000, 4), (0xFFFFFFF, 4),
    (0x10000000, 5), (0xFFFFFFFF, 5),
]


@pytest.mark.parametrize("length,size", BOUNDARIES)
def test_fact_word_length_encoding_table(length, size):
    encoded = encode_length(length)
    assert len(encoded) == size
    assert encoded == rawapi.encode_length(length)
    assert decode_length(encoded, 0) == (length, size)


def test_fact_five_byte_length_starts_with_f0():
    assert encode_length(0x10000000)[:1] == b"\xf0"


@pytest.mark.parametrize("control", [0xF8, 0xF9, 0xFC, 0xFF])
def test_fact_reserved_control_byte_is_rejected(control):
    with pytest.raises(ProtocolError):
        SentenceReader().feed(bytes([control, 0, 0, 0, 0]))


@pytest.mark.parametrize("size", [0x7F, 0x80, 0x3FFF, 0x4000, 0x200000])
def test_words_of_every_size_survive_byte_by_byte_feeding(size):
    word = "=comment=" + "x" * (size - 9)
    data = encode_sentence(["/ip/address/print", word])
    assert data == rawapi.sentence("/ip/address/print", word)
    reader = SentenceReader()
    out = []
    step = 1 if size < 0x4000 else 4096
    for i in range(0, len(data), step):
        out += reader.feed(data[i : i + step])
    assert out == [["/ip/address/print", word]]


def test_fact_empty_sentences_are_ignored():
    assert SentenceReader().feed(b"\x00\x00" + rawapi.sentence("/quit") + b"\x00") == [["/quit"]]


def test_non_utf8_bytes_round_trip_unchanged():
    raw = b"=comment=caf\xe9 \xff"
    data = bytes([len(raw)]) + raw + b"\x00"
    (sentence,) = SentenceReader().feed(bytes([len(b"/x")]) + b"/x" + data)
    assert encode_sentence(sentence) == bytes([len(b"/x")]) + b"/x" + data
