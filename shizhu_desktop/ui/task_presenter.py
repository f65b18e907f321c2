"""One task of the shown report in the form: its entry, last month's, indicators and findings."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex

from shizhu_desktop.domain.validation import Issue
from shizhu_desktop.ui.actions import Actions
from shizhu_desktop.ui.clerk_view import TAB_MONTHLY, TAB_QUARTERLY, ClerkView
from shizhu_desktop.ui.report_session import ReportSession
from shizhu_desktop.ui.task_tree import TASK_ROLE


class TaskPresenter:
    def __init__(self, session: ReportSession, view: ClerkView, actions: Actions) -> None:
        self.session = session
        self.view = view
        self.actions = actions
        view.tree.selectionModel().currentChanged.connect(self._on_tree_current)

    def current(self) -> int | None:
        task = self.view.form.task
        return task.number if task else None

    def show(self, number: int) -> None:
        s, form = self.session, self.view.form
        if s.service is None or s.report is None:
            return
        s.autosaver.flush()
        catalog, report = s.workspace.catalog, s.report
        task = catalog.task(number)
        indicators = s.service.indicators_for_task(number)
        previous_report = s.service.existing(report.period.previous())  # read once, not per indicator
        previous = {
            i.id: v
            for i in indicators
            if previous_report is not None and (v := previous_report.indicator_value(i.id)) is not None
        }
        lead = s.workspace.units.get(task.lead_unit)
        form.show_task(
            task,
            report.entry(number),
            previous_report.entry(number) if previous_report else None,
            lead.name if lead else task.lead_unit,
            indicators,
            {v.indicator: v for v in report.indicators},
            previous,
            report.period.year,
            not s.report_editable,
            report.id,
            unit_code=report.unit_code,  # the unit's own targets, and 序时进度 at the report's month
            month=report.period.month,
        )
        form.show_issues(s.service.entry_issues(report, number))
        index = self.view.tree_model.task_index(number)
        if index.isValid() and self.view.tree.currentIndex() != index:
            self.view.tree.blockSignals(True)
            self.view.tree.setCurrentIndex(index)
            self.view.tree.blockSignals(False)
        self.actions.copy_previous_task.setEnabled(s.report_editable and form.previous.has_previous)

    def step(self, step: int) -> None:
        tasks = self.view.tree_model.task_numbers()
        current = self.current()
        if not tasks or current is None:
            return
        position = tasks.index(current) if current in tasks else 0
        self.show(tasks[(position + step) % len(tasks)])
        self.view.form.focus_first()

    def _on_tree_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        number = current.data(TASK_ROLE) if current.isValid() else None
        if number is not None and self.current() != number:
            self.show(int(number))

    def jump_to(self, issue: Issue) -> None:
        """To the field of a finding (from the 定稿 check)."""
        if issue.task is None:
            self.view.tabs.setCurrentIndex(TAB_QUARTERLY)
            edit = self.view.quarterly_page.edits.get(issue.field)
            if edit is not None:
                edit.setFocus()
            return
        self.view.tabs.setCurrentIndex(TAB_MONTHLY)
        self.show(issue.task)
        self.view.form.focus_field(issue.field, issue.indicator)

    def revalidate(self, task: int) -> None:
        """After an edit: the task's findings under its fields, and every task's fill mark."""
        s = self.session
        if s.service is None or s.report is None:
            return
        if self.current() == task:
            self.view.form.show_issues(s.service.entry_issues(s.report, task))
        self.view.tree_model.set_states(s.service.fill_states(s.report))
