"""附件2: each indicator's completion against its target, drawn as reportlab graphics (bars, target line)."""

from __future__ import annotations

from typing import Any

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors

from shizhu_desktop.domain.numbers import format_number
from shizhu_desktop.exports.chartrows import ChartRow
from shizhu_desktop.exports.fonts import FontRole
from shizhu_desktop.exports.pdffonts import PdfFonts
from shizhu_desktop.exports.pdfpage import MM
from shizhu_desktop.exports.pdftext import Line as TextLine
from shizhu_desktop.exports.pdftext import em_top_baseline, lay_out

LABEL_WIDTH, BAR_WIDTH, ROW_HEIGHT = 62 * MM, 62 * MM, 17 * MM
SCALE_MAX = 120.0  # the bar axis runs to 120 % so that an over-fulfilled target still shows as such
LABEL_SIZE, NOTE_SIZE = 10.5, 9.0
_DONE, _SHORT, _TRACK = colors.HexColor("#2E6B4F"), colors.HexColor("#4A6FA5"), colors.HexColor("#E4E4E4")
_PACE = colors.HexColor("#C0504D")


def rows_per_page(height: float) -> int:
    return max(1, int(height // ROW_HEIGHT))


def draw_chart(canvas: Any, fonts: PdfFonts, rows: list[ChartRow], x: float, top: float) -> float:
    """Draw ``rows`` as a bar chart with its top-left at (x, top); return the height used."""
    height = len(rows) * ROW_HEIGHT + 8 * MM
    width = LABEL_WIDTH + BAR_WIDTH + 30 * MM
    drawing = Drawing(width, height)
    # The renderer's initial font would otherwise be Helvetica: listed in the PDF but never embedded.
    drawing.initialFontName = fonts.primary(FontRole.FANGSONG).name
    bar_left = LABEL_WIDTH + 3 * MM
    axis_top = height - 6 * MM
    target_x = bar_left + BAR_WIDTH * 100 / SCALE_MAX
    for n, row in enumerate(rows):
        slot_top = axis_top - n * ROW_HEIGHT
        for k, line in enumerate(lay_out(fonts, row.label, FontRole.FANGSONG, LABEL_SIZE, LABEL_WIDTH)[:3]):
            _strings(drawing, line, 0, slot_top - 2 - k * 13)
        bar_top = slot_top - 3 * MM
        drawing.add(
            Rect(bar_left, bar_top - 5 * MM, BAR_WIDTH * 100 / SCALE_MAX, 5 * MM, fillColor=_TRACK, strokeColor=None)
        )
        if row.percent is not None:
            length = BAR_WIDTH * min(row.percent, SCALE_MAX) / SCALE_MAX
            fill = _DONE if row.percent >= 100 else _SHORT
            drawing.add(Rect(bar_left, bar_top - 5 * MM, length, 5 * MM, fillColor=fill, strokeColor=None))
            label = f"{format_number(row.percent)}%"
        else:
            label = "—" if row.has_target else ""
        if row.has_target:  # no 目标 mark where no target was set: the note says so
            drawing.add(
                Line(
                    target_x, bar_top + 1 * MM, target_x, bar_top - 5.5 * MM, strokeColor=colors.black, strokeWidth=0.8
                )
            )
        if row.pace is not None:
            pace_x = bar_left + BAR_WIDTH * min(row.pace, SCALE_MAX) / SCALE_MAX
            drawing.add(
                Line(
                    pace_x,
                    bar_top + 1 * MM,
                    pace_x,
                    bar_top - 5.5 * MM,
                    strokeColor=_PACE,
                    strokeWidth=1.2,
                    strokeDashArray=[1.5, 1.2],
                )
            )
        value_line = lay_out(fonts, label, FontRole.HEI, LABEL_SIZE, 30 * MM)[0]
        _strings(drawing, value_line, bar_left + BAR_WIDTH + 2 * MM, bar_top - 0.5 * MM)
        note = lay_out(fonts, row.note, FontRole.FANGSONG, NOTE_SIZE, BAR_WIDTH + 28 * MM)[0]
        _strings(drawing, note, bar_left, bar_top - 6.5 * MM)
    if any(row.has_target for row in rows):
        target_label = lay_out(fonts, "目标（100%）", FontRole.FANGSONG, NOTE_SIZE, 30 * MM)[0]
        _strings(drawing, target_label, target_x - target_label.width / 2, axis_top + 1 + NOTE_SIZE)
    if any(row.pace is not None for row in rows):
        # The legend for the dashed mark, placed at the left end of the bar axis.
        legend = lay_out(fonts, "红色虚线：序时进度", FontRole.FANGSONG, NOTE_SIZE, 40 * MM)[0]
        _strings(drawing, legend, bar_left, axis_top + 1 + NOTE_SIZE)
    renderPDF.draw(drawing, canvas, x, top - height)
    return height


def _strings(drawing: Drawing, line: TextLine, x: float, top: float) -> None:
    """Add a laid-out line as String shapes, one per run of characters in the same font, em top at ``top``."""
    pos, i, glyphs = x, 0, line.glyphs
    while i < len(glyphs):
        font = glyphs[i][1]
        j = i
        while j < len(glyphs) and glyphs[j][1] is font:
            j += 1
        text = "".join(g[0] for g in glyphs[i:j])
        baseline = em_top_baseline(font, line.size, top)
        drawing.add(String(pos, baseline, text, fontName=font.name, fontSize=line.size, fillColor=colors.black))
        pos += sum(g[2] for g in glyphs[i:j])
        i = j
