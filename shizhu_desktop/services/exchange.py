"""Moving reports between databases: export a report's payload, import report files with every check."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from pathlib import Path

from shizhu_desktop.domain.naming import report_filename
from shizhu_desktop.domain.report import Report, now_china
from shizhu_desktop.fileio import write_bytes
from shizhu_desktop.interchange.gates import MAX_JSON_BYTES, read_regular
from shizhu_desktop.interchange.jsonlimits import load_json
from shizhu_desktop.interchange.payload import (
    PayloadError,
    VerifiedPayload,
    build_payload,
    payload_bytes,
    verify_payload,
)
from shizhu_desktop.services.workspace import Workspace
from shizhu_desktop.store.db import write_transaction
from shizhu_desktop.store.errors import DatabaseError

REPORT_SUFFIXES = (".json", ".xlsx")
#: Spreadsheets a clerk may send by mistake: listed and refused with advice, not silently skipped.
LEGACY_SUFFIXES = (".xls", ".et")
TASKLIST_NOT_REPORT = (
    "这是县里下发的重点任务清单，不是报表：请用“设置 → 导入重点任务清单”导入（命令行：tasklist import）。"
)


class Outcome(str, Enum):
    IMPORTED = "imported"
    SAME = "same"
    SUPERSEDED = "superseded"
    CONFLICT = "conflict"
    REFUSED = "refused"

    @property
    def label(self) -> str:
        return {
            "imported": "已导入",
            "same": "已有相同版本",
            "superseded": "被更新版本取代",
            "conflict": "版本冲突",
            "refused": "已拒绝",
        }[self.value]

    @property
    def is_failure(self) -> bool:
        return self in (Outcome.CONFLICT, Outcome.REFUSED)


@dataclass(frozen=True)
class ImportResult:
    path: Path
    outcome: Outcome
    message: str
    report: Report | None = None
    unit_name: str = ""

    @property
    def what(self) -> str:
        """What the file holds, e.g. 西沱镇 2026年10月月报 第1版 (empty when it could not be read)."""
        report = self.report
        if report is None:
            return ""
        when = report.period.label if report.kind.value == "monthly" else report.period.quarter_label
        return f"{self.unit_name or report.unit_code}{when}{report.kind.short_label}第{report.revision}版"

    @property
    def line(self) -> str:
        """One Chinese line for a list or the terminal: the file as given — outcome（reason）."""
        details = "；".join(part for part in (self.what, self.message) if part)
        return f"{self.path}：{self.outcome.label}" + (f"（{details}）" if details else "")


def export_json(workspace: Workspace, report: Report, out_dir: Path) -> Path:
    """Write the report's canonical payload as a .json file in ``out_dir`` and return its path."""
    unit = workspace.units.by_code(report.unit_code)
    payload = build_payload(report, unit)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / report_filename(report, unit.name, "json")
    write_bytes(path, payload_bytes(payload))  # a half-written file never replaces a good one
    if report.id is not None and report.is_final:
        workspace.reports.set_digest(report.id, payload["sha256"])
    return path


def read_report_file(workspace: Workspace, path: Path) -> VerifiedPayload:
    """Read and verify one report file (.json or .xlsx); raise PayloadError.

    Cheapest gates first: the kind of file by its name, a regular file within its size budget (gates), for an
    .xlsx its zip directory and parts (xlsx_container), parsing with limits (jsonlimits, xlsx_cells), then
    every rule of the payload (verify_payload).
    """
    suffix = path.suffix.lower()
    if suffix in LEGACY_SUFFIXES:
        raise PayloadError(
            "format",
            "这是旧版 Excel（.xls）或 WPS 表格文件，不是本程序导出的报表：请填报单位用本程序导出 .xlsx 文件后发送。",
        )
    if suffix == ".json":
        data = load_json(read_regular(path, MAX_JSON_BYTES))
        if not isinstance(data, dict):
            raise PayloadError("format", "文件格式不对：这不是本程序导出的报表文件。")
    elif suffix == ".xlsx":
        # openpyxl only when needed
        from shizhu_desktop.exports.xlsx_report import REPORT_SHEETS
        from shizhu_desktop.interchange.xlsx_payload import PAYLOAD_SHEET, read_xlsx_payload

        data = read_xlsx_payload(path, (*REPORT_SHEETS, PAYLOAD_SHEET))
    else:
        raise PayloadError("format", "文件类型不对：只能导入本程序导出的 .xlsx 或 .json 报表文件。")
    return verify_payload(data, workspace.catalog, workspace.units)


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


