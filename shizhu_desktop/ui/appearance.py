"""How the application looks before any window opens: Qt's own texts in Chinese, the icon, the font."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from shizhu_desktop.paths import resources_dir
from shizhu_desktop.ui.fonts import apply_font

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


_installed: list[QTranslator] = []


def translations_dirs() -> list[Path]:
    """Where Qt's .qm files are: Qt's own folder, and a bundle's resources as a fallback."""
    return [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)), resources_dir() / "translations"]


def install_chinese(app: QApplication) -> bool:
    """Qt's dialogs, buttons and context menus in Chinese; True when Qt's catalogue was found.

    Our own message boxes also set their button texts (see ``messages``), so a missing catalogue costs only
    Qt's built-in dialogs their Chinese.
    """
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    if not _installed:
        for folder in translations_dirs():
            qt = QTranslator(app)
            if qt.load("qtbase_zh_CN", str(folder)):
                app.installTranslator(qt)
                _installed.append(qt)
                break
        extra = _MissingTexts(app)
        app.installTranslator(extra)  # installed last, asked first
        _installed.append(extra)
    return any(not isinstance(t, _MissingTexts) for t in _installed)


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
