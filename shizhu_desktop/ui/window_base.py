"""What both windows share: first-paint signal, rebuild request, opening maximized on small screens."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QGuiApplication, QPaintEvent
from PySide6.QtWidgets import QLabel, QMainWindow

from shizhu_desktop.ui.widgets import follow_font_changes

#: Below this, a window opens maximized: every pixel of a 1366×768 or 1024×600 screen is needed.
SMALL_SCREEN = (1280, 800)
DEFAULT_SIZE = (1180, 780)


class AppWindow(QMainWindow):
    #: Emitted once, after the window was first painted (``--smoke`` measures start-up up to here).
    painted = Signal()
    #: The window must be rebuilt for the database as it is now (本机用途 changed, a backup restored):
    #: the application opens the right window on it instead of this one.
    reopen_requested = Signal()

    _painted_once = False

    def __init__(self) -> None:
        follow_font_changes()  # before any child is polished
        super().__init__()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted_once:
            self._painted_once = True
            self.painted.emit()

    def restore_placement(self, saved: str | None) -> None:
        """Where the clerk left the window; the first time, a size that fits, maximized on a small screen."""
        screen = QGuiApplication.primaryScreen()
        available = screen.availableGeometry() if screen is not None else None
        if saved and self.restoreGeometry(QByteArray.fromBase64(saved.encode("ascii"))):
            return  # Qt keeps a restored window on the screen, maximized if it was
        width, height = DEFAULT_SIZE
        if available is not None:
            width, height = min(width, available.width()), min(height, available.height())
        self.resize(width, height)
        if available is not None and (available.width() < SMALL_SCREEN[0] or available.height() < SMALL_SCREEN[1]):
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)

    def status_label(self) -> QLabel:
        """A permanent label at the right of the status bar (e.g. 已保存 10:31:05)."""
        label = QLabel(self)
        label.setStyleSheet("color: #1e6b2e;")
        self.statusBar().addPermanentWidget(label)
        return label

    def show_message(self, text: str, timeout: int = 8000) -> None:
        self.statusBar().showMessage(text, timeout)
