"""The county's 督查通报 as a Word document, in the layout of its PDF (the office edits it before issuing)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx.shared import Mm, Pt

from shizhu_desktop.consolidation import wording as say
from shizhu_desktop.consolidation.summary import Consolidation
from shizhu_desktop.exports import bulletin
from shizhu_desktop.exports import docx_base as word
from shizhu_desktop.exports.docprops import stamp_document
from shizhu_desktop.exports.docx_report import (
    CHART_HEADER,
    CHART_WIDTHS_MM,
    attachment_note,
    body_paragraph,
    chart_cells,
)

LAGGING_WIDTHS_MM = (10, 28, 40, 92, 92)
MASTHEAD_PT = 36.0


def write_summary_docx(summary: Consolidation, path: Path) -> Path:
    """Write the 督查通报 of ``summary`` to ``path`` as .docx and return it."""
    doc = word.document()
    _masthead(doc, summary)
    word.title(doc, bulletin.title_phrases(summary))
    doc.add_paragraph()
    word.paragraph(doc, bulletin.ADDRESSEES, align="left")
    for kind, text in bulletin.body_paragraphs(summary):
        if kind == "h1":
            word.paragraph(doc, text, word.HEI, indent=True)
        elif kind == "h2":
            word.paragraph(doc, text, word.KAI, indent=True)
        else:
            body_paragraph(doc, text)
    attachment_note(doc, bulletin.attachment_names(summary))
    word.signature(doc, summary.office_organ or summary.receiving_office, bulletin.issued_on(summary))
    word.new_section(doc, landscape=True)
    word.attachment_heading(doc, "附件1", bulletin.attachment_phrases(summary)[0], 26)
    word.paragraph(doc, say.lagging_overview(summary), size=12, align="left")
    word.table(doc, bulletin.LAGGING_HEADER, bulletin.lagging_rows(summary), LAGGING_WIDTHS_MM)
    word.new_section(doc, landscape=False)
    word.attachment_heading(doc, "附件2", bulletin.attachment_phrases(summary)[1], 20)
    word.paragraph(doc, bulletin.CHART_NOTE, size=12, align="centre")
    word.table(doc, CHART_HEADER, [chart_cells(row) for row in bulletin.chart_rows(summary)], CHART_WIDTHS_MM)
    _colophon(doc, summary)
    stamp_document(doc, summary.receiving_office)
    props = doc.core_properties
    props.title = bulletin.title(summary)
    props.subject = f"{say.SUMMARY_TITLE}（{summary.period.label}）"
    doc.save(str(path))
    return path


def _masthead(doc: Any, summary: Consolidation) -> None:
    """版头: 督查通报 in red; the 期号; the office and the date over a red rule."""
    head = word.paragraph(doc, align="centre")
    head.paragraph_format.line_spacing = Pt(MASTHEAD_PT * 1.4)
    masthead = word.run(head, "\u2002".join(bulletin.MASTHEAD), word.XIAOBIAOSONG, MASTHEAD_PT)
    masthead.font.color.rgb = word.RED
    word.paragraph(doc, summary.issue_number, align="centre")
    line = word.paragraph(doc, align="left")
    word.run(line, summary.receiving_office)
    tab = word.run(line, "\t")
    tab.text = "\t"
    word.run(line, bulletin.issued_on(summary))
    stops = line.paragraph_format.tab_stops
    stops.add_tab_stop(Mm(156), alignment=2)  # right-aligned at the text block's edge
    word.rule(line, color="D40000", size=12)
    doc.add_paragraph()


def _colophon(doc: Any, summary: Consolidation) -> None:
    """版记 at the end (GB/T 9704 §7.4): 抄送 between rules, then 印发机关 and 印发日期."""
    doc.add_paragraph()
    if summary.copy_to:
        copy = word.paragraph(doc, f"抄送：{summary.copy_to}。", size=14, align="left")
        copy.paragraph_format.left_indent = copy.paragraph_format.right_indent = Pt(14)
        word.rule(copy, size=8, top=True)
        word.rule(copy, size=4)
    issued = word.paragraph(doc, align="left", size=14)
    issued.paragraph_format.left_indent = issued.paragraph_format.right_indent = Pt(14)
    word.run(issued, summary.receiving_office, size=14)
    word.run(issued, "\t", size=14)
    word.run(issued, f"{bulletin.issued_on(summary)}印发", size=14)
    issued.paragraph_format.tab_stops.add_tab_stop(Mm(156) - Pt(28), alignment=2)
    word.rule(issued, size=8)
