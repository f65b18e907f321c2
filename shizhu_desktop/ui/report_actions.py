"""Report-level commands of the clerk's window: carry-forward, 定稿, 重新打开修改, 历史版本."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from shizhu_desktop.domain.periods import Period
from shizhu_desktop.domain.report import Report, ReportKind
from shizhu_desktop.domain.validation import Issue
from shizhu_desktop.services.identity import ClockError
from shizhu_desktop.ui.report_session import ReportSession


class ReportView(Protocol):
    """What these commands need from the window showing the reports."""

    def shown_kind(self) -> ReportKind: ...

    def current_task(self) -> int | None: ...

    def task_numbers(self) -> list[int]: ...

    def reload(self, period: Period | None = None) -> None: ...

    def show_report(self, report: Report) -> None: ...

    def jump_to(self, issue: Issue) -> None: ...

    def typed_problems(self) -> list[Issue]: ...

    def show_message(self, text: str, timeout: int = 8000) -> None: ...


def report_title(report: Report) -> str:
    """e.g. 2026年11月月报, 2026年第四季度季报."""
    if report.kind is ReportKind.MONTHLY:
        return report.period.label + "月报"
    return report.period.quarter_label + "季报"


def finalize_question(report: Report) -> str:
    return (
        f"确定把{report_title(report)}第{report.revision}版定稿吗？\n"
        "定稿后不能再修改；如需修改，可“重新打开修改”生成新的一版。"
    )


class ReportActions(QObject):
    def __init__(self, session: ReportSession, view: ReportView, parent: QWidget) -> None:
        super().__init__(parent)
        self.session = session
        self.view = view
        self.parent_widget = parent

    # -- carry-forward ----------------------------------------------------------------------------------

    def copy_previous_task(self) -> None:
        task = self.view.current_task()
        if task is not None:
            self._copy_previous([task])

    def copy_previous_all(self) -> None:
        self._copy_previous(self.view.task_numbers())

    def _copy_previous(self, tasks: list[int]) -> None:
        s = self.session
        if s.service is None or s.report is None or not s.report_editable:
            return
        s.autosaver.flush()
        changed = s.service.copy_previous(s.report, tasks)
        self.view.reload()
        self.view.show_message(
            f"已从上月复制{len(changed)}项任务的空白栏目。"
            if changed
            else "没有可复制的内容：上月没有填报，或各栏目都已填写。"
        )

    # -- 定稿 ---------------------------------------------------------------------------------------------

    def finalize(self) -> None:
        from shizhu_desktop.ui import messages  # Qt's message box classes: when a question is asked (start-up)

        s = self.session
        report = s.shown(self.view.shown_kind())
        if s.service is None or report is None or report.id is None or not s.editable(report):
            return
        s.autosaver.flush()
        report = s.workspace.reports.load(report.id)
        issues = s.service.issues(report)
        if report.kind is ReportKind.MONTHLY:
            issues += self.view.typed_problems()
        if any(i.is_error for i in issues):
            self._show_issues(issues, "")
            return
        question = finalize_question(report)
        previous = s.service.existing(report.period.previous())
        from shizhu_desktop.domain.review import review_warnings  # needed at 定稿 only (start-up, issue 13)

        warnings = issues + review_warnings(report, previous, s.service.profile.tasks, s.service.indicators())
        if warnings:
            if not self._show_issues(warnings, question):
                return
        elif not messages.ask(self.parent_widget, "定稿", question):
            return
        try:
            result = s.service.finalize(report, s.clock())
        except ClockError as exc:  # the PC's date went backwards: nothing is finalized with a false date
            messages.warn(self.parent_widget, "定稿", str(exc))
            return
        self.view.reload()
        self.view.show_message(
            f"{report_title(report)}已定稿（第{result.report.revision}版）。请导出Excel报送、导出PDF打印盖章。", 10000
        )

    def _show_issues(self, issues: list[Issue], confirm: str) -> bool:
        """The findings; True when the clerk chose 仍然定稿."""
        from shizhu_desktop.ui.issues_dialog import IssuesDialog

        dialog = IssuesDialog(issues, self.parent_widget, confirm=confirm)
        dialog.issue_chosen.connect(self.view.jump_to)
        return bool(dialog.exec()) and bool(confirm)

    # -- reopening and history ----------------------------------------------------------------------------

    def reopen(self) -> None:
        from shizhu_desktop.ui import messages

        s = self.session
        report = s.shown(self.view.shown_kind())
        if s.service is None or report is None or not report.is_final or not s.is_latest(report):
            return
        question = (
            f"将在第{report.revision}版的基础上生成第{report.revision + 1}版草稿供修改，"
            f"第{report.revision}版原样保留。继续吗？"
        )
        if not messages.ask(self.parent_widget, "重新打开修改", question):
            return
        s.service.reopen(report)
        self.view.reload()

    def show_history(self) -> None:
        from shizhu_desktop.ui.history_dialog import HistoryDialog

        s = self.session
        if s.service is None or s.period is None:
            return
        summaries = s.workspace.reports.summaries(s.service.unit_code, s.period, ReportKind.MONTHLY)
        if s.period.is_quarter_end:
            summaries += s.workspace.reports.summaries(s.service.unit_code, s.period, ReportKind.QUARTERLY)
        dialog = HistoryDialog(summaries, self.parent_widget)
        dialog.revision_chosen.connect(self.open_revision)
        dialog.exec()

    def open_revision(self, report_id: int) -> None:
        self.view.show_report(self.session.workspace.reports.load(report_id))

    def back_to_latest(self) -> None:
        """返回最新版本: the period's latest revisions, editable again if they are drafts."""
        self.view.reload()
