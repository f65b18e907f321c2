"""Fonts for the window: register the bundled CJK font and apply the clerk's chosen text size."""

from __future__ import annotations

import sys

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from shizhu_desktop.paths import resources_dir

#: 字号 choices and their point sizes: 标准 suits most screens, 特大 older eyes on small ones.
FONT_SCALES = {"标准": 10.5, "大": 12.0, "特大": 14.0}
DEFAULT_SCALE = "标准"
UI_FONT_FILE = "wqy-microhei.ttc"

_registered: list[str] = []


def register_bundled_fonts() -> list[str]:
    """Register the bundled fonts with Qt once; returns their family names."""
    if _registered:
        return _registered
    for path in sorted((resources_dir() / "fonts").glob("*.tt[fc]")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            _registered.extend(QFontDatabase.applicationFontFamilies(font_id))
    return _registered


def _system_has_chinese(family: str) -> bool:
    return QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(family)


def ui_font_family() -> str:
    """The system font on Windows; elsewhere the system font if it has Chinese, else the bundled one."""
    families = register_bundled_fonts()
    system = QApplication.font().family()
    if sys.platform == "win32" or _system_has_chinese(system):
        return system
    bundled = [f for f in families if "Micro Hei" in f or "微米黑" in f]
    return bundled[0] if bundled else (families[0] if families else system)


def apply_font(app: QApplication, scale: str) -> QFont:
    """Set the application font at the size for ``scale`` (标准/大/特大) and return it."""
    font = QFont(ui_font_family())
    font.setPointSizeF(FONT_SCALES.get(scale, FONT_SCALES[DEFAULT_SCALE]))
    app.setFont(font)
    # Dialogs opened before the next turn of the event loop are built with the new font too.
    app.sendPostedEvents(None, 0)
    return font
