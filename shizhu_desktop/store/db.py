"""Opening the database: checked first (kind, place, integrity), WAL, foreign keys, schema version, migrations."""

from __future__ import annotations

import shutil
import sqlite3
import stat
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from shizhu_desktop.store.checked import passed_before, remember_passed
from shizhu_desktop.store.connection import Database
from shizhu_desktop.store.errors import (
    DamagedDatabaseError,
    DatabaseError,
    DatabaseReplacedError,
    NetworkDriveError,
    ReadOnlyDatabaseError,
)
from shizhu_desktop.store.location import file_identity, network_filesystem, sqlite_uri, writable_problem
from shizhu_desktop.store.migrations import LATEST_VERSION, MIGRATIONS
from shizhu_desktop.store.snapshot import backup_copy

__all__ = [
    "DamagedDatabaseError",
    "DatabaseError",
    "NetworkDriveError",
    "ReadOnlyDatabaseError",
    "backup_copy",
    "close_db",
    "is_read_only",
    "open_db",
    "read_only_reason",
    "schema_version",
    "write_transaction",
]

_REQUIRED_TABLES = {"reports", "entries", "profile", "settings"}


def open_db(path: Path | str, *, migrate: bool = True) -> Database:
    """Open (creating if needed) the database at ``path``, check it, and bring its schema up to date.

    Refused with a Chinese :class:`DatabaseError`: a network drive (:class:`NetworkDriveError`), a damaged file
    or one that is no database (:class:`DamagedDatabaseError`, never opened for writing), a database of a newer
    program. A database that cannot be written here (read-only file, folder or disk) is opened read-only: see
    :func:`read_only_reason`. Before migrating, a copy is written to the ``backups`` folder beside it.
    """
    path = Path(path)
    kind = network_filesystem(path)
    if kind:
        raise NetworkDriveError(
            f"数据库 {path} 在网络驱动器或共享文件夹上（{kind}）。在网络上，数据库的锁定和写入不能保证可靠，"
            "几台电脑同时使用或网络中断都可能损坏数据，所以本程序不在网络位置上打开数据库。"
            "请把数据库放在本机硬盘上（默认位置即可），需要交换或保存时用“备份”复制到共享文件夹或U盘。"
        )
    _check_kind(path)
    reason = writable_problem(path)
    if reason and not path.exists():
        raise DatabaseError(f"无法在 {path.parent} 建立数据库（{reason}）：请换一个可以写入的位置，例如“文档”文件夹。")
    if not reason:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(
                f"无法建立数据库所在的文件夹 {path.parent}（{exc.strerror or exc}）：请换一个位置。"
            ) from None
    db = _connect_read_only(path) if reason else _connect(path)
    try:
        version = _check(db, path)
        if reason and not version:
            raise DatabaseError(f"数据库 {path} 是空的，而且不能写入（{reason}）：请换一个可以写入的位置。")
        if not reason:
            if version and version < LATEST_VERSION and migrate:
                backup_copy(db, path, f"升级前v{version}")
            if db.journal_mode != "wal":
                db.enable_wal()
            if migrate:
                _migrate(db, version)
    except sqlite3.DatabaseError as exc:  # a full disk while switching to WAL or migrating: said plainly
        db.close()
        raise _problem(path, exc) from None
    except BaseException:
        db.close()
        raise
    _opened[db] = (path, reason, file_identity(path))
    return db


def _check_kind(path: Path) -> None:
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise DatabaseError(f"无法访问数据库 {path}（{exc.strerror or exc}）：请检查路径和权限。") from None
    if not stat.S_ISREG(mode):
        raise DatabaseError(f"{path} 不是一个普通文件（是文件夹或设备），不能作为数据库：请指定数据库文件。")


def _connect(path: Path) -> Database:
    try:
        db = Database(path)
        db.execute("PRAGMA busy_timeout = 5000")
        db.execute("PRAGMA foreign_keys = ON")
    except sqlite3.DatabaseError as exc:
        raise _problem(path, exc) from None
    return db


def _connect_read_only(path: Path) -> Database:
    last: sqlite3.DatabaseError | None = None
    # mode=ro reads a WAL that is still there; immutable=1 opens even where SQLite cannot create its lock files.
    for params in ({"mode": "ro"}, {"mode": "ro", "immutable": "1"}):
        try:
            conn = sqlite3.connect(sqlite_uri(path, **params), uri=True, check_same_thread=True)
            conn.execute("PRAGMA query_only = ON")
            conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
            return Database(conn)
        except sqlite3.DatabaseError as exc:
            last = exc
    raise _problem(path, last) if last is not None else _damaged(path, "")


