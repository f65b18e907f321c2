"""The command line, run for real in a subprocess: output, exit codes, and nothing stored when refusing."""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from pathlib import Path
from typing import Any

from tests.conftest import run_cli
from tests.test_catalog_units import TARGETS, TOWNSHIPS


def _db_digest(path: Path) -> str:
    """A digest of the database's rows (not its bytes: WAL checkpoints move bytes around)."""
    conn = sqlite3.connect(path)
    rows = [line for line in conn.iterdump() if line.startswith("INSERT")]
    conn.close()
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()


def test_catalog_json() -> None:
    result = run_cli("catalog", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert len(data["sections"]) == 6
    assert sum(len(s["tasks"]) for s in data["sections"]) == 23
    values = {(i["name"], t["value"]) for i in data["indicators"] for t in i["targets"]}
    for fragment, value, _ in TARGETS:
        assert any(fragment in name and v == value for name, v in values), fragment


def test_catalog_text_is_chinese() -> None:
    result = run_cli("catalog")
    assert result.returncode == 0
    assert "（一）健全绿色低碳循环发展的生产体系" in result.stdout and "共6个部分、23项任务" in result.stdout


def test_units_json() -> None:
    result = run_cli("units", "--json")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    townships = {u["code"]: u["name"] for u in data["units"] if u["kind"] in ("街道", "镇", "乡")}
    assert townships == TOWNSHIPS
    assert data["receiving_office"]["name"] == "县政府督查办"


def test_catalog_does_not_import_qt_openpyxl_or_reportlab() -> None:
    result = run_cli("catalog", "--json", python_flags=("-X", "importtime"))
    assert result.returncode == 0
    imported = {line.split("|")[-1].strip().split(".")[0] for line in result.stderr.splitlines() if "|" in line}
    assert "shizhu_desktop" in imported
    assert not imported & {"PySide6", "shiboken6", "openpyxl", "reportlab"}


def test_help_and_usage_errors_are_chinese(tmp_path: Path) -> None:
    help_text = run_cli("--help")
    assert help_text.returncode == 0 and "用法" in help_text.stdout and "导入报表文件" in help_text.stdout
    missing = run_cli("demo", "--unit", "南宾街道")
    assert missing.returncode == 2 and "缺少必需的参数" in missing.stderr
    bad_period = run_cli("demo", "--unit", "南宾街道", "--through", "2026-13", db=tmp_path / "x.sqlite")
    assert bad_period.returncode == 2 and "月份“13”无效" in bad_period.stderr
    bad_unit = run_cli("demo", "--unit", "火星乡", "--through", "2026-11", db=tmp_path / "x.sqlite")
    assert bad_unit.returncode == 2 and "找不到单位“火星乡”" in bad_unit.stderr


def test_demo_export_import_round_trip(tmp_path: Path) -> None:
    unit_db, county_db, out = tmp_path / "unit.sqlite", tmp_path / "county.sqlite", tmp_path / "out"
    demo = run_cli("demo", "--unit", "南宾街道", "--through", "2026-10", db=unit_db)
    assert demo.returncode == 0, demo.stderr
    assert "已为南宾街道生成" in demo.stdout
    conn = sqlite3.connect(unit_db)
    statuses = [r[0] for r in conn.execute("SELECT status FROM entries")]
    lagging = conn.execute("SELECT problems FROM entries WHERE status = '滞后'").fetchall()
    progress = conn.execute("SELECT progress FROM entries WHERE progress != '' LIMIT 5").fetchall()
    values = conn.execute("SELECT COUNT(*) FROM indicator_values WHERE value IS NOT NULL").fetchone()[0]
    conn.close()
    assert "滞后" in statuses and all(p[0] for p in lagging)
    assert all(re.search(r"[\u4e00-\u9fff]{10}", p[0]) for p in progress)
    assert values > 0
    exported = run_cli("export", "--unit", "500240001", "--period", "2026-09", "--out", str(out), db=unit_db)
    assert exported.returncode == 0, exported.stderr
    path = Path(exported.stdout.strip())
    assert path.name.startswith("石柱县绿色低碳循环发展工作推进情况表_2026年9月_南宾街道_第")
    quarterly = run_cli(
        "export", "--unit", "南宾街道", "--period", "2026-08", "--kind", "quarterly", "--out", str(out), db=unit_db
    )
    assert quarterly.returncode == 0 and "2026年第三季度" in quarterly.stdout
    first = run_cli("import", str(out), db=county_db)
    assert first.returncode == 0, first.stderr
    assert first.stdout.count(".json：已导入") == 2
    before = _db_digest(county_db)
    second = run_cli("import", str(out), db=county_db)
    assert second.returncode == 0 and second.stdout.count(".json：已有相同版本") == 2
    assert _db_digest(county_db) == before


def test_edited_payload_is_refused_and_nothing_stored(tmp_path: Path) -> None:
    unit_db, county_db, out = tmp_path / "unit.sqlite", tmp_path / "county.sqlite", tmp_path / "out"
    assert run_cli("demo", "--unit", "西沱镇", "--through", "2026-10", db=unit_db).returncode == 0
    path = Path(
        run_cli("export", "--unit", "西沱镇", "--period", "2026-10", "--out", str(out), db=unit_db).stdout.strip()
    )
    data = json.loads(path.read_text(encoding="utf-8"))
    data["entries"][0]["status"] = "已完成"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert run_cli("backup", db=county_db).returncode == 1  # no database yet: nothing to back up
    missing = run_cli("import", "--dry-run", str(tmp_path / "nothing.json"), db=county_db)
    assert missing.returncode == 1 and "找不到文件" in missing.stderr
    assert not county_db.exists()
    empty = tmp_path / "empty.sqlite"
    assert run_cli("import", str(path), db=empty).returncode == 1
    before = _db_digest(empty)
    refused = run_cli("import", str(path), db=empty)
    assert refused.returncode == 1
    assert "校验码不符" in refused.stderr and path.name in refused.stderr
    assert _db_digest(empty) == before
    conn = sqlite3.connect(empty)
    assert conn.execute("SELECT COUNT(*) FROM reports").fetchone()[0] == 0
    conn.close()


def test_export_of_missing_report_is_refused(tmp_path: Path) -> None:
    result = run_cli(
        "export", "--unit", "南宾街道", "--period", "2026-11", "--out", str(tmp_path), db=tmp_path / "db.sqlite"
    )
    assert result.returncode == 1 and "没有南宾街道2026年11月的工作推进情况表" in result.stderr


def test_backup_and_restore(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite"
    assert run_cli("demo", "--unit", "黄水镇", "--through", "2026-03", db=db).returncode == 0
    backup = run_cli("backup", "--out", str(tmp_path / "b.sqlite"), db=db)
    assert backup.returncode == 0 and Path(backup.stdout.strip()).exists()
    good = _db_digest(db)
    assert run_cli("demo", "--unit", "黄水镇", "--through", "2026-06", db=db).returncode == 0
    assert _db_digest(db) != good
    restored = run_cli("restore", str(tmp_path / "b.sqlite"), db=db)
    assert restored.returncode == 0, restored.stderr
    assert _db_digest(db) == good
    assert Path(restored.stdout.strip()).exists()  # the safety copy of what was replaced
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"no database here" * 64)
    refused = run_cli("restore", str(junk), db=db)
    assert refused.returncode == 1 and "不是本程序的备份" in refused.stderr
    assert _db_digest(db) == good


def test_env_var_selects_database(tmp_path: Path) -> None:
    db = tmp_path / "env.sqlite"
    result = run_cli("demo", "--unit", "龙潭乡", "--through", "2026-01", env={"SHIZHU_DB": str(db)})
    assert result.returncode == 0 and db.exists()


REFUSALS = [
    ("format", lambda d: d.__setitem__("format", "other"), True, "不是本程序导出的报表文件"),
    ("version", lambda d: d.__setitem__("version", 9), True, "比本程序认识的版本（2）新"),
    ("digest", lambda d: d["entries"][0].__setitem__("progress", "改"), False, "校验码不符"),
    ("unit", lambda d: d["unit"].__setitem__("code", "500240999"), True, "单位代码“500240999”不在"),
    ("task", lambda d: d["entries"][0].__setitem__("task", 30), True, "任务编号 30 不在任务清单中"),
    ("period", lambda d: d.__setitem__("period", "2026-1"), True, "报表期间“2026-1”无效"),
    ("duplicate", lambda d: d["entries"].append(dict(d["entries"][0])), True, "出现了两次"),
    ("types", lambda d: d["indicators"][0].__setitem__("value", [1]), True, "应为数字"),
    ("draft", lambda d: d.__setitem__("state", "draft"), True, "草稿"),
    # A forger re-computes the digest but cannot sign with the unit's key.
    ("forged", lambda d: d["entries"][0].__setitem__("status", "已完成"), "digest only", "签名不符"),
]


def _unit_key(db: Path) -> Any:
    from shizhu_desktop.interchange.signing import KeyPair
    from shizhu_desktop.services.workspace import Workspace
    from shizhu_desktop.store.keys import OwnKeyRepository

    unit = Workspace.open(db)
    try:
        return KeyPair(*(OwnKeyRepository(unit.db).get() or (b"", b"")))
    finally:
        unit.close()


def test_every_refusal_exits_1_with_its_message_and_stores_nothing(tmp_path: Path) -> None:
    from shizhu_desktop.interchange.canonical import canonical_json, seal
    from shizhu_desktop.interchange.signing import sign_payload

    unit_db, county_db = tmp_path / "unit.sqlite", tmp_path / "county.sqlite"
    assert run_cli("demo", "--unit", "县林业局", "--through", "2026-10", db=unit_db).returncode == 0
    exported = run_cli("export", "--unit", "县林业局", "--period", "2026-10", "--out", str(tmp_path), db=unit_db)
    good = json.loads(Path(exported.stdout.strip()).read_text(encoding="utf-8"))
    assert good["indicators"], "the forestry bureau reports county indicators"
    key = _unit_key(unit_db)
    files = []
    for name, mutate, reseal, _ in REFUSALS:
        data = json.loads(json.dumps(good))
        mutate(data)
        path = tmp_path / "bad" / f"{name}.json"
        path.parent.mkdir(exist_ok=True)
        # Re-signed with the unit's own key, the field checks are reached (a damaged program could do this).
        changed = seal(data) if reseal == "digest only" else sign_payload(data, key) if reseal else data
        path.write_bytes(canonical_json(changed))
        files.append(path)
    assert run_cli("import", "--dry-run", str(files[0]), db=county_db).returncode == 1  # creates the schema
    before = _db_digest(county_db)
    for path, (name, _, _, message) in zip(files, REFUSALS, strict=True):
        result = run_cli("import", str(path), db=county_db)
        assert result.returncode == 1, name
        assert f"{path.name}：已拒绝" in result.stderr and message in result.stderr, (name, result.stderr)
        assert _db_digest(county_db) == before, name
    not_json = tmp_path / "bad" / "garbage.json"
    not_json.write_text('{"format": ', encoding="utf-8")
    result = run_cli("import", str(not_json), db=county_db)
    assert result.returncode == 1 and "无法解析" in result.stderr
    assert _db_digest(county_db) == before


def test_db_option_after_the_command(tmp_path: Path) -> None:
    db = tmp_path / "after.sqlite"
    result = run_cli("demo", "--unit", "三河镇", "--through", "2026-01", "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert db.exists()


def test_demo_for_a_unit_without_tasks_is_refused(tmp_path: Path) -> None:
    result = run_cli("demo", "--unit", "县教委", "--through", "2026-03", db=tmp_path / "x.sqlite")
    assert result.returncode == 1 and "没有任务" in result.stderr


def test_preview_agrees_with_the_import_and_creates_no_database(tmp_path: Path) -> None:
    unit_db, out = tmp_path / "unit.sqlite", tmp_path / "收件箱"
    assert run_cli("demo", "--unit", "临溪镇", "--through", "2026-02", db=unit_db).returncode == 0
    exported = run_cli("export", "--unit", "临溪镇", "--period", "2026-01", "--out", str(out / "a"), db=unit_db)
    first = Path(exported.stdout.strip())
    copy = out / "b" / first.name
    copy.parent.mkdir(parents=True)
    copy.write_bytes(first.read_bytes())  # the same file sent twice
    other = json.loads(first.read_text(encoding="utf-8"))
    other["entries"][0]["progress"] = "另一份同为第1版的内容"
    from shizhu_desktop.interchange.canonical import canonical_json
    from shizhu_desktop.interchange.signing import sign_payload

    # Signed by the unit itself (e.g. a restored backup finalized again differently): a real conflict.
    unit_key = _unit_key(unit_db)
    (out / "c").mkdir()
    (out / "c" / "冲突.json").write_bytes(canonical_json(sign_payload(other, unit_key)))
    (out / "c" / "旧表.xls").write_bytes(b"\xd0\xcf\x11\xe0 legacy")
    (out / "c" / "盖章件.pdf").write_bytes(b"%PDF-1.4")
    county = tmp_path / "county.sqlite"
    preview = run_cli("import", "--dry-run", str(out), db=county)
    assert not county.exists()  # a preview against a missing database leaves no file behind
    real = run_cli("import", str(out), db=county)

    def strip(text: str) -> list[str]:
        # Each file's outcome (the words before the reason) must be the same in the preview and the import.
        return sorted(line.removeprefix("（试运行，未写入）").split("（")[0] for line in text.splitlines())

    assert strip(preview.stdout) == strip(real.stdout)
    assert strip(preview.stderr) == strip(real.stderr)
    assert "已有相同版本" in real.stdout and "版本冲突" in real.stderr and "临溪镇2026年1月月报第1版" in real.stdout
    assert "旧表.xls：已拒绝（这是旧版 Excel（.xls）" in real.stderr
    assert "另有1个文件不是报表数据文件（.pdf）" in real.stdout


def test_timeliness_text_keeps_long_unit_names_apart(tmp_path: Path) -> None:
    result = run_cli("timeliness", "--year", "2026", "--today", "2026-03-01", db=tmp_path / "c.sqlite")
    assert result.returncode == 0
    line = next(x for x in result.stdout.splitlines() if x.startswith("石柱工业园区管委会"))
    assert line.startswith("石柱工业园区管委会  ")


def test_only_window_arguments_take_the_short_path() -> None:
    from shizhu_desktop.cli import _gui_arguments

    assert _gui_arguments([]) == (None, False)
    assert _gui_arguments(["--smoke"]) == (None, True)
    assert _gui_arguments(["--db", "x.sqlite", "--smoke"]) == (Path("x.sqlite"), True)
    assert _gui_arguments(["--smoke", "--db", "中文 路径/x.sqlite"]) == (Path("中文 路径/x.sqlite"), True)
    for argv in (["--version"], ["--help"], ["--db"], ["--db", "--smoke"], ["--smoke", "--smoke"], ["units"]):
        assert _gui_arguments(argv) is None, argv  # the full parser answers (and explains mistakes)


def test_a_command_line_mistake_is_still_explained(tmp_path: Path) -> None:
    result = run_cli("--db")
    assert result.returncode == 2 and "用法" in result.stderr
