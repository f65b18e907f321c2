"""Excel layout shared by every workbook: 宋体 by default, columns printing at ≥ 90 %, rows tall enough."""

# Excel, WPS and LibreOffice neither fit row heights to wrapped text when they open a file nor agree on fonts,
# so widths and heights are computed here from the default font's metrics, on the safe side: a character as wide
# as its size in whole screen pixels, Latin letters wider than 宋体's, lines a little taller than Excel's.

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from shizhu_desktop.exports.fonts import FontChoice, FontRole

DEFAULT_FONT = "宋体"
BODY_SIZE = 11.0
GB2312_CHARSET = 134  # tells Excel the font is a Chinese one when it has to substitute it
MAX_ROW_HEIGHT = 409.0  # the tallest row Excel allows (pt)
#: Maximum digit width (px at 96 dpi) of 宋体 11 pt, which sets the width unit: Excel's default 8.38 = 72 px.
MDW = 8
#: The narrowest unit an application may use: LibreOffice with a substitute 宋体 (AR PL UMing) takes 7 px, and a
#: column is then an eighth narrower than in Excel. Lines are counted in such a column, so that none is cut.
_SAFE_MDW = 7
_CELL_PADDING_PX = 7  # Excel and LibreOffice keep 2–3 px on each side of wrapped text, and a grid line
#: Line spacing of wrapped text as a multiple of the font size: 宋体 is 1.295 in Excel (11 pt rows are 14.25 pt),
#: but LibreOffice on a Linux desktop draws 宋体 with what it has — Noto Sans CJK takes 1.45 — and cuts the last
#: line of a row estimated for 宋体. The larger is used: a little air in Excel, nothing cut anywhere.
LINE_SPACING = 1.47
ROW_PADDING = 4.0
#: Printable width (mm) of A4 between the margins print_setup sets (0.6 in left, 0.5 in right).
_MARGINS_MM = (0.6 + 0.5) * 25.4
MIN_SCALE = 0.9


@dataclass(frozen=True)
class ExcelFonts:
    """Font names written into a workbook: the official ones when this machine has them, else 宋体/黑体."""

    body: str
    title: str
    hei: str


def excel_fonts(choice: FontChoice) -> ExcelFonts:
    body = choice.roles[FontRole.FANGSONG].family if choice.is_official(FontRole.FANGSONG) else DEFAULT_FONT
    title = choice.roles[FontRole.XIAOBIAOSONG].family if choice.is_official(FontRole.XIAOBIAOSONG) else "黑体"
    hei = choice.roles[FontRole.HEI].family if choice.is_official(FontRole.HEI) else "黑体"
    return ExcelFonts(body, title, hei)


def font(name: str, size: float = BODY_SIZE, bold: bool = False) -> Font:
    return Font(name=name, size=size, bold=bold, charset=GB2312_CHARSET)


def use_default_font(workbook: Workbook) -> None:
    """Make 宋体 11 the workbook's default (Normal) font: the unit of column widths, and the font of empty cells.

    openpyxl's default is Calibri, whose narrower digits made every column a seventh narrower than planned and
    fit-to-width printed at about 76 %.
    """
    default = Font(name=DEFAULT_FONT, size=BODY_SIZE, charset=GB2312_CHARSET, family=3)
    workbook._fonts = IndexedList([default])  # index 0 is the font of every cell without its own
    workbook._named_styles["Normal"].font = default


def column_px(width: float, mdw: int = MDW) -> int:
    """Pixel width of a column of ``width`` units, as Excel computes it."""
    return math.trunc(width * mdw + 5)


def printable_px(landscape: bool = True) -> float:
    paper = 297.0 if landscape else 210.0
    return (paper - _MARGINS_MM) / 25.4 * 96


def fitted_widths(proportions: Sequence[float], landscape: bool = True, scale: float = 0.93) -> tuple[float, ...]:
    """Column widths in the proportions given that fill the printable width at ``scale`` (≥ 0.9).

    Fit-to-width then prints at ``scale`` where the default font is 宋体, and larger where it is narrower.
    """
    target = printable_px(landscape) / scale - 5 * len(proportions)
    total = sum(proportions)
    return tuple(round(p / total * target / MDW, 1) for p in proportions)


