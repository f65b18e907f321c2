"""Moving reports between databases: export a report's payload, import report files with every check."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from pathlib import Path

from shizhu_desktop.domain.naming import report_filename
from shizhu_desktop.domain.report import Report, now_china
from shizhu_desktop.interchange.payload import (
    PayloadError,
    VerifiedPayload,
    build_payload,
    parse_payload_text,
    payload_bytes,
    verify_payload,
)
from shizhu_desktop.services.workspace import Workspace

REPORT_SUFFIXES = (".json", ".xlsx")
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

    @property
    def line(self) -> str:
        """One Chinese line for a list or the terminal: file — outcome（reason）."""
        detail = f"（{self.message}）" if self.message else ""
        return f"{self.path.name}：{self.outcome.label}{detail}"


def export_json(workspace: Workspace, report: Report, out_dir: Path) -> Path:
    """Write the report's canonical payload as a .json file in ``out_dir`` and return its path."""
    unit = workspace.units.by_code(report.unit_code)
    payload = build_payload(report, unit)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / report_filename(report, unit.name, "json")
    _write_atomically(path, payload_bytes(payload))
    if report.id is not None and report.is_final:
        workspace.reports.set_digest(report.id, payload["sha256"])
    return path


def _write_atomically(path: Path, data: bytes) -> None:
    # A half-written file must never replace a good one (power cut, full disk).
    temporary = path.with_name(path.name + ".part")
    temporary.write_bytes(data)
    temporary.replace(path)


def read_report_file(workspace: Workspace, path: Path) -> VerifiedPayload:
    """Read and verify one report file (.json; .xlsx once its reader is installed); raise PayloadError."""
    suffix = path.suffix.lower()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PayloadError(
            "unreadable", f"无法读取文件（{exc.strerror or exc}）：请检查文件是否存在、是否被占用。"
        ) from None
    if suffix == ".json":
        data = parse_payload_text(raw)
    elif suffix == ".xlsx":
        from shizhu_desktop.interchange.xlsx_payload import read_xlsx_payload  # openpyxl only when needed

        data = read_xlsx_payload(path)
    else:
        raise PayloadError("format", "文件类型不对：只能导入本程序导出的 .xlsx 或 .json 报表文件。")
    return verify_payload(data, workspace.catalog, workspace.units)


def find_report_files(paths: Iterable[Path]) -> list[Path]:
    """Files named directly, and report files found recursively in named folders, without duplicates."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES and not p.name.startswith(("~$", "."))
                )
            )
        else:
            found.append(path)
    unique: dict[Path, Path] = {}
    for path in found:
        unique.setdefault(path.resolve(), path)
    return list(unique.values())


def import_files(
    workspace: Workspace,
    paths: Iterable[Path],
    *,
    dry_run: bool = False,
    received_at: datetime | None = None,
    progress: Callable[[int, int, Path], bool] | None = None,
) -> list[ImportResult]:
    """Import report files; each file is all-or-nothing. ``progress`` may return False to cancel."""
    files = find_report_files(paths)
    results = []
    for index, path in enumerate(files):
        if progress is not None and progress(index, len(files), path) is False:
            break
        results.append(import_file(workspace, path, dry_run=dry_run, received_at=received_at))
    return results


def import_file(
    workspace: Workspace, path: Path, *, dry_run: bool = False, received_at: datetime | None = None
) -> ImportResult:
    try:
        verified = read_report_file(workspace, path)
    except PayloadError as exc:
        if exc.code in ("format", "no_payload") and _is_tasklist(workspace, path):
            return ImportResult(path, Outcome.REFUSED, TASKLIST_NOT_REPORT)
        return ImportResult(path, Outcome.REFUSED, exc.message)
    report = verified.report
    if not report.is_final:
        return ImportResult(
            path, Outcome.REFUSED, "这是尚未定稿的草稿，不能作为正式报表导入：请填报单位定稿后重新导出再发送。"
        )
    repo = workspace.reports
    existing = repo.find(report.unit_code, report.period, report.kind, report.revision)
    if existing is not None:
        stored_digest = build_payload(existing, verified.unit)["sha256"]
        if stored_digest == verified.digest:
            return ImportResult(path, Outcome.SAME, f"第{report.revision}版已在库中", existing)
        return ImportResult(
            path,
            Outcome.CONFLICT,
            f"库中已有{verified.unit.name}{report.period.label}的第{report.revision}版，但内容不同。"
            "请向填报单位核实哪一份为准，对方应“重新打开修改”生成新的版本后再发送。",
            existing,
        )
    latest = repo.find(report.unit_code, report.period, report.kind)
    outcome, note = Outcome.IMPORTED, ""
    if latest is not None and latest.revision > report.revision:
        outcome, note = Outcome.SUPERSEDED, f"库中已有更新的第{latest.revision}版，本文件作为历史版本保存"
    elif latest is not None:
        note = f"取代第{latest.revision}版"
    if not dry_run:
        report.id = repo.insert(report, source="imported", received_at=received_at or now_china())
    return ImportResult(path, outcome, note, report)


def _is_tasklist(workspace: Workspace, path: Path) -> bool:
    """A refused file that is a task list gets its own message: the clerk picked the wrong menu."""
    from shizhu_desktop.services.tasklist import TaskListError, read_tasklist

    try:
        read_tasklist(workspace, path)
    except (TaskListError, OSError, ValueError):
        return False
    return True
