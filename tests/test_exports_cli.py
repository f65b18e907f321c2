"""The command line's export of xlsx/pdf/json and import of xlsx, run for real in subprocesses."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from shizhu_desktop.domain.periods import Period
from shizhu_desktop.interchange.xlsx_payload import PAYLOAD_SHEET
from shizhu_desktop.services.workspace import Workspace
from tests.conftest import run_cli
from tests.test_exports_data import monthly_report

NO_FONTS = {"SHIZHU_FONT_DIRS": ""}


def test_export_every_format_and_import_xlsx_end_to_end(tmp_path: Path) -> None:
    unit_db, county_db, out = tmp_path / "unit.sqlite", tmp_path / "county.sqlite", tmp_path / "out"
    assert run_cli("demo", "--unit", "南宾街道", "--through", "2026-09", db=unit_db).returncode == 0
    paths = []
    for kind in ("monthly", "quarterly"):
        for fmt in ("xlsx", "pdf", "json"):
            result = run_cli(
                "export", "--unit", "南宾街道", "--period", "2026-09", "--kind", kind, "--format", fmt,
                "--out", str(out), db=unit_db, env=NO_FONTS,
            )  # fmt: skip
            assert result.returncode == 0, result.stderr
            path = Path(result.stdout.strip())
            assert path.exists() and path.suffix == f".{fmt}" and path.stat().st_size > 1000
            paths.append(path)
    assert paths[0].name.startswith("石柱县绿色低碳循环发展工作推进情况表_2026年9月_南宾街道_第")
    assert paths[3].name.startswith("石柱县绿色低碳循环发展工作推进情况报告_2026年第三季度_南宾街道_第")
    monthly_xlsx, quarterly_xlsx = paths[0], paths[3]
    imported = run_cli("import", str(monthly_xlsx), str(quarterly_xlsx), db=county_db)
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.count(".xlsx：已导入") == 2
    again = run_cli("import", str(monthly_xlsx), db=county_db)
    assert again.returncode == 0 and ".xlsx：已有相同版本" in again.stdout
    # The json of the same report is the same report.
    same = run_cli("import", str(paths[2]), db=county_db)
    assert same.returncode == 0 and ".json：已有相同版本" in same.stdout

    edited = tmp_path / "edited.xlsx"
    workbook = load_workbook(monthly_xlsx)
    workbook["工作推进情况表"]["F5"].value = "在 Excel 里改过的进展"
    workbook.save(edited)
    refused = run_cli("import", str(edited), db=tmp_path / "other.sqlite")
    assert refused.returncode == 1
    assert "edited.xlsx：已拒绝" in refused.stderr and "表格中的内容在导出后被改动过" in refused.stderr

    stripped = tmp_path / "stripped.xlsx"
    workbook = load_workbook(monthly_xlsx)
    del workbook[PAYLOAD_SHEET]
    workbook.save(stripped)
    refused = run_cli("import", str(stripped), db=tmp_path / "other.sqlite")
    assert refused.returncode == 1 and "没有报表数据" in refused.stderr


def test_missing_glyph_is_refused_unless_allowed(tmp_path: Path) -> None:
    db, out = tmp_path / "db.sqlite", tmp_path / "out"
    workspace = Workspace.open(db)
    try:
        monthly_report(workspace, workspace.units.find("龙潭乡").code, Period(2026, 11), rare=True)
    finally:
        workspace.close()
    args = ("export", "--unit", "龙潭乡", "--period", "2026-11", "--format", "pdf", "--out", str(out))
    refused = run_cli(*args, db=db, env=NO_FONTS)
    assert refused.returncode == 1 and "𠀀" in refused.stderr and "--allow-missing" in refused.stderr
    assert not out.exists() or not list(out.iterdir())
    allowed = run_cli(*args, "--allow-missing", db=db, env=NO_FONTS)
    assert allowed.returncode == 0, allowed.stderr
    assert Path(allowed.stdout.strip()).suffix == ".pdf"


def test_json_export_does_not_load_openpyxl_or_reportlab(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite"
    assert run_cli("demo", "--unit", "黄水镇", "--through", "2026-02", db=db).returncode == 0
    result = run_cli(
        "export", "--unit", "黄水镇", "--period", "2026-02", "--out", str(tmp_path), db=db,
        python_flags=("-X", "importtime"),
    )  # fmt: skip
    assert result.returncode == 0
    imported = {line.split("|")[-1].strip().split(".")[0] for line in result.stderr.splitlines() if "|" in line}
    assert "shizhu_desktop" in imported and not imported & {"openpyxl", "reportlab", "PySide6"}
