"""Checking a backup (a sound database whose schema is exactly one this program made) and restoring from it."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from shizhu_desktop.fileio import fsync_file, replace_file, temporary_name
from shizhu_desktop.store.connection import Database
from shizhu_desktop.store.errors import DatabaseError
from shizhu_desktop.store.location import sqlite_uri
from shizhu_desktop.store.migrations import LATEST_VERSION, MIGRATIONS
from shizhu_desktop.store.snapshot import backup_path, copy_connection, integrity_problem, sqlite_write_error, stamp

_UNCHANGED = "当前数据未作任何改动。"
SQLITE_HEADER = b"SQLite format 3\x00"


@cache
def expected_schema(version: int) -> frozenset[tuple[str, str, str, str]]:
    """The schema (type, name, table, SQL) a database of ``version`` has: the real migrations, run in memory.

    Derived rather than written down, so that it follows every migration added later.
    """
    db = Database(memory=True)
    try:
        for migrate in MIGRATIONS[:version]:
            migrate(db)
        return _schema(db.conn)
    finally:
        db.close()


def _schema(conn: sqlite3.Connection) -> frozenset[tuple[str, str, str, str]]:
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    return frozenset((t, n, tbl, " ".join((sql or "").split())) for t, n, tbl, sql in rows)


def open_backup(source: Path) -> sqlite3.Connection:
    """A read-only connection to a backup file, from any folder (USB stick, read-only share) and any file name."""
    # immutable: nothing may change the file while we read it, so SQLite needs no lock or journal beside it.
    return sqlite3.connect(sqlite_uri(source, mode="ro", immutable="1"), uri=True)


def check_backup_file(source: Path) -> int:
    """Check that ``source`` is a sound database of this program; return its schema version.

    Refused with a Chinese :class:`DatabaseError`: a missing or special file, anything not SQLite, a damaged
    database, one from a newer program, and one whose schema differs in any way from the schema this program
    made at that version (an extra table, trigger or view could run code on the next write).
    """
    name = source.name
    try:
        # O_NONBLOCK: a FIFO opens at once instead of waiting forever for a writer; its kind is then refused.
        fd = os.open(source, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        try:
            regular = stat.S_ISREG(os.fstat(fd).st_mode)
            header = os.read(fd, len(SQLITE_HEADER)) if regular else b""
        finally:
            os.close(fd)
    except OSError:
        raise DatabaseError(f"找不到或无法读取备份文件 {source}：请检查路径。{_UNCHANGED}") from None
    if not regular or header != SQLITE_HEADER:
        raise DatabaseError(f"文件 {name} 不是本程序的备份（不是数据库文件）。{_UNCHANGED}")
    try:
        conn = open_backup(source)
        try:
            problem = integrity_problem(conn, thorough=True)
            if problem:
                raise DatabaseError(
                    f"备份文件 {name} 已损坏（{problem}），不能用来恢复。请选择另一个备份。{_UNCHANGED}"
                )
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            schema = _schema(conn)
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        raise DatabaseError(f"文件 {name} 不是本程序的备份（无法作为数据库打开）。{_UNCHANGED}") from None
    if version > LATEST_VERSION:
        raise DatabaseError(f"备份文件 {name} 来自更新版本的程序：请先升级本程序再恢复。{_UNCHANGED}")
    if version < 1 or schema != expected_schema(version):
        raise DatabaseError(
            f"文件 {name} 不是本程序的备份：它的数据库结构与本程序建立的不同（可能被其他软件改动过）。{_UNCHANGED}"
        )
    return version


@dataclass(frozen=True)
class Restored:
    """What a restore did with the data it replaced: a safety backup, or the damaged file renamed aside."""

    safety_copy: Path | None
    kept_aside: Path | None

    @property
    def note(self) -> str:
        if self.safety_copy is not None:
            return f"恢复前的数据另存为：{self.safety_copy}"
        if self.kept_aside is not None:
            return f"原来已损坏的数据库文件没有删除，改名保存为：{self.kept_aside}"
        return ""


def restore_database(db_path: Path, source: Path) -> Restored:
    """Put a checked copy of ``source`` in place of the database at ``db_path``; no connection may be open on it.

    A sound current database is first backed up (恢复前); a damaged or unreadable one is renamed aside, never
    deleted. The new file is prepared under a temporary name and renamed over the old one, so a failure at any
    step leaves the current database as it was. Raises ``DatabaseError`` or ``FileWriteError``.
    """
    check_backup_file(source)
    temporary = temporary_name(db_path)
    try:
        source_conn = open_backup(source)
        try:
            target = sqlite3.connect(temporary)
            try:
                source_conn.backup(target)
                target.execute("PRAGMA journal_mode = DELETE")
            finally:
                target.close()
        except sqlite3.Error as exc:
            raise sqlite_write_error(exc, db_path) from None
        finally:
            source_conn.close()
        fsync_file(temporary)
        return _swap_in(db_path, temporary)
    finally:
        for leftover in (temporary, temporary.with_name(temporary.name + "-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink(missing_ok=True)


def _swap_in(db_path: Path, temporary: Path) -> Restored:
    if not db_path.exists():
        replace_file(temporary, db_path)
        return Restored(None, None)
    safety = _safety_copy(db_path)
    if safety is not None:
        replace_file(temporary, db_path)
        return Restored(safety, None)
    aside = db_path.with_name(f"{db_path.stem}-已损坏-{stamp()}{db_path.suffix}")
    moved = _move_aside(db_path, aside)
    try:
        replace_file(temporary, db_path)
    except BaseException:
        for old, new in reversed(moved):
            with contextlib.suppress(OSError):
                os.replace(new, old)
        raise
    return Restored(None, aside)


def _safety_copy(db_path: Path) -> Path | None:
    """Back up a sound current database and leave it without WAL; None when it is damaged or unreadable."""
    try:
        conn = sqlite3.connect(db_path, timeout=1)
    except sqlite3.Error:
        return None
    try:
        if integrity_problem(conn):
            return None
        try:
            # Out of WAL mode: no -wal file may stay beside the new database (SQLite would replay it into it).
            mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        except sqlite3.OperationalError:
            mode = ""
        if str(mode).lower() != "delete":
            raise DatabaseError(
                "数据库正被其他程序使用（例如另一个窗口或正在进行的导出），现在不能恢复：请关闭它们后再试。"
                + _UNCHANGED
            )
        out = backup_path(db_path, "恢复前")
        copy_connection(conn, out)
        return out
    except sqlite3.DatabaseError:
        return None
    finally:
        conn.close()


def _move_aside(db_path: Path, aside: Path) -> list[tuple[Path, Path]]:
    moved = []
    for suffix in ("", "-wal", "-shm", "-journal"):
        old = db_path.with_name(db_path.name + suffix)
        if old.exists():
            new = aside.with_name(aside.name + suffix)
            os.replace(old, new)
            moved.append((old, new))
    return moved
