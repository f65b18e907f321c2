"""What every command shares: exit codes, the two kinds of refusal, the database, and argument parsing helpers."""

from __future__ import annotations

import argparse
import json
import unicodedata
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


def db_path(args: argparse.Namespace) -> Path:
    return Path(args.db) if args.db else default_db_path()


def open_workspace(args: argparse.Namespace) -> Any:
    """The workspace on the command's database; a database that cannot be used is a refusal, not a traceback."""
    from shizhu_desktop.domain.schema import DataFileError
    from shizhu_desktop.services.workspace import Workspace
    from shizhu_desktop.store import DatabaseError

    try:
        return Workspace.open(db_path(args))
    except (DatabaseError, DataFileError) as exc:
        raise Refused(str(exc)) from None


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
