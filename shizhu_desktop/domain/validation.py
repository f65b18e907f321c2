"""Validation rules for a report: hard errors block 定稿, warnings only inform."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from enum import Enum
from typing import NamedTuple

from shizhu_desktop.domain.catalog import Catalog, Indicator
from shizhu_desktop.domain.report import (
    ENTRY_FIELD_LABELS,
    ENTRY_TEXT_FIELDS,
    NARRATIVE_FIELDS,
    STATUS_DONE,
    STATUS_LAGGING,
    STATUSES,
    IndicatorValue,
    Report,
    ReportKind,
    TaskEntry,
)

MAX_FIELD_CHARS = 2000
LONG_FIELD_CHARS = 300
#: A quarterly report's sections gather a whole quarter, task by task: they may be much longer.
MAX_NARRATIVE_CHARS = 20000


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        return "错误" if self is Severity.ERROR else "提醒"


class Issue(NamedTuple):
    """One finding: where it is (task and field, or indicator) and what to do, in Chinese."""

    severity: Severity
    message: str
    task: int | None = None
    field: str = ""
    indicator: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def location(self) -> str:
        if self.indicator:
            return f"指标“{self.indicator}”"
        if self.task is not None:
            label = ENTRY_FIELD_LABELS.get(self.field, NARRATIVE_FIELDS.get(self.field, self.field))
            return f"任务{self.task}·{label}" if label else f"任务{self.task}"
        return NARRATIVE_FIELDS.get(self.field, self.field)


#: Allowed inside texts: tab and line breaks. Other control characters are refused.
_ALLOWED_CONTROLS = {"\t", "\n", "\r"}
#: Bidirectional overrides can make a text read differently from what it holds ("trojan source").
_BIDI = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}


def hidden_character(value: str) -> str:
    """The first control, surrogate, non-character or bidi override in ``value`` as U+XXXX; '' when clean.

    Such characters arrive by pasting from other programs; they cannot be seen, may not print, and an .xlsx
    cannot hold most of them, so 定稿 refuses them and the county's import refuses them too.
    """
    for char in value:
        category = unicodedata.category(char)
        if (
            (category == "Cc" and char not in _ALLOWED_CONTROLS)
            or category == "Cs"
            or char in _BIDI
            or (0xFDD0 <= ord(char) <= 0xFDEF)
            or (ord(char) & 0xFFFE) == 0xFFFE
        ):
            return f"U+{ord(char):04X}"
    return ""


class NumberError(ValueError):
    """Text that is not a number; the message is Chinese."""


_NUMBER_RE = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


def parse_number(text: str) -> float | None:
    """Read a number typed by a clerk: full-width digits, thousands separators and a trailing % are fine.

    Empty text is ``None``; anything else that is not a number raises :class:`NumberError`.
    """
    cleaned = unicodedata.normalize("NFKC", text).strip().replace(",", "").replace(" ", "")
    cleaned = cleaned.removesuffix("%")
    if cleaned == "":
        return None
    if not _NUMBER_RE.match(cleaned):
        raise NumberError(f"“{text.strip()}”不是数字：请只填写数字，例如 12.5。")
    value = float(cleaned)
    if not math.isfinite(value):
        raise NumberError(f"“{text.strip()}”不是有效的数字。")
    return value


def validate_entry(entry: TaskEntry) -> list[Issue]:
    """Rules for one task's row."""
    issues: list[Issue] = []
    task = entry.task
    if not entry.status:
        issues.append(Issue(Severity.ERROR, "请选择推进状态。", task, "status"))
    elif entry.status not in STATUSES:
        allowed = "、".join(STATUSES)
        issues.append(Issue(Severity.ERROR, f"推进状态“{entry.status}”无效：应为{allowed}之一。", task, "status"))
    if entry.status == STATUS_LAGGING and not entry.problems.strip():
        issues.append(Issue(Severity.ERROR, "状态为“滞后”时，请在“存在问题”中写明滞后原因。", task, "problems"))
    if entry.status == STATUS_DONE and not entry.cumulative.strip():
        issues.append(Issue(Severity.ERROR, "状态为“已完成”时，请填写“累计完成情况”。", task, "cumulative"))
    for name, label in ENTRY_TEXT_FIELDS.items():
        issues.extend(_length_issues(getattr(entry, name), label, task, name))
    return issues


