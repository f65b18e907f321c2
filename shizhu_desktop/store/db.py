"""Opening the database: WAL, foreign keys, schema version, and a backup copy before any migration."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from shizhu_desktop.paths import backups_dir
from shizhu_desktop.store.migrations import LATEST_VERSION, MIGRATIONS


class DatabaseError(RuntimeError):
    """The database cannot be used; the message says why and what to do, in Chinese."""


def open_db(path: Path | str, *, migrate: bool = True) -> Database:
    """Open (creating if needed) the database at ``path`` and bring its schema up to date.

    Before migrating an existing database a copy is written to the ``backups`` folder beside it.
    Raises :class:`DatabaseError` for a file that is not a database of this program or is newer than it.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        db = Database(path)
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA busy_timeout = 5000")
        version = schema_version(db)
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(
            f"文件 {path} 不是本程序的数据库，或已损坏（{exc}）。请选择正确的数据库文件，或从备份恢复。"
        ) from None
    if version > LATEST_VERSION:
        db.close()
        raise DatabaseError(
            f"数据库 {path} 由更新版本的程序创建（结构版本 {version}，本程序只认识到 {LATEST_VERSION}）。"
            "请升级本程序后再打开，数据库未作任何改动。"
        )
    if version and version < LATEST_VERSION and migrate:
        backup_copy(db, path, f"升级前v{version}")
    if db.journal_mode != "wal":
        db.enable_wal()
    if migrate:
        _migrate(db, version)
    return db


def schema_version(db: Database) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def _migrate(db: Database, version: int) -> None:
    for target in range(version + 1, LATEST_VERSION + 1):
        with db.atomic():
            MIGRATIONS[target - 1](db)
            # PRAGMA takes no parameters; target is an int from our own range.
            db.execute(f"PRAGMA user_version = {int(target)}")


def backup_copy(db: Database, db_path: Path, label: str, out: Path | None = None) -> Path:
    """Write a consistent copy of the open database (WAL included) and return its path."""
    if out is None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        folder = backups_dir(db_path)
        folder.mkdir(parents=True, exist_ok=True)
        out = folder / f"{db_path.stem}-{label}-{stamp}.sqlite"
        counter = 1
        while out.exists():
            counter += 1
            out = folder / f"{db_path.stem}-{label}-{stamp}-{counter}.sqlite"
    out.parent.mkdir(parents=True, exist_ok=True)
    target = sqlite3.connect(out)
    try:
        db.conn.backup(target)
    finally:
        target.close()
    return out


@contextmanager
def write_transaction(db: Database) -> Iterator[Database]:
    """A transaction that takes the write lock at its start (``BEGIN IMMEDIATE``).

    A deferred ``BEGIN`` followed by a read fails at once with "database is locked" when it tries to write
    while another process writes; taking the lock first lets ``busy_timeout`` wait for the other writer.
    Nested use becomes a savepoint, as sqlite-utils' ``atomic()`` does.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    db.conn.execute("COMMIT")
