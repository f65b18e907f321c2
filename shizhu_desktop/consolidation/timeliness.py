"""报送情况: expected units × the months (or quarters) of a year, on time / late / missing / not yet due."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from shizhu_desktop.consolidation.assignments import Assignments, assignments
from shizhu_desktop.consolidation.expected import expected_units
from shizhu_desktop.consolidation.received import Submission, Submissions
from shizhu_desktop.domain.catalog import Catalog
from shizhu_desktop.domain.deadlines import DeadlineStatus, Standing, deadline_status, due_date
from shizhu_desktop.domain.periods import QUARTER_NAMES, Period, months_of_year
from shizhu_desktop.domain.report import ReportKind, now_china
from shizhu_desktop.domain.units import KIND_ORDER, Unit, UnitRegistry
from shizhu_desktop.store.keys import UNSIGNED

if TYPE_CHECKING:
    from shizhu_desktop.services.workspace import Workspace

ON_TIME, LATE, MISSING, PENDING, NOT_ASSIGNED = "on_time", "late", "missing", "pending", "not_assigned"
#: Remarks on a received report (see TimelinessCell.flags), each with the one-character mark a text table uses.
FLAG_PENDING_KEY, FLAG_UNSIGNED, FLAG_CLOCK = "密钥待确认", "未签名", "定稿时间晚于收件"
SIGNER_FLAGS = {"pending": FLAG_PENDING_KEY, UNSIGNED: FLAG_UNSIGNED}
FLAG_MARKS = {FLAG_PENDING_KEY: "△", FLAG_UNSIGNED: "※", FLAG_CLOCK: "!"}
CATEGORY_LABELS = {ON_TIME: "按时", LATE: "逾期", MISSING: "未报", PENDING: "未到期", NOT_ASSIGNED: "无任务"}
_CATEGORY = {
    Standing.ON_TIME: ON_TIME,
    Standing.LATE: LATE,
    Standing.OVERDUE: MISSING,
    Standing.DUE_TODAY: PENDING,
    Standing.DUE_SOON: PENDING,
    Standing.NOT_YET_DUE: PENDING,
}


@dataclass(frozen=True)
class TimelinessCell:
    """One unit's report for one period: 按时 / 逾期N天 / 未报 / 未到期, with the standing behind it."""

    status: DeadlineStatus
    submission: Submission | None
    #: False for a month in which the unit had no task under the assignment then in force.
    assigned: bool = True

    @property
    def label(self) -> str:
        return self.status.short_text if self.assigned else "—"

    @property
    def standing(self) -> Standing:
        return self.status.standing

    @property
    def category(self) -> str:
        """on_time, late, missing, pending or not_assigned (see :data:`CATEGORY_LABELS`)."""
        if not self.assigned:
            return NOT_ASSIGNED
        return _CATEGORY[self.status.standing]

    @property
    def days(self) -> int:
        """Days late (逾期), overdue (未报) or left (未到期)."""
        return self.status.days

    @property
    def revision(self) -> int | None:
        return self.submission.latest.revision if self.submission else None

    @property
    def flags(self) -> tuple[str, ...]:
        """What a reader must see beside the label: the key is 待确认, the file 未签名, or its 定稿 time is later
        than the day it was received (the sender's clock is wrong)."""
        if self.submission is None:
            return ()
        flags = [SIGNER_FLAGS[s] for s in (self.submission.signer,) if s in SIGNER_FLAGS]
        if self.submission.finalized_after_receipt:
            flags.append(FLAG_CLOCK)
        return tuple(flags)

    @property
    def tooltip(self) -> str:
        """A sentence for a tooltip: due date, when it was received and finalized, and which revision is held."""
        due = f"{self.status.due.month}月{self.status.due.day}日截止"
        if not self.assigned:
            return "当时的任务分工中本单位没有任务，不需报送"
        if self.submission is None:
            if self.category == MISSING:
                return f"{due}，已逾期{self.days}天，尚未收到"
            return f"{due}，尚未收到"
        day = self.submission.submitted_on
        received = self.submission.received_on is not None
        text = f"{due}，{day.month}月{day.day}日{'收到' if received else '定稿'}（{self.label}）"
        finalized = self.submission.first_finalized
        if received and finalized is not None:
            text += f"，对方{finalized.month}月{finalized.day}日定稿"
        revisions = len(self.submission.revisions)
        if revisions > 1:
            text += f"，共{revisions}版，现为第{self.submission.latest.revision}版"
        return text + "".join(f"；{flag}" for flag in self.flags)

    def as_dict(self) -> dict[str, Any]:
        """The cell for JSON: label, category, the county's 收件日期, the unit's own 定稿 time, revision, flags."""
        found = self.submission
        received = found.received_on if found else None
        finalized = found.first_finalized if found else None
        return {
            "label": self.label,
            "category": self.category,
            "received": received.isoformat() if received else None,
            "finalized_at": finalized.isoformat() if finalized else None,
            "revision": self.revision,
            "flags": list(self.flags),
        }


@dataclass(frozen=True)
class TimelinessRow:
    unit: Unit

    @property
    def group(self) -> str:
        """街道, 镇, 乡 or 县级部门."""
        return self.unit.kind


@dataclass(frozen=True)
class TimelinessColumn:
    period: Period
    kind: ReportKind
    due: date

    @property
    def label(self) -> str:
        """1月 … 12月, or 第一季度 … 第四季度."""
        if self.kind is ReportKind.QUARTERLY:
            return QUARTER_NAMES[self.period.quarter - 1]
        return f"{self.period.month}月"


