"""汇总: per task each unit's latest final monthly entry, per indicator the county figure, counts, 滞后 items."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from shizhu_desktop.consolidation.assignments import Assignments, assignments
from shizhu_desktop.consolidation.expected import task_units
from shizhu_desktop.consolidation.indicators import IndicatorFigure, indicator_figure
from shizhu_desktop.consolidation.received import Submissions
from shizhu_desktop.consolidation.timeliness import TimelinessMatrix, build_matrix
from shizhu_desktop.domain.catalog import SCOPE_UNITS, Catalog, Section, Task
from shizhu_desktop.domain.periods import Period
from shizhu_desktop.domain.report import STATUS_LAGGING, STATUSES, Report, ReportKind, TaskEntry, now_china
from shizhu_desktop.domain.units import Unit, UnitRegistry, with_organs
from shizhu_desktop.domain.workdays import WorkdayCalendar
from shizhu_desktop.store.unit_directory import UnitDirectoryRepository

if TYPE_CHECKING:
    from shizhu_desktop.services.workspace import Workspace

NOT_FILLED = "未填"
#: The order of the status counts: the four statuses, then 未填 (no status given, or no report received).
COUNT_LABELS = (*STATUSES, NOT_FILLED)


@dataclass(frozen=True)
class UnitEntry:
    """One unit's row under a task; ``entry`` is None when the unit sent no final report for the period."""

    unit: Unit
    entry: TaskEntry | None
    revision: int | None
    is_lead: bool
    assigned: bool

    @property
    def reported(self) -> bool:
        return self.entry is not None

    @property
    def status(self) -> str:
        """The entry's status, 未填 when it gives none, 未报 when no report of the unit was received."""
        if self.entry is None:
            return "未报"
        return self.entry.status or NOT_FILLED

    @property
    def count_label(self) -> str:
        """The status the counts file it under: one of :data:`COUNT_LABELS`."""
        return self.entry.status if self.entry is not None and self.entry.status else NOT_FILLED


@dataclass(frozen=True)
class StatusCounts:
    """Counts by status over unit-task pairs; ``not_reported`` are those of 未填 with no report at all."""

    counts: tuple[tuple[str, int], ...]
    not_reported: int

    def __getitem__(self, label: str) -> int:
        return dict(self.counts)[label]

    @property
    def total(self) -> int:
        return sum(n for _, n in self.counts)

    @classmethod
    def of(cls, rows: list[UnitEntry]) -> StatusCounts:
        tally = dict.fromkeys(COUNT_LABELS, 0)
        for row in rows:
            tally[row.count_label] += 1
        return cls(tuple(tally.items()), sum(1 for r in rows if not r.reported))


@dataclass(frozen=True)
class TaskSummary:
    task: Task
    section: Section
    lead: Unit | None
    rows: tuple[UnitEntry, ...]
    counts: StatusCounts

    @property
    def reported(self) -> list[UnitEntry]:
        return [r for r in self.rows if r.reported]

    @property
    def lead_row(self) -> UnitEntry | None:
        return next((r for r in self.rows if r.is_lead), None)

    def with_status(self, status: str) -> list[UnitEntry]:
        return [r for r in self.rows if r.reported and r.status == status]


@dataclass(frozen=True)
class LaggingItem:
    """A 滞后 entry: which unit, which task, the problems it gave and what it plans next."""

    unit: Unit
    task: Task
    problems: str
    next_steps: str


@dataclass(frozen=True)
class Consolidation:
    """Everything the county summary of one month shows (both exports render from this)."""

    period: Period
    today: date
    catalog: Catalog
    receiving_office: str
    #: The monthly reports used: unit code → (unit, latest final revision), in matrix order.
    reports: dict[str, tuple[Unit, Report]]
    tasks: tuple[TaskSummary, ...]
    indicators: tuple[IndicatorFigure, ...]
    counts: StatusCounts
    lagging: tuple[LaggingItem, ...]
    monthly: TimelinessMatrix
    quarterly: TimelinessMatrix
    #: The office's organ name (落款 of the 通报) and who gets copies (版记).
    office_organ: str = ""
    copy_to: str = ""
    #: The date by which units still missing must report (限期补报).
    makeup_by: date | None = None

    @property
    def issue_number(self) -> str:
        """期号 of the 通报: one a month, 2026年第10期."""
        return f"{self.period.year}年第{self.period.month}期"

    @property
    def column(self) -> int:
        """The period's column in :attr:`monthly`."""
        return self.monthly.column_index(self.period)

    @property
    def quarter_column(self) -> int | None:
        """The quarter's column in :attr:`quarterly` when the period is a quarter's last month, else None."""
        return self.quarterly.column_index(self.period) if self.period.is_quarter_end else None

    def task(self, number: int) -> TaskSummary:
        return next(t for t in self.tasks if t.task.number == number)


