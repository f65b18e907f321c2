"""Reporting periods: months, quarters and their Chinese labels."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_PERIOD_RE = re.compile(r"^(\d{4})-(\d{2})$")
QUARTER_NAMES = ("第一季度", "第二季度", "第三季度", "第四季度")


class PeriodError(ValueError):
    """A period string that is not a valid ``YYYY-MM``; the message is Chinese and user-facing."""


@dataclass(frozen=True, order=True)
class Period:
    """One calendar month, the unit of monthly reporting."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise PeriodError(f"月份“{self.month}”无效：月份应在1到12之间。")
        if not 2000 <= self.year <= 2100:
            raise PeriodError(f"年份“{self.year}”无效：应在2000年到2100年之间。")

    @classmethod
    def parse(cls, text: str) -> Period:
        """Parse ``YYYY-MM``; raise :class:`PeriodError` with a Chinese message otherwise."""
        match = _PERIOD_RE.match(text.strip()) if isinstance(text, str) else None
        if not match:
            raise PeriodError(f"期间“{text}”格式不对：应写成“年-月”，例如 2026-11。")
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def of(cls, day: date) -> Period:
        return cls(day.year, day.month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def label(self) -> str:
        """Chinese label, e.g. 2026年11月."""
        return f"{self.year}年{self.month}月"

    def shifted(self, months: int) -> Period:
        index = self.year * 12 + (self.month - 1) + months
        return Period(index // 12, index % 12 + 1)

    def previous(self) -> Period:
        return self.shifted(-1)

    def next(self) -> Period:
        return self.shifted(1)

    @property
    def quarter(self) -> int:
        return (self.month - 1) // 3 + 1

    @property
    def is_quarter_end(self) -> bool:
        """True in March, June, September and December, when the quarterly report is due too."""
        return self.month % 3 == 0

    def quarter_end(self) -> Period:
        """The last month of this month's quarter: the period a quarterly report is filed under."""
        return Period(self.year, self.quarter * 3)

    def quarter_months(self) -> tuple[Period, Period, Period]:
        first = self.quarter * 3 - 2
        return (Period(self.year, first), Period(self.year, first + 1), Period(self.year, first + 2))

    @property
    def quarter_label(self) -> str:
        """Chinese quarter label, e.g. 2026年第四季度."""
        return f"{self.year}年{QUARTER_NAMES[self.quarter - 1]}"


def months_of_year(year: int) -> list[Period]:
    return [Period(year, month) for month in range(1, 13)]
