"""Every file the program writes names the program and version that made it, and who wrote it (read back)."""

from __future__ import annotations

import re
import zipfile
from datetime import date
from pathlib import Path

import docx
from openpyxl import load_workbook
from pypdf import PdfReader

import shizhu_desktop
from shizhu_desktop.consolidation.exporting import export_reminders, export_summary
from shizhu_desktop.domain.periods import Period
from shizhu_desktop.services.exporting import export_report
from shizhu_desktop.services.tasklist import export_tasklist
from shizhu_desktop.services.workspace import Workspace
from tests.test_exports_data import monthly_report, quarterly_report

PROGRAM = f"shizhu-desktop {shizhu_desktop.__version__}"
TODAY = date(2026, 11, 5)


def _workbook_says(path: Path, author: str) -> dict[str, str]:
    book = load_workbook(path)
    props = book.properties
    assert props.creator == author and props.lastModifiedBy == author, path.name
    custom = {p.name: str(p.value) for p in book.custom_doc_props.props}
    assert custom["生成程序"] == PROGRAM, path.name
    return custom


def _document_says(path: Path, author: str) -> None:
    props = docx.Document(str(path)).core_properties
    assert props.author == author and props.last_modified_by == author, path.name
    assert PROGRAM in props.comments and "python-docx" not in props.comments
    assert props.created is not None and props.created.year >= 2026  # not the template's 2013
    with zipfile.ZipFile(path) as archive:
        custom = archive.read("docProps/custom.xml").decode("utf-8")
        assert "docProps/custom.xml" in archive.read("_rels/.rels").decode("utf-8")
    assert re.search(rf'name="生成程序"><vt:lpwstr>{re.escape(PROGRAM)}</vt:lpwstr>', custom)


def test_unit_reports_name_the_program(workspace: Workspace, tmp_path: Path) -> None:
    unit = workspace.units.find("南宾街道")
    monthly = monthly_report(workspace, unit.code, Period(2026, 11))
    custom = _workbook_says(export_report(workspace, monthly, "xlsx", tmp_path), "南宾街道办事处")
    assert custom["单位代码"] == unit.code and custom["版本"] == "第1版"
    quarterly = quarterly_report(workspace, unit.code, Period(2026, 9))
    _workbook_says(export_report(workspace, quarterly, "xlsx", tmp_path), "南宾街道办事处")
    _document_says(export_report(workspace, quarterly, "docx", tmp_path), "南宾街道办事处")
    metadata = PdfReader(export_report(workspace, monthly, "pdf", tmp_path)).metadata
    assert metadata is not None and metadata.creator == PROGRAM


def test_county_files_name_the_program(workspace: Workspace, tmp_path: Path) -> None:
    period = Period(2026, 10)
    office = workspace.units.receiving_office.name
    custom = _workbook_says(export_summary(workspace, period, "xlsx", tmp_path, today=TODAY), office)
    assert custom["汇总期间"] == "2026年10月"
    _document_says(export_summary(workspace, period, "docx", tmp_path, today=TODAY), office)
    reminders = export_reminders(workspace, period, tmp_path, today=TODAY)
    assert _workbook_says(reminders, office)["催报期间"] == "2026年10月"
    listed = _workbook_says(export_tasklist(workspace, tmp_path, today=TODAY), office)
    assert listed["任务清单版本"] == workspace.catalog.version
    metadata = PdfReader(export_summary(workspace, period, "pdf", tmp_path, today=TODAY)).metadata
    assert metadata is not None and metadata.creator == PROGRAM
