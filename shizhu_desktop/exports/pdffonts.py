"""Registers the chosen fonts with reportlab and splits text into runs, each in a font that has its glyphs."""

from __future__ import annotations

import hashlib
import io
import lzma
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from shizhu_desktop.exports.fonts import FontChoice, FontRole, FontSource
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


# reportlab keeps registered fonts for the whole process; so does this cache (one parse per font file).
_LOADED: dict[str, LoadedFont] = {}


def load(source: FontSource) -> LoadedFont:
    """Register ``source`` with reportlab once per process and return it."""
    loaded = _LOADED.get(source.key)
    if loaded is not None:
        return loaded
    name = "SZ" + hashlib.sha1(source.key.encode("utf-8")).hexdigest()[:12]
    if source.compressed:
        # Bundled Arphic fonts are stored xz-compressed (size budget); reportlab reads them from memory.
        font = TTFont(name, io.BytesIO(lzma.decompress(source.path.read_bytes())))
    else:
        font = TTFont(name, str(source.path), subfontIndex=source.index)
    pdfmetrics.registerFont(font)
    face = font.face
    loaded = LoadedFont(
        name=name,
        widths={int(code): float(w) for code, w in face.charWidths.items()},
        default_width=float(face.defaultWidth),
        ascent=float(face.ascent),
        descent=float(face.descent),
    )
    _LOADED[source.key] = loaded
    return loaded


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
        return load(self.choice.roles[role])

    def font_for(self, char: str, role: FontRole) -> LoadedFont | None:
        """The first font in ``role``'s chain that has ``char`` (fonts load only when needed), else None."""
        key = (role, char)
        if key not in self._pick:
            found = None
            for source in self._chains[role]:
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
