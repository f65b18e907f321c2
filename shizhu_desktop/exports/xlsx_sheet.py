"""A printed table in a worksheet: merged title lines, a header, ruled rows whose heights follow their text."""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from shizhu_desktop.exports.xlsx_style import (
    BODY_SIZE,
    MAX_ROW_HEIGHT,
    ExcelFonts,
    estimated_lines,
    font,
    print_setup,
    row_height,
    set_height,
)
from shizhu_desktop.interchange.xlsx_payload import put_text

_THIN = Side(style="thin", color="000000")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
HEADER_FILL = PatternFill("solid", fgColor="F2F2F2")
GROUP_FILL = PatternFill("solid", fgColor="E8EEF4")


class SheetWriter:
    """Writes one printed table: merged title lines, a header, ruled rows whose heights follow their text."""

    def __init__(
        self,
        sheet: Worksheet,
        fonts: ExcelFonts,
        widths: Sequence[float],
        centred: Sequence[int] = (),
        valign: str = "center",
        size: float = BODY_SIZE,
    ) -> None:
        self.sheet, self.fonts, self.widths, self.centred = sheet, fonts, list(widths), set(centred)
        self.valign = valign
        self.size = size
        for index, width in enumerate(widths, 1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        self.row = 0

    def font(self, name: str, size: float | None = None, bold: bool = False) -> Font:
        return font(name, size or self.size, bold)

    def line(self, text: str, *, size: float | None = None, title: bool = False, align: str = "left") -> int:
        """A line merged across the table; its height follows the wrapped text."""
        self.row += 1
        size = size or self.size
        cell = put_text(self.sheet, f"A{self.row}", text)
        cell.font = self.font(self.fonts.title if title else self.fonts.body, size)
        cell.alignment = Alignment(horizontal=align, vertical="center", wrap_text=True)
        if len(self.widths) > 1:
            self.sheet.merge_cells(start_row=self.row, start_column=1, end_row=self.row, end_column=len(self.widths))
        lines = estimated_lines(text, sum(self.widths), size)
        self.sheet.row_dimensions[self.row].height = min(MAX_ROW_HEIGHT, max(size * 1.8, row_height(lines, size)))
        return self.row

    def header(self, texts: Sequence[str]) -> int:
        self.row += 1
        for index, text in enumerate(texts, 1):
            cell = put_text(self.sheet, f"{get_column_letter(index)}{self.row}", text)
            cell.font = self.font(self.fonts.hei, bold=True)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            cell.border = BORDER
            cell.fill = HEADER_FILL
        lines = max(estimated_lines(t, w, self.size) for t, w in zip(texts, self.widths, strict=False))
        self.sheet.row_dimensions[self.row].height = max(self.size * 2, row_height(lines, self.size))
        return self.row

    def values(
        self,
        values: Sequence[str | float | None],
        *,
        fills: Sequence[PatternFill | None] = (),
        formats: dict[int, str] | None = None,
        merge_from: int | None = None,
    ) -> int:
        """One ruled row: texts are written as text (never a formula), numbers as numbers.

        ``merge_from``: the cells from that column to the last are merged into one (a long list of names).
        """
        self.row += 1
        lines = 1
        widths = list(self.widths)
        if merge_from is not None:
            widths[merge_from] = sum(widths[merge_from:])
        for index, value in enumerate(values):
            coordinate = f"{get_column_letter(index + 1)}{self.row}"
            if isinstance(value, (int, float)):
                cell = self.sheet[coordinate]
                cell.value = value
                cell.number_format = (formats or {}).get(index, "0" if float(value).is_integer() else "0.##")
            else:
                cell = put_text(self.sheet, coordinate, value or "")
                lines = max(lines, estimated_lines(value or "", widths[index], self.size))
            cell.font = self.font(self.fonts.body)
            cell.border = BORDER
            horizontal = "center" if index in self.centred else "left"
            cell.alignment = Alignment(horizontal=horizontal, vertical=self.valign, wrap_text=True)
            fill = fills[index] if index < len(fills) else None
            if fill is not None:
                cell.fill = fill
        if merge_from is not None:
            self.sheet.merge_cells(
                start_row=self.row, start_column=merge_from + 1, end_row=self.row, end_column=len(self.widths)
            )
            self.sheet.row_dimensions[self.row].height = min(MAX_ROW_HEIGHT, row_height(lines, self.size))
            return self.row
        first = self.row
        self.row += set_height(self.sheet, first, len(values), row_height(lines, self.size)) - 1
        return first

    def band(self, text: str) -> int:
        """A ruled, shaded row merged across the table: a group heading inside it (task, unit kind)."""
        self.row += 1
        cell = put_text(self.sheet, f"A{self.row}", text)
        cell.font = self.font(self.fonts.hei, bold=True)
        cell.alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
        for index in range(1, len(self.widths) + 1):
            target = self.sheet.cell(row=self.row, column=index)
            target.border = BORDER
            target.fill = GROUP_FILL
        self.sheet.merge_cells(start_row=self.row, start_column=1, end_row=self.row, end_column=len(self.widths))
        lines = estimated_lines(text, sum(self.widths), self.size)
        self.sheet.row_dimensions[self.row].height = min(MAX_ROW_HEIGHT, row_height(lines, self.size))
        return self.row

    def skip(self) -> None:
        self.row += 1

    def print_setup(self, header_row: int, landscape: bool = True) -> None:
        """A4, one page wide, the header repeated on every page and frozen, 第 N 页 共 M 页."""
        print_setup(self.sheet, f"{header_row}:{header_row}", f"A{header_row + 1}", landscape)
