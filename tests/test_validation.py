"""Validation: what blocks 定稿 (errors) and what only warns."""

from __future__ import annotations

import pytest

from shizhu_desktop.datafiles import load_catalog
from shizhu_desktop.domain.periods import Period
from shizhu_desktop.domain.report import IndicatorValue, Narrative, Report, ReportKind, TaskEntry
from shizhu_desktop.domain.validation import (
    NumberError,
    Severity,
    parse_number,
    validate_entry,
    validate_indicator,
    validate_report,
)


def _messages(entry: TaskEntry) -> list[tuple[Severity, str, str]]:
    return [(i.severity, i.field, i.message) for i in validate_entry(entry)]


def test_a_complete_entry_has_no_findings() -> None:
    assert validate_entry(TaskEntry(2, "序时推进", "完成800亩")) == []


def test_status_is_required_and_must_be_known() -> None:
    assert _messages(TaskEntry(2)) == [(Severity.ERROR, "status", "请选择推进状态。")]
    [(severity, field, message)] = _messages(TaskEntry(2, "差不多"))
    assert severity is Severity.ERROR and field == "status" and "已完成、序时推进、滞后、未启动" in message


def test_lagging_needs_problems_and_done_needs_cumulative() -> None:
    [issue] = validate_entry(TaskEntry(2, "滞后", "进展"))
    assert issue.is_error and issue.field == "problems" and "滞后原因" in issue.message
    assert issue.location == "任务2·存在问题"
    [issue] = validate_entry(TaskEntry(2, "已完成", "进展"))
    assert issue.is_error and issue.field == "cumulative"
    assert validate_entry(TaskEntry(2, "滞后", problems="资金未到位")) == []


def test_length_limits() -> None:
    [warning] = validate_entry(TaskEntry(2, "序时推进", "字" * 301))
    assert warning.severity is Severity.WARNING and "打印出的表格会很长" in warning.message
    assert validate_entry(TaskEntry(2, "序时推进", "字" * 300)) == []
    [error] = validate_entry(TaskEntry(2, "序时推进", next_steps="字" * 2001))
    assert error.is_error and error.field == "next_steps" and "2000字上限" in error.message


@pytest.mark.parametrize(
    ("indicator", "value", "cumulative", "problem"),
    [
        ("forest_coverage", 101.0, None, "应在0到100之间"),
        ("forest_coverage", -1.0, None, "应在0到100之间"),
        ("new_charging_piles", -2.0, None, "不能小于0"),
        ("new_charging_piles", 1.5, None, "应为整数"),
        ("high_standard_farmland", None, -0.1, "累计值不能小于0"),
        ("forest_coverage", float("nan"), None, "应为数字"),
    ],
)
def test_indicator_ranges(indicator: str, value: float | None, cumulative: float | None, problem: str) -> None:
    ind = load_catalog().indicator(indicator)
    [issue] = validate_indicator(ind, IndicatorValue(indicator, value, cumulative))
    assert issue.is_error and problem in issue.message and issue.indicator == ind.name


def test_good_indicator_values_pass() -> None:
    catalog = load_catalog()
    assert validate_indicator(catalog.indicator("forest_coverage"), IndicatorValue("forest_coverage", 62.5)) == []
    assert (
        validate_indicator(
            catalog.indicator("high_standard_farmland"), IndicatorValue("high_standard_farmland", 0.25, 1.5)
        )
        == []
    )


@pytest.mark.parametrize(
    ("text", "value"),
    [("12.5", 12.5), ("１２.５", 12.5), (" 1,200 ", 1200.0), ("93.5%", 93.5), ("", None), ("-3", -3.0)],
)
def test_parse_number_accepts_what_clerks_type(text: str, value: float | None) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["十二", "12..5", "1e5", "abc", "nan"])
def test_parse_number_refuses_with_chinese_message(text: str) -> None:
    with pytest.raises(NumberError, match="不是"):
        parse_number(text)


def test_report_validation_covers_every_assigned_task_and_the_narrative() -> None:
    catalog = load_catalog()
    report = Report("500240001", Period(2026, 11), entries=[TaskEntry(2, "序时推进", "x")])
    issues = validate_report(report, catalog, [2, 11])
    assert [(i.task, i.field) for i in issues] == [(11, "status")]
    quarterly = Report("500240001", Period(2026, 12), ReportKind.QUARTERLY, narrative=Narrative("推进", "", "打算"))
    [issue] = validate_report(quarterly, catalog, [2])
    assert issue.field == "problems" and "二、存在的主要问题" in issue.message
