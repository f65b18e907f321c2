"""导出Excel / 导出PDF / 打印 from the window: the folder is remembered and the real file is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from shizhu_desktop.domain.report import TaskEntry
from shizhu_desktop.services.workspace import Workspace
from shizhu_desktop.ui.main_window import MainWindow
from tests.gui_helpers import clock_at, with_profile


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
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    assert window.actions_.export_excel.isEnabled()
    window.actions_.export_excel.trigger()
    [path] = list(tmp_path.glob("*.xlsx"))
    assert path.name == "石柱县绿色低碳循环发展工作推进情况表_2026年11月_南宾街道_第1版_草稿.xlsx"
    workbook = load_workbook(path)
    cells = [c.value for row in workbook.worksheets[0].iter_rows() for c in row if c.value]
    assert "=SUM(A1:A3) 开头像公式的进展" in cells
    window.actions_.export_excel.trigger()  # the second time the dialog starts in the last folder
    assert chosen[-1] == str(tmp_path)


def test_print_opens_the_pdf(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    window.actions_.print_report.trigger()
    [url] = opened
    pdf = Path(url.toLocalFile())
    assert pdf.suffix == ".pdf" and pdf.exists()
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "南宾街道" in text and "资金未到位" in text
