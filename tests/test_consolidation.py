"""The county's consolidation from real unit files: import outcomes, 报送情况, 催报名单, sums per indicator."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from shizhu_desktop.consolidation.expected import expected_units
from shizhu_desktop.consolidation.received import china_day
from shizhu_desktop.consolidation.reminders import reminder_list, reminders_text
from shizhu_desktop.consolidation.summary import COUNT_LABELS, consolidate
from shizhu_desktop.consolidation.timeliness import timeliness_matrix
from shizhu_desktop.domain.catalog import SCOPE_UNITS
from shizhu_desktop.domain.deadlines import Standing
from shizhu_desktop.domain.periods import Period
from shizhu_desktop.domain.report import STATUS_LAGGING, Report, ReportKind
from shizhu_desktop.services.exchange import Outcome, import_files
from shizhu_desktop.services.workspace import Workspace
from tests.county_helpers import (
    LATE_UNIT,
    PERIOD,
    REVISED_UNIT,
    REVISION_NOTE,
    SENDERS,
    SILENT_UNIT,
    TAMPERED_JSON_UNIT,
    TAMPERED_XLSX_UNIT,
    TODAY,
    YEAR,
    County,
    build_county,
)


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> County:
    return build_county(tmp_path_factory.mktemp("county"))


@pytest.fixture
def ws(county: County) -> Iterator[Workspace]:
    workspace = county.open()
    yield workspace
    workspace.close()


def _rows_digest(path: Path) -> str:
    conn = sqlite3.connect(path)
    rows = [line for line in conn.iterdump() if line.startswith("INSERT")]
    conn.close()
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()


def _sent_reports(county: County, name: str, kind: ReportKind = ReportKind.MONTHLY) -> dict[Period, Report]:
    """The latest final revision per period that the unit's own database holds and that reached the county."""
    source = county.unit_workspace(name)
    try:
        unit = source.units.find(name)
        found: dict[Period, Report] = {}
        for summary in source.reports.summaries(unit.code, kind=kind):
            report = source.reports.load(summary.id)
            if report.is_final:
                found[summary.period] = report
    finally:
        source.close()
    if name == SILENT_UNIT and kind is ReportKind.MONTHLY:
        del found[PERIOD]
    return found


def _first_finalized(county: County, name: str) -> dict[Period, date]:
    source = county.unit_workspace(name)
    try:
        unit = source.units.find(name)
        days: dict[Period, date] = {}
        for s in source.reports.summaries(unit.code, kind=ReportKind.MONTHLY):
            if s.finalized_at is not None:
                day = china_day(s.finalized_at)
                days[s.period] = min(day, days.get(s.period, day))
    finally:
        source.close()
    return days


def test_import_outcomes_supersede_and_refuse(county: County) -> None:
    by_outcome: dict[Outcome, list[str]] = {}
    for result in county.first_results:
        by_outcome.setdefault(result.outcome, []).append(result.path.name)
    refused = [r for r in county.first_results if r.outcome is Outcome.REFUSED]
    assert sorted(r.path for r in refused) == sorted(county.tampered)
    messages = {r.path.suffix: r.message for r in refused}
    assert "校验码不符" in messages[".json"]
    assert "导出后被改动过" in messages[".xlsx"] and "推进状态" in messages[".xlsx"]
    assert by_outcome[Outcome.SUPERSEDED] == [
        f"石柱县绿色低碳循环发展工作推进情况表_2026年10月_{REVISED_UNIT}_第1版.xlsx"
    ]
    assert Outcome.CONFLICT not in by_outcome
    assert len(by_outcome[Outcome.IMPORTED]) == len(county.first_results) - 3


def test_second_import_of_the_whole_folder_changes_nothing(county: County) -> None:
    before = _rows_digest(county.county_db)
    workspace = county.open()
    try:
        results = import_files(workspace, [county.inbox])
    finally:
        workspace.close()
    assert {r.outcome for r in results} == {Outcome.SAME, Outcome.REFUSED}
    assert sum(r.outcome is Outcome.SAME for r in results) == len(results) - 2
    assert _rows_digest(county.county_db) == before


def test_expected_units_are_those_with_tasks(ws: Workspace) -> None:
    expected = expected_units(ws.catalog, ws.units)
    codes = {u.code for u in expected}
    assigned = {c for t in ws.catalog.tasks for c in (t.lead_unit, *t.responsible_units)}
    assert codes == assigned and len(expected) == 63
    assert "县教委" not in {u.name for u in expected}
    kinds = [u.kind for u in expected]
    assert kinds == sorted(kinds, key=["街道", "镇", "乡", "县级部门"].index)


