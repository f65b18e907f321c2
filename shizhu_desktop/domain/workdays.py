"""Working days: the State Council schedule (chinese-calendar), local overrides, and a weekday fallback."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import NamedTuple

try:  # The package is a dependency, but a broken install must not stop the clerk's work.
    import chinese_calendar as _cc
    from chinese_calendar.constants import Holiday as _Holiday
except ImportError:  # pragma: no cover - exercised only on a damaged installation
    _cc = None
    _Holiday = None

WEEKDAY_NAMES = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
OVERRIDE_REST, OVERRIDE_WORK = "休", "班"


class Override(NamedTuple):
    """A local correction: ``kind`` is 休 (a rest day) or 班 (a working day), ``notice`` its source."""

    kind: str
    notice: str = ""


class DayInfo(NamedTuple):
    day: date
    is_workday: bool
    #: 本地调整 / 国务院安排 / 按周末推算 (the year is not in the official schedule known to the program)
    source: str
    holiday: str = ""

    @property
    def description(self) -> str:
        """Chinese description such as 星期日 or 国庆节假期（星期六）."""
        weekday = WEEKDAY_NAMES[self.day.weekday()]
        if self.holiday and not self.is_workday:
            return f"{self.holiday}假期（{weekday}）"
        if self.is_workday and self.day.weekday() >= 5:
            return f"调休上班日（{weekday}）"
        return weekday


class WorkdayCalendar:
    """Tells working days from rest days; overrides win, then the official schedule, then weekends."""

    def __init__(self, overrides: Mapping[date, Override] | None = None) -> None:
        self._overrides = dict(overrides or {})

    def info(self, day: date) -> DayInfo:
        override = self._overrides.get(day)
        if override is not None:
            return DayInfo(day, override.kind == OVERRIDE_WORK, "本地调整", override.notice)
        official = _official(day)
        if official is not None:
            return official
        return DayInfo(day, day.weekday() < 5, "按周末推算")

    def is_workday(self, day: date) -> bool:
        return self.info(day).is_workday

    def is_covered(self, year: int) -> bool:
        """True when the official schedule or a local override is known for ``year``."""
        return _official(date(year, 1, 1)) is not None or any(d.year == year for d in self._overrides)

    def previous_workday(self, day: date) -> date:
        """The last working day strictly before ``day``."""
        current = day - timedelta(days=1)
        for _ in range(40):  # no holiday lasts longer; a bound keeps a bad override table from looping
            if self.is_workday(current):
                return current
            current -= timedelta(days=1)
        return day - timedelta(days=1)


def _official(day: date) -> DayInfo | None:
    if _cc is None:
        return None
    try:
        on_holiday, name = _cc.get_holiday_detail(day)
    except NotImplementedError:  # a year the installed package does not cover yet
        return None
    chinese = ""
    if name and _Holiday is not None:
        chinese = next((h.chinese for h in _Holiday if h.value == name), name)
    return DayInfo(day, not on_holiday, "国务院安排", chinese)
