"""The newest moment this installation's own clock wrote into the database (for the clock sanity check)."""

from __future__ import annotations

from datetime import datetime

from shizhu_desktop.store.connection import Database


def newest_local_time(db: Database) -> datetime | None:
    """The latest time stamped by this PC's own clock: every save, 定稿 and import writes an audit row.

    Times claimed by imported files (their 定稿 time) are not counted: a file from a PC whose clock is wrong
    must not lock this PC out.
    """
    row = db.execute("SELECT MAX(at) FROM audit_log").fetchone()
    key = db.execute("SELECT created_at FROM own_key WHERE id = 1").fetchone()
    moments = [datetime.fromisoformat(text) for text in (row[0] if row else None, key[0] if key else None) if text]
    return max(moments) if moments else None
