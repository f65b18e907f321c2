"""关于, the icon, window titles, and where file dialogs start (issue 14's parts in the windows)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from shizhu_desktop import APP_NAME, __version__
from shizhu_desktop.exports.fonts import FontRole
from shizhu_desktop.paths import resources_dir
from shizhu_desktop.services.workspace import Workspace
from shizhu_desktop.ui.about_dialog import AboutDialog
from shizhu_desktop.ui.appearance import ICON_SIZES, app_icon, prepare_application
from shizhu_desktop.ui.folders import FolderMemory, documents_dir
from shizhu_desktop.ui.main_window import MainWindow
from tests.gui_helpers import clock_at, record_boxes, with_profile


def test_about_says_version_database_task_list_and_fonts_and_copies_it(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_profile(workspace)
    window = MainWindow(workspace, clock_at(2026, 11, 24), first_run_dialog=False)
    qtbot.addWidget(window)
    monkeypatch.delitem(sys.modules, "shizhu_desktop.exports.fonts", raising=False)
    dialog = window.data.about_dialog()
    assert isinstance(dialog, AboutDialog)
    qtbot.addWidget(dialog)
    text = dialog.text
    assert f"版本 {__version__}" in text and str(workspace.path) in text
    assert "任务清单：任务清单版本" in text and "本机用途：单位填报（南宾街道）" in text
    for role in FontRole:
        assert f"  {role.label}：" in text  # the font each kind of PDF text is set in, on this PC
    assert "shizhu_desktop.exports.fonts" in sys.modules  # asked when the dialog opened, not at start-up
    dialog.copy_button.click()
    assert QApplication.clipboard().text() == text and dialog.copy_button.text() == "已复制"


def test_the_icon_is_complete_and_every_window_says_what_program_it_is(qtbot: QtBot, workspace: Workspace) -> None:
    folder = resources_dir() / "icons"
    assert (folder / "shizhu.svg").is_file() and (folder / "shizhu.ico").stat().st_size > 1000
    for size in ICON_SIZES:
        image = QImage(str(folder / f"shizhu-{size}.png"))
        assert (image.width(), image.height()) == (size, size)
    icon = app_icon()
    assert {s.width() for s in icon.availableSizes()} == set(ICON_SIZES)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    prepare_application(app, "标准")
    assert not app.windowIcon().isNull()
    with_profile(workspace)
    window = MainWindow(workspace, clock_at(2026, 11, 24), first_run_dialog=False)
    qtbot.addWidget(window)
    assert window.windowTitle() == f"南宾街道 — {APP_NAME}"


def test_dialogs_start_in_documents_then_where_the_clerk_was(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A Chinese desktop's 文档, declared the freedesktop way (conftest points XDG_CONFIG_HOME into tmp_path).
    documents = tmp_path / "文档"
    documents.mkdir()
    config = Path(os.environ["XDG_CONFIG_HOME"])
    config.mkdir(parents=True, exist_ok=True)
    (config / "user-dirs.dirs").write_text(f'XDG_DOCUMENTS_DIR="{documents}"\n', encoding="utf-8")
    assert documents_dir() == documents
    folders = FolderMemory(workspace.settings)
    assert folders.start("backup") == str(documents)
    assert folders.start("backup", "备份.sqlite") == str(documents / "备份.sqlite")
    with_profile(workspace)
    window = MainWindow(workspace, clock_at(2026, 11, 24), first_run_dialog=False)
    qtbot.addWidget(window)
    starts: list[str] = []
    chosen = tmp_path / "U盘"
    chosen.mkdir()

    def save_name(_parent: object, _title: str, start: str, _filter: str) -> tuple[str, str]:
        starts.append(start)
        return str(chosen / Path(start).name), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    record_boxes(monkeypatch)
    first = window.data.backup()
    assert first is not None and first.parent == chosen
    assert Path(starts[0]).parent == documents and Path(starts[0]).name.startswith("石柱填报备份_")
    window.data.backup()
    assert Path(starts[1]).parent == chosen  # the next time: where the clerk chose last
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda _p, _t, start, _f: starts.append(start) or ([], ""))
    window.files.import_files()
    assert starts[-1] == str(chosen)  # another purpose's first dialog starts at the last folder too