def _problem(path: Path, exc: sqlite3.DatabaseError) -> DatabaseError:
    """What an SQLite error at opening means: a full disk or a lost drive is no damage of the file."""
    text = str(exc).lower()
    environment = "i/o" in text or "unable to open" in text or "full" in text or "readonly" in text
    if environment and _disk_full(path):
        return DatabaseError(
            f"数据库 {path} 所在的磁盘已满，程序无法打开它：请清理磁盘（删除不需要的文件、清空回收站）后再打开。"
            "数据库没有改动。"
        )
    if "locked" in text:
        return DatabaseError(f"数据库 {path} 正被其他程序使用，现在不能打开：请关闭其他打开它的程序后再试。")
    if environment:
        return DatabaseError(
            f"读写数据库 {path} 时出错（{exc}）：请检查磁盘或U盘是否正常连接，然后重新打开。数据库没有改动。"
        )
    return _damaged(path, str(exc))


def _disk_full(path: Path) -> bool:
    try:
        return shutil.disk_usage(path.parent).free < 1024 * 1024
    except OSError:
        return False


def _damaged(path: Path, problem: str) -> DamagedDatabaseError:
    return DamagedDatabaseError(
        f"数据库文件 {path} 已损坏，或不是本程序的数据库（{problem}）。为了不让损坏扩大，程序没有打开它。"
        "请从备份恢复（损坏的文件会改名保存，不会删除）。",
        path,
    )


def _check(db: Database, path: Path) -> int:
    """The schema version, after SQLite's quick check; raise for a damaged, foreign or newer database."""
    checked_before = passed_before(path)
    try:
        rows = [("ok",)] if checked_before else db.conn.execute("PRAGMA quick_check(5)").fetchall()
        version = schema_version(db)
        tables = set(db.table_names())
    except sqlite3.DatabaseError as exc:
        raise _problem(path, exc) from None
    if rows != [("ok",)]:
        raise _damaged(path, "；".join(str(row[0]) for row in rows)[:300])
    if version > LATEST_VERSION:
        raise DatabaseError(
            f"数据库 {path} 由更新版本的程序创建（结构版本 {version}，本程序只认识到 {LATEST_VERSION}）。"
            "请升级本程序后再打开，数据库未作任何改动。"
        )
    if version and not tables >= _REQUIRED_TABLES:
        raise _damaged(path, "缺少必要的数据表")
    if not version and tables:
        raise DamagedDatabaseError(
            f"文件 {path} 是一个数据库，但不是本程序的数据库：请选择正确的数据库文件，程序没有改动它。", path
        )
    if not checked_before and version:
        remember_passed(path)
    return version


def schema_version(db: Database) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def _migrate(db: Database, version: int) -> None:
    for target in range(version + 1, LATEST_VERSION + 1):
        with db.atomic():
            MIGRATIONS[target - 1](db)
            # PRAGMA takes no parameters; target is an int from our own range.
            db.execute(f"PRAGMA user_version = {int(target)}")


#: For each open database: its path, why it is read-only ("" when writable), and the file's identity then.
_opened: weakref.WeakKeyDictionary[Database, tuple[Path, str, tuple[int, int] | None]] = weakref.WeakKeyDictionary()


def close_db(db: Database) -> None:
    """Close ``db`` and forget it (a closed database is never reported read-only or replaced)."""
    _opened.pop(db, None)
    db.close()


def read_only_reason(db: Database) -> str:
    """Why ``db`` was opened read-only, in Chinese; "" when it can be written."""
    entry = _opened.get(db)
    return entry[1] if entry else ""


def is_read_only(db: Database) -> bool:
    return bool(read_only_reason(db))


def replaced(db: Database) -> bool:
    """True when the file at the database's path is no longer the one opened (restored or copied over by hand)."""
    entry = _opened.get(db)
    if entry is None or entry[2] is None:
        return False
    return file_identity(entry[0]) != entry[2]


def check_writable(db: Database) -> None:
    """Raise before a write that must not happen: a read-only database, or a file replaced under us."""
    entry = _opened.get(db)
    if entry is None:
        return
    path, reason, _identity = entry
    if reason:
        raise ReadOnlyDatabaseError(f"数据库是只读打开的（{reason}），不能修改：请把数据库放到可写的位置后再打开。")
    if replaced(db):
        raise DatabaseReplacedError(
            f"数据库文件 {path} 已被其他程序替换（例如从备份恢复或复制覆盖），为免写错报表，这次修改没有保存。"
            "请关闭程序后重新打开。"
        )


@contextmanager
def write_transaction(db: Database) -> Iterator[Database]:
    """A transaction that takes the write lock at its start (``BEGIN IMMEDIATE``).

    A deferred ``BEGIN`` followed by a read fails at once with "database is locked" when it tries to write
    while another process writes; taking the lock first lets ``busy_timeout`` wait for the other writer.
    Nested use becomes a savepoint (``Database.atomic``). A read-only database or one whose
    file was replaced raises before anything is written.
    """
    if not db.conn.in_transaction:
        check_writable(db)
    with db.atomic(begin="BEGIN IMMEDIATE"):
        yield db