def print_scale(widths: Sequence[float], landscape: bool = True) -> float:
    """The scale fit-to-width gives columns of ``widths`` with 宋体 as the default font (at most 1)."""
    return min(1.0, printable_px(landscape) / sum(column_px(w) for w in widths))


def _char_units(char: str) -> float:
    """Width in ems: a full-width character is one; half-width ones are taken at 0.6 (wider than 宋体's 0.5)."""
    return 1.0 if unicodedata.east_asian_width(char) in ("W", "F", "A") else 0.6


def estimated_lines(text: str, width: float, size: float = BODY_SIZE) -> int:
    """Lines ``text`` wraps to in a column of ``width`` units at ``size`` pt, on the safe side.

    Wrapping is simulated as the applications do it: Chinese breaks between any characters, a run of Latin
    letters and digits (a number, a phone number) moves to the next line whole.
    """
    capacity = (column_px(width, _SAFE_MDW) - _CELL_PADDING_PX) / math.ceil(size * 96 / 72)
    capacity = max(1.0, capacity)
    total = 0
    for paragraph in text.split("\n"):
        lines, used = 1, 0.0
        for word in _words(paragraph):
            need = sum(_char_units(c) for c in word)
            if used and used + need > capacity:
                lines += 1
                used = 0.0
            while need > capacity:  # a word longer than a line is broken by characters
                lines += 1
                need -= capacity
            used += need
        total += lines
    return total


def _words(text: str) -> list[str]:
    words: list[str] = []
    for char in text:
        latin = char.isascii() and not char.isspace()
        if latin and words and words[-1] and words[-1][-1].isascii() and not words[-1][-1].isspace():
            words[-1] += char
        else:
            words.append(char)
    return words


def row_height(lines: int, size: float = BODY_SIZE) -> float:
    """Height (pt) of a row holding ``lines`` lines of ``size`` pt text (above 409 pt: see :func:`set_height`)."""
    return lines * size * LINE_SPACING + ROW_PADDING


#: Type is made smaller for a cell whose text would need more than one row's 409 pt, down to 9 pt.
MIN_SIZE = 9.0


def fitting_size(text: str, width: float, size: float = BODY_SIZE) -> float:
    """``size``, or a smaller one (whole points, not below 9) at which ``text`` fits one row of 409 pt."""
    while size > MIN_SIZE and row_height(estimated_lines(text, width, size), size) > MAX_ROW_HEIGHT:
        size -= 1
    return size


def keep_spread_rows_on_a_page(
    sheet: Worksheet, first_row: int, groups: list[tuple[int, int]], landscape: bool
) -> None:
    """Manual page breaks so that a row spread over several sheet rows is not split by a page break.

    ``groups``: (first row, row count) of each table row from ``first_row`` (the row after the repeated
    header). Pages are planned at 100 % — the largest scale fit-to-width may choose — so that a break comes no
    later than an application's own would.
    """
    page = (210.0 if landscape else 297.0) / 25.4 * 72 - (0.6 + 0.75) * 72
    header = sheet.row_dimensions[first_row - 1].height or 15.0
    used = sum(sheet.row_dimensions[r].height or 15.0 for r in range(1, first_row))
    for start, count in groups:
        height = sum(sheet.row_dimensions[r].height or 15.0 for r in range(start, start + count))
        if used + height <= page:
            used += height
        elif count > 1 and height <= page - header:
            sheet.row_breaks.append(Break(id=start - 1))
            used = header + height
        elif count == 1:
            used = header + height  # the application breaks before a row that does not fit
        else:
            used = header + (used + height - page) % max(1.0, page - header)  # taller than a page: it must break


def set_height(sheet: Worksheet, row: int, columns: int, height: float) -> int:
    """Give ``row`` the ``height`` its text needs; returns how many sheet rows it takes.

    A row holds at most 409 pt: a taller one is spread over several rows with every cell merged down, so that
    the text (kept in the top cell, where the payload check looks) is shown whole.
    """
    count = max(1, math.ceil(height / MAX_ROW_HEIGHT))
    for offset in range(count):
        sheet.row_dimensions[row + offset].height = min(MAX_ROW_HEIGHT, height / count + 0.5)
    if count > 1:
        for column in range(1, columns + 1):
            sheet.merge_cells(start_row=row, start_column=column, end_row=row + count - 1, end_column=column)
    return count


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
