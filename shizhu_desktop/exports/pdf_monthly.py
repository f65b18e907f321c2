"""The monthly 工作推进情况表 as a PDF: A4 landscape, the task table, the indicators, signatures and their check."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from shizhu_desktop.exports.bundle import ReportBundle
from shizhu_desktop.exports.content import all_texts, indicator_table, info_line, monthly_table
from shizhu_desktop.exports.fonts import FontChoice, FontRole
from shizhu_desktop.exports.pdfflow import INFO_SIZE, SUBTITLE_SIZE, TITLE_SIZE, LandscapeFlow
from shizhu_desktop.exports.pdffonts import PdfFonts, choose_pdf_fonts
from shizhu_desktop.exports.pdfpage import LANDSCAPE, MM, draw_signature_line, new_canvas
from shizhu_desktop.exports.pdfstamp import QR_SIZE, draw_verification
from shizhu_desktop.exports.pdftable import Column, PdfTable
from shizhu_desktop.exports.titles import table_title

#: Column widths (mm) in MONTHLY_HEADER order, 262 mm in all. The clerk's own texts get the room: 具体举措 is
#: reference text (only this unit's measures, in smaller type), 存在问题 and 下步打算 are written every month.
MONTHLY_COLUMNS = (
    Column(8 * MM, "center"),
    Column(19 * MM),
    Column(41 * MM, size=9.0),
    Column(16 * MM, "center"),
    Column(13 * MM, "center"),
    Column(44 * MM),
    Column(33 * MM),
    Column(33 * MM),
    Column(35 * MM),
    Column(20 * MM),
)
#: 指标 | 单位 | 目标值 | 目标年 | 本期值 | 累计值 | 完成率 | 序时进度 | 说明: the Excel sheet's columns, 262 mm.
INDICATOR_COLUMNS = (
    Column(64 * MM),
    Column(16 * MM, "center"),
    Column(37 * MM, "center"),  # room for —（县里尚未下达2026年目标） on two lines broken between phrases
    Column(17 * MM, "center"),
    Column(19 * MM, "center"),
    Column(19 * MM, "center"),
    Column(17 * MM, "center"),
    Column(17 * MM, "center"),
    Column(56 * MM),
)
INDICATOR_HEADING = "指标完成情况"
SIGNATURE_HEIGHT = QR_SIZE + 5 * MM


def write_monthly_pdf(
    bundle: ReportBundle, path: Path, *, allow_missing: bool = False, fonts: FontChoice | None = None
) -> Path:
    """Write the monthly table of ``bundle`` to ``path`` (raises MissingGlyphsError before writing)."""
    pdf_fonts = PdfFonts(fonts or choose_pdf_fonts(), allow_missing=allow_missing)
    pdf_fonts.check(all_texts(bundle))
    canvas = new_canvas(path, bundle, LANDSCAPE, pdf_fonts)
    flow = LandscapeFlow(canvas, pdf_fonts, 1)
    draw_monthly(flow, bundle)
    flow.finish()
    canvas.save()
    return path


def draw_monthly(flow: LandscapeFlow, bundle: ReportBundle) -> None:
    """Title, info line, the task table, the indicator table and the signature block onto ``flow``."""
    fonts = flow.fonts
    flow.title(table_title(bundle.report.kind.label), FontRole.XIAOBIAOSONG, TITLE_SIZE)
    flow.title([f"（{bundle.period_label}）"], FontRole.KAI, SUBTITLE_SIZE)
    flow.skip(2)
    flow.text(info_line(bundle))
    table = monthly_table(bundle)
    flow.table(PdfTable(fonts, table.header, [[c.text for c in row] for row in table.rows], MONTHLY_COLUMNS))
    indicators = indicator_table(bundle)
    if indicators.rows:
        rows = [[c.text for c in row] for row in indicators.rows]
        flow.table(PdfTable(fonts, indicators.header, rows, INDICATOR_COLUMNS), heading=INDICATOR_HEADING)
    flow.skip(6 * MM)
    flow.block(SIGNATURE_HEIGHT, lambda canvas, left, top, width: _signatures(canvas, fonts, bundle, left, top, width))


def _signatures(canvas: Any, fonts: PdfFonts, bundle: ReportBundle, left: float, top: float, width: float) -> None:
    """分管领导：　审核人：　填报人： on the left; fingerprint, 校验码 and QR code at the right."""
    used = draw_verification(canvas, fonts, bundle.payload, left + width, top)
    draw_signature_line(canvas, fonts, left, width - used - 12 * MM, top - 3 * MM, INFO_SIZE)
