"""The Excel workbook of a report: the official table(s), the indicators and the very hidden payload sheet."""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from shizhu_desktop.domain.naming import report_title
from shizhu_desktop.domain.report import ReportKind
from shizhu_desktop.exports.bundle import ReportBundle
from shizhu_desktop.exports.content import (
    SIGNATURE_LABELS,
    Cell,
    Table,
    indicator_table,
    info_line,
    monthly_table,
    narrative_sections,
    quarter_table,
)
from shizhu_desktop.exports.fonts import FontChoice, FontRole, choose_fonts
from shizhu_desktop.interchange.xlsx_payload import CheckedCell, put_text, write_payload_sheet

MONTHLY_SHEET, QUARTER_SHEET, NARRATIVE_SHEET, INDICATOR_SHEET = (
    "工作推进情况表",
    "季度工作推进情况表",
    "季度报告",
    "指标完成情况",
)
#: Every visible sheet a report workbook may have (an import refuses any other).
REPORT_SHEETS = (MONTHLY_SHEET, QUARTER_SHEET, NARRATIVE_SHEET, INDICATOR_SHEET)
#: Column widths in Excel's units (about one Latin character; a Chinese character takes two).
MONTHLY_WIDTHS = (5, 14, 40, 11, 10, 30, 24, 18, 20, 12)
QUARTER_WIDTHS = (5, 16, 11, 10, 36, 10, 36, 10, 36)
INDICATOR_WIDTHS = (36, 8, 12, 10, 10, 10, 10, 30)
CENTRED_MONTHLY = {0, 3, 4}
CENTRED_QUARTER = {0, 2, 3, 5, 7}
CENTRED_INDICATOR = {1, 2, 3, 4, 5, 6}
BODY_SIZE, LINE_HEIGHT, MAX_ROW_HEIGHT = 11, 14.5, 409  # 409 pt: the tallest row Excel allows
GB2312_CHARSET = 134  # tells Excel the font is a Chinese one when it has to substitute it

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="F2F2F2")


@dataclass(frozen=True)
class _Fonts:
    body: str
    title: str
    hei: str


def excel_fonts(choice: FontChoice) -> _Fonts:
    """Font names written into the workbook: the official ones when this machine has them, else 宋体/黑体."""
    body = choice.roles[FontRole.FANGSONG].family if choice.is_official(FontRole.FANGSONG) else "宋体"
    title = choice.roles[FontRole.XIAOBIAOSONG].family if choice.is_official(FontRole.XIAOBIAOSONG) else "黑体"
    hei = choice.roles[FontRole.HEI].family if choice.is_official(FontRole.HEI) else "黑体"
    return _Fonts(body, title, hei)


def write_xlsx(bundle: ReportBundle, path: Path, *, fonts: FontChoice | None = None) -> Path:
    """Write the report's workbook to ``path`` and return it: monthly or quarterly by the report's kind."""
    names = excel_fonts(fonts or choose_fonts())
    workbook = Workbook()
    checked: list[CheckedCell] = []
    first = workbook.active
    assert first is not None  # a new workbook always has one sheet
    if bundle.is_quarterly:
        first.title = QUARTER_SHEET
        _table_sheet(first, bundle, names, quarter_table(bundle), QUARTER_WIDTHS, CENTRED_QUARTER, checked)
        _narrative_sheet(workbook.create_sheet(NARRATIVE_SHEET), bundle, names, checked)
    else:
        first.title = MONTHLY_SHEET
        _table_sheet(first, bundle, names, monthly_table(bundle), MONTHLY_WIDTHS, CENTRED_MONTHLY, checked)
    _indicator_sheet(workbook.create_sheet(INDICATOR_SHEET), bundle, names, checked)
    write_payload_sheet(workbook, bundle.payload, checked)
    _properties(workbook, bundle)
    workbook.active = 0
    workbook.save(path)
    return path


