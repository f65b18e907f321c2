"""Distributing the task list: the county publishes and exports it, a unit imports it and sees what changed."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from shizhu_desktop.consolidation.tasklist_changes import catalog_to_dict, describe_changes
from shizhu_desktop.domain.catalog import Catalog, Target, catalog_from_dict
from shizhu_desktop.domain.profile import MODE_UNIT
from shizhu_desktop.domain.report import now_china
from shizhu_desktop.domain.schema import DataFileError
from shizhu_desktop.domain.targets import EXAMPLE_ISSUER
from shizhu_desktop.fileio import replacing
from shizhu_desktop.interchange.canonical import canonical_json
from shizhu_desktop.services.tasklist_errors import TaskListError
from shizhu_desktop.services.tasklist_files import (
    TASKLIST_FORMAT,
    TASKLIST_SUFFIXES,
    TASKLIST_VERSION,
    TaskListFile,
    load_catalog_file,
    read_tasklist,
)
from shizhu_desktop.services.tasklist_trust import (
    check_county_key,
    pin_county_key,
    sign_tasklist,
)
from shizhu_desktop.services.workspace import Workspace
from shizhu_desktop.store.catalogs import DistributedCatalogRepository
from shizhu_desktop.store.db import write_transaction

__all__ = [
    "TASKLIST_FORMAT",
    "TASKLIST_SUFFIXES",
    "TASKLIST_VERSION",
    "TaskListError",
    "TaskListFile",
    "load_catalog_file",
    "read_tasklist",
]
_FORCE_HINT = "如确需使用这份清单，请用“强制导入”（命令行加 --force）。"


@dataclass(frozen=True)
class TaskListImport:
    """The outcome of importing (or previewing) a task list."""

    file: TaskListFile
    previous_version: str
    changes: list[str]
    #: imported, same (already in use: nothing done) or preview (dry run: nothing stored)
    outcome: str
    #: The unit's chosen tasks before and after, when the import changes them.
    tasks_before: list[int] | None = None
    tasks_after: list[int] | None = None

    @property
    def lines(self) -> list[str]:
        """What to show the clerk: one sentence a line."""
        version = self.file.catalog.version
        head = {
            "imported": f"已导入任务清单（版本 {version}，原版本 {self.previous_version}）。",
            "same": f"本机已在使用这份任务清单（版本 {version}），无需导入。",
            "preview": f"（试运行，未写入）将把任务清单由版本 {self.previous_version} 更新为版本 {version}。",
        }[self.outcome]
        body = [] if self.outcome == "same" else (self.changes or ["内容没有变化。"])
        return [head, *body]


@dataclass(frozen=True)
class CurrentTaskList:
    """The catalog in force: bundled with the program or distributed by the county, and any problem."""

    version: str
    distributed: bool
    issued_by: str = ""
    issued_on: str = ""
    imported_at: str = ""
    #: Non-empty when a stored task list could not be used and the bundled one is in force instead.
    problem: str = ""

    @property
    def label(self) -> str:
        """E.g. 任务清单版本 2026-11-20.1（县政府督查办2026年11月20日下发）."""
        if self.distributed and self.issued_by == EXAMPLE_ISSUER:  # the demo's: never mistaken for the county's
            return f"任务清单版本 {self.version}（演示用示例清单，目标和分解均为虚构）"
        if self.distributed:
            day = date.fromisoformat(self.issued_on) if self.issued_on else None
            when = f"{day.year}年{day.month}月{day.day}日" if day else ""
            return f"任务清单版本 {self.version}（{self.issued_by}{when}下发）"
        return f"任务清单版本 {self.version}（程序自带默认分工）"


def version_key(version: str) -> tuple[int, ...]:
    """Versions compare by their numbers in order: 2026-11-20.2 is newer than 2026-11-20.1 and 2022-04-07.1."""
    return tuple(int(n) for n in re.findall(r"\d+", version))


def next_version(current: str, today: date) -> str:
    """The version a newly published list gets: today's date and a serial, always newer than ``current``."""
    numbers = version_key(current)
    if len(numbers) >= 3 and numbers[:3] >= (today.year, today.month, today.day):
        # Published again the same day (or the current version is dated ahead): the next serial of that date.
        serial = (numbers[3] if len(numbers) > 3 else 0) + 1
        return f"{numbers[0]:04d}-{numbers[1]:02d}-{numbers[2]:02d}.{serial}"
    return f"{today.isoformat()}.1"


