"""Report models: a unit's monthly table or quarterly report, its task entries and indicator values."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import datetime, timedelta, timezone
from enum import Enum

from shizhu_desktop.domain.periods import Period

#: China Standard Time has no daylight saving: a fixed offset needs no tz database on Windows.
CHINA_TZ = timezone(timedelta(hours=8), "CST")

STATUSES = ("已完成", "序时推进", "滞后", "未启动")
STATUS_DONE, STATUS_ON_TRACK, STATUS_LAGGING, STATUS_NOT_STARTED = STATUSES


class ReportKind(str, Enum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"

    @property
    def label(self) -> str:
        return "工作推进情况表" if self is ReportKind.MONTHLY else "工作推进情况报告"

    @property
    def short_label(self) -> str:
        return "月报" if self is ReportKind.MONTHLY else "季报"


class ReportState(str, Enum):
    DRAFT = "draft"
    FINAL = "final"

    @property
    def label(self) -> str:
        return "草稿" if self is ReportState.DRAFT else "定稿"


#: The text fields of a task entry, in form order, with their Chinese labels.
ENTRY_TEXT_FIELDS: dict[str, str] = {
    "progress": "本月工作进展",
    "cumulative": "累计完成情况",
    "problems": "存在问题",
    "next_steps": "下步打算",
    "remarks": "备注",
}
ENTRY_FIELD_LABELS: dict[str, str] = {"status": "推进状态", **ENTRY_TEXT_FIELDS}

NARRATIVE_FIELDS: dict[str, str] = {
    "work": "一、工作推进情况",
    "problems": "二、存在的主要问题",
    "plans": "三、下一步工作打算",
}


@dataclass
class Liaison:
    """The unit's responsible section and fixed liaison, as printed on every table."""

    section: str = ""
    name: str = ""
    phone: str = ""
    leader: str = ""


@dataclass
class TaskEntry:
    """One task's row in a report."""

    task: int
    status: str = ""
    progress: str = ""
    cumulative: str = ""
    problems: str = ""
    next_steps: str = ""
    remarks: str = ""

    def is_empty(self) -> bool:
        return not any(getattr(self, name) for name in ENTRY_FIELD_LABELS)

    def text_fields(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in ENTRY_FIELD_LABELS}


@dataclass
class IndicatorValue:
    """A unit's figure for one indicator in one report."""

    indicator: str
    value: float | None = None
    cumulative: float | None = None
    note: str = ""


@dataclass
class Narrative:
    """The three sections of a quarterly report's body."""

    work: str = ""
    problems: str = ""
    plans: str = ""

    def is_empty(self) -> bool:
        return not (self.work or self.problems or self.plans)


@dataclass
class Report:
    """One revision of one unit's report for one period and kind."""

    unit_code: str
    period: Period
    kind: ReportKind = ReportKind.MONTHLY
    revision: int = 1
    state: ReportState = ReportState.DRAFT
    liaison: Liaison = field(default_factory=Liaison)
    entries: list[TaskEntry] = field(default_factory=list)
    indicators: list[IndicatorValue] = field(default_factory=list)
    narrative: Narrative | None = None
    catalog_version: str = ""
    created_at: datetime | None = None
    updated_at: datetime | None = None
    finalized_at: datetime | None = None
    #: When revision 1 was finalized: a corrected revision keeps the report's original submission time.
    first_finalized_at: datetime | None = None
    #: Set once stored: the row id, where it came from (local / imported) and, once exported, its digest.
    id: int | None = None
    source: str = "local"
    digest: str | None = None

    def entry(self, task: int) -> TaskEntry | None:
        return next((e for e in self.entries if e.task == task), None)

    def indicator_value(self, indicator: str) -> IndicatorValue | None:
        return next((v for v in self.indicators if v.indicator == indicator), None)

    @property
    def is_final(self) -> bool:
        return self.state is ReportState.FINAL


def entry_field_names() -> list[str]:
    return [f.name for f in fields(TaskEntry) if f.name != "task"]


def now_china() -> datetime:
    """The current time in China, to the second."""
    return datetime.now(CHINA_TZ).replace(microsecond=0)
