"""导出Excel / 导出PDF / 打印 from the window: the folder is remembered and the real file is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from shizhu_desktop.domain.report import TaskEntry
from shizhu_desktop.services.workspace import Workspace
from shizhu_desktop.ui.main_window import MainWindow
from tests.gui_helpers import clock_at, record_boxes, with_profile


@pytest.fixture
def window(qtbot: QtBot, workspace: Workspace) -> MainWindow:
    with_profile(workspace, tasks=[2, 11])
    window = MainWindow(workspace, clock_at(2026, 11, 24), first_run_dialog=False)
    qtbot.addWidget(window)
    assert window.report is not None and window.report.id is not None
    workspace.reports.save_entry(window.report.id, TaskEntry(2, "序时推进", "=SUM(A1:A3) 开头像公式的进展"))
    workspace.reports.save_entry(window.report.id, TaskEntry(11, "滞后", "垃圾分类", problems="资金未到位"))
    window.load_period(window.navigator.period)
    return window


def test_export_excel_from_the_menu(window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    chosen = []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a: chosen.append(a[2]) or str(tmp_path))
    record_boxes(monkeypatch)
    assert window.actions_.export_excel.isEnabled()
    window.actions_.export_excel.trigger()
    [path] = list(tmp_path.glob("*.xlsx"))
    assert path.name == "石柱县绿色低碳循环发展工作推进情况表_2026年11月_南宾街道_第1版_草稿.xlsx"
    workbook = load_workbook(path)
    cells = [c.value for row in workbook.worksheets[0].iter_rows() for c in row if c.value]
    assert "=SUM(A1:A3) 开头像公式的进展" in cells
    window.actions_.export_excel.trigger()  # the second time the dialog starts in the last folder
    assert chosen[-1] == str(tmp_path)


def test_print_writes_a_new_pdf_each_time_and_opens_it(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    boxes = record_boxes(monkeypatch)
    window.actions_.print_report.trigger()
    window.actions_.print_report.trigger()  # the first PDF may still be open in a viewer: a new name
    first, second = (Path(url.toLocalFile()) for url in opened)
    assert first != second and first.exists() and second.exists() and first.parent == second.parent
    text = "".join(page.extract_text() for page in PdfReader(second).pages)
    assert "南宾街道" in text and "资金未到位" in text
    assert str(second) in boxes.texts[-1] and "打开所在文件夹" in boxes.buttons[-1]
    assert not [p for p in second.parent.iterdir() if p.is_dir()]  # no staging folder left behind


def test_restore_of_a_backup_from_before_setup_shows_the_welcome_page(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from shizhu_desktop.ui import backups_dialog

    empty = Workspace.open(tmp_path / "empty.sqlite")  # a database of this program with no unit set up yet
    empty.close()
    monkeypatch.setattr(backups_dialog, "choose_backup", lambda *a: tmp_path / "empty.sqlite")  # the list's choice
    record_boxes(monkeypatch)
    window.form.edits["remarks"].setFocus()
    window.form.edits["remarks"].insertPlainText("恢复前还没保存的字")
    assert window.data.restore()
    assert window.stack.currentWidget() is window.welcome and window.service is None
    assert not window.actions_.finalize.isEnabled()
    assert window.workspace.profile() is None  # and no pending write reached the restored data
    assert window.workspace.reports.summaries() == []


def test_a_unit_imports_its_own_final_report_over_an_empty_draft(window: MainWindow, tmp_path: Path) -> None:
    from shizhu_desktop.services.exchange import Outcome, export_json, import_file

    other_pc = Workspace.open(tmp_path / "other.sqlite")
    report = other_pc.reports.ensure(
        "500240001",
        window.navigator.period.previous(),
        window.report.kind,  # type: ignore[union-attr]
        window.report.liaison,
        "v",
    )  # type: ignore[union-attr]
    assert report.id is not None
    other_pc.reports.save_entry(report.id, TaskEntry(2, "序时推进", "另一台电脑上填的"))
    path = export_json(other_pc, other_pc.reports.finalize(report.id), tmp_path / "out")
    other_pc.close()
    window.actions_.previous_month.trigger()  # this PC opened October: an empty draft now exists
    result = import_file(window.workspace, path)
    assert result.outcome is Outcome.IMPORTED, result.message
