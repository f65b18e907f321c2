"""Distributing the 重点任务清单: the county edits, publishes and exports it; a unit imports it, sees the changes."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from shizhu_desktop.consolidation.tasklist_changes import catalog_to_dict, describe_changes
from shizhu_desktop.datafiles import load_catalog, load_units
from shizhu_desktop.domain.catalog import Catalog, Target, catalog_from_dict
from shizhu_desktop.domain.periods import Period
from shizhu_desktop.domain.report import ReportKind
from shizhu_desktop.exports.tasklist_xlsx import DATA_SHEET, LIST_SHEET
from shizhu_desktop.services import tasklist
from shizhu_desktop.services.demo import fill_demo
from shizhu_desktop.services.demo_tasklist import example_version
from shizhu_desktop.services.exchange import export_json, import_files
from shizhu_desktop.services.workspace import Workspace
from shizhu_desktop.store.catalogs import CATALOG_KEY
from shizhu_desktop.store.settings import SettingsRepository

PUBLISHED = date(2026, 11, 20)
BUNDLED = load_catalog().version  # the policy's own list: no target after 2025
UNIT = "金竹乡"  # dropped from task 13 and added to task 20 by the county's edit


def _rows(path: Path, *tables: str) -> str:
    conn = sqlite3.connect(path)
    rows = [r for t in tables for r in conn.execute(f"SELECT * FROM {t} ORDER BY 1")]
    conn.close()
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def _edited(county: Workspace) -> Catalog:
    catalog = county.catalog
    code = county.units.find(UNIT).code
    catalog = tasklist.edit_task(catalog, 2, lead_unit=county.units.find("县林业局").code)
    catalog = tasklist.edit_task(catalog, 3, title="提高服务业绿色发展水平（含文旅）")
    catalog = tasklist.edit_task(catalog, 7, measures=[*catalog.task(7).measures, "推广新能源物流配送车辆。"])
    thirteen = [c for c in catalog.task(13).responsible_units if c != code]
    catalog = tasklist.edit_task(catalog, 13, responsible_units=thirteen)
    catalog = tasklist.edit_task(catalog, 20, responsible_units=[*catalog.task(20).responsible_units, code])
    products = catalog.indicator("green_certified_products")
    return tasklist.set_targets(
        catalog, products.id, [*products.targets, Target(200.0, ">=", "到2030年达到200个", end_year=2030)]
    )


@pytest.fixture
def county_list(tmp_path: Path) -> tuple[Path, list[str]]:
    """The county publishes its edited list and exports it; returns the .xlsx and the changes it announced."""
    county = Workspace.open(tmp_path / "county.sqlite")
    try:
        changes = tasklist.publish_catalog(county, _edited(county), today=PUBLISHED)
        assert county.catalog.version == "2026-11-20.1"
        path = tasklist.export_tasklist(county, tmp_path / "下发", today=PUBLISHED)
    finally:
        county.close()
    return path, changes


def test_catalog_as_data_round_trips() -> None:
    catalog = load_catalog()
    assert catalog_from_dict(catalog_to_dict(catalog), (u.code for u in load_units())) == catalog
    assert describe_changes(catalog, catalog, str) == []


def test_versions_order_by_their_numbers() -> None:
    assert (
        tasklist.version_key("2026-11-20.2")
        > tasklist.version_key("2026-11-20.1")
        > tasklist.version_key("2022-04-07.1")
    )
    assert tasklist.next_version("2022-04-07.1", PUBLISHED) == "2026-11-20.1"
    assert tasklist.next_version("2026-11-20.1", PUBLISHED) == "2026-11-20.2"
    assert tasklist.version_key(tasklist.next_version("2030-01-01.3", PUBLISHED)) > tasklist.version_key("2030-01-01.3")


def test_county_publishes_and_exports_a_readable_list(county_list: tuple[Path, list[str]], tmp_path: Path) -> None:
    path, changes = county_list
    assert path.name == "石柱县绿色低碳循环发展重点任务清单_版本2026-11-20.1.xlsx"
    assert "任务2“加快农业绿色发展”的牵头单位由县农业农村委改为县林业局。" in changes
    assert f"任务13“推进城镇环境基础设施建设升级”减少责任单位1个：{UNIT}。" in changes
    assert "指标“两品一标”认证产品新增目标：到2030年达到200个（不低于200个，2030年）。" in changes
    book = load_workbook(path)
    assert book.sheetnames == [LIST_SHEET, DATA_SHEET] and book[DATA_SHEET].sheet_state == "veryHidden"
    sheet = book[LIST_SHEET]
    assert sheet.page_setup.orientation == "landscape" and sheet.print_title_rows
    assert [c.value for c in sheet[4]] == ["序号", "重点任务", "具体举措", "牵头单位", "责任单位", "指标与目标"]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=5, values_only=True) if row[0] and row[1]}
    assert len(rows) == 23 and rows["2"][3] == "县林业局" and "全县33个乡镇（街道）" in rows["2"][4]
    assert "到2030年达到200个" in rows["2"][5] and rows["3"][1] == "提高服务业绿色发展水平（含文旅）"
    assert "推广新能源物流配送车辆。" in rows["7"][2]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert "版本 2026-11-20.1" in sheet["A2"].value and "县政府督查办2026年11月20日印发" in sheet["A2"].value
    # The county's own workspace now works with the list it published.
    county = Workspace.open(tmp_path / "county.sqlite")
    try:
        assert county.catalog.version == "2026-11-20.1" and county.catalog.task(2).lead_unit == "D24"
        assert not county.catalog.task(2).assignment_is_default
        assert tasklist.current_tasklist(county).label == "任务清单版本 2026-11-20.1（县政府督查办2026年11月20日下发）"
    finally:
        county.close()


def test_unit_imports_the_list_and_keeps_its_reports(county_list: tuple[Path, list[str]], tmp_path: Path) -> None:
    path, _ = county_list
    db = tmp_path / "unit.sqlite"
    unit_ws = Workspace.open(db)
    unit = unit_ws.units.find(UNIT)
    fill_demo(unit_ws, unit, Period(2026, 10), today=date(2026, 11, 5))
    before_tasks = unit_ws.profile().tasks  # type: ignore[union-attr]
    assert 13 in before_tasks and 20 not in before_tasks
    unit_ws.close()
    reports_before = _rows(db, "reports", "entries", "indicator_values", "narratives")
    settings_before = _rows(db, "settings", "profile_tasks")

    unit_ws = Workspace.open(db)
    try:
        preview = tasklist.import_tasklist(unit_ws, path, dry_run=True)
        assert preview.outcome == "preview" and preview.lines[0].startswith("（试运行，未写入）")
        assert unit_ws.catalog.version == example_version()  # the demo's example list, still in force
    finally:
        unit_ws.close()
    assert _rows(db, "settings", "profile_tasks") == settings_before

    unit_ws = Workspace.open(db)
    try:
        result = tasklist.import_tasklist(unit_ws, path)
        assert result.outcome == "imported" and result.previous_version == example_version()
        assert "本单位新增填报任务：任务20。" in result.lines
        assert "本单位不再填报任务：任务13（以前的报表保持不变）。" in result.lines
        assert "任务3的名称由“提高服务业绿色发展水平”改为“提高服务业绿色发展水平（含文旅）”。" in result.lines
        assert any(line.startswith("任务7“打造绿色物流”的具体举措由") for line in result.lines)
        assert unit_ws.catalog.version == "2026-11-20.1"
        again = tasklist.import_tasklist(unit_ws, path)
        assert again.outcome == "same" and again.lines == ["本机已在使用这份任务清单（版本 2026-11-20.1），无需导入。"]
    finally:
        unit_ws.close()
    assert _rows(db, "reports", "entries", "indicator_values", "narratives") == reports_before
    reopened = Workspace.open(db)
    try:
        assert reopened.catalog.version == "2026-11-20.1" and reopened.catalog.task(2).lead_unit == "D24"
        profile = reopened.profile()
        assert profile is not None and 20 in profile.tasks and 13 not in profile.tasks
        old = reopened.reports.find(unit.code, Period(2026, 10), ReportKind.MONTHLY)
        assert old is not None and old.entry(13) is not None  # the old report still has its task 13 row
        # A report of the new list still goes through the county's checks.
        out = export_json(reopened, old, tmp_path / "out")
    finally:
        reopened.close()
    county = Workspace.open(tmp_path / "county.sqlite")
    try:
        assert [r.outcome.label for r in import_files(county, [out])] == ["已导入"]
    finally:
        county.close()


def test_older_or_conflicting_list_is_refused_unless_forced(
    county_list: tuple[Path, list[str]], tmp_path: Path
) -> None:
    path, _ = county_list
    other = Workspace.open(tmp_path / "other-county.sqlite")  # still on the bundled list
    _share_key(tmp_path / "county.sqlite", other)  # the same office, on a copy of its database
    old_list = tasklist.export_tasklist(other, tmp_path / "旧", fmt="json", today=date(2026, 1, 5))
    # The same version number with a different content (a second office publishing on the same day).
    clash = tasklist.edit_task(other.catalog, 5, title="另一个标题")
    tasklist.publish_catalog(other, clash, today=PUBLISHED)
    assert other.catalog.version == "2026-11-20.1"
    clash_list = tasklist.export_tasklist(other, tmp_path / "冲突", today=PUBLISHED)
    other.close()
    unit_ws = Workspace.open(tmp_path / "unit.sqlite")
    try:
        tasklist.import_tasklist(unit_ws, path)
        before = _rows(tmp_path / "unit.sqlite", "settings")
        with pytest.raises(
            tasklist.TaskListError,
            match=rf"版本（{BUNDLED.replace('.', '[.]')}）比本机正在使用的版本（2026-11-20[.]1）旧",
        ):
            tasklist.import_tasklist(unit_ws, old_list)
        with pytest.raises(tasklist.TaskListError, match=r"版本号相同（2026-11-20\.1），但内容不同"):
            tasklist.import_tasklist(unit_ws, clash_list)
        assert _rows(tmp_path / "unit.sqlite", "settings") == before
        forced = tasklist.import_tasklist(unit_ws, old_list, force=True)
        assert forced.outcome == "imported" and unit_ws.catalog.version == BUNDLED
    finally:
        unit_ws.close()


def _share_key(source: Path, target: Workspace) -> None:
    """Give ``target`` the installation key of the database at ``source`` (as a restored backup would)."""
    from shizhu_desktop.store.keys import OwnKeyRepository

    conn = sqlite3.connect(source)
    private_key, public_key = conn.execute("SELECT private_key, public_key FROM own_key").fetchone()
    conn.close()
    OwnKeyRepository(target.db).create(bytes(private_key), bytes(public_key))


def test_the_unit_pins_the_county_key_and_refuses_a_list_signed_by_another(
    county_list: tuple[Path, list[str]], tmp_path: Path
) -> None:
    from shizhu_desktop.services.identity import own_key
    from shizhu_desktop.services.tasklist_trust import pinned_county_key

    path, _ = county_list
    county = Workspace.open(tmp_path / "county.sqlite")
    county_fingerprint = own_key(county).fingerprint
    county.close()
    forger = Workspace.open(tmp_path / "forger.sqlite")  # publishes a list of its own, signed with its own key
    tasklist.publish_catalog(forger, tasklist.edit_task(forger.catalog, 5, title="伪造"), today=date(2026, 12, 1))
    forged = tasklist.export_tasklist(forger, tmp_path / "伪造", today=date(2026, 12, 1))
    forger_fingerprint = own_key(forger).fingerprint
    forger.close()
    unit_ws = Workspace.open(tmp_path / "unit.sqlite")
    try:
        preview = tasklist.import_tasklist(unit_ws, path, dry_run=True)
        assert any(county_fingerprint in line for line in preview.lines)
        assert pinned_county_key(unit_ws) is None  # a preview pins nothing
        tasklist.import_tasklist(unit_ws, path)
        pinned = pinned_county_key(unit_ws)
        assert pinned is not None and pinned[1] == county_fingerprint
        before = _rows(tmp_path / "unit.sqlite", "settings")
        with pytest.raises(tasklist.TaskListError) as refused:
            tasklist.import_tasklist(unit_ws, forged)
        assert county_fingerprint in str(refused.value) and forger_fingerprint in str(refused.value)
        assert "--new-county-key" in str(refused.value)
        assert _rows(tmp_path / "unit.sqlite", "settings") == before
        # On purpose, after a phone call: the new key is accepted and pinned.
        accepted = tasklist.import_tasklist(unit_ws, forged, new_county_key=forger_fingerprint.lower())
        assert accepted.outcome == "imported"
        pinned = pinned_county_key(unit_ws)
        assert pinned is not None and pinned[1] == forger_fingerprint
    finally:
        unit_ws.close()


def test_an_unsigned_or_re_sealed_task_list_is_refused(county_list: tuple[Path, list[str]], tmp_path: Path) -> None:
    from shizhu_desktop.interchange.canonical import canonical_json, seal

    assert county_list[0].exists()  # the county's database now holds a published list and its key
    county = Workspace.open(tmp_path / "county.sqlite")
    json_list = tasklist.export_tasklist(county, tmp_path / "json", fmt="json", today=PUBLISHED)
    county.close()
    data = json.loads(json_list.read_text(encoding="utf-8"))
    unsigned = {k: v for k, v in data.items() if k != "signature"}
    (tmp_path / "unsigned.json").write_bytes(canonical_json(seal(unsigned)))
    edited = dict(data, issued_by="县发展改革委")  # the digest recomputed, the signature left as it was
    (tmp_path / "edited.json").write_bytes(canonical_json(seal(edited)))
    unit_ws = Workspace.open(tmp_path / "unit.sqlite")
    try:
        with pytest.raises(tasklist.TaskListError, match="没有签名"):
            tasklist.import_tasklist(unit_ws, tmp_path / "unsigned.json")
        with pytest.raises(tasklist.TaskListError, match="签名不符"):
            tasklist.import_tasklist(unit_ws, tmp_path / "edited.json")
        assert tasklist.import_tasklist(unit_ws, json_list).outcome == "imported"
    finally:
        unit_ws.close()


def test_tampered_and_wrong_files_are_refused(county_list: tuple[Path, list[str]], tmp_path: Path) -> None:
    path, _ = county_list
    unit_ws = Workspace.open(tmp_path / "unit.sqlite")
    try:
        edited = tmp_path / "edited.xlsx"
        book = load_workbook(path)
        book[LIST_SHEET]["D6"] = "县发展改革委"  # task 1's lead unit, changed in Excel
        book.save(edited)
        with pytest.raises(tasklist.TaskListError, match=r"被改动过（任务1·牵头单位，D6单元格）"):
            tasklist.import_tasklist(unit_ws, edited)
        hidden = tmp_path / "hidden.xlsx"
        book = load_workbook(path)
        book[DATA_SHEET]["B8"] = str(book[DATA_SHEET]["B8"].value).replace("D24", "D23", 1)
        book.save(hidden)
        with pytest.raises(tasklist.TaskListError, match="数据内容与其校验码不符"):
            tasklist.import_tasklist(unit_ws, hidden)
        county = Workspace.open(tmp_path / "county.sqlite")
        as_json = tasklist.export_tasklist(county, tmp_path / "json", fmt="json")
        county.close()
        data = json.loads(as_json.read_text(encoding="utf-8"))
        data["catalog"]["tasks"][0]["lead_unit"] = "D01"
        forged = tmp_path / "forged.json"
        forged.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        with pytest.raises(tasklist.TaskListError, match="校验码不符"):
            tasklist.import_tasklist(unit_ws, forged)
        report = tmp_path / "report.json"
        report.write_text('{"format": "shizhu-green-report"}', encoding="utf-8")
        with pytest.raises(tasklist.TaskListError, match="不是任务清单文件"):
            tasklist.import_tasklist(unit_ws, report)
        with pytest.raises(tasklist.TaskListError, match="文件类型不对"):
            tasklist.import_tasklist(unit_ws, tmp_path / "list.docx")
        assert unit_ws.catalog.version == BUNDLED
        assert SettingsRepository(unit_ws.db).get(CATALOG_KEY) is None
    finally:
        unit_ws.close()


def test_a_report_xlsx_is_not_a_task_list(tmp_path: Path) -> None:
    from shizhu_desktop.services.exporting import export_report

    unit_ws = Workspace.open(tmp_path / "unit.sqlite")
    try:
        unit = unit_ws.units.find("南宾街道")
        fill_demo(unit_ws, unit, Period(2026, 2), today=date(2026, 3, 1))
        report = unit_ws.reports.find(unit.code, Period(2026, 2), ReportKind.MONTHLY)
        assert report is not None
        xlsx = export_report(unit_ws, report, "xlsx", tmp_path)
        with pytest.raises(tasklist.TaskListError, match="不是本程序导出的重点任务清单（报表文件请用“导入报表”）"):
            tasklist.import_tasklist(unit_ws, xlsx)
    finally:
        unit_ws.close()


def test_an_unusable_stored_list_falls_back_to_the_bundled_one(tmp_path: Path) -> None:
    db = tmp_path / "unit.sqlite"
    ws = Workspace.open(db)
    data = catalog_to_dict(ws.catalog)
    data["version"] = "2026-12-01.1"
    data["tasks"][0]["lead_unit"] = "D99"  # a unit this program does not know
    SettingsRepository(ws.db).set(CATALOG_KEY, data)
    ws.close()
    ws = Workspace.open(db)
    try:
        assert ws.catalog.version == BUNDLED
        current = tasklist.current_tasklist(ws)
        assert not current.distributed and "D99" in current.problem and "重新导入" in current.problem
    finally:
        ws.close()


def test_publishing_checks_the_catalog(tmp_path: Path) -> None:
    ws = Workspace.open(tmp_path / "county.sqlite")
    try:
        bad = tasklist.edit_task(ws.catalog, 4, lead_unit="D99")
        with pytest.raises(tasklist.TaskListError, match=r"D99.*不在单位名单中"):
            tasklist.publish_catalog(ws, bad, today=PUBLISHED)
        assert ws.catalog.version == BUNDLED
        assert tasklist.publish_catalog(ws, ws.catalog, today=PUBLISHED) == []  # nothing changed: same version
    finally:
        ws.close()


def test_a_task_list_dropped_on_report_import_gets_its_own_message(tmp_path: Path) -> None:
    from shizhu_desktop.services.exchange import TASKLIST_NOT_REPORT, Outcome, import_files
    from shizhu_desktop.services.tasklist import export_tasklist

    workspace = Workspace.open(tmp_path / "w.sqlite")
    files = [export_tasklist(workspace, tmp_path / "out", fmt=fmt) for fmt in ("xlsx", "json")]
    results = import_files(workspace, files)
    assert [r.outcome for r in results] == [Outcome.REFUSED, Outcome.REFUSED]
    assert all(r.message == TASKLIST_NOT_REPORT for r in results)
    workspace.close()


def test_catalog_command_shows_the_list_in_force(tmp_path: Path) -> None:
    from tests.conftest import run_cli

    county, unit = tmp_path / "county.sqlite", tmp_path / "unit.sqlite"
    bundled = json.loads(run_cli("catalog", "--json").stdout)["version"]
    exported = run_cli("tasklist", "export", "--format", "json", "--out", str(tmp_path), db=county)
    assert exported.returncode == 0, exported.stderr
    data = json.loads(Path(exported.stdout.strip().splitlines()[-1]).read_text(encoding="utf-8"))
    data["catalog"]["tasks"][20]["lead_unit"] = "D08"
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    published = run_cli("tasklist", "export", "--from", str(edited), "--out", str(tmp_path / "new"), db=county)
    assert published.returncode == 0, published.stderr
    assert run_cli("tasklist", "import", published.stdout.strip().splitlines()[-1], db=unit).returncode == 0
    shown = json.loads(run_cli("catalog", "--json", db=unit).stdout)
    assert shown["version"] != bundled
    assert shown["sections"][5]["tasks"][2]["lead_unit"]["name"] == "县财政局"


def test_publishing_an_edit_of_an_old_list_gets_a_newer_version(tmp_path: Path) -> None:
    workspace = Workspace.open(tmp_path / "county.sqlite")
    bundled = workspace.catalog
    first = tasklist.publish_catalog(
        workspace, tasklist.edit_task(bundled, 21, lead_unit="D08"), today=date(2026, 11, 20)
    )
    assert first and workspace.catalog.version != bundled.version
    in_force = workspace.catalog.version
    # An edit made from the old bundled file (still carrying the bundled version number).
    tasklist.publish_catalog(workspace, tasklist.edit_task(bundled, 22, lead_unit="D01"), today=date(2026, 11, 24))
    assert tasklist.version_key(workspace.catalog.version) > tasklist.version_key(in_force)
    workspace.close()


def test_a_new_task_list_counts_from_the_month_it_was_issued(tmp_path: Path) -> None:
    from shizhu_desktop.consolidation.summary import consolidate
    from shizhu_desktop.consolidation.timeliness import timeliness_matrix

    county = Workspace.open(tmp_path / "county.sqlite")
    audit = county.units.find("县审计局").code
    before = timeliness_matrix(county, 2026, today=date(2026, 12, 1))
    october_before = before.column_totals(9).expected
    task14_before = len(
        [r for r in consolidate(county, Period(2026, 10), date(2026, 12, 1)).task(14).rows if r.assigned]
    )
    task18 = county.catalog.task(18)
    edited = tasklist.edit_task(county.catalog, 18, responsible_units=(*task18.responsible_units, audit))
    edited = tasklist.edit_task(edited, 14, responsible_units=(*county.catalog.task(14).responsible_units, "500240216"))
    tasklist.publish_catalog(county, edited, today=date(2026, 11, 20))
    after = timeliness_matrix(county, 2026, today=date(2026, 12, 1))
    row = next(i for i, r in enumerate(after.rows) if r.unit.code == audit)
    assert after.cell(row, 9).label == "—" and after.cell(row, 10).label == "未报"  # October no, November yes
    assert after.column_totals(9).expected == october_before
    assert after.column_totals(10).expected == october_before + 1
    october = consolidate(county, Period(2026, 10), date(2026, 12, 1))
    assert len([r for r in october.task(14).rows if r.assigned]) == task14_before  # 龙潭乡 not yet in October
    november = consolidate(county, Period(2026, 11), date(2026, 12, 1))
    assert len([r for r in november.task(14).rows if r.assigned]) == task14_before + 1
    county.close()
