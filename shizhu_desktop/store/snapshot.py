"""Consistent copies of a database: the source checked first, the copy in rollback-journal mode, renamed into place."""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
from datetime import datetime
from pathlib import Path

from shizhu_desktop.fileio import FileWriteError, replacing, write_error
from shizhu_desktop.paths import backups_dir
from shizhu_desktop.store.connection import Database
from shizhu_desktop.store.errors import DamagedDatabaseError, DatabaseError


def integrity_problem(conn: sqlite3.Connection, *, thorough: bool = False) -> str:
    """ "" when SQLite finds the database sound; else its first problems, as one line.

    ``quick_check`` (every page and row, without cross-checking indexes) is fast enough for each start;
    ``integrity_check`` is used before a backup is written or trusted.
    """
    try:
        rows = conn.execute("PRAGMA integrity_check(5)" if thorough else "PRAGMA quick_check(5)").fetchall()
    except sqlite3.DatabaseError as exc:
        return str(exc) or type(exc).__name__
    if rows == [("ok",)]:
        return ""
    return "；".join(str(row[0]) for row in rows)[:300]


def stamp(now: datetime | None = None) -> str:
    """20261120-103105: sorts by time, and is free of characters Windows refuses in a file name."""
    now = now or datetime.now()
    return f"{now.year:04d}{now.month:02d}{now.day:02d}-{now.hour:02d}{now.minute:02d}{now.second:02d}"


def backup_path(db_path: Path, label: str, now: datetime | None = None) -> Path:
    """A new file name in the backups folder: shizhu-导入前-20261120-103105.sqlite (numbered if taken)."""
    folder = backups_dir(db_path)
    base = f"{db_path.stem}-{label}-{stamp(now)}"
    out = folder / f"{base}.sqlite"
    counter = 1
    while out.exists():
        counter += 1
        out = folder / f"{base}-{counter}.sqlite"
    return out


def backup_copy(db: Database, db_path: Path, label: str, out: Path | None = None) -> Path:
    """Write a consistent copy of the open database (its WAL included) and return the copy's path.

    The database is checked first: a damaged one is refused (a damaged copy would only replace good backups).
    The copy is written under a temporary name, switched to rollback-journal mode (so it opens from a read-only
    folder such as a USB stick), checked, and renamed into place. Raises ``DamagedDatabaseError``,
    ``DatabaseError`` or ``FileWriteError``.
    """
    problem = integrity_problem(db.conn, thorough=True)
    if problem:
        raise DamagedDatabaseError(
            f"数据库 {db_path.name} 已损坏（{problem}），不能备份：损坏的副本没有用处，也不能覆盖以前的好备份。"
            "请用“文件 → 恢复”从以前的备份恢复。",
            db_path,
        )
    out = out or backup_path(db_path, label)
    copy_connection(db.conn, out)
    return out


def copy_connection(source: sqlite3.Connection, out: Path) -> None:
    """Copy the database behind ``source`` to ``out`` (rollback-journal mode, checked) through a temporary file."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise write_error(exc, out) from None
    with replacing(out) as temporary:
        try:
            target = sqlite3.connect(temporary)
            try:
                source.backup(target)
                target.execute("PRAGMA journal_mode = DELETE")
                problem = integrity_problem(target, thorough=True)
            finally:
                target.close()
        except sqlite3.Error as exc:
            _remove_journal(temporary)
            raise sqlite_write_error(exc, out) from None
        if problem:
            raise DatabaseError(f"写出的副本 {out.name} 检查没有通过（{problem}）：请换一个位置再试。")


def sqlite_write_error(exc: sqlite3.Error, path: Path) -> FileWriteError:
    """SQLite's write errors in the words :mod:`shizhu_desktop.fileio` uses for files."""
    text = str(exc).lower()
    if "full" in text:
        return write_error(OSError(errno.ENOSPC, "disk full"), path)
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        if _read_only_disk(path.parent):
            return write_error(OSError(errno.EROFS, "read-only file system"), path)
        return write_error(PermissionError(errno.EACCES, "read-only"), path)
    return write_error(OSError(errno.EIO, str(exc)), path)


def _read_only_disk(folder: Path) -> bool:
    statvfs = getattr(os, "statvfs", None)  # POSIX only; Windows says "access denied" for both cases
    if statvfs is None:
        return False
    try:
        return bool(statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _remove_journal(database: Path) -> None:
    # A failed write can leave SQLite's journal beside the temporary copy.
    for suffix in ("-journal", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            database.with_name(database.name + suffix).unlink(missing_ok=True)
