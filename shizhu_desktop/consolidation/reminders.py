"""催报名单: expected units with nothing final for a period, and whom to call (last file or contact list)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from shizhu_desktop.consolidation.assignments import assignments
from shizhu_desktop.consolidation.received import Submissions
from shizhu_desktop.consolidation.timeliness import build_matrix
from shizhu_desktop.domain.deadlines import DeadlineStatus, Standing
from shizhu_desktop.domain.periods import Period
from shizhu_desktop.domain.report import Liaison, ReportKind, now_china
from shizhu_desktop.domain.units import Unit
from shizhu_desktop.store.liaisons import latest_liaisons
from shizhu_desktop.store.unit_directory import UnitDirectoryRepository

if TYPE_CHECKING:
    from shizhu_desktop.services.workspace import Workspace

REMINDER_HEADER = ("单位", "联系人", "联系电话", "情况")


#: Where a reminder's liaison comes from.
FROM_REPORT, FROM_CONTACTS = "report", "contacts"


@dataclass(frozen=True)
class Reminder:
    """One unit to remind; ``liaison`` is None when neither a received file nor the contact list has one."""

    unit: Unit
    status: DeadlineStatus
    liaison: Liaison | None
    #: The period of the received report the liaison comes from (None: from the contact list, or unknown).
    liaison_from: Period | None
    source: str = ""

    @property
    def short_situation(self) -> str:
        """逾期3天 / 今天截止 / 还有5天: for a printed list whose title already says 未报."""
        if self.status.standing is Standing.OVERDUE:
            return f"逾期{self.status.days}天"
        if self.status.standing is Standing.DUE_TODAY:
            return "今天截止"
        return f"还有{self.status.days}天"

    @property
    def is_overdue(self) -> bool:
        return self.status.standing is Standing.OVERDUE

    @property
    def situation(self) -> str:
        """逾期3天未报 / 今天截止 / 还有5天截止."""
        if self.status.standing is Standing.OVERDUE:
            return f"逾期{self.status.days}天未报"
        if self.status.standing is Standing.DUE_TODAY:
            return "今天截止，尚未报送"
        return f"还有{self.status.days}天截止，尚未报送"

    @property
    def fields(self) -> tuple[str, str, str, str]:
        """单位, 联系人, 联系电话, 情况 — empty texts for a liaison the county does not know."""
        name = self.liaison.name if self.liaison else ""
        phone = self.liaison.phone if self.liaison else ""
        return (self.unit.name, name, phone, self.situation)

    @property
    def line(self) -> str:
        """One tab-separated line, ready to paste into a spreadsheet or a message."""
        return "\t".join(_one_line(text) for text in self.fields)


def _one_line(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())


def reminders_text(reminders: list[Reminder]) -> str:
    """The list as plain text: one unit a line, fields separated by tabs (no header line)."""
    return "\n".join(r.line for r in reminders)


def reminder_list(
    workspace: Workspace, period: Period, kind: ReportKind = ReportKind.MONTHLY, today: date | None = None
) -> list[Reminder]:
    """Expected units with no final report for ``period`` and ``kind``, overdue or not yet, in matrix order."""
    today = today or now_china().date()
    submissions = Submissions.load(workspace.reports, period.year)
    matrix = build_matrix(
        workspace.catalog, workspace.units, submissions, period.year, kind, today, assignments(workspace)
    )
    column = matrix.column_index(period)
    waiting = [(row.unit, line[column]) for row, line in zip(matrix.rows, matrix.cells, strict=True)]
    waiting = [(unit, cell) for unit, cell in waiting if cell.submission is None]
    liaisons = latest_liaisons(workspace.db, [unit.code for unit, _ in waiting])
    contacts = UnitDirectoryRepository(workspace.db).contacts()
    reminders = []
    for unit, cell in waiting:
        if unit.code in liaisons:
            liaison, period_from = liaisons[unit.code]
            reminders.append(Reminder(unit, cell.status, liaison, period_from, FROM_REPORT))
            continue
        # Before a unit's first file the county's contact list says whom to call.
        contact = contacts.get(unit.code)
        if contact is not None and not contact.is_empty:
            found = Liaison(contact.section, contact.name, contact.phone)
            reminders.append(Reminder(unit, cell.status, found, None, FROM_CONTACTS))
        else:
            reminders.append(Reminder(unit, cell.status, None, None))
    return reminders


def overdue_only(reminders: list[Reminder]) -> list[Reminder]:
    """The reminders whose deadline has passed (未报)."""
    return [r for r in reminders if r.is_overdue]


__all__ = [
    "FROM_CONTACTS",
    "FROM_REPORT",
    "REMINDER_HEADER",
    "Reminder",
    "overdue_only",
    "reminder_list",
    "reminders_text",
]
