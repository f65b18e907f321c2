"""The county summary as a 督查通报 (GB/T 9704 page), with the 滞后事项清单 and the 指标进度图 as attachments."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas

from shizhu_desktop import __version__
from shizhu_desktop.consolidation import wording as say
from shizhu_desktop.consolidation.summary import Consolidation
from shizhu_desktop.exports import pdf_monthly
from shizhu_desktop.exports.fonts import FontChoice, FontRole
from shizhu_desktop.exports.pdf_chart import BAR_WIDTH as CHART_BAR_WIDTH
from shizhu_desktop.exports.pdf_chart import NOTE_SIZE, ChartRow, draw_chart, rows_per_page
from shizhu_desktop.exports.pdf_quarterly import (
    BLOCK_WIDTH,
    BODY_SIZE,
    BOTTOM,
    INDENT,
    LEFT,
    PITCH,
    TITLE_SIZE,
    TOP,
    TRACKING,
    GridLine,
    attachment_label,
    official_page_number,
    paginate,
)
from shizhu_desktop.exports.pdffonts import PdfFonts, choose_pdf_fonts
from shizhu_desktop.exports.pdfpage import LANDSCAPE, MM, PORTRAIT
from shizhu_desktop.exports.pdftable import Column, PdfTable
from shizhu_desktop.exports.pdftext import Line, draw_line, justify_extra, lay_out

#: The red of the masthead (版头) and its rule.
RED = colors.HexColor("#D40000")
MASTHEAD = "督查通报"
MASTHEAD_SIZE = 36.0
ADDRESSEES = "各乡镇（街道），县级有关部门："
LAGGING_COLUMNS = (
    Column(10 * MM, "center"),
    Column(28 * MM, "center"),
    Column(40 * MM),
    Column(92 * MM),
    Column(92 * MM),
)
LAGGING_HEADER = ("序号", "责任单位", "重点任务", "存在问题", "下步打算")


@dataclass
class BulletinLine(GridLine):
    """A grid line that may be red, carry a second text flush right, or have a red rule below it."""

    color: Any = None
    right: Line | None = None
    rule: bool = False


def bulletin_title(summary: Consolidation) -> str:
    """E.g. 关于2026年10月全县绿色低碳循环发展工作推进情况的通报."""
    return f"关于{summary.period.label}全县绿色低碳循环发展工作推进情况的通报"


def attachment_names(summary: Consolidation) -> tuple[str, str]:
    label = summary.period.label
    return (f"{label}滞后事项清单", f"{label}指标进度图")


def body_paragraphs(summary: Consolidation) -> list[tuple[str, str]]:
    """The body as (kind, text): kind is h1 (一、 黑体), h2 (（一） 楷体) or p (a paragraph)."""
    policy = summary.catalog.policy_title
    out = [
        (
            "p",
            f"根据《{policy}》关于每月报送工作推进情况的要求，{summary.receiving_office}对各单位报送的"
            f"{summary.period.label}工作推进情况进行了汇总。现将有关情况通报如下。",
        ),
        ("h1", "一、报送情况"),
    ]
    out += [("p", text) for text in say.timeliness_paragraphs(summary)]
    out += [
        ("h1", "二、推进情况"),
        ("p", say.counts_text(summary.counts, f"各项重点任务共涉及{summary.counts.total}个单位次，其中") + "。"),
    ]
    numerals = "一二三四五六七八九十"
    for index, section in enumerate(summary.catalog.sections):
        out.append(("h2", f"（{numerals[index] if index < 10 else index + 1}）{section.title}"))
        for number in section.tasks:
            task = summary.task(number)
            out.append(("p", f"{task.task.heading}。{say.task_sentence(task)}"))
    out += [
        ("h1", "三、滞后事项"),
        ("p", say.lagging_overview(summary) + ("具体见附件1。" if summary.lagging else "")),
        ("h1", "四、指标进度"),
        ("p", say.indicator_overview(summary) + "具体见附件2。"),
        ("h1", "五、下步要求"),
        (
            "p",
            "请各牵头单位加强统筹调度，对滞后事项逐项分析原因、明确整改措施和完成时限；"
            "请各责任单位按时报送工作推进情况表，尚未报送的单位请尽快补报。",
        ),
    ]
    return out


def all_texts(summary: Consolidation) -> list[tuple[str, str]]:
    """Every text the 通报 prints, with where it is: the input of the missing-glyph check."""
    texts = [("标题", bulletin_title(summary)), ("报送机关", summary.receiving_office)]
    texts += [("正文", text) for _, text in body_paragraphs(summary)]
    for item in summary.lagging:
        where = f"附件1·{item.unit.name}·任务{item.task.number}"
        texts += [(where, item.problems), (where, item.next_steps)]
    texts += [("附件2", row.label + row.note) for row in chart_rows(summary)]
    return texts


def write_summary_pdf(
    summary: Consolidation, path: Path, *, allow_missing: bool = False, fonts: FontChoice | None = None
) -> Path:
    """Write the 督查通报 of ``summary`` to ``path`` (raises MissingGlyphsError before writing anything)."""
    pdf_fonts = PdfFonts(fonts or choose_pdf_fonts(), allow_missing=allow_missing)
    pdf_fonts.check(all_texts(summary))
    canvas = Canvas(
        str(path), pagesize=PORTRAIT, pageCompression=1, initialFontName=pdf_fonts.primary(FontRole.FANGSONG).name
    )
    canvas.setTitle(bulletin_title(summary))
    canvas.setAuthor(summary.receiving_office)
    canvas.setSubject(f"{say.SUMMARY_TITLE}（{summary.period.label}）")
    canvas.setCreator(f"shizhu-desktop {__version__}")
    pages = paginate(body_lines(summary, pdf_fonts))
    for index, page in enumerate(pages):
        if index:
            canvas.showPage()
        _draw_page(canvas, page)
        official_page_number(canvas, pdf_fonts, index + 1, PORTRAIT)
    number = len(pages) + 1
    number += _lagging_table(canvas, summary, pdf_fonts, number)
    _indicator_chart(canvas, summary, pdf_fonts, number)
    canvas.save()
    return path


def _text(fonts: PdfFonts, spans: Any, role: FontRole, width: float = BLOCK_WIDTH) -> list[Line]:
    return lay_out(fonts, spans, role, BODY_SIZE, width, tracking=TRACKING)


def _masthead(summary: Consolidation, fonts: PdfFonts) -> list[GridLine]:
    head = lay_out(fonts, MASTHEAD, FontRole.XIAOBIAOSONG, MASTHEAD_SIZE, BLOCK_WIDTH)[0]
    # Letter-spaced as mastheads are: the four characters spread over half the line.
    office = _text(fonts, summary.receiving_office, FontRole.FANGSONG)[0]
    day = _text(fonts, say.date_text(summary.today), FontRole.FANGSONG)[0]
    return [
        BulletinLine(head, align="masthead", color=RED, keep_with_next=True),
        BulletinLine(None, keep_with_next=True),
        BulletinLine(office, right=day, rule=True, keep_with_next=True),
        BulletinLine(None, keep_with_next=True),
    ]


def body_lines(summary: Consolidation, fonts: PdfFonts) -> list[GridLine]:
    """The 通报's lines: masthead, title, addressees, the five parts, the attachment note and the signature."""
    out: list[GridLine] = _masthead(summary, fonts)
    title = lay_out(fonts, bulletin_title(summary), FontRole.XIAOBIAOSONG, TITLE_SIZE, BLOCK_WIDTH, balanced=True)
    out += [GridLine(line, align="centre", keep_with_next=True) for line in title]
    out.append(GridLine(None, keep_with_next=True))
    out += [GridLine(line) for line in _text(fonts, ADDRESSEES, FontRole.FANGSONG)]
    for kind, text in body_paragraphs(summary):
        if kind == "h1":
            out += [GridLine(line, keep_with_next=True) for line in _text(fonts, INDENT + text, FontRole.HEI)]
        elif kind == "h2":
            out += [GridLine(line, keep_with_next=True) for line in _text(fonts, INDENT + text, FontRole.KAI)]
        else:
            lines = _text(fonts, INDENT + text, FontRole.FANGSONG)
            out += [GridLine(line, align="left" if line.paragraph_end else "justify") for line in lines]
    out.append(GridLine(None, keep_with_next=True))
    lead = _text(fonts, INDENT + "附件：", FontRole.FANGSONG)[0]
    hang = lead.width + TRACKING * len(lead.glyphs)
    for n, name in enumerate(attachment_names(summary), 1):
        for k, line in enumerate(_text(fonts, f"{n}．{name}", FontRole.FANGSONG, BLOCK_WIDTH - hang)):
            if n == 1 and k == 0:
                out.append(
                    GridLine(Line(lead.glyphs + line.glyphs, line.size, line.paragraph_end), keep_with_next=True)
                )
            else:
                out.append(GridLine(line, x=hang, width=BLOCK_WIDTH - hang, keep_with_next=True))
    date_line = _text(fonts, say.date_text(summary.today), FontRole.FANGSONG)[0]
    date_x = BLOCK_WIDTH - 4 * (BODY_SIZE + TRACKING) - date_line.width  # 右空四字
    name_line = _text(fonts, summary.receiving_office, FontRole.FANGSONG)[0]
    name_x = max(0.0, date_x + (date_line.width - name_line.width) / 2)
    out += [GridLine(None, keep_with_next=True), GridLine(None, keep_with_next=True)]
    out += [GridLine(name_line, x=name_x, keep_with_next=True), GridLine(date_line, x=date_x)]
    return out


