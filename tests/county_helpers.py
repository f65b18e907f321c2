"""A county built from demo data: several units' databases export their files, the county imports them."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from shizhu_desktop.domain.periods import Period
from shizhu_desktop.domain.report import CHINA_TZ, ReportKind, TaskEntry
from shizhu_desktop.services.demo import fill_demo
from shizhu_desktop.services.exchange import ImportResult, export_json, find_report_files, import_files
from shizhu_desktop.services.exporting import export_report
from shizhu_desktop.services.workspace import Workspace

YEAR = 2026
PERIOD = Period(YEAR, 10)
TODAY = date(2026, 11, 5)
#: The units that send files; every other expected unit sends nothing.
SENDERS = ("南宾街道", "西沱镇", "黄水镇", "龙潭乡", "县林业局", "县农业农村委", "县发展改革委", "县住房城乡建委")
LATE_UNIT, LATE_DAY = "黄水镇", date(2026, 10, 28)  # October finalized 3 days late
SILENT_UNIT = "龙潭乡"  # sends every month but October
REVISED_UNIT = "西沱镇"  # October in two revisions; the second is imported first
REVISION_NOTE = "（第二版更正：补报10月底前完成的数据。）"
TAMPERED_JSON_UNIT, TAMPERED_XLSX_UNIT = "南宾街道", "县林业局"
#: A lagging entry whose texts look like formulas, with every closing mark, long enough to cross a PDF page.
HOSTILE_UNIT = "南宾街道"
HOSTILE_PROBLEMS = "=SUM(A1:A3)资金到位慢，" + "项目用地报批周期长、配套资金到位慢，部分工程（含管网）延期。" * 50
HOSTILE_NEXT_STEPS = "@张三牵头；+86 023-73331234；-5%以内完成：协调（县财政局）加快拨付》。"


@dataclass
class County:
    """The files sent, the county's database, and what each unit's own database says (for expectations)."""

    inbox: Path
    county_db: Path
    unit_dbs: dict[str, Path]
    first_results: list[ImportResult]
    tampered: list[Path] = field(default_factory=list)
    #: The day each file reached the county (收件日期): the day its sender finalized it.
    received: dict[Path, date] = field(default_factory=dict)

    def open(self) -> Workspace:
        return Workspace.open(self.county_db)

    def unit_workspace(self, name: str) -> Workspace:
        return Workspace.open(self.unit_dbs[name])


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour, 0), CHINA_TZ)


def _unit_files(root: Path, name: str) -> tuple[Path, dict[Path, date]]:
    """The unit's files in the inbox, each with the day it reached the county (the day it was finalized)."""
    db = root / "units" / f"{name}.sqlite"
    source = Workspace.open(db)
    try:
        unit = source.units.find(name)
        fill_demo(source, unit, PERIOD, today=TODAY)
        october = source.reports.find(unit.code, PERIOD, ReportKind.MONTHLY)
        assert october is not None and october.id is not None
        if name == HOSTILE_UNIT:
            source.db.execute(
                "UPDATE entries SET status = '滞后', problems = ?, next_steps = ? WHERE report_id = ? AND task = ?",
                [HOSTILE_PROBLEMS, HOSTILE_NEXT_STEPS, october.id, october.entries[0].task],
            )
        if name == LATE_UNIT:
            source.db.execute(
                "UPDATE reports SET finalized_at = ?, first_finalized_at = ? WHERE id = ?",
                [_at(LATE_DAY).isoformat(), _at(LATE_DAY).isoformat(), october.id],
            )
        if name == REVISED_UNIT:
            draft = source.reports.reopen(october.id)
            assert draft.id is not None
            first = draft.entries[0]
            source.reports.save_entry(
                draft.id,
                TaskEntry(first.task, first.status, first.progress + REVISION_NOTE, first.cumulative, first.problems),
            )
            source.reports.finalize(draft.id, at=_at(date(2026, 10, 29)))
        written: dict[Path, date] = {}
        for summary in source.reports.summaries(unit.code):
            report = source.reports.load(summary.id)
            if not report.is_final or (name == SILENT_UNIT and summary.period == PERIOD):
                continue
            out = root / "收件箱" / name
            if name == REVISED_UNIT and summary.period == PERIOD and summary.kind is ReportKind.MONTHLY:
                # The newer revision arrives (and is imported) before the older one.
                out = root / "收件箱" / f"0-{name}-更正" if report.revision == 2 else root / "收件箱" / f"9-{name}-原件"
            if summary.period == PERIOD or (name == TAMPERED_XLSX_UNIT and summary.period == Period(YEAR, 9)):
                path = export_report(source, report, "xlsx", out, today=TODAY)
            else:
                path = export_json(source, report, out)
            assert report.finalized_at is not None
            written[path] = report.finalized_at.date()
    finally:
        source.close()
    return db, written


def tamper_json(path: Path) -> Path:
    """Change a progress text in a .json report without updating its digest."""
    data = json.loads(path.read_text(encoding="utf-8"))
    data["entries"][0]["progress"] = "（导出后手工改过的进展）"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def tamper_xlsx(path: Path) -> Path:
    """Edit a visible status cell of an exported .xlsx, as a clerk might in Excel."""
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    sheet = workbook.worksheets[0]
    sheet["E5"] = "已完成" if sheet["E5"].value != "已完成" else "滞后"
    workbook.save(path)
    return path


def build_county(root: Path) -> County:
    """Every sender's files, imported in the order of the inbox folder, each with the day it was received."""
    unit_dbs: dict[str, Path] = {}
    tampered: list[Path] = []
    received: dict[Path, date] = {}
    for name in SENDERS:
        db, written = _unit_files(root, name)
        unit_dbs[name] = db
        received.update(written)
        if name == TAMPERED_JSON_UNIT:
            tampered.append(tamper_json(next(p for p in written if p.suffix == ".json" and "2026年7月" in p.name)))
        if name == TAMPERED_XLSX_UNIT:
            tampered.append(tamper_xlsx(next(p for p in written if p.suffix == ".xlsx" and "2026年9月" in p.name)))
    county_db = root / "county.sqlite"
    county = Workspace.open(county_db)
    results: list[ImportResult] = []
    try:
        for path in find_report_files([root / "收件箱"]):
            results += import_files(county, [path], received_on=received[path])
    finally:
        county.close()
    return County(root / "收件箱", county_db, unit_dbs, results, tampered, received)
