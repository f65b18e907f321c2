"""The clerk's reporting work without Qt: the period's reports, fill states, carry-forward, 定稿, quarterly text."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from enum import Enum
from typing import NamedTuple

from shizhu_desktop.domain.catalog import Indicator, Task
from shizhu_desktop.domain.deadlines import DeadlineStatus, deadline_status
from shizhu_desktop.domain.periods import Period
from shizhu_desktop.domain.profile import Profile
from shizhu_desktop.domain.report import (
    ENTRY_FIELD_LABELS,
    IndicatorValue,
    Narrative,
    Report,
    ReportKind,
    TaskEntry,
)
from shizhu_desktop.domain.validation import Issue, validate_entry, validate_indicator, validate_report
from shizhu_desktop.services.identity import check_clock
from shizhu_desktop.services.workspace import Workspace

_CHINESE_NUMERALS = "一二三四五六七八九十"


class FillState(str, Enum):
    EMPTY = "empty"
    FILLED = "filled"
    WARNING = "warning"
    ERROR = "error"

    @property
    def label(self) -> str:
        return {"empty": "未填", "filled": "已填", "warning": "有警告", "error": "有错误"}[self.value]


def fill_state(entry: TaskEntry | None, issues: list[Issue]) -> FillState:
    """未填 when nothing is written (an indicator figure out of range still counts as an error)."""
    if entry is None or entry.is_empty():
        wrong_figure = any(i.is_error and i.indicator for i in issues)
        return FillState.ERROR if wrong_figure else FillState.EMPTY
    if any(i.is_error for i in issues):
        return FillState.ERROR
    if issues:
        return FillState.WARNING
    return FillState.FILLED


class FinalizeResult(NamedTuple):
    report: Report
    issues: list[Issue]

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.is_error]

    @property
    def finalized(self) -> bool:
        return self.report.is_final


class ReportingService:
    """Everything the clerk's window does with reports, on top of a workspace and its profile."""

    def __init__(self, workspace: Workspace, profile: Profile) -> None:
        self.workspace = workspace
        self.profile = profile

    @property
    def unit_code(self) -> str:
        return self.profile.unit_code

    def tasks(self) -> list[Task]:
        return [self.workspace.catalog.task(n) for n in self.profile.tasks]

    def indicators(self) -> list[Indicator]:
        return self.workspace.catalog.indicators_for_unit(self.unit_code, self.profile.tasks)

    def indicators_for_task(self, task: int) -> list[Indicator]:
        return [i for i in self.indicators() if i.task == task]

    # -- reports ----------------------------------------------------------------------------------------

    def report(self, period: Period, kind: ReportKind = ReportKind.MONTHLY) -> Report:
        """The latest revision for the period, created as an empty draft the first time it is opened."""
        report = self.workspace.reports.ensure(
            self.unit_code, period, kind, self.profile.liaison, self.workspace.catalog.version
        )
        if not report.is_final and report.liaison != self.profile.liaison and report.id is not None:
            # A draft always shows the current liaison; a final revision keeps who signed it.
            self.workspace.reports.update_liaison(report.id, self.profile.liaison)
            report.liaison = self.profile.liaison
        return report

    def existing(self, period: Period, kind: ReportKind = ReportKind.MONTHLY) -> Report | None:
        return self.workspace.reports.find(self.unit_code, period, kind)

    def previous_entry(self, period: Period, task: int) -> TaskEntry | None:
        previous = self.existing(period.previous())
        return previous.entry(task) if previous else None

    def previous_indicator(self, period: Period, indicator: str) -> IndicatorValue | None:
        previous = self.existing(period.previous())
        return previous.indicator_value(indicator) if previous else None

    def submitted_on(self, period: Period, kind: ReportKind) -> date | None:
        """The day the report was first finalized (later revisions are corrections, not the submission)."""
        summaries = self.workspace.reports.summaries(self.unit_code, _filed_period(period, kind), kind)
        finals = [m for s in summaries if (m := s.first_finalized_at or s.finalized_at) is not None]
        return min(finals).date() if finals else None

    def deadline(self, period: Period, kind: ReportKind, today: date) -> DeadlineStatus:
        return deadline_status(period, kind, today, self.submitted_on(period, kind), calendar=self.workspace.calendar())

    # -- validation -------------------------------------------------------------------------------------

    def entry_issues(self, report: Report, task: int) -> list[Issue]:
        entry = report.entry(task) or TaskEntry(task)
        issues = validate_entry(entry)
        for indicator in self.indicators_for_task(task):
            value = report.indicator_value(indicator.id)
            if value is not None:
                issues.extend(validate_indicator(indicator, value))
        return issues

    def fill_states(self, report: Report) -> dict[int, FillState]:
        return {t: fill_state(report.entry(t), self.entry_issues(report, t)) for t in self.profile.tasks}

    def issues(self, report: Report) -> list[Issue]:
        return validate_report(report, self.workspace.catalog, self.profile.tasks, self.indicators())

    # -- changes ----------------------------------------------------------------------------------------

    def copy_previous(self, report: Report, tasks: list[int]) -> list[TaskEntry]:
        """Fill the empty fields of ``tasks`` from last month's entries; returns the entries changed."""
        if report.id is None:
            return []
        changed = []
        for task in tasks:
            previous = self.previous_entry(report.period, task)
            if previous is None:
                continue
            entry = report.entry(task) or TaskEntry(task)
            filled = False
            for name in ENTRY_FIELD_LABELS:
                if not getattr(entry, name) and getattr(previous, name):
                    setattr(entry, name, getattr(previous, name))
                    filled = True
            if filled:
                self.workspace.reports.save_entry(report.id, entry)
                if report.entry(task) is None:
                    report.entries.append(entry)
                changed.append(entry)
        return changed

    def finalize(self, report: Report, at: datetime | None = None) -> FinalizeResult:
        """定稿, unless validation finds hard errors (then nothing changes).

        Raises ``ClockError`` when the PC's date is earlier than what it saved before (a false 定稿 date).
        """
        check_clock(self.workspace)
        issues = self.issues(report)
        if any(i.is_error for i in issues) or report.id is None:
            return FinalizeResult(report, issues)
        return FinalizeResult(self.workspace.reports.finalize(report.id, at), issues)

    def reopen(self, report: Report) -> Report:
        """重新打开修改: revision N+1 as a draft copy; revision N stays as it was."""
        if report.id is None:
            raise ValueError("report not stored")
        return self.workspace.reports.reopen(report.id)

    # -- quarterly report -------------------------------------------------------------------------------

    def assemble_narrative(self, period: Period) -> Narrative:
        """Draft the quarterly report's three sections from the quarter's monthly entries, task by task."""
        reports = [(m, self.existing(m)) for m in period.quarter_months()]
        work, problems, plans = [], [], []
        for index, task in enumerate(self.tasks()):
            entries = [(m, r.entry(task.number)) for m, r in reports if r is not None]
            written = [(m, e) for m, e in entries if e is not None]
            progress = [f"{m.month}月，{_sentence(e.progress)}" for m, e in written if e.progress.strip()]
            if progress:
                work.append(f"（{_numeral(index + 1)}）{task.title}。" + "".join(progress))
            issues = _unique(e.problems.strip() for _, e in written if e.problems.strip())
            if issues:
                problems.append(f"{task.title}：" + "".join(_sentence(p) for p in issues))
            steps = [e.next_steps for _, e in written if e.next_steps.strip()]
            if steps:
                plans.append(f"{task.title}：{_sentence(steps[-1])}")
        return Narrative(
            "\n".join(work),
            "\n".join(f"{i + 1}．{text}" for i, text in enumerate(problems)),
            "\n".join(f"{i + 1}．{text}" for i, text in enumerate(plans)),
        )


def _filed_period(period: Period, kind: ReportKind) -> Period:
    return period.quarter_end() if kind is ReportKind.QUARTERLY else period


def _numeral(n: int) -> str:
    if n <= 10:
        return _CHINESE_NUMERALS[n - 1]
    if n < 20:
        return "十" + _CHINESE_NUMERALS[n - 11]
    tens, ones = divmod(n, 10)
    return _CHINESE_NUMERALS[tens - 1] + "十" + (_CHINESE_NUMERALS[ones - 1] if ones else "")


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith(("。", "！", "？", "；")) else text + "。"


def _unique(items: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen
