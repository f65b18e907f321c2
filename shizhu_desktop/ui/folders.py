"""Where file and folder dialogs start: the folder last used for that purpose, else the user's 文档."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QStandardPaths


class Settings(Protocol):
    def get(self, key: str, default: object = None) -> object: ...

    def set(self, key: str, value: object) -> None: ...


#: The folder chosen last for any purpose: the next purpose's first dialog starts there.
ANY_KEY = "ui.last_dir"


def documents_dir() -> Path:
    """The user's 文档 (Documents) folder; the home folder only when there is none."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    path = Path(location) if location else Path.home()
    return path if path.is_dir() else Path.home()


class FolderMemory:
    """Remembers, per purpose (导出, 导入, 备份 …), the folder the clerk chose last, in the database's settings."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @staticmethod
    def key(purpose: str) -> str:
        return f"ui.last_{purpose}_dir"

    def start(self, purpose: str, file_name: str = "") -> str:
        """The folder a dialog for ``purpose`` opens in (with ``file_name`` appended for save dialogs)."""
        folder = documents_dir()
        for key in (self.key(purpose), ANY_KEY):
            saved = self.settings.get(key)
            if isinstance(saved, str) and saved and Path(saved).is_dir():
                folder = Path(saved)
                break
        return str(folder / file_name) if file_name else str(folder)

    def remember(self, purpose: str, chosen: str | Path) -> None:
        """Remember the folder of ``chosen`` (a folder, or a file in it)."""
        path = Path(chosen)
        folder = path if path.is_dir() else path.parent
        self.settings.set(self.key(purpose), str(folder))
        self.settings.set(ANY_KEY, str(folder))
