"""Autosave: every edit reaches the database within half a second, and at once on flush."""

from __future__ import annotations

from collections.abc import Callable, Hashable

from PySide6.QtCore import QObject, QTimer, Signal

from shizhu_desktop.domain.report import now_china

#: Not a debounce: the first unsaved edit starts the clock, so steady typing still saves twice a second.
SAVE_DELAY_MS = 500


class Autosaver(QObject):
    """Collects pending writes by key (the latest wins) and runs them on a short timer or on flush()."""

    saved = Signal(str)  # the time of the save, e.g. 10:31:05
    failed = Signal(str)  # a Chinese message

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pending: dict[Hashable, Callable[[], object]] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)

    def schedule(self, key: Hashable, write: Callable[[], object]) -> None:
        self._pending[key] = write
        if not self._timer.isActive():
            self._timer.start()

    @property
    def has_pending(self) -> bool:
        return bool(self._pending)

    def discard(self) -> None:
        self._pending.clear()
        self._timer.stop()

    def on_focus_changed(self, _old: object, _new: object) -> None:
        # A bound slot (not a lambda) so Qt disconnects it when this object is destroyed.
        self.flush()

    def flush(self) -> bool:
        """Run every pending write now; returns False if one failed (the failure is reported)."""
        self._timer.stop()
        pending, self._pending = self._pending, {}
        if not pending:
            return True
        ok = True
        for write in pending.values():
            try:
                write()
            except Exception as exc:
                ok = False
                self.failed.emit(f"保存失败：{exc}")
        if ok:
            self.saved.emit(now_china().strftime("%H:%M:%S"))
        return ok
