"""The second gate for an .xlsx: its zip directory and package parts, checked before any sheet is parsed."""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from collections.abc import Collection
from typing import BinaryIO
from xml.etree import ElementTree

from shizhu_desktop.interchange.payload import PayloadError

#: Our workbooks have about 15 parts and 2 MB of XML at most; Excel or WPS saving one again adds a few parts.
MAX_ENTRIES = 200
MAX_TOTAL_UNCOMPRESSED = 24 * 1024 * 1024
MAX_ENTRY_UNCOMPRESSED = 16 * 1024 * 1024
#: XML shrinks 5–20 times in a zip; a part that inflates a hundredfold more than that is a zip bomb.
MAX_RATIO = 200
_RATIO_FLOOR = 256 * 1024  # small parts (styles of empty sheets) may compress better; they cannot hurt
MAX_SHEETS = 12
_MAX_WORKBOOK_XML = 1024 * 1024
_CHUNK = 256 * 1024

_AGAIN = "请让填报单位用本程序重新导出后，直接发送导出的原文件。"
#: Parts that run code or reach outside the file: macros, ActiveX, embedded objects, external links, queries.
_FORBIDDEN = re.compile(
    r"(vbaproject|/macrosheets/|/dialogsheets/|/externallinks/|/activex/|/embeddings/|/querytables/"
    r"|connections\.xml$|^customui/|\.bin$)",
)
_ALLOWED_BIN = re.compile(r"^xl/printersettings/printersettings\d+\.bin$")
_DTD = re.compile(rb"<!(doctype|entity)", re.IGNORECASE)
_EXTERNAL = re.compile(rb"targetmode\s*=\s*[\"']external", re.IGNORECASE)
_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_EOCD = b"PK\x05\x06"


def refused(reason: str, code: str = "container") -> PayloadError:
    # The advice is added by check_xlsx_container (a report and a task list come from different senders).
    return PayloadError(code, f"{reason}，不能导入。")


def check_xlsx_container(
    stream: BinaryIO,
    allowed_sheets: Collection[str] | None = None,
    *,
    max_total: int = MAX_TOTAL_UNCOMPRESSED,
    again: str = _AGAIN,
) -> None:
    """Check an .xlsx's zip directory and package parts; raise :class:`PayloadError` for anything not ours.

    Entry count, sizes, compression ratio and names are read from the zip directory before anything is
    inflated; then each XML part is inflated in chunks (never all at once) to refuse DTDs and external targets;
    finally the workbook's sheet list must name only ``allowed_sheets`` (when given). ``max_total`` lowers the
    uncompressed budget for a reader that loads the whole workbook at once; ``again`` is the advice appended.
    """
    try:
        _check(stream, allowed_sheets, max_total)
    except PayloadError as exc:
        raise PayloadError(exc.code, exc.message + again) from None


def _check(stream: BinaryIO, allowed_sheets: Collection[str] | None, max_total: int) -> None:
    _check_entry_count(stream)
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, struct.error, KeyError):
        raise refused("这不是有效的 Excel 文件（.xlsx），或文件已损坏", "not_xlsx") from None
    with archive:
        infos = archive.infolist()
        _check_directory(infos, max_total)
        for info in infos:
            if info.filename.lower().endswith((".xml", ".rels", ".vml")):
                _scan_part(archive, info)
        _check_sheets(archive, allowed_sheets)


def _check_entry_count(stream: BinaryIO) -> None:
    # The end-of-directory record says how many entries follow: refuse a huge directory before reading it.
    stream.seek(0, 2)
    size = stream.tell()
    tail_size = min(size, 65_557)  # the record (22 bytes) plus the longest comment
    stream.seek(size - tail_size)
    tail = stream.read(tail_size)
    stream.seek(0)
    at = tail.rfind(_EOCD)
    if at < 0 or len(tail) - at < 22:
        raise refused("这不是有效的 Excel 文件（.xlsx），或文件不完整、已损坏", "not_xlsx")
    disk, _start_disk, _here, total = struct.unpack("<HHHH", tail[at + 4 : at + 12])
    if disk != 0:
        raise refused("文件是分卷压缩包的一部分，不是 Excel 文件", "not_xlsx")
    if total > MAX_ENTRIES:
        raise refused(f"文件包含 {total} 个部件，远多于 Excel 报表应有的数量")


