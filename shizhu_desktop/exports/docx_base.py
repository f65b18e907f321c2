"""Word documents in the GB/T 9704 layout: page, fonts, the 22-line grid, page numbers, tables (python-docx)."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

from docx import Document as new_document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from shizhu_desktop.exports.linebreak import phrase_groups

#: Official font names; Word and WPS substitute what a PC lacks (their names stay in the file for the printer).
FANGSONG, HEI, KAI, XIAOBIAOSONG, SONG = "仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体", "宋体"
BODY_PT, TITLE_PT, NUMBER_PT, TABLE_PT = 16.0, 22.0, 14.0, 10.5
#: 22 lines in the 225 mm text block (GB/T 9704 §5.2.1): an exact line spacing of 28.95 pt, as offices set it.
LINE_PT = 28.95
BLOCK_CHARS = 28
RED = RGBColor(0xD4, 0x00, 0x00)
INDENT = "\u3000\u3000"


def document() -> Any:
    """A new document: A4 portrait, GB/T 9704 margins, 仿宋 3号 on the 28.95 pt grid, odd/even page numbers."""
    doc = new_document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    _margins(section, top=37, bottom=35, left=28, right=26)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    set_font(normal.element.get_or_add_rPr(), FANGSONG)
    fmt = normal.paragraph_format
    fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(LINE_PT)
    fmt.space_before = fmt.space_after = Pt(0)
    doc.settings.odd_and_even_pages_header_footer = True
    page_numbers(section)
    return doc


def _margins(section: Any, *, top: float, bottom: float, left: float, right: float) -> None:
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)
    # The page number sits 7 mm below the text block (§7.5): the footer starts 28 mm above the paper's edge.
    section.footer_distance = Mm(bottom - 7 - 5)
    section.header_distance = Mm(15)


def set_font(r_pr: Any, name: str) -> None:
    """Use ``name`` for Chinese and Latin text alike (rFonts eastAsia/ascii/hAnsi)."""
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for attribute in ("w:eastAsia", "w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attribute), name)


def run(paragraph: Any, text: str, font: str = FANGSONG, size: float = BODY_PT, *, bold: bool = False) -> Any:
    r = paragraph.add_run(text)
    set_font(r._element.get_or_add_rPr(), font)
    r.font.size = Pt(size)
    r.font.bold = bold
    return r


def paragraph(
    doc: Any,
    text: str = "",
    font: str = FANGSONG,
    size: float = BODY_PT,
    *,
    align: str = "justify",
    indent: bool = False,
    spans: Sequence[tuple[str, str]] = (),
) -> Any:
    """A paragraph on the grid: ``spans`` (text, font) or ``text`` in ``font``; ``indent``: two characters in."""
    p = doc.add_paragraph()
    p.alignment = {
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "centre": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
    }[align]
    if indent:
        p.paragraph_format.first_line_indent = Pt(2 * size)
    for part, part_font in spans or [(text, font)]:
        if part:
            run(p, part, part_font, size)
    return p


def _units(text: str) -> float:
    """Width in ems of a line of Chinese type; Latin letters and digits are a little over half an em in the
    Chinese fonts (0.55), so that titles break where the PDF breaks them."""
    return sum(1.0 if unicodedata.east_asian_width(c) in ("W", "F", "A") else 0.55 for c in text)


def title(doc: Any, phrases: Sequence[str], size: float = TITLE_PT, width_chars: float = 20.0) -> Any:
    """The title, centred, broken only between phrases (词意完整): explicit line breaks where the PDF breaks."""
    groups = phrase_groups([_units(p) for p in phrases], width_chars) or [(0, len(phrases))]
    p = paragraph(doc, align="centre")
    p.paragraph_format.line_spacing = Pt(max(LINE_PT, size * 1.3))
    for n, (first, last) in enumerate(groups):
        r = run(p, "".join(phrases[first:last]), XIAOBIAOSONG, size)
        if n < len(groups) - 1:
            r.add_break(WD_BREAK.LINE)
    return p


def signature(doc: Any, organ: str, date_text: str, note: str = "") -> None:
    """落款: two blank lines for the seal, the organ centred over the date, the date 右空四字; then the 附注."""
    doc.add_paragraph()
    doc.add_paragraph()
    right_gap = 4.0
    date_width, organ_width = _units(date_text), _units(organ)
    for text, gap in ((organ, right_gap + max(0.0, (date_width - organ_width) / 2)), (date_text, right_gap)):
        p = paragraph(doc, text, align="right")
        p.paragraph_format.right_indent = Pt(gap * BODY_PT)
    if note:
        paragraph(doc, f"（{note}）", align="left", indent=True)


def page_numbers(section: Any) -> None:
    """“— N —” in 4号宋体, odd pages right and even pages left, one character in from the edge."""
    for footer, align in ((section.footer, "right"), (section.even_page_footer, "left")):
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT if align == "right" else WD_ALIGN_PARAGRAPH.LEFT
        fmt = p.paragraph_format
        if align == "right":
            fmt.right_indent = Pt(NUMBER_PT)
        else:
            fmt.left_indent = Pt(NUMBER_PT)
        run(p, "— ", SONG, NUMBER_PT)
        _page_field(run(p, "", SONG, NUMBER_PT))
        run(p, " —", SONG, NUMBER_PT)


def _page_field(r: Any) -> None:
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("text", "1"), ("end", None)):
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        elif kind == "text":
            element = OxmlElement("w:t")
            element.text = text
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        r._element.append(element)


def new_section(doc: Any, *, landscape: bool) -> Any:
    """A section on a new page, landscape for a wide table; page numbers continue."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    if landscape:
        _margins(section, top=20, bottom=20, left=20, right=15)
    else:
        _margins(section, top=37, bottom=35, left=28, right=26)
    return section


