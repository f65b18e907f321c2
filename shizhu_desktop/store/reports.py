"""Repository for reports, their task entries, indicator values and narratives, with an audit trail."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from shizhu_desktop.domain.periods import Period
from shizhu_desktop.domain.report import (
    ENTRY_FIELD_LABELS,
    NARRATIVE_FIELDS,
    IndicatorValue,
    Liaison,
    Narrative,
    Report,
    ReportKind,
    ReportState,
    TaskEntry,
    now_china,
)
from shizhu_desktop.store.connection import Database
from shizhu_desktop.store.db import check_writable, is_read_only, write_transaction
from shizhu_desktop.store.report_rows import ReportFrozenError, ReportSummary

__all__ = ["ReportFrozenError", "ReportRepository", "ReportSummary"]

_ENTRY_COLUMNS = list(ENTRY_FIELD_LABELS)
_NARRATIVE_COLUMNS = list(NARRATIVE_FIELDS)


def _dt(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


class ReportRepository:
    def __init__(self, db: Database, who: str = "") -> None:
        self.db = db
        self.who = who or "本机用户"

    # -- reading ----------------------------------------------------------------------------------------

    def summaries(
        self,
        unit_code: str | None = None,
        period: Period | None = None,
        kind: ReportKind | None = None,
        *,
        year: int | None = None,
    ) -> list[ReportSummary]:
        """Reports matching the filters (``year``: its twelve periods), ordered by unit, period, kind, revision."""
        where, params = [], []
        for column, value in (("unit_code", unit_code), ("period", period), ("kind", kind)):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value.value if isinstance(value, ReportKind) else str(value))
        if year is not None:
            where.append("period BETWEEN ? AND ?")
            params += [f"{year:04d}-01", f"{year:04d}-12"]
        sql = "SELECT * FROM reports" + (" WHERE " + " AND ".join(where) if where else "")
        sql += " ORDER BY unit_code, period, kind, revision"
        return [self._summary(row) for row in self.db.query(sql, params)]

    def any(self) -> bool:
        """Whether the database holds any report at all."""
        return self.db.execute("SELECT 1 FROM reports LIMIT 1").fetchone() is not None

    def find(self, unit_code: str, period: Period, kind: ReportKind, revision: int | None = None) -> Report | None:
        """A revision of a report, or the latest one when ``revision`` is None."""
        if kind is ReportKind.QUARTERLY:
            period = period.quarter_end()
        sql = "SELECT id FROM reports WHERE unit_code = ? AND period = ? AND kind = ?"
        params: list[Any] = [unit_code, str(period), kind.value]
        if revision is not None:
            sql += " AND revision = ?"
            params.append(revision)
        row = self.db.execute(sql + " ORDER BY revision DESC LIMIT 1", params).fetchone()
        return self.load(row[0]) if row else None

    def load(self, report_id: int) -> Report:
        row = self.db.execute("SELECT * FROM reports WHERE id = ?", [report_id]).fetchone()
        if row is None:
            raise KeyError(report_id)
        columns = [d[0] for d in self.db.execute("SELECT * FROM reports LIMIT 0").description]
        data = dict(zip(columns, row, strict=True))
        entries = [
            TaskEntry(r["task"], **{c: r[c] for c in _ENTRY_COLUMNS})
            for r in self.db.query("SELECT * FROM entries WHERE report_id = ? ORDER BY task", [report_id])
        ]
        values = [
            IndicatorValue(r["indicator"], r["value"], r["cumulative"], r["note"])
            for r in self.db.query("SELECT * FROM indicator_values WHERE report_id = ? ORDER BY indicator", [report_id])
        ]
        narrative_rows = list(self.db.query("SELECT * FROM narratives WHERE report_id = ?", [report_id]))
        narrative = Narrative(**{c: narrative_rows[0][c] for c in _NARRATIVE_COLUMNS}) if narrative_rows else None
        return Report(
            unit_code=data["unit_code"],
            period=Period.parse(data["period"]),
            kind=ReportKind(data["kind"]),
            revision=data["revision"],
            state=ReportState(data["state"]),
            liaison=Liaison(data["section"], data["liaison"], data["phone"], data["leader"]),
            entries=entries,
            indicators=values,
            narrative=narrative,
            catalog_version=data["catalog_version"],
            created_at=_dt(data["created_at"]),
            updated_at=_dt(data["updated_at"]),
            finalized_at=_dt(data["finalized_at"]),
            first_finalized_at=_dt(data["first_finalized_at"]),
            id=data["id"],
            source=data["source"],
            digest=data["digest"],
        )

    def audit_trail(self, report_id: int) -> list[dict[str, Any]]:
        """The field changes of a report, oldest first, as plain rows."""
        return list(
            self.db.query(
                "SELECT at, who, entity, key, field, old, new FROM audit_log WHERE report_id = ? ORDER BY id",
                [report_id],
            )
        )

    # -- creating ---------------------------------------------------------------------------------------

    def ensure(
        self, unit_code: str, period: Period, kind: ReportKind, liaison: Liaison, catalog_version: str
    ) -> Report:
        """The latest revision of this report, creating an empty draft revision 1 if there is none."""
        existing = self.find(unit_code, period, kind)
        if existing is not None:
            return existing
        draft = Report(
            unit_code,
            period.quarter_end() if kind is ReportKind.QUARTERLY else period,
            kind,
            liaison=liaison,
            catalog_version=catalog_version,
        )
        if is_read_only(self.db):
            return draft  # shown empty, never stored: a read-only database is only looked at
        return self.load(self.insert(draft))

    def insert(self, report: Report, *, source: str = "local", received_at: datetime | None = None) -> int:
        """Store a whole report (all its rows) in one transaction and return its id."""
        now = now_china()
        li = report.liaison
        with write_transaction(self.db):
            cursor = self.db.execute(
                """INSERT INTO reports (unit_code, period, kind, revision, state, section, liaison, phone, leader,
                     catalog_version, created_at, updated_at, finalized_at, source, digest, received_at,
                     first_finalized_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [
                    report.unit_code,
                    str(report.period),
                    report.kind.value,
                    report.revision,
                    report.state.value,
                    li.section,
                    li.name,
                    li.phone,
                    li.leader,
                    report.catalog_version,
                    _iso(report.created_at or now),
                    _iso(report.updated_at or now),
                    _iso(report.finalized_at),
                    source,
                    report.digest,
                    _iso(received_at),
                    _iso(report.first_finalized_at or report.finalized_at),
                ],
            )
            report_id = int(cursor.lastrowid or 0)
            self._write_contents(report_id, report, now)
            self._audit(report_id, "report", "", "revision", None, f"第{report.revision}版（{source}）")
        return report_id

    def _write_contents(self, report_id: int, report: Report, now: datetime) -> None:
        for entry in report.entries:
            self.db.execute(
                f"INSERT INTO entries (report_id, task, {', '.join(_ENTRY_COLUMNS)}, updated_at) "
                f"VALUES (?, ?, {', '.join('?' * len(_ENTRY_COLUMNS))}, ?)",
                [report_id, entry.task, *(getattr(entry, c) for c in _ENTRY_COLUMNS), now.isoformat()],
            )
        for value in report.indicators:
            self.db.execute(
                "INSERT INTO indicator_values (report_id, indicator, value, cumulative, note) VALUES (?, ?, ?, ?, ?)",
                [report_id, value.indicator, value.value, value.cumulative, value.note],
            )
        if report.narrative is not None:
            self.db.execute(
                "INSERT INTO narratives (report_id, work, problems, plans) VALUES (?, ?, ?, ?)",
                [report_id, report.narrative.work, report.narrative.problems, report.narrative.plans],
            )

    # -- editing a draft --------------------------------------------------------------------------------

    def save_entry(self, report_id: int, entry: TaskEntry) -> list[str]:
        """Write a task's row; only changed fields are written and audited. Returns the changed fields."""
        with write_transaction(self.db):
            self._require_draft(report_id)
            row = self.db.execute(
                f"SELECT {', '.join(_ENTRY_COLUMNS)} FROM entries WHERE report_id = ? AND task = ?",
                [report_id, entry.task],
            ).fetchone()
            old = dict(zip(_ENTRY_COLUMNS, row, strict=True)) if row else dict.fromkeys(_ENTRY_COLUMNS, "")
            changed = [c for c in _ENTRY_COLUMNS if getattr(entry, c) != old[c]]
            if not changed:
                return []
            now = now_china().isoformat()
            if row is None:
                self.db.execute(
                    f"INSERT INTO entries (report_id, task, {', '.join(_ENTRY_COLUMNS)}, updated_at) "
                    f"VALUES (?, ?, {', '.join('?' * len(_ENTRY_COLUMNS))}, ?)",
                    [report_id, entry.task, *(getattr(entry, c) for c in _ENTRY_COLUMNS), now],
                )
            else:
                sets = ", ".join(f"{c} = ?" for c in changed)
                self.db.execute(
                    f"UPDATE entries SET {sets}, updated_at = ? WHERE report_id = ? AND task = ?",
                    [*(getattr(entry, c) for c in changed), now, report_id, entry.task],
                )
            for column in changed:
                self._audit(report_id, "entry", str(entry.task), column, old[column], getattr(entry, column))
            self._touch(report_id, now)
            return changed

    def save_indicator(self, report_id: int, value: IndicatorValue) -> list[str]:
        """Write one indicator figure; returns the changed fields (value, cumulative, note)."""
        names = ("value", "cumulative", "note")
        with write_transaction(self.db):
            self._require_draft(report_id)
            row = self.db.execute(
                "SELECT value, cumulative, note FROM indicator_values WHERE report_id = ? AND indicator = ?",
                [report_id, value.indicator],
            ).fetchone()
            old = dict(zip(names, row, strict=True)) if row else {"value": None, "cumulative": None, "note": ""}
            changed = [n for n in names if getattr(value, n) != old[n]]
            if not changed:
                return []
            self.db.execute(
                """INSERT INTO indicator_values (report_id, indicator, value, cumulative, note) VALUES (?, ?, ?, ?, ?)
                   ON CONFLICT (report_id, indicator) DO UPDATE SET value = excluded.value,
                     cumulative = excluded.cumulative, note = excluded.note""",
                [report_id, value.indicator, value.value, value.cumulative, value.note],
            )
            for name in changed:
                self._audit(
                    report_id, "indicator", value.indicator, name, _text(old[name]), _text(getattr(value, name))
                )
            self._touch(report_id, now_china().isoformat())
            return changed

    def save_narrative(self, report_id: int, narrative: Narrative) -> list[str]:
        """Write a quarterly report's three sections; returns the changed ones."""
        with write_transaction(self.db):
            self._require_draft(report_id)
            row = self.db.execute(
                f"SELECT {', '.join(_NARRATIVE_COLUMNS)} FROM narratives WHERE report_id = ?", [report_id]
            ).fetchone()
            old = dict(zip(_NARRATIVE_COLUMNS, row, strict=True)) if row else dict.fromkeys(_NARRATIVE_COLUMNS, "")
            changed = [c for c in _NARRATIVE_COLUMNS if getattr(narrative, c) != old[c]]
            if not changed:
                return []
            self.db.execute(
                """INSERT INTO narratives (report_id, work, problems, plans) VALUES (?, ?, ?, ?)
                   ON CONFLICT (report_id) DO UPDATE SET work = excluded.work, problems = excluded.problems,
                     plans = excluded.plans""",
                [report_id, narrative.work, narrative.problems, narrative.plans],
            )
            for column in changed:
                self._audit(report_id, "narrative", "", column, old[column], getattr(narrative, column))
            self._touch(report_id, now_china().isoformat())
            return changed

    def update_liaison(self, report_id: int, liaison: Liaison) -> None:
        """Copy the profile's liaison onto a draft (the printed table shows who filled it)."""
        with write_transaction(self.db):
            self._require_draft(report_id)
            self.db.execute(
                "UPDATE reports SET section = ?, liaison = ?, phone = ?, leader = ? WHERE id = ?",
                [liaison.section, liaison.name, liaison.phone, liaison.leader, report_id],
            )

    # -- revisions --------------------------------------------------------------------------------------

    def finalize(self, report_id: int, at: datetime | None = None) -> Report:
        """Freeze a draft as final (定稿)."""
        at = at or now_china()
        with write_transaction(self.db):
            self._require_draft(report_id)
            first = self.db.execute(
                """SELECT MIN(COALESCE(o.first_finalized_at, o.finalized_at)) FROM reports o
                   JOIN reports r ON r.unit_code = o.unit_code AND r.period = o.period AND r.kind = o.kind
                   WHERE r.id = ? AND o.state = 'final'""",
                [report_id],
            ).fetchone()[0]
            self.db.execute(
                "UPDATE reports SET state = 'final', finalized_at = ?, updated_at = ?, first_finalized_at = ? "
                "WHERE id = ?",
                [at.isoformat(), at.isoformat(), first or at.isoformat(), report_id],
            )
            self._audit(report_id, "report", "", "state", ReportState.DRAFT.value, ReportState.FINAL.value)
        return self.load(report_id)

    def reopen(self, report_id: int) -> Report:
        """Start revision N+1 as a draft copy of final revision N, which stays as it was."""
        report = self.load(report_id)
        if not report.is_final:
            return report
        latest = self.find(report.unit_code, report.period, report.kind)
        if latest is not None and latest.revision > report.revision:
            raise RuntimeError(f"已经有更新的第{latest.revision}版，请在最新版上修改。")
        draft = Report(
            report.unit_code,
            report.period,
            report.kind,
            report.revision + 1,
            ReportState.DRAFT,
            report.liaison,
            report.entries,
            report.indicators,
            report.narrative,
            report.catalog_version,
        )
        return self.load(self.insert(draft))

    def set_digest(self, report_id: int, digest: str) -> None:
        """Remember the 校验码 of an exported final revision (skipped on a read-only database)."""
        if is_read_only(self.db):
            return
        self.db.execute("UPDATE reports SET digest = ? WHERE id = ?", [digest, report_id])

    def delete(self, report_id: int) -> None:
        check_writable(self.db)
        self.db.execute("DELETE FROM reports WHERE id = ?", [report_id])

    # -- helpers ----------------------------------------------------------------------------------------

    def _require_draft(self, report_id: int) -> None:
        row = self.db.execute("SELECT state FROM reports WHERE id = ?", [report_id]).fetchone()
        if row is None:
            raise KeyError(report_id)
        if row[0] != ReportState.DRAFT.value:
            raise ReportFrozenError()

    def _touch(self, report_id: int, now: str) -> None:
        self.db.execute("UPDATE reports SET updated_at = ? WHERE id = ?", [now, report_id])

    def _audit(self, report_id: int, entity: str, key: str, field: str, old: str | None, new: str | None) -> None:
        self.db.execute(
            "INSERT INTO audit_log (at, who, report_id, entity, key, field, old, new) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [now_china().isoformat(), self.who, report_id, entity, key, field, old, new],
        )

    @staticmethod
    def _summary(row: dict[str, Any]) -> ReportSummary:
        return ReportSummary(
            id=row["id"],
            unit_code=row["unit_code"],
            period=Period.parse(row["period"]),
            kind=ReportKind(row["kind"]),
            revision=row["revision"],
            state=ReportState(row["state"]),
            created_at=datetime.fromisoformat(row["created_at"]),
            updated_at=datetime.fromisoformat(row["updated_at"]),
            finalized_at=_dt(row["finalized_at"]),
            source=row["source"],
            digest=row["digest"],
            received_at=_dt(row["received_at"]),
            first_finalized_at=_dt(row["first_finalized_at"]),
        )


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
