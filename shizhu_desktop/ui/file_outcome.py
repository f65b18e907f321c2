"""What the clerk sees around writing a file: the wait cursor, then where it went, with 打开所在文件夹."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from shizhu_desktop import APP_NAME


@contextmanager
def busy() -> Iterator[None]:
    """The wait cursor for work the clerk waits on (writing a PDF takes a moment)."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


def open_path(path: Path) -> bool:
    """Open a file in its program, or a folder in the file manager; False when the system cannot."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def written_box(parent: QWidget, text: str, path: Path, details: str = "") -> None:
    """Say where a file was written, always with 打开所在文件夹."""
    box = QMessageBox(QMessageBox.Icon.Information, APP_NAME, text, parent=parent)
    if details:
        box.setInformativeText(details)
    folder = box.addButton("打开所在文件夹", QMessageBox.ButtonRole.ActionRole)
    box.setDefaultButton(box.addButton("关闭", QMessageBox.ButtonRole.RejectRole))
    box.exec()
    if box.clickedButton() is folder:
        open_path(path.parent)
