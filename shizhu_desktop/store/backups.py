"""The backups folder: automatic backups (daily, before import, restore and migration), listing and rotation."""

from __future__ import annotations

import contextlib
import re
import time
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from shizhu_desktop.paths import backups_dir
from shizhu_desktop.store.backup import check_backup_file
from shizhu_desktop.store.connection import Database
from shizhu_desktop.store.errors import DatabaseError
from shizhu_desktop.store.snapshot import backup_copy

DAILY, BEFORE_IMPORT, BEFORE_RESTORE, MANUAL = "每日", "导入前", "恢复前", "手动备份"
BEFORE_MIGRATION = "升级前"
#: Rotation keeps the newest automatic backup of each of this many days, and one for every month before.
KEEP_DAYS = 30
#: A temporary copy older than this is no backup in progress but one that was interrupted.
STALE_SECONDS = 15 * 60
_NAME = re.compile(r"^(?P<label>.+)-(?P<stamp>\d{8}-\d{6})(?:-\d+)?\.sqlite$")


@dataclass(frozen=True)
class BackupInfo:
    """One backup file: when it was made, why (its label), its size."""

    path: Path
    made_at: datetime
    label: str
    size: int

    @property
    def automatic(self) -> bool:
        """Made by the program on its own (only these are ever rotated away; manual ones are the clerk's)."""
        return self.label in (DAILY, BEFORE_IMPORT, BEFORE_RESTORE) or self.label.startswith(BEFORE_MIGRATION)

    @property
    def when(self) -> str:
        """2026年11月20日 10:31, built without strftime (a Chinese format can fail on a non-Chinese Windows)."""
        t = self.made_at
        return f"{t.year}年{t.month}月{t.day}日 {t.hour:02d}:{t.minute:02d}"

    @property
    def reason(self) -> str:
        return {
            DAILY: "每日自动备份",
            BEFORE_IMPORT: "导入前自动备份",
            BEFORE_RESTORE: "恢复前自动备份",
            MANUAL: "手动备份",
        }.get(self.label, "升级前自动备份" if self.label.startswith(BEFORE_MIGRATION) else self.label)


def list_backups(db_path: Path) -> list[BackupInfo]:
    """The backups of the database at ``db_path`` in its backups folder, newest first."""
    folder = backups_dir(db_path)
    prefix = f"{db_path.stem}-"
    found = []
    try:
        candidates = list(folder.iterdir())
    except OSError:
        return []
    for path in candidates:
        if not path.name.startswith(prefix):
            continue
        match = _NAME.match(path.name[len(prefix) :])
        if match is None or not path.is_file():
            continue
        try:
            made = _stamp(match["stamp"])
            size = path.stat().st_size
        except (ValueError, OSError):
            continue
        found.append(BackupInfo(path, made, match["label"], size))
    return sorted(found, key=lambda b: (b.made_at, b.path.name), reverse=True)


def is_good(backup: BackupInfo) -> bool:
    try:
        check_backup_file(backup.path)
    except DatabaseError:
        return False
    return True


def newest_good_backup(db_path: Path) -> BackupInfo | None:
    """The newest backup that passes every check (the one to offer when the database is damaged)."""
    return next((b for b in list_backups(db_path) if is_good(b)), None)


def automatic_backup(db: Database, db_path: Path, label: str) -> Path:
    """Back up now (before an import or a restore, or the daily one) and rotate the folder; returns the copy."""
    out = backup_copy(db, db_path, label)
    rotate(db_path)
    return out


def daily_backup(db: Database, db_path: Path, today: date | None = None) -> Path | None:
    """The first start of a day backs up a database that holds anything; None when one exists for today."""
    today = today or datetime.now().date()
    if any(b.made_at.date() == today for b in list_backups(db_path)):
        return None
    if not db.execute("SELECT EXISTS (SELECT 1 FROM reports) OR EXISTS (SELECT 1 FROM profile)").fetchone()[0]:
        return None  # nothing to lose yet
    return automatic_backup(db, db_path, DAILY)


def rotate(db_path: Path, now: datetime | None = None) -> list[Path]:
    """Delete automatic backups beyond the newest of each of the last 30 days and the newest of each month.

    Everything made today is kept, manual backups are never touched, and the newest backup that passes its
    checks is kept even if the rule would drop it, so the only good copy is never lost. Returns what was deleted.
    """
    today = (now or datetime.now()).date()
    backups = [b for b in list_backups(db_path) if b.automatic]  # newest first
    keep: list[BackupInfo] = []
    days: set[date] = set()
    months: set[tuple[int, int]] = set()
    for backup in backups:
        day = backup.made_at.date()
        month = (day.year, day.month)
        if day == today or (day not in days and len(days) < KEEP_DAYS) or (month not in months and day not in days):
            keep.append(backup)
        days.add(day)
        months.add(month)
    drop = [b for b in backups if b not in keep]
    if drop and not any(is_good(b) for b in keep):
        good = next((b for b in drop if is_good(b)), None)
        if good is not None:
            drop.remove(good)
    removed = []
    for backup in drop:
        with contextlib.suppress(OSError):
            backup.path.unlink()
            removed.append(backup.path)
    return removed + _stale_temporaries(db_path)


def _stale_temporaries(db_path: Path) -> list[Path]:
    """Temporary copies left by a backup that was killed or lost its power: gone after a quarter of an hour."""
    removed = []
    cutoff = time.time() - STALE_SECONDS
    for path in backups_dir(db_path).glob(".*.part.sqlite*"):
        with contextlib.suppress(OSError):
            if path.stat().st_mtime < cutoff:
                path.unlink()
                removed.append(path)
    return removed


def _stamp(text: str) -> datetime:
    """20261120-103100 as a time (read by hand: strptime costs start-up time and depends on the locale)."""
    return datetime(int(text[0:4]), int(text[4:6]), int(text[6:8]), int(text[9:11]), int(text[11:13]), int(text[13:15]))
