"""Reports for the export tests (hostile texts included), and the bundle the export service gathers for them."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from shizhu_desktop.domain.periods import Period
from shizhu_desktop.domain.profile import Profile
from shizhu_desktop.domain.report import (
    CHINA_TZ,
    IndicatorValue,
    Liaison,
    Narrative,
    Report,
    ReportKind,
    ReportState,
    TaskEntry,
)
from shizhu_desktop.services.exporting import build_bundle
from shizhu_desktop.services.workspace import Workspace


def long_text(length: int = 1500) -> str:
    """A distinctive text of exactly ``length`` characters (numbers, brackets and full stops in it)."""
    parts, i = [], 0
    while sum(map(len, parts)) < length:
        parts.append(f"第{i}项措施推进顺利，完成投资{i * 7}万元（同比增长{i % 9}.5%）。")
        i += 1
    return "".join(parts)[:length]


#: Every closing and opening mark the line breaker must handle, dense enough to fall at many line ends.
PUNCTUATION = "甲，乙。丙、丁；戊：己？庚！辛）壬」癸》子（丑「寅《卯“辰”巳‘午’未——申……酉【戌】亥" * 12
FORMULAS = ("=SUM(A1)", "+86 023-7333", "-5%", "@张三")
#: In WenQuanYi Micro Hei but not in the bundled Ming face: drawn by the fallback font.
GBK_RARE = "刏剈"
#: CJK Extension B: no bundled font has it.
EXT_B = "𠀀"
FINALIZED = datetime(2026, 11, 20, 10, 31, tzinfo=CHINA_TZ)
LIAISON = Liaison("党政办公室", "冉晓燕", "023-73331234", "谭建国（副主任）")


def monthly_report(workspace: Workspace, unit_code: str, period: Period, *, rare: bool = False) -> Report:
    """A final monthly report for every default task of the unit, with hostile texts in the first tasks."""
    tasks = workspace.catalog.default_tasks_for(unit_code)
    entries = [
        TaskEntry(task, "序时推进", f"任务{task}本月推进正常，{period.label}完成阶段目标。", "累计完成年度任务的八成。")
        for task in tasks
    ]
    entries[0] = TaskEntry(tasks[0], "滞后", long_text(), FORMULAS[0], PUNCTUATION, FORMULAS[1], FORMULAS[2])
    entries[1] = TaskEntry(tasks[1], "已完成", PUNCTUATION, "a\tb\u3000c\r\nd", FORMULAS[3], "=1+1", GBK_RARE)
    if rare:
        entries[2].remarks = f"罕见字{EXT_B}与表情😀"
    indicators = [
        IndicatorValue(ind.id, 3.0 + i, 10.5 + i, "=按季度测算" if i == 0 else "")
        for i, ind in enumerate(workspace.catalog.indicators_for_unit(unit_code, tasks))
    ]
    report = Report(
        unit_code,
        period,
        ReportKind.MONTHLY,
        state=ReportState.FINAL,
        liaison=LIAISON,
        entries=entries,
        indicators=indicators,
        catalog_version=workspace.catalog.version,
        finalized_at=FINALIZED.replace(month=period.month),
    )
    report.id = workspace.reports.insert(report)
    return workspace.reports.load(report.id)


def quarterly_report(workspace: Workspace, unit_code: str, quarter_end: Period) -> Report:
    """A final quarterly report with headed paragraphs, and monthly reports for two of its three months."""
    for month in quarter_end.quarter_months()[:2]:
        monthly_report(workspace, unit_code, month)
    work = "\n".join(
        [
            "（一）加强组织领导。成立工作专班，" + long_text(600),
            "（二）狠抓项目落实。" + PUNCTUATION[:200],
            "一、其他情况说明。本季度无其他情况。",
        ]
    )
    report = Report(
        unit_code,
        quarter_end,
        ReportKind.QUARTERLY,
        state=ReportState.FINAL,
        liaison=LIAISON,
        narrative=Narrative(work, "长效管护机制不够健全，" + FORMULAS[0], "=下一步：强化调度督促。"),
        catalog_version=workspace.catalog.version,
        finalized_at=FINALIZED.replace(month=quarter_end.month),
    )
    report.id = workspace.reports.insert(report)
    return workspace.reports.load(report.id)


@pytest.fixture
def no_system_fonts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the bundled fonts: the same result on every machine."""
    monkeypatch.setenv("SHIZHU_FONT_DIRS", "")


def test_bundle_uses_profile_tasks_for_own_unit_and_defaults_for_others(workspace: Workspace) -> None:
    unit = workspace.units.find("南宾街道")
    report = monthly_report(workspace, unit.code, Period(2026, 11))
    defaults = workspace.catalog.default_tasks_for(unit.code)
    assert build_bundle(workspace, report).tasks == tuple(defaults)
    workspace.profiles.save(Profile(unit.code, LIAISON, tasks=[*defaults, 20]))
    bundle = build_bundle(workspace, report)
    assert 20 in bundle.tasks and bundle.tasks == tuple(sorted(bundle.tasks))
    assert bundle.filed_on == date(2026, 11, 20) and bundle.filed_on_label == "2026年11月20日"
    assert bundle.payload["sha256"] and bundle.receiving_office == "县政府督查办"


def test_quarterly_bundle_has_latest_revision_of_each_month(workspace: Workspace) -> None:
    unit = workspace.units.find("西沱镇")
    quarterly = quarterly_report(workspace, unit.code, Period(2026, 12))
    october = workspace.reports.find(unit.code, Period(2026, 10), ReportKind.MONTHLY)
    assert october is not None
    revised = workspace.reports.reopen(october.id or 0)
    bundle = build_bundle(workspace, quarterly)
    months = {m.period.month: m.report for m in bundle.months}
    assert sorted(months) == [10, 11, 12]
    assert months[10] is not None and months[10].revision == revised.revision == 2
    assert months[11] is not None and months[12] is None
    # The quarterly report has no figures of its own: the latest month that has some stands in.
    assert not bundle.indicators_are_own()
    assert bundle.indicator_values() == {v.indicator: v for v in (months[11].indicators if months[11] else [])}


def test_draft_is_dated_the_day_of_export(workspace: Workspace) -> None:
    unit = workspace.units.find("黄水镇")
    draft = Report(unit.code, Period(2026, 11), liaison=LIAISON, catalog_version=workspace.catalog.version)
    draft.id = workspace.reports.insert(draft)
    bundle = build_bundle(workspace, workspace.reports.load(draft.id), today=date(2026, 11, 23))
    assert bundle.filed_on_label == "2026年11月23日"
