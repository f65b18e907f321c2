"""What every command shares: exit codes, the two kinds of refusal, the database, and argument parsing helpers."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from shizhu_desktop.paths import default_db_path

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


class Refused(Exception):
    """Input refused: printed on stderr, exit status 1."""


class UsageError(Exception):
    """Wrong use of the command line: printed on stderr, exit status 2."""


def add_db_option(parser: argparse.ArgumentParser) -> None:
    """`shizhu-desktop export --db X …` works as well as `shizhu-desktop --db X export …`."""
    parser.add_argument("--db", type=Path, default=argparse.SUPPRESS, help="数据库文件路径")
    parser.add_argument(
        "--clear-lock",
        action="store_true",
        default=argparse.SUPPRESS,
        help="清除另一台电脑留下的锁定（只在那台电脑已不再使用本数据库时使用）",
    )


def db_path(args: argparse.Namespace) -> Path:
    return Path(args.db) if args.db else default_db_path()


def open_workspace(args: argparse.Namespace) -> Any:
    """The workspace on the command's database; a database that cannot be used is a refusal, not a traceback."""
    from shizhu_desktop.domain.schema import DataFileError
    from shizhu_desktop.services.workspace import Workspace
    from shizhu_desktop.store import DamagedDatabaseError, DatabaseError

    try:
        workspace = Workspace.open(db_path(args))
    except DamagedDatabaseError as exc:
        raise Refused(f"{exc}\n{restore_hint(db_path(args))}") from None
    except (DatabaseError, DataFileError) as exc:
        raise Refused(str(exc)) from None
    if workspace.read_only:
        print(f"注意：数据库是只读打开的（{workspace.read_only_reason}），只能查看和导出。", file=sys.stderr)
    return workspace


def restore_hint(path: Path) -> str:
    """Which command restores the newest good backup of the database at ``path`` (or where to look)."""
    from shizhu_desktop.store.backups import newest_good_backup

    best = newest_good_backup(path)
    if best is None:
        return (
            f'数据库旁的 backups 文件夹中没有完好的备份。如果U盘等处有备份，请运行：shizhu-desktop --db "{path}" '
            "restore 备份文件；否则请联系技术人员。"
        )
    return (
        f"最新的完好备份是 {best.when} 的{best.reason}，恢复它请运行：\n"
        f'  shizhu-desktop --db "{path}" restore "{best.path}"\n'
        "（恢复时，损坏的文件会改名保存，不会删除。）"
    )


@contextlib.contextmanager
def database_lock(args: argparse.Namespace, what: str) -> Iterator[None]:
    """Hold the one-writer lock of the command's database while ``what`` (导入, 恢复 …) changes it.

    Refused while the program's window (or another command) has the database, naming the computer and user.
    """
    from shizhu_desktop.locking import COMMAND, DatabaseLock, LockHeldError

    path = db_path(args)
    lock = DatabaseLock(path, COMMAND, what)
    try:
        lock.acquire(clear_other_host=getattr(args, "clear_lock", False), wait_seconds=10)
    except LockHeldError as exc:
        raise Refused(lock_refusal(exc, what)) from None
    except OSError:
        pass  # no lock file can be made (read-only folder): nothing can write there either, opening says so
    try:
        yield
    finally:
        lock.release()


def lock_refusal(exc: Any, what: str) -> str:
    """Why a command that changes the database did not run, and what to do."""
    from shizhu_desktop.locking import WINDOW

    info = exc.info
    holder = info.describe() if info else "另一个程序"
    if exc.clearable:
        return (
            f"数据库被{holder}锁定，{what}没有进行。如果那台电脑已经不再使用这个数据库（例如死机、断电或U盘被直接拔出），"
            "可以加 --clear-lock 参数清除锁定后重试；如果那台电脑还开着本程序，请不要清除，以免数据损坏。"
        )
    if info is not None and info.role == WINDOW:
        return (
            f"数据库正在被{holder}使用。{what}会修改数据库，为免两边同时修改而写错报表，没有进行："
            "请先关闭程序窗口再运行这个命令，或直接在窗口中操作。"
        )
    return f"数据库正在被{holder}使用，{what}没有进行：请等它完成后再试。"


@contextlib.contextmanager
def writing_workspace(args: argparse.Namespace, what: str) -> Iterator[Any]:
    """The workspace for a command that changes the database: lock held, writable, backed up once a day."""
    from shizhu_desktop.store import DatabaseError
    from shizhu_desktop.store.backups import daily_backup

    with database_lock(args, what):
        workspace = open_workspace(args)
        try:
            if workspace.read_only:
                raise Refused(
                    f"数据库是只读打开的（{workspace.read_only_reason}），不能{what}：请把数据库放到可写的位置。"
                )
            try:
                daily_backup(workspace.db, workspace.path)
            except (DatabaseError, OSError) as exc:
                print(f"注意：今天的自动备份没有成功（{exc}）。", file=sys.stderr)
            yield workspace
        finally:
            workspace.close()


def unexpected(exc: Exception) -> str:
    """An error no command foresaw, in Chinese: what kind, and that nothing half-done was kept.

    Write errors and database errors already carry a Chinese message; anything else is named by its type and
    written with its traceback to a log beside the default database, for a technician.
    """
    import sqlite3

    from shizhu_desktop.fileio import FileWriteError
    from shizhu_desktop.store import DatabaseError

    if isinstance(exc, (FileWriteError, DatabaseError)):
        return str(exc)
    if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
        return "数据库正被其他程序使用，没有完成：请稍后再试，或关闭其他打开本数据库的程序。"
    if isinstance(exc, sqlite3.Error) and "full" in str(exc):
        return "磁盘空间不足，没有完成：请清理磁盘后再试。数据库保持原样。"
    log = _log_unexpected(exc)
    where = f"详细信息已记录在 {log}，" if log else ""
    return f"程序出现了意外错误（{type(exc).__name__}：{exc}），没有完成。{where}如反复出现，请联系技术人员。"


def _log_unexpected(exc: Exception) -> Path | None:
    import traceback
    from datetime import datetime

    log = default_db_path().parent / "错误记录.log"
    now = datetime.now()
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("a", encoding="utf-8") as out:
            out.write(f"{now.isoformat(timespec='seconds')} 命令行\n")
            out.write("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)) + "\n")
    except OSError:
        return None
    return log


def print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def parse_period(text: str) -> Any:
    from shizhu_desktop.domain.periods import Period, PeriodError

    try:
        return Period.parse(text)
    except PeriodError as exc:
        raise UsageError(str(exc)) from None


def find_unit(workspace: Any, name: str) -> Any:
    from shizhu_desktop.domain.units import UnknownUnitError

    try:
        return workspace.units.find(name)
    except UnknownUnitError as exc:
        raise UsageError(str(exc)) from None


def parse_today(text: str | None) -> Any:
    """A ``--today``-style date, or today in China when not given."""
    from datetime import date

    from shizhu_desktop.domain.report import now_china

    if not text:
        return now_china().date()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"日期“{text}”格式不对：应写成“年-月-日”，例如 2026-11-20。") from None


def display_width(text: str) -> int:
    """Columns a text takes in a terminal: Han characters and full-width punctuation count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))
