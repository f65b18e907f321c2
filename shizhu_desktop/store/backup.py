"""Backing up and restoring the whole database file, always through SQLite's online backup."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from shizhu_desktop.store.db import DatabaseError, backup_copy, schema_version
from shizhu_desktop.store.migrations import LATEST_VERSION

_REQUIRED_TABLES = {"reports", "entries", "profile", "settings"}


def check_backup_file(source: Path) -> int:
    """Check that ``source`` is a database of this program that we can read; return its schema version."""
    if not source.is_file():
        raise DatabaseError(f"找不到备份文件 {source}：请检查路径。")
    try:
        conn = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise DatabaseError(f"备份文件 {source.name} 已损坏，不能用来恢复。当前数据未作任何改动。")
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        raise DatabaseError(f"文件 {source.name} 不是本程序的备份（不是数据库文件）。当前数据未作任何改动。") from None
    if not tables >= _REQUIRED_TABLES or version < 1:
        raise DatabaseError(f"文件 {source.name} 不是本程序的备份。当前数据未作任何改动。")
    if version > LATEST_VERSION:
        raise DatabaseError(f"备份文件 {source.name} 来自更新版本的程序：请先升级本程序再恢复。当前数据未作任何改动。")
    return version


def restore_into(db: Database, db_path: Path, source: Path) -> Path:
    """Replace the open database's content with ``source``; returns the safety copy taken first.

    The caller re-opens the database afterwards so that migrations run on an older backup.
    """
    check_backup_file(source)
    safety = backup_copy(db, db_path, "恢复前")
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        src.backup(db.conn)
    finally:
        src.close()
    if schema_version(db) < 1:  # pragma: no cover - check_backup_file refused it already
        raise DatabaseError("恢复失败：备份文件没有结构版本。")
    return safety
