"""Page counts of the monthly table with demo texts: a township's month on ≤ 2 pages, a department's 16 tasks on ≤ 4."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from shizhu_desktop.domain.periods import Period
from shizhu_desktop.domain.report import ReportKind
from shizhu_desktop.services.demo import fill_demo
from shizhu_desktop.services.exporting import export_report
from shizhu_desktop.services.workspace import Workspace
from tests.test_exports_data import no_system_fonts  # noqa: F401  (the fixture)

pytestmark = pytest.mark.usefixtures("no_system_fonts")


@pytest.mark.parametrize(
    ("name", "tasks", "pages"), [("南宾街道", 4, 2), ("西沱镇", 5, 2), ("龙潭乡", 5, 2), ("县发展改革委", 16, 4)]
)
def test_monthly_pdf_pages(workspace: Workspace, tmp_path: Path, name: str, tasks: int, pages: int) -> None:
    unit = workspace.units.find(name)
    assert len(workspace.catalog.default_tasks_for(unit.code)) == tasks
    fill_demo(workspace, unit, Period(2026, 11), today=date(2026, 11, 23))
    counts = {}
    for month in range(1, 12):
        report = workspace.reports.find(unit.code, Period(2026, month), ReportKind.MONTHLY)
        assert report is not None
        counts[month] = len(PdfReader(export_report(workspace, report, "pdf", tmp_path)).pages)
    assert max(counts.values()) <= pages, counts