def current_tasklist(workspace: Workspace) -> CurrentTaskList:
    repo = DistributedCatalogRepository(workspace.db)
    info = repo.info()
    problem = ""
    if repo.raw() is not None:
        try:
            repo.load(u.code for u in workspace.units)
        except DataFileError as exc:
            problem = (
                f"本机保存的任务清单无法使用（{exc}），暂按程序自带的任务清单工作。请重新导入县里下发的最新任务清单。"
            )
    distributed = repo.raw() is not None and not problem
    return CurrentTaskList(
        workspace.catalog.version,
        distributed,
        str(info.get("issued_by", "")) if distributed else "",
        str(info.get("issued_on", "")) if distributed else "",
        str(info.get("imported_at", "")) if distributed else "",
        problem,
    )


# -- the county: editing, publishing and exporting ------------------------------------------------------


def edit_task(catalog: Catalog, number: int, **changes: Any) -> Catalog:
    """A copy of ``catalog`` with task ``number`` changed (title, measures, lead_unit, responsible_units, text).

    A changed assignment is no longer the inferred default (assignment_is_default becomes False).
    """
    task = catalog.task(number)
    for key in ("measures", "responsible_units"):
        if key in changes:
            changes[key] = tuple(changes[key])
    if {"lead_unit", "responsible_units"} & changes.keys():
        changes.setdefault("assignment_is_default", False)
    new = task._replace(**changes)
    return catalog._replace(tasks=tuple(new if t.number == number else t for t in catalog.tasks))


def set_targets(catalog: Catalog, indicator_id: str, targets: list[Target]) -> Catalog:
    """A copy of ``catalog`` with an indicator's targets replaced (e.g. a 2030 target added)."""
    indicator = catalog.indicator(indicator_id)._replace(targets=tuple(targets))
    return catalog._replace(indicators=tuple(indicator if i.id == indicator_id else i for i in catalog.indicators))


def checked(workspace: Workspace, catalog: Catalog) -> Catalog:
    """``catalog`` after the same checks as a data file (numbering, sections, known units); raises TaskListError."""
    try:
        return catalog_from_dict(catalog_to_dict(catalog), (u.code for u in workspace.units))
    except DataFileError as exc:
        raise TaskListError(f"任务清单有误：{exc}请改正后再发布。") from None


def _changes(workspace: Workspace, new: Catalog) -> list[str]:
    return describe_changes(workspace.catalog, new, _namer(workspace))


def _namer(workspace: Workspace) -> Any:
    return lambda code: unit.name if (unit := workspace.units.get(code)) else code


def _is_same(a: Catalog, b: Catalog) -> bool:
    return canonical_json(catalog_to_dict(a)) == canonical_json(catalog_to_dict(b))


def _store(workspace: Workspace, catalog: Catalog, info: dict[str, Any]) -> None:
    DistributedCatalogRepository(workspace.db).save(catalog_to_dict(catalog), info)


def publish_catalog(
    workspace: Workspace, catalog: Catalog, *, force: bool = False, today: date | None = None
) -> list[str]:
    """The county adopts an edited catalog on this machine; returns what changed. Raises TaskListError.

    A catalog still carrying the current version gets the next one (see :func:`next_version`).
    """
    today = today or now_china().date()
    current = workspace.catalog
    if not _is_same(catalog, current):
        # Whatever version the edited file carried, a published change is newer than the list in force:
        # reusing an old number would make units refuse it as 旧 or as a different list of the same number.
        catalog = catalog._replace(version=next_version(current.version, today))
    new = checked(workspace, catalog)
    _refuse_older(new, current, force)
    changes = _changes(workspace, new)
    office = workspace.units.receiving_office.name
    now = now_china().isoformat()
    _store(
        workspace,
        new,
        {"version": new.version, "issued_by": office, "issued_on": today.isoformat(), "imported_at": now},
    )
    workspace.catalog = new
    return changes


def _refuse_older(new: Catalog, current: Catalog, force: bool) -> None:
    if force:
        return
    if version_key(new.version) < version_key(current.version):
        raise TaskListError(
            f"这份任务清单的版本（{new.version}）比本机正在使用的版本（{current.version}）旧，不能导入："
            f"请确认收到的是县里最新下发的任务清单。{_FORCE_HINT}"
        )
    if new.version == current.version and not _is_same(new, current):
        raise TaskListError(
            f"这份任务清单与本机正在使用的清单版本号相同（{new.version}），但内容不同：请向县政府督查办核实哪一份为准。"
            + _FORCE_HINT
        )


