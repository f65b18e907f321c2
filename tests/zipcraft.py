"""Writing zip files byte by byte, so that tests can make the ones no zip library would: bombs, lies, tricks."""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Entry:
    """One zip entry. ``data`` is the content; the other fields, when set, override what is written."""

    name: str
    data: bytes = b""
    method: int = 8  # 0 stored, 8 deflated; anything else is written as given
    flags: int = 0
    raw: bytes | None = None  # compressed bytes to write instead of compressing ``data``
    crc: int | None = None
    size: int | None = None  # the declared uncompressed size
    extra: bytes = field(default=b"")

    def compressed(self) -> bytes:
        if self.raw is not None:
            return self.raw
        if self.method == 8:
            compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
            return compressor.compress(self.data) + compressor.flush()
        return self.data


def read_entries(path: Path) -> list[Entry]:
    """The entries of an existing zip (an exported .xlsx), in order, ready to be changed and packed again."""
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return [Entry(info.filename, archive.read(info)) for info in archive.infolist()]


def pack(entries: list[Entry], *, comment: bytes = b"", total: int | None = None) -> bytes:
    """The bytes of a zip holding ``entries``; ``total`` overrides the entry count of the end record."""
    local = bytearray()
    central = bytearray()
    for entry in entries:
        name = entry.name.encode("utf-8")
        body = entry.compressed()
        crc = zlib.crc32(entry.data) if entry.crc is None else entry.crc
        size = len(entry.data) if entry.size is None else entry.size
        flags = entry.flags | 0x800  # names are UTF-8
        offset = len(local)
        local += struct.pack(
            "<IHHHHHIIIHH",
            0x04034B50,
            20,
            flags,
            entry.method,
            0,
            0x21,
            crc,
            len(body),
            size,
            len(name),
            len(entry.extra),
        )
        local += name + entry.extra + body
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50,
            20,
            20,
            flags,
            entry.method,
            0,
            0x21,
            crc,
            len(body),
            size,
            len(name),
            len(entry.extra),
            0,
            0,
            0,
            0,
            offset,
        )
        central += name + entry.extra
    count = len(entries) if total is None else total
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(central), len(local), len(comment))
    return bytes(local + central + end + comment)


def repeated_bomb(prefix: bytes, chunk: bytes, count: int, suffix: bytes) -> tuple[bytes, int, int]:
    """A deflate stream of ``prefix + chunk * count + suffix``, its CRC and its size, made in about a second.

    Compressed with a full flush after each part, the chunk's segment does not depend on what came before, so it
    is compressed once and repeated: 3.2 GB of XML take 3 MB.
    """
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = compressor.compress(prefix) + compressor.flush(zlib.Z_FULL_FLUSH)
    segment = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    tail = compressor.compress(suffix) + compressor.flush()
    crc = zlib.crc32(prefix)
    for _ in range(count):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(suffix, crc)
    return head + segment * count + tail, crc, len(prefix) + len(chunk) * count + len(suffix)
