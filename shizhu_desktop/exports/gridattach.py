"""Attachments of an official document (a table turned on portrait sheets, a chart) and its 版记 at the end."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from shizhu_desktop.exports.chartrows import ChartRow
from shizhu_desktop.exports.fonts import FontRole
from shizhu_desktop.exports.gridpage import BLOCK_WIDTH, BOTTOM, LEFT, PITCH, TOP, official_page_number
from shizhu_desktop.exports.pdf_chart import draw_chart, rows_per_page
from shizhu_desktop.exports.pdfflow import LandscapeFlow
from shizhu_desktop.exports.pdffonts import PdfFonts
from shizhu_desktop.exports.pdfpage import MM, PORTRAIT
from shizhu_desktop.exports.pdftable import PdfTable
from shizhu_desktop.exports.pdftext import Line, draw_line, lay_out, lay_out_title

LABEL_SIZE, ATTACHMENT_TITLE_SIZE, NOTE_SIZE = 16.0, 22.0, 12.0
#: 版记 (GB/T 9704 §7.4) in 4号仿宋: 抄送 and 印发 lines between rules.
COLOPHON_SIZE = 14.0
_COLOPHON_LINE = COLOPHON_SIZE * 1.9


def table_attachment(
    canvas: Any, fonts: PdfFonts, number: int, label: str, title: Sequence[str], info: str, table: PdfTable
) -> int:
    """A landscape table attachment on new pages turned on portrait sheets; returns how many pages it took."""
    canvas.showPage()
    flow = LandscapeFlow(canvas, fonts, number, lambda c, n: official_page_number(c, fonts, n), turned=True)
    flow.label(label)
    flow.title(title, FontRole.XIAOBIAOSONG, 20.0)
    if info:
        flow.skip(2)
        flow.text(info)
    flow.table(table)
    return flow.finish()


def chart_attachment(
    canvas: Any,
    fonts: PdfFonts,
    number: int,
    label: str,
    title: Sequence[str],
    rows: list[ChartRow],
    *,
    note: str = "",
    empty: str = "",
    reserve: float = 0.0,
) -> tuple[int, float]:
    """A chart attachment on portrait pages, as many rows a page as fit; returns (pages, y of the last page's
    free space top). ``reserve`` keeps that much room at the foot of the last page when rows allow it."""
    pages, first = 0, True
    top = PORTRAIT[1] - TOP
    while first or rows:
        canvas.showPage()
        canvas.setPageSize(PORTRAIT)
        top = PORTRAIT[1] - TOP
        if first:
            line = lay_out(fonts, label, FontRole.HEI, LABEL_SIZE, BLOCK_WIDTH)[0]
            draw_line(canvas, line, LEFT, top)
            top -= LABEL_SIZE * 2
            for line in lay_out_title(fonts, title, FontRole.XIAOBIAOSONG, ATTACHMENT_TITLE_SIZE, BLOCK_WIDTH):
                draw_line(canvas, line, LEFT + (BLOCK_WIDTH - line.width) / 2, top)
                top -= PITCH
            for line in lay_out(fonts, note, FontRole.FANGSONG, NOTE_SIZE, BLOCK_WIDTH, balanced=True) if note else []:
                draw_line(canvas, line, LEFT + (BLOCK_WIDTH - line.width) / 2, top)
                top -= NOTE_SIZE * 1.5
            top -= PITCH / 2
            if not rows and empty:
                draw_line(canvas, lay_out(fonts, empty, FontRole.FANGSONG, 16.0, BLOCK_WIDTH)[0], LEFT, top)
                top -= PITCH
        first = False
        count = rows_per_page(top - BOTTOM - 8 * MM)
        if len(rows) <= count and rows_per_page(top - BOTTOM - 8 * MM - reserve) >= len(rows):
            count = len(rows)
        if rows:
            top -= draw_chart(canvas, fonts, rows[:count], LEFT, top)
        rows = rows[count:]
        official_page_number(canvas, fonts, number + pages)
        pages += 1
    return pages, top


def _copy_lines(fonts: PdfFonts, copy_to: str) -> list[Line]:
    width = BLOCK_WIDTH - 2 * COLOPHON_SIZE  # 左右各空一字
    return lay_out(fonts, f"抄送：{copy_to}。", FontRole.FANGSONG, COLOPHON_SIZE, width) if copy_to else []


def colophon_height(fonts: PdfFonts, copy_to: str) -> float:
    return (len(_copy_lines(fonts, copy_to)) + 1) * _COLOPHON_LINE + 2


def draw_colophon(canvas: Any, fonts: PdfFonts, copy_to: str, issuer: str, issued: str) -> None:
    """版记 at the foot of the text block: a rule, 抄送：…, a thin rule, 印发机关 and 印发日期, a rule."""
    copy = _copy_lines(fonts, copy_to)
    indent, middle = COLOPHON_SIZE, (_COLOPHON_LINE - COLOPHON_SIZE) / 2
    issued_top = BOTTOM + _COLOPHON_LINE
    top = issued_top + len(copy) * _COLOPHON_LINE + (1 if copy else 0)
    canvas.setLineWidth(0.9)
    canvas.line(LEFT, top, LEFT + BLOCK_WIDTH, top)
    canvas.line(LEFT, BOTTOM, LEFT + BLOCK_WIDTH, BOTTOM)
    for n, line in enumerate(copy):
        draw_line(canvas, line, LEFT + indent, top - n * _COLOPHON_LINE - middle)
    if copy:
        canvas.setLineWidth(0.5)
        canvas.line(LEFT, issued_top, LEFT + BLOCK_WIDTH, issued_top)
    left = lay_out(fonts, issuer, FontRole.FANGSONG, COLOPHON_SIZE, BLOCK_WIDTH / 2)[0]
    right = lay_out(fonts, f"{issued}印发", FontRole.FANGSONG, COLOPHON_SIZE, BLOCK_WIDTH / 2)[0]
    draw_line(canvas, left, LEFT + indent, issued_top - middle)
    draw_line(canvas, right, LEFT + BLOCK_WIDTH - indent - right.width, issued_top - middle)
