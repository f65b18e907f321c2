"""Folders as clerks name them: Chinese characters and spaces in the database, export, backup and user folders."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from shizhu_desktop.interchange.xlsx_payload import PAYLOAD_SHEET
from tests.conftest import run_cli


@pytest.fixture
def documents(tmp_path: Path) -> Path:
    folder = tmp_path / "张三 的文档" / "绿色 低碳 填报"
    folder.mkdir(parents=True)
    return folder


def _entries(db: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT * FROM entries ORDER BY rowid").fetchall()
    conn.close()
    return rows


def test_export_and_import_through_folders_with_chinese_names_and_spaces(documents: Path) -> None:
    unit_db = documents / "数据 库" / "南宾 街道.sqlite"
    out = documents / "导出 文件" / "2026年 10月"
    assert run_cli("demo", "--unit", "南宾街道", "--through", "2026-10", db=unit_db).returncode == 0
    written: dict[str, Path] = {}
    for fmt in ("xlsx", "pdf", "json"):
        args = ("export", "--unit", "南宾街道", "--period", "2026-10", "--format", fmt, "--out", str(out))
        result = run_cli(*args, db=unit_db)
        assert result.returncode == 0, result.stderr
        written[fmt] = Path(result.stdout.strip())
        assert written[fmt].parent == out and written[fmt].stat().st_size > 0
    workbook = load_workbook(written["xlsx"])
    assert PAYLOAD_SHEET in workbook.sheetnames
    text = "".join(page.extract_text() for page in PdfReader(written["pdf"]).pages)
    assert "南宾街道" in text

    county_db = documents / "县 汇总" / "督查 办.sqlite"
    imported = run_cli("import", str(written["xlsx"]), db=county_db)
    assert imported.returncode == 0, imported.stderr
    assert "已导入" in imported.stdout and written["xlsx"].name in imported.stdout


def test_backup_to_a_usb_folder_with_spaces_and_restore(documents: Path, tmp_path: Path) -> None:
    db = documents / "数据 库" / "黄水 镇.sqlite"
    assert run_cli("demo", "--unit", "黄水镇", "--through", "2026-03", db=db).returncode == 0
    before = _entries(db)
    usb = tmp_path / "U盘 (E)" / "备份 2026年"
    backup = run_cli("backup", "--out", str(usb / "黄水镇 备份 1.sqlite"), db=db)
    assert backup.returncode == 0, backup.stderr
    assert Path(backup.stdout.strip()) == usb / "黄水镇 备份 1.sqlite"
    assert run_cli("demo", "--unit", "黄水镇", "--through", "2026-06", db=db).returncode == 0
    assert _entries(db) != before
    restored = run_cli("restore", str(usb / "黄水镇 备份 1.sqlite"), db=db)
    assert restored.returncode == 0, restored.stderr
    assert _entries(db) == before


def test_default_database_in_the_data_folder_of_a_chinese_user_name(tmp_path: Path) -> None:
    profile = tmp_path / "Users" / "张 三"
    env = {"XDG_DATA_HOME": str(profile / ".local" / "share"), "LOCALAPPDATA": str(profile / "AppData" / "Local")}
    result = run_cli("demo", "--unit", "龙潭乡", "--through", "2026-01", env=env)
    assert result.returncode == 0, result.stderr
    base = Path(env["LOCALAPPDATA"] if sys.platform == "win32" else env["XDG_DATA_HOME"])
    database = base / "shizhu-desktop" / "shizhu.sqlite"
    assert database.is_file()
    assert run_cli("backup", env=env).returncode == 0
    assert len(list((database.parent / "backups").iterdir())) == 1
