"""The monthly 工作推进情况表 as a PDF: A4 landscape, header repeated, long cells continued, page numbers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from shizhu_desktop.exports.bundle import ReportBundle
from shizhu_desktop.exports.content import info_line, monthly_table
from shizhu_desktop.exports.fonts import FontChoice, FontRole
from shizhu_desktop.exports.pdffonts import PdfFonts, choose_pdf_fonts
from shizhu_desktop.exports.pdfpage import LANDSCAPE, MM, draw_page_number, draw_signature_line, new_canvas
from shizhu_desktop.exports.pdftable import Column, PdfTable
from shizhu_desktop.exports.pdftext import draw_aligned, lay_out

# Margins (mm): the left edge is bound; the bottom leaves room for the page number.
TOP, BOTTOM, LEFT, RIGHT = 18 * MM, 20 * MM, 20 * MM, 15 * MM
TITLE_SIZE, SUBTITLE_SIZE, INFO_SIZE = 20.0, 14.0, 12.0
#: Column widths (mm) in MONTHLY_HEADER order, 262 mm in all; the catalog's measures in smaller type.
MONTHLY_COLUMNS = (
    Column(9 * MM, "center"),
    Column(22 * MM),
    Column(66 * MM, size=9.0),
    Column(17 * MM, "center"),
    Column(17 * MM, "center"),
    Column(38 * MM),
    Column(30 * MM),
    Column(22 * MM),
    Column(24 * MM),
    Column(17 * MM),
)


def write_monthly_pdf(
    bundle: ReportBundle, path: Path, *, allow_missing: bool = False, fonts: FontChoice | None = None
) -> Path:
    """Write the monthly table of ``bundle`` to ``path`` (raises MissingGlyphsError before writing)."""
    pdf_fonts = PdfFonts(fonts or choose_pdf_fonts(), allow_missing=allow_missing)
    table = monthly_table(bundle)
    pdf_fonts.check(_texts(bundle, table))
    canvas = new_canvas(path, bundle, LANDSCAPE, pdf_fonts)
    draw_table_pages(
        canvas,
        pdf_fonts,
        [bundle.title, f"（{bundle.period_label}）"],
        info_line(bundle),
        PdfTable(pdf_fonts, table.header, [[c.text for c in row] for row in table.rows], MONTHLY_COLUMNS),
        first_page_number=1,
        signature=True,
    )
    canvas.save()
    return path


def _texts(bundle: ReportBundle, table: Any) -> list[tuple[str, str]]:
    texts = [("标题", bundle.title), ("填报信息", info_line(bundle))]
    texts.extend((cell.where or "表格", cell.text) for row in table.rows for cell in row)
    return texts


def draw_table_pages(
    canvas: Any,
    fonts: PdfFonts,
    headings: list[str],
    info: str,
    table: PdfTable,
    *,
    first_page_number: int,
    signature: bool,
    before_first: Any = None,
    numbering: Callable[[Any, int], None] | None = None,
) -> int:
    """Draw a titled table over as many landscape pages as it needs; return the number of pages drawn.

    ``before_first`` draws above the title on the first page (附件1 in the quarterly report) and returns the
    height it used; ``numbering`` draws a page number (default: centred at the foot).
    """
    number_page = numbering or (lambda c, n: _number(c, fonts, n))
    width, height = LANDSCAPE
    text_width = width - LEFT - RIGHT
    top = height - TOP
    if before_first is not None:
        top -= before_first(canvas, LEFT, top)
    for n, heading in enumerate(headings):
        size = TITLE_SIZE if n == 0 else SUBTITLE_SIZE
        role = FontRole.XIAOBIAOSONG if n == 0 else FontRole.KAI
        for line in lay_out(fonts, heading, role, size, text_width, balanced=True):
            draw_aligned(canvas, line, LEFT, text_width, top, "center")
            top -= size * 1.5
    if info:
        top -= 4
        for line in lay_out(fonts, info, FontRole.FANGSONG, INFO_SIZE, text_width):
            draw_aligned(canvas, line, LEFT, text_width, top, "left")
            top -= INFO_SIZE * 1.5
        top -= 2
    bottom = BOTTOM
    pages = table.paginate(top - bottom, height - TOP - bottom)
    signature_height = 16 * MM
    y = top
    for index, pieces in enumerate(pages):
        if index:
            canvas.showPage()
            canvas.setPageSize(LANDSCAPE)
            y = height - TOP
        y = table.draw_header(canvas, LEFT, y)
        for piece in pieces:
            y = table.draw_piece(canvas, piece, LEFT, y)
        if index < len(pages) - 1 or not signature or y - signature_height >= bottom:
            number_page(canvas, first_page_number + index)
    count = len(pages)
    if signature:
        if y - signature_height < bottom:
            canvas.showPage()
            canvas.setPageSize(LANDSCAPE)
            y = height - TOP
            count += 1
            number_page(canvas, first_page_number + count - 1)
        draw_signature_line(canvas, fonts, LEFT, text_width, y - 8 * MM, INFO_SIZE)
    return count


def _number(canvas: Any, fonts: PdfFonts, number: int) -> None:
    width, _ = LANDSCAPE
    draw_page_number(canvas, fonts, number, top=BOTTOM - 7 * MM, size=12.0, centre=width / 2)
