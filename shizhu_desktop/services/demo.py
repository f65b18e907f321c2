"""Believable demo reports for one unit, so a newcomer sees the program after months of use."""

# The targets they are measured against come from an example task list published in the demo database first
# (services.demo_tasklist): the bundled catalog has none after 2025, and a real database gets none from here.

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from shizhu_desktop.datafiles import load_demo_content
from shizhu_desktop.domain.catalog import Indicator
from shizhu_desktop.domain.periods import QUARTER_NAMES, Period
from shizhu_desktop.domain.profile import Profile
from shizhu_desktop.domain.report import (
    CHINA_TZ,
    STATUS_DONE,
    STATUS_LAGGING,
    STATUS_NOT_STARTED,
    STATUS_ON_TRACK,
    IndicatorValue,
    Liaison,
    Narrative,
    Report,
    ReportKind,
    ReportState,
    TaskEntry,
    now_china,
)
from shizhu_desktop.domain.units import Unit
from shizhu_desktop.services.demo_tasklist import ExampleTargetsError, publish_example_tasklist
from shizhu_desktop.services.workspace import Workspace

_SURNAMES = "张王李刘陈杨黄谭冉马秦向"
_GIVEN = ("晓燕", "建国", "文静", "海军", "春梅", "志强", "玉兰", "小兵", "丽", "明")


class DemoError(ValueError):
    """Demo data cannot be made for that unit; the message is Chinese."""


@dataclass(frozen=True)
class DemoResult:
    reports: int
    skipped_periods: list[str]
    profile_created: bool
    #: True when the example task list (示例 targets and shares for the year) was published by this run.
    example_list: bool = False


def fill_demo(workspace: Workspace, unit: Unit, through: Period, today: date | None = None) -> DemoResult:
    """Write monthly (and quarterly) reports for ``unit`` from January of ``through``'s year to ``through``.

    Periods that already hold a report of the unit are left alone. The month of ``today`` stays a draft. Unless
    the county's own task list is in force, the example task list with ``through``'s year's targets is published
    first, and the figures follow those targets.
    """
    today = today or now_china().date()
    if not workspace.catalog.default_tasks_for(unit.code) and workspace.profile() is None:
        raise _no_tasks(unit)
    try:
        example_list = publish_example_tasklist(workspace, through.year, today)
    except ExampleTargetsError as exc:
        raise DemoError(f"{exc}请重新安装程序。") from None
    rng = random.Random(f"{unit.code}-{through}")
    content = load_demo_content()
    profile = workspace.profile()
    created = False
    if profile is None:
        profile = Profile(unit.code, _liaison(unit, rng), tasks=workspace.catalog.default_tasks_for(unit.code))
        workspace.profiles.save(profile)
        created = True
    tasks = profile.tasks if profile.unit_code == unit.code else workspace.catalog.default_tasks_for(unit.code)
    if not tasks:
        raise _no_tasks(unit)
    liaison = profile.liaison if profile.unit_code == unit.code else _liaison(unit, rng)
    indicators = workspace.catalog.indicators_for_unit(unit.code, tasks)
    late_month = rng.choice([2, 4, 5, 7, 8])
    revised_month = rng.choice([3, 6, 9])
    written, skipped = 0, []
    totals: dict[str, float] = {}
    for month in range(1, through.month + 1):
        period = Period(through.year, month)
        repo = workspace.reports
        if repo.summaries(unit.code, period, ReportKind.MONTHLY):
            skipped.append(str(period))
            continue
        is_current = period == Period.of(today)
        report = Report(
            unit.code, period, ReportKind.MONTHLY, liaison=liaison, catalog_version=workspace.catalog.version
        )
        # The texts are dated as written: a draft today, a final report on the day it is finalized.
        day = today.day if is_current else 27 if month == late_month else rng.randint(18, 24)
        report.entries = [_entry(rng, content, unit, task, _Moment(period, day)) for task in tasks]
        report.indicators = [
            _indicator_value(rng, ind, unit, period, totals, len(workspace.catalog.task(ind.task).responsible_units))
            for ind in indicators
        ]
        if is_current:
            # The current month is still being filled: two tasks not yet written.
            for entry in report.entries[-2:]:
                entry.progress = entry.cumulative = entry.problems = entry.next_steps = entry.status = ""
            _stamp(report, period, None)
        else:
            _stamp(report, period, date(period.year, period.month, day))
        repo.insert(report)
        written += 1
        if month == revised_month and not is_current and report.finalized_at:
            report.revision = 2
            report.first_finalized_at = report.finalized_at
            report.entries[0].progress += "（更正：补充本月实际完成数据。）"
            finalized = report.finalized_at
            report.finalized_at = report.updated_at = finalized.replace(hour=16)
            repo.insert(report)
            written += 1
        if period.is_quarter_end and not repo.summaries(unit.code, period, ReportKind.QUARTERLY):
            quarterly = Report(
                unit.code,
                period,
                ReportKind.QUARTERLY,
                liaison=liaison,
                catalog_version=workspace.catalog.version,
                narrative=_narrative(rng, content, unit, _Moment(period, 22)),
            )
            _stamp(quarterly, period, None if is_current else date(period.year, period.month, rng.randint(20, 24)))
            repo.insert(quarterly)
            written += 1
    return DemoResult(written, skipped, created, example_list)