def attachment_heading(doc: Any, label: str, phrases: Sequence[str], width_chars: float) -> None:
    """附件N in 黑体 at the top left, then the attachment's title."""
    paragraph(doc, label, HEI, align="left")
    title(doc, phrases, width_chars=width_chars)


def table(doc: Any, header: Sequence[str], rows: Sequence[Sequence[str]], widths_mm: Sequence[float]) -> Any:
    """A ruled table in 五号 type, its header row repeated on every page, rows never split by a page break."""
    grid = doc.add_table(rows=1, cols=len(header))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    for cell, text in zip(grid.rows[0].cells, header, strict=True):
        _cell(cell, text, HEI, centre=True)
    _repeat_header(grid.rows[0])
    for values in rows:
        cells = grid.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            _cell(cell, text, FANGSONG)
    # Word reads the cells' widths, LibreOffice and WPS the table grid: both are set, and the layout fixed.
    for column, width in zip(grid.columns, widths_mm, strict=True):
        column.width = Mm(width)
    for row in grid.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    grid._tbl.tblPr.append(layout)
    return grid


def _cell(cell: Any, text: str, font: str, *, centre: bool = False) -> None:
    lines = text.split("\n") if text else [""]
    first = cell.paragraphs[0]
    for n, line in enumerate(lines):
        p = first if n == 0 else cell.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER if centre else WD_ALIGN_PARAGRAPH.LEFT
        fmt = p.paragraph_format
        fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.SINGLE, 1.0
        fmt.first_line_indent = None
        if line:
            run(p, line, font, TABLE_PT)


def _repeat_header(row: Any) -> None:
    properties = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    properties.append(element)


def rule(p: Any, *, color: str = "000000", size: int = 12, top: bool = False) -> None:
    """A rule under (or over) paragraph ``p``: the 版头's red line, the 版记's black lines."""
    borders = p._p.get_or_add_pPr().find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        p._p.get_or_add_pPr().append(borders)
    edge = OxmlElement("w:top" if top else "w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", str(size)), ("w:space", "1"), ("w:color", color)):
        edge.set(qn(key), value)
    borders.append(edge)
