"""Repositories for key/value settings and the local working-day overrides."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from shizhu_desktop.domain.workdays import Override
from shizhu_desktop.store.connection import Database
from shizhu_desktop.store.db import is_read_only


class SettingsRepository:
    """JSON values under string keys; defaults are declared by the caller."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, key: str, default: Any = None) -> Any:
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return json.loads(row[0]) if row else default

    def set(self, key: str, value: Any) -> None:
        """Store ``value`` under ``key``; ignored on a database opened read-only (preferences such as the last
        month shown are not worth refusing to look at a read-only database for)."""
        if is_read_only(self.db):
            return
        text = json.dumps(value, ensure_ascii=False)
        # Unchanged preferences (the month shown, the window's place) are not written again: a session that only
        # looks leaves the file as it was, and the next start need not check it again (store.checked).
        self.db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE value IS NOT excluded.value",
            [key, text],
        )


class CalendarRepository:
    """The local table of 休/班 days that correct or extend the official holiday schedule."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def overrides(self) -> dict[date, Override]:
        return {
            date.fromisoformat(row["day"]): Override(row["kind"], row["notice"])
            for row in self.db.query("SELECT day, kind, notice FROM calendar_overrides")
        }

    def set_override(self, day: date, override: Override) -> None:
        self.db.execute(
            """INSERT INTO calendar_overrides (day, kind, notice) VALUES (?, ?, ?)
               ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, notice = excluded.notice""",
            [day.isoformat(), override.kind, override.notice],
        )

    def remove_override(self, day: date) -> None:
        self.db.execute("DELETE FROM calendar_overrides WHERE day = ?", [day.isoformat()])
