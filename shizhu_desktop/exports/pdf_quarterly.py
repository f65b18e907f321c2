"""The quarterly 工作推进情况报告 as an official document laid out by GB/T 9704-2012, with its two attachments."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shizhu_desktop.exports import pdf_monthly
from shizhu_desktop.exports.bundle import ReportBundle
from shizhu_desktop.exports.content import all_texts, info_line, narrative_sections, quarter_table
from shizhu_desktop.exports.fonts import FontChoice, FontRole
from shizhu_desktop.exports.pdf_chart import chart_rows, draw_chart, rows_per_page
from shizhu_desktop.exports.pdffonts import PdfFonts, choose_pdf_fonts
from shizhu_desktop.exports.pdfpage import LANDSCAPE, MM, PORTRAIT, draw_page_number, new_canvas
from shizhu_desktop.exports.pdftable import Column, PdfTable
from shizhu_desktop.exports.pdftext import Line, draw_line, justify_extra, lay_out

# GB/T 9704-2012 §5.2.1: margins, and a text block of 156 mm × 225 mm holding 22 lines of 28 characters.
TOP, BOTTOM, LEFT, RIGHT = 37 * MM, 35 * MM, 28 * MM, 26 * MM
BLOCK_WIDTH, BLOCK_HEIGHT = 156 * MM, 225 * MM
BODY_SIZE, TITLE_SIZE, PAGE_NUMBER_SIZE = 16.0, 22.0, 14.0  # 3号, 2号, 4号
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28
#: Line pitch: the first line's em box starts at the block's top, the 22nd ends at its bottom (≈ 29.6 pt).
PITCH = (BLOCK_HEIGHT - BODY_SIZE) / (LINES_PER_PAGE - 1)
#: Negative tracking that fits 28 characters of 16 pt into the 156 mm line, as the standard's grid does.
TRACKING = (BLOCK_WIDTH - CHARS_PER_LINE * BODY_SIZE) / (CHARS_PER_LINE - 1)
INDENT = "\u3000\u3000"  # paragraphs start two characters in
_LEVEL1 = re.compile(r"^[一二三四五六七八九十]+、")
_LEVEL2 = re.compile(r"^（[一二三四五六七八九十]+）")
ATTACHMENT_TITLES = ("{unit}{period}工作推进情况表", "{unit}{period}指标完成情况图")


@dataclass
class GridLine:
    """One line of the grid: what to draw, where, and whether the next line must share its page."""

    line: Line | None
    x: float = 0.0
    align: str = "left"  # left, centre, right, or justify
    width: float = BLOCK_WIDTH
    keep_with_next: bool = False


def write_quarterly_pdf(
    bundle: ReportBundle, path: Path, *, allow_missing: bool = False, fonts: FontChoice | None = None
) -> Path:
    """Write the quarterly report of ``bundle`` to ``path`` (raises MissingGlyphsError before writing)."""
    pdf_fonts = PdfFonts(fonts or choose_pdf_fonts(), allow_missing=allow_missing)
    pdf_fonts.check(all_texts(bundle))
    canvas = new_canvas(path, bundle, PORTRAIT, pdf_fonts)
    pages = paginate(body_lines(bundle, pdf_fonts))
    for index, page in enumerate(pages):
        if index:
            canvas.showPage()
        _draw_grid_page(canvas, page)
        official_page_number(canvas, pdf_fonts, index + 1, PORTRAIT)
    number = len(pages) + 1
    number += _attachment_table(canvas, bundle, pdf_fonts, number)
    _attachment_chart(canvas, bundle, pdf_fonts, number)
    canvas.save()
    return path


def _text(fonts: PdfFonts, spans: Any, role: FontRole, width: float = BLOCK_WIDTH) -> list[Line]:
    return lay_out(fonts, spans, role, BODY_SIZE, width, tracking=TRACKING)


def attachment_names(bundle: ReportBundle) -> list[str]:
    return [t.format(unit=bundle.unit.name, period=bundle.period_label) for t in ATTACHMENT_TITLES]


def report_heading(bundle: ReportBundle) -> str:
    """E.g. 南宾街道关于2026年第三季度绿色低碳循环发展工作推进情况的报告."""
    return f"{bundle.unit.name}关于{bundle.period_label}绿色低碳循环发展工作推进情况的报告"


def body_lines(bundle: ReportBundle, fonts: PdfFonts) -> list[GridLine]:
    """The report's lines in order: title, addressee, the three sections, attachment note and signature."""
    out: list[GridLine] = []
    title = lay_out(fonts, report_heading(bundle), FontRole.XIAOBIAOSONG, TITLE_SIZE, BLOCK_WIDTH, balanced=True)
    out += [GridLine(line, align="centre", keep_with_next=True) for line in title]
    out.append(GridLine(None, keep_with_next=True))
    out += [GridLine(line) for line in _text(fonts, f"{bundle.receiving_office}：", FontRole.FANGSONG)]
    for heading, cell in narrative_sections(bundle):
        out += [GridLine(line, keep_with_next=True) for line in _text(fonts, INDENT + heading, FontRole.HEI)]
        for paragraph in (cell.text.strip() or "无。").split("\n"):
            if paragraph.strip():
                out += _paragraph(fonts, paragraph.strip())
    out.append(GridLine(None, keep_with_next=True))
    # 附件：1．… one line below the body, two characters in; further items hang under the first (§7.3.4).
    lead = _text(fonts, INDENT + "附件：", FontRole.FANGSONG)[0]
    hang = lead.width + TRACKING * len(lead.glyphs)
    for n, name in enumerate(attachment_names(bundle), 1):
        for k, line in enumerate(_text(fonts, f"{n}．{name}", FontRole.FANGSONG, BLOCK_WIDTH - hang)):
            if n == 1 and k == 0:
                first = Line(lead.glyphs + line.glyphs, line.size, line.paragraph_end)
                out.append(GridLine(first, keep_with_next=True))
            else:
                out.append(GridLine(line, x=hang, width=BLOCK_WIDTH - hang, keep_with_next=True))
    # Signature: two blank lines and the name/date lines hold the seal (GB/T 9704 §7.3.5.1); they stay together.
    date_line = _text(fonts, bundle.filed_on_label, FontRole.FANGSONG)[0]
    right_gap = 4 * (BODY_SIZE + TRACKING)  # 右空四字
    date_x = BLOCK_WIDTH - right_gap - date_line.width
    name_line = _text(fonts, bundle.unit.name, FontRole.FANGSONG)[0]
    name_x = max(0.0, date_x + (date_line.width - name_line.width) / 2)
    out += [GridLine(None, keep_with_next=True), GridLine(None, keep_with_next=True)]
    out += [GridLine(name_line, x=name_x, keep_with_next=True), GridLine(date_line, x=date_x)]
    return out


