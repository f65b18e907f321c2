"""Exported workbooks and Word files rendered by LibreOffice: one page wide at ≥ 90 %, no text cut, pages as planned."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from openpyxl import load_workbook

from shizhu_desktop.consolidation.reminders import Reminder
from shizhu_desktop.domain.deadlines import DeadlineStatus, Standing
from shizhu_desktop.domain.periods import Period
from shizhu_desktop.domain.report import Liaison, ReportKind
from shizhu_desktop.domain.units import Unit
from shizhu_desktop.exports.reminders_xlsx import write_reminders_xlsx
from shizhu_desktop.exports.xlsx_report import MONTHLY_SHEET
from shizhu_desktop.services.demo import fill_demo
from shizhu_desktop.services.exporting import export_report
from shizhu_desktop.services.workspace import Workspace
from tests.office_render import render, soffice
from tests.test_exports_data import monthly_report, no_system_fonts  # noqa: F401  (the fixture)

pytestmark = pytest.mark.usefixtures("no_system_fonts")


def _flat(text: str) -> str:
    return re.sub(r"\s", "", text)


def _rules(page: Any) -> tuple[list[float], list[float]]:
    """x of the vertical and top of the horizontal cell borders LibreOffice drew on ``page``."""
    xs, ys = set(), set()
    for edge in page.edges:
        if abs(edge["x0"] - edge["x1"]) < 0.3 and edge["height"] > 4:
            xs.add(round(edge["x0"]))
        elif abs(edge["top"] - edge["bottom"]) < 0.3 and edge["width"] > 4:
            ys.add(round(edge["top"], 1))
    return sorted(xs), sorted(ys)


def _check_table_render(pdf_path: Path, columns: list[list[str]], body_size: float) -> None:
    """Every cell's text whole in its column, no line across a cell border, one page wide, print scale ≥ 90 %."""
    found = [""] * len(columns)
    with pdfplumber.open(pdf_path) as pdf:
        sizes: Counter[float] = Counter()
        for page in pdf.pages:
            xs, ys = _rules(page)
            if "本月工作进展" not in _flat(page.extract_text() or ""):
                continue  # the other sheets' pages
            assert len(xs) == len(columns) + 1, f"page {page.page_number} is not one page wide: {xs}"
            top, bottom = min(ys), max(ys)
            for i, (left, right) in enumerate(itertools.pairwise(xs)):
                band = page.crop((left + 0.5, top, right - 0.5, bottom))
                found[i] += _flat(band.extract_text() or "")
                for char in band.chars:
                    # A last line cut by its cell shows as glyphs crossing the cell's bottom border.
                    crossing = [y for y in ys if char["top"] + 1 < y < char["bottom"] - 1]
                    assert not crossing, (page.page_number, char["text"], char["top"], crossing)
            sizes.update(round(c["size"], 1) for c in page.chars if top < c["top"] < bottom)
        assert sizes.most_common(1)[0][0] >= body_size * 0.9 - 0.05  # fit-to-width printed at 90 % or more
    for i, texts in enumerate(columns):
        for text in texts:
            assert _flat(text) in found[i], (i, text[:40])


def _sheet_columns(path: Path) -> list[list[str]]:
    sheet = load_workbook(path)[MONTHLY_SHEET]
    columns: list[list[str]] = [[] for _ in range(10)]
    for row in sheet.iter_rows(min_row=5, max_col=10, values_only=True):
        if not str(row[0] or "").isdigit():
            continue
        for i, value in enumerate(row):
            if value not in (None, ""):
                columns[i].append(str(value))
    return columns


@pytest.mark.parametrize("name", ["南宾街道", "中益乡", "县发展改革委"])
def test_monthly_workbook_renders_whole(workspace: Workspace, tmp_path: Path, name: str) -> None:
    soffice()
    unit = workspace.units.find(name)
    fill_demo(workspace, unit, Period(2026, 10), today=date(2026, 11, 3))
    report = workspace.reports.find(unit.code, Period(2026, 10), ReportKind.MONTHLY)
    assert report is not None
    path = export_report(workspace, report, "xlsx", tmp_path)
    _check_table_render(render(path, tmp_path / "render"), _sheet_columns(path), 11.0)


def test_long_texts_render_whole(workspace: Workspace, tmp_path: Path) -> None:
    soffice()
    unit = workspace.units.find("西沱镇")
    report = monthly_report(workspace, unit.code, Period(2026, 11))
    # Long but realistic: some 200 characters a cell, with numbers, marks and a line break.
    long = ("本月完成污水管网改造2.6公里（含支管0.8公里），投资约186万元；" * 6) + "\n下月继续。"
    for entry in report.entries:
        entry.progress = entry.problems = long
    report.revision = 2  # stored as a second revision of the same month
    report.id = workspace.reports.insert(report)
    path = export_report(workspace, workspace.reports.load(report.id), "xlsx", tmp_path)
    _check_table_render(render(path, tmp_path / "render"), _sheet_columns(path), 11.0)


def test_seventy_unit_reminder_list_prints_on_one_portrait_page(tmp_path: Path) -> None:
    soffice()
    period = Period(2026, 10)
    status = DeadlineStatus(ReportKind.MONTHLY, period, date(2026, 10, 26), Standing.OVERDUE, 12)
    reminders = [
        Reminder(
            Unit(f"U{n:02d}", f"石柱工业园区管委会{n}"[:9], "县级部门"),
            status,
            Liaison("", "欧阳晓燕", "13912345678"),
            None,
        )
        for n in range(70)
    ]
    path = write_reminders_xlsx(reminders, period, ReportKind.MONTHLY, date(2026, 11, 7), tmp_path / "催报.xlsx")
    pdf = render(path, tmp_path / "render")
    with pdfplumber.open(pdf) as document:
        assert len(document.pages) == 1
        page = document.pages[0]
        assert page.width < page.height  # portrait
        text = _flat(page.extract_text() or "")
        assert text.count("13912345678") == 70 and text.count("逾期12天") == 70
