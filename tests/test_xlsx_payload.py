"""The payload sheet of an .xlsx: very hidden, split across cells, read back, refused when damaged or edited."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from shizhu_desktop.domain.periods import Period
from shizhu_desktop.interchange.canonical import seal
from shizhu_desktop.interchange.payload import PayloadError, build_payload, verify_payload
from shizhu_desktop.interchange.xlsx_payload import (
    CELL_LIMIT,
    PAYLOAD_SHEET,
    CheckedCell,
    cell_text,
    put_text,
    read_xlsx_payload,
    write_payload_sheet,
)
from shizhu_desktop.services.exporting import export_report
from shizhu_desktop.services.workspace import Workspace
from tests.test_exports_data import monthly_report, quarterly_report


def _exported(workspace: Workspace, tmp_path: Path) -> Path:
    report = monthly_report(workspace, workspace.units.find("南宾街道").code, Period(2026, 11))
    return export_report(workspace, report, "xlsx", tmp_path / "out")


def test_long_payload_is_split_and_read_back_exactly(tmp_path: Path) -> None:
    payload = seal({"format": "x", "text": "长" * 40_000 + "=SUM(A1)" + "\x00\x07\r\n😀𠀀", "n": 1.5})
    workbook = Workbook()
    sheet = write_payload_sheet(workbook, payload)
    path = tmp_path / "p.xlsx"
    workbook.save(path)
    assert sheet.sheet_state == "veryHidden"
    again = load_workbook(path)
    stored = again[PAYLOAD_SHEET]
    chunks = int(stored["B4"].value)
    assert chunks > 1  # 40,000 characters escaped to ASCII do not fit one cell
    assert all(len(stored[f"B{6 + i}"].value) <= CELL_LIMIT for i in range(chunks))
    assert read_xlsx_payload(path) == payload


def test_text_starting_with_formula_sign_is_a_string_cell(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row, text in enumerate(("=SUM(A1)", "+1", "-2", "@x"), 1):
        put_text(sheet, f"A{row}", text)
    path = tmp_path / "f.xlsx"
    workbook.save(path)
    with zipfile.ZipFile(path) as archive:
        assert "<f>" not in archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    cells = load_workbook(path).active
    assert cells is not None
    assert [(cells[f"A{r}"].value, cells[f"A{r}"].data_type) for r in range(1, 5)] == [
        ("=SUM(A1)", "s"),
        ("+1", "s"),
        ("-2", "s"),
        ("@x", "s"),
    ]


def test_cell_text_drops_what_xml_cannot_hold_and_respects_excels_limit() -> None:
    assert cell_text("a\x00b\x07c\r\nd\ufffe") == "abc\nd"
    long = cell_text("字" * 40_000)
    assert len(long) == CELL_LIMIT and long.endswith("全文见 PDF 或导入后查看）")


def test_exported_workbook_verifies_and_survives_a_resave(workspace: Workspace, tmp_path: Path) -> None:
    path = _exported(workspace, tmp_path)
    data = read_xlsx_payload(path)
    verified = verify_payload(data, workspace.catalog, workspace.units)
    stored = workspace.reports.find(verified.unit.code, verified.report.period, verified.report.kind)
    assert stored is not None and verified.report.entries == stored.entries
    assert verified.digest == build_payload(stored, verified.unit)["sha256"]
    # Opened and saved again without edits (as Excel or WPS would): still the same report.
    workbook = load_workbook(path)
    workbook.save(path)
    assert read_xlsx_payload(path) == data


def _edit(path: Path, sheet: str, coordinate: str, value: object) -> None:
    workbook = load_workbook(path)
    workbook[sheet][coordinate].value = value
    workbook.save(path)


def test_edited_visible_cells_are_refused(workspace: Workspace, tmp_path: Path) -> None:
    path = _exported(workspace, tmp_path)
    workbook = load_workbook(path)
    checks = [
        CheckedCell(*(str(c) for c in row))
        for row in workbook[PAYLOAD_SHEET].iter_rows(min_col=4, max_col=9, values_only=True)
        if row[0]
    ]
    status = next(c for c in checks if c.kind == "entry" and c.field == "status")
    value = next(c for c in checks if c.kind == "indicator" and c.field == "value")
    for check, new in ((status, "已完成"), (value, 999)):
        edited = tmp_path / f"edited-{check.field}.xlsx"
        edited.write_bytes(path.read_bytes())
        _edit(edited, check.sheet, check.coordinate, new)
        with pytest.raises(PayloadError) as caught:
            read_xlsx_payload(edited)
        assert caught.value.code == "edited"
        assert "表格中的内容在导出后被改动过" in caught.value.message and check.coordinate in caught.value.message
        assert "重新导出" in caught.value.message
        if check.kind == "indicator":
            assert "指标“" in caught.value.message and "本期值" in caught.value.message


def test_edited_paragraph_of_quarterly_report_is_refused(workspace: Workspace, tmp_path: Path) -> None:
    report = quarterly_report(workspace, workspace.units.find("西沱镇").code, Period(2026, 9))
    path = export_report(workspace, report, "xlsx", tmp_path / "out")
    assert read_xlsx_payload(path)["narrative"]["work"] == (report.narrative.work if report.narrative else "")
    workbook = load_workbook(path)
    sheet = workbook["季度报告"]
    row = next(r for r in range(1, sheet.max_row + 1) if str(sheet[f"A{r}"].value).startswith("（二）"))
    sheet[f"A{row}"].value = "（二）狠抓项目落实。已在表格中改写。"
    workbook.save(path)
    with pytest.raises(PayloadError) as caught:
        read_xlsx_payload(path)
    assert caught.value.code == "edited" and "季度报告·一、工作推进情况" in caught.value.message


def test_not_a_workbook_missing_sheet_and_damaged_payload_are_refused(workspace: Workspace, tmp_path: Path) -> None:
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(PayloadError) as caught:
        read_xlsx_payload(junk)
    assert caught.value.code == "not_xlsx" and "不是有效的 Excel 文件" in caught.value.message

    plain = tmp_path / "plain.xlsx"
    Workbook().save(plain)
    with pytest.raises(PayloadError) as caught:
        read_xlsx_payload(plain)
    assert caught.value.code == "no_payload" and "没有报表数据" in caught.value.message

    damaged = _exported(workspace, tmp_path)
    workbook = load_workbook(damaged)
    chunk = workbook[PAYLOAD_SHEET]["B6"]
    chunk.value = str(chunk.value)[:-10]
    workbook.save(damaged)
    with pytest.raises(PayloadError) as caught:
        read_xlsx_payload(damaged)
    assert caught.value.code == "damaged" and "已损坏" in caught.value.message


def _table_end(sheet: object) -> int:
    return max(r for r in range(1, sheet.max_row + 1) if sheet[f"A{r}"].value)  # type: ignore[attr-defined]


@pytest.mark.parametrize("edit", ["period_row", "added_row", "indicator_target", "quarter_status"])
def test_edits_outside_the_payload_cells_are_refused(workspace: Workspace, tmp_path: Path, edit: str) -> None:
    if edit == "quarter_status":
        report = quarterly_report(workspace, workspace.units.find("西沱镇").code, Period(2026, 9))
        path = export_report(workspace, report, "xlsx", tmp_path / "out")
    else:
        path = _exported(workspace, tmp_path)
    workbook = load_workbook(path)
    first = workbook.worksheets[0]
    if edit == "period_row":
        first["A2"].value = "（2026年9月）"
        where = f"{first.title}的A2单元格"
    elif edit == "added_row":
        row = _table_end(first) + 1
        first[f"B{row}"].value = "8．加强再生资源回收利用"
        where = f"{first.title}的B{row}单元格是导出后新加的内容"
    elif edit == "indicator_target":
        sheet = workbook["指标完成情况"]
        cell = next(c for row in sheet.iter_rows(min_row=4) for c in row if c.column == 3 and c.value)
        cell.value = "不低于1"
        where = f"指标完成情况的{cell.coordinate}单元格"
    else:
        cell = next(c for row in first.iter_rows() for c in row if c.value in ("滞后", "序时推进"))
        cell.value = "已完成"
        where = f"{first.title}的{cell.coordinate}单元格"
    workbook.save(path)
    with pytest.raises(PayloadError) as caught:
        read_xlsx_payload(path)
    assert caught.value.code == "edited" and where in caught.value.message, caught.value.message
