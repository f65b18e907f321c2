"""The county commands run for real: summary, timeliness/lateness, reminders, tasklist export/import."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from shizhu_desktop.datafiles import load_catalog
from shizhu_desktop.services.demo_tasklist import example_version
from tests.conftest import run_cli
from tests.county_helpers import LATE_UNIT, SILENT_UNIT, County, build_county

TODAY = "2026-11-05"
NO_FONTS = {"SHIZHU_FONT_DIRS": ""}


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> County:
    return build_county(tmp_path_factory.mktemp("county"))


def _settings(db: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(db)
    rows = list(conn.execute("SELECT key, value FROM settings ORDER BY key"))
    conn.close()
    return rows


def test_summary_in_both_formats(county: County, tmp_path: Path) -> None:
    for fmt, suffix in (
        ("xlsx", "汇总表_2026年10月.xlsx"),
        ("pdf", "通报_2026年10月.pdf"),
        ("docx", "通报_2026年10月.docx"),
    ):
        result = run_cli(
            "summary", "--period", "2026-10", "--format", fmt, "--out", str(tmp_path), "--today", TODAY,
            db=county.county_db, env=NO_FONTS,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        path = Path(result.stdout.strip())
        assert path.exists() and path.name.endswith(suffix)
    assert load_workbook(tmp_path / "石柱县绿色低碳循环发展工作推进情况汇总表_2026年10月.xlsx").sheetnames[0] == "汇总"
    assert len(PdfReader(tmp_path / "石柱县绿色低碳循环发展工作推进情况通报_2026年10月.pdf").pages) > 5
    empty = run_cli("summary", "--period", "2025-01", "--out", str(tmp_path), "--today", TODAY, db=county.county_db)
    assert empty.returncode == 0 and "还没有任何单位2025年1月的报表" in empty.stderr
    bad = run_cli("summary", "--period", "2026-10", "--format", "odt", db=county.county_db)
    assert bad.returncode == 2 and "无效的选项" in bad.stderr
    late = run_cli("summary", "--period", "2026-10", "--today", "11/05", db=county.county_db)
    assert late.returncode == 2 and "日期“11/05”格式不对" in late.stderr


def test_timeliness_json_text_and_alias(county: County) -> None:
    result = run_cli("timeliness", "--year", "2026", "--json", "--today", TODAY, db=county.county_db)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["totals"][9] == {"应报": 63, "按时": 6, "逾期": 1, "未报": 56, "未到期": 0}
    late = next(u for u in data["units"] if u["name"] == LATE_UNIT)
    assert late["cells"][9] == "逾期3天" and late["group"] == "镇"
    text = run_cli("lateness", "--year", "2026", "--kind", "quarterly", "--today", TODAY, db=county.county_db)
    assert text.returncode == 0 and "第三季度" in text.stdout and "【县级部门】30个" in text.stdout
    assert text.stdout.splitlines()[-2].split()[:1] == ["未报"]
    # No key was confirmed yet: every received cell says so, and the last line explains the mark.
    assert "按时△" in text.stdout and text.stdout.splitlines()[-1].endswith("△ 密钥待确认")


def test_reminders_text_and_workbook(county: County, tmp_path: Path) -> None:
    result = run_cli("reminders", "--period", "2026-10", "--today", TODAY, db=county.county_db)
    assert result.returncode == 0 and "共56个单位尚未报送" in result.stderr
    lines = result.stdout.strip().split("\n")
    assert len(lines) == 56 and any(line.startswith(f"{SILENT_UNIT}\t") and line.count("\t") == 3 for line in lines)
    saved = run_cli("reminders", "--period", "2026-10", "--today", TODAY, "--out", str(tmp_path), db=county.county_db)
    assert saved.returncode == 0 and Path(saved.stdout.strip()).name == "催报名单_2026年10月工作推进情况表.xlsx"


def test_county_commands_do_not_load_qt_or_writers(county: County) -> None:
    result = run_cli("timeliness", "--year", "2026", "--json", db=county.county_db, python_flags=("-X", "importtime"))
    assert result.returncode == 0
    imported = {line.split("|")[-1].strip().split(".")[0] for line in result.stderr.splitlines() if "|" in line}
    assert "shizhu_desktop" in imported and not imported & {"PySide6", "shiboken6", "openpyxl", "reportlab"}


def test_tasklist_export_edit_publish_and_import(tmp_path: Path) -> None:
    county, unit, out = tmp_path / "county.sqlite", tmp_path / "unit.sqlite", tmp_path / "下发"
    demo = run_cli("demo", "--unit", "黄水镇", "--through", "2026-03", db=unit)
    assert demo.returncode == 0 and "示例任务清单（2026年示例目标及分解，数值虚构，仅供演示）" in demo.stdout
    bundled = run_cli("tasklist", "export", "--out", str(out), "--format", "json", db=county)
    assert bundled.returncode == 0, bundled.stderr
    data = json.loads(Path(bundled.stdout.strip()).read_text(encoding="utf-8"))
    assert data["format"] == "shizhu-task-list" and data["catalog"]["version"] == load_catalog().version
    data["catalog"]["tasks"][1]["lead_unit"] = "D24"  # the county edits the list as data
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    published = run_cli(
        "tasklist", "export", "--from", str(edited), "--out", str(out), "--today", "2026-11-20", db=county, env=NO_FONTS
    )
    assert published.returncode == 0, published.stderr
    assert "已在本机发布任务清单版本 2026-11-20.1" in published.stderr and "改为县林业局" in published.stderr
    xlsx = Path(published.stdout.strip())
    assert xlsx.name == "石柱县绿色低碳循环发展重点任务清单_版本2026-11-20.1.xlsx"

    before = _settings(unit)
    preview = run_cli("tasklist", "import", str(xlsx), "--dry-run", db=unit)
    assert preview.returncode == 0 and "（试运行，未写入）" in preview.stdout and "改为县林业局" in preview.stdout
    assert _settings(unit) == before
    done = run_cli("tasklist", "import", "--db", str(unit), str(xlsx))  # --db after the action works too
    assert done.returncode == 0, done.stderr
    assert f"已导入任务清单（版本 2026-11-20.1，原版本 {example_version()}）" in done.stdout  # the demo's example
    assert _settings(unit) != before
    older = run_cli("tasklist", "import", bundled.stdout.strip(), db=unit)
    assert (
        older.returncode == 1 and "比本机正在使用的版本（2026-11-20.1）旧" in older.stderr and "--force" in older.stderr
    )
    missing = run_cli("tasklist", "import", str(tmp_path / "none.xlsx"), db=unit)
    assert missing.returncode == 1 and "找不到文件" in missing.stderr
    usage = run_cli("tasklist", db=unit)
    assert usage.returncode == 2 and "缺少必需的参数" in usage.stderr
