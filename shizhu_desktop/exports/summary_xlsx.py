"""The county summary workbook (汇总 / 滞后事项 / 分任务 / 指标 / 报送情况) and the 催报名单 workbook."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from shizhu_desktop.consolidation import wording as say
from shizhu_desktop.consolidation.reminders import REMINDER_HEADER, Reminder
from shizhu_desktop.consolidation.summary import COUNT_LABELS, Consolidation
from shizhu_desktop.consolidation.timeliness import LATE, MISSING, NOT_ASSIGNED, ON_TIME, PENDING, TimelinessMatrix
from shizhu_desktop.domain.periods import Period
from shizhu_desktop.domain.report import ReportKind
from shizhu_desktop.exports.fonts import FontChoice, choose_fonts
from shizhu_desktop.exports.xlsx_report import (
    BODY_SIZE,
    GB2312_CHARSET,
    LINE_HEIGHT,
    MAX_ROW_HEIGHT,
    estimated_lines,
    excel_fonts,
    print_setup,
)
from shizhu_desktop.interchange.xlsx_payload import put_text

SUMMARY_SHEET, LAGGING_SHEET, TASK_SHEET, INDICATOR_SHEET, TIMELINESS_SHEET = (
    "汇总",
    "滞后事项",
    "分任务",
    "指标",
    "报送情况",
)
REMINDER_SHEET = "催报名单"
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="F2F2F2")
_GROUP_FILL = PatternFill("solid", fgColor="E8EEF4")
#: Cell shading of the 报送情况 matrix (light, so that it prints well in black and white too).
CATEGORY_FILLS = {
    ON_TIME: None,
    LATE: PatternFill("solid", fgColor="FFF2CC"),
    MISSING: PatternFill("solid", fgColor="F8D7DA"),
    PENDING: PatternFill("solid", fgColor="F2F2F2"),
    NOT_ASSIGNED: PatternFill("solid", fgColor="D9D9D9"),
}
PERCENT_FORMAT = '0.0"%"'


@dataclass(frozen=True)
class _Fonts:
    body: str
    title: str
    hei: str


class _Sheet:
    """Writes one printed table: merged title lines, a header, ruled rows whose heights follow their text."""

    def __init__(
        self,
        sheet: Worksheet,
        fonts: _Fonts,
        widths: Sequence[int],
        centred: Sequence[int] = (),
        valign: str = "center",
    ) -> None:
        self.sheet, self.fonts, self.widths, self.centred = sheet, fonts, list(widths), set(centred)
        self.valign = valign
        for index, width in enumerate(widths, 1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        self.row = 0

    def font(self, name: str, size: float = BODY_SIZE, bold: bool = False) -> Font:
        return Font(name=name, size=size, bold=bold, charset=GB2312_CHARSET)

    def line(self, text: str, *, size: float = BODY_SIZE, title: bool = False, align: str = "left") -> int:
        """A line merged across the table; its height follows the wrapped text."""
        self.row += 1
        cell = put_text(self.sheet, f"A{self.row}", text)
        cell.font = self.font(self.fonts.title if title else self.fonts.body, size)
        cell.alignment = Alignment(horizontal=align, vertical="center", wrap_text=True)
        if len(self.widths) > 1:
            self.sheet.merge_cells(start_row=self.row, start_column=1, end_row=self.row, end_column=len(self.widths))
        lines = estimated_lines(text, int(sum(self.widths) * BODY_SIZE / size))
        self.sheet.row_dimensions[self.row].height = min(MAX_ROW_HEIGHT, max(size * 1.8, lines * size * 1.35 + 6))
        return self.row

    def header(self, texts: Sequence[str]) -> int:
        self.row += 1
        for index, text in enumerate(texts, 1):
            cell = put_text(self.sheet, f"{get_column_letter(index)}{self.row}", text)
            cell.font = self.font(self.fonts.hei, bold=True)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            cell.border = _BORDER
            cell.fill = _HEADER_FILL
        lines = max(estimated_lines(t, w) for t, w in zip(texts, self.widths, strict=False))
        self.sheet.row_dimensions[self.row].height = max(30, lines * LINE_HEIGHT + 8)
        return self.row

    def values(
        self,
        values: Sequence[str | float | None],
        *,
        fills: Sequence[PatternFill | None] = (),
        formats: dict[int, str] | None = None,
        merge_from: int | None = None,
    ) -> int:
        """One ruled row: texts are written as text (never a formula), numbers as numbers.

        ``merge_from``: the cells from that column to the last are merged into one (a long list of names).
        """
        self.row += 1
        lines = 1
        widths = list(self.widths)
        if merge_from is not None:
            widths[merge_from] = sum(widths[merge_from:])
        for index, value in enumerate(values):
            coordinate = f"{get_column_letter(index + 1)}{self.row}"
            if isinstance(value, (int, float)):
                cell = self.sheet[coordinate]
                cell.value = value
                cell.number_format = (formats or {}).get(index, "0" if float(value).is_integer() else "0.##")
            else:
                cell = put_text(self.sheet, coordinate, value or "")
                lines = max(lines, estimated_lines(value or "", widths[index]))
            cell.font = self.font(self.fonts.body)
            cell.border = _BORDER
            horizontal = "center" if index in self.centred else "left"
            cell.alignment = Alignment(horizontal=horizontal, vertical=self.valign, wrap_text=True)
            fill = fills[index] if index < len(fills) else None
            if fill is not None:
                cell.fill = fill
        if merge_from is not None:
            self.sheet.merge_cells(
                start_row=self.row, start_column=merge_from + 1, end_row=self.row, end_column=len(self.widths)
            )
        self.sheet.row_dimensions[self.row].height = min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT + 6)
        return self.row

    def band(self, text: str) -> int:
        """A ruled, shaded row merged across the table: a group heading inside it (task, unit kind)."""
        self.row += 1
        cell = put_text(self.sheet, f"A{self.row}", text)
        cell.font = self.font(self.fonts.hei, bold=True)
        cell.alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
        for index in range(1, len(self.widths) + 1):
            target = self.sheet.cell(row=self.row, column=index)
            target.border = _BORDER
            target.fill = _GROUP_FILL
        self.sheet.merge_cells(start_row=self.row, start_column=1, end_row=self.row, end_column=len(self.widths))
        lines = estimated_lines(text, sum(self.widths))
        self.sheet.row_dimensions[self.row].height = min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT + 8)
        return self.row

    def skip(self) -> None:
        self.row += 1

    def print_setup(self, header_row: int) -> None:
        """A4 landscape, one page wide, the header repeated on every page and frozen, 第 N 页 共 M 页."""
        print_setup(self.sheet, f"{header_row}:{header_row}", f"A{header_row + 1}")


def _fonts(choice: FontChoice | None) -> _Fonts:
    names = excel_fonts(choice or choose_fonts())
    return _Fonts(names.body, names.title, names.hei)


def _titles(writer: _Sheet, title: str, subtitle: str, info: str = "") -> None:
    writer.line(title, size=18, title=True, align="center")
    writer.line(subtitle, size=13, align="center")
    if info:
        writer.line(info)


def write_summary_xlsx(summary: Consolidation, path: Path, *, fonts: FontChoice | None = None) -> Path:
    """Write the county summary of ``summary.period`` to ``path`` and return it."""
    names = _fonts(fonts)
    workbook = Workbook()
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
    props.creator = summary.receiving_office
    props.description = "石柱县绿色低碳循环发展工作推进情况填报程序汇总导出。"
    workbook.active = 0
    workbook.save(path)
    return path


def _subtitle(summary: Consolidation) -> str:
    return f"（{summary.period.label}　{summary.receiving_office}　{say.date_text(summary.today)}汇总）"


def _summary_sheet(sheet: Worksheet, summary: Consolidation, fonts: _Fonts) -> None:
    header = ("序号", "重点任务", "牵头单位", "涉及单位", "已报送", *COUNT_LABELS, "滞后单位")
    writer = _Sheet(sheet, fonts, (6, 30, 16, 9, 9, 9, 9, 9, 9, 9, 30), centred=(0, *range(3, 10)))
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


def _lagging_sheet(sheet: Worksheet, summary: Consolidation, fonts: _Fonts) -> None:
    writer = _Sheet(sheet, fonts, (6, 16, 24, 48, 48), centred=(0,), valign="top")
    _titles(writer, "滞后事项清单", _subtitle(summary), say.lagging_overview(summary))
    header_row = writer.header(("序号", "责任单位", "重点任务", "存在问题", "下步打算"))
    for number, item in enumerate(summary.lagging, 1):
        writer.values((float(number), item.unit.name, item.task.heading, item.problems, item.next_steps))
    writer.print_setup(header_row)


def _task_sheet(sheet: Worksheet, summary: Consolidation, fonts: _Fonts) -> None:
    header = ("序号", "填报单位", "推进状态", "本月工作进展", "累计完成情况", "存在问题", "下步打算", "备注", "版本")
    writer = _Sheet(sheet, fonts, (6, 14, 10, 40, 28, 26, 26, 14, 7), centred=(0, 2, 8), valign="top")
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


def _indicator_sheet(sheet: Worksheet, summary: Consolidation, fonts: _Fonts) -> None:
    header = (
        "序号",
        "指标",
        "所属任务",
        "范围",
        "目标",
        "全县数值",
        "单位",
        "完成率",
        "汇总口径",
        "填报情况",
        "各单位数值",
    )
    writer = _Sheet(sheet, fonts, (6, 30, 8, 11, 24, 11, 8, 9, 20, 16, 40), centred=(0, 2, 3, 5, 6, 7))
    _titles(writer, "指标完成情况", _subtitle(summary))
    header_row = writer.header(header)
    for number, figure in enumerate(summary.indicators, 1):
        indicator = figure.indicator
        writer.values(
            (
                float(number),
                indicator.name,
                f"任务{indicator.task}",
                say.scope_text(indicator),
                say.target_text(indicator, figure.target),
                figure.figure if figure.figure is not None else "未报",
                indicator.unit,
                figure.completion if figure.completion is not None else "—",
                figure.basis_label,
                say.reporting_text(figure),
                say.contributions_text(figure),
            ),
            formats={7: PERCENT_FORMAT},
        )
    writer.skip()
    writer.line(
        "说明：范围为“各单位合计”的指标，全县数值为各单位数值之和（个数、数量类取累计值，未填累计值的取本期值）；"
        "范围为“全县”的指标取牵头单位填报的数值。完成率按当年适用的目标计算。"
    )
    writer.print_setup(header_row)


def _timeliness_sheet(sheet: Worksheet, summary: Consolidation, fonts: _Fonts) -> None:
    monthly, quarterly = summary.monthly, summary.quarterly
    header = (
        "单位",
        *(f"{c.period.month}月" for c in monthly.columns),
        *(f"{c.label}报告" for c in quarterly.columns),
        "按时",
        "逾期",
        "未报",
    )
    widths = (16, *(8,) * len(monthly.columns), *(9,) * len(quarterly.columns), 6, 6, 6)
    writer = _Sheet(sheet, fonts, widths, centred=range(1, len(header)))
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


def _matrix_row(writer: _Sheet, monthly: TimelinessMatrix, quarterly: TimelinessMatrix, index: int) -> None:
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


def write_reminders_xlsx(
    reminders: list[Reminder],
    period: Period,
    kind: ReportKind,
    today: date,
    path: Path,
    *,
    office: str = "县政府督查办",
    fonts: FontChoice | None = None,
) -> Path:
    """The 催报名单 as a one-sheet workbook: 序号, 单位, 联系人, 联系电话, 情况."""
    names = _fonts(fonts)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = REMINDER_SHEET
    writer = _Sheet(sheet, names, (6, 18, 12, 18, 24), centred=(0,))
    what = period.label if kind is ReportKind.MONTHLY else period.quarter_label
    _titles(
        writer,
        f"{what}{kind.label}催报名单",
        f"（{office}　截至{say.date_text(today)}，共{len(reminders)}个单位）",
    )
    header_row = writer.header(("序号", *REMINDER_HEADER))
    for number, reminder in enumerate(reminders, 1):
        writer.values((float(number), *reminder.fields))
    if not reminders:
        writer.line("所有应报单位均已报送。", align="center")
    writer.skip()
    writer.line("联系人和电话取自该单位最近一次报送的文件；空白表示尚未收到过该单位的文件。")
    workbook.properties.title = f"{what}{kind.label}催报名单"
    workbook.properties.creator = office
    writer.print_setup(header_row)
    workbook.save(path)
    return path
