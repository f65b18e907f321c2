"""A ruled table that repeats its header on every page and continues a too-tall row on the next page."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from shizhu_desktop.exports.fonts import FontRole
from shizhu_desktop.exports.pdffonts import PdfFonts
from shizhu_desktop.exports.pdftext import Line, draw_aligned, lay_out

CONTINUED = "续"


@dataclass(frozen=True)
class Column:
    width: float
    align: str = "left"
    size: float | None = None  # a smaller type for reference text (the catalog's measures)


@dataclass(frozen=True)
class TableStyle:
    size: float = 10.0
    leading: float = 13.0
    padding: float = 3.0
    header_role: FontRole = FontRole.HEI
    body_role: FontRole = FontRole.FANGSONG


@dataclass(frozen=True)
class Piece:
    """The part of one row drawn on one page: lines [start, start + count) of every cell."""

    row: int
    start: int
    count: int

    @property
    def continued(self) -> bool:
        return self.start > 0


class PdfTable:
    """Lays out every cell once; :meth:`paginate` then cuts rows into pieces that fit each page."""

    def __init__(
        self,
        fonts: PdfFonts,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        columns: Sequence[Column],
        style: TableStyle | None = None,
    ) -> None:
        self.style = style or TableStyle()
        self.columns = list(columns)
        self.width = sum(c.width for c in columns)
        inner = [c.width - 2 * self.style.padding for c in columns]
        self.header = [
            lay_out(fonts, text, self.style.header_role, self.style.size, w)
            for text, w in zip(header, inner, strict=True)
        ]
        self.rows = [
            [
                lay_out(fonts, text, self.style.body_role, col.size or self.style.size, w)
                for text, col, w in zip(row, columns, inner, strict=True)
            ]
            for row in rows
        ]
        self._continued = lay_out(fonts, CONTINUED, self.style.body_role, self.style.size, inner[0])
        self.header_height = self._height(max(len(c) for c in self.header))

    def _height(self, lines: int) -> float:
        return lines * self.style.leading + 2 * self.style.padding

    def row_lines(self, row: int) -> int:
        return max(1, *(len(cell) for cell in self.rows[row]))

    def row_height(self, row: int, max_lines: int | None = None) -> float:
        """The height of ``row`` (or of its first ``max_lines`` lines)."""
        lines = self.row_lines(row)
        return self._height(lines if max_lines is None else min(lines, max_lines))

    def paginate(self, first_space: float, page_space: float) -> list[list[Piece]]:
        """Pieces per page; ``first_space``/``page_space``: the height below the header on the first/other pages."""
        pages: list[list[Piece]] = [[]]
        space = first_space - self.header_height
        full = page_space - self.header_height
        min_lines = 3
        for row in range(len(self.rows)):
            start, total = 0, self.row_lines(row)
            while start < total:
                remaining = total - start
                fits = int((space - 2 * self.style.padding + 0.01) // self.style.leading)
                whole_fits_fresh = self._height(remaining) <= full
                if fits >= remaining:
                    take = remaining
                elif fits >= min_lines and not (whole_fits_fresh and space < 0.4 * full):
                    take = fits
                else:
                    if pages[-1] or space < full:
                        pages.append([])
                        space = full
                        continue
                    take = max(1, fits)  # a page too short for even a few lines: never loop forever
                pages[-1].append(Piece(row, start, take))
                space -= self._height(take)
                start += take
        return pages

    def draw_header(self, canvas: Any, x: float, top: float) -> float:
        """Draw the header row with its top at ``top``; return the y of its bottom."""
        bottom = top - self.header_height
        self._rule(canvas, x, top, bottom)
        lines = max(len(c) for c in self.header)
        for cell, left, column in zip(self.header, self._lefts(x), self.columns, strict=True):
            # Header text is centred both ways.
            offset = (lines - len(cell)) * self.style.leading / 2
            self._cell(canvas, cell, left, column.width, top - offset, "center")
        return bottom

    def draw_piece(self, canvas: Any, piece: Piece, x: float, top: float) -> float:
        """Draw one piece of a row with its top at ``top``; return the y of its bottom."""
        bottom = top - self._height(piece.count)
        self._rule(canvas, x, top, bottom)
        for index, (cell, left, column) in enumerate(
            zip(self.rows[piece.row], self._lefts(x), self.columns, strict=True)
        ):
            shown = cell[piece.start : piece.start + piece.count]
            if index == 0 and piece.continued and not shown:
                shown = self._continued
            self._cell(canvas, shown, left, column.width, top, column.align)
        return bottom

    def _lefts(self, x: float) -> list[float]:
        lefts, pos = [], x
        for column in self.columns:
            lefts.append(pos)
            pos += column.width
        return lefts

    def _cell(self, canvas: Any, lines: Sequence[Line], left: float, width: float, top: float, align: str) -> None:
        pad, leading = self.style.padding, self.style.leading
        for n, line in enumerate(lines):
            if not line.glyphs:
                continue
            # Centre the em box in its line slot: the slot is ``leading`` high, the type ``line.size``.
            slot_top = top - pad - n * leading - (leading - line.size) / 2
            draw_aligned(canvas, line, left + pad, width - 2 * pad, slot_top, align)

    def _rule(self, canvas: Any, x: float, top: float, bottom: float) -> None:
        canvas.setLineWidth(0.6)
        canvas.rect(x, bottom, self.width, top - bottom, stroke=1, fill=0)
        for left in self._lefts(x)[1:]:
            canvas.line(left, top, left, bottom)