def _natural(line: Line) -> float:
    tracking = TRACKING if line.size == BODY_SIZE else 0.0
    return line.width + tracking * (len(line.glyphs) - 1)


def _draw_page(canvas: Any, page: list[GridLine]) -> None:
    """Draw one page of grid lines (the same grid as the quarterly report), in red where a line says so."""
    _, height = PORTRAIT
    block_top = height - TOP
    for n, grid in enumerate(page):
        slot_top = block_top - n * PITCH
        extra = isinstance(grid, BulletinLine)
        canvas.setFillColor(grid.color if extra and grid.color is not None else colors.black)  # type: ignore[attr-defined]
        line = grid.line
        if line is not None and line.glyphs:
            tracking = TRACKING if line.size == BODY_SIZE else 0.0
            x = LEFT + grid.x
            if grid.align == "masthead":
                spread = BLOCK_WIDTH * 0.55
                gap = (spread - line.width) / max(1, len(line.glyphs) - 1)
                draw_line(canvas, line, LEFT + (BLOCK_WIDTH - spread) / 2, slot_top, extra=gap)
            elif grid.align == "centre":
                draw_line(canvas, line, x + (grid.width - _natural(line)) / 2, slot_top, extra=tracking)
            elif grid.align == "justify":
                draw_line(canvas, line, x, slot_top, extra=justify_extra(line, grid.width))
            else:
                draw_line(canvas, line, x, slot_top, extra=tracking)
        if isinstance(grid, BulletinLine):
            if grid.right is not None:
                right = grid.right
                draw_line(canvas, right, LEFT + BLOCK_WIDTH - _natural(right), slot_top, extra=TRACKING)
            if grid.rule:
                rule_y = slot_top - BODY_SIZE - (PITCH - BODY_SIZE) / 2
                canvas.setStrokeColor(RED)
                canvas.setLineWidth(1.2)
                canvas.line(LEFT, rule_y, LEFT + BLOCK_WIDTH, rule_y)
                canvas.setStrokeColor(colors.black)
    canvas.setFillColor(colors.black)


