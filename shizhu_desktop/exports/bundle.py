"""Everything an exporter needs about one report, gathered into plain domain objects."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from shizhu_desktop.domain.catalog import Catalog, Indicator, Task
from shizhu_desktop.domain.naming import report_title
from shizhu_desktop.domain.periods import Period
from shizhu_desktop.domain.report import IndicatorValue, Report, ReportKind
from shizhu_desktop.domain.units import Unit


@dataclass(frozen=True)
class MonthReport:
    """One month of a quarter: its latest monthly report revision, or None when none was filled."""

    period: Period
    report: Report | None


@dataclass(frozen=True)
class ReportBundle:
    """A report with its unit, the catalog, the unit's tasks and indicators, and (quarterly) its months."""

    report: Report
    unit: Unit
    catalog: Catalog
    unit_names: Mapping[str, str]
    tasks: tuple[int, ...]
    indicators: tuple[Indicator, ...]
    filed_on: date
    receiving_office: str
    payload: dict[str, Any]
    months: tuple[MonthReport, ...] = field(default_factory=tuple)

    @property
    def is_quarterly(self) -> bool:
        return self.report.kind is ReportKind.QUARTERLY

    @property
    def title(self) -> str:
        """石柱县绿色低碳循环发展工作推进情况表 / …报告."""
        return report_title(self.report.kind)

    @property
    def period_label(self) -> str:
        """2026年11月, or 2026年第四季度 for a quarterly report."""
        period = self.report.period
        return period.quarter_label if self.is_quarterly else period.label

    @property
    def filed_on_label(self) -> str:
        """The filing date as official documents write it: Arabic numerals, no leading zeros."""
        return f"{self.filed_on.year}年{self.filed_on.month}月{self.filed_on.day}日"

    def task(self, number: int) -> Task:
        return self.catalog.task(number)

    def unit_name(self, code: str) -> str:
        return self.unit_names.get(code, code)

    def indicator_values(self) -> dict[str, IndicatorValue]:
        """The figures shown for each indicator: the report's own, else (quarterly) the latest month's."""
        if self.report.indicators or not self.is_quarterly:
            return {v.indicator: v for v in self.report.indicators}
        for month in reversed(self.months):
            if month.report is not None and month.report.indicators:
                return {v.indicator: v for v in month.report.indicators}
        return {}

    def indicators_are_own(self) -> bool:
        """True when the indicator figures shown are the report's own (and so part of its payload)."""
        return bool(self.report.indicators) or not self.is_quarterly
