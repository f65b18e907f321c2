"""The county's unit directory in the settings table: organ names edited here and the contact list (联系人名单)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from shizhu_desktop.domain.units import Contact
from shizhu_desktop.store.connection import Database
from shizhu_desktop.store.db import write_transaction
from shizhu_desktop.store.settings import SettingsRepository

#: unit code → organ name, where it differs from the bundled unit list (a merged township, a renamed bureau).
ORGANS_KEY = "units.organ_names"
#: unit code → {"name", "phone", "section"}: who to call when a unit has not reported.
CONTACTS_KEY = "units.contacts"


class UnitDirectoryRepository:
    """Organ names and contacts by unit code; absent settings mean none."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.settings = SettingsRepository(db)

    def organs(self) -> dict[str, str]:
        data = self.settings.get(ORGANS_KEY)
        if not isinstance(data, dict):
            return {}
        return {str(k): v for k, v in data.items() if isinstance(v, str) and v.strip()}

    def set_organ(self, unit_code: str, organ: str) -> None:
        """Keep ``organ`` for the unit; an empty one goes back to the unit list's name."""
        organs = self.organs()
        if organ.strip():
            organs[unit_code] = organ.strip()
        else:
            organs.pop(unit_code, None)
        self.settings.set(ORGANS_KEY, organs)

    def contacts(self) -> dict[str, Contact]:
        data = self.settings.get(CONTACTS_KEY)
        if not isinstance(data, dict):
            return {}
        return {str(code): _contact(str(code), item) for code, item in data.items() if isinstance(item, dict)}

    def save_contacts(self, contacts: Iterable[Contact]) -> None:
        """Replace the whole contact list in one transaction (empty entries are dropped)."""
        data = {
            c.unit_code: {"name": c.name, "phone": c.phone, "section": c.section} for c in contacts if not c.is_empty
        }
        with write_transaction(self.db):
            self.settings.set(CONTACTS_KEY, data)


def _contact(code: str, item: dict[str, Any]) -> Contact:
    def text(key: str) -> str:
        value = item.get(key)
        return value if isinstance(value, str) else ""

    return Contact(code, text("name"), text("phone"), text("section"))
