"""Starting and quitting the window fifty times never aborts (issue 8: bool_dealloc was once seen on exit)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from shizhu_desktop.domain.periods import Period
from shizhu_desktop.domain.profile import MODE_COUNTY, Profile
from shizhu_desktop.domain.report import Liaison
from shizhu_desktop.services.demo import fill_demo
from shizhu_desktop.services.workspace import Workspace
from tests.gui_helpers import with_profile

ROOT = Path(__file__).resolve().parent.parent
UNIT_STARTS, COUNTY_STARTS = 30, 20


def _start_and_quit(db: Path) -> tuple[int, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONFAULTHANDLER": "1"}
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", str(db), "--smoke"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    return result.returncode, result.stderr


def _lane(db: Path, starts: int) -> list[tuple[int, str]]:
    return [_start_and_quit(db) for _ in range(starts)]


def test_fifty_starts_and_quits_of_both_windows_exit_cleanly(tmp_path: Path) -> None:
    unit_db = tmp_path / "unit" / "shizhu.sqlite"
    workspace = Workspace.open(unit_db)
    with_profile(workspace)
    fill_demo(workspace, workspace.units.find("南宾街道"), Period(2026, 10))
    workspace.close()
    county_db = tmp_path / "county" / "shizhu.sqlite"
    workspace = Workspace.open(county_db)
    workspace.profiles.save(Profile("Z01", Liaison("督查科", "向雪梅", "023-73330000", ""), mode=MODE_COUNTY))
    workspace.close()
    # Two lanes at once (one database each: the program allows one window per database).
    second_unit_db = tmp_path / "unit2" / "shizhu.sqlite"
    second_unit_db.parent.mkdir()
    shutil.copy(unit_db, second_unit_db)
    with ThreadPoolExecutor(max_workers=2) as pool:
        lanes = [
            pool.submit(_lane, unit_db, UNIT_STARTS // 2),
            pool.submit(_lane, second_unit_db, UNIT_STARTS - UNIT_STARTS // 2),
        ]
        runs = [run for lane in lanes for run in lane.result()]
        runs += pool.submit(_lane, county_db, COUNTY_STARTS).result()
    assert len(runs) == UNIT_STARTS + COUNTY_STARTS
    failures = [(status, err[-1500:]) for status, err in runs if status != 0 or "Fatal Python error" in err]
    assert not failures, failures[:3]
