"""Moving reports between databases: export a report's payload, import report files with every check."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from datetime import date, datetime, time
from pathlib import Path

from shizhu_desktop.consolidation.assignments import Assignments, assignments
from shizhu_desktop.domain.naming import report_filename
from shizhu_desktop.domain.report import CHINA_TZ, Report, now_china
from shizhu_desktop.domain.trust import Verdict
from shizhu_desktop.fileio import write_bytes
from shizhu_desktop.interchange.fingerprints import key_fingerprint
from shizhu_desktop.interchange.gates import MAX_JSON_BYTES, read_regular
from shizhu_desktop.interchange.jsonlimits import load_json
from shizhu_desktop.interchange.payload import (
    PayloadError,
    VerifiedPayload,
    build_payload,
    payload_bytes,
    verify_payload,
)
from shizhu_desktop.interchange.payload_rules import check_rules
from shizhu_desktop.services.identity import check_clock, signed_payload
from shizhu_desktop.services.import_outcome import ImportResult as ImportResult  # imported from here by the windows
from shizhu_desktop.services.import_outcome import Outcome as Outcome
from shizhu_desktop.services.inbox import LEGACY_SUFFIXES
from shizhu_desktop.services.inbox import find_report_files as find_report_files  # imported from here by tests
from shizhu_desktop.services.inbox import other_files as other_files
from shizhu_desktop.services.known_files import BeforeWrite, already_imported, file_hash
from shizhu_desktop.services.trust import check_signer, record_signer
from shizhu_desktop.services.workspace import Workspace
from shizhu_desktop.store.db import write_transaction
from shizhu_desktop.store.errors import DatabaseError
from shizhu_desktop.store.imported_files import ImportedFileRepository
from shizhu_desktop.store.keys import SignatureRepository

TASKLIST_NOT_REPORT = (
    "这是县里下发的重点任务清单，不是报表：请用“设置 → 导入重点任务清单”导入（命令行：tasklist import）。"
)


def export_json(workspace: Workspace, report: Report, out_dir: Path) -> Path:
    """Write the report's signed canonical payload as a .json file in ``out_dir`` and return its path.

    Raises ``ClockError`` when the PC's date is earlier than what it saved before.
    """
    check_clock(workspace)
    unit = workspace.units.by_code(report.unit_code)
    payload = signed_payload(workspace, report, unit)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / report_filename(report, unit.name, "json")
    write_bytes(path, payload_bytes(payload))  # a half-written file never replaces a good one
    if report.id is not None and report.is_final:
        workspace.reports.set_digest(report.id, payload["sha256"])
    return path


def read_report_file(workspace: Workspace, path: Path, *, allow_unsigned: bool = False) -> VerifiedPayload:
    """Read and verify one report file (.json or .xlsx), its signature included; raise PayloadError.

    Cheapest gates first: the kind of file by its name, a regular file within its size budget (gates), for an
    .xlsx its zip directory and parts (xlsx_container), parsing with limits (jsonlimits, xlsx_cells), then
    every check of the payload (verify_payload).
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
        from shizhu_desktop.exports.titles import REPORT_SHEETS
        from shizhu_desktop.interchange.xlsx_payload import PAYLOAD_SHEET, read_xlsx_payload

        data = read_xlsx_payload(path, (*REPORT_SHEETS, PAYLOAD_SHEET))
    else:
        raise PayloadError("format", "文件类型不对：只能导入本程序导出的 .xlsx 或 .json 报表文件。")
    return verify_payload(data, workspace.catalog, workspace.units, allow_unsigned=allow_unsigned)


class _Batch:
    """What a dry run would have stored so far, so that a preview agrees with the real import."""

    def __init__(self) -> None:
        self.digests: dict[tuple[str, str, str, int], tuple[str, Path]] = {}
        #: unit code → the fingerprint a first file of this batch would register (the registry is not written).
        self.first_keys: dict[str, str] = {}

    def key(self, report: Report) -> tuple[str, str, str, int]:
        return (report.unit_code, str(report.period), report.kind.value, report.revision)

    def latest(self, report: Report) -> int:
        return max(
            (k[3] for k in self.digests if k[:3] == self.key(report)[:3]),
            default=0,
        )


def received_moment(received_on: date | None) -> datetime:
    """The 收件日期 as stored: midnight of that day in China (today when not given)."""
    return datetime.combine(received_on or now_china().date(), time(0), CHINA_TZ)


