"""The county summary as a 督查通报 (GB/T 9704 page), with the 滞后事项清单 and the 指标进度图 as attachments."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.pdfgen.canvas import Canvas

from shizhu_desktop.consolidation import wording as say
from shizhu_desktop.consolidation.summary import Consolidation
from shizhu_desktop.exports import bulletin
from shizhu_desktop.exports.docprops import program_label
from shizhu_desktop.exports.fonts import FontChoice, FontRole
from shizhu_desktop.exports.gridattach import chart_attachment, colophon_height, draw_colophon, table_attachment
from shizhu_desktop.exports.gridpage import (
    BLOCK_WIDTH,
    BOTTOM,
    RED,
    GridLine,
    attachment_note,
    draw_grid_pages,
    heading_lines,
    official_page_number,
    paragraph,
    signature,
    text,
    title_lines,
)
from shizhu_desktop.exports.pdf_chart import BAR_WIDTH, NOTE_SIZE
from shizhu_desktop.exports.pdffonts import PdfFonts, choose_pdf_fonts
from shizhu_desktop.exports.pdfpage import MM, PORTRAIT
from shizhu_desktop.exports.pdftable import Column, PdfTable
from shizhu_desktop.exports.pdftext import lay_out

MASTHEAD_SIZE = 36.0
LAGGING_COLUMNS = (
    Column(10 * MM, "center"),
    Column(28 * MM, "center"),
    Column(40 * MM),
    Column(92 * MM),
    Column(92 * MM),
)


def write_summary_pdf(
    summary: Consolidation, path: Path, *, allow_missing: bool = False, fonts: FontChoice | None = None
) -> Path:
    """Write the 督查通报 of ``summary`` to ``path`` (raises MissingGlyphsError before writing anything)."""
    pdf_fonts = PdfFonts(fonts or choose_pdf_fonts(), allow_missing=allow_missing)
    pdf_fonts.check(bulletin.all_texts(summary))
    canvas = Canvas(
        str(path), pagesize=PORTRAIT, pageCompression=1, initialFontName=pdf_fonts.primary(FontRole.FANGSONG).name
    )
    canvas.setTitle(bulletin.title(summary))
    canvas.setAuthor(summary.receiving_office)
    canvas.setSubject(f"{say.SUMMARY_TITLE}（{summary.period.label}）")
    canvas.setCreator(program_label())
    number = draw_grid_pages(canvas, pdf_fonts, body_lines(summary, pdf_fonts)) + 1
    number += table_attachment(
        canvas,
        pdf_fonts,
        number,
        "附件1",
        bulletin.attachment_phrases(summary)[0],
        say.lagging_overview(summary),
        PdfTable(pdf_fonts, bulletin.LAGGING_HEADER, bulletin.lagging_rows(summary), LAGGING_COLUMNS),
    )
    reserve = colophon_height(pdf_fonts, summary.copy_to) + 6 * MM
    pages, free_top = chart_attachment(
        canvas,
        pdf_fonts,
        number,
        "附件2",
        bulletin.attachment_phrases(summary)[1],
        bulletin.chart_rows(summary, _fits(pdf_fonts)),
        note=bulletin.CHART_NOTE,
        reserve=reserve,
    )
    # 版记 at the foot of the last page, after the attachments (GB/T 9704 §7.4), on a page of its own if needed.
    if free_top - BOTTOM < reserve:
        canvas.showPage()
        official_page_number(canvas, pdf_fonts, number + pages)
    draw_colophon(canvas, pdf_fonts, summary.copy_to, summary.receiving_office, bulletin.issued_on(summary))
    canvas.save()
    return path


def _fits(fonts: PdfFonts) -> Any:
    def fits(note: str) -> bool:
        return len(lay_out(fonts, note, FontRole.FANGSONG, NOTE_SIZE, BAR_WIDTH + 28 * MM)) == 1

    return fits


def _masthead(summary: Consolidation, fonts: PdfFonts) -> list[GridLine]:
    """版头: 督查通报 in red, letter-spaced; the 期号 under it; the office and the date over a red rule."""
    head = lay_out(fonts, bulletin.MASTHEAD, FontRole.XIAOBIAOSONG, MASTHEAD_SIZE, BLOCK_WIDTH)[0]
    issue = text(fonts, summary.issue_number, FontRole.FANGSONG)[0]
    office = text(fonts, summary.receiving_office, FontRole.FANGSONG)[0]
    day = text(fonts, bulletin.issued_on(summary), FontRole.FANGSONG)[0]
    return [
        GridLine(head, align="spread", color=RED, keep_with_next=True),
        GridLine(None, keep_with_next=True),
        GridLine(issue, align="centre", keep_with_next=True),
        GridLine(office, right=day, rule=True, keep_with_next=True),
        GridLine(None, keep_with_next=True),
    ]


def body_lines(summary: Consolidation, fonts: PdfFonts) -> list[GridLine]:
    """The 通报's lines: 版头, title, addressees, the five parts, the attachment note and the 落款."""
    out = _masthead(summary, fonts) + title_lines(fonts, bulletin.title_phrases(summary))
    out += [GridLine(line) for line in text(fonts, bulletin.ADDRESSEES, FontRole.FANGSONG)]
    for kind, body in bulletin.body_paragraphs(summary):
        if kind == "h1":
            out += heading_lines(fonts, body, FontRole.HEI)
        elif kind == "h2":
            out += heading_lines(fonts, body, FontRole.KAI)
        else:
            out += paragraph(fonts, body)
    out += attachment_note(fonts, bulletin.attachment_names(summary))
    return out + signature(fonts, summary.office_organ or summary.receiving_office, bulletin.issued_on(summary))
