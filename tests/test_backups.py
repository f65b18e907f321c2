"""Automatic backups: once a day, before every import and restore; rotation that never drops the only good one."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta
from pathlib import Path

from shizhu_desktop.paths import backups_dir
from shizhu_desktop.services.workspace import Workspace
from shizhu_desktop.store.backups import (
    BEFORE_IMPORT,
    DAILY,
    MANUAL,
    daily_backup,
    list_backups,
    newest_good_backup,
    rotate,
)
from shizhu_desktop.store.snapshot import backup_path
from tests.conftest import run_cli

NOW = datetime(2026, 11, 20, 10, 31, 5)


def _labels(db: Path) -> list[str]:
    return [b.label for b in list_backups(db)]


def test_the_first_write_of_a_day_and_every_import_make_a_backup(tmp_path: Path) -> None:
    unit, county = tmp_path / "unit.sqlite", tmp_path / "county" / "shizhu.sqlite"
    assert run_cli("demo", "--unit", "西沱镇", "--through", "2026-03", db=unit).returncode == 0
    files = [
        run_cli("export", "--unit", "西沱镇", "--period", f"2026-0{m}", "--out", str(tmp_path / "out"), db=unit)
        for m in (1, 2, 3)
    ]
    assert run_cli("import", files[0].stdout.strip(), db=county).returncode == 0
    assert _labels(county) == []  # a new database: nothing to lose yet
    assert run_cli("import", files[1].stdout.strip(), db=county).returncode == 0
    assert sorted(_labels(county)) == [BEFORE_IMPORT, DAILY]
    assert run_cli("import", files[2].stdout.strip(), db=county).returncode == 0
    assert sorted(_labels(county)) == [BEFORE_IMPORT, BEFORE_IMPORT, DAILY]  # one daily backup only
    assert run_cli("import", "--dry-run", files[2].stdout.strip(), db=county).returncode == 0
    assert len(_labels(county)) == 3  # a preview changes nothing and backs up nothing
    newest = newest_good_backup(county)
    assert newest is not None and newest.when.startswith(f"{datetime.now().year}年")


def test_the_daily_backup_is_made_once(workspace: Workspace) -> None:
    from tests.gui_helpers import with_profile

    with_profile(workspace)
    first = daily_backup(workspace.db, workspace.path)
    assert first is not None and first.name.startswith("shizhu-每日-")
    assert first.read_bytes()[18:20] == b"\x01\x01"  # rollback journal
    assert daily_backup(workspace.db, workspace.path) is None
    assert [b.path for b in list_backups(workspace.path)] == [first]


def _fake_backups(db: Path, good: Path, label: str, moments: list[datetime]) -> list[Path]:
    made = []
    for moment in moments:
        path = backup_path(db, label, moment)
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(good, path)
        made.append(path)
    return made


def _good_copy(workspace: Workspace, tmp_path: Path) -> Path:
    from shizhu_desktop.store.db import backup_copy

    return backup_copy(workspace.db, workspace.path, MANUAL, tmp_path / "good.sqlite")


def test_rotation_keeps_thirty_days_and_one_a_month(workspace: Workspace, tmp_path: Path) -> None:
    good = _good_copy(workspace, tmp_path)
    db = workspace.path
    today = [NOW - timedelta(minutes=m) for m in range(3)]
    days = [NOW - timedelta(days=d, hours=h) for d in range(1, 45) for h in (1, 2)]
    months = [datetime(2026, m, 3, 9) for m in (2, 3, 4, 5, 6)] + [datetime(2026, m, 4, 9) for m in (2, 3, 4, 5, 6)]
    _fake_backups(db, good, DAILY, days)
    _fake_backups(db, good, BEFORE_IMPORT, today + months)
    manual = _fake_backups(db, good, MANUAL, [datetime(2025, 1, 1, 8)])
    removed = rotate(db, NOW)
    kept = list_backups(db)
    automatic = [b for b in kept if b.automatic]
    assert len([b for b in automatic if b.made_at.date() == NOW.date()]) == 3  # all of today
    kept_days = {b.made_at.date() for b in automatic}
    assert len([d for d in kept_days if d >= (NOW - timedelta(days=29)).date()]) == 30
    assert all(len([b for b in automatic if b.made_at.date() == d]) == 1 for d in kept_days if d != NOW.date())
    older_months = {
        (b.made_at.year, b.made_at.month) for b in automatic if b.made_at.date() < (NOW - timedelta(days=29)).date()
    }
    assert {(2026, m) for m in (2, 3, 4, 5, 6)} <= older_months
    assert manual[0].exists()  # the clerk's own backups are never rotated away
    assert removed and all(not p.exists() for p in removed)


def test_rotation_never_deletes_the_only_good_backup(workspace: Workspace, tmp_path: Path) -> None:
    good = _good_copy(workspace, tmp_path)
    db = workspace.path
    [old_good] = _fake_backups(db, good, DAILY, [NOW - timedelta(days=300)])
    older_good = _fake_backups(db, good, DAILY, [NOW - timedelta(days=301)])
    broken = _fake_backups(db, good, DAILY, [NOW - timedelta(days=d) for d in range(0, 31)])
    for path in broken:
        path.write_bytes(b"not a database any more")
    rotate(db, NOW)
    assert old_good.exists()  # dropped by the rule (same month as a newer one), kept as the only good copy
    assert not older_good[0].exists()
    best = newest_good_backup(db)
    assert best is not None and best.path == old_good


def test_backups_folder_sits_beside_the_database(workspace: Workspace) -> None:
    assert backups_dir(workspace.path) == workspace.path.resolve().parent / "backups"


def test_rotation_clears_temporary_copies_left_by_an_interrupted_backup(workspace: Workspace) -> None:
    import os
    import time

    from shizhu_desktop.fileio import temporary_name

    folder = backups_dir(workspace.path)
    folder.mkdir(parents=True, exist_ok=True)
    old = temporary_name(folder / "shizhu-每日-20261101-090000.sqlite")
    fresh = temporary_name(folder / "shizhu-导入前-20261120-103000.sqlite")
    for path in (old, fresh, old.with_name(old.name + "-journal")):
        path.write_bytes(b"half")
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    os.utime(old.with_name(old.name + "-journal"), (time.time() - 3600, time.time() - 3600))
    removed = rotate(workspace.path, NOW)
    assert old in removed and not old.exists() and not old.with_name(old.name + "-journal").exists()
    assert fresh.exists()  # perhaps a backup being written right now by another process
