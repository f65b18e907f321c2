"""The SQLite store: migrations with a backup first, constraints, repositories and the audit trail."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from shizhu_desktop.domain.periods import Period
from shizhu_desktop.domain.profile import Profile
from shizhu_desktop.domain.report import IndicatorValue, Liaison, Narrative, ReportKind, TaskEntry
from shizhu_desktop.services.workspace import Workspace
from shizhu_desktop.store import DatabaseError, open_db
from shizhu_desktop.store.connection import Database
from shizhu_desktop.store.db import schema_version
from shizhu_desktop.store.migrations import LATEST_VERSION, MIGRATIONS
from shizhu_desktop.store.reports import ReportFrozenError

NOV = Period(2026, 11)
LIAISON = Liaison("党政办公室", "谭晓燕", "023-73331234", "冉志强（办事处副主任）")


def _make_v1(path: Path) -> None:
    db = Database(path)
    MIGRATIONS[0](db)
    db.execute("PRAGMA user_version = 1")
    db.execute(
        "INSERT INTO reports (unit_code, period, kind, revision, state, created_at, updated_at) "
        "VALUES ('500240001', '2026-10', 'monthly', 1, 'final', '2026-10-20T10:00:00+08:00', "
        "'2026-10-20T10:00:00+08:00')"
    )
    db.execute(
        "INSERT INTO entries (report_id, task, status, progress, updated_at) "
        "VALUES (1, 2, '序时推进', '十月进展', '2026-10-20T10:00:00+08:00')"
    )
    db.close()


def test_new_database_is_current_with_wal_and_foreign_keys(db_path: Path) -> None:
    db = open_db(db_path)
    assert schema_version(db) == LATEST_VERSION
    assert db.journal_mode == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO entries (report_id, task, updated_at) VALUES (999, 1, 'x')")
    # A new database has nothing to lose: no backup is taken.
    assert not (db_path.parent / "backups").exists()
    db.close()


def test_migration_from_first_schema_keeps_data_and_backs_up_first(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    _make_v1(db_path)
    db = open_db(db_path)
    assert schema_version(db) == LATEST_VERSION
    assert "calendar_overrides" in db.table_names()
    row = db.execute("SELECT source, digest FROM reports WHERE id = 1").fetchone()
    assert row == ("local", None)
    assert db.execute("SELECT progress FROM entries").fetchone()[0] == "十月进展"
    db.close()
    backups = list((db_path.parent / "backups").glob("*升级前v1*.sqlite"))
    assert len(backups) == 1
    old = sqlite3.connect(backups[0])
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1
    assert old.execute("SELECT progress FROM entries").fetchone()[0] == "十月进展"
    old.close()


def test_newer_database_is_refused_untouched(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(DatabaseError, match="更新版本的程序"):
        open_db(db_path)
    assert db_path.read_bytes() == before


def test_not_a_database_is_refused(tmp_path: Path) -> None:
    bogus = tmp_path / "报表.sqlite"
    bogus.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(DatabaseError, match="不是本程序的数据库"):
        open_db(bogus)


def test_profile_round_trip(workspace: Workspace) -> None:
    assert workspace.profile() is None
    workspace.profiles.save(Profile("500240001", LIAISON, tasks=[15, 2, 11, 2]))
    profile = workspace.profile()
    assert profile is not None
    assert profile.liaison == LIAISON and profile.tasks == [2, 11, 15]


def test_entries_autosave_only_changes_and_audit_them(workspace: Workspace) -> None:
    repo = workspace.reports
    report = repo.ensure("500240001", NOV, ReportKind.MONTHLY, LIAISON, "v")
    assert report.id and report.revision == 1 and not report.is_final
    assert repo.save_entry(report.id, TaskEntry(2, "序时推进", "完成高标准农田800亩")) == ["status", "progress"]
    assert repo.save_entry(report.id, TaskEntry(2, "序时推进", "完成高标准农田800亩")) == []
    assert repo.save_entry(report.id, TaskEntry(2, "滞后", "完成高标准农田800亩", problems="资金未到位")) == [
        "status",
        "problems",
    ]
    loaded = repo.load(report.id)
    assert loaded.entry(2) == TaskEntry(2, "滞后", "完成高标准农田800亩", problems="资金未到位")
    trail = [(r["field"], r["old"], r["new"]) for r in repo.audit_trail(report.id) if r["entity"] == "entry"]
    assert trail == [
        ("status", "", "序时推进"),
        ("progress", "", "完成高标准农田800亩"),
        ("status", "序时推进", "滞后"),
        ("problems", "", "资金未到位"),
    ]
    assert all(r["who"] for r in repo.audit_trail(report.id))


def test_indicator_values_and_narrative(workspace: Workspace) -> None:
    repo = workspace.reports
    report = repo.ensure("500240001", NOV, ReportKind.MONTHLY, LIAISON, "v")
    assert report.id
    repo.save_indicator(report.id, IndicatorValue("high_standard_farmland", 0.08, 0.35, "悦崃片区"))
    quarterly = repo.ensure("500240001", NOV, ReportKind.QUARTERLY, LIAISON, "v")
    assert quarterly.period == Period(2026, 12)  # filed under the quarter's last month
    assert quarterly.id
    repo.save_narrative(quarterly.id, Narrative("推进情况", "问题", "打算"))
    assert repo.load(report.id).indicators == [IndicatorValue("high_standard_farmland", 0.08, 0.35, "悦崃片区")]
    assert repo.load(quarterly.id).narrative == Narrative("推进情况", "问题", "打算")
    assert repo.find("500240001", Period(2026, 10), ReportKind.QUARTERLY) is not None


def test_finalize_freezes_and_reopen_starts_next_revision(workspace: Workspace) -> None:
    repo = workspace.reports
    report = repo.ensure("500240001", NOV, ReportKind.MONTHLY, LIAISON, "v")
    assert report.id
    repo.save_entry(report.id, TaskEntry(2, "序时推进", "第一版内容"))
    final = repo.finalize(report.id)
    assert final.is_final and final.finalized_at is not None
    with pytest.raises(ReportFrozenError, match="重新打开修改"):
        repo.save_entry(report.id, TaskEntry(2, "序时推进", "改动"))
    second = repo.reopen(report.id)
    assert second.revision == 2 and not second.is_final
    assert second.entry(2) == TaskEntry(2, "序时推进", "第一版内容")
    assert second.id
    repo.save_entry(second.id, TaskEntry(2, "序时推进", "第二版内容"))
    assert repo.find("500240001", NOV, ReportKind.MONTHLY, 1).entry(2).progress == "第一版内容"  # type: ignore[union-attr]
    assert repo.find("500240001", NOV, ReportKind.MONTHLY).revision == 2  # type: ignore[union-attr]
    assert [s.revision for s in repo.summaries("500240001", NOV, ReportKind.MONTHLY)] == [1, 2]


def test_unique_revision_is_enforced(workspace: Workspace) -> None:
    report = workspace.reports.ensure("500240001", NOV, ReportKind.MONTHLY, LIAISON, "v")
    with pytest.raises(sqlite3.IntegrityError):
        workspace.reports.insert(report)


def test_calendar_overrides_and_settings_persist(db_path: Path) -> None:
    from datetime import date

    from shizhu_desktop.domain.workdays import Override

    ws = Workspace.open(db_path)
    ws.calendars.set_override(date(2031, 1, 25), Override("班", "国办发明电"))
    ws.settings.set("font_scale", "大")
    ws.close()
    ws = Workspace.open(db_path)
    assert ws.calendar().is_workday(date(2031, 1, 25))
    assert ws.settings.get("font_scale") == "大" and ws.settings.get("missing", 7) == 7
    ws.close()


def test_a_corrected_revision_keeps_the_first_submission_time(workspace: Workspace, tmp_path: Path) -> None:
    from datetime import date, datetime

    from shizhu_desktop.consolidation.timeliness import timeliness_matrix
    from shizhu_desktop.domain.report import CHINA_TZ
    from shizhu_desktop.services.exchange import export_json, import_file

    workspace.profiles.save(Profile("500240105", LIAISON, tasks=[2]))
    draft = workspace.reports.ensure("500240105", Period(2026, 10), ReportKind.MONTHLY, LIAISON, "v")
    assert draft.id
    workspace.reports.save_entry(draft.id, TaskEntry(2, "序时推进", "第一版"))
    first = workspace.reports.finalize(draft.id, datetime(2026, 10, 23, 9, 0, tzinfo=CHINA_TZ))
    second = workspace.reports.reopen(first.id or 0)
    corrected = workspace.reports.finalize(second.id or 0, datetime(2026, 11, 24, 9, 0, tzinfo=CHINA_TZ))
    assert corrected.revision == 2 and corrected.first_finalized_at == first.finalized_at
    county = Workspace.open(tmp_path / "county.sqlite")
    try:
        # The first revision reached the county on time, the correction a month later: 黄水镇 counts as on time.
        for report, day in ((first, date(2026, 10, 23)), (corrected, date(2026, 11, 24))):
            path = export_json(workspace, report, tmp_path / str(report.revision))
            assert import_file(county, path, received_on=day).outcome.value == "imported"
        matrix = timeliness_matrix(county, 2026, today=date(2026, 11, 30))
        row = next(i for i, r in enumerate(matrix.rows) if r.unit.code == "500240105")
        assert matrix.cell(row, 9).label == "按时" and matrix.cell(row, 9).revision == 2
    finally:
        county.close()


def test_timeliness_follows_the_received_date_not_the_file_claim(workspace: Workspace, tmp_path: Path) -> None:
    from datetime import date, datetime

    from shizhu_desktop.consolidation.timeliness import FLAG_CLOCK, timeliness_matrix
    from shizhu_desktop.domain.report import CHINA_TZ
    from shizhu_desktop.services.exchange import export_json, import_file

    workspace.profiles.save(Profile("500240105", LIAISON, tasks=[2]))
    draft = workspace.reports.ensure("500240105", Period(2026, 10), ReportKind.MONTHLY, LIAISON, "v")
    assert draft.id
    workspace.reports.save_entry(draft.id, TaskEntry(2, "序时推进", "十月"))
    # Finalized "on the 20th" by a PC whose clock was set back; the e-mail arrived on 11-03.
    report = workspace.reports.finalize(draft.id, datetime(2026, 10, 20, 9, 0, tzinfo=CHINA_TZ))
    path = export_json(workspace, report, tmp_path / "out")
    county = Workspace.open(tmp_path / "county.sqlite")
    try:
        result = import_file(county, path, received_on=date(2026, 11, 3))
        assert result.outcome.value == "imported"
        matrix = timeliness_matrix(county, 2026, today=date(2026, 11, 30))
        row = next(i for i, r in enumerate(matrix.rows) if r.unit.code == "500240105")
        cell = matrix.cell(row, 9)
        assert cell.label == "逾期9天", cell.tooltip
        assert "11月3日收到" in cell.tooltip and "对方10月20日定稿" in cell.tooltip
        assert cell.as_dict()["received"] == "2026-11-03" and cell.as_dict()["finalized_at"].startswith("2026-10-20")
        assert FLAG_CLOCK not in cell.flags
    finally:
        county.close()
    # A file claiming to be finalized after it arrived is flagged (the sender's clock runs ahead).
    county = Workspace.open(tmp_path / "county2.sqlite")
    try:
        result = import_file(county, path, received_on=date(2026, 10, 15))
        assert result.outcome.value == "imported" and "晚于收件日期" in result.message
        matrix = timeliness_matrix(county, 2026, today=date(2026, 11, 30))
        row = next(i for i, r in enumerate(matrix.rows) if r.unit.code == "500240105")
        assert FLAG_CLOCK in matrix.cell(row, 9).flags and matrix.cell(row, 9).label == "按时"
    finally:
        county.close()


def test_migration_to_v3_fills_the_first_finalization(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db = Database(db_path)
    for migrate in MIGRATIONS[:2]:
        migrate(db)
    db.execute("PRAGMA user_version = 2")
    for revision, day in ((1, "2026-10-23"), (2, "2026-11-24")):
        db.execute(
            "INSERT INTO reports (unit_code, period, kind, revision, state, created_at, updated_at, finalized_at) "
            "VALUES ('500240105', '2026-10', 'monthly', ?, 'final', ?, ?, ?)",
            [revision, day, day, f"{day}T09:00:00+08:00"],
        )
    db.close()
    db = open_db(db_path)
    firsts = {row[0] for row in db.execute("SELECT first_finalized_at FROM reports")}
    assert firsts == {"2026-10-23T09:00:00+08:00"}
    assert list((db_path.parent / "backups").glob("*升级前v2*.sqlite"))
    db.close()


def test_a_save_waits_for_another_writer_instead_of_failing(workspace: Workspace, db_path: Path) -> None:
    import threading
    import time

    report = workspace.reports.ensure("500240001", NOV, ReportKind.MONTHLY, LIAISON, "v")
    assert report.id
    other = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")  # the command line, say, in the middle of an import
    other.execute("INSERT INTO settings (key, value) VALUES ('x', '1')")
    releaser = threading.Timer(0.3, lambda: other.execute("COMMIT"))
    releaser.start()
    start = time.monotonic()
    assert workspace.reports.save_entry(report.id, TaskEntry(2, "序时推进", "等对方写完再保存")) == [
        "status",
        "progress",
    ]
    assert time.monotonic() - start >= 0.2
    releaser.join()
    other.close()
