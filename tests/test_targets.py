"""Targets on official documents: only what the policy or the county set, a unit against its own share, and
plainly no 完成率 where no target was issued — with 序时进度 shown all the same."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import docx
import pdfplumber
import pytest
from openpyxl import load_workbook

from shizhu_desktop.consolidation import wording as say
from shizhu_desktop.consolidation.summary import consolidate
from shizhu_desktop.datafiles import load_catalog
from shizhu_desktop.domain.periods import Period
from shizhu_desktop.domain.report import ReportKind
from shizhu_desktop.domain.targets import time_progress, year_progress
from shizhu_desktop.exports import bulletin
from shizhu_desktop.exports.xlsx_report import INDICATOR_SHEET
from shizhu_desktop.services import tasklist
from shizhu_desktop.services.exporting import export_report
from shizhu_desktop.services.workspace import Workspace
from tests.county_helpers import PERIOD, TODAY, County, build_county
from tests.target_helpers import NANBIN_FARMLAND, NANBIN_PRODUCTS, county_list_with_targets, publish_targets
from tests.test_exports_data import monthly_report, quarterly_report


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> County:
    return build_county(tmp_path_factory.mktemp("county"))


def _indicator_rows(path: Path) -> dict[str, tuple[object, ...]]:
    sheet = load_workbook(path)[INDICATOR_SHEET]
    return {str(row[0]): row for row in sheet.iter_rows(min_row=4, values_only=True) if row[0]}


def test_the_bundled_catalog_holds_only_what_the_policy_says() -> None:
    catalog = load_catalog()
    for indicator in catalog.indicators:
        for target in indicator.targets:
            # 到2025年 / “十四五”: a target of the policy ends in 2025, or recurs every year as the text says.
            assert (target.end_year or 0) <= 2025 or (target.recurring and target.end_year is None), indicator.id
            assert not target.shares, indicator.id  # each unit's share is the county's to set
    assert [i.id for i in catalog.indicators if i.target_for(2026)] == ["green_hotel_mall_campaigns"]  # 每年开展一次
    assert all(not task.unit_measures for task in catalog.tasks)
    assert "以县里下发的任务清单为准" in catalog.assignment_note
    # The policy's date: any list the county publishes (dated the day it is published) is newer.
    assert tasklist.version_key(catalog.version)[:3] == (2022, 4, 7)
    assert tasklist.version_key(tasklist.next_version(catalog.version, date(2026, 1, 1))) > tasklist.version_key(
        catalog.version
    )


def test_an_expired_or_missing_target_is_never_compared() -> None:
    air = load_catalog().indicator("good_air_days")  # 到2025年…保持350天以上
    assert air.target_for(2025) is not None and air.completion(340, 340, 2025) == 97.1
    assert air.target_for(2026) is None and air.completion(340, 340, 2026) is None
    # 序时进度 depends on the date only: shown for a running total with or without a target, never for a rate.
    assert time_progress(air, 2026, 10) == year_progress(10) == 83.3
    assert time_progress(load_catalog().indicator("forest_coverage"), 2026, 10) is None


def test_documents_without_a_target_say_so(workspace: Workspace, tmp_path: Path) -> None:
    unit = workspace.units.find("西沱镇")
    monthly = monthly_report(workspace, unit.code, Period(2026, 10))
    rows = _indicator_rows(export_report(workspace, monthly, "xlsx", tmp_path))
    assert rows and all(row[2] == "—（县里尚未下达2026年目标）" for row in rows.values())
    assert all(row[6] is None and row[7] == "83.3%" for row in rows.values())  # no 完成率; 序时进度 of October
    report = quarterly_report(workspace, unit.code, Period(2026, 9))
    chart = docx.Document(str(export_report(workspace, report, "docx", tmp_path))).tables[1]
    assert len(chart.rows) == 1 + len(rows)
    for row in chart.rows[1:]:
        label, done, pace, note = (c.text for c in row.cells)
        assert done == "" and pace == "75%" and note.endswith("；县里尚未下达2026年目标"), label


def test_a_unit_is_measured_against_its_own_share(workspace: Workspace, tmp_path: Path) -> None:
    path = county_list_with_targets(tmp_path)
    assert tasklist.import_tasklist(workspace, path).outcome == "imported"
    unit = workspace.units.find("南宾街道")
    monthly = monthly_report(workspace, unit.code, Period(2026, 10))
    values = {v.indicator: v for v in monthly.indicators}
    rows = _indicator_rows(export_report(workspace, monthly, "xlsx", tmp_path))
    farmland, products = rows["建设高标准农田"], rows["“两品一标”认证产品"]
    assert farmland[2] == f"≥{NANBIN_FARMLAND:g}" and farmland[3] == "2026年"  # its share, not the county's 2.64
    cumulative = values["high_standard_farmland"].cumulative or 0
    assert farmland[6] == f"{round(cumulative / NANBIN_FARMLAND * 100, 1):g}%" and farmland[7] == "83.3%"
    assert products[2] == f"≥{NANBIN_PRODUCTS:g}"
    villages = rows["新建美丽宜居乡村"]  # a county target with no share for 南宾街道: never the county's 6
    assert villages[2] == "—（未分解到本单位）" and villages[6] is None and villages[7] == "83.3%"
    assert rows["发展高效节水灌溉"][2] == "—（县里尚未下达2026年目标）"
    report = quarterly_report(workspace, unit.code, Period(2026, 6))
    with pdfplumber.open(export_report(workspace, report, "pdf", tmp_path)) as pdf:
        chart = "".join((pdf.pages[-1].extract_text() or "").split())
    assert "目标（100%）" in chart and f"目标{NANBIN_FARMLAND:g}万亩（2026年）" in chart
    assert "新建美丽宜居乡村" in chart and "；未分解到本单位" in chart


def test_the_county_summary_without_and_with_its_targets(county: County, tmp_path: Path) -> None:
    db = tmp_path / "county.sqlite"
    shutil.copy(county.county_db, db)
    ws = Workspace.open(db)
    try:
        before = consolidate(ws, PERIOD, TODAY)
        unset = [f for f in before.indicators if f.figure is not None and f.target is None]
        assert unset and f"2026年目标尚未下达、不计算完成率的{len(unset)}项" in say.indicator_overview(before)
        notes = {row.label: row for row in bulletin.chart_rows(before)}
        farmland = notes["建设高标准农田（各单位合计）"]
        assert farmland.percent is None and not farmland.has_target and farmland.pace == 83.3
        assert farmland.note.endswith("；2026年目标尚未下达")
        assert say.target_text(unset[0].indicator, None, 2026) == "—（2026年目标尚未下达）"

        publish_targets(ws)
        after = consolidate(ws, PERIOD, TODAY)
        figure = next(f for f in after.indicators if f.indicator.id == "high_standard_farmland")
        assert figure.figure and figure.target and figure.target.value == 2.64  # the county's own total target
        assert figure.completion == round(figure.figure / 2.64 * 100, 1)
        row = next(r for r in bulletin.chart_rows(after) if r.label == "建设高标准农田（各单位合计）")
        assert row.has_target and "目标不低于2.64万亩（2026年）" in row.note and row.pace == 83.3
    finally:
        ws.close()


def test_reports_filed_before_the_list_arrived_get_the_targets_of_the_list_in_force(
    workspace: Workspace, tmp_path: Path
) -> None:
    unit = workspace.units.find("南宾街道")
    report = monthly_report(workspace, unit.code, Period(2026, 3))
    before = _indicator_rows(export_report(workspace, report, "xlsx", tmp_path / "before"))
    assert before["建设高标准农田"][2] == "—（县里尚未下达2026年目标）"
    publish_targets(workspace)
    reprinted = workspace.reports.find(unit.code, Period(2026, 3), ReportKind.MONTHLY)
    assert reprinted is not None
    after = _indicator_rows(export_report(workspace, reprinted, "xlsx", tmp_path / "after"))
    assert after["建设高标准农田"][2] == f"≥{NANBIN_FARMLAND:g}" and after["建设高标准农田"][7] == "25%"
