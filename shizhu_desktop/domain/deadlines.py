"""Deadlines: when each report is due, and where a report stands against its deadline on a given day."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import NamedTuple

from shizhu_desktop.domain.periods import QUARTER_NAMES, Period
from shizhu_desktop.domain.report import ReportKind
from shizhu_desktop.domain.workdays import WEEKDAY_NAMES, WorkdayCalendar

DUE_DAY = 25
#: How many days ahead the deadline counts as "due soon".
SOON_DAYS = 3


def due_date(period: Period, kind: ReportKind) -> date:
    """Monthly table of month M: M-25. Quarterly report: the 25th of the quarter's last month."""
    if kind is ReportKind.QUARTERLY:
        period = period.quarter_end()
    return date(period.year, period.month, DUE_DAY)


class Standing(str, Enum):
    NOT_YET_DUE = "not_yet_due"
    DUE_SOON = "due_soon"
    DUE_TODAY = "due_today"
    OVERDUE = "overdue"
    ON_TIME = "on_time"
    LATE = "late"


class DeadlineStatus(NamedTuple):
    """Where a report stands on ``today``: ``days`` is days left (due soon) or days late (overdue, late)."""

    kind: ReportKind
    period: Period
    due: date
    standing: Standing
    days: int = 0
    #: A Chinese hint when the due date is a rest day, naming the last working day before it.
    workday_hint: str = ""

    @property
    def is_submitted(self) -> bool:
        return self.standing in (Standing.ON_TIME, Standing.LATE)

    @property
    def is_alarming(self) -> bool:
        return self.standing in (Standing.DUE_TODAY, Standing.OVERDUE, Standing.DUE_SOON)

    @property
    def text(self) -> str:
        """A banner sentence, e.g. 本月报表11月25日截止，还有1天."""
        return self.describe(self.period)

    def describe(self, current: Period) -> str:
        """The banner sentence as seen from ``current``: 本月报表 for the current month, else 10月报表."""
        what = self._subject(current)
        due = f"{self.due.month}月{self.due.day}日"
        sentences = {
            Standing.NOT_YET_DUE: f"{what}{due}截止，还有{self.days}天",
            Standing.DUE_SOON: f"{what}{due}截止，还有{self.days}天",
            Standing.DUE_TODAY: f"{what}今天（{due}）截止",
            Standing.OVERDUE: f"{what}{due}截止，已逾期{self.days}天",
            Standing.ON_TIME: f"{what}已按时报送",
            Standing.LATE: f"{what}已报送，逾期{self.days}天",
        }
        return sentences[self.standing]

    def _subject(self, current: Period) -> str:
        if self.kind is ReportKind.MONTHLY:
            if self.period == current:
                return "本月报表"
            year = f"{self.period.year}年" if self.period.year != current.year else ""
            return f"{year}{self.period.month}月报表"
        if self.period.quarter_end() == current.quarter_end():
            return "本季度报告"
        year = f"{self.period.year}年" if self.period.year != current.year else ""
        return f"{year}{QUARTER_NAMES[self.period.quarter - 1]}报告"

    @property
    def short_text(self) -> str:
        """A table cell: 按时 / 逾期3天 / 未到期 / 未报."""
        if self.standing is Standing.ON_TIME:
            return "按时"
        if self.standing is Standing.LATE:
            return f"逾期{self.days}天"
        if self.standing is Standing.OVERDUE:
            return "未报"
        return "未到期"


def deadline_status(
    period: Period,
    kind: ReportKind,
    today: date,
    submitted_on: date | None = None,
    calendar: WorkdayCalendar | None = None,
) -> DeadlineStatus:
    """The standing of a report for ``period`` on ``today``; ``submitted_on`` is the finalization day."""
    due = due_date(period, kind)
    if kind is ReportKind.QUARTERLY:
        period = period.quarter_end()
    hint = workday_hint(due, calendar) if calendar is not None else ""
    if submitted_on is not None:
        late = (submitted_on - due).days
        if late > 0:
            return DeadlineStatus(kind, period, due, Standing.LATE, late, hint)
        return DeadlineStatus(kind, period, due, Standing.ON_TIME, 0, hint)
    left = (due - today).days
    if left < 0:
        return DeadlineStatus(kind, period, due, Standing.OVERDUE, -left, hint)
    if left == 0:
        return DeadlineStatus(kind, period, due, Standing.DUE_TODAY, 0, hint)
    if left <= SOON_DAYS:
        return DeadlineStatus(kind, period, due, Standing.DUE_SOON, left, hint)
    return DeadlineStatus(kind, period, due, Standing.NOT_YET_DUE, left, hint)


def workday_hint(due: date, calendar: WorkdayCalendar) -> str:
    """When ``due`` is a rest day: a Chinese sentence naming the last working day before it; else ''."""
    info = calendar.info(due)
    if info.is_workday:
        return ""
    before = calendar.previous_workday(due)
    guess = "（按周末推算，正式放假安排公布后请核对）" if info.source == "按周末推算" else ""
    return (
        f"{due.month}月{due.day}日是{info.description}，请在{before.month}月{before.day}日"
        f"（{WEEKDAY_NAMES[before.weekday()]}）前报送{guess}"
    )
