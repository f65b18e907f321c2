"""What the report repository hands out besides reports: list rows, and the error for a frozen revision."""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from shizhu_desktop.domain.periods import Period
from shizhu_desktop.domain.report import Report, ReportKind, ReportState


class ReportFrozenError(RuntimeError):
    """A write to a finalized revision; the message tells the clerk how to change it."""

    def __init__(self, report: Report | None = None) -> None:
        super().__init__("这一版已经定稿，不能再修改。如需修改，请点“重新打开修改”，程序会另存为新的一版。")
        self.report = report


class ReportSummary(NamedTuple):
    """One row of the report list: enough to list revisions without loading their texts."""

    id: int
    unit_code: str
    period: Period
    kind: ReportKind
    revision: int
    state: ReportState
    created_at: datetime
    updated_at: datetime
    finalized_at: datetime | None
    source: str
    digest: str | None
    received_at: datetime | None
    first_finalized_at: datetime | None = None
