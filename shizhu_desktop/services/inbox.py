"""What an import is given: the report files named, and those found in the folders named."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

REPORT_SUFFIXES = (".json", ".xlsx")
#: Spreadsheets a clerk may send by mistake: listed and refused with advice, not silently skipped.
LEGACY_SUFFIXES = (".xls", ".et")

__all__ = ["LEGACY_SUFFIXES", "REPORT_SUFFIXES", "find_report_files", "other_files"]


def find_report_files(paths: Iterable[Path]) -> list[Path]:
    """Paths named directly (even missing ones: each gets its own line), and report files found recursively in
    named folders, without duplicates. Anything with a report's name is listed, FIFOs and devices included, so
    that each is refused with a reason instead of being skipped in silence; hidden and Office lock files are not.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.suffix.lower() in REPORT_SUFFIXES + LEGACY_SUFFIXES
                    and not p.name.startswith(("~$", "."))
                    and not _is_dir(p)
                )
            )
        else:
            found.append(path)
    unique: dict[Path, Path] = {}
    for path in found:
        unique.setdefault(_key(path), path)
    return list(unique.values())


def other_files(paths: Iterable[Path]) -> list[Path]:
    """Files in the named folders that are not report files (PDF copies, notes): counted, not imported."""
    return [
        p
        for path in paths
        if path.is_dir()
        for p in sorted(path.rglob("*"))
        if p.is_file() and p.suffix.lower() not in REPORT_SUFFIXES + LEGACY_SUFFIXES and not p.name.startswith(".")
    ]


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


def _key(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop
        return path.absolute()
