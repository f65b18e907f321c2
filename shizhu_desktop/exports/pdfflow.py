"""Landscape pages filled from the top: titles, tables that continue over pages, blocks kept whole, page numbers."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from shizhu_desktop.exports.fonts import FontRole
from shizhu_desktop.exports.pdffonts import PdfFonts
from shizhu_desktop.exports.pdfpage import LANDSCAPE, MM, PORTRAIT, draw_page_number
from shizhu_desktop.exports.pdftable import PdfTable
from shizhu_desktop.exports.pdftext import draw_aligned, lay_out, lay_out_title

# Margins (mm): the left edge is bound; the bottom leaves room for the page number.
TOP, BOTTOM, LEFT, RIGHT = 15 * MM, 17 * MM, 20 * MM, 15 * MM
TITLE_SIZE, SUBTITLE_SIZE, INFO_SIZE, SECTION_SIZE = 20.0, 14.0, 12.0, 12.0
Numbering = Callable[[Any, int], None]


class LandscapeFlow:
    """Draws onto ``canvas`` from the top of a landscape page down, starting a new page when one is full.

    ``turned``: the pages are portrait sheets with the landscape content turned on them, its top towards the
    left edge — how a landscape table is bound into a portrait document (GB/T 9704 §10.1: 单页码表头在订口一边，
    双页码表头在切口一边, both the left edge), so that its page number sits where every other page has it.
    """

    def __init__(
        self,
        canvas: Any,
        fonts: PdfFonts,
        first_page_number: int,
        numbering: Numbering | None = None,
        *,
        turned: bool = False,
    ):
        self.canvas, self.fonts = canvas, fonts
        self.width, self.height = LANDSCAPE
        self.text_width = self.width - LEFT - RIGHT
        self.top = self.height - TOP
        self.y = self.top
        self.number = first_page_number
        self.pages = 1
        self.turned = turned
        self._numbering = numbering or self._centred_number
        self._begin_page()

    def _begin_page(self) -> None:
        if not self.turned:
            self.canvas.setPageSize(LANDSCAPE)
            return
        self.canvas.setPageSize(PORTRAIT)
        self.canvas.saveState()
        # Landscape point (u, v) goes to (portrait width − v, u): the content's top edge lies along the left edge.
        self.canvas.translate(PORTRAIT[0], 0)
        self.canvas.rotate(90)

    def _end_page(self) -> None:
        if self.turned:
            self.canvas.restoreState()
        self._numbering(self.canvas, self.number)

    def _centred_number(self, canvas: Any, number: int) -> None:
        draw_page_number(canvas, self.fonts, number, top=BOTTOM - 7 * MM, size=12.0, centre=self.width / 2)

    @property
    def space(self) -> float:
        return self.y - BOTTOM

    def new_page(self) -> None:
        self._end_page()
        self.canvas.showPage()
        self.number += 1
        self.pages += 1
        self.y = self.top
        self._begin_page()

    def skip(self, height: float) -> None:
        self.y -= height

    def title(self, phrases: Sequence[str], role: FontRole, size: float, *, gap: float = 1.5) -> None:
        """A centred title broken only between ``phrases``."""
        for line in lay_out_title(self.fonts, phrases, role, size, self.text_width):
            draw_aligned(self.canvas, line, LEFT, self.text_width, self.y, "center")
            self.y -= size * gap

    def label(self, text: str, size: float = 16.0) -> None:
        """附件1 in 黑体 at the top left (GB/T 9704 §8)."""
        line = lay_out(self.fonts, text, FontRole.HEI, size, self.text_width)[0]
        draw_aligned(self.canvas, line, LEFT, self.text_width, self.y, "left")
        self.y -= size * 2

    def text(self, text: str, role: FontRole = FontRole.FANGSONG, size: float = INFO_SIZE, align: str = "left") -> None:
        for line in lay_out(self.fonts, text, role, size, self.text_width):
            draw_aligned(self.canvas, line, LEFT, self.text_width, self.y, align)
            self.y -= size * 1.5

    def table(self, table: PdfTable, heading: str = "") -> None:
        """``table`` from here on, its header repeated on every page; ``heading`` stays with its first rows."""
        heading_height = SECTION_SIZE * 2.2 if heading else 0.0
        first_rows = table.header_height + table.row_height(0, 3) if table.rows else table.header_height
        if heading_height + first_rows > self.space and self.y < self.top:
            self.new_page()
        if heading:
            self.y -= SECTION_SIZE * 0.7
            self.text(heading, FontRole.HEI, SECTION_SIZE)
        full = self.height - TOP - BOTTOM
        for index, pieces in enumerate(table.paginate(self.space, full)):
            if index:
                self.new_page()
            if not pieces:
                continue
            self.y = table.draw_header(self.canvas, LEFT, self.y)
            for piece in pieces:
                self.y = table.draw_piece(self.canvas, piece, LEFT, self.y)

    def block(self, height: float, draw: Callable[[Any, float, float, float], None]) -> None:
        """A block kept whole: ``draw(canvas, left, top, width)``, on a new page when this one is too full."""
        if height > self.space:
            self.new_page()
        draw(self.canvas, LEFT, self.y, self.text_width)
        self.y -= height

    def finish(self) -> int:
        """Number the last page; return how many pages were drawn."""
        self._end_page()
        return self.pages
