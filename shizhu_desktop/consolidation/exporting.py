"""Writing the county summary (xlsx or PDF) and the 催报名单 (xlsx) under the names the office files them by."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from shizhu_desktop.consolidation.reminders import reminder_list
from shizhu_desktop.consolidation.summary import Consolidation, consolidate
from shizhu_desktop.consolidation.wording import BULLETIN_TITLE, SUMMARY_TITLE
from shizhu_desktop.domain.periods import Period
from shizhu_desktop.domain.report import ReportKind, now_china

if TYPE_CHECKING:
    from shizhu_desktop.services.workspace import Workspace

SUMMARY_FORMATS = ("xlsx", "pdf", "docx")
_UNSAFE = re.compile(r'[\\/:*?"<>|\r\n\t]')


class SummaryFormatError(ValueError):
    """A summary format this program does not write; the message is Chinese."""


def summary_filename(period: Period, fmt: str) -> str:
    """汇总表 for the workbook, 通报 for the PDF and Word: 石柱县绿色低碳循环发展工作推进情况通报_2026年10月.pdf."""
    title = SUMMARY_TITLE if fmt == "xlsx" else BULLETIN_TITLE
    return _UNSAFE.sub("_", f"{title}_{period.label}.{fmt}")


def reminders_filename(period: Period, kind: ReportKind) -> str:
    what = period.label if kind is ReportKind.MONTHLY else period.quarter_label
    return _UNSAFE.sub("_", f"催报名单_{what}{kind.label}.xlsx")


def _replace(partial: Path, path: Path) -> None:
    try:
        partial.replace(path)
    except PermissionError:
        raise PermissionError(
            f"无法写入 {path.name}：这个文件可能正在 Excel 或 PDF 阅读器中打开。请关闭它后重新导出。"
        ) from None


def write_summary(summary: Consolidation, fmt: str, out_dir: Path, *, allow_missing: bool = False) -> Path:
    """Write an already built summary as ``fmt`` into ``out_dir``; returns the path (atomic: temp file, rename).

    A PDF raises ``MissingGlyphsError`` before writing when a character has no font, unless ``allow_missing``.
    """
    if fmt not in SUMMARY_FORMATS:
        raise SummaryFormatError(f"不支持的汇总格式“{fmt}”：请选择 xlsx（Excel）、pdf 或 docx（Word）。")
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / summary_filename(summary.period, fmt)
    partial = path.with_name(path.stem + ".part" + path.suffix)
    try:
        # openpyxl and reportlab are imported only when a file is written (start-up time of CLI and GUI).
        if fmt == "xlsx":
            from shizhu_desktop.exports.summary_xlsx import write_summary_xlsx

            write_summary_xlsx(summary, partial)
        elif fmt == "docx":
            from shizhu_desktop.exports.docx_bulletin import write_summary_docx

            write_summary_docx(summary, partial)
        else:
            from shizhu_desktop.exports.summary_pdf import write_summary_pdf

            write_summary_pdf(summary, partial, allow_missing=allow_missing)
        _replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return path


def export_summary(
    workspace: Workspace,
    period: Period,
    fmt: str,
    out_dir: Path,
    *,
    today: date | None = None,
    allow_missing: bool = False,
) -> Path:
    """Consolidate ``period`` as seen on ``today`` and write it as ``fmt`` (xlsx, pdf, docx) into ``out_dir``."""
    if fmt not in SUMMARY_FORMATS:
        raise SummaryFormatError(f"不支持的汇总格式“{fmt}”：请选择 xlsx（Excel）、pdf 或 docx（Word）。")
    return write_summary(consolidate(workspace, period, today), fmt, out_dir, allow_missing=allow_missing)


def export_reminders(
    workspace: Workspace,
    period: Period,
    out_dir: Path,
    *,
    kind: ReportKind = ReportKind.MONTHLY,
    today: date | None = None,
) -> Path:
    """Write the 催报名单 of ``period`` and ``kind`` as an xlsx into ``out_dir`` and return its path."""
    from shizhu_desktop.exports.reminders_xlsx import write_reminders_xlsx

    today = today or now_china().date()
    reminders = reminder_list(workspace, period, kind, today)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / reminders_filename(period, kind)
    partial = path.with_name(path.stem + ".part" + path.suffix)
    try:
        write_reminders_xlsx(reminders, period, kind, today, partial, office=workspace.units.receiving_office.name)
        _replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return path
