"""Soak tests (issue 8): the windows survive thousands of mixed operations, and every typed value is saved."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from shizhu_desktop.domain.periods import Period
from shizhu_desktop.services.demo import fill_demo
from shizhu_desktop.services.workspace import Workspace
from tests.gui_helpers import with_profile

ROOT = Path(__file__).resolve().parent.parent
CLERK_OPERATIONS = 3200


def _run(script: str, *args: str) -> dict[str, object]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT), "PYTHONFAULTHANDLER": "1"}
    result = subprocess.run(
        [sys.executable, str(ROOT / "tests" / script), *args], capture_output=True, text=True, env=env, timeout=240
    )
    assert result.returncode == 0, f"exit {result.returncode}\n{result.stderr[-3000:]}"
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def _latest(conn: sqlite3.Connection, period: str) -> int:
    row = conn.execute(
        "SELECT id FROM reports WHERE period = ? AND kind = 'monthly' ORDER BY revision DESC LIMIT 1", [period]
    ).fetchone()
    assert row is not None, period
    return int(row[0])


def test_a_clerks_day_of_thousands_of_operations_saves_every_value(tmp_path: Path, db_path: Path) -> None:
    workspace = Workspace.open(db_path)
    with_profile(workspace, tasks=[2, 11, 13, 14, 15])
    fill_demo(workspace, workspace.units.find("南宾街道"), Period(2026, 9))  # September final: carry-forward source
    workspace.close()

    outcome = _run("soak_clerk.py", str(db_path), str(tmp_path / "导出"), str(CLERK_OPERATIONS), "8")

    done = dict(outcome["done"])  # type: ignore[arg-type]
    assert sum(done.values()) >= 3000, done
    for kind in ("switch_task", "switch_month", "type_text", "type_figure", "copy_previous", "finalize", "reopen"):
        assert done.get(kind, 0) >= 10, (kind, done)
    assert done.get("export", 0) >= 1, done
    assert list((tmp_path / "导出").iterdir()), "the exports were written"
    texts, figures = dict(outcome["texts"]), dict(outcome["figures"])  # type: ignore[arg-type]
    assert len(texts) >= 40 and len(figures) >= 20, (len(texts), len(figures))
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finals = conn.execute("SELECT COUNT(*) FROM reports WHERE state = 'final' AND period >= '2026-10'").fetchone()
        assert finals[0] >= 10, "定稿 and 重新打开修改 really went round, not only their refusals"
        for key, text in texts.items():
            period, task, field = key.split("|")
            row = conn.execute(
                f"SELECT {field} FROM entries WHERE report_id = ? AND task = ?", [_latest(conn, period), int(task)]
            ).fetchone()
            assert row is not None and row[0] == text, (key, text, row)
        for key, value in figures.items():
            period, indicator, field = key.split("|")
            row = conn.execute(
                f"SELECT {field} FROM indicator_values WHERE report_id = ? AND indicator = ?",
                [_latest(conn, period), indicator],
            ).fetchone()
            assert row is not None and row[0] == value, (key, value, row)
    finally:
        conn.close()


def test_the_county_office_imports_switches_and_browses_thousands_of_times(tmp_path: Path) -> None:
    from shizhu_desktop.domain.profile import MODE_COUNTY, Profile
    from shizhu_desktop.domain.report import Liaison
    from tests.county_helpers import build_county

    county = build_county(tmp_path / "county")
    expected = {
        (r.report.unit_code, str(r.report.period), r.report.kind.value, r.report.revision)
        for r in county.first_results
        if not r.outcome.is_failure and r.report is not None
    }
    assert len(expected) >= 60
    db = tmp_path / "soak-county.sqlite"
    workspace = Workspace.open(db)
    workspace.profiles.save(Profile("Z01", Liaison("督查科", "向雪梅", "023-73330000", ""), mode=MODE_COUNTY))
    workspace.close()

    outcome = _run("soak_county.py", str(db), str(county.inbox), "3000", "5")

    done = dict(outcome["done"])  # type: ignore[arg-type]
    assert sum(done.values()) >= 3000, done
    assert done.get("import_some", 0) >= 20, done
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = set(conn.execute("SELECT unit_code, period, kind, revision FROM reports").fetchall())
    finally:
        conn.close()
    assert stored == expected
