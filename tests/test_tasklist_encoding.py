"""A task list edited in Notepad: a BOM is fine, GBK is named as the problem, a missing comma is said plainly."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from shizhu_desktop.consolidation.tasklist_changes import catalog_to_dict
from shizhu_desktop.services import tasklist
from shizhu_desktop.services.workspace import Workspace

BOM = b"\xef\xbb\xbf"


@pytest.fixture
def county(tmp_path: Path) -> Iterator[Workspace]:
    workspace = Workspace.open(tmp_path / "county.sqlite")
    yield workspace
    workspace.close()


def _catalog_text(county: Workspace) -> str:
    data = catalog_to_dict(tasklist.edit_task(county.catalog, 3, title="提高服务业绿色发展水平（含文旅）"))
    return json.dumps(data, ensure_ascii=False, indent=2)


def test_a_catalog_saved_by_notepad_with_a_bom_is_read(county: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "清单.json"
    path.write_bytes(BOM + _catalog_text(county).encode("utf-8"))
    catalog = tasklist.load_catalog_file(county, path)
    assert catalog.task(3).title == "提高服务业绿色发展水平（含文旅）"


def test_a_catalog_saved_as_gbk_is_named_as_such(county: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "清单.json"
    path.write_bytes(_catalog_text(county).encode("gbk", "replace"))
    with pytest.raises(tasklist.TaskListError) as caught:
        tasklist.load_catalog_file(county, path)
    message = str(caught.value)
    assert "GBK" in message and "UTF-8" in message and "漏了引号" not in message


def test_a_missing_comma_is_still_said_plainly(county: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "清单.json"
    path.write_text(_catalog_text(county).replace(",", "", 1), encoding="utf-8")
    with pytest.raises(tasklist.TaskListError, match="漏了引号或逗号"):
        tasklist.load_catalog_file(county, path)


def test_a_distributed_task_list_with_a_bom_is_imported(county: Workspace, tmp_path: Path) -> None:
    tasklist.publish_catalog(county, tasklist.edit_task(county.catalog, 21, lead_unit="D08"), today=date(2026, 11, 20))
    path = tasklist.export_tasklist(county, tmp_path / "下发", fmt="json", today=date(2026, 11, 20))
    path.write_bytes(BOM + path.read_bytes())
    unit = Workspace.open(tmp_path / "unit.sqlite")
    try:
        found = tasklist.read_tasklist(unit, path)
        assert found.catalog.version == county.catalog.version
    finally:
        unit.close()
