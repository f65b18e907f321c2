"""Which task assignment was in force in a given month: a new task list counts from the month it was issued."""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

from shizhu_desktop.domain.catalog import Catalog
from shizhu_desktop.domain.periods import Period

if TYPE_CHECKING:
    from shizhu_desktop.services.workspace import Workspace

_MONTH = re.compile(r"^\d{4}-\d{2}$")


@dataclasses.dataclass(frozen=True)
class Assignments:
    """The catalog in force now, and the assignments that applied before (from the task lists received)."""

    current: Catalog
    #: (first month, task number → (lead unit, *responsible units)), oldest first.
    history: tuple[tuple[Period, dict[int, tuple[str, ...]]], ...] = ()
    #: The assignment before the first task list was received (the program's bundled default).
    original: dict[int, tuple[str, ...]] | None = None

    def catalog_for(self, period: Period) -> Catalog:
        """The current catalog with the lead and responsible units that applied in ``period``."""
        applied = self.original
        for start, tasks in self.history:
            if start <= period:
                applied = tasks
        if applied is None:
            return self.current
        adjusted = []
        for task in self.current.tasks:
            codes = applied.get(task.number)
            if codes:
                task = task._replace(lead_unit=codes[0], responsible_units=tuple(codes[1:]))
            elif task.number not in applied:
                task = task._replace(lead_unit="", responsible_units=())
            adjusted.append(task)
        return self.current._replace(tasks=tuple(adjusted))


def _assignment(catalog: Catalog) -> dict[int, tuple[str, ...]]:
    return {t.number: (t.lead_unit, *t.responsible_units) for t in catalog.tasks}


def assignments(workspace: Workspace) -> Assignments:
    """The workspace's assignment history (empty when no task list was ever distributed or received)."""
    from shizhu_desktop.datafiles import load_catalog
    from shizhu_desktop.store.catalogs import DistributedCatalogRepository

    history = []
    for entry in DistributedCatalogRepository(workspace.db).assignments():
        start, tasks = str(entry.get("from", "")), entry.get("tasks")
        if not _MONTH.match(start) or not isinstance(tasks, dict):
            continue
        history.append((Period.parse(start), {int(n): tuple(codes) for n, codes in tasks.items()}))
    if not history:
        return Assignments(workspace.catalog)
    return Assignments(workspace.catalog, tuple(history), _assignment(load_catalog()))