def _no_tasks(unit: Unit) -> DemoError:
    return DemoError(f"{unit.name}在任务分工中没有任务，不需要填报，也就无法生成演示报表：请换一个单位。")


def _stamp(report: Report, period: Period, finalized: date | None) -> None:
    start = datetime.combine(date(period.year, period.month, 3), time(9, 12), CHINA_TZ)
    report.created_at = start
    if finalized is None:
        report.state, report.updated_at = ReportState.DRAFT, now_china()
    else:
        at = datetime.combine(finalized, time(10, 31), CHINA_TZ)
        report.state, report.finalized_at, report.updated_at = ReportState.FINAL, at, at


def _liaison(unit: Unit, rng: random.Random) -> Liaison:
    def person() -> str:
        return rng.choice(_SURNAMES) + rng.choice(_GIVEN)

    if unit.is_township:
        return Liaison(
            "党政办公室",
            person(),
            f"023-7{rng.randint(3000000, 3999999)}",
            f"{person()}（副{unit.kind[-1]}长）" if unit.kind != "街道" else f"{person()}（办事处副主任）",
        )
    return Liaison(
        "综合科", person(), f"13{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}", f"{person()}（副局长）"
    )


@dataclass(frozen=True)
class _Moment:
    """When a demo text is written: its report's month and the day of that month it carries."""

    period: Period
    day: int


def _fill(rng: random.Random, template: str, unit: Unit, moment: _Moment) -> str:
    """The template with its placeholders: {unit}, {quarter}, {asof} (截至10月21日), {next}, and figures."""
    month = moment.period.month
    values = {
        "unit": unit.name,
        "quarter": QUARTER_NAMES[moment.period.quarter - 1],
        "asof": f"截至{month}月{moment.day}日",
        "next": str(moment.period.next().month),
        "a": str(rng.randint(2, 9)),
        "b": str(rng.randint(12, 60)),
        "c": str(rng.randint(3, 18)),
        "pct": str(min(100, month * 8 + rng.randint(0, 6))),
    }
    return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0)), template)


def _rotating(options: list[str], moment: _Moment, task: int, offset: int = 0) -> str:
    """A different text each month (next month's is the next one), starting at another one per task."""
    return options[(moment.period.month + 3 * task + offset) % len(options)] if options else ""


def _entry(rng: random.Random, content: dict[str, Any], unit: Unit, task: int, moment: _Moment) -> TaskEntry:
    """One task's entry: a township speaks of its own work on the task, a department of its own."""
    phrases = content["tasks"][str(task)]
    own = phrases.get("township", {}) if unit.is_township else {}

    def text(field: str, offset: int = 0) -> str:
        options = own.get(field) or phrases.get(field) or []
        return _fill(rng, _rotating(options, moment, task, offset), unit, moment)

    period = moment.period
    roll = rng.random()
    if roll < 0.12:
        status = STATUS_LAGGING
    elif roll < 0.16 and period.month >= 9:
        status = STATUS_DONE
    elif roll < 0.19 and period.month <= 3:
        status = STATUS_NOT_STARTED
    else:
        status = STATUS_ON_TRACK
    problems = text("problems", 1) if status == STATUS_LAGGING or rng.random() < 0.3 else ""
    remarks = text("remarks", 2) if rng.random() < 0.25 and not unit.is_township else ""
    return TaskEntry(task, status, text("progress"), text("cumulative"), problems, text("next_steps", 3), remarks)


def _indicator_value(
    rng: random.Random, indicator: Indicator, unit: Unit, period: Period, totals: dict[str, float], units: int
) -> IndicatorValue:
    """A figure near the pace of the unit's own target (its share), or of a share of the county's."""
    own = indicator.unit_target(period.year, unit.code)
    target = own or indicator.target_for(period.year)
    goal = target.value if target and target.value is not None else None
    if indicator.kind == "percent":
        base = (goal or 20.0) * (0.82 + 0.015 * period.month) + rng.uniform(-1, 1)
        return IndicatorValue(indicator.id, round(min(100.0, max(0.0, base)), 1), None, "")
    if indicator.kind == "qualitative":
        return IndicatorValue(indicator.id, round(rng.uniform(2.5, 3.5), 2), None, "按季度测算，序时完成年度目标")
    share = goal or 10.0
    if own is None and indicator.scope == "units":
        share /= max(1, units)
    before = totals.get(indicator.id, 0.0)
    if target is not None and target.recurring:  # 每年: a monthly figure (优良天数 27–31 a month)
        step = float(rng.randint(27, 31)) if indicator.id == "good_air_days" else float(rng.choice([0, 1]))
        total = before + step
    else:
        # Year to date, near the pace of the target (序时进度) and never going back.
        wanted = share * period.month / 12 * rng.uniform(0.85, 1.12)
        total = max(before, float(round(wanted)) if indicator.kind == "count" else round(wanted, 2))
        step = round(total - before, 2)
    totals[indicator.id] = total
    return IndicatorValue(indicator.id, step, total, "")


def _narrative(rng: random.Random, content: dict[str, Any], unit: Unit, moment: _Moment) -> Narrative:
    parts = content["narrative"]
    quarter = moment.period.quarter
    return Narrative(
        *(
            _fill(rng, _rotating(parts[name], moment, quarter, n), unit, moment)
            for n, name in enumerate(("work", "problems", "plans"))
        )
    )
