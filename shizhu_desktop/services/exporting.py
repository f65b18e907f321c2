"""Exporting a report as Excel, PDF or JSON: gathers what the exporters need and names the file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from shizhu_desktop.domain.naming import report_filename
from shizhu_desktop.domain.report import Report, ReportKind, now_china
from shizhu_desktop.domain.units import with_organs
from shizhu_desktop.exports.bundle import MonthReport, ReportBundle
from shizhu_desktop.exports.glyphs import MissingGlyphsError
from shizhu_desktop.services.identity import check_clock, signed_payload
from shizhu_desktop.services.workspace import Workspace
from shizhu_desktop.store.unit_directory import UnitDirectoryRepository

__all__ = ["EXPORT_FORMATS", "ExportFormatError", "MissingGlyphsError", "build_bundle", "export_report"]

EXPORT_FORMATS = ("xlsx", "pdf", "json", "docx")


class ExportFormatError(ValueError):
    """An export format this program does not write; the message is Chinese."""


def build_bundle(workspace: Workspace, report: Report, today: date | None = None) -> ReportBundle:
    """Gather the report, its unit, tasks, indicators and (quarterly) its three months into a bundle."""
    # The organ name edited on this PC (setup dialog, county's unit directory) is what titles and 落款 print.
    unit = with_organs(workspace.units.by_code(report.unit_code), UnitDirectoryRepository(workspace.db).organs())
    catalog = workspace.catalog
    profile = workspace.profile()
    if profile is not None and profile.unit_code == report.unit_code and profile.tasks:
        tasks = [t for t in profile.tasks if catalog.has_task(t)]
    else:
        tasks = catalog.default_tasks_for(unit.code)
    # A task the report has an entry for is printed even if the assignment changed since.
    tasks = sorted(set(tasks) | {e.task for e in report.entries if catalog.has_task(e.task)})
    months: tuple[MonthReport, ...] = ()
    if report.kind is ReportKind.QUARTERLY:
        months = tuple(
            MonthReport(month, workspace.reports.find(unit.code, month, ReportKind.MONTHLY))
            for month in report.period.quarter_months()
        )
    filed = report.finalized_at.date() if report.finalized_at else (today or now_china().date())
    return ReportBundle(
        report=report,
        unit=unit,
        catalog=catalog,
        unit_names={u.code: u.name for u in workspace.units},
        tasks=tuple(tasks),
        indicators=tuple(catalog.indicators_for_unit(unit.code, tasks)),
        filed_on=filed,
        receiving_office=workspace.units.receiving_office.name,
        payload=signed_payload(workspace, report, unit),
        months=months,
    )


def export_report(
    workspace: Workspace,
    report: Report,
    fmt: str,
    out_dir: Path,
    *,
    allow_missing: bool = False,
    today: date | None = None,
) -> Path:
    """Write ``report`` as ``fmt`` (xlsx, pdf, json, or docx for a quarterly report) into ``out_dir``.

    Raises :class:`MissingGlyphsError` (PDF only) before writing anything when a character has no font,
    unless ``allow_missing``, and ``ClockError`` when the PC's date is earlier than what it saved before;
    the file is written under a temporary name and renamed when complete.
    """
    if fmt == "json":
        from shizhu_desktop.services.exchange import export_json

        return export_json(workspace, report, out_dir)
    if fmt not in EXPORT_FORMATS:
        raise ExportFormatError(f"不支持的导出格式“{fmt}”：请选择 xlsx（Excel）、pdf、docx（Word）或 json。")
    if fmt == "docx" and report.kind is not ReportKind.QUARTERLY:
        raise ExportFormatError("Word（docx）版只用于季度工作推进情况报告；月度情况表请导出 xlsx 或 pdf。")
    check_clock(workspace)  # a wrong PC date would print a false 填报日期 and sign it
    bundle = build_bundle(workspace, report, today)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / report_filename(report, bundle.unit.name, fmt)
    partial = path.with_name(path.stem + ".part" + path.suffix)
    try:
        _write(bundle, fmt, partial, allow_missing)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    if report.id is not None and report.is_final:
        workspace.reports.set_digest(report.id, bundle.payload["sha256"])
    return path


def _write(bundle: ReportBundle, fmt: str, path: Path, allow_missing: bool) -> None:
    # openpyxl and reportlab are imported here, only when a file is written (start-up time of CLI and GUI).
    if fmt == "xlsx":
        from shizhu_desktop.exports.xlsx_report import write_xlsx

        write_xlsx(bundle, path)
    elif fmt == "docx":
        from shizhu_desktop.exports.docx_report import write_quarterly_docx

        write_quarterly_docx(bundle, path)
    elif bundle.is_quarterly:
        from shizhu_desktop.exports.pdf_quarterly import write_quarterly_pdf

        write_quarterly_pdf(bundle, path, allow_missing=allow_missing)
    else:
        from shizhu_desktop.exports.pdf_monthly import write_monthly_pdf

        write_monthly_pdf(bundle, path, allow_missing=allow_missing)