class _Batch:
    """What a dry run would have stored so far, so that a preview agrees with the real import."""

    def __init__(self) -> None:
        self.digests: dict[tuple[str, str, str, int], tuple[str, Path]] = {}

    def key(self, report: Report) -> tuple[str, str, str, int]:
        return (report.unit_code, str(report.period), report.kind.value, report.revision)

    def latest(self, report: Report) -> int:
        return max(
            (k[3] for k in self.digests if k[:3] == self.key(report)[:3]),
            default=0,
        )


def import_files(
    workspace: Workspace,
    paths: Iterable[Path],
    *,
    dry_run: bool = False,
    received_at: datetime | None = None,
    progress: Callable[[int, int, Path], bool] | None = None,
) -> list[ImportResult]:
    """Import report files, each all-or-nothing and committed on its own; ``progress`` may return False to cancel.

    Before a real import the database is backed up (导入前). Whatever a file holds, it ends as one result
    with a Chinese reason: an unexpected error refuses that file and the next one is still imported.
    """
    files = find_report_files(paths)
    if not dry_run and files:
        problem = _backup_before_import(workspace)
        if problem:
            return [ImportResult(path, Outcome.REFUSED, problem) for path in files]
    results = []
    batch = _Batch() if dry_run else None
    received_at = received_at or now_china()
    for index, path in enumerate(files):
        if progress is not None and progress(index, len(files), path) is False:
            break
        try:
            result = import_file(workspace, path, dry_run=dry_run, received_at=received_at, batch=batch)
        except Exception as exc:  # never a traceback, never a stop: this file is refused, the next one goes on
            result = ImportResult(path, Outcome.REFUSED, unexpected_problem(exc))
        results.append(result)
    return results


def _backup_before_import(workspace: Workspace) -> str:
    from shizhu_desktop.store import DatabaseError
    from shizhu_desktop.store.backups import BEFORE_IMPORT, automatic_backup

    if not workspace.reports.summaries():
        return ""  # nothing stored yet: nothing to lose
    try:
        automatic_backup(workspace.db, workspace.path, BEFORE_IMPORT)
    except (DatabaseError, OSError) as exc:
        return f"导入前的自动备份没有成功（{exc}），为保护现有数据，没有导入。"
    return ""


def unexpected_problem(exc: Exception) -> str:
    """A file that failed in a way no gate foresaw, in words a clerk can act on."""
    text = str(exc)
    if isinstance(exc, sqlite3.OperationalError) and "locked" in text:
        return "数据库正被其他程序使用，这个文件没有导入：请关闭其他打开本数据库的程序后重新导入。"
    if isinstance(exc, sqlite3.Error) and "full" in text:
        return "磁盘空间不足，这个文件没有导入：请清理磁盘后重新导入。"
    if isinstance(exc, (sqlite3.Error, DatabaseError)):
        return f"写入数据库时出错（{text}），这个文件没有导入，数据库未作改动。"
    if isinstance(exc, MemoryError):
        return "文件太大，内存不足，没有导入：这不是本程序导出的报表。"
    return (
        f"读取这个文件时出现意外错误（{type(exc).__name__}），没有导入：文件可能已损坏，"
        "请让填报单位重新导出后发送；如反复出现，请把这个文件交给技术人员。"
    )


