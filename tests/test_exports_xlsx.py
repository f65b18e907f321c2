"""Excel exports read back with openpyxl: layout, print set-up, fonts, string cells and the hidden payload."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from shizhu_desktop.domain.naming import report_filename
from shizhu_desktop.domain.periods import Period
from shizhu_desktop.domain.report import ENTRY_TEXT_FIELDS
from shizhu_desktop.exports.content import INDICATOR_HEADER, MONTHLY_HEADER, NOT_FILED
from shizhu_desktop.exports.xlsx_report import (
    INDICATOR_SHEET,
    MONTHLY_SHEET,
    MONTHLY_WIDTHS,
    NARRATIVE_SHEET,
    QUARTER_SHEET,
)
from shizhu_desktop.exports.xlsx_style import estimated_lines, print_scale
from shizhu_desktop.interchange.payload import verify_payload
from shizhu_desktop.interchange.xlsx_payload import PAYLOAD_SHEET, read_xlsx_payload
from shizhu_desktop.services.exporting import export_report
from shizhu_desktop.services.workspace import Workspace
from tests.test_exports_data import FORMULAS, long_text, monthly_report, quarterly_report

pytestmark = pytest.mark.usefixtures("no_system_fonts")
from tests.test_exports_data import no_system_fonts  # noqa: E402,F401  (the fixture, used above)


def _print_setup_is_official(sheet: Worksheet, title_rows: str) -> None:
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4) == 9
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert int(sheet.page_setup.fitToWidth) == 1 and int(sheet.page_setup.fitToHeight) == 0
    assert sheet.print_title_rows == title_rows
    assert sheet.oddFooter.center.text == "第 &P 页 共 &N 页"


def test_monthly_workbook(workspace: Workspace, tmp_path: Path) -> None:
    unit = workspace.units.find("南宾街道")
    report = monthly_report(workspace, unit.code, Period(2026, 11))
    path = export_report(workspace, report, "xlsx", tmp_path)
    assert (
        path.name
        == report_filename(report, unit.name, "xlsx")
        == ("石柱县绿色低碳循环发展工作推进情况表_2026年11月_南宾街道_第1版.xlsx")
    )
    workbook = load_workbook(path)
    assert workbook.sheetnames == [MONTHLY_SHEET, INDICATOR_SHEET, PAYLOAD_SHEET]
    assert workbook.active is not None and workbook.active.title == MONTHLY_SHEET
    sheet = workbook[MONTHLY_SHEET]
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"A1:J1", "A2:J2", "A3:J3"} <= merged
    assert sheet["A1"].value == "石柱县绿色低碳循环发展工作推进情况表" and sheet["A2"].value == "（2026年11月）"
    assert sheet["A3"].value == (
        "填报单位（盖章）：南宾街道办事处\u3000\u3000填报人：冉晓燕\u3000\u3000联系电话：023-73331234"
        "\u3000\u3000填报日期：2026年11月20日"
    )
    assert tuple(c.value for c in sheet[4]) == MONTHLY_HEADER
    _print_setup_is_official(sheet, "$4:$4")
    assert sheet.freeze_panes == "A5"
    # Bundled fonts only: the official names are not claimed, 宋体/黑体 are written instead.
    assert sheet["A1"].font.name == "黑体" and sheet["F5"].font.name == "宋体"
    tasks = workspace.catalog.default_tasks_for(unit.code)
    rows = {int(v): r for r in range(5, sheet.max_row + 1) if str(v := sheet[f"A{r}"].value or "").isdigit()}
    assert sorted(rows) == list(range(1, len(tasks) + 1))
    for number, task in enumerate(tasks, 1):
        row, entry = rows[number], report.entry(task)
        assert entry is not None
        assert sheet[f"B{row}"].value == workspace.catalog.task(task).heading
        assert sheet[f"E{row}"].value == entry.status
        for column, name in zip("FGHIJ", ENTRY_TEXT_FIELDS, strict=True):
            expected = getattr(entry, name).replace("\r\n", "\n")
            assert (sheet[f"{column}{row}"].value or "") == expected, (task, name)
    first = rows[1]
    assert sheet[f"F{first}"].value == long_text()
    assert sheet[f"F{first}"].alignment.wrap_text is True
    # 1,500 characters need more than Excel's 409 pt a row: the row is spread over rows merged down.
    spread = [r for r in sheet.merged_cells.ranges if r.min_row == first and r.min_col == 6]
    assert spread and spread[0].max_row > first
    height = sum(sheet.row_dimensions[r].height for r in range(first, spread[0].max_row + 1))
    size = sheet[f"F{first}"].font.sz  # made smaller, but 1,500 characters do not fit 409 pt even at 9 pt
    assert size == 9 and height >= estimated_lines(long_text(), MONTHLY_WIDTHS[5], size) * size * 1.295
    assert sheet[f"G{first}"].value == FORMULAS[0] and sheet[f"G{first}"].data_type == "s"
    last = max(rows.values())
    assert any(str(sheet[f"A{r}"].value or "").startswith("分管领导：") for r in range(last, last + 3))
    # 宋体 is the workbook's default font (the width unit); the columns fit A4 landscape at 90 % or more.
    with zipfile.ZipFile(path) as archive:
        assert '<font><name val="宋体"' in archive.read("xl/styles.xml").decode("utf-8")
    widths = [sheet.column_dimensions[c].width for c in "ABCDEFGHIJ"]
    assert print_scale(widths) >= 0.9
    with zipfile.ZipFile(path) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        assert sheets and all("<f>" not in archive.read(n).decode("utf-8") for n in sheets)
    assert workbook.properties.title == "石柱县绿色低碳循环发展工作推进情况表（2026年11月）"
    assert workbook.properties.creator == "南宾街道办事处" and workbook.properties.subject == "南宾街道"

    indicators = workbook[INDICATOR_SHEET]
    assert tuple(c.value for c in indicators[3]) == INDICATOR_HEADER
    _print_setup_is_official(indicators, "$3:$3")
    names = [indicators[f"A{r}"].value for r in range(4, indicators.max_row + 1)]
    assert names == [i.name for i in workspace.catalog.indicators_for_unit(unit.code, tasks)]
    assert isinstance(indicators["E4"].value, (int, float)) and indicators["I4"].data_type == "s"
    assert print_scale([indicators.column_dimensions[c].width for c in "ABCDEFGHI"]) >= 0.9

    payload = workbook[PAYLOAD_SHEET]
    assert payload.sheet_state == "veryHidden"
    verified = verify_payload(read_xlsx_payload(path), workspace.catalog, workspace.units)
    assert verified.digest == payload["B2"].value
    assert verified.report.entries == report.entries


def test_quarterly_workbook(workspace: Workspace, tmp_path: Path) -> None:
    unit = workspace.units.find("西沱镇")
    report = quarterly_report(workspace, unit.code, Period(2026, 9))
    path = export_report(workspace, report, "xlsx", tmp_path)
    assert path.name == "石柱县绿色低碳循环发展工作推进情况报告_2026年第三季度_西沱镇_第1版.xlsx"
    workbook = load_workbook(path)
    assert workbook.sheetnames == [QUARTER_SHEET, NARRATIVE_SHEET, INDICATOR_SHEET, PAYLOAD_SHEET]
    table = workbook[QUARTER_SHEET]
    assert tuple(c.value for c in table[4]) == (
        "序号",
        "重点任务",
        "牵头单位",
        "7月推进状态",
        "7月工作进展",
        "8月推进状态",
        "8月工作进展",
        "9月推进状态",
        "9月工作进展",
    )
    _print_setup_is_official(table, "$4:$4")
    assert table["A2"].value == "（2026年第三季度）"
    assert table["E5"].value == long_text() and table["H5"].value == NOT_FILED  # no September table filed
    assert print_scale([table.column_dimensions[c].width for c in "ABCDEFGHI"]) >= 0.9
    narrative = workbook[NARRATIVE_SHEET]
    texts = [narrative[f"A{r}"].value for r in range(1, narrative.max_row + 1)]
    assert report.narrative is not None
    assert "一、工作推进情况" in texts and report.narrative.plans in texts
    work = texts.index("一、工作推进情况") + 1
    paragraphs = report.narrative.work.split("\n")
    assert texts[work : work + len(paragraphs)] == paragraphs  # one paragraph a row
    assert narrative["A" + str(texts.index(report.narrative.plans) + 1)].data_type == "s"
    assert workbook[PAYLOAD_SHEET].sheet_state == "veryHidden"
    verified = verify_payload(read_xlsx_payload(path), workspace.catalog, workspace.units)
    assert verified.report.narrative == report.narrative and verified.report.kind is report.kind
