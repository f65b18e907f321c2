"""The quarterly 工作推进情况报告 as an official document laid out by GB/T 9704-2012, with its two attachments."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from shizhu_desktop.exports.bundle import ReportBundle
from shizhu_desktop.exports.chartrows import chart_rows
from shizhu_desktop.exports.content import (
    CHART_ATTACHMENT,
    TABLE_ATTACHMENT,
    all_texts,
    attachment_names,
    contact_note,
    info_line,
    narrative_sections,
    quarter_table,
)
from shizhu_desktop.exports.fonts import FontChoice, FontRole
from shizhu_desktop.exports.gridattach import chart_attachment, table_attachment
from shizhu_desktop.exports.gridpage import (
    LEFT,
    SIGNATURE_ANCHOR,
    GridLine,
    anchor_top,
    attachment_note,
    draw_grid_pages,
    heading_lines,
    paragraph,
    signature,
    text,
    title_lines,
)
from shizhu_desktop.exports.pdffonts import PdfFonts, choose_pdf_fonts
from shizhu_desktop.exports.pdfpage import MM, PORTRAIT, new_canvas
from shizhu_desktop.exports.pdfstamp import draw_verification
from shizhu_desktop.exports.pdftable import Column, PdfTable
from shizhu_desktop.exports.titles import attachment_title, report_title

#: 附件1 columns (mm): 序号, 重点任务, 牵头单位, then status and progress of each month: 262 mm.
QUARTER_COLUMNS = (
    Column(9 * MM, "center"),
    Column(28 * MM),
    Column(19 * MM, "center"),
    *(col for _ in range(3) for col in (Column(17 * MM, "center"), Column(52 * MM))),
)


def write_quarterly_pdf(
    bundle: ReportBundle, path: Path, *, allow_missing: bool = False, fonts: FontChoice | None = None
) -> Path:
    """Write the quarterly report of ``bundle`` to ``path`` (raises MissingGlyphsError before writing)."""
    pdf_fonts = PdfFonts(fonts or choose_pdf_fonts(), allow_missing=allow_missing)
    pdf_fonts.check(all_texts(bundle))
    canvas = new_canvas(path, bundle, PORTRAIT, pdf_fonts)
    number = draw_grid_pages(canvas, pdf_fonts, body_lines(bundle, pdf_fonts), _stamper(pdf_fonts, bundle)) + 1
    table = quarter_table(bundle)
    number += table_attachment(
        canvas,
        pdf_fonts,
        number,
        "附件1",
        attachment_title(bundle.unit, bundle.period_label, TABLE_ATTACHMENT),
        info_line(bundle),
        PdfTable(pdf_fonts, table.header, [[c.text for c in row] for row in table.rows], QUARTER_COLUMNS),
    )
    chart_attachment(
        canvas,
        pdf_fonts,
        number,
        "附件2",
        attachment_title(bundle.unit, bundle.period_label, CHART_ATTACHMENT),
        chart_rows(bundle),
        empty="\u3000\u3000本单位本季度没有需要填报的量化指标。",
    )
    canvas.save()
    return path


def body_lines(bundle: ReportBundle, fonts: PdfFonts) -> list[GridLine]:
    """The report's lines in order: title, addressee, the three sections, attachment note, 落款 and 附注."""
    out = title_lines(fonts, report_title(bundle.unit, bundle.period_label))
    out += [GridLine(line) for line in text(fonts, f"{bundle.receiving_office}：", FontRole.FANGSONG)]
    for heading, cell in narrative_sections(bundle):
        out += heading_lines(fonts, heading, FontRole.HEI)
        for part in (cell.text.strip() or "无。").split("\n"):
            if part.strip():
                out += paragraph(fonts, part.strip())
    out += attachment_note(fonts, attachment_names(bundle))
    return out + signature(fonts, bundle.unit.organ_name, bundle.filed_on_label, contact_note(bundle))


def _stamper(fonts: PdfFonts, bundle: ReportBundle) -> Callable[[Any, list[GridLine]], None]:
    """Fingerprint, 校验码 and QR code on the 落款's page, at the left of the two lines kept for the seal."""

    def decorate(canvas: Any, page: list[GridLine]) -> None:
        top = anchor_top(page, SIGNATURE_ANCHOR)
        if top is not None:
            draw_verification(canvas, fonts, bundle.payload, LEFT, top, qr_left=True)

    return decorate
