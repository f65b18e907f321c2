"""Reads the bundled data files (catalog, units, demo phrases) from ``resources/``, checked at load."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from shizhu_desktop.domain.catalog import Catalog, catalog_from_dict
from shizhu_desktop.domain.schema import DataFileError
from shizhu_desktop.domain.units import UnitRegistry, units_from_dict
from shizhu_desktop.paths import resources_dir


def read_json(path: Path) -> Any:
    """Parse a JSON data file; raise :class:`DataFileError` with a Chinese message naming the file."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataFileError(f"找不到数据文件 {path}：程序安装不完整，请重新安装。") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataFileError(f"数据文件 {path} 已损坏（{exc}）：请重新安装程序。") from None


@lru_cache(maxsize=4)
def load_units(path: Path | None = None) -> UnitRegistry:
    source = path or resources_dir() / "units.json"
    try:
        return units_from_dict(read_json(source))
    except DataFileError as exc:
        raise DataFileError(f"单位名单 {source.name} 有误：{exc}") from None


@lru_cache(maxsize=4)
def load_catalog(path: Path | None = None) -> Catalog:
    source = path or resources_dir() / "catalog.json"
    known = {u.code for u in load_units()}
    try:
        return catalog_from_dict(read_json(source), known)
    except DataFileError as exc:
        raise DataFileError(f"任务清单 {source.name} 有误：{exc}") from None


@lru_cache(maxsize=1)
def load_demo_content() -> dict[str, Any]:
    data = read_json(resources_dir() / "demo_content.json")
    if not isinstance(data, dict) or not isinstance(data.get("tasks"), dict):
        raise DataFileError("演示内容文件 demo_content.json 格式不对。")
    return data
