"""When each report revision was last exported or printed: rows of the audit trail, so backups keep them."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from shizhu_desktop.store.connection import Database

#: The audit-trail entity of an export; ``key`` holds what was written (xlsx, pdf, json, print).
EXPORT_ENTITY = "export"
EXPORT_KINDS = {"xlsx": "Excel", "pdf": "PDF", "json": "数据文件", "print": "打印用PDF"}


class ExportRecord(NamedTuple):
    """One export of a revision: when, what (xlsx/pdf/json/print) and the file written."""

    at: datetime
    kind: str
    path: str

    @property
    def label(self) -> str:
        return EXPORT_KINDS.get(self.kind, self.kind)


class ExportLog:
    """Records exports of stored reports; ``last`` answers the banner's 已导出 for a revision."""

    def __init__(self, db: Database, who: str = "") -> None:
        self.db = db
        self.who = who

    def record(self, report_id: int, kind: str, path: Path, at: datetime) -> None:
        """Note that report ``report_id`` was written as ``kind`` to ``path`` at ``at``."""
        self.db.execute(
            "INSERT INTO audit_log (at, who, report_id, entity, key, field, old, new) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [at.isoformat(), self.who, report_id, EXPORT_ENTITY, kind, "file", None, str(path)],
        )

    def last(self, report_id: int, kinds: tuple[str, ...] = tuple(EXPORT_KINDS)) -> ExportRecord | None:
        """The latest export of ``report_id`` among ``kinds``, or None when it was never exported."""
        marks = ", ".join("?" for _ in kinds)
        row = self.db.execute(
            f"SELECT at, key, new FROM audit_log WHERE report_id = ? AND entity = ? AND key IN ({marks}) "
            "ORDER BY id DESC LIMIT 1",
            [report_id, EXPORT_ENTITY, *kinds],
        ).fetchone()
        if row is None:
            return None
        return ExportRecord(datetime.fromisoformat(row[0]), row[1], row[2] or "")