def test_timeliness_matrix_matches_what_the_units_finalized(county: County, ws: Workspace) -> None:
    matrix = timeliness_matrix(ws, YEAR, today=TODAY)
    assert [c.label for c in matrix.columns] == [f"{m}月" for m in range(1, 13)]
    rows = {row.unit.name: i for i, row in enumerate(matrix.rows)}
    refused = {(TAMPERED_JSON_UNIT, Period(YEAR, 7)), (TAMPERED_XLSX_UNIT, Period(YEAR, 9)), (SILENT_UNIT, PERIOD)}
    late_seen = 0
    for name in SENDERS:
        finalized = _first_finalized(county, name)
        for month in range(1, 11):
            period = Period(YEAR, month)
            cell = matrix.cell(rows[name], month - 1)
            if (name, period) in refused:
                assert (cell.label, cell.standing) == ("未报", Standing.OVERDUE), (name, month)
                continue
            late = (finalized[period] - date(YEAR, month, 25)).days
            expected = f"逾期{late}天" if late > 0 else "按时"
            late_seen += late > 0
            assert cell.label == expected, (name, month, cell.tooltip)
        for month in (11, 12):
            assert matrix.cell(rows[name], month - 1).label == "未到期"
    assert late_seen >= len(SENDERS)  # every demo unit has a late month; the late unit one more
    assert matrix.cell(rows[LATE_UNIT], 9).label == "逾期3天"
    # The corrected second revision came after the deadline; the first was on time, and that is what counts.
    revised = matrix.cell(rows[REVISED_UNIT], 9)
    assert revised.label == "按时" and revised.revision == 2 and "共2版" in revised.tooltip
    silent = matrix.cell(rows["万安街道"], 0)
    assert silent.label == "未报" and "尚未收到" in silent.tooltip
    october = matrix.column_totals(9)
    assert (october.expected, october.on_time, october.late, october.missing, october.pending) == (63, 6, 1, 56, 0)
    assert matrix.column_totals(10).pending == 63
    assert [g[0] for g in matrix.groups()] == ["街道", "镇", "乡", "县级部门"]
    assert sum(g[2] for g in matrix.groups()) == len(matrix.rows)
    data = matrix.as_dict()
    assert data["units"][rows[LATE_UNIT]]["cells"][9] == "逾期3天" and data["totals"][9]["未报"] == 56


def test_timeliness_depends_on_today(county: County, ws: Workspace) -> None:
    today = date(2026, 10, 20)
    before_deadline = timeliness_matrix(ws, YEAR, today=today)
    rows = {row.unit.name: i for i, row in enumerate(before_deadline.rows)}
    for name in SENDERS:
        finalized = _first_finalized(county, name)[PERIOD]
        if name != SILENT_UNIT:
            expected = "按时" if finalized <= today else "未到期"  # a report finalized later is not there yet
            assert before_deadline.cell(rows[name], 9).label == expected, name
    assert before_deadline.cell(rows[SILENT_UNIT], 9).label == "未到期"
    assert before_deadline.cell(rows["万安街道"], 9).label == "未到期"
    assert before_deadline.cell(rows["万安街道"], 8).label == "未报"
    totals = before_deadline.column_totals(9)
    assert totals.missing == 0 and totals.pending + totals.submitted == 63


def test_quarterly_matrix(county: County, ws: Workspace) -> None:
    matrix = timeliness_matrix(ws, YEAR, ReportKind.QUARTERLY, today=TODAY)
    assert [c.label for c in matrix.columns] == ["第一季度", "第二季度", "第三季度", "第四季度"]
    assert matrix.column_index(Period(YEAR, 8)) == 2
    rows = {row.unit.name: i for i, row in enumerate(matrix.rows)}
    for name in SENDERS:
        quarterly = _sent_reports(county, name, ReportKind.QUARTERLY)
        assert set(quarterly) == {Period(YEAR, 3), Period(YEAR, 6), Period(YEAR, 9)}
        assert all(matrix.cell(rows[name], q).label in ("按时",) for q in range(3)), name
        assert matrix.cell(rows[name], 3).label == "未到期"
    assert matrix.column_totals(2).missing == 63 - len(SENDERS)


