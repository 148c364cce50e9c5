"""Small real images the tests serve and save (what sniffing and size checks read)."""

from __future__ import annotations

import struct
import zlib


def png(width: int = 4, height: int = 3, seed: int = 0) -> bytes:
    """A valid RGB PNG; ``seed`` shifts its pixels, so two seeds give two different files."""
    raw = b"".join(b"\x00" + bytes((seed + x + y) % 256 for x in range(width * 3))
                   for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2,
                                                               0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
