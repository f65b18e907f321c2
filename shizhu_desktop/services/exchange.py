"""Moving reports between databases: export a report's payload, import report files with every check."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import Enum
from pathlib import Path

from shizhu_desktop.consolidation.assignments import assignments
from shizhu_desktop.domain.naming import report_filename
from shizhu_desktop.domain.report import CHINA_TZ, Report, now_china
from shizhu_desktop.domain.trust import Verdict
from shizhu_desktop.interchange.fingerprints import key_fingerprint
from shizhu_desktop.interchange.payload import (
    PayloadError,
    VerifiedPayload,
    build_payload,
    parse_payload_text,
    payload_bytes,
    verify_payload,
)
from shizhu_desktop.interchange.payload_rules import check_rules
from shizhu_desktop.services.identity import check_clock, signed_payload
from shizhu_desktop.services.trust import check_signer, record_signer
from shizhu_desktop.services.workspace import Workspace
from shizhu_desktop.store.db import write_transaction
from shizhu_desktop.store.keys import SignatureRepository

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
    """Write the report's signed canonical payload as a .json file in ``out_dir`` and return its path.

    Raises ``ClockError`` when the PC's date is earlier than what it saved before.
    """
    check_clock(workspace)
    unit = workspace.units.by_code(report.unit_code)
    payload = signed_payload(workspace, report, unit)
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


def read_report_file(workspace: Workspace, path: Path, *, allow_unsigned: bool = False) -> VerifiedPayload:
    """Read and verify one report file (.json or .xlsx), its signature included; raise PayloadError."""
    suffix = path.suffix.lower()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PayloadError(
            "unreadable", f"无法读取文件（{exc.strerror or exc}）：请检查文件是否存在、是否被占用。"
        ) from None
    if suffix in LEGACY_SUFFIXES:
        raise PayloadError(
            "format",
            "这是旧版 Excel（.xls）或 WPS 表格文件，不是本程序导出的报表：请填报单位用本程序导出 .xlsx 文件后发送。",
        )
    if suffix == ".json":
        data = parse_payload_text(raw)
    elif suffix == ".xlsx":
        from shizhu_desktop.interchange.xlsx_payload import read_xlsx_payload  # openpyxl only when needed

        data = read_xlsx_payload(path)
    else:
        raise PayloadError("format", "文件类型不对：只能导入本程序导出的 .xlsx 或 .json 报表文件。")
    return verify_payload(data, workspace.catalog, workspace.units, allow_unsigned=allow_unsigned)


def find_report_files(paths: Iterable[Path]) -> list[Path]:
    """Files named directly, and report files found recursively in named folders, without duplicates."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file()
                    and p.suffix.lower() in REPORT_SUFFIXES + LEGACY_SUFFIXES
                    and not p.name.startswith(("~$", "."))
                )
            )
        else:
            found.append(path)
    unique: dict[Path, Path] = {}
    for path in found:
        unique.setdefault(path.resolve(), path)
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
    """
    files = find_report_files(paths)
    results = []
    batch = _Batch() if dry_run else None
    for index, path in enumerate(files):
        if progress is not None and progress(index, len(files), path) is False:
            break
        results.append(
            import_file(
                workspace,
                path,
                dry_run=dry_run,
                received_on=received_on,
                allow_unsigned=allow_unsigned,
                batch=batch,
            )
        )
    return results


def import_file(
    workspace: Workspace,
    path: Path,
    *,
    dry_run: bool = False,
    received_on: date | None = None,
    allow_unsigned: bool = False,
    batch: _Batch | None = None,
) -> ImportResult:
    received = received_moment(received_on)
    try:
        verified = read_report_file(workspace, path, allow_unsigned=allow_unsigned)
        findings = check_rules(
            verified.report, verified.unit, assignments(workspace).catalog_for(verified.report.period), received.date()
        )
    except PayloadError as exc:
        if exc.code in ("format", "no_payload") and _is_tasklist(workspace, path):
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
    if existing is not None and _blank_local_draft(existing):
        # The window makes an empty draft for every month it opens: a clerk importing a final report of the
        # unit (e.g. moved from another PC) replaces that empty draft instead of clashing with it.
        if not dry_run and existing.id is not None:
            repo.delete(existing.id)
        existing = None
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
        report.id = _store(workspace, verified, received)
        if signer is not None and verified.public_key is not None:
            record_signer(workspace, verified.unit, verified.public_key, signer)
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