def validate_indicator(indicator: Indicator, value: IndicatorValue) -> list[Issue]:
    """Rules for one indicator figure: numbers in range for the indicator's kind."""
    issues: list[Issue] = []
    for name, label, figure in (("value", "本期值", value.value), ("cumulative", "累计值", value.cumulative)):
        if figure is None:
            continue
        problem = _figure_problem(indicator.kind, figure)
        if problem:
            issues.append(Issue(Severity.ERROR, f"{label}{problem}", indicator.task, name, indicator.name))
    issues.extend(_length_issues(value.note, "说明", indicator.task, "note", indicator.name))
    return issues


def _figure_problem(kind: str, figure: object) -> str:
    if isinstance(figure, bool) or not isinstance(figure, (int, float)) or not math.isfinite(figure):
        return "应为数字。"
    if kind == "percent" and not 0 <= figure <= 100:
        return "是百分比，应在0到100之间。"
    if kind in ("count", "quantity") and figure < 0:
        return "不能小于0。"
    if kind == "count" and figure != int(figure):
        return "是个数，应为整数。"
    return ""


def validate_report(
    report: Report, catalog: Catalog, tasks: Iterable[int], indicators: Iterable[Indicator] = ()
) -> list[Issue]:
    """All findings for a report: every assigned task's row (monthly) or the narrative (quarterly)."""
    issues: list[Issue] = []
    if report.kind is ReportKind.MONTHLY:
        for number in tasks:
            entry = report.entry(number) or TaskEntry(number)
            issues.extend(validate_entry(entry))
        for indicator in indicators:
            value = report.indicator_value(indicator.id)
            if value is not None:
                issues.extend(validate_indicator(indicator, value))
    else:
        narrative = report.narrative
        for name, label in NARRATIVE_FIELDS.items():
            text = getattr(narrative, name) if narrative else ""
            if not text.strip():
                issues.append(Issue(Severity.ERROR, f"请填写“{label}”。", field=name))
            elif len(text) > MAX_NARRATIVE_CHARS:
                issues.append(Issue(Severity.ERROR, f"“{label}”超过{MAX_NARRATIVE_CHARS}字，请精简。", field=name))
            elif hidden_character(text):
                message = f"“{label}”中有看不见的控制字符（{hidden_character(text)}）：请删掉后重新输入这一段。"
                issues.append(Issue(Severity.ERROR, message, field=name))
    known = {t.number for t in catalog.tasks}
    for entry in report.entries:
        if entry.task not in known:
            issues.append(Issue(Severity.ERROR, f"任务{entry.task}不在任务清单中。", entry.task))
    return issues


def _length_issues(text: str, label: str, task: int | None, field: str, indicator: str = "") -> list[Issue]:
    hidden = hidden_character(text)
    if hidden:
        message = f"“{label}”中有看不见的控制字符（{hidden}），多是从别的程序粘贴带来的：请删掉后重新输入这一段。"
        return [Issue(Severity.ERROR, message, task, field, indicator)]
    length = len(text)
    if length > MAX_FIELD_CHARS:
        message = f"“{label}”有{length}字，超过{MAX_FIELD_CHARS}字上限，请精简。"
        return [Issue(Severity.ERROR, message, task, field, indicator)]
    if length > LONG_FIELD_CHARS:
        message = f"“{label}”有{length}字，超过{LONG_FIELD_CHARS}字，打印出的表格会很长。"
        return [Issue(Severity.WARNING, message, task, field, indicator)]
    return []
