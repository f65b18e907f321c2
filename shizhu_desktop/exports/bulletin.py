"""What the county's 督查通报 says, part by part: one source for its PDF and its Word document."""

from __future__ import annotations

from collections.abc import Callable

from shizhu_desktop.consolidation import wording as say
from shizhu_desktop.consolidation.summary import Consolidation
from shizhu_desktop.domain.targets import missing_target_reason, time_progress
from shizhu_desktop.exports.chartrows import ChartRow
from shizhu_desktop.exports.titles import bulletin_title, joined, summary_attachment_title

MASTHEAD = "督查通报"
ADDRESSEES = "各乡镇（街道），县级有关部门："
LAGGING_HEADER = ("序号", "责任单位", "重点任务", "存在问题", "下步打算")
NO_LAGGING = "本月没有滞后事项。"
CHART_NOTE = "（“各单位合计”类指标为各单位数值之和，“全县”类指标取牵头单位填报值）"
ATTACHMENTS = ("滞后事项清单", "指标进度图")


def title_phrases(summary: Consolidation) -> list[str]:
    return bulletin_title(summary.period)


def title(summary: Consolidation) -> str:
    """E.g. 关于2026年10月全县绿色低碳循环发展工作推进情况的通报."""
    return joined(title_phrases(summary))


def attachment_phrases(summary: Consolidation) -> list[list[str]]:
    return [summary_attachment_title(summary.period, what) for what in ATTACHMENTS]


def attachment_names(summary: Consolidation) -> list[str]:
    return [joined(p) for p in attachment_phrases(summary)]


def issued_on(summary: Consolidation) -> str:
    return say.date_text(summary.today)


def body_paragraphs(summary: Consolidation) -> list[tuple[str, str]]:
    """The body as (kind, text): kind is h1 (一、 黑体), h2 (（一） 楷体) or p (a paragraph)."""
    policy = summary.catalog.policy_title
    out = [
        (
            "p",
            f"根据《{policy}》关于每月报送工作推进情况的要求，{summary.receiving_office}对各单位报送的"
            f"{summary.period.label}工作推进情况进行了汇总。现将有关情况通报如下。",
        ),
        ("h1", "一、报送情况"),
    ]
    out += [("p", text) for text in say.timeliness_paragraphs(summary)]
    out += [
        ("h1", "二、推进情况"),
        ("p", say.counts_text(summary.counts, f"各项重点任务共涉及{summary.counts.total}个单位次，其中") + "。"),
    ]
    numerals = "一二三四五六七八九十"
    for index, section in enumerate(summary.catalog.sections):
        out.append(("h2", f"（{numerals[index] if index < 10 else index + 1}）{section.title}"))
        for number in section.tasks:
            task = summary.task(number)
            out.append(("p", f"{task.task.heading}。{say.task_sentence(task)}"))
    out += [
        ("h1", "三、滞后事项"),
        ("p", say.lagging_overview(summary) + ("具体见附件1。" if summary.lagging else "")),
        ("h1", "四、指标进度"),
        ("p", say.indicator_overview(summary) + "具体见附件2。"),
        ("h1", "五、下步要求"),
        (
            "p",
            "请各牵头单位加强统筹调度，对滞后事项逐项分析原因、明确整改措施和完成时限；"
            "请各责任单位按时报送工作推进情况表，尚未报送的单位请尽快补报。",
        ),
    ]
    return out


def lagging_rows(summary: Consolidation) -> list[list[str]]:
    """附件1's rows: 序号, 责任单位, 重点任务, 存在问题, 下步打算 (one row saying so when there are none)."""
    rows = [
        [str(n), item.unit.name, item.task.heading, item.problems, item.next_steps]
        for n, item in enumerate(summary.lagging, 1)
    ]
    return rows or [["", "", NO_LAGGING, "", ""]]


def chart_rows(summary: Consolidation, fits: Callable[[str], bool] | None = None) -> list[ChartRow]:
    """One bar per indicator: its county completion, 序时进度, and the longest note that ``fits`` one line."""
    rows = []
    year, month = summary.period.year, summary.period.month
    for figure in summary.indicators:
        indicator = figure.indicator
        goal = (
            f"目标{say.target_text(indicator, figure.target)}"
            if figure.target
            else missing_target_reason(indicator, year)
        )
        label = f"{indicator.name}（{say.scope_text(indicator)}）"
        if figure.figure is None:
            notes = [f"未报（{say.reporting_text(figure)}）；{goal}", f"未报；{goal}", "未报"]
        else:
            value = say.figure_text(figure)
            # A sum of the units reported so far must say so: 30% of the target with 10 of 38 units is no verdict.
            partial = f"，{say.reporting_text(figure)}" if figure.is_sum and figure.missing else ""
            notes = [
                f"{value}（{figure.basis_label}{partial}）；{goal}",
                f"{value}（{say.reporting_text(figure)}）；{goal}" if partial else f"{value}；{goal}",
                f"{value}（{say.reporting_text(figure)}）" if partial else f"{value}",
            ]
        note = next((n for n in notes if fits is None or fits(n)), notes[-1])
        pace = time_progress(indicator, year, month)
        rows.append(ChartRow(label, figure.completion, note, pace, figure.target is not None))
    return rows


def all_texts(summary: Consolidation) -> list[tuple[str, str]]:
    """Every text the 通报 prints, with where it is: the input of the missing-glyph check."""
    texts = [("标题", title(summary)), ("报送机关", summary.receiving_office), ("落款", summary.office_organ)]
    texts += [("正文", text) for _, text in body_paragraphs(summary)]
    texts.append(("版记", summary.copy_to))
    for item in summary.lagging:
        where = f"附件1·{item.unit.name}·任务{item.task.number}"
        texts += [(where, item.problems), (where, item.next_steps)]
    texts += [("附件2", row.label + row.note) for row in chart_rows(summary)]
    return texts
