"""What the county holds: per unit, period and kind, the first receipt and the latest final revision."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from shizhu_desktop.domain.periods import Period
from shizhu_desktop.domain.report import CHINA_TZ, ReportKind, ReportState
from shizhu_desktop.domain.trust import KeyState
from shizhu_desktop.store.keys import signer_marks
from shizhu_desktop.store.reports import ReportRepository, ReportSummary


def china_day(moment: datetime) -> date:
    """The calendar day of ``moment`` in China (a naive time is taken as China time already)."""
    if moment.tzinfo is None:
        return moment.date()
    return moment.astimezone(CHINA_TZ).date()


@dataclass(frozen=True)
class Submission:
    """The final revisions of one unit's report for one period and kind."""

    unit_code: str
    period: Period
    kind: ReportKind
    #: Final revisions, lowest first.
    revisions: tuple[ReportSummary, ...]
    #: Report id → how its signer stands in the key registry (store.keys.signer_marks); imported reports only.
    marks: dict[int, str] = field(default_factory=dict)

    @property
    def latest(self) -> ReportSummary:
        return self.revisions[-1]

    @property
    def first_finalized(self) -> datetime | None:
        """The earliest finalization among the final revisions (the unit's own clock: shown, never trusted)."""
        moments = [m for r in self.revisions if (m := r.first_finalized_at or r.finalized_at) is not None]
        return min(moments) if moments else None

    @property
    def received_on(self) -> date | None:
        """The first 收件日期 of any revision (the county's clock), or None for reports made on this PC."""
        days = [china_day(r.received_at) for r in self.revisions if r.source == "imported" and r.received_at]
        return min(days) if days else None

    @property
    def submitted_on(self) -> date:
        """The day the report counts as submitted: the day the county first received it; for a report made on
        this PC, its first finalization. A later correction does not make a report late."""
        received = self.received_on
        if received is not None:
            return received
        first = self.first_finalized
        if first is not None:
            return china_day(first)
        return china_day(self.revisions[0].created_at)

    @property
    def signer(self) -> str:
        """The latest revision's signer mark: pending, confirmed, replaced, unsigned ('' for a local report)."""
        return self.marks.get(self.latest.id, "")

    @property
    def finalized_after_receipt(self) -> bool:
        """A revision claims a 定稿 day later than the day it was received: the sender's clock is wrong."""
        return any(
            r.finalized_at is not None
            and r.received_at is not None
            and china_day(r.finalized_at) > china_day(r.received_at)
            for r in self.revisions
            if r.source == "imported"
        )


class Submissions:
    """An in-memory index of final reports, read once from the repository.

    Reports signed by a key the county refused (another key was confirmed for the unit) do not count.
    """

    def __init__(self, summaries: Iterable[ReportSummary], marks: dict[int, str] | None = None) -> None:
        marks = marks or {}
        grouped: dict[tuple[str, Period, ReportKind], list[ReportSummary]] = {}
        for summary in summaries:
            if summary.state is not ReportState.FINAL or marks.get(summary.id) == KeyState.REFUSED.value:
                continue
            grouped.setdefault((summary.unit_code, summary.period, summary.kind), []).append(summary)
        self._by_key = {
            key: Submission(*key, tuple(sorted(items, key=lambda s: s.revision)), marks)
            for key, items in grouped.items()
        }

    @classmethod
    def load(cls, reports: ReportRepository, year: int | None = None) -> Submissions:
        """Every final report held, or only ``year``'s (ten years of history cost nothing then)."""
        return cls(reports.summaries(year=year), signer_marks(reports.db, year))

    def get(self, unit_code: str, period: Period, kind: ReportKind) -> Submission | None:
        """The unit's final report for ``period`` (any month of the quarter for a quarterly one), or None."""
        if kind is ReportKind.QUARTERLY:
            period = period.quarter_end()
        return self._by_key.get((unit_code, period, kind))

    def of_unit(self, unit_code: str) -> list[Submission]:
        """The unit's submissions, oldest period first."""
        found = [s for key, s in self._by_key.items() if key[0] == unit_code]
        return sorted(found, key=lambda s: (s.period, s.kind.value))

    def unit_codes(self) -> set[str]:
        return {key[0] for key in self._by_key}

    def __len__(self) -> int:
        return len(self._by_key)
