"""What the tables and the report say, cell by cell: one source for the Excel and the PDF layouts."""

from __future__ import annotations

from dataclasses import dataclass

from shizhu_desktop.domain import targets
from shizhu_desktop.domain.catalog import Indicator
from shizhu_desktop.domain.numbers import format_number
from shizhu_desktop.domain.report import ENTRY_TEXT_FIELDS, NARRATIVE_FIELDS, IndicatorValue, TaskEntry
from shizhu_desktop.exports.bundle import ReportBundle
from shizhu_desktop.exports.titles import attachment_title, joined, report_title

MONTHLY_HEADER = (
    "序号",
    "重点任务",
    "具体举措（目标任务）",
    "牵头单位",
    "推进状态",
    "本月工作进展",
    "累计完成情况",
    "存在问题",
    "下步打算",
    "备注",
)
INDICATOR_HEADER = ("指标", "单位", "目标值", "目标年", "本期值", "累计值", "完成率", "序时进度", "说明")
SIGNATURE_LABELS = ("分管领导：", "审核人：", "填报人：")
#: The quarterly report's attachments: 附件1 the quarter's table, 附件2 the indicator chart.
TABLE_ATTACHMENT, CHART_ATTACHMENT = "工作推进情况表", "指标完成情况图"
NOT_FILED = "（未填报）"


@dataclass(frozen=True)
class Cell:
    """One table cell: its text, its number (Excel writes numbers as numbers), where it comes from.

    ``key`` names the payload value the cell shows (checked on import to find edited cells); ``where`` says
    where the text is, in the words of an error message (任务3·本月工作进展).
    """

    text: str
    number: float | None = None
    key: tuple[str, str, str] | None = None
    where: str = ""


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: list[tuple[Cell, ...]]


def info_line(bundle: ReportBundle) -> str:
    """填报单位（盖章）：…　　填报人：…　　联系电话：…　　填报日期：…"""
    liaison = bundle.report.liaison
    gap = "\u3000\u3000"
    return gap.join(
        (
            f"填报单位（盖章）：{bundle.unit.organ_name}",
            f"填报人：{liaison.name}",
            f"联系电话：{liaison.phone}",
            f"填报日期：{bundle.filed_on_label}",
        )
    )


def measures_text(bundle: ReportBundle, task: int) -> str:
    """The measures that concern this unit: short enough for a table cell.

    Every measure in every row made one task fill a printed page; the full text stays in the catalog (and the
    GUI shows it). The unit's targets are in the indicator table printed after the tasks.
    """
    unit = bundle.unit
    return "\n".join(bundle.task(task).measures_for(unit.code, unit.name, unit.is_township))


def monthly_table(bundle: ReportBundle) -> Table:
    """One row per task of the unit: the catalog's columns, then the entry's status and texts."""
    rows: list[tuple[Cell, ...]] = []
    for number, task_number in enumerate(bundle.tasks, 1):
        task = bundle.task(task_number)
        entry = bundle.report.entry(task_number) or TaskEntry(task_number)
        where = f"任务{task_number}"
        cells = [
            Cell(str(number)),
            Cell(task.heading, where=f"{where}·重点任务"),
            Cell(measures_text(bundle, task_number), where=f"{where}·具体举措"),
            Cell(bundle.unit_name(task.lead_unit), where=f"{where}·牵头单位"),
            Cell(entry.status, key=("entry", str(task_number), "status"), where=f"{where}·推进状态"),
        ]
        for name, label in ENTRY_TEXT_FIELDS.items():
            cells.append(Cell(getattr(entry, name), key=("entry", str(task_number), name), where=f"{where}·{label}"))
        rows.append(tuple(cells))
    return Table(MONTHLY_HEADER, rows)


def quarter_table(bundle: ReportBundle) -> Table:
    """One row per task: each of the quarter's three months' status and progress, from the monthly reports."""
    header = ["序号", "重点任务", "牵头单位"]
    for month in bundle.months:
        header += [f"{month.period.month}月推进状态", f"{month.period.month}月工作进展"]
    rows: list[tuple[Cell, ...]] = []
    for number, task_number in enumerate(bundle.tasks, 1):
        task = bundle.task(task_number)
        cells = [
            Cell(str(number)),
            Cell(task.heading, where=f"任务{task_number}·重点任务"),
            Cell(bundle.unit_name(task.lead_unit), where=f"任务{task_number}·牵头单位"),
        ]
        for month in bundle.months:
            where = f"任务{task_number}·{month.period.month}月"
            if month.report is None:
                cells += [Cell(NOT_FILED), Cell("")]
                continue
            entry = month.report.entry(task_number) or TaskEntry(task_number)
            cells += [Cell(entry.status, where=f"{where}推进状态"), Cell(entry.progress, where=f"{where}工作进展")]
        rows.append(tuple(cells))
    return Table(tuple(header), rows)


