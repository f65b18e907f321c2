"""What the county summary says in words: one source for its Excel and PDF exports."""

from __future__ import annotations

from datetime import date

from shizhu_desktop.consolidation.indicators import IndicatorFigure
from shizhu_desktop.consolidation.summary import COUNT_LABELS, Consolidation, StatusCounts, TaskSummary
from shizhu_desktop.consolidation.timeliness import LATE, MISSING, PENDING, TimelinessMatrix
from shizhu_desktop.domain.catalog import COMPARATORS, SCOPE_LABELS, Indicator, Target
from shizhu_desktop.domain.naming import TITLE_PREFIX
from shizhu_desktop.domain.numbers import format_number
from shizhu_desktop.domain.targets import missing_target_cell
from shizhu_desktop.domain.units import Unit

SUMMARY_TITLE = f"{TITLE_PREFIX}工作推进情况汇总表"
BULLETIN_TITLE = f"{TITLE_PREFIX}工作推进情况通报"
TOWNSHIPS_LABEL, DEPARTMENTS_LABEL = "乡镇（街道）", "县级部门"


number_text = format_number  # the county's wording writes figures as the unit tables do


def percent_text(value: float | None) -> str:
    return f"{number_text(value)}%" if value is not None else "—"


def date_text(day: date) -> str:
    """Arabic numerals without leading zeros, as official documents write dates: 2026年11月5日."""
    return f"{day.year}年{day.month}月{day.day}日"


def names(units: list[Unit]) -> str:
    """南宾街道、西沱镇、…: every unit named (a 通报 that stops at 40 names spares the rest)."""
    return "、".join(u.name for u in units)


def grouped(items: list[tuple[Unit, str]]) -> str:
    """乡镇（街道）3个：南宾街道、…；县级部门2个：县发展改革委、… — every name, with its own note if any."""
    parts = []
    for label, townships in ((TOWNSHIPS_LABEL, True), (DEPARTMENTS_LABEL, False)):
        named = [f"{unit.name}{note}" for unit, note in items if unit.is_township == townships]
        if named:
            parts.append(f"{label}{len(named)}个：{'、'.join(named)}")
    return "；".join(parts)


def target_text(indicator: Indicator, target: Target | None, year: int | None = None) -> str:
    """E.g. 不低于62%（2025年）; qualitative targets in their own words; —（2026年目标尚未下达） without one."""
    if target is None:
        return missing_target_cell(indicator, year) if year else "—（目标尚未下达）"
    if target.value is None or target.comparator == "qualitative":
        return target.text
    return f"{COMPARATORS[target.comparator]}{number_text(target.value)}{indicator.unit}（{target.year_label}）"


def scope_text(indicator: Indicator) -> str:
    return SCOPE_LABELS[indicator.scope]


def figure_text(figure: IndicatorFigure) -> str:
    """The county figure with its unit, or 未报."""
    if figure.figure is None:
        return "未报"
    return f"{number_text(figure.figure)}{figure.indicator.unit}"


def reporting_text(figure: IndicatorFigure) -> str:
    """已报5个/应报38个 for a sum, 牵头单位已报/未报 for a county figure."""
    if figure.is_sum:
        return f"已报{figure.reported}个/应报{len(figure.expected)}个"
    return "牵头单位已报" if figure.reported else "牵头单位未报"


def contributions_text(figure: IndicatorFigure) -> str:
    """Each unit's figure: 南宾街道 3；西沱镇 2 (the number the sum took)."""
    return "；".join(f"{c.unit.name} {number_text(c.figure)}" for c in figure.contributions if c.figure is not None)


def counts_text(counts: StatusCounts, subject: str = "") -> str:
    """已完成3个、序时推进37个、滞后3个、未启动0个、未填202个（其中未报送202个）."""
    parts = "、".join(f"{label}{counts[label]}个" for label in COUNT_LABELS)
    note = f"（其中未报送{counts.not_reported}个）" if counts.not_reported else ""
    return f"{subject}{parts}{note}"


def timeliness_sentence(matrix: TimelinessMatrix, column: int, what: str) -> str:
    """One paragraph: how many should report, how many did on time or late, who is missing — every late and
    missing unit named, townships and departments apart."""
    totals = matrix.column_totals(column)
    due = matrix.columns[column].due
    text = f"{what}（{due.month}月{due.day}日截止）应报送单位{totals.expected}个，已报送{totals.submitted}个"
    if totals.submitted:
        text += f"，其中按时报送{totals.on_time}个"
        if totals.late:
            late = [(unit, f"（逾期{cell.days}天）") for unit, cell in matrix.units_in(column, LATE)]
            text += f"，逾期报送{totals.late}个（{grouped(late)}）"
    missing = [(u, "") for u, _ in matrix.units_in(column, MISSING)]
    if missing:
        text += f"；逾期未报送{len(missing)}个（{grouped(missing)}）"
    pending = [u for u, _ in matrix.units_in(column, PENDING)]
    if pending:
        text += f"；尚未到截止日、暂未报送{len(pending)}个"
    rate = totals.on_time_rate
    if rate is not None:
        text += f"。按时报送率{number_text(rate)}%"
    return text + "。"