def _lagging_table(canvas: Any, summary: Consolidation, fonts: PdfFonts, number: int) -> int:
    """附件1 on landscape pages, header repeated on each; returns the number of pages drawn."""
    canvas.showPage()
    canvas.setPageSize(LANDSCAPE)
    rows = [
        [str(n), item.unit.name, item.task.heading, item.problems, item.next_steps]
        for n, item in enumerate(summary.lagging, 1)
    ]
    if not rows:
        rows = [["", "", "本月没有滞后事项。", "", ""]]
    return pdf_monthly.draw_table_pages(
        canvas,
        fonts,
        [attachment_names(summary)[0]],
        say.lagging_overview(summary),
        PdfTable(fonts, LAGGING_HEADER, rows, LAGGING_COLUMNS),
        first_page_number=number,
        signature=False,
        before_first=attachment_label(fonts, "附件1"),
        numbering=lambda c, n: official_page_number(c, fonts, n, LANDSCAPE),
    )


def chart_rows(summary: Consolidation, fonts: PdfFonts | None = None) -> list[ChartRow]:
    """One bar per indicator: its county completion, and a note that fits one line under the bar."""
    rows = []
    for figure in summary.indicators:
        indicator = figure.indicator
        goal = say.target_text(indicator, figure.target)
        label = f"{indicator.name}（{say.scope_text(indicator)}）"
        if figure.figure is None:
            notes = [f"未报（{say.reporting_text(figure)}）；目标{goal}", f"未报；目标{goal}", "未报"]
        else:
            value = say.figure_text(figure)
            # A sum of the units reported so far must say so: 30% of the target with 10 of 38 units is no verdict.
            partial = f"，{say.reporting_text(figure)}" if figure.is_sum and figure.missing else ""
            notes = [
                f"{value}（{figure.basis_label}{partial}）；目标{goal}",
                f"{value}（{say.reporting_text(figure)}）；目标{goal}" if partial else f"{value}；目标{goal}",
                f"{value}（{say.reporting_text(figure)}）" if partial else f"{value}",
            ]
        rows.append(ChartRow(label, figure.completion, _fitting(notes, fonts)))
    return rows