@dataclass(frozen=True)
class Totals:
    """Counts of a column (or a row): 应报 = every cell, 未报 = overdue with nothing final."""

    expected: int = 0
    on_time: int = 0
    late: int = 0
    missing: int = 0
    pending: int = 0

    @property
    def submitted(self) -> int:
        return self.on_time + self.late

    @property
    def due(self) -> int:
        """Cells whose deadline has passed or that were submitted anyway."""
        return self.expected - self.pending

    @property
    def on_time_rate(self) -> float | None:
        """按时报送率 in percent of the due cells, or None when nothing is due yet."""
        return round(self.on_time / self.due * 100, 1) if self.due else None

    def as_dict(self) -> dict[str, int]:
        return {
            "应报": self.expected,
            "按时": self.on_time,
            "逾期": self.late,
            "未报": self.missing,
            "未到期": self.pending,
        }


def _totals(cells: list[TimelinessCell]) -> Totals:
    counts = {ON_TIME: 0, LATE: 0, MISSING: 0, PENDING: 0, NOT_ASSIGNED: 0}
    for cell in cells:
        counts[cell.category] += 1
    expected = len(cells) - counts[NOT_ASSIGNED]
    return Totals(expected, counts[ON_TIME], counts[LATE], counts[MISSING], counts[PENDING])


@dataclass(frozen=True)
class TimelinessMatrix:
    """Rows are expected units (grouped 街道/镇/乡/县级部门), columns the year's months or quarters."""

    year: int
    kind: ReportKind
    today: date
    rows: tuple[TimelinessRow, ...]
    columns: tuple[TimelinessColumn, ...]
    cells: tuple[tuple[TimelinessCell, ...], ...]

    def cell(self, row: int, column: int) -> TimelinessCell:
        return self.cells[row][column]

    def column_index(self, period: Period) -> int:
        """The column of ``period`` (any month of the quarter for a quarterly matrix)."""
        target = period.quarter_end() if self.kind is ReportKind.QUARTERLY else period
        for index, column in enumerate(self.columns):
            if column.period == target:
                return index
        raise KeyError(str(period))

    def column_totals(self, column: int) -> Totals:
        return _totals([row[column] for row in self.cells])

    def row_totals(self, row: int) -> Totals:
        return _totals(list(self.cells[row]))

    def units_in(self, column: int, category: str) -> list[tuple[Unit, TimelinessCell]]:
        """The units of a column in one category (e.g. every late unit with its cell), in row order."""
        return [
            (r.unit, line[column])
            for r, line in zip(self.rows, self.cells, strict=True)
            if line[column].category == category
        ]

    def groups(self) -> list[tuple[str, int, int]]:
        """(group label, first row, number of rows) for each unit group present, in order."""
        spans: list[tuple[str, int, int]] = []
        for index, row in enumerate(self.rows):
            if spans and spans[-1][0] == row.group:
                label, first, count = spans[-1]
                spans[-1] = (label, first, count + 1)
            else:
                spans.append((row.group, index, 1))
        return spans

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: columns, per unit its cells' labels, and the totals per column."""
        return {
            "year": self.year,
            "kind": self.kind.value,
            "today": self.today.isoformat(),
            "columns": [{"period": str(c.period), "label": c.label, "due": c.due.isoformat()} for c in self.columns],
            "units": [
                {
                    "code": row.unit.code,
                    "name": row.unit.name,
                    "group": row.group,
                    "cells": [cell.label for cell in line],
                    "details": [cell.as_dict() for cell in line],
                }
                for row, line in zip(self.rows, self.cells, strict=True)
            ],
            "totals": [self.column_totals(i).as_dict() for i in range(len(self.columns))],
        }


def year_columns(year: int, kind: ReportKind) -> tuple[TimelinessColumn, ...]:
    periods = months_of_year(year)
    if kind is ReportKind.QUARTERLY:
        periods = [p for p in periods if p.is_quarter_end]
    return tuple(TimelinessColumn(p, kind, due_date(p, kind)) for p in periods)


def build_matrix(
    catalog: Catalog,
    units: UnitRegistry,
    submissions: Submissions,
    year: int,
    kind: ReportKind,
    today: date,
    history: Assignments | None = None,
) -> TimelinessMatrix:
    """The matrix from plain data (see :func:`timeliness_matrix` for the workspace form).

    With ``history``, each month expects the units of the assignment in force then, and a unit shows — in
    the months it had no task; without it, the current catalog applies to every month.
    """
    columns = year_columns(year, kind)
    expected = (
        {
            column.period: {u.code for u in expected_units(history.catalog_for(column.period), units)}
            for column in columns
        }
        if history is not None
        else {}
    )
    wanted = set(expected_units(catalog, units)) | {
        u for codes in expected.values() for u in map(units.get, codes) if u
    }
    rows = tuple(TimelinessRow(u) for kind_ in KIND_ORDER for u in units.grouped()[kind_] if u in wanted)
    cells = []
    for row in rows:
        line = []
        for column in columns:
            found = submissions.get(row.unit.code, column.period, kind)
            if found is not None and found.submitted_on > today:
                found = None  # as seen on ``today``: a report finalized later is not there yet
            submitted = found.submitted_on if found else None
            assigned = row.unit.code in expected[column.period] if history is not None else True
            status = deadline_status(column.period, kind, today, submitted)
            line.append(TimelinessCell(status, found, assigned or found is not None))
        cells.append(tuple(line))
    return TimelinessMatrix(year, kind, today, rows, columns, tuple(cells))


def timeliness_matrix(
    workspace: Workspace, year: int, kind: ReportKind = ReportKind.MONTHLY, today: date | None = None
) -> TimelinessMatrix:
    """The year's 报送情况 of the reports held in ``workspace``, as seen on ``today`` (default: now in China)."""
    submissions = Submissions.load(workspace.reports, year)
    return build_matrix(
        workspace.catalog, workspace.units, submissions, year, kind, today or now_china().date(), assignments(workspace)
    )
