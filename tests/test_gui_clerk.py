"""The clerk's window as issue 12 found it: figures saved as typed, back from old revisions, keyboard paths,
the honest banner, the soft 定稿 review, and the setup dialog's Enter and error line."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from shizhu_desktop.domain.periods import Period
from shizhu_desktop.domain.report import IndicatorValue, ReportKind, TaskEntry, now_china
from shizhu_desktop.services.workspace import Workspace
from shizhu_desktop.ui import messages
from shizhu_desktop.ui.indicator_model import COL_CUMULATIVE, COL_NOTE, COL_VALUE
from shizhu_desktop.ui.issues_dialog import IssuesDialog
from shizhu_desktop.ui.main_window import MainWindow
from shizhu_desktop.ui.setup_dialog import SetupDialog
from tests.gui_helpers import LIAISON, NANBIN, clock_at, record_boxes, type_text, with_profile

FARMLAND = "high_standard_farmland"


def _window(qtbot: QtBot, workspace: Workspace, clock=clock_at(2026, 11, 24)) -> MainWindow:  # type: ignore[no-untyped-def]  # noqa: B008
    window = MainWindow(workspace, clock, first_run_dialog=False)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    return window


def _stored(workspace: Workspace, indicator: str) -> IndicatorValue | None:
    report = workspace.reports.find(NANBIN, Period(2026, 11), ReportKind.MONTHLY)
    return report.indicator_value(indicator) if report else None


def _open_cell(window: MainWindow, indicator: str, column: int) -> QApplication:
    view, model = window.form.indicator_view, window.form.indicator_model
    row = next(r for r in range(model.rowCount()) if model.indicator_at(r).id == indicator)
    view.setFocus()
    view.setCurrentIndex(model.index(row, column))
    view.edit(model.index(row, column))
    editor = QApplication.focusWidget()
    assert editor is not None and view.isAncestorOf(editor)
    return editor  # type: ignore[return-value]


# -- item 2: a figure on screen is a figure saved --------------------------------------------------------


def test_a_figure_is_saved_while_its_cell_is_still_open(qtbot: QtBot, workspace: Workspace) -> None:
    with_profile(workspace)
    window = _window(qtbot, workspace)
    editor = _open_cell(window, FARMLAND, COL_VALUE)
    type_text(editor, "0.45")
    qtbot.waitUntil(lambda: (_stored(workspace, FARMLAND) or IndicatorValue("x")).value == 0.45, timeout=2000)
    assert window.form.indicator_view.state() == window.form.indicator_view.State.EditingState  # still typing


def test_a_wrong_figure_is_kept_marked_and_explained_where_the_clerk_looks(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_profile(workspace)
    window = _window(qtbot, workspace)
    window.resize(1024, 600)
    editor = _open_cell(window, FARMLAND, COL_CUMULATIVE)
    type_text(editor, "2a")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()  # Qt commits an Enter-closed cell on the next turn of the event loop
    model = window.form.indicator_model
    row = next(r for r in range(model.rowCount()) if model.indicator_at(r).id == FARMLAND)
    cell = model.index(row, COL_CUMULATIVE)
    assert cell.data() == "2a" and cell.data(Qt.ItemDataRole.BackgroundRole) is not None  # kept, marked
    message = window.form.indicator_message
    assert message.isVisible() and "不是数字" in message.text()
    scroll = window.view.form_scroll
    top = message.mapTo(scroll.widget(), message.rect().topLeft()).y()
    visible = range(scroll.verticalScrollBar().value(), scroll.verticalScrollBar().value() + scroll.viewport().height())
    assert top in visible  # scrolled into view, not left below the window's edge
    # "2" was a number while it was typed (and saved as such); "2a" never is.
    assert (_stored(workspace, FARMLAND) or IndicatorValue("x")).cumulative in (None, 2)
    shown: list[IssuesDialog] = []
    monkeypatch.setattr(IssuesDialog, "exec", lambda dialog: shown.append(dialog) or 0)
    window.actions_.finalize.trigger()
    texts = [shown[0].list.item(i).text() for i in range(shown[0].list.count())]
    assert any("“2a”不是数字" in t for t in texts)  # 定稿 waits for the correction


def test_tab_walks_only_the_cells_a_clerk_fills_then_leaves(qtbot: QtBot, workspace: Workspace) -> None:
    with_profile(workspace)
    window = _window(qtbot, workspace)
    view, model = window.form.indicator_view, window.form.indicator_model
    window.form.edits["remarks"].setFocus()
    qtbot.keyClick(window.form.edits["remarks"], Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is view
    scroll = window.view.form_scroll
    top, shown = view.mapTo(scroll.widget(), QPoint(0, 0)).y(), scroll.verticalScrollBar().value()
    assert shown <= top and top + view.height() <= shown + scroll.viewport().height()  # the whole table in view
    visited = [(view.currentIndex().row(), view.currentIndex().column())]
    for _ in range(model.rowCount() * 3 - 1):
        qtbot.keyClick(view, Qt.Key.Key_Tab)
        visited.append((view.currentIndex().row(), view.currentIndex().column()))
    expected = [(r, c) for r in range(model.rowCount()) for c in (COL_VALUE, COL_CUMULATIVE, COL_NOTE)]
    assert visited == expected  # 指标, 单位, 目标, 上期值, 完成率 are skipped
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not view  # and on to the next field


# -- item 3: back from an old revision -------------------------------------------------------------------


def test_this_month_and_back_to_latest_leave_an_old_revision(qtbot: QtBot, workspace: Workspace) -> None:
    with_profile(workspace, tasks=[11])
    first = workspace.reports.ensure(NANBIN, Period(2026, 11), ReportKind.MONTHLY, LIAISON, "v")
    assert first.id is not None
    workspace.reports.save_entry(first.id, TaskEntry(11, "序时推进", "第一版"))
    workspace.reports.finalize(first.id)
    second = workspace.reports.reopen(first.id)
    window = _window(qtbot, workspace)
    for leave in (window.navigator.today_button.click, window.view.latest_button.click):
        window.report_actions.open_revision(first.id)
        assert window.view.latest_button.isVisible() and window.form.edits["progress"].isReadOnly()
        leave()
        assert window.report is not None and window.report.id == second.id
        assert not window.form.edits["progress"].isReadOnly() and not window.view.latest_button.isVisible()


# -- item 6: what a reviewer would catch -----------------------------------------------------------------


def test_finalize_asks_about_stale_dates_and_done_without_progress(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_profile(workspace, tasks=[11, 15])
    november = workspace.reports.ensure(NANBIN, Period(2026, 11), ReportKind.MONTHLY, LIAISON, "v")
    assert november.id is not None
    workspace.reports.save_entry(november.id, TaskEntry(11, "序时推进", "宣传", "截至11月底，发放资料600份"))
    window = _window(qtbot, workspace, clock_at(2026, 12, 10))
    window.actions_.copy_previous_all.trigger()  # 截至11月底 comes across unchanged
    window.actions_.next_task.trigger()
    window.form.status.setCurrentIndex(window.form.status.findData("已完成"))
    type_text(window.form.edits["cumulative"], "全部完成")
    dialogs: list[IssuesDialog] = []
    monkeypatch.setattr(IssuesDialog, "exec", lambda dialog: dialogs.append(dialog) or 0)  # 返回修改
    window.actions_.finalize.trigger()
    texts = [dialogs[0].list.item(i).text() for i in range(dialogs[0].list.count())]
    assert any("任务11·累计完成情况" in t and "11月" in t for t in texts), texts
    assert any("任务15·本月工作进展" in t and "已完成" in t for t in texts), texts
    assert hasattr(dialogs[0], "finalize_button")  # warnings only: 仍然定稿 is offered
    assert not workspace.reports.find(NANBIN, Period(2026, 12), ReportKind.MONTHLY).is_final  # type: ignore[union-attr]
    monkeypatch.setattr(IssuesDialog, "exec", lambda dialog: 1)  # 仍然定稿
    window.actions_.finalize.trigger()
    assert workspace.reports.find(NANBIN, Period(2026, 12), ReportKind.MONTHLY).is_final  # type: ignore[union-attr]


# -- item 7: the banner says what is true ----------------------------------------------------------------


def test_the_banner_says_finalized_then_exported_with_its_date(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_profile(workspace, tasks=[11])
    window = _window(qtbot, workspace)
    window.form.status.setCurrentIndex(window.form.status.findData("序时推进"))
    monkeypatch.setattr(messages, "ask", lambda *a, **k: True)
    window.actions_.finalize.trigger()
    assert "已于11月24日定稿（按时），还没有导出" in window.banner.text and "已按时报送" not in window.banner.text
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a: str(tmp_path))
    record_boxes(monkeypatch)
    window.actions_.export_excel.trigger()
    today = now_china()  # exports are dated by the PC's clock, as the audit trail is
    assert f"本月报表第1版已于11月24日定稿（按时），{today.month}月{today.day}日已导出Excel" in window.banner.text
    window.actions_.reopen.trigger()
    assert "第2版正在修改" in window.banner.text  # a correction in progress is not "sent"


# -- item 10: carry-forward from the keyboard ------------------------------------------------------------


def test_carry_forward_shortcuts(qtbot: QtBot, workspace: Workspace) -> None:
    with_profile(workspace, tasks=[2, 11])
    october = workspace.reports.ensure(NANBIN, Period(2026, 10), ReportKind.MONTHLY, LIAISON, "v")
    assert october.id is not None
    workspace.reports.save_entry(october.id, TaskEntry(2, "序时推进", "十月农田"))
    workspace.reports.save_entry(october.id, TaskEntry(11, "序时推进", "十月宣传"))
    window = _window(qtbot, workspace)
    assert window.actions_.copy_previous_task.shortcut().toString() == "Ctrl+D"
    assert window.actions_.copy_previous_all.shortcut().toString() == "Ctrl+Shift+D"
    window.form.edits["progress"].setFocus()
    qtbot.keyClick(window.form.edits["progress"], Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert window.form.edits["progress"].toPlainText() == "十月农田"
    assert (window.report.entry(11) if window.report else None) is None  # only this task
    qtbot.keyClick(
        window.form.edits["progress"],
        Qt.Key.Key_D,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.report is not None and window.report.entry(11).progress == "十月宣传"  # type: ignore[union-attr]


# -- item 5: the setup dialog ----------------------------------------------------------------------------


def test_enter_in_the_unit_search_chooses_and_the_error_line_follows_the_fields(
    qtbot: QtBot, workspace: Workspace
) -> None:
    dialog = SetupDialog(workspace.catalog, workspace.units, None)
    qtbot.addWidget(dialog)
    dialog.show()
    tree_height = dialog.picker.tree.height()
    dialog.accept()
    QApplication.processEvents()
    assert dialog.error.isVisible() and "请填写联系人" in dialog.error.text()
    assert dialog.picker.tree.height() >= tree_height - 2  # the reasons do not squeeze the list
    type_text(dialog.picker.search, "西沱")
    qtbot.keyClick(dialog.picker.search, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result() != SetupDialog.DialogCode.Accepted  # Enter chose, not saved
    assert dialog.picker.selected().name == "西沱镇"  # type: ignore[union-attr]
    assert QApplication.focusWidget() is dialog.section_edit  # on to the next field
    type_text(dialog.picker.search, "")
    dialog.picker.search.clear()
    type_text(dialog.picker.search, "镇")
    qtbot.keyClick(dialog.picker.search, Qt.Key.Key_Return)  # many matches: the list takes the keys
    assert dialog.isVisible() and QApplication.focusWidget() is dialog.picker.tree
    type_text(dialog.name_edit, "冉春梅")
    type_text(dialog.phone_edit, "023-73330000")
    assert not dialog.error.isVisible()  # everything filled: the red line has gone by itself
    dialog.phone_edit.clear()
    assert not dialog.error.isVisible()  # until the next 保存, which says what is missing again
    dialog.accept()
    assert dialog.error.isVisible() and "电话" in dialog.error.text()


def test_a_clock_set_back_is_explained_not_a_crash(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import timedelta

    with_profile(workspace, tasks=[11])
    window = _window(qtbot, workspace)
    window.form.status.setCurrentIndex(window.form.status.findData("序时推进"))
    window.autosaver.flush()
    tomorrow = (now_china() + timedelta(days=1)).isoformat()
    workspace.db.execute("UPDATE audit_log SET at = ?", [tomorrow])  # this PC saved "tomorrow": its clock went back
    monkeypatch.setattr(messages, "ask", lambda *a, **k: True)
    boxes = record_boxes(monkeypatch)
    window.actions_.finalize.trigger()
    assert "日期不对" in boxes.texts[-1]
    assert not workspace.reports.find(NANBIN, Period(2026, 11), ReportKind.MONTHLY).is_final  # type: ignore[union-attr]
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a: str(tmp_path))
    window.actions_.export_excel.trigger()
    assert "日期不对" in boxes.texts[-1] and not list(tmp_path.glob("*.xlsx"))
