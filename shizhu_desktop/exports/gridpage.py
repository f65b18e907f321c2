"""The GB/T 9704-2012 page of an official document: a grid of 22 lines × 28 characters, and what is set on it."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors

from shizhu_desktop.exports.fonts import FontRole
from shizhu_desktop.exports.pdffonts import PdfFonts
from shizhu_desktop.exports.pdfpage import MM, PORTRAIT, draw_page_number
from shizhu_desktop.exports.pdftext import Line, draw_line, justify_extra, lay_out, lay_out_title

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
RED = colors.HexColor("#D40000")  # 版头 and its rule
_LEVEL1 = re.compile(r"^[一二三四五六七八九十]+、")
_LEVEL2 = re.compile(r"^（[一二三四五六七八九十]+）")


@dataclass
class GridLine:
    """One line of the grid: what to draw, where, and whether the next line must share its page.

    ``align``: left, centre, right, justify, or spread (a 版头, letter-spaced over half the line); ``right``: a
    second text flush right on the same line; ``rule``: a red rule under the line (the 版头's).
    """

    line: Line | None
    x: float = 0.0
    align: str = "left"
    width: float = BLOCK_WIDTH
    keep_with_next: bool = False
    color: Any = None
    right: Line | None = None
    rule: bool = False
    #: Marks a line others are placed by (the 落款's first line: the verification block goes beside it).
    anchor: str = ""


SIGNATURE_ANCHOR = "落款"


def text(fonts: PdfFonts, spans: Any, role: FontRole, width: float = BLOCK_WIDTH) -> list[Line]:
    """Body-size text on the grid (tracked to 28 characters a line)."""
    return lay_out(fonts, spans, role, BODY_SIZE, width, tracking=TRACKING)


def title_lines(fonts: PdfFonts, phrases: Sequence[str]) -> list[GridLine]:
    """The title in 2号小标宋, centred, broken only between phrases, then one blank line."""
    lines = lay_out_title(fonts, phrases, FontRole.XIAOBIAOSONG, TITLE_SIZE, BLOCK_WIDTH)
    return [
        *(GridLine(line, align="centre", keep_with_next=True) for line in lines),
        GridLine(None, keep_with_next=True),
    ]


def heading_lines(fonts: PdfFonts, heading: str, role: FontRole) -> list[GridLine]:
    return [GridLine(line, keep_with_next=True) for line in text(fonts, INDENT + heading, role)]


def paragraph(fonts: PdfFonts, body: str) -> list[GridLine]:
    """A body paragraph, indented two characters; a leading 一、 sentence in 黑体, （一） in 楷体 (GB/T 9704)."""
    spans: list[tuple[str, FontRole]] = [(INDENT, FontRole.FANGSONG)]
    heading_role = FontRole.HEI if _LEVEL1.match(body) else FontRole.KAI if _LEVEL2.match(body) else None
    if heading_role is not None:
        end = body.find("。")
        cut = len(body) if end < 0 else end + 1
        spans += [(body[:cut], heading_role), (body[cut:], FontRole.FANGSONG)]
    else:
        spans.append((body, FontRole.FANGSONG))
    lines = text(fonts, spans, FontRole.FANGSONG)
    return [GridLine(line, align="left" if line.paragraph_end else "justify") for line in lines]


def attachment_note(fonts: PdfFonts, names: Sequence[str]) -> list[GridLine]:
    """附件：1．… one line below the body, two characters in; further items hang under the first (§7.3.4)."""
    out = [GridLine(None, keep_with_next=True)]
    lead = text(fonts, INDENT + "附件：", FontRole.FANGSONG)[0]
    hang = lead.width + TRACKING * len(lead.glyphs)
    for n, name in enumerate(names, 1):
        for k, line in enumerate(text(fonts, f"{n}．{name}", FontRole.FANGSONG, BLOCK_WIDTH - hang)):
            if n == 1 and k == 0:
                out.append(
                    GridLine(Line(lead.glyphs + line.glyphs, line.size, line.paragraph_end), keep_with_next=True)
                )
            else:
                out.append(GridLine(line, x=hang, width=BLOCK_WIDTH - hang, keep_with_next=True))
    return out


def signature(fonts: PdfFonts, organ: str, date_text: str, note: str = "") -> list[GridLine]:
    """落款 (§7.3.5.1): two blank lines for the seal, the organ centred over the date, the date 右空四字; then
    the 附注 in brackets two characters in, on the line under the date (§7.3.6). The block stays together."""
    date_line = text(fonts, date_text, FontRole.FANGSONG)[0]
    date_x = BLOCK_WIDTH - 4 * (BODY_SIZE + TRACKING) - date_line.width
    name_line = text(fonts, organ, FontRole.FANGSONG)[0]
    name_x = max(0.0, date_x + (date_line.width - name_line.width) / 2)
    out = [GridLine(None, keep_with_next=True, anchor=SIGNATURE_ANCHOR), GridLine(None, keep_with_next=True)]
    out += [
        GridLine(name_line, x=name_x, keep_with_next=True),
        GridLine(date_line, x=date_x, keep_with_next=bool(note)),
    ]
    if note:
        lines = text(fonts, INDENT + f"（{note}）", FontRole.FANGSONG)
        out += [GridLine(line, keep_with_next=n < len(lines) - 1) for n, line in enumerate(lines)]
    return out


def paginate(lines: list[GridLine]) -> list[list[GridLine]]:
    """Lines into pages of 22; a short run of keep-with-next lines moves to the next page whole.

    The signature block (the last run) takes the two lines before it along, so it never stands alone on a
    page; no page but the first starts with a blank line; a paragraph's last line never stands alone at the
    top of a page (a widow): the line before it comes along.
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
            elif _is_widow(group) and len(page) > 2 and _continues(page[-1]):
                carry = [page.pop()]  # the paragraph's line before it comes along
            pages.append(carry)
            _place(pages, group)
        else:
            for grid in group:  # too long to keep together: fill this page and go on
                if len(pages[-1]) >= LINES_PER_PAGE:
                    pages.append([])
                _place(pages, [grid])
    return [p for p in pages if p]


def _continues(grid: GridLine) -> bool:
    """True when the next line belongs to the same paragraph."""
    return grid.line is not None and bool(grid.line.glyphs) and not grid.line.paragraph_end and not grid.keep_with_next


def _is_widow(group: list[GridLine]) -> bool:
    """A group that is only a paragraph's last line."""
    return len(group) == 1 and group[0].line is not None and group[0].line.paragraph_end


def _place(pages: list[list[GridLine]], group: list[GridLine]) -> None:
    page = pages[-1]
    if len(page) + len(group) > LINES_PER_PAGE:
        carried = [page.pop()] if _is_widow(group) and len(page) > 2 and _continues(page[-1]) else []
        pages.append(carried)
        page = pages[-1]
    if not page and len(pages) > 1:
        while group and group[0].line is None:
            group = group[1:]
    page.extend(group)


def natural_width(line: Line) -> float:
    tracking = TRACKING if line.size == BODY_SIZE else 0.0
    return line.width + tracking * (len(line.glyphs) - 1)


def draw_grid_page(canvas: Any, page: list[GridLine]) -> None:
    """Draw one page of grid lines, in colour where a line says so."""
    block_top = PORTRAIT[1] - TOP
    for n, grid in enumerate(page):
        slot_top = block_top - n * PITCH
        canvas.setFillColor(grid.color if grid.color is not None else colors.black)
        line = grid.line
        if line is not None and line.glyphs:
            tracking = TRACKING if line.size == BODY_SIZE else 0.0
            x = LEFT + grid.x
            if grid.align == "spread":
                spread = BLOCK_WIDTH * 0.55
                gap = (spread - line.width) / max(1, len(line.glyphs) - 1)
                draw_line(canvas, line, LEFT + (BLOCK_WIDTH - spread) / 2, slot_top, extra=gap)
            elif grid.align == "centre":
                draw_line(canvas, line, x + (grid.width - natural_width(line)) / 2, slot_top, extra=tracking)
            elif grid.align == "justify":
                draw_line(canvas, line, x, slot_top, extra=justify_extra(line, grid.width))
            else:
                draw_line(canvas, line, x, slot_top, extra=tracking)
        if grid.right is not None:
            draw_line(canvas, grid.right, LEFT + BLOCK_WIDTH - natural_width(grid.right), slot_top, extra=TRACKING)
        if grid.rule:
            rule_y = slot_top - BODY_SIZE - (PITCH - BODY_SIZE) / 2
            canvas.setStrokeColor(RED)
            canvas.setLineWidth(1.2)
            canvas.line(LEFT, rule_y, LEFT + BLOCK_WIDTH, rule_y)
            canvas.setStrokeColor(colors.black)
    canvas.setFillColor(colors.black)


def official_page_number(canvas: Any, fonts: PdfFonts, number: int) -> None:
    """“— N —” in 4号, 7 mm below the text block, odd pages right and even pages left, one character in."""
    width = PORTRAIT[0]
    top = BOTTOM - 7 * MM
    if number % 2:
        draw_page_number(canvas, fonts, number, top=top, size=PAGE_NUMBER_SIZE, right=width - RIGHT - PAGE_NUMBER_SIZE)
    else:
        draw_page_number(canvas, fonts, number, top=top, size=PAGE_NUMBER_SIZE, left=LEFT + PAGE_NUMBER_SIZE)


def anchor_top(page: list[GridLine], anchor: str) -> float | None:
    """The top of the line marked ``anchor`` on ``page`` (None when it is not there)."""
    for n, grid in enumerate(page):
        if grid.anchor == anchor:
            return PORTRAIT[1] - TOP - n * PITCH
    return None


def draw_grid_pages(
    canvas: Any, fonts: PdfFonts, lines: list[GridLine], decorate: Callable[[Any, list[GridLine]], None] | None = None
) -> int:
    """The body on as many numbered pages as it needs, from page 1; returns the number of pages.

    ``decorate(canvas, page)`` draws what goes beside the grid on each page (the verification block).
    """
    pages = paginate(lines)
    for index, page in enumerate(pages):
        if index:
            canvas.showPage()
        draw_grid_page(canvas, page)
        if decorate is not None:
            decorate(canvas, page)
        official_page_number(canvas, fonts, index + 1)
    return len(pages)
