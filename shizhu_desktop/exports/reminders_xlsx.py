"""The 催报名单 workbook: portrait A4, up to 70 units on one page (two blocks side by side), for the phone calls."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from shizhu_desktop.consolidation import wording as say
from shizhu_desktop.consolidation.reminders import Reminder
from shizhu_desktop.domain.periods import Period
from shizhu_desktop.domain.report import ReportKind
from shizhu_desktop.exports.docprops import stamp_workbook
from shizhu_desktop.exports.fonts import FontChoice, choose_fonts
from shizhu_desktop.exports.xlsx_sheet import BORDER, HEADER_FILL
from shizhu_desktop.exports.xlsx_style import (
    MAX_ROW_HEIGHT,
    ExcelFonts,
    estimated_lines,
    excel_fonts,
    font,
    print_setup,
    row_height,
    use_default_font,
)
from shizhu_desktop.interchange.xlsx_payload import put_text

REMINDER_SHEET = "催报名单"
BLOCK_HEADER = ("序号", "单位", "联系人", "联系电话", "情况")
#: One block (Excel units, wide enough where a unit is only 7 px): 序号, 单位 (9 characters), 联系人 (4), 电话
#: (12 digits), 情况 (逾期12天) — every entry on one line, so that 70 rows fit a page.
BLOCK_WIDTHS = (2.8, 15.8, 7.2, 12.8, 9.4)
GAP_WIDTH = 0.8
#: Up to this many units the list is one block in 11 pt; more are set in two blocks of 9 pt (70 on one page).
ONE_BLOCK_MAX, TWO_BLOCK_SIZE, ONE_BLOCK_SIZE = 30, 9.0, 11.0
NOTE = "联系人和电话取自该单位最近一次报送的文件；尚未报送过的，取自县里的联系人名单；空白表示两者都没有。"


def write_reminders_xlsx(
    reminders: list[Reminder],
    period: Period,
    kind: ReportKind,
    today: date,
    path: Path,
    *,
    office: str = "县政府督查办",
    fonts: FontChoice | None = None,
) -> Path:
    """The 催报名单 as a one-sheet workbook: 序号, 单位, 联系人, 联系电话, 情况 — in one or two blocks."""
    names = excel_fonts(fonts or choose_fonts())
    workbook = Workbook()
    use_default_font(workbook)
    sheet = workbook.active
    assert sheet is not None
    sheet.title = REMINDER_SHEET
    two = len(reminders) > ONE_BLOCK_MAX
    size = TWO_BLOCK_SIZE if two else ONE_BLOCK_SIZE
    scale = size / TWO_BLOCK_SIZE if not two else 1.0  # one block: the same columns, wider for the larger type
    block = tuple(w * scale for w in BLOCK_WIDTHS)
    widths = (*block, GAP_WIDTH, *block) if two else block
    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    what = period.label if kind is ReportKind.MONTHLY else period.quarter_label
    row = _line(sheet, 1, widths, f"{what}{kind.label}催报名单", font(names.title, 16), 30)
    subtitle = f"（{office}　截至{say.date_text(today)}，未报送{len(reminders)}个单位）"
    row = _line(sheet, row, widths, subtitle, font(names.body, size + 1), 0)
    header_row = row
    half = (len(reminders) + 1) // 2 if two else len(reminders)
    starts = (1, len(block) + 2) if two else (1,)
    for start in starts:
        _cells(sheet, header_row, start, BLOCK_HEADER, block, names, size, header=True)
    sheet.row_dimensions[header_row].height = row_height(1, size) + 2
    columns = [reminders[:half], reminders[half:]] if two else [reminders]
    for offset in range(max(1, half)):
        height = row_height(1, size)
        for start, chunk, first in zip(starts, columns, (0, half), strict=False):
            if offset < len(chunk):
                reminder = chunk[offset]
                values = (str(first + offset + 1), reminder.unit.name, *_contact(reminder), reminder.short_situation)
                height = max(height, _cells(sheet, header_row + 1 + offset, start, values, block, names, size))
        sheet.row_dimensions[header_row + 1 + offset].height = height
    row = header_row + 1 + max(1, half)
    if not reminders:
        put_text(sheet, f"A{header_row + 1}", "所有应报单位均已报送。")
    _line(sheet, row + 1, widths, NOTE, font(names.body, size), 0)
    workbook.properties.title = f"{what}{kind.label}催报名单"
    stamp_workbook(workbook, office, (("催报期间", what),))
    print_setup(sheet, f"{header_row}:{header_row}", None, landscape=False)
    margins = sheet.page_margins
    margins.top, margins.bottom, margins.left, margins.right = 0.5, 0.6, 0.4, 0.4
    workbook.save(path)
    return path


def _contact(reminder: Reminder) -> tuple[str, str]:
    liaison = reminder.liaison
    return (liaison.name, liaison.phone) if liaison else ("", "")


def _line(sheet: Worksheet, row: int, widths: Sequence[float], text: str, cell_font: object, minimum: float) -> int:
    """A line merged across the sheet; returns the next row."""
    cell = put_text(sheet, f"A{row}", text)
    cell.font = cell_font
    cell.alignment = Alignment(horizontal="center" if row < 3 else "left", vertical="center", wrap_text=True)
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(widths))
    size = float(getattr(cell_font, "sz", None) or 11)
    height = row_height(estimated_lines(text, sum(widths), size), size)
    sheet.row_dimensions[row].height = min(MAX_ROW_HEIGHT, max(minimum, height))
    return row + 1


def _cells(
    sheet: Worksheet,
    row: int,
    start: int,
    values: Sequence[str],
    widths: Sequence[float],
    names: ExcelFonts,
    size: float,
    *,
    header: bool = False,
) -> float:
    """One block's cells of a row from column ``start``; returns the height they need."""
    height = row_height(1, size)
    for index, value in enumerate(values):
        cell = put_text(sheet, f"{get_column_letter(start + index)}{row}", value)
        cell.font = font(names.hei if header else names.body, size, bold=header)
        cell.border = BORDER
        if header:
            cell.fill = HEADER_FILL
        centred = header or index in (0, 2, 4)
        cell.alignment = Alignment(horizontal="center" if centred else "left", vertical="center", wrap_text=True)
        height = min(MAX_ROW_HEIGHT, max(height, row_height(estimated_lines(value, widths[index], size), size)))
    return height