def completion(indicator: Indicator, value: IndicatorValue | None, year: int, unit_code: str) -> float | None:
    """The unit's completion of its own target (None: no value, or no target of its own)."""
    if value is None:
        return None
    return indicator.completion(value.value, value.cumulative, year, unit_code)


def time_progress(indicator: Indicator, bundle: ReportBundle) -> float | None:
    """序时进度 at the end of the report's period, of the unit's own target (or of the year when it has none)."""
    period = bundle.report.period
    return targets.time_progress(indicator, period.year, period.month, bundle.unit.code)


def indicator_table(bundle: ReportBundle) -> Table:
    """指标 | 单位 | 目标值 | 目标年 | 本期值 | 累计值 | 完成率 | 序时进度 | 说明, one row per indicator of the unit.

    The target is the unit's own (its share of what the county set for the year). Without one the 目标值 says
    why (—（县里尚未下达2026年目标） or —（未分解到本单位）) and 完成率 stays empty: an expired target, or the
    whole county's, would make a unit look far behind. 序时进度 is shown all the same: it depends on the date.
    """
    values = bundle.indicator_values()
    own = bundle.indicators_are_own()
    year = bundle.report.period.year
    rows: list[tuple[Cell, ...]] = []
    for indicator in bundle.indicators:
        target = indicator.unit_target(year, bundle.unit.code)
        value = values.get(indicator.id)
        done = completion(indicator, value, year, bundle.unit.code)
        pace = time_progress(indicator, bundle)
        where = f"指标“{indicator.name}”"

        def key(name: str, ind: Indicator = indicator) -> tuple[str, str, str] | None:
            return ("indicator", ind.id, name) if own else None

        # A bare number is written as a number; "≥62" and qualitative targets stay text.
        target_text, target_number = "", None
        if target is None:
            target_text = targets.missing_target_cell(indicator, year, bundle.unit.code)
        elif target.value is None or target.comparator == "qualitative":
            target_text = target.text
        elif target is not None and target.value is not None:
            prefix = {"<=": "≤", ">=": "≥"}.get(target.comparator, "")
            target_text = prefix + format_number(target.value)
            target_number = None if prefix else target.value
        current = value.value if value else None
        cumulative = value.cumulative if value else None
        rows.append(
            (
                Cell(indicator.name, where=where),
                Cell(indicator.unit, where=where),
                Cell(target_text, number=target_number),
                Cell(target.year_label if target else ""),
                Cell(format_number(current), number=current, key=key("value"), where=f"{where}·本期值"),
                Cell(format_number(cumulative), number=cumulative, key=key("cumulative"), where=f"{where}·累计值"),
                Cell(f"{format_number(done)}%" if done is not None else "" if target is None else "—"),
                Cell(f"{format_number(pace)}%" if pace is not None else "—"),
                Cell(value.note if value else "", key=key("note"), where=f"{where}·说明"),
            )
        )
    return Table(INDICATOR_HEADER, rows)


def narrative_sections(bundle: ReportBundle) -> list[tuple[str, Cell]]:
    """The quarterly report's three sections: heading and text."""
    narrative = bundle.report.narrative
    sections = []
    for name, heading in NARRATIVE_FIELDS.items():
        text = getattr(narrative, name) if narrative else ""
        sections.append((heading, Cell(text, key=("narrative", "", name), where=f"季度报告·{heading}")))
    return sections


def attachment_names(bundle: ReportBundle) -> list[str]:
    return [joined(attachment_title(bundle.unit, bundle.period_label, w)) for w in (TABLE_ATTACHMENT, CHART_ATTACHMENT)]


def report_heading(bundle: ReportBundle) -> str:
    """E.g. 南宾街道办事处关于2026年第三季度绿色低碳循环发展工作推进情况的报告."""
    return joined(report_title(bundle.unit, bundle.period_label))


def contact_note(bundle: ReportBundle) -> str:
    """The 附注 under the date: 联系人：冉晓燕，电话：023-73331234."""
    liaison = bundle.report.liaison
    parts = [f"联系人：{liaison.name}" if liaison.name else "", f"电话：{liaison.phone}" if liaison.phone else ""]
    return "，".join(p for p in parts if p)


def all_texts(bundle: ReportBundle) -> list[tuple[str, str]]:
    """Every text an export prints, with where it is: the input of the missing-glyph check."""
    liaison = bundle.report.liaison
    texts = [
        ("填报单位", bundle.unit.organ_name),
        ("填报人", liaison.name),
        ("联系电话", liaison.phone),
        ("报送机关", bundle.receiving_office),
    ]
    tables = [monthly_table(bundle), indicator_table(bundle)]
    if bundle.is_quarterly:
        tables.append(quarter_table(bundle))
        texts.extend((cell.where, cell.text) for _, cell in narrative_sections(bundle))
    for table in tables:
        texts.extend((cell.where or "表格", cell.text) for row in table.rows for cell in row)
    return texts
