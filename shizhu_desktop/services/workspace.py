"""A workspace: one open database with the catalog, units, repositories and calendar that go with it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from shizhu_desktop.datafiles import load_catalog, load_units
from shizhu_desktop.domain.catalog import Catalog
from shizhu_desktop.domain.profile import Profile
from shizhu_desktop.domain.units import UnitRegistry
from shizhu_desktop.domain.workdays import WorkdayCalendar
from shizhu_desktop.store import open_db
from shizhu_desktop.store.catalogs import stored_catalog
from shizhu_desktop.store.connection import Database
from shizhu_desktop.store.db import close_db, is_read_only, read_only_reason, replaced
from shizhu_desktop.store.profiles import ProfileRepository
from shizhu_desktop.store.reports import ReportRepository
from shizhu_desktop.store.settings import CalendarRepository, SettingsRepository


@dataclass
class Workspace:
    path: Path
    db: Database
    catalog: Catalog
    units: UnitRegistry
    profiles: ProfileRepository
    reports: ReportRepository
    settings: SettingsRepository
    calendars: CalendarRepository

    @classmethod
    def open(cls, path: Path | str) -> Workspace:
        """Open or create the database at ``path``; raises ``DatabaseError`` or ``DataFileError``."""
        path = Path(path)
        catalog, units = load_catalog(), load_units()
        db = open_db(path)
        # A task list distributed by the county (services.tasklist) replaces the bundled catalog.
        catalog = stored_catalog(db, (u.code for u in units)) or catalog
        profiles = ProfileRepository(db)
        profile = profiles.get()
        who = (profile.liaison.name if profile and profile.liaison.name else "") or _os_user()
        return cls(
            path,
            db,
            catalog,
            units,
            profiles,
            ReportRepository(db, who),
            SettingsRepository(db),
            CalendarRepository(db),
        )

    @property
    def read_only(self) -> bool:
        """Opened read-only (the file, its folder or its disk cannot be written): look, export, never change."""
        return is_read_only(self.db)

    @property
    def read_only_reason(self) -> str:
        return read_only_reason(self.db)

    def replaced(self) -> bool:
        """The database file was replaced under this workspace (restored elsewhere, copied over by hand)."""
        return replaced(self.db)

    def profile(self) -> Profile | None:
        return self.profiles.get()

    def calendar(self) -> WorkdayCalendar:
        return WorkdayCalendar(self.calendars.overrides())

    def close(self) -> None:
        close_db(self.db)


def _os_user() -> str:
    import getpass  # with termios and pwd behind it: only for the audit log, not for opening the window

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in some sandboxed or service accounts
        return ""