def _properties(workbook: Workbook, bundle: ReportBundle) -> None:
    props = workbook.properties
    props.title = f"{bundle.title}（{bundle.period_label}）"
    props.subject = bundle.unit.name
    props.creator = bundle.unit.name
    props.keywords = f"{bundle.unit.name} {bundle.period_label} 第{bundle.report.revision}版"
    props.description = "石柱县绿色低碳循环发展工作推进情况填报程序导出。"
    for name, value in (
        ("填报单位", bundle.unit.name),
        ("单位代码", bundle.unit.code),
        ("报表期间", bundle.period_label),
        ("版本", f"第{bundle.report.revision}版"),
    ):
        workbook.custom_doc_props.append(StringProperty(name=name, value=value))


def _font(name: str, size: float, bold: bool = False) -> Font:
    return Font(name=name, size=size, bold=bold, charset=GB2312_CHARSET)


def _merged_line(sheet: Worksheet, row: int, columns: int, text: str, font: Font, height: float, align: str) -> None:
    put_text(sheet, f"A{row}", text)
    cell = sheet[f"A{row}"]
    cell.font = font
    cell.alignment = Alignment(horizontal=align, vertical="center", wrap_text=True)
    if columns > 1:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
    sheet.row_dimensions[row].height = height


def _table_sheet(
    sheet: Worksheet,
    bundle: ReportBundle,
    fonts: _Fonts,
    table: Table,
    widths: Sequence[int],
    centred: set[int],
    checked: list[CheckedCell],
) -> None:
    columns = len(table.header)
    title = report_title(ReportKind.MONTHLY)
    _merged_line(sheet, 1, columns, title, _font(fonts.title, 18), 36, "center")
    _merged_line(sheet, 2, columns, f"（{bundle.period_label}）", _font(fonts.body, 14), 24, "center")
    _merged_line(sheet, 3, columns, info_line(bundle), _font(fonts.body, BODY_SIZE), 30, "left")
    header_row = 4
    _header(sheet, header_row, table.header, fonts)
    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    row = header_row
    for row_cells in table.rows:
        row += 1
        _body_row(sheet, row, row_cells, widths, centred, fonts, checked)
    _signature(sheet, row + 2, columns, fonts)
    print_setup(sheet, f"{header_row}:{header_row}", f"A{header_row + 1}")


def _header(sheet: Worksheet, row: int, header: Sequence[str], fonts: _Fonts) -> None:
    for index, text in enumerate(header, 1):
        cell = put_text(sheet, f"{get_column_letter(index)}{row}", text)
        cell.font = _font(fonts.hei, BODY_SIZE, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = _BORDER
        cell.fill = _HEADER_FILL
    sheet.row_dimensions[row].height = 36


def _body_row(
    sheet: Worksheet,
    row: int,
    cells: Sequence[Cell],
    widths: Sequence[int],
    centred: set[int],
    fonts: _Fonts,
    checked: list[CheckedCell],
) -> None:
    lines = 1
    for index, cell in enumerate(cells):
        coordinate = f"{get_column_letter(index + 1)}{row}"
        if cell.number is not None:
            target = sheet[coordinate]
            target.value = cell.number
            target.number_format = "0.##" if not float(cell.number).is_integer() else "0"
        else:
            target = put_text(sheet, coordinate, cell.text)
        target.font = _font(fonts.body, BODY_SIZE)
        target.border = _BORDER
        horizontal = "center" if index in centred else "left"
        target.alignment = Alignment(horizontal=horizontal, vertical="top", wrap_text=True)
        lines = max(lines, estimated_lines(cell.text, widths[index]))
        if cell.key is not None:
            kind, key, field = cell.key
            checked.append(CheckedCell(sheet.title, coordinate, kind, key, field, cell.where))
    # Excel does not fit row heights to wrapped text when it opens a file: estimate them here.
    sheet.row_dimensions[row].height = min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT + 6)


