"""The report payload inside an .xlsx: a very hidden sheet, read back with checks for damage and edited cells."""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from shizhu_desktop.interchange.cellref import column_letter, coordinate_to_tuple
from shizhu_desktop.interchange.gates import MAX_XLSX_BYTES, open_regular
from shizhu_desktop.interchange.jsonlimits import load_json
from shizhu_desktop.interchange.payload import PayloadError
from shizhu_desktop.interchange.xlsx_cells import SheetCells, read_cells
from shizhu_desktop.interchange.xlsx_container import check_xlsx_container

if TYPE_CHECKING:  # the writer's types; reading a file never loads openpyxl (issue 13)
    from openpyxl.cell.cell import Cell
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

PAYLOAD_SHEET = "报表数据"
MARKER = "shizhu-green-report-xlsx"
LAYOUT_VERSION = 1
#: Excel's limit on the characters of one cell.
CELL_LIMIT = 32_767
CHUNK = 30_000
TRUNCATED_NOTE = "……（超出单元格长度，全文见 PDF 或导入后查看）"
_FIRST_CHUNK_ROW = 6
# Characters XML 1.0 (and so an .xlsx) cannot hold: C0 controls but tab/newline, U+FFFE/U+FFFF, lone surrogates.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

_REFUSE_AGAIN = "请填报单位用本程序重新导出后，直接发送导出的原文件。"


@dataclass(frozen=True)
class CheckedCell:
    """A visible cell that shows a payload value: ``kind`` entry/indicator/narrative, ``key`` task or id."""

    sheet: str
    coordinate: str
    kind: str
    key: str
    field: str
    label: str


def cell_text(text: str) -> str:
    """A text as a cell holds it: one kind of line break, no characters XML refuses, within Excel's limit."""
    text = _ILLEGAL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    if len(text) > CELL_LIMIT:
        text = text[: CELL_LIMIT - len(TRUNCATED_NOTE)] + TRUNCATED_NOTE
    return text


def put_text(sheet: Worksheet, coordinate: str, text: str) -> Cell:
    """Write ``text`` as a string cell: never a formula, whatever it starts with (=, +, -, @)."""
    cell: Cell = sheet[coordinate]
    cell.value = cell_text(text)
    cell.data_type = "s"  # openpyxl makes "=…" a formula; a clerk's text must never run as one
    return cell


