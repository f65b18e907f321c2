"""Targets for tests, the way the county sets them: a published task list with the year's targets and shares.

The bundled catalog has no target after 2025 (the policy set none), so a test that needs one builds it here.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from shizhu_desktop.domain.catalog import Catalog, Target
from shizhu_desktop.services import tasklist
from shizhu_desktop.services.workspace import Workspace

ISSUED = date(2026, 1, 10)
NANBIN, XITUO, FORESTRY = "500240001", "500240101", "D24"
#: 南宾街道's own shares of the 2026 county targets below; it has none of 新建美丽宜居乡村.
NANBIN_FARMLAND, NANBIN_PRODUCTS = 0.12, 2.0


def year_targets(year: int = 2026) -> dict[str, Target]:
    """Indicator id → the target the county sets for ``year`` (units-scope ones split among some units)."""

    def yearly(value: float, text: str, shares: dict[str, float] | None = None) -> Target:
        return Target(
            value, ">=", f"{year}年{text}", end_year=year, start_year=year, shares=tuple((shares or {}).items())
        )

    return {
        "high_standard_farmland": yearly(2.64, "建设高标准农田2.64万亩", {NANBIN: NANBIN_FARMLAND, XITUO: 0.2}),
        "green_certified_products": yearly(20.0, "新增“两品一标”认证产品20个", {NANBIN: NANBIN_PRODUCTS, XITUO: 1.0}),
        "livable_villages_new": yearly(6.0, "新建美丽宜居乡村6个", {XITUO: 1.0}),
        "forest_coverage": yearly(62.5, "森林覆盖率达到62.5%以上"),
    }


def with_targets(catalog: Catalog, year: int = 2026) -> Catalog:
    for indicator_id, target in year_targets(year).items():
        catalog = tasklist.set_targets(catalog, indicator_id, [*catalog.indicator(indicator_id).targets, target])
    return catalog


def publish_targets(workspace: Workspace, year: int = 2026, today: date = ISSUED) -> Catalog:
    """Publish, on this machine, the list in force with ``year``'s targets added (as the county office does)."""
    tasklist.publish_catalog(workspace, with_targets(workspace.catalog, year), today=today)
    return workspace.catalog


def county_list_with_targets(folder: Path, year: int = 2026) -> Path:
    """A county database publishes the targets and exports the signed list (.xlsx) a unit imports."""
    county = Workspace.open(folder / "county-targets.sqlite")
    try:
        publish_targets(county, year)
        return tasklist.export_tasklist(county, folder / "下发", today=ISSUED)
    finally:
        county.close()
