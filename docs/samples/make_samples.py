"""Regenerates the sample pages in this folder from demo data: `.venv/bin/python docs/samples/make_samples.py`.

Needs poppler's pdftoppm (PDF pages) and LibreOffice (the Excel and Word renders); bundled fonts only, so the
samples look the same on every machine.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ["SHIZHU_FONT_DIRS"] = ""

from pypdf import PdfReader  # noqa: E402

from shizhu_desktop.consolidation.exporting import export_reminders, export_summary  # noqa: E402
from shizhu_desktop.domain.periods import Period  # noqa: E402
from shizhu_desktop.domain.report import ReportKind  # noqa: E402
from shizhu_desktop.services.demo import fill_demo  # noqa: E402
from shizhu_desktop.services.demo_tasklist import publish_example_tasklist  # noqa: E402
from shizhu_desktop.services.exporting import export_report  # noqa: E402
from shizhu_desktop.services.tasklist import publish_catalog  # noqa: E402
from shizhu_desktop.services.workspace import Workspace  # noqa: E402
from tests.county_helpers import PERIOD, TODAY, build_county  # noqa: E402
from tests.office_render import render  # noqa: E402

HERE = Path(__file__).resolve().parent
DPI = "60"


def page(pdf: Path, number: int, name: str) -> None:
    """Page ``number`` of ``pdf`` as ``name``.png here."""
    stem = HERE / name
    subprocess.run(
        ["pdftoppm", "-png", "-r", DPI, "-f", str(number), "-l", str(number), "-singlefile", str(pdf), str(stem)],
        check=True,
    )
    print(stem.with_suffix(".png"))


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        os.environ["XDG_CACHE_HOME"] = str(work / "cache")
        unit_ws = Workspace.open(work / "unit.sqlite")
        unit = unit_ws.units.find("西沱镇")
        fill_demo(unit_ws, unit, Period(2026, 11), today=date(2026, 11, 23))
        monthly = unit_ws.reports.find(unit.code, Period(2026, 10), ReportKind.MONTHLY)
        quarterly = unit_ws.reports.find(unit.code, Period(2026, 9), ReportKind.QUARTERLY)
        assert monthly is not None and quarterly is not None
        pdf = export_report(unit_ws, monthly, "pdf", work / "out")
        page(pdf, 1, "monthly-pdf-page1")
        page(pdf, 2, "monthly-pdf-page2")
        report = export_report(unit_ws, quarterly, "pdf", work / "out")
        page(report, 1, "quarterly-pdf-page1")
        page(report, 3, "quarterly-pdf-attachment1")
        page(report, 4, "quarterly-pdf-attachment2")
        xlsx = render(export_report(unit_ws, monthly, "xlsx", work / "out"), work / "lo-xlsx")
        page(xlsx, 1, "monthly-xlsx-libreoffice")
        docx = render(export_report(unit_ws, quarterly, "docx", work / "out"), work / "lo-docx")
        page(docx, 1, "quarterly-docx-libreoffice")
        # A unit whose county list has no 2026 target yet (the bundled one, as issued): its table says so.
        plain_ws = Workspace.open(work / "plain.sqlite")
        publish_catalog(plain_ws, plain_ws.catalog, today=date(2026, 1, 5))
        plain = plain_ws.units.find("黄水镇")
        fill_demo(plain_ws, plain, Period(2026, 11), today=date(2026, 11, 23))
        october = plain_ws.reports.find(plain.code, Period(2026, 10), ReportKind.MONTHLY)
        assert october is not None
        no_target = export_report(plain_ws, october, "pdf", work / "plain")
        page(no_target, len(PdfReader(no_target).pages), "monthly-pdf-no-target")
        county = build_county(work / "county").open()
        publish_example_tasklist(county, 2026, TODAY)  # the example targets the demo units report against
        summary = export_summary(county, PERIOD, "pdf", work / "out", today=TODAY)
        page(summary, 1, "summary-pdf-page1")
        page(summary, 7, "summary-pdf-attachment1")
        page(summary, len(PdfReader(summary).pages), "summary-pdf-attachment2")
        reminders = render(export_reminders(county, PERIOD, work / "out", today=TODAY), work / "lo-reminders")
        page(reminders, 1, "reminders-xlsx-libreoffice")
    if shutil.which("optipng"):
        subprocess.run(["optipng", "-quiet", *map(str, HERE.glob("*.png"))], check=False)


if __name__ == "__main__":
    main()
