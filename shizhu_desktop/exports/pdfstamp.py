"""The verification block printed beside the signatures: key fingerprint, 校验码 and a QR code of the report."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing

from shizhu_desktop.exports.fonts import FontRole
from shizhu_desktop.exports.pdffonts import PdfFonts
from shizhu_desktop.exports.pdftext import draw_line, lay_out
from shizhu_desktop.interchange.fingerprints import check_code, payload_fingerprint, qr_text

MM = 72 / 25.4
QR_SIZE = 21 * MM
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


def draw_qr(canvas: Any, text: str, x: float, y: float, font_name: str, size: float = QR_SIZE) -> None:
    """A QR code of ``text`` with its lower left corner at (x, y), ``size`` points square (quiet zone included).

    ``font_name``: a registered font; the renderer would otherwise list Helvetica in the PDF without embedding it.
    """
    widget = QrCodeWidget(text, barLevel="M")
    left, bottom, right, top = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (right - left), 0, 0, size / (top - bottom), 0, 0])
    drawing.initialFontName = font_name
    drawing.add(widget)
    renderPDF.draw(drawing, canvas, x, y)


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
    draw_qr(canvas, stamp.qr, qr_x, top - QR_SIZE, fonts.primary(FontRole.FANGSONG).name)
    # The QR's quiet zone is white space: the text lines start level with the code itself.
    for n, line in enumerate(lines):
        left = qr_x + QR_SIZE + 1 * MM if qr_left else qr_x - 1 * MM - line.width
        draw_line(canvas, line, left, top - 3 * MM - n * TEXT_SIZE * 1.6)
    return QR_SIZE + 1 * MM + widest
