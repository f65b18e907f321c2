"""The Qt table and tree models pass Qt's model tester and show what the clerk expects."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from shizhu_desktop.datafiles import load_catalog
from shizhu_desktop.domain.periods import Period
from shizhu_desktop.domain.report import CHINA_TZ, IndicatorValue, ReportKind, ReportState
from shizhu_desktop.services.reporting import FillState
from shizhu_desktop.store.reports import ReportSummary
from shizhu_desktop.ui.history_dialog import RevisionTableModel
from shizhu_desktop.ui.indicator_model import IndicatorTableModel
from shizhu_desktop.ui.task_tree import TASK_ROLE, TaskTreeModel


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


def test_indicator_model_edits_and_refuses_bad_numbers(qtmodeltester: ModelTester) -> None:
    catalog = load_catalog()
    indicators = catalog.indicators_for_task(2)
    model = IndicatorTableModel()
    model.set_rows(
        indicators,
        {},
        {"high_standard_farmland": IndicatorValue("high_standard_farmland", 1, 2.5)},
        2026,
        read_only=False,
    )
    qtmodeltester.check(model)
    row = next(r for r in range(model.rowCount()) if model.indicator_at(r).id == "high_standard_farmland")
    assert model.index(row, 3).data() == "2.5"  # last period's cumulative figure
    edited: list[IndicatorValue] = []
    errors: list[str] = []
    model.value_edited.connect(edited.append)
    model.invalid_input.connect(errors.append)
    assert model.setData(model.index(row, 4), "０.３", Qt.ItemDataRole.EditRole)
    assert model.setData(model.index(row, 5), "2.8", Qt.ItemDataRole.EditRole)
    assert edited[-1] == IndicatorValue("high_standard_farmland", 0.3, 2.8, "")
    assert model.index(row, 6).data() == "106.1%"  # 2.8 of the 2026 county target 2.64
    assert not model.setData(model.index(row, 4), "三亩", Qt.ItemDataRole.EditRole)
    assert errors and "不是数字" in errors[0]
    # What was typed stays on screen, marked, with the reason; the figure held (and saved) is unchanged.
    assert model.index(row, 4).data() == "三亩" and model.value_of("high_standard_farmland").value == 0.3
    assert model.index(row, 4).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "不是数字" in model.index(row, 4).data(Qt.ItemDataRole.ToolTipRole)
    assert [(p.field, p.text) for p in model.typed_problems()] == [("value", "三亩")]
    qtmodeltester.check(model)
    # Typing: each keystroke that makes a number is taken (and saved) at once; a half-typed "-" waits.
    assert model.stage(model.index(row, 4), "-") == "" and model.value_of("high_standard_farmland").value == 0.3
    assert model.stage(model.index(row, 4), "1.5") == "" and edited[-1].value == 1.5
    assert model.typed_problems() == [] and model.index(row, 4).data() == "1.5"
    assert "不是数字" in model.stage(model.index(row, 4), "1.5亩") and edited[-1].value == 1.5
    assert model.stage(model.index(row, 7), "据农业农村委统计") == "" and edited[-1].note == "据农业农村委统计"
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