def _paragraph(fonts: PdfFonts, text: str) -> list[GridLine]:
    """A body paragraph, indented two characters; a leading 一、 sentence in 黑体, （一） in 楷体 (GB/T 9704)."""
    spans: list[tuple[str, FontRole]] = [(INDENT, FontRole.FANGSONG)]
    heading_role = FontRole.HEI if _LEVEL1.match(text) else FontRole.KAI if _LEVEL2.match(text) else None
    if heading_role is not None:
        end = text.find("。")
        cut = len(text) if end < 0 else end + 1
        spans += [(text[:cut], heading_role), (text[cut:], FontRole.FANGSONG)]
    else:
        spans.append((text, FontRole.FANGSONG))
    lines = _text(fonts, spans, FontRole.FANGSONG)
    return [GridLine(line, align="left" if line.paragraph_end else "justify") for line in lines]


def paginate(lines: list[GridLine]) -> list[list[GridLine]]:
    """Lines into pages of 22; a short run of keep-with-next lines moves to the next page whole.

    The signature block (the last run) takes the two lines before it along, so it never stands alone on a
    page; no page but the first starts with a blank line.
    """
    pages: list[list[GridLine]] = [[]]
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) - 1 and lines[j].keep_with_next:
            j += 1
        group, i = lines[i : j + 1], j + 1
        page = pages[-1]
        if len(group) <= LINES_PER_PAGE - len(page):
            _place(pages, group)
        elif len(group) <= LINES_PER_PAGE // 2:
            carry: list[GridLine] = []
            if group[-1] is lines[-1] and len(page) > 2:
                carry = [g for g in page[-2:] if g.line is not None] if page[-2].line is None else page[-2:]
                del page[-2:]
            pages.append(carry)
            _place(pages, group)
        else:
            for grid in group:  # too long to keep together: fill this page and go on
                if len(pages[-1]) >= LINES_PER_PAGE:
                    pages.append([])
                _place(pages, [grid])
    return [p for p in pages if p]


def _place(pages: list[list[GridLine]], group: list[GridLine]) -> None:
    page = pages[-1]
    if len(page) + len(group) > LINES_PER_PAGE:
        pages.append([])
        page = pages[-1]
    if not page and len(pages) > 1:
        while group and group[0].line is None:
            group = group[1:]
    page.extend(group)


