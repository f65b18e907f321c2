"""The GUI starts on a database and paints its main window (full GUI tests live with the GUI issue)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from shizhu_desktop.domain.profile import Profile
from shizhu_desktop.domain.report import Liaison
from shizhu_desktop.services.workspace import Workspace
from shizhu_desktop.ui.main_window import MainWindow
from tests.conftest import ROOT, run_cli


def test_main_window_shows_the_unit_and_its_tasks(qtbot: QtBot, workspace: Workspace) -> None:
    workspace.profiles.save(Profile("500240001", Liaison("党政办公室", "谭晓燕", "023-73331234", ""), tasks=[2, 11]))
    window = MainWindow(workspace, first_run_dialog=False)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.painted, timeout=5000):
        window.show()
    assert "南宾街道" in window.unit_label.text() and "谭晓燕" in window.liaison_label.text()
    assert window.tree_model.task_numbers() == [2, 11]
    assert "截止" in window.banner.text or "报送" in window.banner.text


def test_smoke_mode_prints_milliseconds_and_exits(tmp_path: Path) -> None:
    result = run_cli("--smoke", db=tmp_path / "smoke.sqlite", env={"QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().isdigit() and int(result.stdout.strip()) > 0


FAILING_START = """
import sys
from pathlib import Path
import shizhu_desktop.app as app

def broken(*args, **kwargs):
    raise RuntimeError("窗口无法建立")

app.open_window = broken
app.run_gui(Path(sys.argv[1]), smoke=True)
"""


def test_an_error_in_a_self_check_is_logged_and_exits_instead_of_waiting_for_a_click(tmp_path: Path) -> None:
    db = tmp_path / "broken.sqlite"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", FAILING_START, str(db)], capture_output=True, text=True, env=env, cwd=ROOT, timeout=60
    )
    assert result.returncode == 70 and "窗口无法建立" in result.stderr
    assert "窗口无法建立" in (tmp_path / "错误记录.log").read_text(encoding="utf-8")


def test_a_second_copy_on_the_same_database_is_refused(tmp_path: Path) -> None:
    from shizhu_desktop.locking import WINDOW, DatabaseLock

    db = tmp_path / "locked.sqlite"
    lock = DatabaseLock(db, WINDOW)  # what the first window holds
    lock.acquire()
    try:
        result = run_cli("--smoke", db=db, env={"QT_QPA_PLATFORM": "offscreen"})
        assert result.returncode == 1 and "程序已经打开了这个数据库" in result.stderr
    finally:
        lock.release()
    assert run_cli("--smoke", db=db, env={"QT_QPA_PLATFORM": "offscreen"}).returncode == 0


def test_a_damaged_database_is_explained_at_start(tmp_path: Path) -> None:
    from shizhu_desktop.locking import holder

    db = tmp_path / "damaged.sqlite"
    db.write_bytes(b"this is not a database, only bytes. " * 300)
    result = run_cli("--smoke", db=db, env={"QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 1 and "已损坏" in result.stderr, result.stderr
    assert "已经打开" not in result.stderr
    assert holder(db) is None  # the window's lock was let go of
