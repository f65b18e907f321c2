"""Report-level commands of the clerk's window: carry-forward, 定稿, 重新打开修改, 历史版本."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from shizhu_desktop.domain.report import ReportKind
from shizhu_desktop.domain.validation import Issue
from shizhu_desktop.ui.history_dialog import HistoryDialog
from shizhu_desktop.ui.issues_dialog import IssuesDialog

if TYPE_CHECKING:
    from shizhu_desktop.ui.main_window import MainWindow

TAB_MONTHLY, TAB_QUARTERLY = 0, 1


class ReportActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    # -- carry-forward ----------------------------------------------------------------------------------

    def copy_previous_task(self) -> None:
        task = self.window.form.task
        if task is not None:
            self._copy_previous([task.number])

    def copy_previous_all(self) -> None:
        self._copy_previous(self.window.tree_model.task_numbers())

    def _copy_previous(self, tasks: list[int]) -> None:
        w = self.window
        if w.service is None or w.report is None or not w.report_editable:
            return
        w.autosaver.flush()
        changed = w.service.copy_previous(w.report, tasks)
        w.report = w.service.report(w.report.period)
        if w.form.task is not None:
            w.show_task(w.form.task.number)
        w.refresh_states()
        w.statusBar().showMessage(
            f"已从上月复制{len(changed)}项任务的空白栏目。"
            if changed
            else "没有可复制的内容：上月没有填报，或各栏目都已填写。",
            8000,
        )

    # -- 定稿, reopening, history -------------------------------------------------------------------------

    def finalize(self) -> None:
        w = self.window
        report = w._shown_report()
        if w.service is None or report is None or report.is_final or not w._is_latest(report):
            return
        w.autosaver.flush()
        report = w.service.workspace.reports.load(report.id) if report.id else report
        issues = w.service.issues(report)
        errors = [i for i in issues if i.is_error]
        if errors:
            dialog = IssuesDialog(issues, w)
            dialog.issue_chosen.connect(self.jump_to_issue)
            dialog.exec()
            return
        what = (
            report.period.label + "月报" if report.kind is ReportKind.MONTHLY else report.period.quarter_label + "季报"
        )
        answer = QMessageBox.question(
            w,
            "定稿",
            f"确定把{what}第{report.revision}版定稿吗？\n定稿后不能再修改；如需修改，可“重新打开修改”生成新的一版。",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        result = w.service.finalize(report, w.clock())
        w.load_period(result.report.period if report.kind is ReportKind.MONTHLY else w.navigator.period)
        w.statusBar().showMessage(
            f"{what}已定稿（第{result.report.revision}版）。可以导出Excel报送、导出PDF打印盖章。", 10000
        )

    def jump_to_issue(self, issue: Issue) -> None:
        w = self.window
        if issue.task is None:
            w.tabs.setCurrentIndex(TAB_QUARTERLY)
            edit = w.quarterly_page.edits.get(issue.field)
            if edit is not None:
                edit.setFocus()
            return
        w.tabs.setCurrentIndex(TAB_MONTHLY)
        w.show_task(issue.task)
        w.form.focus_field(issue.field, issue.indicator)

    def reopen(self) -> None:
        w = self.window
        report = w._shown_report()
        if w.service is None or report is None or not report.is_final:
            return
        answer = QMessageBox.question(
            w,
            "重新打开修改",
            f"将在第{report.revision}版的基础上生成第{report.revision + 1}版草稿供修改，"
            f"第{report.revision}版原样保留。继续吗？",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        w.service.reopen(report)
        w.load_period(w.navigator.period)

    def show_history(self) -> None:
        w = self.window
        if w.service is None or w.report is None:
            return
        period = w.report.period
        summaries = w.workspace.reports.summaries(w.service.unit_code, period, ReportKind.MONTHLY)
        if period.is_quarter_end:
            summaries += w.workspace.reports.summaries(w.service.unit_code, period, ReportKind.QUARTERLY)
        dialog = HistoryDialog(summaries, w)
        dialog.revision_chosen.connect(self.open_revision)
        dialog.exec()

    def open_revision(self, report_id: int) -> None:
        w = self.window
        report = w.workspace.reports.load(report_id)
        if report.kind is ReportKind.MONTHLY:
            w.load_period(report.period, report)
            w.tabs.setCurrentIndex(TAB_MONTHLY)
        else:
            w.quarterly = report
            w._show_quarterly()
            w.tabs.setCurrentIndex(TAB_QUARTERLY)
        w.refresh_states()
