"""What the unit window and the county window share: the first-paint signal and the rebuild request."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QMainWindow


class AppWindow(QMainWindow):
    #: Emitted once, after the window was first painted (``--smoke`` measures start-up up to here).
    painted = Signal()
    #: The window must be rebuilt for the database as it is now (本机用途 changed, a backup restored):
    #: the application opens the right window on it instead of this one.
    reopen_requested = Signal()

    _painted_once = False

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted_once:
            self._painted_once = True
            self.painted.emit()
