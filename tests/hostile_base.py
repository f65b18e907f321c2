"""The frame of the hostile corpus: a case, the valid files it starts from, and ways to make a file from them."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from shizhu_desktop.interchange.canonical import canonical_json
from shizhu_desktop.interchange.signing import KeyPair, sign_payload
from shizhu_desktop.interchange.xlsx_payload import CHUNK, PAYLOAD_SHEET
from tests.zipcraft import Entry, pack, read_entries

#: The size a zip bomb inflates to, as in the issue: a 3 MB .xlsx that would take 3.2 GB of memory.
BOMB_SIZE = 200 * 16 * 1024 * 1024
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"


@dataclass(frozen=True)
class Case:
    name: str
    expect: str
    make: Callable[[Base, Path], None]
    item3: bool = False
    posix_only: bool = False


@dataclass
class Base:
    """The valid files every case starts from: a monthly report as .json and .xlsx, and a task list .xlsx."""

    json_path: Path
    xlsx_path: Path
    tasklist_path: Path
    #: The sending unit's own key: an edited payload signed with it passes the signature check and meets the rules.
    key: KeyPair

    @property
    def payload(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.json_path.read_text(encoding="utf-8"))
        return data

    def entries(self) -> list[Entry]:
        return read_entries(self.xlsx_path)


CASES: list[Case] = []


def case(name: str, expect: str, *, item3: bool = False, posix_only: bool = False) -> Callable[..., Any]:
    def register(make: Callable[[Base, Path], None]) -> Callable[[Base, Path], None]:
        CASES.append(Case(name, expect, make, item3, posix_only))
        return make

    return register


def reseal(payload: dict[str, Any], key: KeyPair) -> bytes:
    """A changed payload signed again and given a fresh digest: what a unit's broken or malicious program sends."""
    return canonical_json(sign_payload(payload, key))


def edited(change: Callable[[dict[str, Any]], object]) -> Callable[[Base, Path], None]:
    def make(base: Base, path: Path) -> None:
        payload = base.payload
        change(payload)
        path.write_bytes(reseal(payload, base.key))

    return make


def xlsx_with_payload_text(base: Base, path: Path, text: str) -> None:
    """The valid workbook with its payload sheet holding ``text`` (and the matching text checksum)."""
    workbook = load_workbook(base.xlsx_path)
    sheet = workbook[PAYLOAD_SHEET]
    chunks = [text[i : i + CHUNK] for i in range(0, len(text), CHUNK)] or [""]
    old = int(str(sheet["B4"].value))
    for i in range(max(old, len(chunks))):
        sheet[f"B{6 + i}"].value = chunks[i] if i < len(chunks) else None
    sheet["B4"].value = str(len(chunks))
    sheet["B3"].value = hashlib.sha256(text.encode("utf-8")).hexdigest()
    workbook.save(path)


def repacked(change: Callable[[list[Entry]], list[Entry] | None], **pack_options: Any) -> Callable[[Base, Path], None]:
    def make(base: Base, path: Path) -> None:
        entries = base.entries()
        path.write_bytes(pack(change(entries) or entries, **pack_options))

    return make


def added(*extra: Entry) -> Callable[[Base, Path], None]:
    return repacked(lambda entries: [*entries, *extra])


def each(**changes: Any) -> Callable[[Base, Path], None]:
    return repacked(lambda entries: [Entry(e.name, e.data, **changes) for e in entries])


def part(entries: list[Entry], name: str) -> Entry:
    return next(e for e in entries if e.name == name)


def sheet_xml(extra: str) -> Callable[[list[Entry]], None]:
    """Put ``extra`` inside the visible table sheet's <sheetData> (cells, rows, nesting)."""

    def change(entries: list[Entry]) -> None:
        sheet = part(entries, "xl/worksheets/sheet1.xml")
        sheet.data = sheet.data.replace(b"</sheetData>", extra.encode("utf-8") + b"</sheetData>", 1)

    return change