def import_files(
    workspace: Workspace,
    paths: Iterable[Path],
    *,
    dry_run: bool = False,
    received_on: date | None = None,
    allow_unsigned: bool = False,
    progress: Callable[[int, int, Path], bool] | None = None,
) -> list[ImportResult]:
    """Import report files received on ``received_on`` (收件日期, default today); each file is all-or-nothing.

    ``progress`` may return False to cancel. Timeliness counts from the 收件日期, never from the file's own clock.
    Before a real import the database is backed up (导入前). Whatever a file holds, it ends as one result with
    a Chinese reason, committed on its own: an unexpected error refuses that file and the next one goes on.
    """
    files = find_report_files(paths)
    results = []
    batch = _Batch() if dry_run else None
    before_write = None if dry_run else BeforeWrite(workspace)
    in_force = assignments(workspace)  # read once per batch, not once per file
    for index, path in enumerate(files):
        if progress is not None and progress(index, len(files), path) is False:
            break
        try:
            result = import_file(
                workspace,
                path,
                dry_run=dry_run,
                received_on=received_on,
                allow_unsigned=allow_unsigned,
                batch=batch,
                before_write=before_write,
                in_force=in_force,
            )
        except Exception as exc:  # never a traceback, never a stop: this file is refused, the next one goes on
            result = ImportResult(path, Outcome.REFUSED, unexpected_problem(exc))
        results.append(result)
    return results


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
    received_on: date | None = None,
    allow_unsigned: bool = False,
    batch: _Batch | None = None,
    before_write: BeforeWrite | None = None,
    in_force: Assignments | None = None,
) -> ImportResult:
    received = received_moment(received_on)
    content = file_hash(path)
    if content is not None and (known := already_imported(workspace, path, content[0])) is not None:
        return known  # these very bytes came in before: recognised without parsing them again
    try:
        verified = read_report_file(workspace, path, allow_unsigned=allow_unsigned)
        catalog = (in_force or assignments(workspace)).catalog_for(verified.report.period)
        findings = check_rules(verified.report, verified.unit, catalog, received.date())
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
    signer = None
    if verified.public_key is not None:
        signer = check_signer(workspace, verified.unit, verified.public_key)
        if not signer.accepted:
            return ImportResult(path, Outcome.REFUSED, signer.message, report, name)
        if batch is not None and signer.decision.verdict is Verdict.FIRST:
            first = batch.first_keys.setdefault(report.unit_code, signer.fingerprint)
            if first != signer.fingerprint:
                message = (
                    f"本批中{name}的文件用了两个不同的密钥（{first} 和 {signer.fingerprint}）："
                    "导入时只接受先到的一个，请向对方核实。"
                )
                return ImportResult(path, Outcome.REFUSED, message, report, name)
    remarks = list(findings.notes) + ([] if verified.signed else ["未签名"])
    repo = workspace.reports
    existing = repo.find(report.unit_code, report.period, report.kind, report.revision)
    blank_draft: int | None = None
    if existing is not None and _blank_local_draft(existing):
        # The window makes an empty draft for every month it opens: a clerk importing a final report of the
        # unit (e.g. moved from another PC) replaces that empty draft instead of clashing with it.
        blank_draft, existing = existing.id, None
    when = report.period.label if report.kind.value == "monthly" else report.period.quarter_label
    if existing is not None:
        stored_digest = existing.digest or build_payload(existing, verified.unit)["sha256"]
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
        problem = before_write.ensure() if before_write is not None else ""
        if problem:
            return ImportResult(path, Outcome.REFUSED, problem, report, name)
        # One commit per file: the empty draft goes, the report, its signature, its signer and its bytes' hash
        # come in.
        with write_transaction(workspace.db):
            if blank_draft is not None:
                repo.delete(blank_draft)
            report.id = _store(workspace, verified, received)
            if signer is not None and verified.public_key is not None:
                record_signer(workspace, verified.unit, verified.public_key, signer)
            if content is not None:
                ImportedFileRepository(workspace.db).record(content[0], report.id, content[1])
    if signer is not None and signer.decision.verdict is Verdict.FIRST:
        remarks.append(f"密钥 {signer.fingerprint} 待确认")
    return ImportResult(path, outcome, "；".join(part for part in (note, *remarks) if part), report, name)


def _store(workspace: Workspace, verified: VerifiedPayload, received: datetime) -> int:
    """The report, the signature it came with and its 收件日期, in one transaction."""
    with write_transaction(workspace.db):
        report_id = workspace.reports.insert(verified.report, source="imported", received_at=received)
        if verified.public_key is not None and verified.signature is not None:
            SignatureRepository(workspace.db).save(
                report_id,
                verified.public_key,
                verified.signature,
                key_fingerprint(verified.public_key),
                verified.generator,
            )
    return report_id


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
