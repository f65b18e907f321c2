"""The verification block printed beside the signatures: key fingerprint, 校验码 and a QR code of the report."""

from __future__ import annotations

import importlib.util
import itertools
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Any

import reportlab

from shizhu_desktop.exports.fonts import FontRole
from shizhu_desktop.exports.pdffonts import PdfFonts
from shizhu_desktop.exports.pdftext import Line, draw_line, em_top_baseline, lay_out
from shizhu_desktop.interchange.fingerprints import check_code, payload_fingerprint, qr_text

MM = 72 / 25.4
QR_SIZE = 21 * MM
QUIET_ZONE = 2  # modules of white around the code (the standard asks 4; the paper around it adds the rest)
TEXT_SIZE = 9.0
UNSIGNED = "未签名"
FINGERPRINT_LABEL, CHECK_CODE_LABEL = "密钥指纹：", "校验码："
NOTE = "扫描二维码或核对校验码，可与报送的电子文件对应"


@dataclass(frozen=True)
class Verification:
    """What the paper copy carries to be matched with the e-mailed file."""

    fingerprint: str
    check_code: str
    qr: str

    @classmethod
    def of(cls, payload: dict[str, Any]) -> Verification:
        digest = str(payload.get("sha256") or "")
        return cls(payload_fingerprint(payload) or UNSIGNED, check_code(digest) if digest else "", qr_text(payload))

    @property
    def lines(self) -> list[str]:
        return [f"{FINGERPRINT_LABEL}{self.fingerprint}", f"{CHECK_CODE_LABEL}{self.check_code}", NOTE]


@lru_cache(maxsize=1)
def _qrencoder() -> ModuleType:
    """reportlab's QR encoder, a module that needs only the standard library.

    Imported through its package it would first import every barcode widget and reportlab's graphics shapes
    (80 ms of every PDF command); so it is loaded from its file, and through the package only where there is no
    file (a frozen bundle keeps modules in an archive).
    """
    path = Path(reportlab.__file__).parent / "graphics" / "barcode" / "qrencoder.py"
    spec = importlib.util.spec_from_file_location("shizhu_desktop.exports._qrencoder", path)
    if spec is None or spec.loader is None or not path.is_file():
        from reportlab.graphics.barcode import qrencoder as packaged

        return packaged  # type: ignore[no-any-return]
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@lru_cache(maxsize=64)
def qr_modules(text: str) -> tuple[tuple[bool, ...], ...]:
    """The dark and light modules of a QR code of ``text`` (error correction M), encoded once per text."""
    qrencoder = _qrencoder()
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(text)
    code.make()
    return tuple(tuple(bool(m) for m in row) for row in code.modules)


def draw_qr(canvas: Any, text: str, x: float, y: float, size: float = QR_SIZE) -> None:
    """A QR code of ``text`` with its lower left corner at (x, y), ``size`` points square (quiet zone included).

    Drawn as one path of filled runs: reportlab's widget builds a shape object per run, 40 ms a code.
    """
    modules = qr_modules(text)
    count = len(modules)
    box = size / (count + 2 * QUIET_ZONE)
    path = canvas.beginPath()
    for r, row in enumerate(modules):
        top = y + size - (r + QUIET_ZONE) * box
        c = 0
        for dark, run in itertools.groupby(row):
            length = len(list(run))
            if dark:
                path.rect(x + (c + QUIET_ZONE) * box, top - box, length * box, box)
            c += length
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


def draw_verification(
    canvas: Any, fonts: PdfFonts, payload: dict[str, Any], x: float, top: float, *, qr_left: bool = False
) -> float:
    """The QR code and the three text lines beside it, the block's top at ``top``.

    By default the QR's top right corner is at (x, top) and the text stands to its left, right-aligned;
    ``qr_left`` puts the QR's top left corner at (x, top) and the text to its right. Returns the block's width,
    so that the caller can keep other lines clear of it.
    """
    stamp = Verification.of(payload)
    lines = [
        lay_out(fonts, t, FontRole.FANGSONG if n == len(stamp.lines) - 1 else FontRole.HEI, TEXT_SIZE, 120 * MM)[0]
        for n, t in enumerate(stamp.lines)
    ]
    widest = max(line.width for line in lines)
    qr_x = x if qr_left else x - QR_SIZE
    draw_qr(canvas, stamp.qr, qr_x, top - QR_SIZE)
    # 2 mm of paper beside the code's own white border make the quiet zone a scanner needs.
    for n, line in enumerate(lines):
        left = qr_x + QR_SIZE + 2 * MM if qr_left else qr_x - 2 * MM - line.width
        _draw_whole(canvas, line, left, top - 3 * MM - n * TEXT_SIZE * 1.6)
    return QR_SIZE + 2 * MM + widest


def _draw_whole(canvas: Any, line: Line, x: float, top: float) -> None:
    """A line drawn as one string when one font has all of it, its spaces included: the fingerprint's groups
    (3F2A 91C0 …) are then extracted from the PDF exactly as `key show` prints them."""
    if not line.glyphs or len({glyph[1].name for glyph in line.glyphs}) != 1:
        draw_line(canvas, line, x, top)
        return
    font = line.glyphs[0][1]
    canvas.setFont(font.name, line.size)
    canvas.drawString(x, em_top_baseline(font, line.size, top), line.text)