def test_reminder_list_names_the_liaison_known_from_received_files(county: County, ws: Workspace) -> None:
    reminders = reminder_list(ws, PERIOD, today=TODAY)
    assert len(reminders) == 56
    by_name = {r.unit.name: r for r in reminders}
    assert set(by_name) & set(SENDERS) == {SILENT_UNIT}
    silent = county.unit_workspace(SILENT_UNIT)
    try:
        profile = silent.profile()
    finally:
        silent.close()
    assert profile is not None
    known = by_name[SILENT_UNIT]
    assert known.liaison is not None and known.liaison.name == profile.liaison.name
    assert known.liaison_from == Period(YEAR, 9) and known.is_overdue
    assert by_name["万安街道"].liaison is None
    lines = reminders_text(reminders).split("\n")
    assert len(lines) == 56 and all(len(line.split("\t")) == 4 for line in lines)
    assert f"{SILENT_UNIT}\t{profile.liaison.name}\t{profile.liaison.phone}\t逾期11天未报" in lines
    assert "万安街道\t\t\t逾期11天未报" in lines
    early = reminder_list(ws, Period(YEAR, 11), today=TODAY)
    assert len(early) == 63 and early[0].situation == "还有20天截止，尚未报送"


def test_consolidation_sums_and_lead_values(county: County, ws: Workspace) -> None:
    summary = consolidate(ws, PERIOD, TODAY)
    october = {name: _sent_reports(county, name).get(PERIOD) for name in SENDERS}
    assert set(summary.reports) == {ws.units.find(n).code for n, r in october.items() if r is not None}
    checked_sum = checked_lead = 0
    for figure in summary.indicators:
        indicator = figure.indicator
        if indicator.scope == SCOPE_UNITS:
            numbers = []
            for report in october.values():
                value = report.indicator_value(indicator.id) if report else None
                if value is not None:
                    cumulative = value.cumulative is not None and indicator.kind in ("count", "quantity")
                    numbers.append(value.cumulative if cumulative else value.value)
            expected = round(sum(n for n in numbers if n is not None), 6) if numbers else None
            assert figure.figure == pytest.approx(expected), indicator.name
            assert figure.reported == len(numbers)
            if expected is not None:
                checked_sum += 1
                assert figure.basis_label == "各单位累计值之和"
                assert figure.completion == indicator.completion(expected, expected, YEAR)
        else:
            lead = ws.units.by_code(indicator.lead_unit).name
            report = october.get(lead)
            value = report.indicator_value(indicator.id) if report else None
            if value is None:
                assert figure.figure is None and figure.completion is None
                continue
            checked_lead += 1
            assert figure.basis_label.startswith("牵头单位填报的")
            assert figure.completion == indicator.completion(value.value, value.cumulative, YEAR)
    assert checked_sum >= 5 and checked_lead >= 8
    forest = next(f for f in summary.indicators if f.indicator.id == "forest_coverage")
    forestry = october["县林业局"]
    assert forestry is not None and forest.figure == forestry.indicator_value("forest_coverage").value  # type: ignore[union-attr]


def test_consolidation_uses_the_latest_revision(ws: Workspace) -> None:
    summary = consolidate(ws, PERIOD, TODAY)
    code = ws.units.find(REVISED_UNIT).code
    _, report = summary.reports[code]
    assert report.revision == 2 and REVISION_NOTE in report.entries[0].progress
    row = next(r for r in summary.task(report.entries[0].task).rows if r.unit.code == code)
    assert row.revision == 2 and row.entry is not None and REVISION_NOTE in row.entry.progress


def test_status_counts_and_lagging_items(ws: Workspace) -> None:
    summary = consolidate(ws, PERIOD, TODAY)
    pairs = [row for task in summary.tasks for row in task.rows]
    assert summary.counts.total == len(pairs)
    assert [label for label, _ in summary.counts.counts] == list(COUNT_LABELS)
    lagging = [
        (summary.reports[code][0].name, entry.task)
        for code, (_, report) in summary.reports.items()
        for entry in report.entries
        if entry.status == STATUS_LAGGING
    ]
    assert lagging, "the demo data has lagging entries"
    assert sorted((i.unit.name, i.task.number) for i in summary.lagging) == sorted(lagging)
    assert summary.counts["滞后"] == len(lagging)
    assert all(item.problems for item in summary.lagging)
    missing_pairs = sum(1 for row in pairs if not row.reported)
    assert summary.counts.not_reported == missing_pairs and summary.counts["未填"] >= missing_pairs
    task2 = summary.task(2)
    assert task2.rows[0].is_lead and task2.rows[0].unit.name == "县农业农村委"
