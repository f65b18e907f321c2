"""The Qt table and tree models pass Qt's model tester and show what the clerk expects."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from shizhu_desktop.datafiles import load_catalog
from shizhu_desktop.domain.periods import Period
from shizhu_desktop.domain.report import CHINA_TZ, IndicatorValue, ReportKind, ReportState
from shizhu_desktop.services.reporting import FillState
from shizhu_desktop.services.workspace import Workspace
from shizhu_desktop.store.reports import ReportSummary
from shizhu_desktop.ui.history_dialog import RevisionTableModel
from shizhu_desktop.ui.indicator_model import COL_COMPLETION, COL_NOTE, COL_PACE, IndicatorTableModel
from shizhu_desktop.ui.task_tree import TASK_ROLE, TaskTreeModel
from tests.target_helpers import NANBIN, NANBIN_FARMLAND, publish_targets


def test_task_tree_model(qtmodeltester: ModelTester, qapp: object) -> None:
    model = TaskTreeModel(load_catalog(), [2, 11, 13, 15])
    qtmodeltester.check(model)
    assert model.rowCount() == 3  # sections (一), (三), (四)
    index = model.task_index(13)
    assert index.data() == "13．推进城镇环境基础设施建设升级" and index.data(TASK_ROLE) == 13
    model.set_states({13: FillState.ERROR, 2: FillState.FILLED})
    assert model.index(index.row(), 1, index.parent()).data() == "✖ 有错误"
    assert not index.data(Qt.ItemDataRole.DecorationRole).isNull()  # the mark the list shows by the name
    assert model.task_numbers() == [2, 11, 13, 15]
    model.set_tasks([1])
    qtmodeltester.check(model)
    assert model.task_numbers() == [1]


def test_indicator_model_edits_and_refuses_bad_numbers(qtmodeltester: ModelTester, workspace: Workspace) -> None:
    publish_targets(workspace)  # the county's 2026 targets, with 南宾街道's own shares
    indicators = workspace.catalog.indicators_for_task(2)
    model = IndicatorTableModel()
    model.set_rows(
        indicators,
        {},
        {"high_standard_farmland": IndicatorValue("high_standard_farmland", 1, 2.5)},
        2026,
        read_only=False,
        unit_code=NANBIN,
        month=11,
    )
    qtmodeltester.check(model)
    row = next(r for r in range(model.rowCount()) if model.indicator_at(r).id == "high_standard_farmland")
    assert model.index(row, 3).data() == "2.5"  # last period's cumulative figure
    assert model.index(row, 2).data() == f"不低于{NANBIN_FARMLAND:g}（2026年）"  # its own share, not the county's
    edited: list[IndicatorValue] = []
    errors: list[str] = []
    model.value_edited.connect(edited.append)
    model.invalid_input.connect(errors.append)
    assert model.setData(model.index(row, 4), "０.０３", Qt.ItemDataRole.EditRole)
    assert model.setData(model.index(row, 5), "0.09", Qt.ItemDataRole.EditRole)
    assert edited[-1] == IndicatorValue("high_standard_farmland", 0.03, 0.09, "")
    assert model.index(row, COL_COMPLETION).data() == "75%"  # 0.09 of its own 0.12, not of the county's 2.64
    assert model.index(row, COL_PACE).data() == "91.7%"  # 11 of 12 months
    assert model.headerData(COL_PACE, Qt.Orientation.Horizontal) == "序时进度"
    assert not model.setData(model.index(row, 4), "三亩", Qt.ItemDataRole.EditRole)
    assert errors and "不是数字" in errors[0]
    # What was typed stays on screen, marked, with the reason; the figure held (and saved) is unchanged.
    assert model.index(row, 4).data() == "三亩" and model.value_of("high_standard_farmland").value == 0.03
    assert model.index(row, 4).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "不是数字" in model.index(row, 4).data(Qt.ItemDataRole.ToolTipRole)
    assert [(p.field, p.text) for p in model.typed_problems()] == [("value", "三亩")]
    qtmodeltester.check(model)
    # Typing: each keystroke that makes a number is taken (and saved) at once; a half-typed "-" waits.
    assert model.stage(model.index(row, 4), "-") == "" and model.value_of("high_standard_farmland").value == 0.03
    assert model.stage(model.index(row, 4), "1.5") == "" and edited[-1].value == 1.5
    assert model.typed_problems() == [] and model.index(row, 4).data() == "1.5"
    assert "不是数字" in model.stage(model.index(row, 4), "1.5亩") and edited[-1].value == 1.5
    assert model.stage(model.index(row, COL_NOTE), "据农业农村委统计") == "" and edited[-1].note == "据农业农村委统计"
    # An indicator the county did not split to this unit, and one it set no 2026 target for.
    irrigation = next(
        r for r in range(model.rowCount()) if model.indicator_at(r).id == "efficient_water_saving_irrigation"
    )
    assert model.index(irrigation, 2).data() == "—（县里尚未下达2026年目标）"
    assert model.index(irrigation, COL_PACE).data() == "91.7%"
    model.set_rows(workspace.catalog.indicators_for_task(15), {}, {}, 2026, False, unit_code=NANBIN, month=11)
    villages = next(r for r in range(model.rowCount()) if model.indicator_at(r).id == "livable_villages_new")
    model.setData(model.index(villages, 5), "1", Qt.ItemDataRole.EditRole)
    assert model.index(villages, 2).data() == "—（未分解到本单位）"
    assert model.index(villages, COL_COMPLETION).data() == ""  # never against the whole county's 6
    model.set_rows(indicators, {}, {}, 2026, read_only=True)
    assert not model.flags(model.index(0, 4)) & Qt.ItemFlag.ItemIsEditable


def test_revision_table_model(qtmodeltester: ModelTester) -> None:
    at = datetime(2026, 11, 20, 10, 31, tzinfo=CHINA_TZ)
    summaries = [
        ReportSummary(
            1, "500240001", Period(2026, 11), ReportKind.MONTHLY, 1, ReportState.FINAL, at, at, at, "local", None, None
        ),
        ReportSummary(
            2,
            "500240001",
            Period(2026, 11),
            ReportKind.MONTHLY,
            2,
            ReportState.DRAFT,
            at,
            at,
            None,
            "local",
            None,
            None,
        ),
    ]
    model = RevisionTableModel(summaries)
    qtmodeltester.check(model)
    assert [model.index(1, c).data() for c in range(3)] == ["2026年11月月报", "第2版", "草稿"]
    assert model.index(0, 4).data() == "2026-11-20 10:31"
