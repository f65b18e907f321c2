"""Qt's own texts in Chinese (standard buttons, edit menus, file dialogs), from the catalogue PySide6 ships."""

from __future__ import annotations

from pathlib import Path

import PySide6
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

#: Qt's catalogue for its base modules. (qt_zh_CN.qm only loads this one plus Qt Multimedia's, which the
#: PySide6-Essentials wheel does not have, so it is not used.) The bundle ships this file and no other.
CATALOGUE = "qtbase_zh_CN"

_installed: list[QTranslator] = []


def translation_dirs() -> list[str]:
    """Where Qt keeps its .qm files: what Qt reports, then the wheel's own folder (the same one in a bundle)."""
    reported = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    wheel = str(Path(PySide6.__file__).resolve().parent / "Qt" / "translations")
    return list(dict.fromkeys(folder for folder in (reported, wheel) if folder))


def install_qt_translations(app: QCoreApplication) -> QTranslator | None:
    """Install the Chinese catalogue once; returns it, or None when it cannot be found (Qt then speaks English)."""
    if _installed:
        return _installed[0]
    translator = QTranslator(app)
    if not any(translator.load(CATALOGUE, folder) for folder in translation_dirs()):
        return None
    app.installTranslator(translator)
    _installed.append(translator)
    return translator


def remove_qt_translations(app: QCoreApplication) -> None:
    """Undo :func:`install_qt_translations` (tests share one application object)."""
    while _installed:
        app.removeTranslator(_installed.pop())
