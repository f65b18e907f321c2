"""The demo's example task list: yearly targets and each unit's share, in the demo database only."""

# The bundled catalog holds only what the policy says (targets to 2025). A demo that shows the targets feature
# publishes, as the county would, a task list whose issuer and version say 示例 — never in a database the demo
# was not run on, and never over a list the county issued.

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any

from shizhu_desktop.consolidation.tasklist_changes import catalog_to_dict
from shizhu_desktop.datafiles import load_catalog, read_json
from shizhu_desktop.domain.catalog import Catalog, catalog_from_dict
from shizhu_desktop.domain.report import now_china
from shizhu_desktop.domain.schema import DataFileError
from shizhu_desktop.domain.targets import EXAMPLE_ISSUER, EXAMPLE_VERSION_PREFIX
from shizhu_desktop.paths import resources_dir
from shizhu_desktop.services.workspace import Workspace
from shizhu_desktop.store.catalogs import DistributedCatalogRepository


class ExampleTargetsError(ValueError):
    """The example targets file is damaged; the message is Chinese."""


@lru_cache(maxsize=1)
def _example_targets() -> dict[str, Any]:
    """indicator id → {value, comparator, text with {year}, shares}: resources/demo_targets.json."""
    data = read_json(resources_dir() / "demo_targets.json")
    if not isinstance(data, dict) or data.get("format") != "shizhu-demo-targets":
        raise DataFileError("示例目标文件 demo_targets.json 格式不对。")
    targets = data.get("targets")
    if not isinstance(targets, dict) or not all(isinstance(t, dict) for t in targets.values()):
        raise DataFileError("示例目标文件 demo_targets.json 的“targets”应为“指标编号 → 目标”的对象。")
    return targets


def example_version() -> str:
    """示例-2022-04-07.2: sorts with the bundled list, so any list the county issues later is newer."""
    return EXAMPLE_VERSION_PREFIX + load_catalog().version


def example_catalog(catalog: Catalog, year: int, known_units: list[str]) -> Catalog:
    """``catalog`` with an example target (and shares) for ``year`` on every indicator that has none for it.

    Built as data and read back like any task list, so a bad value or an unknown unit code is refused.
    """
    data = catalog_to_dict(catalog)
    data["version"] = example_version()
    try:
        examples = _example_targets()
        for indicator in data["indicators"]:
            example = examples.get(indicator["id"])
            if example is None or catalog.indicator(indicator["id"]).target_for(year) is not None:
                continue
            text = str(example.get("text", "")).replace("{year}", str(year))
            indicator["targets"].append(
                {**example, "text": f"{text}（示例）", "start_year": year, "end_year": year, "recurring": False}
            )
        return catalog_from_dict(data, known_units)
    except DataFileError as exc:
        raise ExampleTargetsError(f"示例目标文件 demo_targets.json 有误：{exc}") from None


def publish_example_tasklist(workspace: Workspace, year: int, today: date) -> bool:
    """Put the example task list with ``year``'s targets in force in ``workspace``; False when nothing changed.

    A list the county issued stays in force (the demo then shows its targets); an earlier example is extended.
    """
    repo = DistributedCatalogRepository(workspace.db)
    if repo.raw() is not None and repo.info().get("issued_by") != EXAMPLE_ISSUER:
        return False
    current = workspace.catalog
    new = example_catalog(current, year, [u.code for u in workspace.units])
    if catalog_to_dict(new) == catalog_to_dict(current):
        return False
    # Issued at the start of the year, as a county issues its targets (or today, for a year still ahead).
    issued = min(today, date(year, 1, 5))
    info = {
        "version": new.version,
        "issued_by": EXAMPLE_ISSUER,
        "issued_on": issued.isoformat(),
        "imported_at": now_china().isoformat(),
    }
    repo.save(catalog_to_dict(new), info)
    workspace.catalog = new
    return True
