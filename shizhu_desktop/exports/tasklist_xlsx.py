"""The 重点任务清单 workbook: a readable task list, and a very hidden sheet carrying the catalog and its digest."""

from __future__ import annotations

import hashlib
import json
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from shizhu_desktop.domain.catalog import SCOPE_LABELS, Catalog, Target, Task, catalog_from_dict
from shizhu_desktop.domain.schema import DataFileError
from shizhu_desktop.domain.targets import EXAMPLE_ISSUER, is_example_version
from shizhu_desktop.exports.docprops import stamp_workbook
from shizhu_desktop.exports.fonts import FontChoice, choose_fonts
from shizhu_desktop.exports.xlsx_style import (
    BODY_SIZE,
    GB2312_CHARSET,
    MAX_ROW_HEIGHT,
    estimated_lines,
    excel_fonts,
    fitted_widths,
    print_setup,
    row_height,
    use_default_font,
)
from shizhu_desktop.interchange.canonical import digest_of
from shizhu_desktop.interchange.payload import PayloadError
from shizhu_desktop.interchange.xlsx_payload import put_text

LIST_SHEET, DATA_SHEET = "重点任务清单", "任务清单数据"
MARKER, LAYOUT_VERSION = "shizhu-task-list-xlsx", 1
HEADER = ("序号", "重点任务", "具体举措", "牵头单位", "责任单位", "指标与目标")
WIDTHS = fitted_widths((6, 16, 62, 14, 36, 40))
CHUNK, _FIRST_CHUNK_ROW = 30_000, 8
ALL_TOWNSHIPS = "全县{count}个乡镇（街道）"
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_AGAIN = "请向县政府督查办重新索取任务清单文件，直接导入收到的原文件，不要在 Excel 中修改或另存。"


def responsible_text(task: Task, names: Mapping[str, str], townships: list[str]) -> str:
    """责任单位 in words; all townships together are written as 全县33个乡镇（街道）."""
    codes = list(task.responsible_units)
    if townships and set(townships) <= set(codes):
        others = [names.get(c, c) for c in codes if c not in townships]
        return "、".join([*others, ALL_TOWNSHIPS.format(count=len(townships))])
    return "、".join(names.get(c, c) for c in codes)


def task_row(catalog: Catalog, task: Task, names: Mapping[str, str], townships: list[str]) -> tuple[str, ...]:
    """The visible texts of one task's row, in :data:`HEADER` order (序号 as text)."""
    measures = task.measures
    measure_text = measures[0] if len(measures) == 1 else "\n".join(f"{i}．{m}" for i, m in enumerate(measures, 1))
    indicators = "\n".join(
        f"{i.name}：{'；'.join(_target_text(t) for t in i.targets)}（{SCOPE_LABELS[i.scope]}）"
        for i in catalog.indicators_for_task(task.number)
    )
    return (
        str(task.number),
        task.title,
        measure_text,
        names.get(task.lead_unit, task.lead_unit),
        responsible_text(task, names, townships),
        indicators,
    )


def _target_text(target: Target) -> str:
    """The target in its own words, with its year when the words do not say it (到2030年达到200个)."""
    if target.recurring or (target.end_year and str(target.end_year) in target.text) or not target.year_label:
        return target.text
    return f"{target.text}（{target.year_label}）"


def _font(name: str, size: float, bold: bool = False) -> Font:
    return Font(name=name, size=size, bold=bold, charset=GB2312_CHARSET)


