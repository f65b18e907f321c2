"""The county sets a year's target with each unit's share, and which measures units see, then publishes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from shizhu_desktop.domain.catalog import TOWNSHIP_GROUP
from shizhu_desktop.services.workspace import Workspace
from shizhu_desktop.ui import tasklist_editor
from shizhu_desktop.ui.target_dialog import TargetDialog
from shizhu_desktop.ui.tasklist_editor import TaskListEditor
from shizhu_desktop.ui.unit_measures_dialog import UnitMeasuresDialog


def test_target_with_shares_and_unit_measures_are_published(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    county = Workspace.open(tmp_path / "county.sqlite")
    editor = TaskListEditor(county)
    qtbot.addWidget(editor)
    editor.tasks.setCurrentRow(14)  # 任务15 改善城乡人居环境
    row = next(i for i in range(editor.indicators.count()) if "新建美丽宜居乡村" in editor.indicators.item(i).text())
    editor.indicators.setCurrentRow(row)

    def set_2027(dialog: TargetDialog) -> int:
        assert dialog.yearly.isChecked() and dialog.units  # the task's units, to share the target among
        dialog.value.setValue(7)
        dialog.start_year.setValue(2027)
        dialog.share_evenly()
        return 1

    monkeypatch.setattr(TargetDialog, "exec", set_2027)
    editor.add_target.click()
    target = editor.catalog.indicator("livable_villages_new").target_for(2027)
    assert target is not None and (target.start_year, target.end_year, target.value) == (2027, 2027, 7)
    assert sum(v for _, v in target.shares) == 7 and all(v.is_integer() for _, v in target.shares)

    def tick(dialog: UnitMeasuresDialog) -> int:
        assert dialog.who.currentData() == TOWNSHIP_GROUP
        for i in range(dialog.list.count()):
            state = Qt.CheckState.Checked if i in (1, 4) else Qt.CheckState.Unchecked
            dialog.list.item(i).setCheckState(state)
        return 1

    monkeypatch.setattr(UnitMeasuresDialog, "exec", tick)
    editor.unit_measures.click()
    assert dict(editor.catalog.task(15).unit_measures)[TOWNSHIP_GROUP] == (2, 5)
    monkeypatch.setattr(QMessageBox, "information", lambda *args, **kwargs: QMessageBox.StandardButton.Ok)
    changes = editor.publish_changes()
    assert changes and any("分解到" in c for c in changes) and any("分单位具体举措" in c for c in changes)
    county.close()
    reopened = Workspace.open(tmp_path / "county.sqlite")  # what the published list holds, read back
    share_holder = next(code for code, _ in target.shares)
    own = reopened.catalog.indicator("livable_villages_new").unit_target(2027, share_holder)
    assert own is not None and own.value == dict(target.shares)[share_holder]
    unit = reopened.units.by_code("500240101")
    assert reopened.catalog.task(15).measures_for(unit.code, unit.name, True) == tuple(
        reopened.catalog.task(15).measures[i] for i in (1, 4)
    )
    reopened.close()
    assert tasklist_editor.TargetDialog is TargetDialog  # still importable from the editor module


def test_the_window_shows_the_units_own_target_and_the_time_elapsed(qtbot: QtBot, workspace: Workspace) -> None:
    from shizhu_desktop.ui.indicator_model import COL_COMPLETION, COL_PACE
    from shizhu_desktop.ui.main_window import MainWindow
    from tests.gui_helpers import clock_at, with_profile
    from tests.target_helpers import NANBIN_FARMLAND, publish_targets

    with_profile(workspace)
    window = MainWindow(workspace, clock_at(2026, 11, 24), first_run_dialog=False)
    qtbot.addWidget(window)
    window.show_task(2)
    model = window.form.indicator_model

    def row_of(indicator: str) -> int:
        return next(r for r in range(model.rowCount()) if model.indicator_at(r).id == indicator)

    farmland = row_of("high_standard_farmland")
    # Before the county issues 2026 targets: said so, no 完成率, 序时进度 of November all the same.
    assert model.index(farmland, 2).data() == "—（县里尚未下达2026年目标）"
    model.setData(model.index(farmland, 5), "0.06", Qt.ItemDataRole.EditRole)
    assert model.index(farmland, COL_COMPLETION).data() == ""
    assert model.index(farmland, COL_PACE).data() == "91.7%"
    window.close()
    publish_targets(workspace)
    window = MainWindow(workspace, clock_at(2026, 11, 24), first_run_dialog=False)
    qtbot.addWidget(window)
    window.show_task(2)
    model = window.form.indicator_model
    farmland = row_of("high_standard_farmland")
    assert model.index(farmland, 2).data() == f"不低于{NANBIN_FARMLAND:g}（2026年）"  # 南宾街道's share
    assert model.index(farmland, COL_COMPLETION).data() == "50%"  # 0.06 of 0.12, not of the county's 2.64
    window.close()