def missing_count(summary: Consolidation) -> int:
    """Units still missing for the month (and, in a quarter's last month, for the quarter)."""
    count = len(summary.monthly.units_in(summary.column, MISSING))
    if summary.quarter_column is not None:
        count += len(summary.quarterly.units_in(summary.quarter_column, MISSING))
    return count


def makeup_sentence(summary: Consolidation) -> str:
    """限期补报: 请上述逾期未报送的单位于2026年11月10日前补报…; empty when nobody is missing."""
    if not missing_count(summary):
        return ""
    by = f"于{date_text(summary.makeup_by)}前" if summary.makeup_by else "尽快"
    return f"请上述逾期未报送的单位{by}补报，逾期仍未报送的，将在下期通报中继续通报。"


def timeliness_paragraphs(summary: Consolidation) -> list[str]:
    """The 报送情况 paragraphs: the monthly table, in a quarter's last month the quarterly report too, then
    the 限期补报 sentence."""
    period = summary.period
    paragraphs = [timeliness_sentence(summary.monthly, summary.column, f"{period.label}工作推进情况表")]
    quarter = summary.quarter_column
    if quarter is not None:
        paragraphs.append(timeliness_sentence(summary.quarterly, quarter, f"{period.quarter_label}工作推进情况报告"))
    makeup = makeup_sentence(summary)
    if makeup:
        paragraphs[-1] += makeup
    return paragraphs


def first_sentence(text: str, limit: int = 120) -> str:
    """The text up to its first 。 (or ``limit`` characters and ……): a digest for the 通报, never the whole."""
    text = " ".join(text.split())
    end = text.find("。")
    if 0 <= end < limit:
        return text[: end + 1]
    return text if len(text) <= limit else text[:limit].rstrip("，、；：") + "……"


def task_sentence(summary: TaskSummary) -> str:
    """E.g. 牵头单位县经济信息委，涉及12个单位，已报送10个：序时推进8个、滞后2个（桥头镇、县经济信息委）。"""
    lead = summary.lead.name if summary.lead else summary.task.lead_unit
    assigned = [r for r in summary.rows if r.assigned]
    reported = summary.reported
    text = f"牵头单位{lead}，涉及{len(assigned)}个单位，已报送{len(reported)}个"
    parts = []
    for label in COUNT_LABELS[:-1]:
        rows = summary.with_status(label)
        if rows:
            parts.append(f"{label}{len(rows)}个")
    unfilled = [r for r in reported if not (r.entry and r.entry.status)]
    if unfilled:
        parts.append(f"未填推进状态{len(unfilled)}个")
    if parts:
        text += "：" + "、".join(parts)
    lagging = summary.with_status("滞后")
    if lagging:
        text += f"，滞后单位为{'、'.join(r.unit.name for r in lagging)}"
    text += "。"
    lead_row = summary.lead_row
    if lead_row is not None and lead_row.entry is not None and lead_row.entry.progress.strip():
        text += f"牵头单位报告：{first_sentence(lead_row.entry.progress)}"
        if not text.endswith(("。", "……", "！", "？")):
            text += "。"
    elif lead_row is not None and lead_row.entry is None:
        text += "牵头单位本月未报送。"
    return text


def indicator_overview(summary: Consolidation) -> str:
    """How many indicators reached their target, how many did not, how many have no figure."""
    reached = [f for f in summary.indicators if f.completion is not None and f.completion >= 100]
    short = [f for f in summary.indicators if f.completion is not None and f.completion < 100]
    none = [f for f in summary.indicators if f.figure is None]
    unset = [f for f in summary.indicators if f.figure is not None and f.target is None]
    qualitative = [f for f in summary.indicators if f.figure is not None and f.target and f.completion is None]
    text = f"全县{len(summary.indicators)}项量化指标中，达到目标值的{len(reached)}项，尚未达到的{len(short)}项"
    if unset:
        text += f"，{summary.period.year}年目标尚未下达、不计算完成率的{len(unset)}项"
    if qualitative:
        text += f"，无法按数值计算完成率的{len(qualitative)}项"
    if none:
        text += f"，本月无数据（牵头或责任单位未报送）的{len(none)}项"
    return text + "。"


def lagging_overview(summary: Consolidation) -> str:
    items = summary.lagging
    if not items:
        return "本月各单位报送的事项中没有滞后事项。"
    units = {item.unit.code for item in items}
    tasks = {item.task.number for item in items}
    return f"本月共有滞后事项{len(items)}项，涉及{len(units)}个单位、{len(tasks)}项重点任务。"


__all__ = [
    "BULLETIN_TITLE",
    "SUMMARY_TITLE",
    "contributions_text",
    "counts_text",
    "date_text",
    "figure_text",
    "first_sentence",
    "grouped",
    "indicator_overview",
    "lagging_overview",
    "makeup_sentence",
    "names",
    "number_text",
    "percent_text",
    "reporting_text",
    "scope_text",
    "target_text",
    "task_sentence",
    "timeliness_paragraphs",
    "timeliness_sentence",
]
