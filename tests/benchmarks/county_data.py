"""Data for the county benchmarks: every expected unit's signed files for a year, and a ten-year county database."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from pathlib import Path

from shizhu_desktop.consolidation.expected import expected_units
from shizhu_desktop.domain.periods import Period
from shizhu_desktop.domain.profile import MODE_COUNTY, Profile
from shizhu_desktop.domain.report import Liaison, ReportKind
from shizhu_desktop.services.demo import fill_demo
from shizhu_desktop.services.exchange import find_report_files, import_files
from shizhu_desktop.services.exporting import export_report
from shizhu_desktop.services.workspace import Workspace

YEAR = 2026


def unit_files(root: Path, months: int = 12) -> Path:
    """One .xlsx per expected unit and month (63 × 12 = 756), each unit signing with its own key.

    The files land in root/收件箱/<month>/ so that one month is one folder.
    """
    inbox = root / "收件箱"
    catalog_ws = Workspace.open(root / "catalog.sqlite")
    units = expected_units(catalog_ws.catalog, catalog_ws.units)
    catalog_ws.close()
    for unit in units:
        db = root / "units" / f"{unit.code}.sqlite"
        source = Workspace.open(db)
        try:
            fill_demo(source, unit, Period(YEAR, 12), today=date(YEAR + 1, 1, 5))
            for month in range(1, months + 1):
                report = source.reports.find(unit.code, Period(YEAR, month), ReportKind.MONTHLY)
                assert report is not None and report.is_final, (unit.name, month)
                export_report(source, report, "xlsx", inbox / f"{month:02d}", today=date(YEAR, month, 20))
        finally:
            source.close()
    return inbox


def county_db(path: Path) -> Path:
    """An empty county database (本机用途 = 县级汇总)."""
    workspace = Workspace.open(path)
    workspace.profiles.save(Profile("Z01", Liaison("督查科", "向雪梅", "023-73330000", ""), mode=MODE_COUNTY))
    workspace.close()
    return path


def county_with_year(path: Path, inbox: Path) -> Path:
    """A county database holding the year of files, each month received on the 24th."""
    county_db(path)
    workspace = Workspace.open(path)
    try:
        for month in range(1, 13):
            folder = inbox / f"{month:02d}"
            import_files(workspace, find_report_files([folder]), received_on=date(YEAR, month, 24))
    finally:
        workspace.close()
    return path


def ten_years(one_year: Path, path: Path, years: int = 10) -> Path:
    """The one-year database with the same reports copied into the nine years before (as a real county would
    have after a decade): only the periods and dates differ."""
    shutil.copy(one_year, path)
    conn = sqlite3.connect(path)
    try:
        with conn:
            ids = [r[0] for r in conn.execute("SELECT id FROM reports")]
            for back in range(1, years):
                # The year moved back in every date column, the rest of the text (time zone included) kept.
                moved = {
                    c: f"printf('%04d', CAST(substr({c}, 1, 4) AS INTEGER) - {back}) || substr({c}, 5)"
                    for c in ("period", "finalized_at", "received_at", "first_finalized_at")
                }
                for report_id in ids:
                    cursor = conn.execute(
                        f"""INSERT INTO reports (unit_code, period, kind, revision, state, section, liaison, phone,
                             leader, catalog_version, created_at, updated_at, finalized_at, source, digest,
                             received_at, first_finalized_at)
                           SELECT unit_code, {moved["period"]}, kind, revision, state, section, liaison, phone,
                                  leader, catalog_version, created_at, updated_at, {moved["finalized_at"]}, source,
                                  digest || ?, {moved["received_at"]}, {moved["first_finalized_at"]}
                           FROM reports WHERE id = ?""",
                        [f"-{back}", report_id],
                    )
                    new_id = cursor.lastrowid
                    for table, columns in (
                        ("entries", "task, status, progress, cumulative, problems, next_steps, remarks, updated_at"),
                        ("indicator_values", "indicator, value, cumulative, note"),
                        ("report_signatures", "public_key, signature, fingerprint, generator"),
                    ):
                        conn.execute(
                            f"INSERT INTO {table} (report_id, {columns}) SELECT ?, {columns} FROM {table} "
                            "WHERE report_id = ?",
                            [new_id, report_id],
                        )
    finally:
        conn.close()
    return path