def _fitting(notes: list[str], fonts: PdfFonts | None) -> str:
    """The longest note that fits the one line the chart prints under a bar."""
    if fonts is None:
        return notes[0]
    for note in notes:
        if len(lay_out(fonts, note, FontRole.FANGSONG, NOTE_SIZE, CHART_BAR_WIDTH + 28 * MM)) == 1:
            return note
    return notes[-1]


def _indicator_chart(canvas: Any, summary: Consolidation, fonts: PdfFonts, number: int) -> None:
    """附件2 on portrait pages: the indicators' completion bars, as many per page as fit."""
    rows = chart_rows(summary, fonts)
    _, height = PORTRAIT
    first = True
    while first or rows:
        canvas.showPage()
        canvas.setPageSize(PORTRAIT)
        top = height - TOP
        if first:
            top -= attachment_label(fonts, "附件2")(canvas, LEFT, top)
            name = attachment_names(summary)[1]
            for line in lay_out(fonts, name, FontRole.XIAOBIAOSONG, TITLE_SIZE, BLOCK_WIDTH, balanced=True):
                draw_line(canvas, line, LEFT + (BLOCK_WIDTH - line.width) / 2, top)
                top -= PITCH
            note = "（“各单位合计”类指标为各单位数值之和，“全县”类指标取牵头单位填报值）"
            for line in lay_out(fonts, note, FontRole.FANGSONG, 12.0, BLOCK_WIDTH, balanced=True):
                draw_line(canvas, line, LEFT + (BLOCK_WIDTH - line.width) / 2, top)
                top -= 18
            top -= PITCH / 2
        first = False
        count = rows_per_page(top - BOTTOM - 8 * MM)
        if rows:
            draw_chart(canvas, fonts, rows[:count], LEFT, top)
        rows = rows[count:]
        official_page_number(canvas, fonts, number, PORTRAIT)
        number += 1