def write_payload_sheet(
    workbook: Workbook, payload: dict[str, Any], checked: list[CheckedCell] | tuple[CheckedCell, ...] = ()
) -> Worksheet:
    """Add the very hidden sheet holding ``payload`` (split across cells) and the cells that show it."""
    # ASCII-escaped JSON: nothing in it can trouble XML or Excel; the digest is of the canonical form anyway.
    text = json.dumps(payload, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    chunks = [text[i : i + CHUNK] for i in range(0, len(text), CHUNK)] or [""]
    snapshot = visible_snapshot(workbook)
    sheet = workbook.create_sheet(PAYLOAD_SHEET)
    sheet.sheet_state = "veryHidden"
    rows = [
        (MARKER, str(LAYOUT_VERSION)),
        ("sha256", str(payload.get("sha256", ""))),
        ("text_sha256", hashlib.sha256(text.encode("utf-8")).hexdigest()),
        ("chunks", str(len(chunks))),
        ("说明", "本页是报表数据，导入时据此核对，请勿修改。"),
    ]
    for row, (name, value) in enumerate(rows, 1):
        put_text(sheet, f"A{row}", name)
        put_text(sheet, f"B{row}", value)
    for i, chunk in enumerate(chunks):
        put_text(sheet, f"A{_FIRST_CHUNK_ROW + i}", f"chunk{i + 1}")
        put_text(sheet, f"B{_FIRST_CHUNK_ROW + i}", chunk)
    for row, check in enumerate(checked, 1):
        for column, value in zip(
            "DEFGHI", (check.sheet, check.coordinate, check.kind, check.key, check.field, check.label), strict=True
        ):
            put_text(sheet, f"{column}{row}", value)
    # Every visible cell as exported: an edit anywhere (a date in the heading, a row added under the table,
    # a target on the indicator sheet) is found on import, not only the cells that show payload values.
    for row, (sheet_name, coordinate, text) in enumerate(snapshot, 1):
        for column, value in zip("KLM", (sheet_name, coordinate, text), strict=True):
            put_text(sheet, f"{column}{row}", value)
    return sheet


def visible_snapshot(workbook: Workbook) -> list[tuple[str, str, str]]:
    """(sheet, cell, normalised text) of every non-empty cell of the visible sheets, in reading order."""
    cells = []
    for sheet in workbook.worksheets:
        if sheet.title == PAYLOAD_SHEET or sheet.sheet_state != "visible":
            continue
        for row in sheet.iter_rows():
            for cell in row:
                text = _snapshot_text(cell.value)
                if text:
                    cells.append((sheet.title, cell.coordinate, text))
    return cells


def _snapshot_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{float(value):.12g}"
    return _normal(value)


def read_xlsx_payload(path: Path, allowed_sheets: Collection[str] | None = None) -> dict[str, Any]:
    """The payload of an .xlsx this program exported; raise :class:`PayloadError` with a Chinese reason.

    Gates first (a regular file within budget; the zip directory and parts, see ``xlsx_container``), then only
    cell values are read, sheet by sheet, within budgets (``xlsx_cells``). ``allowed_sheets``, when given, are
    the only sheet names the workbook may have.
    """
    with open_regular(path, MAX_XLSX_BYTES) as stream:
        check_xlsx_container(stream, allowed_sheets)
        try:
            with zipfile.ZipFile(stream) as archive:
                sheets = read_cells(archive)
        except PayloadError:
            raise
        except Exception:  # a damaged part can raise many kinds (XML, zip, index, value errors)
            raise PayloadError(
                "not_xlsx", f"这不是有效的 Excel 文件（.xlsx），或文件已损坏，无法打开。{_REFUSE_AGAIN}"
            ) from None
    by_title = {sheet.title: sheet for sheet in sheets}
    payload_sheet = by_title.get(PAYLOAD_SHEET)
    if payload_sheet is None:
        raise PayloadError(
            "no_payload",
            "这个 Excel 文件中没有报表数据：它不是本程序导出的报表，或被复制到新表格、另存时丢失了隐藏的数据页。"
            + _REFUSE_AGAIN,
        )
    cells = payload_sheet.cells
    payload = _payload(cells)
    visible = [s for s in sheets if s.title != PAYLOAD_SHEET]
    _check_visible_cells(visible, cells, payload)
    return payload


def _damaged(reason: str) -> PayloadError:
    return PayloadError("damaged", f"Excel 文件中的报表数据已损坏（{reason}）。{_REFUSE_AGAIN}")


def _cell(cells: dict[tuple[int, int], Any], coordinate: str) -> Any:
    row, column = coordinate_to_tuple(coordinate)
    return cells.get((row, column))


def _payload(cells: dict[tuple[int, int], Any]) -> dict[str, Any]:
    if _cell(cells, "A1") != MARKER:
        raise _damaged("数据页的标记不对")
    if str(_cell(cells, "B1")) != str(LAYOUT_VERSION):
        raise PayloadError(
            "newer_version", "这个 Excel 文件由更新版本的程序导出，本程序无法读取：请先升级本程序，再导入。"
        )
    try:
        count = int(str(_cell(cells, "B4")))
    except ValueError:
        raise _damaged("数据分段数无效") from None
    if not 1 <= count <= 10_000:
        raise _damaged("数据分段数无效")
    parts = []
    for i in range(count):
        value = cells.get((_FIRST_CHUNK_ROW + i, 2))
        if not isinstance(value, str):
            raise _damaged(f"第{i + 1}段数据缺失")
        parts.append(value)
    text = "".join(parts)
    if hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest() != _cell(cells, "B3"):
        raise _damaged("数据内容与其校验码不符")
    data = load_json(text.encode("utf-8", "surrogatepass"), _REFUSE_AGAIN)  # same limits as a .json file
    if not isinstance(data, dict):
        raise _damaged("数据格式不对")
    return data


def _columns(cells: dict[tuple[int, int], Any], first: int, last: int) -> list[tuple[str, ...]]:
    """Rows 1, 2, … of columns ``first``..``last`` of the payload sheet as texts, up to the first empty row."""
    rows = []
    row = 1
    while cells.get((row, first)) is not None:
        rows.append(tuple("" if (v := cells.get((row, c))) is None else str(v) for c in range(first, last + 1)))
        row += 1
    return rows


def _check_visible_cells(sheets: list[SheetCells], cells: dict[tuple[int, int], Any], payload: dict[str, Any]) -> None:
    by_title = {sheet.title: sheet for sheet in sheets}
    for row in _columns(cells, 4, 9):
        check = CheckedCell(*row)
        sheet = by_title.get(check.sheet)
        if sheet is None:
            raise _edited(check, f"工作表“{check.sheet}”被删除或改名")
        try:
            value = _cell(sheet.cells, check.coordinate)
        except ValueError:
            raise _damaged("核对清单中有无效的单元格") from None
        if not _matches(value, _expected(payload, check)):
            raise _edited(check, f"{check.sheet}的{check.coordinate}单元格")
    _check_snapshot(sheets, cells)


def _check_snapshot(sheets: list[SheetCells], cells: dict[tuple[int, int], Any]) -> None:
    stored = {(name, coordinate): text for name, coordinate, text in _columns(cells, 11, 13)}
    if not stored:
        return  # exported before snapshots were kept: the payload-value checks above still apply
    current = {}
    for sheet in sheets:
        if sheet.state != "visible":
            continue
        for (row, column), value in sheet.cells.items():
            text = _snapshot_text(value)
            if text:
                current[(sheet.title, f"{column_letter(column)}{row}")] = text
    for (name, coordinate), text in stored.items():
        if current.get((name, coordinate), "") != text:
            raise _changed(f"{name}的{coordinate}单元格")
    for name, coordinate in current.keys() - stored.keys():
        raise _changed(f"{name}的{coordinate}单元格是导出后新加的内容")


def _changed(where: str) -> PayloadError:
    return PayloadError(
        "edited",
        f"表格中的内容在导出后被改动过（{where}），不能导入。导入只认程序导出时的内容，直接在 Excel 里改的"
        "不会被采用。请填报单位在本程序中修改（已定稿的请点“重新打开修改”），重新导出后再发送。",
    )


def _edited(check: CheckedCell, where: str) -> PayloadError:
    return PayloadError(
        "edited",
        f"表格中的内容在导出后被改动过（{check.label}，{where}），与文件中的报表数据不一致，不能导入。"
        "导入只认程序导出时的数据，直接在 Excel 里改的内容不会被采用。"
        "请填报单位在本程序中修改（已定稿的请点“重新打开修改”），重新导出后再发送。",
    )


def _expected(payload: dict[str, Any], check: CheckedCell) -> Any:
    if check.kind == "entry":
        entries = payload.get("entries") or []
        entry = next((e for e in entries if isinstance(e, dict) and str(e.get("task")) == check.key), {})
        return entry.get(check.field) or ""
    if check.kind == "indicator":
        values = payload.get("indicators") or []
        item = next((v for v in values if isinstance(v, dict) and v.get("id") == check.key), {})
        return item.get(check.field) if check.field != "note" else (item.get("note") or "")
    if check.kind == "narrative":
        # One paragraph a row: "work:2" is the third paragraph of the work section.
        name, _, index = check.field.partition(":")
        narrative = payload.get("narrative") or {}
        text = narrative.get(name) or "" if isinstance(narrative, dict) else ""
        if not index:
            return text
        paragraphs = str(text).split("\n")
        return paragraphs[int(index)] if index.isdigit() and int(index) < len(paragraphs) else ""
    raise _damaged("核对清单中有未知的项目")


def _matches(value: Any, expected: Any) -> bool:
    if expected is None or (isinstance(expected, (int, float)) and not isinstance(expected, bool)):
        if value is None or (isinstance(value, str) and not value.strip()):
            return expected is None
        try:
            number = float(value)
        except (TypeError, ValueError):
            return False
        return expected is not None and abs(number - float(expected)) <= 1e-9 * max(1.0, abs(float(expected)))
    if not isinstance(expected, str):
        return False
    return _normal(value) == _normal(cell_text(expected))


def _normal(value: Any) -> str:
    # Whitespace at the ends and the kind of line break are not edits worth refusing a file for.
    text = "" if value is None else str(value)
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()