def _draw_grid_page(canvas: Any, page: list[GridLine]) -> None:
    _, height = PORTRAIT
    block_top = height - TOP
    for n, grid in enumerate(page):
        if grid.line is None or not grid.line.glyphs:
            continue
        line = grid.line
        slot_top = block_top - n * PITCH
        tracking = TRACKING if line.size == BODY_SIZE else 0.0
        natural = line.width + tracking * (len(line.glyphs) - 1)
        x = LEFT + grid.x
        if grid.align == "centre":
            draw_line(canvas, line, x + (grid.width - natural) / 2, slot_top, extra=tracking)
        elif grid.align == "justify":
            draw_line(canvas, line, x, slot_top, extra=justify_extra(line, grid.width))
        else:
            draw_line(canvas, line, x, slot_top, extra=tracking)


def official_page_number(canvas: Any, fonts: PdfFonts, number: int, page: tuple[float, float]) -> None:
    """“— N —” in 4号, 7 mm below the text block, odd pages right and even pages left, one character in."""
    width, _ = page
    if page == PORTRAIT:
        left, right, bottom = LEFT, RIGHT, BOTTOM
    else:
        left, right, bottom = pdf_monthly.LEFT, pdf_monthly.RIGHT, pdf_monthly.BOTTOM
    top = bottom - 7 * MM
    if number % 2:
        draw_page_number(canvas, fonts, number, top=top, size=PAGE_NUMBER_SIZE, right=width - right - PAGE_NUMBER_SIZE)
    else:
        draw_page_number(canvas, fonts, number, top=top, size=PAGE_NUMBER_SIZE, left=left + PAGE_NUMBER_SIZE)


def attachment_label(fonts: PdfFonts, text: str) -> Callable[[Any, float, float], float]:
    def draw(canvas: Any, x: float, top: float) -> float:
        line = lay_out(fonts, text, FontRole.HEI, BODY_SIZE, 100 * MM)[0]
        draw_line(canvas, line, x, top)
        return BODY_SIZE * 2

    return draw


#: 附件1 columns (mm): 序号, 重点任务, 牵头单位, then status and progress of each month: 262 mm.
QUARTER_COLUMNS = (
    Column(9 * MM, "center"),
    Column(28 * MM),
    Column(19 * MM, "center"),
    *(col for _ in range(3) for col in (Column(17 * MM, "center"), Column(52 * MM))),
)


def _attachment_table(canvas: Any, bundle: ReportBundle, fonts: PdfFonts, number: int) -> int:
    """附件1 on landscape pages; returns the number of pages drawn."""
    canvas.showPage()
    canvas.setPageSize(LANDSCAPE)
    table = quarter_table(bundle)
    columns = QUARTER_COLUMNS[: len(table.header)]
    return pdf_monthly.draw_table_pages(
        canvas,
        fonts,
        [attachment_names(bundle)[0]],
        info_line(bundle),
        PdfTable(fonts, table.header, [[c.text for c in row] for row in table.rows], columns),
        first_page_number=number,
        signature=False,
        before_first=attachment_label(fonts, "附件1"),
        numbering=lambda c, n: official_page_number(c, fonts, n, LANDSCAPE),
    )


def _attachment_chart(canvas: Any, bundle: ReportBundle, fonts: PdfFonts, number: int) -> None:
    """附件2 on portrait pages: the indicator chart, as many rows per page as fit."""
    rows = chart_rows(bundle)
    _, height = PORTRAIT
    first = True
    while first or rows:
        canvas.showPage()
        canvas.setPageSize(PORTRAIT)
        top = height - TOP
        if first:
            top -= attachment_label(fonts, "附件2")(canvas, LEFT, top)
            for line in lay_out(
                fonts, attachment_names(bundle)[1], FontRole.XIAOBIAOSONG, TITLE_SIZE, BLOCK_WIDTH, balanced=True
            ):
                draw_line(
                    canvas,
                    line,
                    LEFT + (BLOCK_WIDTH - line.width) / 2,
                    top,
                )
                top -= PITCH
            top -= PITCH / 2
            if not rows:
                note = _text(fonts, INDENT + "本单位本季度没有需要填报的量化指标。", FontRole.FANGSONG)[0]
                draw_line(canvas, note, LEFT, top, extra=TRACKING)
        first = False
        count = rows_per_page(top - BOTTOM - 8 * MM)
        if rows:
            draw_chart(canvas, fonts, rows[:count], LEFT, top)
        rows = rows[count:]
        official_page_number(canvas, fonts, number, PORTRAIT)
        number += 1
