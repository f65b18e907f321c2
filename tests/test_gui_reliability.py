"""What the clerk sees when the database is read-only, replaced, damaged, or restored from the list of backups."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from shizhu_desktop.domain.report import TaskEntry
from shizhu_desktop.locking import WINDOW, LockHeldError, LockInfo
from shizhu_desktop.services.workspace import Workspace
from shizhu_desktop.store.backups import DAILY, list_backups
from shizhu_desktop.store.snapshot import backup_copy, backup_path
from shizhu_desktop.ui.backups_dialog import BackupsDialog
from shizhu_desktop.ui.lock_dialog import held_message
from shizhu_desktop.ui.main_window import MainWindow
from shizhu_desktop.ui.startup_db import open_workspace
from tests.filesystems import read_only
from tests.gui_helpers import clock_at, entry_row, type_text, with_profile


@pytest.fixture
def filled(db_path: Path) -> Path:
    workspace = Workspace.open(db_path)
    with_profile(workspace, tasks=[2, 11])
    window_report = workspace.reports.ensure("500240001", clock_period(), _kind(), with_profile(workspace).liaison, "v")
    assert window_report.id is not None
    workspace.reports.save_entry(window_report.id, TaskEntry(2, "序时推进", "原来的进展"))
    workspace.close()
    return db_path


def clock_period() -> object:
    from shizhu_desktop.domain.periods import Period

    return Period(2026, 11)


def _kind() -> object:
    from shizhu_desktop.domain.report import ReportKind

    return ReportKind.MONTHLY


@pytest.fixture
def quiet(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Message boxes answered at once; their texts are kept for the assertions."""
    shown: list[str] = []
    for name in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, name, lambda _parent, _title, text, *a: shown.append(text))
    return shown


@pytest.fixture
def window(qtbot: QtBot, filled: Path) -> Iterator[MainWindow]:
    main = MainWindow(Workspace.open(filled), clock_at(2026, 11, 24), first_run_dialog=False)
    qtbot.addWidget(main)
    yield main
    main.workspace.close()


def test_a_read_only_database_shows_a_banner_and_cannot_be_changed(qtbot: QtBot, filled: Path, tmp_path: Path) -> None:
    with read_only(filled.parent):
        main = MainWindow(Workspace.open(filled), clock_at(2026, 11, 24), first_run_dialog=False)
        qtbot.addWidget(main)
        try:
            banner = main.guard.banner
            assert banner is not None and banner.text().startswith("只读：") and "不能修改" in banner.text()
            assert main.windowTitle().endswith("（只读）")
            assert not main.report_editable
            for action in (main.actions_.finalize, main.actions_.import_files, main.actions_.restore):
                assert not action.isEnabled()
            main.show()
            main.grab().save(str(tmp_path / "read_only.png"))
        finally:
            main.close()
            main.workspace.close()
    assert entry_row(filled, "2026-11", 2)["progress"] == "原来的进展"  # type: ignore[index]


@pytest.mark.skipif(sys.platform == "win32", reason="Windows refuses to replace a file that is open")
def test_a_replaced_database_file_stops_the_window_from_writing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, quiet: list[str]
) -> None:
    other = tmp_path / "other.sqlite"
    other_ws = Workspace.open(other)
    with_profile(other_ws, tasks=[2])
    other_ws.close()
    edit = window.form.edits["progress"]
    edit.setFocus()
    type_text(edit, "，写到一半")
    os.replace(other, window.workspace.path)  # e.g. a backup copied over the file by hand
    assert window.guard.check()
    assert "数据库文件已被替换" in quiet[-1]
    assert window.guard.banner is not None and "已停止保存" in window.guard.banner.text()
    window.autosaver.flush()
    window.close()
    assert entry_row(window.workspace.path, "2026-11", 2) is None  # nothing written into the other data


def test_restore_lists_the_backups_newest_first(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import datetime

    workspace = window.workspace
    older = backup_copy(
        workspace.db, workspace.path, DAILY, backup_path(workspace.path, DAILY, datetime(2026, 11, 1, 9))
    )
    newer = backup_copy(
        workspace.db, workspace.path, DAILY, backup_path(workspace.path, DAILY, datetime(2026, 11, 19, 9))
    )
    dialog = BackupsDialog(workspace.path, window)
    qtbot.addWidget(dialog)
    assert [b.path for b in dialog.model.backups] == [newer, older]
    assert dialog.model.data(dialog.model.index(0, 0)) == "2026年11月19日 09:00"
    assert dialog.model.data(dialog.model.index(0, 1)) == "每日自动备份"
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    dialog.view.selectRow(1)
    dialog.restore_button.click()
    assert dialog.chosen == older


def test_a_damaged_database_at_start_is_restored_from_the_newest_good_backup(
    qtbot: QtBot, filled: Path, quiet: list[str]
) -> None:
    workspace = Workspace.open(filled)
    good = backup_copy(workspace.db, filled, DAILY, backup_path(filled, DAILY))
    workspace.close()
    with open(filled, "r+b") as out:
        out.write(b"\0" * 100)  # page 1 overwritten
    clicked: list[str] = []

    def click_restore() -> None:
        dialog = next(w for w in qtbot_widgets() if w.objectName() == "" and hasattr(w, "restore_button"))
        clicked.append(dialog.restore_button.text())
        dialog.restore_button.click()

    QTimer.singleShot(0, click_restore)
    restored = open_workspace(filled)
    assert restored is not None
    try:
        assert clicked and "恢复" in clicked[0]
        assert restored.reports.summaries() and not restored.read_only
        assert any("已恢复" in text and "已损坏" in text for text in quiet)
        assert list(filled.parent.glob("shizhu-已损坏-*.sqlite"))
        assert good in [b.path for b in list_backups(filled)]
    finally:
        restored.close()


def qtbot_widgets() -> list[object]:
    from PySide6.QtWidgets import QApplication

    return list(QApplication.topLevelWidgets())


def test_lock_messages_name_who_holds_the_database() -> None:
    window_here = LockInfo(__import__("socket").gethostname(), 1234, "谭晓燕", "2026-11-20T10:31:00", WINDOW)
    assert "请切换到已打开的窗口" in held_message(LockHeldError(window_here, clearable=False))
    elsewhere = LockInfo("乡镇PC-3", 99, "张三", "2026-11-20T10:31:00", WINDOW)
    text = held_message(LockHeldError(elsewhere, clearable=True))
    assert "电脑“乡镇PC-3”" in text and "张三" in text and "2026年11月20日 10:31" in text and "清除锁定" in text
    command = LockInfo(__import__("socket").gethostname(), 77, "", "2026-11-20T10:31:00", "command", "导入")
    assert "命令行正在处理" in held_message(LockHeldError(command, clearable=False))


def test_a_backup_of_the_open_window_is_checked_and_complete(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    from tests.gui_helpers import record_boxes

    shown = record_boxes(monkeypatch)
    target = tmp_path / "U盘" / "备份 #1.sqlite"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(target), ""))
    assert window.data.backup() == target
    assert target.read_bytes()[18:20] == b"\x01\x01"
    target.unlink()
    with read_only(target.parent):  # a write-protected USB stick
        assert window.data.backup() is None
    assert "备份没有成功" in shown.texts[-1] and "只读" in shown.texts[-1]
    assert list(target.parent.iterdir()) == []
