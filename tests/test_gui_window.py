"""The clerk's window, driven with pytest-qt: first run, typing and autosave, months, carry-forward, 定稿."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from shizhu_desktop.domain.periods import Period
from shizhu_desktop.domain.report import Narrative, ReportKind, TaskEntry
from shizhu_desktop.services.workspace import Workspace
from shizhu_desktop.ui import messages
from shizhu_desktop.ui.autosave import SAVE_DELAY_MS
from shizhu_desktop.ui.clerk_view import TAB_QUARTERLY
from shizhu_desktop.ui.issues_dialog import IssuesDialog
from shizhu_desktop.ui.main_window import MainWindow
from shizhu_desktop.ui.quarterly_page import QuarterlyPage
from shizhu_desktop.ui.setup_dialog import SetupDialog
from tests.gui_helpers import LIAISON, NANBIN, clock_at, entry_row, type_text, with_profile

NOV_24 = clock_at(2026, 11, 24)


def _window(qtbot: QtBot, workspace: Workspace, clock=NOV_24) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(workspace, clock, first_run_dialog=False)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    with qtbot.waitActive(window):
        window.activateWindow()
    return window


@pytest.fixture
def answer_yes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(messages, "ask", lambda *a, **k: True)


def test_first_run_setup_saves_the_profile(qtbot: QtBot, workspace: Workspace) -> None:
    window = _window(qtbot, workspace)
    assert window.stack.currentWidget() is window.welcome
    assert not window.actions_.finalize.isEnabled()
    dialog = SetupDialog(workspace.catalog, workspace.units, None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.accept()  # nothing chosen yet: refused with the reasons
    assert dialog.error.isVisible() and "请在左侧列表中选择本单位" in dialog.error.text()
    type_text(dialog.picker.search, "龙潭")
    qtbot.keyClick(dialog.picker.search, Qt.Key.Key_Return)
    assert dialog.picker.selected().name == "龙潭乡"  # type: ignore[union-attr]
    assert dialog.checked_tasks() == workspace.catalog.default_tasks_for("500240216")
    type_text(dialog.section_edit, "党政办")
    type_text(dialog.name_edit, "冉春梅")
    type_text(dialog.phone_edit, "12345")
    assert "联系电话格式不对" in dialog.phone_message.text()
    dialog.phone_edit.clear()
    type_text(dialog.phone_edit, "(023)73330000")
    assert dialog.phone_message.text() == ""
    type_text(dialog.leader_edit, "马建国（副乡长）")
    dialog.accept()
    assert dialog.result() == SetupDialog.DialogCode.Accepted
    workspace.profiles.save(dialog.profile())
    window._use_profile()
    profile = workspace.profile()
    assert profile is not None and profile.unit_code == "500240216" and profile.liaison.name == "冉春梅"
    assert "龙潭乡" in window.unit_label.text() and window.stack.currentIndex() == 1
    assert window.report is not None and window.report.period == Period(2026, 11)


def test_typing_in_every_field_reaches_the_database(qtbot: QtBot, workspace: Workspace, db_path: Path) -> None:
    with_profile(workspace)
    window = _window(qtbot, workspace)
    form = window.form
    assert form.task is not None and form.task.number == 2
    form.status.setFocus()
    form.status.setCurrentIndex(form.status.findData("滞后"))
    texts = {
        "progress": "完成高标准农田800亩",
        "cumulative": "累计1.2万亩",
        "problems": "资金未到位",
        "next_steps": "12月完成验收",
        "remarks": "=SUM(A1) 😀 𠀀",
    }
    for name, text in texts.items():
        form.edits[name].setFocus()
        type_text(form.edits[name], text)
    qtbot.waitUntil(
        lambda: (entry_row(db_path, "2026-11", 2) or {}).get("remarks") == texts["remarks"],
        timeout=SAVE_DELAY_MS + 1000,
    )
    row = entry_row(db_path, "2026-11", 2)
    assert row is not None and row["status"] == "滞后"
    assert {k: row[k] for k in texts} == texts
    assert window.saved_label.text().startswith("已保存 ")


def test_ctrl_s_saves_at_once_and_leaving_a_field_saves(qtbot: QtBot, workspace: Workspace, db_path: Path) -> None:
    with_profile(workspace)
    window = _window(qtbot, workspace)
    edit = window.form.edits["progress"]
    edit.setFocus()
    type_text(edit, "立即保存的内容")
    assert (entry_row(db_path, "2026-11", 2) or {}).get("progress") != "立即保存的内容"
    window.actions_.save.trigger()
    assert (entry_row(db_path, "2026-11", 2) or {}).get("progress") == "立即保存的内容"
    type_text(edit, "，再加一句")
    window.form.edits["cumulative"].setFocus()  # focus change flushes
    QApplication.processEvents()
    assert (entry_row(db_path, "2026-11", 2) or {}).get("progress") == "立即保存的内容，再加一句"


def test_closing_never_asks_and_keeps_the_last_words(qtbot: QtBot, workspace: Workspace, db_path: Path) -> None:
    with_profile(workspace)
    window = _window(qtbot, workspace)
    window.form.edits["next_steps"].setFocus()
    type_text(window.form.edits["next_steps"], "关窗前最后一句")
    window.close()
    assert (entry_row(db_path, "2026-11", 2) or {}).get("next_steps") == "关窗前最后一句"


def test_indicator_value_reaches_the_database(qtbot: QtBot, workspace: Workspace, db_path: Path) -> None:
    with_profile(workspace)
    window = _window(qtbot, workspace)
    model = window.form.indicator_model
    row = next(r for r in range(model.rowCount()) if model.indicator_at(r).id == "high_standard_farmland")
    model.setData(model.index(row, 4), "0.12")
    window.actions_.save.trigger()
    report = workspace.reports.find(NANBIN, Period(2026, 11), ReportKind.MONTHLY)
    assert report is not None and report.indicator_value("high_standard_farmland").value == 0.12  # type: ignore[union-attr]


def test_switching_months_and_tasks(qtbot: QtBot, workspace: Workspace) -> None:
    with_profile(workspace)
    october = workspace.reports.ensure(NANBIN, Period(2026, 10), ReportKind.MONTHLY, LIAISON, "v")
    assert october.id
    workspace.reports.save_entry(october.id, TaskEntry(11, "序时推进", "十月的垃圾分类工作"))
    window = _window(qtbot, workspace)
    window.actions_.next_task.trigger()
    assert window.form.task.number == 11  # type: ignore[union-attr]
    assert window.form.edits["progress"].toPlainText() == ""
    assert "十月的垃圾分类工作" in window.form.previous_text.toPlainText()  # last month beside the form
    window.actions_.previous_month.trigger()
    assert window.navigator.period == Period(2026, 10)
    assert window.form.task.number == 11  # type: ignore[union-attr]
    assert window.form.edits["progress"].toPlainText() == "十月的垃圾分类工作"
    assert "10月25日" in window.banner.text and "已逾期" in window.banner.text
    window.actions_.next_month.trigger()
    assert window.navigator.period == Period(2026, 11)
    window.actions_.next_month.trigger()  # December is allowed (next month), January is not
    window.actions_.next_month.trigger()
    assert window.navigator.period == Period(2026, 12)
    window.actions_.previous_task.trigger()
    assert window.form.task.number == 2  # type: ignore[union-attr]


def test_copy_previous_fills_only_empty_fields(qtbot: QtBot, workspace: Workspace, db_path: Path) -> None:
    with_profile(workspace)
    october = workspace.reports.ensure(NANBIN, Period(2026, 10), ReportKind.MONTHLY, LIAISON, "v")
    assert october.id
    workspace.reports.save_entry(october.id, TaskEntry(2, "序时推进", "十月进展", "十月累计", "", "十一月打算"))
    workspace.reports.save_entry(october.id, TaskEntry(13, "滞后", "污水管网", "", "征地", "加快"))
    window = _window(qtbot, workspace)
    window.form.edits["progress"].setFocus()
    type_text(window.form.edits["progress"], "十一月自己写的")
    window.form.copy_button.click()
    row = entry_row(db_path, "2026-11", 2)
    assert row is not None
    assert (row["progress"], row["cumulative"], row["next_steps"], row["status"]) == (
        "十一月自己写的",
        "十月累计",
        "十一月打算",
        "序时推进",
    )
    assert entry_row(db_path, "2026-11", 13) is None  # only this task
    window.actions_.copy_previous_all.trigger()
    assert (entry_row(db_path, "2026-11", 13) or {}).get("problems") == "征地"
    assert window.form.edits["cumulative"].toPlainText() == "十月累计"


def test_finalize_blocked_with_jump_to_field_then_reopen(
    qtbot: QtBot, workspace: Workspace, db_path: Path, monkeypatch: pytest.MonkeyPatch, answer_yes: None
) -> None:
    with_profile(workspace, tasks=[2, 11])
    window = _window(qtbot, workspace)
    window.form.status.setCurrentIndex(window.form.status.findData("滞后"))
    window.form.edits["progress"].setFocus()
    type_text(window.form.edits["progress"], "进展")
    shown: list[IssuesDialog] = []

    def fake_exec(dialog: IssuesDialog) -> int:
        shown.append(dialog)
        if hasattr(dialog, "finalize_button"):
            return 1  # only warnings left: 仍然定稿
        problems_item = next(
            dialog.list.item(i) for i in range(dialog.list.count()) if "存在问题" in dialog.list.item(i).text()
        )
        dialog._on_activated(problems_item)
        return 1

    monkeypatch.setattr(IssuesDialog, "exec", fake_exec)
    window.actions_.finalize.trigger()
    assert shown, "定稿 must be refused while errors remain"
    texts = [shown[0].list.item(i).text() for i in range(shown[0].list.count())]
    assert any("任务2·存在问题" in t for t in texts) and any("任务11·推进状态" in t for t in texts)
    assert QApplication.focusWidget() is window.form.edits["problems"]
    assert not workspace.reports.find(NANBIN, Period(2026, 11), ReportKind.MONTHLY).is_final  # type: ignore[union-attr]

    type_text(window.form.edits["problems"], "资金未到位")
    window.actions_.next_task.trigger()
    window.form.status.setCurrentIndex(window.form.status.findData("序时推进"))
    window.actions_.finalize.trigger()
    first = workspace.reports.find(NANBIN, Period(2026, 11), ReportKind.MONTHLY)
    assert first is not None and first.is_final and first.revision == 1
    assert first.finalized_at is not None and first.finalized_at.date().isoformat() == "2026-11-24"
    assert "本月报表第1版已于11月24日定稿（按时），还没有导出" in window.banner.text  # nothing sent yet
    warnings = [shown[-1].list.item(i).text() for i in range(shown[-1].list.count())]
    assert any("本期值和累计值都没有填写" in w for w in warnings)  # 定稿 asked about the empty indicators
    assert window.form.edits["progress"].isReadOnly() and not window.actions_.finalize.isEnabled()

    window.actions_.reopen.trigger()
    second = workspace.reports.find(NANBIN, Period(2026, 11), ReportKind.MONTHLY)
    assert second is not None and second.revision == 2 and not second.is_final
    assert not window.form.edits["progress"].isReadOnly()
    assert "第2版" in window.state_label.text()
    kept = workspace.reports.find(NANBIN, Period(2026, 11), ReportKind.MONTHLY, revision=1)
    assert kept is not None and kept.is_final and kept.entry(2).problems == "资金未到位"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (20, "本月报表11月25日截止，还有5天"),
        (24, "本月报表11月25日截止，还有1天"),
        (25, "本月报表今天（11月25日）截止"),
        (27, "本月报表11月25日截止，已逾期2天"),
    ],
)
def test_banner_under_a_fake_clock(qtbot: QtBot, workspace: Workspace, day: int, expected: str) -> None:
    with_profile(workspace)
    window = _window(qtbot, workspace, clock_at(2026, 11, day))
    assert window.banner.text.startswith(expected)
    assert window.tabs.isTabEnabled(TAB_QUARTERLY) is False


def test_banner_in_a_quarter_month_with_a_holiday_deadline(qtbot: QtBot, workspace: Workspace) -> None:
    with_profile(workspace)
    window = _window(qtbot, workspace, clock_at(2026, 9, 22))
    assert "本月报表9月25日截止，还有3天" in window.banner.text
    assert "本季度报告9月25日截止，还有3天" in window.banner.text
    assert "中秋假期" in window.banner.hint.text() and "9月24日" in window.banner.hint.text()
    assert window.tabs.isTabEnabled(TAB_QUARTERLY)


def test_quarterly_page_is_assembled_from_the_months(qtbot: QtBot, workspace: Workspace, db_path: Path) -> None:
    with_profile(workspace, tasks=[2, 13])
    for month, text in ((10, "十月推进农田"), (11, "十一月推进农田")):
        report = workspace.reports.ensure(NANBIN, Period(2026, month), ReportKind.MONTHLY, LIAISON, "v")
        assert report.id
        workspace.reports.save_entry(report.id, TaskEntry(2, "滞后", text, "", f"{month}月问题", "下月验收"))
    window = _window(qtbot, workspace, clock_at(2026, 12, 10))
    window.tabs.setCurrentIndex(TAB_QUARTERLY)
    work = window.view.quarterly_page.edits["work"].toPlainText()
    assert work.startswith("（一）加快农业绿色发展。10月，十月推进农田。11月，十一月推进农田。")
    assert "10月问题" in window.view.quarterly_page.edits["problems"].toPlainText()
    window.view.quarterly_page.edits["plans"].setFocus()
    type_text(window.view.quarterly_page.edits["plans"], "补充一句")
    window.actions_.save.trigger()
    quarterly = workspace.reports.find(NANBIN, Period(2026, 12), ReportKind.QUARTERLY)
    assert quarterly is not None and quarterly.narrative is not None
    assert quarterly.narrative.plans.startswith("补充一句1．加快农业绿色发展：下月验收。")


def test_the_quarterly_page_is_built_when_first_opened_and_shows_what_was_loaded_before(
    qtbot: QtBot, workspace: Workspace
) -> None:
    # Start-up builds only what the first frame shows; the report loaded meanwhile is on the page when it opens.
    with_profile(workspace, tasks=[2, 13])
    quarterly = workspace.reports.ensure(NANBIN, Period(2026, 12), ReportKind.QUARTERLY, LIAISON, "v")
    assert quarterly.id
    workspace.reports.save_narrative(quarterly.id, Narrative("本季度工作已写好。", "资金不足。", "下季度验收。"))
    window = _window(qtbot, workspace, clock_at(2026, 12, 10))
    assert window.findChild(QuarterlyPage) is None
    window.actions_.quarterly.trigger()
    page = window.view.quarterly_page
    assert window.findChild(QuarterlyPage) is page and page.isVisible()
    assert page.heading.text() == "2026年第四季度工作推进情况报告"
    assert [page.edits[n].toPlainText() for n in ("work", "problems", "plans")] == [
        "本季度工作已写好。",
        "资金不足。",
        "下季度验收。",
    ]
    type_text(page.edits["problems"], "另：")
    window.actions_.save.trigger()
    saved = workspace.reports.find(NANBIN, Period(2026, 12), ReportKind.QUARTERLY)
    assert saved is not None and saved.narrative is not None and saved.narrative.problems == "另：资金不足。"


def test_tab_order_walks_the_form(qtbot: QtBot, workspace: Workspace) -> None:
    with_profile(workspace)
    window = _window(qtbot, workspace)
    form = window.form
    form.status.setFocus()
    order = []
    for _ in range(5):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order == [form.edits[n] for n in ("progress", "cumulative", "problems", "next_steps", "remarks")]


def test_geometry_and_last_period_are_remembered(qtbot: QtBot, workspace: Workspace) -> None:
    with_profile(workspace)
    window = _window(qtbot, workspace)
    window.resize(780, 590)  # the offscreen screen is 800×600: restoreGeometry keeps windows on it
    window.actions_.previous_month.trigger()
    window.close()
    again = _window(qtbot, workspace)
    assert again.navigator.period == Period(2026, 10)  # same calendar month: back where the clerk was
    assert (again.width(), again.height()) == (780, 590)
    later = _window(qtbot, workspace, clock_at(2026, 12, 2))
    assert later.navigator.period == Period(2026, 12)  # a new month opens on the new month
    again.close()
    later.close()


def test_an_indicator_cell_being_edited_is_saved_by_keyboard_shortcuts(
    qtbot: QtBot, workspace: Workspace, db_path: Path
) -> None:
    with_profile(workspace)
    window = _window(qtbot, workspace)
    view, model = window.form.indicator_view, window.form.indicator_model
    row = next(r for r in range(model.rowCount()) if model.indicator_at(r).id == "high_standard_farmland")
    window.form.edits["progress"].setFocus()
    type_text(window.form.edits["progress"], "先写一句")  # something pending when the cell editor opens
    view.setFocus()
    view.setCurrentIndex(model.index(row, 4))
    view.edit(model.index(row, 4))
    editor = QApplication.focusWidget()
    assert editor is not None and view.isAncestorOf(editor)
    type_text(editor, "0.37")
    qtbot.wait(SAVE_DELAY_MS + 300)  # the autosave timer fires: the cell editor must stay open
    assert view.state() == view.State.EditingState
    window.actions_.next_task.trigger()  # Ctrl+↓ with the cell still open
    report = workspace.reports.find(NANBIN, Period(2026, 11), ReportKind.MONTHLY)
    assert report is not None and report.indicator_value("high_standard_farmland").value == 0.37  # type: ignore[union-attr]


def test_an_older_revision_opened_from_history_is_read_only(
    qtbot: QtBot, workspace: Workspace, answer_yes: None
) -> None:
    with_profile(workspace, tasks=[2])
    first = workspace.reports.ensure(NANBIN, Period(2026, 11), ReportKind.MONTHLY, LIAISON, "v")
    assert first.id is not None
    workspace.reports.save_entry(first.id, TaskEntry(2, "序时推进", "第一版"))
    workspace.reports.finalize(first.id)
    second = workspace.reports.reopen(first.id)
    window = _window(qtbot, workspace)
    window.report_actions.open_revision(first.id)
    assert window.form.edits["progress"].isReadOnly() and not window.actions_.finalize.isEnabled()
    assert "历史版本" in window.banner.text
    window.form.edits["progress"].setPlainText("不该写进第一版")
    window.autosaver.flush()
    assert workspace.reports.load(first.id).entry(2).progress == "第一版"  # type: ignore[union-attr]
    window.actions_.next_month.trigger()
    window.actions_.previous_month.trigger()
    assert (
        window.report is not None and window.report.id == second.id and not window.form.edits["progress"].isReadOnly()
    )


def test_a_failed_save_is_kept_and_retried(qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    with_profile(workspace)
    window = _window(qtbot, workspace)
    real = workspace.reports.save_entry
    calls = {"n": 0}

    def flaky(report_id: int, entry: TaskEntry) -> list[str]:
        calls["n"] += 1
        if calls["n"] == 1:
            raise sqlite3.OperationalError("database is locked")
        return real(report_id, entry)

    monkeypatch.setattr(workspace.reports, "save_entry", flaky)
    window.form.edits["progress"].setFocus()
    type_text(window.form.edits["progress"], "锁住时写的字")
    assert not window.autosaver.flush()
    assert window.saved_label.text() == "⚠ 未保存" and "数据库正被其他程序使用" in window.saved_label.toolTip()
    assert window.autosaver.flush()  # the kept write goes through on the next try
    report = workspace.reports.find(NANBIN, Period(2026, 11), ReportKind.MONTHLY)
    assert report is not None and report.entry(2).progress == "锁住时写的字"  # type: ignore[union-attr]
    assert window.saved_label.text().startswith("已保存")
