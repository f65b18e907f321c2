"""Fonts for the window: register the bundled CJK font and apply the clerk's chosen text size."""

from __future__ import annotations

import ctypes
import os
import sys
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from shizhu_desktop.paths import resources_dir

#: 字号 choices and their point sizes: 标准 suits most screens, 特大 older eyes on small ones.
FONT_SCALES = {"标准": 10.5, "大": 12.0, "特大": 14.0}
DEFAULT_SCALE = "标准"
UI_FONT_FILE = "wqy-microhei.ttc"
#: The families of the bundled window font (wqy-microhei.ttc holds both).
BUNDLED_FAMILIES = ("WenQuanYi Micro Hei", "WenQuanYi Micro Hei Mono")

_registered: list[str] = []


def register_bundled_fonts() -> list[str]:
    """Register the bundled fonts with Qt once; returns their family names."""
    if _registered:
        return _registered
    folder = resources_dir() / "fonts"
    if _add_to_fontconfig(folder):
        # The families as Qt now lists them (the folder's fonts are fontconfig's own, like installed ones).
        _registered.extend(f for f in QFontDatabase.families() if f in BUNDLED_FAMILIES)
    if not _registered:
        for path in sorted(folder.glob("*.tt[fc]")):
            font_id = QFontDatabase.addApplicationFont(str(path))
            if font_id >= 0:
                _registered.extend(QFontDatabase.applicationFontFamilies(font_id))
    return _registered


def _add_to_fontconfig(folder: Path) -> bool:
    """Linux and UOS/Kylin: hand the bundled fonts' folder to fontconfig, which Qt reads its fonts from.

    Qt's addApplicationFont reads the 5 MB font and works out every character it covers at every start (a
    sixth of the time from start to window, issue 13); fontconfig keeps that in its cache (~/.cache/fontconfig)
    and reads it back in a fraction of a millisecond. Must run before Qt first lists the fonts. False where
    there is no fontconfig (Windows: its system font has Chinese anyway) or it refused the folder.
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        fontconfig = ctypes.CDLL("libfontconfig.so.1")  # the library Qt itself loaded: one font configuration
        add_dir = fontconfig.FcConfigAppFontAddDir
    except (OSError, AttributeError):
        return False
    add_dir.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
    add_dir.restype = ctypes.c_int
    return bool(add_dir(None, os.fsencode(folder)))  # None: the current configuration, the one Qt uses


def ui_font_families() -> list[str]:
    """The system font on Windows (every Windows font has Chinese); elsewhere the system font if it has
    Chinese, else the bundled one, with the system font after it for anything the bundled font lacks.

    Registering first means Qt reads the installed fonts once; asking about the system font afterwards
    is then almost free (start-up time, issue 13).
    """
    system = QApplication.font().family()
    if sys.platform == "win32":
        return [system]
    bundled = [f for f in register_bundled_fonts() if "Micro Hei" in f or "微米黑" in f]
    if QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(system) or not bundled:
        return [system]
    return [bundled[0], system]


def apply_font(app: QApplication, scale: str) -> QFont:
    """Set the application font at the size for ``scale`` (标准/大/特大) and return it."""
    font = QFont()
    font.setFamilies(ui_font_families())
    font.setPointSizeF(FONT_SCALES.get(scale, FONT_SCALES[DEFAULT_SCALE]))
    app.setFont(font)
    # Dialogs opened before the next turn of the event loop are built with the new font too.
    app.sendPostedEvents(None, 0)
    return font