def tasklist_payload(workspace: Workspace, today: date | None = None) -> dict[str, Any]:
    """The signed payload of the catalog in force: the catalog, unit names for its codes, issuer, digest."""
    catalog = workspace.catalog
    codes = {c for t in catalog.tasks for c in (t.lead_unit, *t.responsible_units)} | {
        i.lead_unit for i in catalog.indicators
    }
    return sign_tasklist(
        workspace,
        {
            "format": TASKLIST_FORMAT,
            "version": TASKLIST_VERSION,
            "catalog_version": catalog.version,
            "issued_by": workspace.units.receiving_office.name,
            "issued_on": (today or now_china().date()).isoformat(),
            "unit_names": {code: _namer(workspace)(code) for code in sorted(codes)},
            "townships": [u.code for u in workspace.units.townships()],
            "catalog": catalog_to_dict(catalog),
        },
    )


def tasklist_filename(version: str, fmt: str) -> str:
    return "石柱县绿色低碳循环发展重点任务清单_版本" + re.sub(r"[^\w.-]", "_", version) + f".{fmt}"  # 示例 kept


def export_tasklist(workspace: Workspace, out_dir: Path, *, fmt: str = "xlsx", today: date | None = None) -> Path:
    """Write the catalog in force as a 重点任务清单 (.xlsx, or the sealed .json) into ``out_dir``."""
    if fmt not in ("xlsx", "json"):
        raise TaskListError(f"不支持的任务清单格式“{fmt}”：请选择 xlsx 或 json。")
    payload = tasklist_payload(workspace, today)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / tasklist_filename(workspace.catalog.version, fmt)
    with replacing(path) as partial:
        if fmt == "xlsx":
            from shizhu_desktop.exports.tasklist_xlsx import write_tasklist_xlsx  # openpyxl only when needed

            write_tasklist_xlsx(payload, partial)
        else:
            partial.write_bytes(canonical_json(payload))
    return path


# -- a unit: importing ----------------------------------------------------------------------------------


def _adjusted_tasks(workspace: Workspace, new: Catalog) -> tuple[list[int], list[int]] | None:
    """A unit's chosen tasks after the new assignment: removed tasks dropped, newly assigned ones added."""
    profile = workspace.profile()
    if profile is None or profile.mode != MODE_UNIT:
        return None
    old = workspace.catalog
    was = set(old.default_tasks_for(profile.unit_code))
    now = set(new.default_tasks_for(profile.unit_code))
    tasks = {t for t in profile.tasks if new.has_task(t) and not (t in was and t not in now)} | (now - was)
    after = sorted(tasks)
    return (list(profile.tasks), after) if after != sorted(profile.tasks) else None


def import_tasklist(
    workspace: Workspace,
    path: Path,
    *,
    dry_run: bool = False,
    force: bool = False,
    now: str | None = None,
    new_county_key: str | None = None,
) -> TaskListImport:
    """Verify a task list, compare it with the one in use and (unless ``dry_run``) adopt it.

    Reports stay as they are. Raises :class:`TaskListError` for a refused file: badly signed, signed by a key
    other than the county's pinned one (unless ``new_county_key`` names its fingerprint), or older than the list
    in use (unless ``force``).
    """
    found = read_tasklist(workspace, path)
    # A list signed by another key raises CountyKeyChangedError (a TaskListError naming the list's fingerprint).
    signer = check_county_key(workspace, found.public_key, path.name, new_county_key)
    current = workspace.catalog
    if _is_same(found.catalog, current) and not signer.first:
        return TaskListImport(found, current.version, [], "same")
    _refuse_older(found.catalog, current, force)
    changes = _changes(workspace, found.catalog)
    if signer.first:
        changes.append(
            f"县政府督查办的密钥指纹为 {signer.fingerprint}：本机将记下它，以后只接受用它签名的任务清单。"
            "请与县里核对这个指纹。"
        )
    adjusted = _adjusted_tasks(workspace, found.catalog)
    if adjusted is not None:
        before, after = adjusted
        added, dropped = sorted(set(after) - set(before)), sorted(set(before) - set(after))
        if added:
            changes.append(f"本单位新增填报任务：{'、'.join(f'任务{n}' for n in added)}。")
        if dropped:
            changes.append(f"本单位不再填报任务：{'、'.join(f'任务{n}' for n in dropped)}（以前的报表保持不变）。")
    if dry_run:
        return TaskListImport(found, current.version, changes, "preview", *(adjusted or (None, None)))
    info = {
        "version": found.catalog.version,
        "digest": found.digest,
        "issued_by": found.issued_by,
        "issued_on": found.issued_on,
        "imported_at": now or now_china().isoformat(),
        "file": found.path.name,
    }
    with write_transaction(workspace.db):
        _store(workspace, found.catalog, info)
        if signer.first:
            pin_county_key(workspace, signer)
        profile = workspace.profile()
        if adjusted is not None and profile is not None:
            workspace.profiles.save(dataclasses.replace(profile, tasks=adjusted[1]))
    workspace.catalog = found.catalog
    return TaskListImport(found, current.version, changes, "imported", *(adjusted or (None, None)))
