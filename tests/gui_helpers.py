"""Helpers for GUI tests: a unit with a profile, a fixed clock, and database reads from a second connection."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytest import MonkeyPatch

from shizhu_desktop.domain.profile import Profile
from shizhu_desktop.domain.report import CHINA_TZ, Liaison
from shizhu_desktop.services.workspace import Workspace

NANBIN = "500240001"
LIAISON = Liaison("党政办公室", "谭晓燕", "023-73331234", "冉志强（办事处副主任）")


def clock_at(year: int, month: int, day: int, hour: int = 10) -> Callable[[], datetime]:
    return lambda: datetime(year, month, day, hour, 0, tzinfo=CHINA_TZ)


def with_profile(workspace: Workspace, tasks: list[int] | None = None) -> Profile:
    profile = Profile(NANBIN, LIAISON, tasks=tasks or [2, 11, 13, 15])
    workspace.profiles.save(profile)
    return profile


def entry_row(db_path: Path, period: str, task: int) -> dict[str, str] | None:
    """Read an entry as another process would: a separate connection sees only committed data."""
    conn = sqlite3.connect(db_path)
    conn.row_factory = sqlite3.Row
    try:
        row = conn.execute(
            "SELECT e.* FROM entries e JOIN reports r ON r.id = e.report_id "
            "WHERE r.period = ? AND r.kind = 'monthly' AND e.task = ? ORDER BY r.revision DESC LIMIT 1",
            [period, task],
        ).fetchone()
        return dict(row) if row else None
    finally:
        conn.close()


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` as key events, the way an input method commits Chinese characters.

    (QTest.keyClicks cannot type characters outside Latin-1.)
    """
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


class ShownBoxes:
    """Message boxes the code under test showed (their text and button texts), answered without a click."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.buttons: list[list[str]] = []

    def record(self, box: QMessageBox) -> int:
        self.texts.append(box.text() + ("\n" + box.informativeText() if box.informativeText() else ""))
        self.buttons.append([b.text() for b in box.buttons()])
        return 0


def record_boxes(monkeypatch: MonkeyPatch) -> ShownBoxes:
    """Replace QMessageBox.exec: every box is recorded and closed at once (as if by Esc)."""
    shown = ShownBoxes()
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.record(box))
    return shown