def write_tasklist_xlsx(payload: dict[str, Any], path: Path, *, fonts: FontChoice | None = None) -> Path:
    """Write the task list of a sealed payload (see services.tasklist) to ``path`` and return it."""
    catalog = catalog_from_dict(payload["catalog"])
    names: dict[str, str] = payload["unit_names"]
    townships: list[str] = payload["townships"]
    chosen = excel_fonts(fonts or choose_fonts())
    workbook = Workbook()
    use_default_font(workbook)
    sheet = workbook.active
    assert sheet is not None  # a new workbook always has one sheet
    sheet.title = LIST_SHEET
    for index, width in enumerate(WIDTHS, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    title = f"{catalog.policy_title}重点任务清单"
    issued = f"（版本 {catalog.version}　{payload['issued_by']}{_date_words(payload['issued_on'])}印发）"
    if is_example_version(catalog.version):  # exported from a demo database: never mistaken for the county's
        issued = f"（版本 {catalog.version}　{EXAMPLE_ISSUER}：目标与分解均为虚构，仅供演示）"
    _merged(sheet, 1, title, _font(chosen.title, 18), 36, "center")
    _merged(sheet, 2, issued, _font(chosen.body, 13), 24, "center")
    note = "各单位请在填报程序中用“导入任务清单”导入本文件，不要在 Excel 中修改：修改过的文件将无法导入。"
    _merged(sheet, 3, note, _font(chosen.body, BODY_SIZE), 22, "left")
    for index, text in enumerate(HEADER, 1):
        cell = put_text(sheet, f"{get_column_letter(index)}4", text)
        cell.font = _font(chosen.hei, BODY_SIZE, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = _BORDER
        cell.fill = PatternFill("solid", fgColor="F2F2F2")
    sheet.row_dimensions[4].height = 28
    row, rows = 4, {}
    for section in catalog.sections:
        row += 1
        _merged(sheet, row, section.heading, _font(chosen.hei, 12, bold=True), 24, "left", border=True)
        for number in section.tasks:
            row += 1
            rows[str(number)] = row
            texts = task_row(catalog, catalog.task(number), names, townships)
            lines = 1
            for index, text in enumerate(texts):
                cell = put_text(sheet, f"{get_column_letter(index + 1)}{row}", text)
                cell.font = _font(chosen.body, BODY_SIZE)
                cell.border = _BORDER
                horizontal = "center" if index in (0, 3) else "left"
                cell.alignment = Alignment(horizontal=horizontal, vertical="top", wrap_text=True)
                lines = max(lines, estimated_lines(text, WIDTHS[index]))
            sheet.row_dimensions[row].height = min(MAX_ROW_HEIGHT, row_height(lines))
    print_setup(sheet, "4:4", "A5")
    _data_sheet(workbook, payload, rows)
    props = workbook.properties
    props.title = title
    props.subject = f"重点任务清单 版本{catalog.version}"
    stamp_workbook(workbook, str(payload["issued_by"]), (("任务清单版本", catalog.version),))
    workbook.save(path)
    return path


def _date_words(iso: str) -> str:
    year, month, day = (int(part) for part in iso.split("-"))
    return f"{year}年{month}月{day}日"


def _merged(
    sheet: Worksheet, row: int, text: str, font: Font, height: float, align: str, *, border: bool = False
) -> None:
    cell = put_text(sheet, f"A{row}", text)
    cell.font = font
    cell.alignment = Alignment(horizontal=align, vertical="center", wrap_text=True)
    if border:
        for column in range(1, len(WIDTHS) + 1):
            sheet.cell(row=row, column=column).border = _BORDER
            sheet.cell(row=row, column=column).fill = PatternFill("solid", fgColor="E8EEF4")
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(WIDTHS))
    sheet.row_dimensions[row].height = height


def _data_sheet(workbook: Workbook, payload: dict[str, Any], rows: dict[str, int]) -> None:
    text = json.dumps(payload, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    chunks = [text[i : i + CHUNK] for i in range(0, len(text), CHUNK)] or [""]
    sheet = workbook.create_sheet(DATA_SHEET)
    sheet.sheet_state = "veryHidden"
    lines = [
        (MARKER, str(LAYOUT_VERSION)),
        ("sha256", str(payload.get("sha256", ""))),
        ("text_sha256", hashlib.sha256(text.encode("utf-8")).hexdigest()),
        ("chunks", str(len(chunks))),
        ("rows", json.dumps(rows, sort_keys=True)),
        ("说明", "本页是任务清单数据，导入时据此核对，请勿修改。"),
    ]
    for row, (name, value) in enumerate(lines, 1):
        put_text(sheet, f"A{row}", name)
        put_text(sheet, f"B{row}", value)
    for i, chunk in enumerate(chunks):
        put_text(sheet, f"A{_FIRST_CHUNK_ROW + i}", f"chunk{i + 1}")
        put_text(sheet, f"B{_FIRST_CHUNK_ROW + i}", chunk)


def _damaged(reason: str) -> PayloadError:
    return PayloadError("damaged", f"任务清单文件中的数据已损坏（{reason}）。{_AGAIN}")


def read_tasklist_xlsx(path: Path) -> dict[str, Any]:
    """The sealed payload of a 重点任务清单 workbook, after checking its digest and its visible rows.

    Raises :class:`PayloadError` with a Chinese reason; the payload's own fields are checked by the caller.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about Excel features it does not read
            workbook = load_workbook(path)
    except Exception:  # openpyxl raises many kinds (zip, XML, KeyError) for a file that is not a workbook
        raise PayloadError("not_xlsx", f"这不是有效的 Excel 文件（.xlsx），或文件已损坏。{_AGAIN}") from None
    try:
        if DATA_SHEET not in workbook.sheetnames:
            raise PayloadError(
                "no_payload",
                "这个 Excel 文件中没有任务清单数据：它不是本程序导出的重点任务清单（报表文件请用“导入报表”），"
                f"或被另存时丢失了隐藏的数据页。{_AGAIN}",
            )
        data_sheet = workbook[DATA_SHEET]
        payload = _payload(data_sheet)
        _check_rows(workbook, data_sheet, payload)
        return payload
    finally:
        workbook.close()


def _payload(sheet: Worksheet) -> dict[str, Any]:
    if sheet["A1"].value != MARKER:
        raise _damaged("数据页的标记不对")
    if str(sheet["B1"].value) != str(LAYOUT_VERSION):
        raise PayloadError(
            "newer_version", "这份任务清单由更新版本的程序导出，本程序无法读取：请先升级本程序，再导入。"
        )
    try:
        count = int(str(sheet["B4"].value))
    except ValueError:
        raise _damaged("数据分段数无效") from None
    if not 1 <= count <= 1_000:
        raise _damaged("数据分段数无效")
    parts = [sheet[f"B{_FIRST_CHUNK_ROW + i}"].value for i in range(count)]
    if not all(isinstance(p, str) for p in parts):
        raise _damaged("数据分段缺失")
    text = "".join(str(p) for p in parts)
    if hashlib.sha256(text.encode("utf-8")).hexdigest() != sheet["B3"].value:
        raise _damaged("数据内容与其校验码不符")
    try:
        payload = json.loads(text)
    except json.JSONDecodeError:
        raise _damaged("数据无法解析") from None
    if not isinstance(payload, dict):
        raise _damaged("数据格式不对")
    try:
        actual = digest_of(payload)
    except ValueError:
        raise _damaged("数据中有无效的数值") from None
    if payload.get("sha256") != actual:
        raise PayloadError("digest", f"任务清单的校验码不符：文件在导出后被改动过或已损坏，不能导入。{_AGAIN}")
    return payload


def _check_rows(workbook: Workbook, data_sheet: Worksheet, payload: dict[str, Any]) -> None:
    """Every task row a clerk sees must still say what the payload says (an edited list is refused)."""
    if LIST_SHEET not in workbook.sheetnames:
        raise PayloadError("edited", f"工作表“{LIST_SHEET}”被删除或改名，不能导入。{_AGAIN}")
    sheet = workbook[LIST_SHEET]
    try:
        rows = json.loads(str(data_sheet["B5"].value))
        catalog = catalog_from_dict(payload.get("catalog"))
        names, townships = dict(payload["unit_names"]), list(payload["townships"])
    except (json.JSONDecodeError, DataFileError, KeyError, TypeError, ValueError):
        raise _damaged("任务清单内容无法解析") from None
    for task in catalog.tasks:
        row = rows.get(str(task.number))
        if not isinstance(row, int):
            raise _damaged(f"找不到任务{task.number}所在的行")
        for index, expected in enumerate(task_row(catalog, task, names, townships)):
            value = sheet.cell(row=row, column=index + 1).value
            if _normal(value) != _normal(expected):
                where = f"任务{task.number}·{HEADER[index]}，{get_column_letter(index + 1)}{row}单元格"
                raise PayloadError(
                    "edited",
                    f"表格中的内容在导出后被改动过（{where}），与文件中的任务清单数据不一致，不能导入。{_AGAIN}",
                )


def _normal(value: Any) -> str:
    text = "" if value is None else str(value)
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()
