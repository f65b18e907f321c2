"""Demo reports read as a clerk would write them: each task's own text, a new text each month, dates that agree."""

from __future__ import annotations

import re
from datetime import date

import pytest

from shizhu_desktop.datafiles import load_demo_content
from shizhu_desktop.domain.periods import Period
from shizhu_desktop.domain.report import ENTRY_TEXT_FIELDS, ReportKind
from shizhu_desktop.services.demo import fill_demo
from shizhu_desktop.services.workspace import Workspace

TODAY = date(2026, 11, 23)


def _pattern(template: str) -> re.Pattern[str]:
    """A template as a pattern: its placeholders match any text."""
    return re.compile(
        "".join(".*?" if part.startswith("{") else re.escape(part) for part in re.split(r"(\{\w+\})", template)) + "$"
    )


def _templates(task: int, field: str, township: bool) -> list[re.Pattern[str]]:
    phrases = load_demo_content()["tasks"][str(task)]
    own = phrases.get("township", {}) if township else {}
    return [_pattern(t) for t in own.get(field) or phrases.get(field) or []]


@pytest.mark.parametrize("name", ["南宾街道", "西沱镇", "县发展改革委"])
def test_demo_texts_speak_of_their_task_and_month(workspace: Workspace, name: str) -> None:
    unit = workspace.units.find(name)
    fill_demo(workspace, unit, Period(2026, 11), today=TODAY)
    previous: dict[int, str] = {}
    for month in range(1, 12):
        period = Period(2026, month)
        report = workspace.reports.find(unit.code, period, ReportKind.MONTHLY)
        assert report is not None
        day = report.finalized_at.day if report.finalized_at else TODAY.day
        for entry in report.entries:
            if not entry.progress:
                continue  # the draft month's unwritten tasks
            # The progress text is one written for this task (and for a township, one about a township's work).
            written = entry.progress.removesuffix("（更正：补充本月实际完成数据。）")  # the revised month's note
            assert any(p.match(written) for p in _templates(entry.task, "progress", unit.is_township)), written
            assert ("{" not in entry.progress and name in entry.progress) or not unit.is_township
            assert previous.get(entry.task) != entry.progress, (month, entry.task)  # months differ
            previous[entry.task] = entry.progress
            for field in ENTRY_TEXT_FIELDS:
                text = getattr(entry, field)
                # Dates agree with the period: 截至11月20日 in a report of 20 November, never 截至11月底.
                for m, d in re.findall(r"截至(\d+)月(\d+)日", text):
                    assert (int(m), int(d)) == (month, day), text
                assert f"截至{month}月底" not in text and "截至本月末" not in text, text


def test_demo_figures_follow_the_units_own_target(workspace: Workspace) -> None:
    unit = workspace.units.find("南宾街道")
    fill_demo(workspace, unit, Period(2026, 10), today=TODAY)
    report = workspace.reports.find(unit.code, Period(2026, 10), ReportKind.MONTHLY)
    assert report is not None
    farmland = workspace.catalog.indicator("high_standard_farmland")
    target = farmland.unit_target(2026, unit.code)
    value = report.indicator_value("high_standard_farmland")
    assert target is not None and target.value is not None and value is not None and value.cumulative is not None
    # Near the pace of its own share (0.08 万亩 by the end of the year), not of the county's 2.64.
    assert 0.6 <= value.cumulative / (target.value * 10 / 12) <= 1.2
