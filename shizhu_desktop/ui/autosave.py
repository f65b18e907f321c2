"""Autosave: every edit reaches the database within half a second, and at once on flush."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Hashable

from PySide6.QtCore import QObject, QTimer, Signal

from shizhu_desktop.domain.report import now_china
from shizhu_desktop.store.reports import ReportFrozenError

#: Not a debounce: the first unsaved edit starts the clock, so steady typing still saves twice a second.
SAVE_DELAY_MS = 500


class Autosaver(QObject):
    """Collects pending writes by key (the latest wins) and runs them on a short timer or on flush()."""

    saved = Signal(str)  # the time of the save, e.g. 10:31:05
    failed = Signal(str)  # a Chinese message

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pending: dict[Hashable, Callable[[], object]] = {}
        #: Run before every flush: e.g. commit a table cell still being edited, so its value is saved too.
        self.before_flush: list[Callable[[], object]] = []
        self._flushing = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self._on_timer)

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
        # A bound slot (not a lambda) so Qt disconnects it when this object is destroyed. Focus moving into a
        # cell editor must not close it, so the before-flush hooks do not run here.
        self.flush(commit_edits=False)

    def _on_timer(self) -> None:
        self.flush(commit_edits=False)  # never close a cell editor under the clerk's fingers

    def flush_pending(self) -> None:
        """Save what is pending without touching open cell editors (for focus leaving a field)."""
        self.flush(commit_edits=False)

    def flush(self, *, commit_edits: bool = True) -> bool:
        """Run every pending write now; returns False if one failed (reported, and kept to try again).

        ``commit_edits`` first runs the before-flush hooks (commit a cell still being edited): for explicit
        saves — a shortcut, a task or month switch, 定稿, export, closing — not for the timer or focus moves.
        """
        if self._flushing:  # a hook or a dialog re-entered: the outer flush finishes the job
            return True
        self._flushing = True
        try:
            for hook in self.before_flush if commit_edits else ():
                hook()
            self._timer.stop()
            pending, self._pending = self._pending, {}
            failed: dict[Hashable, Callable[[], object]] = {}
            problems = []
            for key, write in pending.items():
                try:
                    write()
                except Exception as exc:
                    # Every failure is reported; a write that may succeed later is kept and retried.
                    if not isinstance(exc, ReportFrozenError):
                        failed[key] = write
                    problems.append(save_problem(exc))
            if problems:
                # Newer edits made meanwhile win; the failed writes wait for the next try.
                self._pending = {**failed, **self._pending}
                if failed:
                    self._timer.start()
                self.failed.emit("；".join(dict.fromkeys(problems)))
                return False
            if pending:
                self.saved.emit(now_china().strftime("%H:%M:%S"))
            return True
        finally:
            self._flushing = False


def save_problem(exc: Exception) -> str:
    """A failed save in words a clerk can act on (the typed text stays on screen and is retried)."""
    if isinstance(exc, ReportFrozenError):
        return str(exc)
    if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
        return "保存暂时没有成功：数据库正被其他程序使用。程序会自动重试；如一直失败，请关闭其他打开本数据库的程序。"
    if isinstance(exc, (sqlite3.Error, OSError)):
        return f"保存没有成功（{exc}）。程序会自动重试；请检查磁盘空间和数据库文件是否可写，或先备份再重新打开程序。"
    return f"保存没有成功（{exc}）。程序会自动重试。"
