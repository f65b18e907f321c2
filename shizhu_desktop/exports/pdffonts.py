"""Registers the chosen fonts with reportlab and splits text into runs, each in a font that has its glyphs."""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics

from shizhu_desktop.exports.fontcache import load_ttfont
from shizhu_desktop.exports.fonts import FontChoice, FontRole, FontSource, choose_fonts
from shizhu_desktop.exports.glyphs import MissingGlyphsError

#: GB 2312's 缺字符号 (U+3013), printed for a character no font has when the caller allowed it.
MISSING_MARK = "〓"


@dataclass(frozen=True)
class LoadedFont:
    """A font registered with reportlab: its PDF name, advance widths (per 1000 em) and vertical metrics."""

    name: str
    widths: dict[int, float]
    default_width: float
    ascent: float
    descent: float

    def has(self, char: str) -> bool:
        return ord(char) in self.widths

    def width(self, char: str, size: float) -> float:
        return self.widths.get(ord(char), self.default_width) * size / 1000


class FontLoadError(Exception):
    """A font file reportlab cannot use (damaged, an old PRC font, an unexpected table): the caller falls back."""


# reportlab keeps registered fonts for the whole process; so do these caches (one load per font, one try per
# unusable font).
_LOADED: dict[str, LoadedFont] = {}
_FAILED: dict[str, str] = {}


def load(source: FontSource) -> LoadedFont:
    """Register ``source`` with reportlab once per process and return it; raise :class:`FontLoadError`."""
    loaded = _LOADED.get(source.key)
    if loaded is not None:
        return loaded
    if source.key in _FAILED:
        raise FontLoadError(_FAILED[source.key])
    name = "SZ" + hashlib.sha1(source.key.encode("utf-8")).hexdigest()[:12]
    try:
        font = load_ttfont(name, Path(source.path), source.index, bundled=source.bundled)
        face = font.face
        if not face.charWidths:
            raise ValueError("no characters")
        # reportlab's width table is used as it is: copying 20,000 entries per font cost a tenth of the start.
        loaded = LoadedFont(name, face.charWidths, float(face.defaultWidth), float(face.ascent), float(face.descent))
        pdfmetrics.registerFont(font)
    except Exception as exc:  # any failure of a third-party parser on a font file means: not this font
        _FAILED[source.key] = f"{source.path.name}: {exc}"
        raise FontLoadError(_FAILED[source.key]) from exc
    _LOADED[source.key] = loaded
    return loaded


def can_load(source: FontSource) -> bool:
    """True when reportlab can use ``source`` (tried once per process)."""
    try:
        load(source)
    except FontLoadError:
        return False
    return True


def choose_pdf_fonts() -> FontChoice:
    """The fonts of this machine for a PDF: each role's first official font that actually loads, else bundled."""
    return choose_fonts(usable=can_load)


def printable(text: str) -> str:
    """Text as it is drawn: one kind of line break, tabs as spaces, invisible control and format characters gone."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "  ")
    return "".join(ch for ch in text if ch == "\n" or not _invisible(ch))


def _invisible(char: str) -> bool:
    code = ord(char)
    if 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF:  # variation selectors
        return True
    return unicodedata.category(char) in ("Cc", "Cf", "Cs")


class PdfFonts:
    """The fonts of one PDF: a font per role, and per character the first font in the role's chain that has it."""

    def __init__(self, choice: FontChoice, *, allow_missing: bool = False) -> None:
        self.choice = choice
        self.allow_missing = allow_missing
        self._chains = {role: choice.fallback_chain(role) for role in FontRole}
        self._pick: dict[tuple[FontRole, str], LoadedFont | None] = {}

    def primary(self, role: FontRole) -> LoadedFont:
        """The role's font; if it cannot be loaded, the first font of its chain that can."""
        try:
            return load(self.choice.roles[role])
        except FontLoadError:
            for source in self._chains[role]:
                if can_load(source):
                    return load(source)
            raise

    def font_for(self, char: str, role: FontRole) -> LoadedFont | None:
        """The first font in ``role``'s chain that has ``char`` (fonts load only when needed), else None."""
        key = (role, char)
        if key not in self._pick:
            found = None
            for source in self._chains[role]:
                if not can_load(source):
                    continue
                font = load(source)
                if font.has(char):
                    found = font
                    break
            self._pick[key] = found
        return self._pick[key]

    def check(self, texts: Iterable[tuple[str, str]]) -> None:
        """Raise :class:`MissingGlyphsError` listing characters no font has (unless missing ones are allowed)."""
        missing: dict[str, list[str]] = {}
        for where, text in texts:
            for char in printable(text):
                if char in " \n\u3000" or self.font_for(char, FontRole.FANGSONG) is not None:
                    continue
                places = missing.setdefault(char, [])
                if where not in places:
                    places.append(where)
        if missing and not self.allow_missing:
            raise MissingGlyphsError(missing)

    def glyphs(self, text: str, role: FontRole, size: float) -> list[tuple[str, LoadedFont, float]]:
        """Each character of ``text`` with the font that draws it and its advance width at ``size``."""
        out = []
        primary = self.primary(role)
        for char in text:
            if char == "\n":
                continue
            font = primary if primary.has(char) else self.font_for(char, role)
            if font is None:
                char, font = MISSING_MARK, self.font_for(MISSING_MARK, role) or primary
            out.append((char, font, font.width(char, size)))
        return out
