"""Chinese everywhere: Qt's own dialogs and buttons, our questions, and the folder chooser (issue 12, item 1)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
)
from pytestqt.qtbot import QtBot

from shizhu_desktop.domain.periods import Period
from shizhu_desktop.domain.report import ReportKind, TaskEntry
from shizhu_desktop.paths import resources_dir
from shizhu_desktop.services.workspace import Workspace
from shizhu_desktop.ui import messages
from shizhu_desktop.ui.appearance import install_chinese
from shizhu_desktop.ui.main_window import MainWindow
from tests.gui_helpers import LIAISON, NANBIN, clock_at, record_boxes, with_profile

_ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")


def _plain(text: str) -> str:
    """A button's text without its keyboard mnemonic: 是(&Y) → 是(Y)."""
    return text.replace("&", "")


@pytest.fixture
def chinese(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert install_chinese(app), "Qt's zh_CN catalogue (qtbase_zh_CN.qm) was not found"


def test_a_standard_button_of_qt_reads_shi(chinese: None) -> None:
    box = QMessageBox(QMessageBox.Icon.Question, "定稿", "确定吗？", QMessageBox.StandardButton.Yes)
    box.addButton(QMessageBox.StandardButton.No)
    box.addButton(QMessageBox.StandardButton.Ok)
    box.addButton(QMessageBox.StandardButton.Cancel)
    texts = {_plain(b.text()) for b in box.buttons()}
    assert _plain(box.button(QMessageBox.StandardButton.Yes).text()).startswith("是")
    assert not [t for t in texts if _ENGLISH_WORD.search(t)], texts


def test_our_questions_say_shi_and_fou(monkeypatch: pytest.MonkeyPatch) -> None:
    boxes = record_boxes(monkeypatch)
    assert messages.ask(None, "定稿", "确定吗？") is False  # closed without 是
    assert sorted(boxes.buttons[-1]) == sorted(["是", "否"])
    messages.inform(None, "提示", "已导出。")
    assert boxes.buttons[-1] == ["确定"]
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    messages.chinese_buttons(buttons)
    assert sorted(b.text() for b in buttons.buttons()) == sorted(["确定", "取消"])


def test_reopening_asks_with_chinese_buttons(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_profile(workspace, tasks=[11])
    report = workspace.reports.ensure(NANBIN, Period(2026, 11), ReportKind.MONTHLY, LIAISON, "v")
    assert report.id is not None
    workspace.reports.save_entry(report.id, TaskEntry(11, "序时推进", "宣传"))
    workspace.reports.finalize(report.id)
    window = MainWindow(workspace, clock_at(2026, 11, 24), first_run_dialog=False)
    qtbot.addWidget(window)
    boxes = record_boxes(monkeypatch)
    window.actions_.reopen.trigger()
    assert "生成第2版草稿" in boxes.texts[-1]
    assert sorted(boxes.buttons[-1]) == sorted(["是", "否"])  # the box the issue found saying Yes/No
    assert workspace.reports.find(NANBIN, Period(2026, 11), ReportKind.MONTHLY).revision == 1  # type: ignore[union-attr]


def test_the_folder_chooser_is_chinese(qtbot: QtBot, chinese: None) -> None:
    for mode in (QFileDialog.FileMode.Directory, QFileDialog.FileMode.ExistingFiles):
        dialog = QFileDialog(None, "选择文件夹")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)  # the chooser Linux desktops get
        dialog.setFileMode(mode)
        dialog.setNameFilter("报表文件 (*.xlsx *.json)")
        qtbot.addWidget(dialog)
        dialog.show()
        labels = [_plain(label.text()) for label in dialog.findChildren(QLabel) if label.text()]
        buttons = [_plain(button.text()) for button in dialog.findChildren(QPushButton) if button.text()]
        assert any("查找范围" in t for t in labels) and any("文件类型" in t for t in labels), labels
        assert any("取消" in t for t in buttons), buttons
        assert not [t for t in labels + buttons if _ENGLISH_WORD.search(t)], labels + buttons
        dialog.close()


def test_the_text_field_menu_is_chinese(qtbot: QtBot, chinese: None) -> None:
    edit = QLineEdit()
    qtbot.addWidget(edit)
    menu = edit.createStandardContextMenu()
    texts = [_plain(a.text()).split("\t")[0] for a in menu.actions() if a.text()]  # shortcuts (Ctrl+V) aside
    assert any("粘贴" in t for t in texts) and not [t for t in texts if _ENGLISH_WORD.search(t)], texts


def test_the_compiled_extra_catalogue_is_the_one_its_source_makes(tmp_path: Path) -> None:
    """resources/i18n/*.qm is what Qt's lrelease makes of the .ts beside it (``make translations``)."""
    folder = resources_dir() / "i18n"
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    if not lrelease.exists():
        pytest.skip("pyside6-lrelease is not installed beside this Python")
    made = tmp_path / "made.qm"
    subprocess.run([str(lrelease), "-silent", str(folder / "qt_extra_zh_CN.ts"), "-qm", str(made)], check=True)
    assert made.read_bytes() == (folder / "qt_extra_zh_CN.qm").read_bytes()
