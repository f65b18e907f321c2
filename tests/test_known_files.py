"""A file imported before is recognised by its bytes, without parsing; a batch that writes nothing backs up nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from shizhu_desktop.domain.periods import Period
from shizhu_desktop.domain.report import ReportKind
from shizhu_desktop.services import exchange
from shizhu_desktop.services.demo import fill_demo
from shizhu_desktop.services.exchange import Outcome, export_json, import_files
from shizhu_desktop.services.exporting import export_report
from shizhu_desktop.services.workspace import Workspace
from shizhu_desktop.store.backups import BEFORE_IMPORT, list_backups


@pytest.fixture
def files(tmp_path: Path) -> list[Path]:
    """A unit's March as .xlsx and February as .json."""
    unit_ws = Workspace.open(tmp_path / "unit.sqlite")
    try:
        unit = unit_ws.units.find("黄水镇")
        fill_demo(unit_ws, unit, Period(2026, 3))
        monthly = unit_ws.reports.summaries(unit.code, kind=ReportKind.MONTHLY)
        by_month = {s.period.month: unit_ws.reports.load(s.id) for s in monthly}
        return [
            export_report(unit_ws, by_month[3], "xlsx", tmp_path / "in"),
            export_json(unit_ws, by_month[2], tmp_path / "in"),
        ]
    finally:
        unit_ws.close()


def _imports_backups(db: Path) -> int:
    return sum(b.label == BEFORE_IMPORT for b in list_backups(db))


def test_known_bytes_are_not_parsed_again(files: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    county = Workspace.open(tmp_path / "county.sqlite")
    try:
        assert [r.outcome for r in import_files(county, files)] == [Outcome.IMPORTED, Outcome.IMPORTED]
        parsed: list[Path] = []
        real = exchange.read_report_file

        def counting(workspace: Workspace, path: Path, **kwargs: Any) -> Any:
            parsed.append(path)
            return real(workspace, path, **kwargs)

        monkeypatch.setattr(exchange, "read_report_file", counting)
        again = import_files(county, files)
        assert [r.outcome for r in again] == [Outcome.SAME, Outcome.SAME] and parsed == []
        assert "同一文件已导入过" in again[0].message and again[0].what.startswith("黄水镇2026年3月月报第1版")
        # The same report in other bytes (a copy re-saved elsewhere, a re-export) is still checked in full.
        copy = tmp_path / "copy" / files[1].name
        copy.parent.mkdir()
        copy.write_bytes(files[1].read_bytes() + b"\n")
        result = import_files(county, [copy])[0]
        assert parsed == [copy] and result.outcome is not Outcome.IMPORTED
        # A report deleted since (the row of its bytes goes with it): the file is read and stored again.
        stored = county.reports.find("500240105", Period(2026, 2), ReportKind.MONTHLY)
        assert stored is not None and stored.id is not None
        county.reports.delete(stored.id)
        assert import_files(county, [files[1]])[0].outcome is Outcome.IMPORTED
    finally:
        county.close()


def test_a_batch_that_writes_nothing_takes_no_backup(files: list[Path], tmp_path: Path) -> None:
    db = tmp_path / "county.sqlite"
    county = Workspace.open(db)
    try:
        import_files(county, files[:1])
        assert _imports_backups(db) == 0  # nothing was stored before: nothing to lose
        import_files(county, files)  # one new file: one backup before its write
        assert _imports_backups(db) == 1
        import_files(county, files)  # nothing new
        assert _imports_backups(db) == 1
    finally:
        county.close()
