"""How the application looks before any window opens: Qt's own texts in Chinese, the icon, the font."""

from __future__ import annotations

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from shizhu_desktop.paths import resources_dir
from shizhu_desktop.ui.fonts import apply_font
from shizhu_desktop.ui.qt_translations import install_qt_translations

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)

#: Texts Qt's own zh_CN catalogue lacks (seen in the non-native file dialog), compiled from the .ts beside it.
#: A compiled catalogue, not a Python translator: Qt asks a translator for every text of every widget it builds
#: (over a thousand times before the window shows), and each question to Python costs (issue 13: start-up).
EXTRA_CATALOGUE = "qt_extra_zh_CN"

_extra: list[QTranslator] = []


def install_chinese(app: QApplication) -> bool:
    """Qt's dialogs, buttons and context menus in Chinese; True when Qt's catalogue was found.

    Qt's catalogue comes from ``qt_translations`` (the bundle ships it); the few texts it lacks come from
    resources/i18n. Our own message boxes also set their button texts (``messages``), so a missing catalogue
    costs only Qt's built-in dialogs their Chinese.
    """
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    found = install_qt_translations(app) is not None
    if not _extra:
        extra = QTranslator(app)
        if extra.load(EXTRA_CATALOGUE, str(resources_dir() / "i18n")):
            app.installTranslator(extra)
            _extra.append(extra)
    return found


def app_icon() -> QIcon:
    """The program's icon (resources/icons), every size drawn from the SVG: crisp in title bar and task bar."""
    icon = QIcon()
    folder = resources_dir() / "icons"
    for size in ICON_SIZES:
        icon.addFile(str(folder / f"shizhu-{size}.png"))
    return icon


def prepare_application(app: QApplication, font_scale: str) -> None:
    """Chinese texts, the icon and the clerk's font size, before the first window is built."""
    install_chinese(app)
    app.setWindowIcon(app_icon())
    apply_font(app, font_scale)
