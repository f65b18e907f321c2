"""Laying out and drawing lines of Chinese text on a reportlab canvas, with font fallback per character."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from shizhu_desktop.exports.fonts import FontRole
from shizhu_desktop.exports.linebreak import balanced_lines, break_paragraph, phrase_groups, visible_end
from shizhu_desktop.exports.pdffonts import LoadedFont, PdfFonts, printable

Glyph = tuple[str, LoadedFont, float]
_BLANKS = (" ", "\u3000")
#: 标点挤压 (GB/T 15834, clreq): a closing mark whose ink sits in the left half of its em box, followed by
#: another mark, gives up the right half — so that “（盖章）：” shows no full-em gap between ） and ：.
_SQUEEZE_FIRST = frozenset("，。、；：）」』》〉】〕”’")
_SQUEEZE_BEFORE = frozenset("，。、；：？！）」』》〉】〕”’（「『《〈【〔“‘")


@dataclass(frozen=True)
class Line:
    """One laid-out line: its glyphs (trailing spaces removed), and whether it ends its paragraph."""

    glyphs: tuple[Glyph, ...]
    size: float
    paragraph_end: bool

    @property
    def width(self) -> float:
        return sum(g[2] for g in self.glyphs)

    @property
    def text(self) -> str:
        return "".join(g[0] for g in self.glyphs)


def shape(fonts: PdfFonts, spans: Sequence[tuple[str, FontRole]], size: float) -> list[list[Glyph]]:
    """Text spans (each in a role's font) to paragraphs of glyphs, split at newlines, punctuation squeezed."""
    paragraphs: list[list[Glyph]] = [[]]
    for text, role in spans:
        for i, part in enumerate(printable(text).split("\n")):
            if i:
                paragraphs.append([])
            paragraphs[-1].extend(fonts.glyphs(part, role, size))
    return [squeeze(glyphs) for glyphs in paragraphs]


def squeeze(glyphs: list[Glyph]) -> list[Glyph]:
    """Half-width advance for a full-width closing mark followed by another mark (标点挤压)."""
    out = list(glyphs)
    for i in range(len(out) - 1):
        char, font, width = out[i]
        if char in _SQUEEZE_FIRST and out[i + 1][0] in _SQUEEZE_BEFORE and width > 0:
            out[i] = (char, font, width / 2)
    return out


def lay_out(
    fonts: PdfFonts,
    spans: Sequence[tuple[str, FontRole]] | str,
    role: FontRole,
    size: float,
    width: float,
    *,
    balanced: bool = False,
    tracking: float = 0.0,
) -> list[Line]:
    """Break text into lines no wider than ``width`` by the Chinese line-breaking rules.

    ``tracking`` is added after each character when drawn (GB/T 9704 sets 28 characters of 16 pt in 156 mm).
    """
    if isinstance(spans, str):
        spans = [(spans, role)]
    lines: list[Line] = []
    for glyphs in shape(fonts, spans, size):
        chars = [g[0] for g in glyphs]
        widths = [g[2] + tracking for g in glyphs]
        breaker = balanced_lines if balanced else break_paragraph
        ranges = breaker(chars, widths, width + tracking)
        for n, (start, end) in enumerate(ranges):
            end = visible_end(chars, start, end)
            lines.append(Line(tuple(glyphs[start:end]), size, n == len(ranges) - 1))
    return lines


def lay_out_title(
    fonts: PdfFonts, phrases: Sequence[str], role: FontRole, size: float, width: float, *, tracking: float = 0.0
) -> list[Line]:
    """A title broken only between ``phrases`` (词意完整), lines as even as possible; by characters only when a
    single phrase is wider than a line."""
    shaped = [fonts.glyphs(printable(p).replace("\n", ""), role, size) for p in phrases if p]
    widths = [sum(g[2] + tracking for g in glyphs) for glyphs in shaped]
    groups = phrase_groups(widths, width + tracking)
    if groups is None:
        return lay_out(fonts, "".join(phrases), role, size, width, balanced=True, tracking=tracking)
    lines = []
    for n, (first, last) in enumerate(groups):
        glyphs = tuple(g for glyphs in shaped[first:last] for g in glyphs)
        lines.append(Line(glyphs, size, n == len(groups) - 1))
    return lines


def em_top_baseline(font: LoadedFont, size: float, top: float) -> float:
    """The baseline that puts the top of the font's em box (as PDF readers compute it) at ``top``."""
    return top - size - font.descent * size / 1000


def draw_line(canvas: Any, line: Line, x: float, top: float, *, extra: float = 0.0) -> None:
    """Draw ``line`` from ``x`` with its em box's top at ``top``; ``extra`` is added after every character.

    Each run sits on its own font's baseline, so that fallback glyphs share the em box of the line (the way
    Chinese type is aligned) rather than a baseline that suits another font.
    """
    glyphs = line.glyphs
    pos, i = x, 0
    while i < len(glyphs):
        char, font, width = glyphs[i]
        if char in _BLANKS:
            pos += width + extra
            i += 1
            continue
        j = i
        while j < len(glyphs) and glyphs[j][1] is font and glyphs[j][0] not in _BLANKS:
            j += 1
            if glyphs[j - 1][2] < font.width(glyphs[j - 1][0], line.size) - 0.01:
                break  # a squeezed mark: the next glyph starts at its reduced advance, not the font's
        text = canvas.beginText(pos, em_top_baseline(font, line.size, top))
        text.setFont(font.name, line.size)
        text.setCharSpace(extra)
        text.textOut("".join(g[0] for g in glyphs[i:j]))
        # Tc outlives the text object in PDF's text state: reset it, or later text would be spaced too.
        text.setCharSpace(0)
        canvas.drawText(text)
        pos += sum(g[2] for g in glyphs[i:j]) + extra * (j - i)
        i = j


def justify_extra(line: Line, width: float) -> float:
    """Extra space per character gap that makes ``line`` exactly ``width`` wide."""
    gaps = len(line.glyphs) - 1
    return (width - line.width) / gaps if gaps > 0 else 0.0


def draw_aligned(canvas: Any, line: Line, left: float, width: float, top: float, align: str) -> None:
    """Draw ``line`` left-aligned, centred or right-aligned in the box [left, left + width], em top at ``top``."""
    offset = {"left": 0.0, "center": (width - line.width) / 2, "right": width - line.width}[align]
    draw_line(canvas, line, left + max(0.0, offset), top)
