"""Reads family names, embedding rights and outline kind from TrueType files, without loading them whole."""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

#: OS/2 fsType: 0x0002 "restricted licence embedding", 0x0100 "no subsetting", 0x0200 "bitmap only" — reportlab
#: refuses all three (and a PDF must not carry such a font anyway).
_FS_RESTRICTED, _FS_NO_SUBSET_OR_BITMAP = 0x0002, 0x0300
_NAME_IDS = (1, 4, 16)  # family, full name, typographic family


@dataclass(frozen=True)
class FaceInfo:
    """One face of a font file: where it is, what it is called, and whether a PDF may embed it."""

    path: Path
    index: int
    names: tuple[str, ...]
    embeddable: bool
    truetype: bool
    #: The face maps Unicode to glyphs (cmap 3/1, 3/10 or 0/x). Old PRC fonts (仿宋_GB2312 and kin) map GB2312
    #: codes only (3/3): reportlab reads such a map as if it were Unicode and cannot draw with it.
    unicode_cmap: bool = True


def read_faces(path: Path) -> list[FaceInfo]:
    """Every face in a .ttf/.ttc file; an unreadable or malformed file gives an empty list."""
    try:
        with path.open("rb") as stream:
            head = stream.read(12)
            if head[:4] == b"ttcf":
                count = struct.unpack(">I", head[8:12])[0]
                offsets = struct.unpack(f">{count}I", stream.read(4 * count)) if count < 256 else ()
            else:
                offsets = (0,)
            return [_face(stream, path, i, offset) for i, offset in enumerate(offsets)]
    except (OSError, struct.error, ValueError):
        return []


def _face(stream: BinaryIO, path: Path, index: int, offset: int) -> FaceInfo:
    stream.seek(offset)
    version, num_tables = struct.unpack(">4sH", stream.read(6))
    stream.seek(offset + 12)
    tables: dict[bytes, tuple[int, int]] = {}
    for _ in range(num_tables):
        tag, _checksum, table_offset, length = struct.unpack(">4sIII", stream.read(16))
        tables[tag] = (table_offset, length)
    # CFF outlines (version b"OTTO") cannot be embedded by reportlab: only "glyf" TrueType faces are usable.
    truetype = version != b"OTTO" and b"glyf" in tables and b"CFF " not in tables
    embeddable = True
    if b"OS/2" in tables:
        stream.seek(tables[b"OS/2"][0] + 8)
        fs_type = struct.unpack(">H", stream.read(2))[0]
        embeddable = not (fs_type == _FS_RESTRICTED or fs_type & _FS_NO_SUBSET_OR_BITMAP)
    names = _names(stream, *tables[b"name"]) if b"name" in tables else ()
    unicode_cmap = b"cmap" in tables and _has_unicode_cmap(stream, tables[b"cmap"][0])
    return FaceInfo(path, index, names, embeddable, truetype, unicode_cmap)


def _has_unicode_cmap(stream: BinaryIO, table_offset: int) -> bool:
    stream.seek(table_offset)
    _version, count = struct.unpack(">HH", stream.read(4))
    for _ in range(min(count, 64)):
        platform, encoding, _offset = struct.unpack(">HHI", stream.read(8))
        # Windows Unicode BMP (3/1) or full repertoire (3/10); Unicode platform except variation sequences (0/5).
        if (platform == 3 and encoding in (1, 10)) or (platform == 0 and encoding != 5):
            return True
    return False


def _names(stream: BinaryIO, table_offset: int, length: int) -> tuple[str, ...]:
    stream.seek(table_offset)
    data = stream.read(length)
    _format, count, string_offset = struct.unpack(">HHH", data[:6])
    found: list[str] = []
    for i in range(count):
        platform, encoding, _language, name_id, size, offset = struct.unpack(">6H", data[6 + 12 * i : 18 + 12 * i])
        if name_id not in _NAME_IDS:
            continue
        raw = data[string_offset + offset : string_offset + offset + size]
        text = _decode(platform, encoding, raw)
        if text and text not in found:
            found.append(text)
    return tuple(found)


def _decode(platform: int, encoding: int, raw: bytes) -> str:
    try:
        if platform == 3 and encoding == 3:
            # Old PRC fonts (仿宋_GB2312 and kin) store GB2312 bytes in 16-bit units, high byte 0 for ASCII.
            units = struct.unpack(f">{len(raw) // 2}H", raw[: len(raw) // 2 * 2])
            packed = b"".join(bytes([u]) if u < 0x100 else struct.pack(">H", u) for u in units)
            return packed.decode("gbk").strip("\x00 ")
        if platform in (0, 3):
            return raw.decode("utf-16-be").strip("\x00 ")
        if platform == 1 and encoding == 0:
            return raw.decode("mac_roman").strip("\x00 ")
        if platform == 1 and encoding == 25:  # Mac simplified Chinese
            return raw.decode("gb2312").strip("\x00 ")
    except (UnicodeDecodeError, struct.error):
        return ""
    return ""


def normalized(name: str) -> str:
    """A family name compared loosely: case, spaces, hyphens and underscores do not matter."""
    return "".join(ch for ch in name.casefold() if ch not in " -_")
