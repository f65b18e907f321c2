"""The demo shows targets only as what they are: an example task list it publishes in its own database."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import load_workbook

from shizhu_desktop.domain.periods import Period
from shizhu_desktop.domain.report import ReportKind
from shizhu_desktop.domain.targets import EXAMPLE_ISSUER
from shizhu_desktop.exports.tasklist_xlsx import LIST_SHEET
from shizhu_desktop.exports.xlsx_report import INDICATOR_SHEET
from shizhu_desktop.services import tasklist
from shizhu_desktop.services.demo import fill_demo
from shizhu_desktop.services.demo_tasklist import example_version, publish_example_tasklist
from shizhu_desktop.services.exporting import export_report
from shizhu_desktop.services.workspace import Workspace
from tests.target_helpers import county_list_with_targets

TODAY = date(2026, 11, 23)


def _targets_of(workspace: Workspace, year: int) -> list[str]:
    return [i.id for i in workspace.catalog.indicators if i.target_for(year) is not None]


def test_the_demo_publishes_its_example_list_in_its_own_database_only(tmp_path: Path) -> None:
    demo = Workspace.open(tmp_path / "demo.sqlite")
    real = Workspace.open(tmp_path / "unit.sqlite")
    try:
        unit = demo.units.find("西沱镇")
        assert fill_demo(demo, unit, Period(2026, 10), today=TODAY).example_list
        current = tasklist.current_tasklist(demo)
        assert current.distributed and current.issued_by == EXAMPLE_ISSUER and current.issued_on == "2026-01-05"
        assert demo.catalog.version == example_version() and example_version().startswith("示例-")
        assert current.label == f"任务清单版本 {example_version()}（演示用示例清单，目标和分解均为虚构）"
        farmland = demo.catalog.indicator("high_standard_farmland").target_for(2026)
        assert farmland is not None and farmland.text.endswith("（示例）") and farmland.share_for(unit.code)
        # The demo's documents carry the example targets: its own share, 完成率 and 序时进度.
        report = demo.reports.find(unit.code, Period(2026, 10), ReportKind.MONTHLY)
        assert report is not None
        sheet = load_workbook(export_report(demo, report, "xlsx", tmp_path))[INDICATOR_SHEET]
        rows = {r[0]: r for r in sheet.iter_rows(min_row=4, values_only=True) if r[0]}
        own = farmland.share_for(unit.code)
        assert rows["建设高标准农田"][2] == f"≥{own:g}" and rows["建设高标准农田"][6] and rows["建设高标准农田"][7]
        # Another database on the same machine knows nothing of it.
        assert not tasklist.current_tasklist(real).distributed
        assert _targets_of(real, 2026) == ["green_hotel_mall_campaigns"]
        # The example says what it is when its list is exported, and the file name keeps 示例.
        exported = tasklist.export_tasklist(demo, tmp_path / "out", today=TODAY)
        assert "示例" in exported.name
        heading = str(load_workbook(exported)[LIST_SHEET]["A2"].value)
        assert EXAMPLE_ISSUER in heading and "仅供演示" in heading and "县政府督查办" not in heading
        # A demo of the next year adds that year's examples and keeps the first year's.
        assert publish_example_tasklist(demo, 2027, date(2027, 3, 1))
        assert "high_standard_farmland" in _targets_of(demo, 2027) and demo.catalog.version == example_version()
        assert demo.catalog.indicator("high_standard_farmland").target_for(2026) == farmland
        assert not publish_example_tasklist(demo, 2027, date(2027, 3, 1))  # nothing new: nothing written
    finally:
        demo.close()
        real.close()


def test_the_countys_list_replaces_the_example_and_the_demo_never_replaces_it(tmp_path: Path) -> None:
    county_file = county_list_with_targets(tmp_path)
    demo = Workspace.open(tmp_path / "demo.sqlite")
    try:
        fill_demo(demo, demo.units.find("南宾街道"), Period(2026, 3), today=date(2026, 4, 2))
        # The example sorts with the bundled list: the county's list, issued later, is newer and is taken.
        result = tasklist.import_tasklist(demo, county_file)
        assert result.outcome == "imported" and result.previous_version == example_version()
        county_list = demo.catalog
        assert tasklist.current_tasklist(demo).issued_by == "县政府督查办"
        farmland = county_list.indicator("high_standard_farmland").target_for(2026)
        assert farmland is not None and "示例" not in farmland.text
        assert "forest_eco_label_base" not in _targets_of(demo, 2026)  # only what the county set
        # More demo months: the county's targets stay, no example is added over them.
        outcome = fill_demo(demo, demo.units.find("南宾街道"), Period(2026, 5), today=date(2026, 6, 2))
        assert not outcome.example_list and demo.catalog == county_list
        assert not publish_example_tasklist(demo, 2027, date(2027, 3, 1))
    finally:
        demo.close()