def _task_summary(
    catalog: Catalog, units: UnitRegistry, task: Task, reports: dict[str, tuple[Unit, Report]]
) -> TaskSummary:
    assigned = task_units(catalog, units, task.number)
    assigned_codes = {u.code for u in assigned}
    # Units that report on the task without being assigned it (a unit's own choice) are listed after.
    extra = [u for u, r in reports.values() if u.code not in assigned_codes and r.entry(task.number) is not None]
    rows = []
    for unit in [*assigned, *extra]:
        held = reports.get(unit.code)
        entry = held[1].entry(task.number) if held else None
        if held is not None and entry is None:
            entry = TaskEntry(task.number)  # reported, but left this task out: counted as 未填
        rows.append(
            UnitEntry(
                unit,
                entry,
                held[1].revision if held else None,
                unit.code == task.lead_unit,
                unit.code in assigned_codes,
            )
        )
    return TaskSummary(
        task, catalog.section_of(task.number), units.get(task.lead_unit), tuple(rows), StatusCounts.of(rows)
    )


def build_consolidation(
    catalog: Catalog,
    units: UnitRegistry,
    submissions: Submissions,
    load: Callable[[int], Report],
    period: Period,
    today: date,
    history: Assignments | None = None,
    *,
    makeup_by: date | None = None,
) -> Consolidation:
    """The consolidation from plain data; ``load`` reads a report by id (see :func:`consolidate`)."""
    monthly = build_matrix(catalog, units, submissions, period.year, ReportKind.MONTHLY, today, history)
    quarterly = build_matrix(catalog, units, submissions, period.year, ReportKind.QUARTERLY, today, history)
    # Who was responsible for what in ``period``: a task list issued later does not rewrite past months.
    catalog = history.catalog_for(period) if history is not None else catalog
    order = [row.unit for row in monthly.rows]
    listed = {u.code for u in order}
    order += sorted(
        (u for code in submissions.unit_codes() if code not in listed and (u := units.get(code))), key=lambda u: u.code
    )
    reports: dict[str, tuple[Unit, Report]] = {}
    for unit in order:
        found = submissions.get(unit.code, period, ReportKind.MONTHLY)
        if found is not None:
            reports[unit.code] = (unit, load(found.latest.id))
    tasks = tuple(
        _task_summary(catalog, units, task, reports) for task in sorted(catalog.tasks, key=lambda t: t.number)
    )
    indicators = tuple(
        indicator_figure(indicator, period.year, reports, _indicator_units(catalog, units, indicator.id))
        for indicator in catalog.indicators
    )
    all_rows = [row for summary in tasks for row in summary.rows]
    lagging = tuple(
        LaggingItem(row.unit, summary.task, row.entry.problems, row.entry.next_steps)
        for summary in tasks
        for row in summary.rows
        if row.entry is not None and row.entry.status == STATUS_LAGGING
    )
    return Consolidation(
        period=period,
        today=today,
        catalog=catalog,
        receiving_office=units.receiving_office.name,
        reports=reports,
        tasks=tasks,
        indicators=indicators,
        counts=StatusCounts.of(all_rows),
        lagging=lagging,
        monthly=monthly,
        quarterly=quarterly,
        office_organ=units.receiving_office.organ_name,
        copy_to=units.copy_to,
        makeup_by=makeup_by,
    )


def _indicator_units(catalog: Catalog, units: UnitRegistry, indicator_id: str) -> tuple[Unit, ...]:
    indicator = catalog.indicator(indicator_id)
    if indicator.scope == SCOPE_UNITS:
        return tuple(task_units(catalog, units, indicator.task))
    lead = units.get(indicator.lead_unit)
    return (lead,) if lead else ()


#: Working days a late unit is given to report (限期补报), counted from the day of the 通报.
MAKEUP_WORKDAYS = 3


def makeup_date(today: date, calendar: WorkdayCalendar, workdays: int = MAKEUP_WORKDAYS) -> date:
    """The ``workdays``-th working day after ``today`` (weekends, holidays and 调休 as the calendar has them)."""
    day, left = today, workdays
    for _ in range(60):  # a bound: an override table that marks every day 休 must not hang the export
        day += timedelta(days=1)
        left -= calendar.is_workday(day)
        if not left:
            break
    return day


def consolidate(workspace: Workspace, period: Period, today: date | None = None) -> Consolidation:
    """The county summary of ``period`` from the reports held in ``workspace``, as seen on ``today``."""
    submissions = Submissions.load(workspace.reports, period.year)  # one year: ten years of history cost nothing
    today = today or now_china().date()
    summary = build_consolidation(
        workspace.catalog,
        workspace.units,
        submissions,
        workspace.reports.load,
        period,
        today,
        assignments(workspace),
        makeup_by=makeup_date(today, workspace.calendar()),
    )
    # The office's organ name as edited on this PC (设置) signs the 通报.
    office = with_organs(workspace.units.receiving_office, UnitDirectoryRepository(workspace.db).organs())
    return dataclasses.replace(summary, office_organ=office.organ_name)