def display_width(text: str) -> int:
    """Width in Excel column units: two for a Chinese (wide) character, one for others."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def estimated_lines(text: str, column_width: int) -> int:
    usable = max(2, column_width - 1)
    return sum(max(1, math.ceil(display_width(part) / usable)) for part in text.split("\n"))


def _signature(sheet: Worksheet, row: int, columns: int, fonts: _Fonts) -> None:
    text = ("\u3000" * 10).join(SIGNATURE_LABELS)
    _merged_line(sheet, row, columns, text, _font(fonts.body, 12), 30, "left")


def print_setup(sheet: Worksheet, title_rows: str | None, freeze: str | None, landscape: bool = True) -> None:
    """A4, one page wide, title rows repeated and frozen, footer 第 N 页 共 M 页 (shared by every workbook)."""
    setup = sheet.page_setup
    setup.orientation = "landscape" if landscape else "portrait"
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.fitToWidth = 1
    setup.fitToHeight = 0  # as many pages tall as needed
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins = PageMargins(left=0.6, right=0.5, top=0.6, bottom=0.75, header=0.3, footer=0.35)
    sheet.print_options.horizontalCentered = True
    if title_rows:
        sheet.print_title_rows = title_rows
    if freeze:
        sheet.freeze_panes = freeze
    sheet.oddFooter.center.text = "第 &P 页 共 &N 页"
    sheet.oddFooter.center.size = 10


def _indicator_sheet(sheet: Worksheet, bundle: ReportBundle, fonts: _Fonts, checked: list[CheckedCell]) -> None:
    table = indicator_table(bundle)
    columns = len(table.header)
    _merged_line(sheet, 1, columns, "指标完成情况", _font(fonts.title, 18), 36, "center")
    source = "" if bundle.indicators_are_own() else "（取自本季度最近一个月的月报）"
    _merged_line(
        sheet, 2, columns, f"（{bundle.unit.name}　{bundle.period_label}）{source}", _font(fonts.body, 12), 24, "center"
    )
    _header(sheet, 3, table.header, fonts)
    for index, width in enumerate(INDICATOR_WIDTHS, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    row = 3
    for row_cells in table.rows:
        row += 1
        _body_row(sheet, row, row_cells, INDICATOR_WIDTHS, CENTRED_INDICATOR, fonts, checked)
    if not table.rows:
        _merged_line(sheet, 4, columns, "本单位没有需要填报的量化指标。", _font(fonts.body, BODY_SIZE), 24, "center")
    print_setup(sheet, "3:3", "A4")


def _narrative_sheet(sheet: Worksheet, bundle: ReportBundle, fonts: _Fonts, checked: list[CheckedCell]) -> None:
    """The report's three sections, one paragraph a row (a row holds at most 409 pt of text)."""
    width = 78  # fits A4 portrait between the margins without scaling
    sheet.column_dimensions["A"].width = width
    _merged_line(sheet, 1, 1, f"{bundle.unit.name}{bundle.title}", _font(fonts.title, 18), 48, "center")
    _merged_line(sheet, 2, 1, f"（{bundle.period_label}）", _font(fonts.body, 14), 24, "center")
    row = 3
    for heading, cell in narrative_sections(bundle):
        row += 1
        head = put_text(sheet, f"A{row}", heading)
        head.font = _font(fonts.hei, 14)
        sheet.row_dimensions[row].height = 24
        for index, paragraph in enumerate(cell.text.split("\n")):
            row += 1
            body = put_text(sheet, f"A{row}", paragraph)
            body.font = _font(fonts.body, 14)
            body.alignment = Alignment(vertical="top", wrap_text=True, indent=2)
            # 14 pt text: a Chinese character takes about 2.6 units of an 11 pt column.
            lines = estimated_lines(paragraph, int(width / 1.3) - 4)
            sheet.row_dimensions[row].height = min(MAX_ROW_HEIGHT, lines * 19 + 6)
            if cell.key is not None:
                kind, key, field = cell.key
                checked.append(CheckedCell(sheet.title, f"A{row}", kind, key, f"{field}:{index}", cell.where))
    print_setup(sheet, None, None, landscape=False)
