"""Real TrueType files made for the font tests from the bundled WenQuanYi face: renamed, legacy or broken."""

from __future__ import annotations

import struct
from collections.abc import Callable
from pathlib import Path

from shizhu_desktop.paths import resources_dir


def face_tables(index: int = 0) -> dict[bytes, bytes]:
    """The tables of face ``index`` of the bundled wqy-microhei.ttc."""
    data = (resources_dir() / "fonts" / "wqy-microhei.ttc").read_bytes()
    offset = struct.unpack(">I", data[12 + 4 * index : 16 + 4 * index])[0]
    count = struct.unpack(">H", data[offset + 4 : offset + 6])[0]
    tables = {}
    for i in range(count):
        tag, _checksum, start, length = struct.unpack(">4sIII", data[offset + 12 + 16 * i : offset + 28 + 16 * i])
        tables[tag] = data[start : start + length]
    return tables


def name_table(family: str, postscript: str, *, gb2312: bool = False) -> bytes:
    """A name table giving ``family`` (IDs 1, 4, 16) and ``postscript`` (ID 6).

    ``gb2312``: stored as old PRC fonts store names (platform 3, encoding 3, GB2312 bytes in 16-bit units),
    with no other record.
    """
    records: list[tuple[int, int, int, int, bytes]] = []
    for name_id in (1, 4, 16):
        if gb2312:
            raw, units, i = family.encode("gbk"), b"", 0
            while i < len(raw):
                if raw[i] < 0x80:
                    units += struct.pack(">H", raw[i])
                    i += 1
                else:
                    units += raw[i : i + 2]
                    i += 2
            records.append((3, 3, 0x0804, name_id, units))
        else:
            records.append((3, 1, 0x0409, name_id, family.encode("utf-16-be")))
    if not gb2312:  # old PRC fonts name themselves in GB2312 only, which reportlab cannot read
        records.append((3, 1, 0x0409, 6, postscript.encode("utf-16-be")))
    head, strings = b"", b""
    for platform, encoding, language, name_id, raw in sorted(records):
        head += struct.pack(">6H", platform, encoding, language, name_id, len(raw), len(strings))
        strings += raw
    return struct.pack(">3H", 0, len(records), 6 + 12 * len(records)) + head + strings


def only_gb2312_cmap(cmap: bytes) -> bytes:
    """The cmap with every encoding record relabelled Windows PRC (3/3): no Unicode map left, as in 仿宋_GB2312."""
    _version, count = struct.unpack(">HH", cmap[:4])
    out = bytearray(cmap)
    for i in range(count):
        struct.pack_into(">HH", out, 4 + 8 * i, 3, 3)
    return bytes(out)


def broken_head(head: bytes) -> bytes:
    """A head table whose magic number is wrong: our name reader reads the file, reportlab refuses it."""
    out = bytearray(head)
    struct.pack_into(">I", out, 12, 0)
    return bytes(out)


def write_font(
    path: Path, family: str, postscript: str, *, gb2312_name: bool = False, change: Callable[[dict[bytes, bytes]], None]
) -> Path:
    """A single-face .ttf: the bundled face's tables, renamed, with ``change`` applied to the table dict."""
    tables = face_tables()
    tables[b"name"] = name_table(family, postscript, gb2312=gb2312_name)
    change(tables)
    tags = sorted(tables)
    header = struct.pack(">4sHHHH", b"\0\1\0\0", len(tags), 0, 0, 0)
    offset = len(header) + 16 * len(tags)
    directory, body = b"", b""
    for tag in tags:
        data = tables[tag]
        directory += struct.pack(">4sIII", tag, 0, offset + len(body), len(data))
        body += data + b"\0" * (-len(data) % 4)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(header + directory + body)
    return path


def unchanged(tables: dict[bytes, bytes]) -> None:
    """No change beyond the new names."""
