"""The county summary workbook: 汇总 / 滞后事项 / 分任务 / 指标 / 报送情况."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from shizhu_desktop.consolidation import wording as say
from shizhu_desktop.consolidation.summary import COUNT_LABELS, Consolidation
from shizhu_desktop.consolidation.timeliness import LATE, MISSING, NOT_ASSIGNED, ON_TIME, PENDING, TimelinessMatrix
from shizhu_desktop.domain.targets import time_progress
from shizhu_desktop.exports.docprops import stamp_workbook
from shizhu_desktop.exports.fonts import FontChoice, choose_fonts
from shizhu_desktop.exports.xlsx_sheet import SheetWriter
from shizhu_desktop.exports.xlsx_style import ExcelFonts, excel_fonts, fitted_widths, use_default_font

SUMMARY_SHEET, LAGGING_SHEET, TASK_SHEET, INDICATOR_SHEET, TIMELINESS_SHEET = (
    "汇总",
    "滞后事项",
    "分任务",
    "指标",
    "报送情况",
)
#: Cell shading of the 报送情况 matrix (light, so that it prints well in black and white too).
CATEGORY_FILLS = {
    ON_TIME: None,
    LATE: PatternFill("solid", fgColor="FFF2CC"),
    MISSING: PatternFill("solid", fgColor="F8D7DA"),
    PENDING: PatternFill("solid", fgColor="F2F2F2"),
    NOT_ASSIGNED: PatternFill("solid", fgColor="D9D9D9"),
}
PERCENT_FORMAT = '0.0"%"'


def _titles(writer: SheetWriter, title: str, subtitle: str, info: str = "") -> None:
    writer.line(title, size=18, title=True, align="center")
    writer.line(subtitle, size=13, align="center")
    if info:
        writer.line(info)


def write_summary_xlsx(summary: Consolidation, path: Path, *, fonts: FontChoice | None = None) -> Path:
    """Write the county summary of ``summary.period`` to ``path`` and return it."""
    names = excel_fonts(fonts or choose_fonts())
    workbook = Workbook()
    use_default_font(workbook)
    first = workbook.active
    assert first is not None  # a new workbook always has one sheet
    first.title = SUMMARY_SHEET
    _summary_sheet(first, summary, names)
    _lagging_sheet(workbook.create_sheet(LAGGING_SHEET), summary, names)
    _task_sheet(workbook.create_sheet(TASK_SHEET), summary, names)
    _indicator_sheet(workbook.create_sheet(INDICATOR_SHEET), summary, names)
    _timeliness_sheet(workbook.create_sheet(TIMELINESS_SHEET), summary, names)
    props = workbook.properties
    props.title = f"{say.SUMMARY_TITLE}（{summary.period.label}）"
    props.subject = f"{summary.period.label}全县汇总"
    props.description = "石柱县绿色低碳循环发展工作推进情况填报程序汇总导出。"
    stamp_workbook(workbook, summary.receiving_office, (("汇总期间", summary.period.label),))
    workbook.active = 0
    workbook.save(path)
    return path


def _subtitle(summary: Consolidation) -> str:
    return f"（{summary.period.label}　{summary.receiving_office}　{say.date_text(summary.today)}汇总）"


def _summary_sheet(sheet: Worksheet, summary: Consolidation, fonts: ExcelFonts) -> None:
    header = ("序号", "重点任务", "牵头单位", "涉及单位", "已报送", *COUNT_LABELS, "滞后单位")
    writer = SheetWriter(sheet, fonts, fitted_widths((6, 30, 16, 9, 9, 9, 9, 9, 9, 9, 30)), centred=(0, *range(3, 10)))
    _titles(writer, say.SUMMARY_TITLE, _subtitle(summary))
    for paragraph in say.timeliness_paragraphs(summary):
        writer.line("报送情况：" + paragraph)
    writer.line(say.counts_text(summary.counts, "推进状态（单位×任务）："))
    header_row = writer.header(header)
    for task in summary.tasks:
        assigned = sum(1 for r in task.rows if r.assigned)
        lagging = "、".join(r.unit.name for r in task.with_status("滞后"))
        writer.values(
            (
                float(task.task.number),
                task.task.heading,
                task.lead.name if task.lead else task.task.lead_unit,
                float(assigned),
                float(len(task.reported)),
                *(float(task.counts[label]) for label in COUNT_LABELS),
                lagging,
            )
        )
    total = summary.counts
    writer.values(
        (
            "合计",
            "",
            "",
            float(sum(sum(1 for r in t.rows if r.assigned) for t in summary.tasks)),
            float(sum(len(t.reported) for t in summary.tasks)),
            *(float(total[label]) for label in COUNT_LABELS),
            "",
        )
    )
    writer.skip()
    writer.line("说明：“未填”包括报送了但未填推进状态的、以及未报送的单位；各单位的进展、问题见“分任务”表。")
    writer.print_setup(header_row)


def _lagging_sheet(sheet: Worksheet, summary: Consolidation, fonts: ExcelFonts) -> None:
    writer = SheetWriter(sheet, fonts, fitted_widths((6, 16, 24, 48, 48)), centred=(0,), valign="top")
    _titles(writer, "滞后事项清单", _subtitle(summary), say.lagging_overview(summary))
    header_row = writer.header(("序号", "责任单位", "重点任务", "存在问题", "下步打算"))
    for number, item in enumerate(summary.lagging, 1):
        writer.values((float(number), item.unit.name, item.task.heading, item.problems, item.next_steps))
    writer.print_setup(header_row)


def _task_sheet(sheet: Worksheet, summary: Consolidation, fonts: ExcelFonts) -> None:
    header = ("序号", "填报单位", "推进状态", "本月工作进展", "累计完成情况", "存在问题", "下步打算", "备注", "版本")
    writer = SheetWriter(
        sheet, fonts, fitted_widths((6, 14, 10, 40, 28, 26, 26, 14, 7)), centred=(0, 2, 8), valign="top"
    )
    _titles(writer, "分任务推进情况", _subtitle(summary))
    header_row = writer.header(header)
    for task in summary.tasks:
        lead = task.lead.name if task.lead else task.task.lead_unit
        assigned = sum(1 for r in task.rows if r.assigned)
        writer.band(f"{task.task.heading}（牵头单位：{lead}；涉及{assigned}个单位，已报送{len(task.reported)}个）")
        for number, row in enumerate(task.reported, 1):
            entry = row.entry
            assert entry is not None  # reported rows carry an entry
            writer.values(
                (
                    float(number),
                    row.unit.name + ("（牵头）" if row.is_lead else ""),
                    row.status,
                    entry.progress,
                    entry.cumulative,
                    entry.problems,
                    entry.next_steps,
                    entry.remarks,
                    f"第{row.revision}版",
                )
            )
        missing = [r.unit for r in task.rows if not r.reported]
        if missing:
            names = "、".join(u.name for u in missing)
            writer.values(("", f"未报送（{len(missing)}个）", "", names, "", "", "", "", ""), merge_from=3)
    writer.print_setup(header_row)


def _indicator_sheet(sheet: Worksheet, summary: Consolidation, fonts: ExcelFonts) -> None:
    header = (
        "序号",
        "指标",
        "所属任务",
        "范围",
        "目标",
        "全县数值",
        "单位",
        "完成率",
        "序时进度",
        "汇总口径",
        "填报情况",
        "各单位数值",
    )
    writer = SheetWriter(
        sheet, fonts, fitted_widths((6, 30, 8, 11, 24, 11, 8, 9, 9, 20, 16, 31)), centred=(0, 2, 3, 5, 6, 7, 8)
    )
    _titles(writer, "指标完成情况", _subtitle(summary))
    header_row = writer.header(header)
    for number, figure in enumerate(summary.indicators, 1):
        indicator = figure.indicator
        pace = time_progress(indicator, summary.period.year, summary.period.month)
        writer.values(
            (
                float(number),
                indicator.name,
                f"任务{indicator.task}",
                say.scope_text(indicator),
                say.target_text(indicator, figure.target, summary.period.year),
                figure.figure if figure.figure is not None else "未报",
                indicator.unit,
                figure.completion if figure.completion is not None else "" if figure.target is None else "—",
                pace if pace is not None else "—",
                figure.basis_label,
                say.reporting_text(figure),
                say.contributions_text(figure),
            ),
            formats={7: PERCENT_FORMAT, 8: PERCENT_FORMAT},
        )
    writer.skip()
    writer.line(
        "说明：范围为“各单位合计”的指标，全县数值为各单位数值之和（个数、数量类取累计值，未填累计值的取本期值）；"
        "范围为“全县”的指标取牵头单位填报的数值。完成率按当年适用的目标计算，当年目标尚未下达的不计算；"
        "序时进度为个数、数量类指标按时间应完成的比例。"
    )
    writer.print_setup(header_row)


def _timeliness_sheet(sheet: Worksheet, summary: Consolidation, fonts: ExcelFonts) -> None:
    monthly, quarterly = summary.monthly, summary.quarterly
    header = (
        "单位",
        *(f"{c.period.month}月" for c in monthly.columns),
        *(f"{c.label}报告" for c in quarterly.columns),
        "按时",
        "逾期",
        "未报",
    )
    widths = fitted_widths((16, *(8,) * len(monthly.columns), *(9,) * len(quarterly.columns), 6, 6, 6))
    writer = SheetWriter(sheet, fonts, widths, centred=range(1, len(header)))
    info = " ".join(say.timeliness_paragraphs(summary))
    _titles(writer, f"{summary.period.year}年报送情况", f"（截至{say.date_text(summary.today)}）", info)
    header_row = writer.header(header)
    for kind, first, count in monthly.groups():
        writer.band(f"{kind}（{count}个）")
        for index in range(first, first + count):
            _matrix_row(writer, monthly, quarterly, index)
    for label, attribute in (("应报", "expected"), ("按时", "on_time"), ("逾期", "late"), ("未报", "missing")):
        values: list[str | float | None] = [label]
        for matrix in (monthly, quarterly):
            values += [float(getattr(matrix.column_totals(i), attribute)) for i in range(len(matrix.columns))]
        writer.values((*values, "", "", ""))
    rates: list[str | float | None] = ["按时报送率"]
    for matrix in (monthly, quarterly):
        for i in range(len(matrix.columns)):
            rate = matrix.column_totals(i).on_time_rate
            rates.append(rate if rate is not None else "—")
    writer.values((*rates, "", "", ""), formats={i: PERCENT_FORMAT for i in range(1, len(rates))})
    writer.skip()
    writer.line(
        "说明：按时＝在截止日（25日）当天或之前定稿；逾期N天＝截止日后N天定稿；未报＝已过截止日仍未收到；未到期＝尚未到截止日。"
    )
    writer.print_setup(header_row)


def _matrix_row(writer: SheetWriter, monthly: TimelinessMatrix, quarterly: TimelinessMatrix, index: int) -> None:
    cells = [monthly.cell(index, i) for i in range(len(monthly.columns))]
    cells += [quarterly.cell(index, i) for i in range(len(quarterly.columns))]
    totals = monthly.row_totals(index)
    writer.values(
        (
            monthly.rows[index].unit.name,
            *(cell.label for cell in cells),
            float(totals.on_time),
            float(totals.late),
            float(totals.missing),
        ),
        fills=(None, *(CATEGORY_FILLS[cell.category] for cell in cells)),
    )
