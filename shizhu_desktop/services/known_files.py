"""Recognising a file imported before by its bytes (no parsing), and the backup taken before the first write."""

from __future__ import annotations

import hashlib
from pathlib import Path

from shizhu_desktop.interchange.gates import MAX_JSON_BYTES, MAX_XLSX_BYTES, open_regular
from shizhu_desktop.interchange.payload import PayloadError
from shizhu_desktop.services.import_outcome import ImportResult, Outcome
from shizhu_desktop.services.workspace import Workspace
from shizhu_desktop.store.imported_files import ImportedFileRepository

_LIMITS = {".json": MAX_JSON_BYTES, ".xlsx": MAX_XLSX_BYTES}


def file_hash(path: Path) -> tuple[str, int] | None:
    """(SHA-256, size) of a report file's bytes; None when it is not a regular file within budget (the gates of
    the full reading then say why)."""
    limit = _LIMITS.get(path.suffix.lower())
    if limit is None:
        return None
    digest, size = hashlib.sha256(), 0
    try:
        with open_regular(path, limit) as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
                size += len(chunk)
    except (PayloadError, OSError):
        return None
    return digest.hexdigest(), size


def already_imported(workspace: Workspace, path: Path, sha256: str) -> ImportResult | None:
    """已有相同版本 for a file whose very bytes were imported before (its report still held); else None.

    Those bytes passed every check when they came in; nothing is written now, so nothing needs checking again.
    """
    report_id = ImportedFileRepository(workspace.db).report_of(sha256)
    if report_id is None:
        return None
    report = workspace.reports.load(report_id)
    unit = workspace.units.get(report.unit_code)
    message = f"第{report.revision}版已在库中（同一文件已导入过）"
    return ImportResult(path, Outcome.SAME, message, report, unit.name if unit else "")


class BeforeWrite:
    """The backup (导入前) taken once per import batch, just before its first write: a batch that changes
    nothing (every file known already) copies nothing. ``problem`` is '' or why the import must stop."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.done = False
        self.problem = ""

    def ensure(self) -> str:
        if not self.done:
            self.done = True
            self.problem = _backup(self.workspace)
        return self.problem


def _backup(workspace: Workspace) -> str:
    from shizhu_desktop.store import DatabaseError
    from shizhu_desktop.store.backups import BEFORE_IMPORT, automatic_backup

    if not workspace.reports.any():
        return ""  # nothing stored yet: nothing to lose
    try:
        automatic_backup(workspace.db, workspace.path, BEFORE_IMPORT)
    except (DatabaseError, OSError) as exc:
        return f"导入前的自动备份没有成功（{exc}），为保护现有数据，没有导入。"
    return ""