def _check_directory(infos: list[zipfile.ZipInfo], max_total: int) -> None:
    if len(infos) > MAX_ENTRIES:
        raise refused(f"文件包含 {len(infos)} 个部件，远多于 Excel 报表应有的数量")
    names: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        _check_name(name)
        lowered = name.lower()
        if lowered in names:
            raise refused(f"文件中有两个同名的部件“{name[:60]}”（文件被篡改过）")
        names.add(lowered)
        if info.flag_bits & 0x1:
            raise refused("文件设置了密码（加密）", "encrypted")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise refused("文件使用了 Excel 不用的压缩方式")
        if _FORBIDDEN.search(lowered) and not _ALLOWED_BIN.match(lowered):
            raise refused(f"文件中含有宏、控件、嵌入对象或外部链接（{name[:60]}），可能带有病毒", "macro")
        if info.file_size > MAX_ENTRY_UNCOMPRESSED:
            raise refused(f"文件中的“{name[:60]}”解压后有 {info.file_size // 1024 // 1024} MB，远大于报表应有的大小")
        ratio = info.file_size // max(info.compress_size, 1)
        if info.file_size > _RATIO_FLOOR and ratio > MAX_RATIO:
            raise refused(f"文件中的“{name[:60]}”压缩比异常（{ratio} 倍），是一个“压缩炸弹”")
        total += info.file_size
    if total > max_total:
        raise refused(f"文件解压后共有 {total // 1024 // 1024} MB，远大于报表应有的大小")
    for required in ("[content_types].xml", "xl/workbook.xml"):
        if required not in names:
            raise refused("这不是 Excel 工作簿（缺少工作簿的必要部分）", "not_xlsx")


def _check_name(name: str) -> None:
    bad = (
        not name
        or name.startswith(("/", "\\"))
        or "\\" in name
        or re.match(r"^[A-Za-z]:", name) is not None
        or ".." in name.split("/")
        or any(ord(ch) < 32 for ch in name)
    )
    if bad:
        raise refused(f"文件中有异常的部件名“{name[:60]!s}”（绝对路径或“..”），文件被篡改过")


def _scan_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Inflate one XML part in chunks: no DTD (entity bombs), no external target; CRC checked by zipfile."""
    tail = b""
    try:
        with archive.open(info) as part:
            while chunk := part.read(_CHUNK):
                window = tail + chunk
                if _DTD.search(window):
                    raise refused(f"文件中的“{info.filename[:60]}”含有文档类型定义（DTD），Excel 报表不会有")
                if info.filename.lower().endswith(".rels") and _EXTERNAL.search(window):
                    raise refused("文件中含有指向外部文件或网址的链接", "external_link")
                tail = window[-64:]
    except PayloadError:
        raise
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError, RuntimeError):
        raise refused(f"文件已损坏（“{info.filename[:60]}”无法解压）", "not_xlsx") from None


def _check_sheets(archive: zipfile.ZipFile, allowed: Collection[str] | None) -> None:
    info = next(i for i in archive.infolist() if i.filename.lower() == "xl/workbook.xml")
    if info.file_size > _MAX_WORKBOOK_XML:
        raise refused("工作簿的目录部分大得异常")
    try:
        root = ElementTree.fromstring(archive.read(info))
    except (ElementTree.ParseError, ValueError, zipfile.BadZipFile, zlib.error, OSError):
        raise refused("工作簿的目录部分已损坏", "not_xlsx") from None
    sheets = [s.get("name", "") for s in root.iter(f"{_MAIN_NS}sheet")]
    if len(sheets) > MAX_SHEETS:
        raise refused(f"文件有 {len(sheets)} 个工作表，远多于报表应有的数量")
    if allowed is not None:
        extra = [name for name in sheets if name not in allowed]
        if extra:
            raise refused(f"文件中有本程序不会导出的工作表“{extra[0][:40]}”", "foreign_sheet")
