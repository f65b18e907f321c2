"""Shared PDF page furniture: the canvas with document properties, page numbers “— N —”, signature lines."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from shizhu_desktop.exports.bundle import ReportBundle
from shizhu_desktop.exports.content import SIGNATURE_LABELS
from shizhu_desktop.exports.docprops import program_label
from shizhu_desktop.exports.fonts import FontRole
from shizhu_desktop.exports.pdffonts import PdfFonts
from shizhu_desktop.exports.pdftext import draw_line, em_top_baseline, lay_out

PORTRAIT = (float(A4[0]), float(A4[1]))
LANDSCAPE = (float(A4[1]), float(A4[0]))
MM = float(mm)


def new_canvas(path: Path, bundle: ReportBundle, pagesize: tuple[float, float], fonts: PdfFonts) -> Any:
    """A canvas whose document properties name the report and the unit (shown by PDF viewers)."""
    # The initial font is one of ours: reportlab's default Helvetica would be listed in the PDF, not embedded.
    body = fonts.primary(FontRole.FANGSONG).name
    canvas = Canvas(str(path), pagesize=pagesize, pageCompression=1, initialFontName=body)
    canvas.setTitle(f"{bundle.unit.name}{bundle.period_label}{bundle.title}")
    canvas.setAuthor(bundle.unit.name)
    canvas.setSubject(f"{bundle.title}（{bundle.period_label}）")
    canvas.setCreator(program_label())
    canvas.setKeywords([bundle.unit.name, bundle.period_label, f"第{bundle.report.revision}版"])
    return canvas


def page_number_text(number: int) -> str:
    return f"— {number} —"


def draw_page_number(
    canvas: Any,
    fonts: PdfFonts,
    number: int,
    *,
    top: float,
    size: float,
    left: float | None = None,
    right: float | None = None,
    centre: float | None = None,
) -> None:
    """“— N —” with its em box top at ``top``: ending at ``right``, starting at ``left`` or centred on ``centre``."""
    font = fonts.primary(FontRole.SONG)
    text = page_number_text(number)
    # Drawn as one string, spaces included, so that text extraction reads exactly “— N —”.
    width = sum(font.width(ch, size) for ch in text)
    if right is not None:
        x = right - width
    elif left is not None:
        x = left
    else:
        x = (centre or 0.0) - width / 2
    canvas.setFont(font.name, size)
    canvas.drawString(x, em_top_baseline(font, size, top), text)


def draw_signature_line(canvas: Any, fonts: PdfFonts, x: float, width: float, top: float, size: float) -> None:
    """分管领导：　审核人：　填报人： spread over the width, each with a rule to sign on."""
    slot = width / len(SIGNATURE_LABELS)
    for i, label in enumerate(SIGNATURE_LABELS):
        line = lay_out(fonts, label, FontRole.FANGSONG, size, slot)[0]
        left = x + i * slot
        draw_line(canvas, line, left, top)
        canvas.setLineWidth(0.5)
        rule = top - size - 2  # just under the em box
        canvas.line(left + line.width + 2, rule, left + slot - 12 * MM, rule)
