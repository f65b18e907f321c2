"""The task list from county to unit through the windows: edit, publish, export, preview and import."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from shizhu_desktop.domain.periods import Period
from shizhu_desktop.domain.report import ReportKind, TaskEntry
from shizhu_desktop.services.workspace import Workspace
from shizhu_desktop.ui import messages
from shizhu_desktop.ui.main_window import MainWindow
from shizhu_desktop.ui.tasklist_actions import export_tasklist_to_folder
from shizhu_desktop.ui.tasklist_editor import TargetDialog, TaskListEditor
from tests.gui_helpers import LIAISON, NANBIN, clock_at, record_boxes, with_profile


def test_county_edits_publishes_and_a_unit_imports(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    county = Workspace.open(tmp_path / "county.sqlite")
    editor = TaskListEditor(county)
    qtbot.addWidget(editor)
    editor.tasks.setCurrentRow(1)  # 任务2
    nanbin = next(i for i in range(editor.units.count()) if editor.units.item(i).text() == "南宾街道")
    editor.units.item(nanbin).setCheckState(Qt.CheckState.Unchecked)
    editor.tasks.setCurrentRow(20)  # 任务21: a new lead unit
    editor.lead.setCurrentIndex(editor.lead.findText("县财政局"))
    editor.tasks.setCurrentRow(1)
    forest = next(i for i in range(editor.indicators.count()) if "森林覆盖率" in editor.indicators.item(i).text())
    editor.indicators.setCurrentRow(forest)

    def add_2030(dialog: TargetDialog) -> int:
        dialog.value.setValue(63)
        dialog.text.setText("到2030年达到63%以上")
        return 1

    monkeypatch.setattr(TargetDialog, "exec", add_2030)
    editor.add_target.click()
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
    changes = editor.publish_changes()
    assert changes is not None and any("县财政局" in c for c in changes) and any("2030" in c for c in changes)
    assert county.catalog.task(21).lead_unit == county.units.find("县财政局").code
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a: str(tmp_path / "下发"))
    record_boxes(monkeypatch)
    path = export_tasklist_to_folder(editor, county)
    assert path is not None and path.suffix == ".xlsx"
    editor.close()
    county.close()

    unit = Workspace.open(tmp_path / "unit.sqlite")
    with_profile(unit, tasks=[2, 11, 13, 15])
    old = unit.reports.ensure(NANBIN, Period(2026, 10), ReportKind.MONTHLY, LIAISON, unit.catalog.version)
    assert old.id is not None
    unit.reports.save_entry(old.id, TaskEntry(2, "序时推进", "十月农业工作"))
    window = MainWindow(unit, clock_at(2026, 11, 24), first_run_dialog=False)
    qtbot.addWidget(window)
    assert 2 in window.tree_model.task_numbers()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a: (str(path), ""))
    questions: list[str] = []
    monkeypatch.setattr(messages, "ask", lambda *a, **k: questions.append(a[2]) or True)
    window.actions_.import_tasklist.trigger()
    assert questions and "本单位不再填报任务：任务2" in questions[0]
    assert 2 not in window.tree_model.task_numbers()  # the window follows the new list
    assert unit.catalog.indicator("forest_coverage").target_for(2027).value == 63  # type: ignore[union-attr]
    kept = unit.reports.find(NANBIN, Period(2026, 10), ReportKind.MONTHLY)
    assert kept is not None and kept.entry(2).progress == "十月农业工作"  # type: ignore[union-attr]
    window.close()
