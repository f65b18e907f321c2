"""The task catalog distributed by the county, kept in the settings table (no schema change needed)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from shizhu_desktop.domain.catalog import Catalog, catalog_from_dict
from shizhu_desktop.domain.schema import DataFileError
from shizhu_desktop.store.connection import Database
from shizhu_desktop.store.db import write_transaction
from shizhu_desktop.store.settings import SettingsRepository

#: The catalog JSON (the format of resources/catalog.json) in force on this machine.
CATALOG_KEY = "catalog.distributed"
#: Where it came from: version, digest, issued_by, issued_on, imported_at.
CATALOG_INFO_KEY = "catalog.distributed.info"
#: Every assignment ever in force here, with the month it took effect: past months keep their own.
ASSIGNMENTS_KEY = "catalog.assignments"


class DistributedCatalogRepository:
    """Reads and writes the distributed catalog; an absent or null setting means the bundled catalog is used."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.settings = SettingsRepository(db)

    def raw(self) -> dict[str, Any] | None:
        data = self.settings.get(CATALOG_KEY)
        return data if isinstance(data, dict) else None

    def info(self) -> dict[str, Any]:
        info = self.settings.get(CATALOG_INFO_KEY)
        return info if isinstance(info, dict) else {}

    def load(self, known_units: Iterable[str]) -> Catalog | None:
        """The stored catalog, checked; None when there is none. Raises ``DataFileError`` when it is unusable."""
        data = self.raw()
        if data is None:
            return None
        return catalog_from_dict(data, known_units)

    def save(self, data: dict[str, Any], info: dict[str, Any]) -> None:
        """Store a catalog (already checked by the caller) and where it came from, in one transaction.

        The assignment it carries is also added to the history, effective from the month it was issued.
        """
        with write_transaction(self.db):
            self.settings.set(CATALOG_KEY, data)
            self.settings.set(CATALOG_INFO_KEY, info)
            issued = str(info.get("issued_on") or info.get("imported_at") or "")[:7]
            tasks = {
                str(task["number"]): [task["lead_unit"], *task["responsible_units"]]
                for task in data.get("tasks", [])
                if isinstance(task, dict)
            }
            history = [h for h in self.assignments() if h.get("from") != issued]
            history.append({"from": issued, "version": info.get("version", ""), "tasks": tasks})
            self.settings.set(ASSIGNMENTS_KEY, sorted(history, key=lambda h: str(h.get("from"))))

    def assignments(self) -> list[dict[str, Any]]:
        """The assignment history, oldest first: {"from": "YYYY-MM", "version": …, "tasks": {"2": [lead, …]}}."""
        history = self.settings.get(ASSIGNMENTS_KEY)
        return [h for h in history if isinstance(h, dict)] if isinstance(history, list) else []

    def clear(self) -> None:
        """Go back to the bundled catalog (the settings become null)."""
        with write_transaction(self.db):
            self.settings.set(CATALOG_KEY, None)
            self.settings.set(CATALOG_INFO_KEY, None)


def stored_catalog(db: Database, known_units: Iterable[str]) -> Catalog | None:
    """The distributed catalog when one is stored and usable, else None (the caller keeps the bundled one)."""
    try:
        return DistributedCatalogRepository(db).load(known_units)
    except DataFileError:
        # A stored list this program cannot use (e.g. a unit code no longer known) must not lock the clerk
        # out of the database: the bundled catalog is used and services.tasklist reports the problem.
        return None
