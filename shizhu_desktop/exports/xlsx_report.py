"""The Excel workbook of a report: the official table(s), the indicators and the very hidden payload sheet."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

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
from shizhu_desktop.exports.docprops import stamp_workbook
from shizhu_desktop.exports.fonts import FontChoice, choose_fonts
from shizhu_desktop.exports.titles import (
    INDICATOR_SHEET,
    MONTHLY_SHEET,
    NARRATIVE_SHEET,
    QUARTER_SHEET,
    joined,
    report_title,
    table_title,
)
from shizhu_desktop.exports.xlsx_style import (
    BODY_SIZE,
    MAX_ROW_HEIGHT,
    ExcelFonts,
    estimated_lines,
    excel_fonts,
    fitted_widths,
    fitting_size,
    font,
    keep_spread_rows_on_a_page,
    print_setup,
    row_height,
    set_height,
    use_default_font,
)
from shizhu_desktop.interchange.fingerprints import check_code
from shizhu_desktop.interchange.xlsx_payload import CheckedCell, put_text, write_payload_sheet

#: Column widths in Excel's units (宋体 11's digit width): the PDF's proportions, filling A4 landscape at 93 %.
MONTHLY_WIDTHS = fitted_widths((8, 19, 41, 16, 13, 44, 33, 33, 35, 20))
QUARTER_WIDTHS = fitted_widths((9, 28, 19, 17, 52, 17, 52, 17, 52))
INDICATOR_WIDTHS = fitted_widths((64, 16, 37, 17, 19, 19, 17, 17, 56))
NARRATIVE_WIDTH = fitted_widths((1,), landscape=False, scale=1.0)[0]
CENTRED_MONTHLY = {0, 3, 4}
CENTRED_QUARTER = {0, 2, 3, 5, 7}
CENTRED_INDICATOR = {1, 2, 3, 4, 5, 6, 7}
MEASURES_SIZE, NARRATIVE_SIZE = 10.0, 14.0

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="F2F2F2")


def write_xlsx(bundle: ReportBundle, path: Path, *, fonts: FontChoice | None = None) -> Path:
    """Write the report's workbook to ``path`` and return it: monthly or quarterly by the report's kind."""
    names = excel_fonts(fonts or choose_fonts())
    workbook = Workbook()
    use_default_font(workbook)
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
    props.keywords = f"{bundle.unit.name} {bundle.period_label} 第{bundle.report.revision}版"
    props.description = "石柱县绿色低碳循环发展工作推进情况填报程序导出。"
    stamp_workbook(
        workbook,
        bundle.unit.organ_name,
        (
            ("填报单位", bundle.unit.organ_name),
            ("单位代码", bundle.unit.code),
            ("报表期间", bundle.period_label),
            ("版本", f"第{bundle.report.revision}版"),
            ("校验码", check_code(str(bundle.payload.get("sha256") or ""))),
        ),
    )


def merged_line(
    sheet: Worksheet, row: int, widths: Sequence[float], text: str, cell_font: Font, align: str, minimum: float = 0
) -> None:
    """A line merged across the table, as tall as its wrapped text needs."""
    put_text(sheet, f"A{row}", text)
    cell = sheet[f"A{row}"]
    cell.font = cell_font
    cell.alignment = Alignment(horizontal=align, vertical="center", wrap_text=True)
    if len(widths) > 1:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(widths))
    size = float(cell_font.sz or BODY_SIZE)
    height = row_height(estimated_lines(text, sum(widths), size), size)
    sheet.row_dimensions[row].height = min(MAX_ROW_HEIGHT, max(minimum, height))


def _table_sheet(
    sheet: Worksheet,
    bundle: ReportBundle,
    fonts: ExcelFonts,
    table: Table,
    widths: Sequence[float],
    centred: set[int],
    checked: list[CheckedCell],
) -> None:
    title = joined(table_title(ReportKind.MONTHLY.label))  # the quarter's table is a 情况表 too
    merged_line(sheet, 1, widths, title, font(fonts.title, 18), "center", 34)
    merged_line(sheet, 2, widths, f"（{bundle.period_label}）", font(fonts.body, 14), "center", 24)
    merged_line(sheet, 3, widths, info_line(bundle), font(fonts.body), "left", 24)
    header_row = 4
    _header(sheet, header_row, table.header, widths, fonts)
    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    row = header_row + 1
    sizes = [MEASURES_SIZE if (i == 2 and not bundle.is_quarterly) else BODY_SIZE for i in range(len(widths))]
    groups = []
    for row_cells in table.rows:
        count = _body_row(sheet, row, row_cells, widths, sizes, centred, fonts, checked)
        groups.append((row, count))
        row += count
    keep_spread_rows_on_a_page(sheet, header_row + 1, groups, landscape=True)
    text = ("\u3000" * 8).join(SIGNATURE_LABELS)
    merged_line(sheet, row + 1, widths, text, font(fonts.body, 12), "left", 30)
    print_setup(sheet, f"{header_row}:{header_row}", f"A{header_row + 1}")


def _header(sheet: Worksheet, row: int, header: Sequence[str], widths: Sequence[float], fonts: ExcelFonts) -> None:
    for index, text in enumerate(header, 1):
        cell = put_text(sheet, f"{get_column_letter(index)}{row}", text)
        cell.font = font(fonts.hei, BODY_SIZE, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = _BORDER
        cell.fill = _HEADER_FILL
    lines = max(estimated_lines(t, w) for t, w in zip(header, widths, strict=True))
    sheet.row_dimensions[row].height = min(MAX_ROW_HEIGHT, row_height(lines))


def _body_row(
    sheet: Worksheet,
    row: int,
    cells: Sequence[Cell],
    widths: Sequence[float],
    sizes: Sequence[float],
    centred: set[int],
    fonts: ExcelFonts,
    checked: list[CheckedCell],
) -> int:
    """One table row from ``row``; returns the number of sheet rows it took."""
    height = row_height(1)
    for index, cell in enumerate(cells):
        size = fitting_size(cell.text, widths[index], sizes[index])
        coordinate = f"{get_column_letter(index + 1)}{row}"
        if cell.number is not None:
            target = sheet[coordinate]
            target.value = cell.number
            target.number_format = "0.##" if not float(cell.number).is_integer() else "0"
        else:
            target = put_text(sheet, coordinate, cell.text)
        target.font = font(fonts.body, size)
        target.border = _BORDER
        horizontal = "center" if index in centred else "left"
        target.alignment = Alignment(horizontal=horizontal, vertical="top", wrap_text=True)
        height = max(height, row_height(estimated_lines(cell.text, widths[index], size), size))
        if cell.key is not None:
            kind, key, field = cell.key
            checked.append(CheckedCell(sheet.title, coordinate, kind, key, field, cell.where))
    # Excel does not fit row heights to wrapped text when it opens a file: they are computed here.
    return set_height(sheet, row, len(cells), height)


def _indicator_sheet(sheet: Worksheet, bundle: ReportBundle, fonts: ExcelFonts, checked: list[CheckedCell]) -> None:
    table = indicator_table(bundle)
    widths = INDICATOR_WIDTHS
    merged_line(sheet, 1, widths, "指标完成情况", font(fonts.title, 18), "center", 34)
    source = "" if bundle.indicators_are_own() else "（取自本季度最近一个月的月报）"
    subtitle = f"（{bundle.unit.organ_name}　{bundle.period_label}）{source}"
    merged_line(sheet, 2, widths, subtitle, font(fonts.body, 12), "center", 24)
    _header(sheet, 3, table.header, widths, fonts)
    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    row = 4
    for row_cells in table.rows:
        row += _body_row(sheet, row, row_cells, widths, [BODY_SIZE] * len(widths), CENTRED_INDICATOR, fonts, checked)
    if not table.rows:
        merged_line(sheet, 4, widths, "本单位没有需要填报的量化指标。", font(fonts.body), "center", 24)
    print_setup(sheet, "3:3", "A4")


def _narrative_sheet(sheet: Worksheet, bundle: ReportBundle, fonts: ExcelFonts, checked: list[CheckedCell]) -> None:
    """The report's three sections, one paragraph a row (a row holds at most 409 pt of text)."""
    widths = (NARRATIVE_WIDTH,)
    sheet.column_dimensions["A"].width = NARRATIVE_WIDTH
    heading = joined(report_title(bundle.unit, bundle.period_label))
    merged_line(sheet, 1, widths, heading, font(fonts.title, 18), "center", 48)
    row = 2
    for title, cell in narrative_sections(bundle):
        row += 1
        head = put_text(sheet, f"A{row}", title)
        head.font = font(fonts.hei, NARRATIVE_SIZE)
        sheet.row_dimensions[row].height = row_height(1, NARRATIVE_SIZE)
        for index, paragraph in enumerate(cell.text.split("\n")):
            row += 1
            body = put_text(sheet, f"A{row}", paragraph)
            body.font = font(fonts.body, NARRATIVE_SIZE)
            body.alignment = Alignment(vertical="top", wrap_text=True, indent=2)
            # The two-character indent (indent=2 is about 2 × 3 digit widths) narrows the first line.
            lines = estimated_lines("\u3000\u3000" + paragraph, NARRATIVE_WIDTH, NARRATIVE_SIZE)
            if cell.key is not None:
                kind, key, field = cell.key
                checked.append(CheckedCell(sheet.title, f"A{row}", kind, key, f"{field}:{index}", cell.where))
            row += set_height(sheet, row, 1, row_height(lines, NARRATIVE_SIZE)) - 1
    print_setup(sheet, None, None, landscape=False)
