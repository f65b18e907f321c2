"""What a reviewer would catch before 定稿 and the rules do not forbid: soft warnings the clerk may overrule."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from shizhu_desktop.domain.catalog import Indicator
from shizhu_desktop.domain.report import ENTRY_TEXT_FIELDS, STATUS_DONE, Report, ReportKind
from shizhu_desktop.domain.validation import Issue, Severity

_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
#: A month named in a text: 11月, 11 月, １１月 (made ASCII first), 十一月; not the 1月 inside 11月.
_MONTH = re.compile(r"(?<![0-9])(1[0-2]|0?[1-9])\s*月|(十[一二]|[一二三四五六七八九十])月")


def months_named(text: str) -> list[tuple[int, str]]:
    """The month numbers a text names, each with the words that name it (e.g. (11, '11月'))."""
    found = []
    for match in _MONTH.finditer(unicodedata.normalize("NFKC", text)):
        if match.group(1):
            found.append((int(match.group(1)), match.group(0)))
        else:
            word = match.group(2)
            number = 10 + _NUMERALS[word[1]] if len(word) == 2 else _NUMERALS[word]
            found.append((number, match.group(0)))
    return found


def review_warnings(
    report: Report, previous: Report | None, tasks: Iterable[int], indicators: Iterable[Indicator]
) -> list[Issue]:
    """Warnings for a monthly report about to be finalized; ``previous`` is last month's latest revision.

    - an indicator with neither figure nor a note saying why;
    - a text carried over unchanged from last month that still names last month (截至11月底 in December);
    - status 已完成 with nothing under 本月工作进展.
    """
    if report.kind is not ReportKind.MONTHLY:
        return []
    warnings: list[Issue] = []
    last_month = report.period.previous().month
    for task in tasks:
        entry = report.entry(task)
        if entry is None:
            continue
        before = previous.entry(task) if previous is not None else None
        for name, label in ENTRY_TEXT_FIELDS.items():
            text = getattr(entry, name).strip()
            if not text or before is None or text != getattr(before, name).strip():
                continue
            stale = [words for month, words in months_named(text) if month == last_month]
            if stale:
                warnings.append(
                    Issue(
                        Severity.WARNING,
                        f"“{label}”与上月完全相同，其中写的是“{stale[0]}”：请改为本月的情况，或确认无误。",
                        task,
                        name,
                    )
                )
        if entry.status == STATUS_DONE and not entry.progress.strip():
            message = "状态为“已完成”，但“本月工作进展”是空的：请写明本月完成了什么。"
            warnings.append(Issue(Severity.WARNING, message, task, "progress"))
    for indicator in indicators:
        value = report.indicator_value(indicator.id)
        if value is None or (value.value is None and value.cumulative is None and not value.note.strip()):
            message = "本期值和累计值都没有填写；如本月没有数据，请在“说明”中写明原因。"
            warnings.append(Issue(Severity.WARNING, message, indicator.task, "value", indicator.name))
    return warnings
