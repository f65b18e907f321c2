"""How the application looks before any window opens: Qt's own texts in Chinese, the icon, the font."""

from __future__ import annotations

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from shizhu_desktop.paths import resources_dir
from shizhu_desktop.ui.fonts import apply_font
from shizhu_desktop.ui.qt_translations import install_qt_translations

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)

#: Texts Qt's own zh_CN catalogue lacks (seen in the non-native file dialog); keyed by Qt's context and source.
MISSING_QT_TEXTS = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    ("QFileDialog", "File &name:"): "文件名(&N)：",
    ("QAbstractFileIconProvider", "Folder"): "文件夹",
    ("QAbstractFileIconProvider", "Drive"): "驱动器",
    ("QAbstractFileIconProvider", "File"): "文件",
}


class _MissingTexts(QTranslator):
    """Answers only for the texts above; None lets Qt ask the next translator (its own catalogue)."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        return MISSING_QT_TEXTS.get((context, source))

    def isEmpty(self) -> bool:
        return False


_extra: list[QTranslator] = []


def install_chinese(app: QApplication) -> bool:
    """Qt's dialogs, buttons and context menus in Chinese; True when Qt's catalogue was found.

    Qt's catalogue comes from ``qt_translations`` (the bundle ships it); the few texts it lacks come from
    here. Our own message boxes also set their button texts (``messages``), so a missing catalogue costs
    only Qt's built-in dialogs their Chinese.
    """
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    found = install_qt_translations(app) is not None
    if not _extra:
        extra = _MissingTexts(app)
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
