"""
Tiny real audio files, written by hand in a few lines rather than with an encoder: the
demo's podcast episode and the tests' uploads. They are silent (their frames hold zeros),
but every reader, mutagen included, finds their format and length in them.
"""

import struct

# An MPEG-1 Layer III frame header: 32 kbit/s (small files), 44.1 kHz, joint stereo, no
# CRC, no padding. Such a frame is 144 * 32000 / 44100 = 104 bytes.
MP3_HEADER = bytes.fromhex("FFFB1064")
MP3_FRAME = 104
MP3_BYTES_PER_SECOND = 32000 // 8


def mp3_bytes(seconds: float = 1.0) -> bytes:
    """
    Return an MP3 of `seconds` of silence (at least one frame), as readers measure a
    constant bit rate file without a header of its length: its size over its bit rate.
    """
    frames = max(1, round(seconds * MP3_BYTES_PER_SECOND / MP3_FRAME))
    return (MP3_HEADER + bytes(MP3_FRAME - len(MP3_HEADER))) * frames


def _box(kind: bytes, *payload: bytes) -> bytes:
    body = b"".join(payload)
    return struct.pack(">I", 8 + len(body)) + kind + body


def _full_box(kind: bytes, version_flags: int, *payload: bytes) -> bytes:
    return _box(kind, struct.pack(">I", version_flags), *payload)


def m4a_bytes(seconds: int = 3, *, sound: bool = True) -> bytes:
    """
    Return an MP4 file (M4A) with one AAC audio track of `seconds`, and no samples: the
    boxes a reader looks at to learn what it is. sound=False makes the track a video one.
    """
    rate = 44100
    handler = b"soun" if sound else b"vide"
    mdhd = _full_box(b"mdhd", 0, struct.pack(">IIIIHH", 0, 0, rate, rate * seconds, 0x55C4, 0))
    hdlr = _full_box(b"hdlr", 0, struct.pack(">I4s12s", 0, handler, bytes(12)), b"Sound\x00")
    # The AAC decoder's configuration (an ES descriptor): AAC LC, 44.1 kHz, stereo.
    config = bytes([0x05, 2, 0x12, 0x10])
    decoder = bytes([0x04, 13 + len(config), 0x40, 0x15]) + bytes(11) + config
    esds = _full_box(b"esds", 0, bytes([0x03, 3 + len(decoder) + 3, 0, 1, 0]), decoder,
                     bytes([0x06, 1, 0x02]))  # fmt: skip
    # An AudioSampleEntry: reserved, data reference, reserved, 2 channels, 16 bits, rate.
    entry = _box(b"mp4a", bytes(6), struct.pack(">H", 1), bytes(8),
                 struct.pack(">HHHHI", 2, 16, 0, 0, rate << 16), esds)  # fmt: skip
    stsd = _full_box(b"stsd", 0, struct.pack(">I", 1), entry)
    stbl = _box(b"stbl", stsd)
    minf = _box(b"minf", stbl)
    mdia = _box(b"mdia", mdhd, hdlr, minf)
    mvhd = _full_box(b"mvhd", 0, struct.pack(">IIII", 0, 0, rate, rate * seconds), bytes(80))
    moov = _box(b"moov", mvhd, _box(b"trak", mdia))
    ftyp = _box(b"ftyp", b"M4A ", struct.pack(">I", 0), b"M4A isommp42")
    return ftyp + moov
