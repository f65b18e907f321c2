"""Rules an imported report must meet beyond its format: 定稿's, the task list in force, plausibility."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from shizhu_desktop.domain.catalog import Catalog
from shizhu_desktop.domain.periods import Period
from shizhu_desktop.domain.report import Report, ReportKind
from shizhu_desktop.domain.units import Unit
from shizhu_desktop.domain.validation import validate_entry, validate_indicator, validate_report
from shizhu_desktop.interchange.payload import PayloadError

#: The policy was issued on 2022-04-07: no report can be older.
FIRST_PERIOD = Period(2022, 4)
#: A PC clock a year or more ahead is not a slip: such a time is refused rather than only flagged.
MAX_CLOCK_AHEAD = timedelta(days=366)

_AGAIN = "请让填报单位核对后，用本程序重新导出再发送。"


@dataclass(frozen=True)
class RuleFindings:
    """What passed with a remark: e.g. a 定稿 time later than the day the file was received."""

    notes: tuple[str, ...] = ()


def check_rules(report: Report, unit: Unit, catalog: Catalog, received_on: date) -> RuleFindings:
    """Raise :class:`PayloadError` when ``report`` breaks a rule. ``catalog`` is the task list in force for the
    report's period; the returned findings are remarks that do not stop the import."""
    _check_period(report, received_on)
    _check_times(report)
    assigned = [t.number for t in catalog.tasks if t.involves(unit.code)]
    for entry in report.entries:
        if entry.task not in assigned:
            raise PayloadError(
                "not_assigned",
                f"任务{entry.task}不是{unit.name}在{_when(report)}的任务清单中承担的任务（牵头或责任），不能导入。"
                "如分工已调整，请先在本机发布并下发新的任务清单；"
                "否则请填报单位在“设置 → 任务分工”中去掉该任务后重新导出。",
            )
        errors = [i for i in validate_entry(entry) if i.is_error]
        if errors and report.is_final:
            raise PayloadError("rules", f"{errors[0].location}：{errors[0].message}{_AGAIN}")
    allowed = {i.id: i for i in catalog.indicators_for_unit(unit.code, assigned)}
    for value in report.indicators:
        indicator = allowed.get(value.indicator)
        if indicator is None:
            name = catalog.indicator(value.indicator).name
            raise PayloadError(
                "not_assigned", f"指标“{name}”不由{unit.name}填报（按{_when(report)}的任务清单），不能导入。{_AGAIN}"
            )
        problems = [i for i in validate_indicator(indicator, value) if i.is_error]
        if problems:
            raise PayloadError("figure_range", f"指标“{indicator.name}”的{problems[0].message}{_AGAIN}")
    if report.kind is ReportKind.QUARTERLY and report.is_final:
        problems = [i for i in validate_report(report, catalog, []) if i.is_error]
        if problems:
            raise PayloadError("rules", f"季度报告：{problems[0].message}{_AGAIN}")
    return RuleFindings(_notes(report, received_on))


def _when(report: Report) -> str:
    return report.period.label if report.kind is ReportKind.MONTHLY else report.period.quarter_label


def _first_day(report: Report) -> date:
    first = report.period.quarter_months()[0] if report.kind is ReportKind.QUARTERLY else report.period
    return date(first.year, first.month, 1)


def _check_period(report: Report, received_on: date) -> None:
    latest = Period.of(received_on).next()
    if report.period > latest:
        raise PayloadError(
            "invalid_period",
            f"报表期间{_when(report)}晚于收件日期的下一个月（{latest.label}）："
            f"期间写错了，或对方电脑的日期不对。{_AGAIN}",
        )
    if report.period < FIRST_PERIOD:
        raise PayloadError("invalid_period", f"报表期间{_when(report)}早于《工作措施》印发（2022年4月）。{_AGAIN}")


def _check_times(report: Report) -> None:
    finalized, first = report.finalized_at, report.first_finalized_at
    if report.is_final and finalized is None:
        raise PayloadError("timestamps", f"定稿的报表缺少定稿时间：文件已损坏。{_AGAIN}")
    if finalized is None:
        return
    if finalized.date() < _first_day(report):
        raise PayloadError(
            "timestamps",
            f"定稿时间（{finalized.date().isoformat()}）早于报表期间{_when(report)}的开始："
            f"对方电脑的日期可能不对。{_AGAIN}",
        )
    if first is not None and first > finalized:
        raise PayloadError(
            "timestamps", f"首次定稿时间晚于本版的定稿时间：时间先后不对，文件被改动过或已损坏。{_AGAIN}"
        )
    if first is not None and first.date() < _first_day(report):
        raise PayloadError("timestamps", f"首次定稿时间早于报表期间{_when(report)}的开始。{_AGAIN}")


def _notes(report: Report, received_on: date) -> tuple[str, ...]:
    finalized = report.finalized_at
    if finalized is None:
        return ()
    day = finalized.date()
    if day - received_on > MAX_CLOCK_AHEAD:
        raise PayloadError(
            "timestamps", f"定稿时间（{day.isoformat()}）比收件日期晚一年以上：对方电脑的日期不对。{_AGAIN}"
        )
    if day > received_on:
        claim = f"注意：文件自称{day.month}月{day.day}日定稿，晚于收件日期{received_on.month}月{received_on.day}日"
        return (claim + "，对方电脑的日期可能不对",)
    return ()
