"""The files the county has imported, by content hash: a file seen before is recognised without parsing it."""

from __future__ import annotations

from shizhu_desktop.domain.report import now_china
from shizhu_desktop.store.connection import Database


class ImportedFileRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def report_of(self, sha256: str) -> int | None:
        """The report a file with these exact bytes was stored as, or None for a file not imported before."""
        row = self.db.execute("SELECT report_id FROM imported_files WHERE sha256 = ?", [sha256]).fetchone()
        return int(row[0]) if row else None

    def record(self, sha256: str, report_id: int, size: int) -> None:
        """Remember a file (inside the transaction that stored its report; a second copy keeps the first row)."""
        self.db.execute(
            "INSERT OR IGNORE INTO imported_files (sha256, report_id, size, first_seen) VALUES (?, ?, ?, ?)",
            [sha256, report_id, size, now_china().isoformat()],
        )
