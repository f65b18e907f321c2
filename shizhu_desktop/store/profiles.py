"""Repository for the unit profile and the unit's chosen tasks."""

from __future__ import annotations

from shizhu_desktop.domain.profile import Profile
from shizhu_desktop.domain.report import Liaison, now_china
from shizhu_desktop.store.connection import Database
from shizhu_desktop.store.db import write_transaction


class ProfileRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self) -> Profile | None:
        """The profile, or None before first-run setup."""
        rows = list(self.db.query("SELECT * FROM profile WHERE id = 1"))
        if not rows:
            return None
        row = rows[0]
        liaison = Liaison(row["section"], row["liaison"], row["phone"], row["leader"])
        return Profile(row["unit_code"], liaison, row["mode"], self.tasks())

    def tasks(self) -> list[int]:
        return [row["task"] for row in self.db.query("SELECT task FROM profile_tasks ORDER BY task")]

    def save(self, profile: Profile) -> None:
        """Write the profile and its task list in one transaction."""
        li = profile.liaison
        with write_transaction(self.db):
            self.db.execute(
                """INSERT INTO profile (id, unit_code, section, liaison, phone, leader, mode, updated_at)
                   VALUES (1, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT (id) DO UPDATE SET unit_code = excluded.unit_code, section = excluded.section,
                     liaison = excluded.liaison, phone = excluded.phone, leader = excluded.leader,
                     mode = excluded.mode, updated_at = excluded.updated_at""",
                [profile.unit_code, li.section, li.name, li.phone, li.leader, profile.mode, now_china().isoformat()],
            )
            self.db.execute("DELETE FROM profile_tasks")
            for task in sorted(set(profile.tasks)):
                self.db.execute("INSERT INTO profile_tasks (task) VALUES (?)", [task])
