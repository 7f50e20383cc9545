import struct

from kfield.net import pmtu


def ip_header() -> bytes:
    return bytes([0x45]) + bytes(19)


def test_echo_has_the_size_asked_and_a_valid_checksum():
    packet = pmtu.echo(7, 3, 1500)
    assert len(packet) + 20 == 1500
    assert pmtu.checksum(packet) == 0


def test_classify_reply_frag_needed_and_others():
    reply = ip_header() + struct.pack("!BBHHH", 0, 0, 0, 7, 3)
    assert pmtu._classify(reply, 7, 3) == ("reply", None)
    assert pmtu._classify(reply, 7, 4) is None
    frag = ip_header() + struct.pack("!BBHHH", 3, 4, 0, 0, 1400)
    assert pmtu._classify(frag, 7, 3) == ("frag_needed", 1400)
    assert pmtu._classify(ip_header() + struct.pack("!BBHHH", 11, 0, 0, 0, 0), 7, 3) is None


def test_summary_black_hole_versus_reported_mtu():
    hole = pmtu._summarise("t", {1500: ("silent", None), 1492: ("silent", None), 1200: ("reply", None)})
    assert hole.black_hole and hole.largest_ok == 1200 and hole.silent_sizes == (1492, 1500)
    told = pmtu._summarise("t", {1500: ("frag_needed", 1400), 1400: ("reply", None)})
    assert not told.black_hole and told.reported == 1400
    local = pmtu._summarise("t", {1500: ("too_big", None), 1400: ("reply", None)})
    assert not local.black_hole and local.reported == 1400
    clean = pmtu._summarise("t", {1500: ("reply", None)})
    assert not clean.black_hole and clean.largest_ok == 1500
