"""Which units are expected to report: every unit the catalog assigns at least one task to."""

from __future__ import annotations

from shizhu_desktop.domain.catalog import Catalog
from shizhu_desktop.domain.units import KIND_ORDER, Unit, UnitRegistry


def assigned_codes(catalog: Catalog) -> set[str]:
    """Codes of every lead or responsible unit of any task."""
    return {code for task in catalog.tasks for code in (task.lead_unit, *task.responsible_units)}


def expected_units(catalog: Catalog, units: UnitRegistry) -> list[Unit]:
    """Units with at least one task, grouped 街道 / 镇 / 乡 / 县级部门 in the registry's order."""
    codes = assigned_codes(catalog)
    return [unit for kind in KIND_ORDER for unit in units.grouped()[kind] if unit.code in codes]


def task_units(catalog: Catalog, units: UnitRegistry, task: int) -> list[Unit]:
    """A task's units: the lead unit first, then the responsible units in the registry's grouped order."""
    found = catalog.task(task)
    ordered = [found.lead_unit] + [
        u.code for kind in KIND_ORDER for u in units.grouped()[kind] if u.code in found.responsible_units
    ]
    seen: list[Unit] = []
    for code in ordered:
        unit = units.get(code)
        if unit is not None and unit not in seen:
            seen.append(unit)
    return seen
