"""Repositories for keys: this installation's own key pair, the county's registry of unit keys, report signatures."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from shizhu_desktop.domain.report import now_china
from shizhu_desktop.domain.trust import KeyState, UnitKey
from shizhu_desktop.store.connection import Database
from shizhu_desktop.store.db import write_transaction


class OwnKeyRepository:
    """The installation's Ed25519 key pair (raw bytes). Only signing code reads the private half."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self) -> tuple[bytes, bytes] | None:
        """(private key, public key), or None before the first one was made."""
        row = self.db.execute("SELECT private_key, public_key FROM own_key WHERE id = 1").fetchone()
        return (bytes(row[0]), bytes(row[1])) if row else None

    def created_at(self) -> datetime | None:
        row = self.db.execute("SELECT created_at FROM own_key WHERE id = 1").fetchone()
        return datetime.fromisoformat(row[0]) if row else None

    def create(self, private_key: bytes, public_key: bytes) -> tuple[bytes, bytes]:
        """Store a key pair unless one exists; return the pair in force (a second window never makes another)."""
        with write_transaction(self.db):
            self.db.execute(
                "INSERT OR IGNORE INTO own_key (id, private_key, public_key, created_at) VALUES (1, ?, ?, ?)",
                [private_key, public_key, now_china().isoformat()],
            )
        stored = self.get()
        assert stored is not None
        return stored


class UnitKeyRepository:
    """The county's registry: every unit key seen or confirmed, with its state and dates."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def keys(self, unit_code: str | None = None) -> list[UnitKey]:
        """Keys of one unit (or all), by unit and first sighting."""
        sql = "SELECT * FROM unit_keys" + (" WHERE unit_code = ?" if unit_code else "")
        rows = self.db.query(sql + " ORDER BY unit_code, first_seen, id", [unit_code] if unit_code else [])
        return [_unit_key(row) for row in rows]

    def add(self, unit_code: str, fingerprint: str, public_key: bytes | None, state: KeyState) -> None:
        """Record a key (or, when it is known already, set its state and fill in a missing public key)."""
        now = now_china().isoformat()
        with write_transaction(self.db):
            self.db.execute(
                """INSERT INTO unit_keys (unit_code, fingerprint, public_key, state, first_seen, changed_at)
                   VALUES (?, ?, ?, ?, ?, ?)
                   ON CONFLICT (unit_code, fingerprint) DO UPDATE SET
                     public_key = COALESCE(unit_keys.public_key, excluded.public_key),
                     state = excluded.state,
                     changed_at = CASE WHEN unit_keys.state = excluded.state THEN unit_keys.changed_at
                                       ELSE excluded.changed_at END""",
                [unit_code, fingerprint, public_key, state.value, now, now],
            )

    def set_states(self, unit_code: str, changes: dict[str, KeyState]) -> None:
        """Change the state of several of a unit's keys (by fingerprint) in one transaction."""
        now = now_china().isoformat()
        with write_transaction(self.db):
            for fingerprint, state in changes.items():
                self.db.execute(
                    "UPDATE unit_keys SET state = ?, changed_at = ? WHERE unit_code = ? AND fingerprint = ?",
                    [state.value, now, unit_code, fingerprint],
                )


class SignatureRepository:
    """The signature each imported report arrived with (so it can be shown, checked again and re-exported)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def save(self, report_id: int, public_key: bytes, signature: bytes, fingerprint: str, generator: str) -> None:
        """Called inside the transaction that stores the report. ``generator`` is the sender's program version,
        kept so the very payload that was signed can be rebuilt (and re-exported with its signature)."""
        self.db.execute(
            """INSERT INTO report_signatures (report_id, public_key, signature, fingerprint, generator)
               VALUES (?, ?, ?, ?, ?)
               ON CONFLICT (report_id) DO UPDATE SET public_key = excluded.public_key,
                 signature = excluded.signature, fingerprint = excluded.fingerprint, generator = excluded.generator""",
            [report_id, public_key, signature, fingerprint, generator],
        )

    def of(self, report_id: int) -> tuple[bytes, bytes, str] | None:
        """(public key, signature, generator) of an imported signed report, or None."""
        row = self.db.execute(
            "SELECT public_key, signature, generator FROM report_signatures WHERE report_id = ?", [report_id]
        ).fetchone()
        return (bytes(row[0]), bytes(row[1]), str(row[2])) if row else None

    def signer(self, report_id: int) -> tuple[str, KeyState] | None:
        """(fingerprint, registry state) of the key a report was signed with; None for an unsigned report."""
        row = self.db.execute(
            """SELECT s.fingerprint, k.state FROM report_signatures s JOIN reports r ON r.id = s.report_id
               LEFT JOIN unit_keys k ON k.unit_code = r.unit_code AND k.fingerprint = s.fingerprint
               WHERE s.report_id = ?""",
            [report_id],
        ).fetchone()
        if row is None:
            return None
        return str(row[0]), KeyState(row[1] or KeyState.PENDING.value)


#: The mark of an imported report that carries no signature (imported with --allow-unsigned).
UNSIGNED = "unsigned"


def signer_marks(db: Database, year: int | None = None) -> dict[int, str]:
    """Imported report id → its signer's registry state (pending/confirmed/replaced/refused) or ``unsigned``.

    A signature whose key is missing from the registry counts as pending (it cannot happen through the import,
    which records every key it accepts). ``year`` limits it to that year's periods.
    """
    sql = """SELECT r.id, s.fingerprint, k.state FROM reports r
             LEFT JOIN report_signatures s ON s.report_id = r.id
             LEFT JOIN unit_keys k ON k.unit_code = r.unit_code AND k.fingerprint = s.fingerprint
             WHERE r.source = 'imported'"""
    params: list[str] = []
    if year is not None:
        sql += " AND r.period BETWEEN ? AND ?"
        params = [f"{year:04d}-01", f"{year:04d}-12"]
    rows = db.execute(sql, params).fetchall()
    return {
        int(report_id): UNSIGNED if fingerprint is None else str(state or KeyState.PENDING.value)
        for report_id, fingerprint, state in rows
    }


def _unit_key(row: dict[str, Any]) -> UnitKey:
    return UnitKey(
        unit_code=row["unit_code"],
        fingerprint=row["fingerprint"],
        public_key=bytes(row["public_key"]) if row["public_key"] is not None else None,
        state=KeyState(row["state"]),
        first_seen=datetime.fromisoformat(row["first_seen"]),
        changed_at=datetime.fromisoformat(row["changed_at"]),
        id=row["id"],
    )
