"""The quarterly 工作推进情况报告 as a Word document, in the layout of its PDF (offices edit it before issuing)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from docx.shared import Pt

from shizhu_desktop.exports import docx_base as word
from shizhu_desktop.exports.bundle import ReportBundle
from shizhu_desktop.exports.chartrows import ChartRow, chart_rows
from shizhu_desktop.exports.content import (
    CHART_ATTACHMENT,
    TABLE_ATTACHMENT,
    attachment_names,
    contact_note,
    info_line,
    narrative_sections,
    quarter_table,
)
from shizhu_desktop.exports.docprops import stamp_document
from shizhu_desktop.exports.titles import attachment_title, report_title

_LEVEL1 = re.compile(r"^[一二三四五六七八九十]+、")
_LEVEL2 = re.compile(r"^（[一二三四五六七八九十]+）")
#: 附件1 column widths (mm) within the 262 mm of a landscape page.
QUARTER_WIDTHS_MM = (9, 28, 19, 17, 52, 17, 52, 17, 52)
CHART_HEADER = ("指标", "完成率", "序时进度", "说明")
CHART_WIDTHS_MM = (62, 20, 20, 54)


def write_quarterly_docx(bundle: ReportBundle, path: Path) -> Path:
    """Write the quarterly report of ``bundle`` to ``path`` as .docx and return it."""
    doc = word.document()
    word.title(doc, report_title(bundle.unit, bundle.period_label))
    doc.add_paragraph()
    word.paragraph(doc, f"{bundle.receiving_office}：", align="left")
    for heading, cell in narrative_sections(bundle):
        word.paragraph(doc, heading, word.HEI, indent=True)
        for part in (cell.text.strip() or "无。").split("\n"):
            if part.strip():
                body_paragraph(doc, part.strip())
    attachment_note(doc, attachment_names(bundle))
    word.signature(doc, bundle.unit.organ_name, bundle.filed_on_label, contact_note(bundle))
    word.new_section(doc, landscape=True)
    word.attachment_heading(doc, "附件1", attachment_title(bundle.unit, bundle.period_label, TABLE_ATTACHMENT), 26)
    word.paragraph(doc, info_line(bundle), size=12, align="left")
    table = quarter_table(bundle)
    word.table(doc, table.header, [[c.text for c in row] for row in table.rows], QUARTER_WIDTHS_MM)
    word.new_section(doc, landscape=False)
    word.attachment_heading(doc, "附件2", attachment_title(bundle.unit, bundle.period_label, CHART_ATTACHMENT), 20)
    rows = chart_rows(bundle)
    if rows:
        word.table(doc, CHART_HEADER, [chart_cells(row) for row in rows], CHART_WIDTHS_MM)
    else:
        word.paragraph(doc, "本单位本季度没有需要填报的量化指标。", indent=True)
    _properties(doc, bundle)
    doc.save(str(path))
    return path


def chart_cells(row: ChartRow) -> list[str]:
    """The chart's bar as words: 指标, 完成率, 序时进度, 说明."""
    done = f"{row.percent:g}%" if row.percent is not None else "—" if row.has_target else ""
    pace = f"{row.pace:g}%" if row.pace is not None else "—"
    return [row.label, done, pace, row.note]


def body_paragraph(doc: Any, text: str) -> None:
    """A body paragraph two characters in; a leading 一、 sentence in 黑体, （一） in 楷体 (GB/T 9704)."""
    role = word.HEI if _LEVEL1.match(text) else word.KAI if _LEVEL2.match(text) else None
    if role is None:
        word.paragraph(doc, text, indent=True)
        return
    end = text.find("。")
    cut = len(text) if end < 0 else end + 1
    word.paragraph(doc, indent=True, spans=[(text[:cut], role), (text[cut:], word.FANGSONG)])


def attachment_note(doc: Any, names: list[str]) -> None:
    """附件：1．… one line below the body, two characters in; further items hang under the first."""
    doc.add_paragraph()
    for n, name in enumerate(names, 1):
        p = word.paragraph(doc, ("附件：" if n == 1 else "") + f"{n}．{name}", align="left")
        fmt = p.paragraph_format
        fmt.left_indent = Pt(5 * word.BODY_PT)
        fmt.first_line_indent = Pt(-3 * word.BODY_PT if n == 1 else 0)


def _properties(doc: Any, bundle: ReportBundle) -> None:
    stamp_document(doc, bundle.unit.organ_name)
    props = doc.core_properties
    props.title = "".join(report_title(bundle.unit, bundle.period_label))
    props.subject = f"{bundle.title}（{bundle.period_label}）"
    props.keywords = f"{bundle.unit.name} {bundle.period_label} 第{bundle.report.revision}版"