def import_file(
    workspace: Workspace,
    path: Path,
    *,
    dry_run: bool = False,
    received_at: datetime | None = None,
    batch: _Batch | None = None,
) -> ImportResult:
    try:
        verified = read_report_file(workspace, path)
    except PayloadError as exc:
        if exc.code in ("format", "no_payload", "foreign_sheet") and _is_tasklist(workspace, path):
            return ImportResult(path, Outcome.REFUSED, TASKLIST_NOT_REPORT)
        return ImportResult(path, Outcome.REFUSED, exc.message)
    report = verified.report
    name = verified.unit.name
    if not report.is_final:
        return ImportResult(
            path, Outcome.REFUSED, "这是尚未定稿的草稿，不能作为正式报表导入：请填报单位定稿后重新导出再发送。"
        )
    repo = workspace.reports
    existing = repo.find(report.unit_code, report.period, report.kind, report.revision)
    blank_draft: int | None = None
    if existing is not None and _blank_local_draft(existing):
        # The window makes an empty draft for every month it opens: a clerk importing a final report of the
        # unit (e.g. moved from another PC) replaces that empty draft instead of clashing with it.
        blank_draft, existing = existing.id, None
    when = report.period.label if report.kind.value == "monthly" else report.period.quarter_label
    if existing is not None:
        stored_digest = build_payload(existing, verified.unit)["sha256"]
        if stored_digest == verified.digest:
            return ImportResult(path, Outcome.SAME, f"第{report.revision}版已在库中", existing, name)
        day = existing.finalized_at
        finalized = f"（{day.month}月{day.day}日定稿）" if day else ""
        return ImportResult(
            path,
            Outcome.CONFLICT,
            f"库中已有{name}{when}的第{report.revision}版{finalized}，与本文件内容不同。"
            "请向填报单位核实哪一份为准，对方应“重新打开修改”生成新的版本后再发送。",
            existing,
            name,
        )
    if batch is not None:
        earlier = batch.digests.get(batch.key(report))
        if earlier is not None:
            if earlier[0] == verified.digest:
                return ImportResult(path, Outcome.SAME, f"与本批的 {earlier[1].name} 相同", report, name)
            return ImportResult(
                path,
                Outcome.CONFLICT,
                f"本批的 {earlier[1].name} 也是{name}{when}第{report.revision}版，但内容不同。"
                "请向填报单位核实哪一份为准。",
                report,
                name,
            )
    latest_stored = repo.find(report.unit_code, report.period, report.kind)
    latest = max(latest_stored.revision if latest_stored else 0, batch.latest(report) if batch else 0)
    outcome, note = Outcome.IMPORTED, ""
    if latest > report.revision:
        outcome, note = Outcome.SUPERSEDED, f"库中已有更新的第{latest}版，本文件作为历史版本保存"
    elif latest:
        note = f"取代第{latest}版"
    if batch is not None:
        batch.digests[batch.key(report)] = (verified.digest, path)
    if not dry_run:
        with write_transaction(workspace.db):  # the empty draft goes and the report comes in one commit
            if blank_draft is not None:
                repo.delete(blank_draft)
            report.id = repo.insert(report, source="imported", received_at=received_at or now_china())
    return ImportResult(path, outcome, note, report, name)


def _blank_local_draft(report: Report) -> bool:
    return (
        report.source == "local"
        and not report.is_final
        and all(e.is_empty() for e in report.entries)
        and all(v.value is None and v.cumulative is None and not v.note for v in report.indicators)
        and (report.narrative is None or report.narrative.is_empty())
    )


def _is_tasklist(workspace: Workspace, path: Path) -> bool:
    """A refused file that is a task list gets its own message: the clerk picked the wrong menu."""
    from shizhu_desktop.services.tasklist import TaskListError, read_tasklist

    try:
        read_tasklist(workspace, path)
    except (TaskListError, OSError, ValueError):
        return False
    return True
