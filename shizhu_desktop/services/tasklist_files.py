"""Reading task list files from outside: the same gates as a report, then the list's own checks."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shizhu_desktop.domain.catalog import Catalog, catalog_from_dict
from shizhu_desktop.domain.schema import DataFileError
from shizhu_desktop.interchange.canonical import digest_of
from shizhu_desktop.interchange.gates import open_regular, read_regular
from shizhu_desktop.interchange.jsonlimits import load_json
from shizhu_desktop.interchange.payload import PayloadError
from shizhu_desktop.interchange.xlsx_container import check_xlsx_container
from shizhu_desktop.services.tasklist_errors import TaskListError
from shizhu_desktop.services.tasklist_trust import tasklist_signer
from shizhu_desktop.services.workspace import Workspace

#: Version 2 (December 2026): signed with the county's key (services.tasklist_trust).
TASKLIST_FORMAT, TASKLIST_VERSION = "shizhu-task-list", 2
TASKLIST_SUFFIXES = (".xlsx", ".json")
_AGAIN = "请向县政府督查办重新索取。"
_EDIT_AGAIN = "请改正后再发布。"
#: A task list file is under 1 MB and its workbook's XML under 2 MB; far bigger is not one of ours.
MAX_TASKLIST_BYTES = 4 * 1024 * 1024
MAX_TASKLIST_XML = 8 * 1024 * 1024


@dataclass(frozen=True)
class TaskListFile:
    """A verified task list file: its catalog (checked against the known units) and where it came from."""

    path: Path
    catalog: Catalog
    digest: str
    issued_by: str
    issued_on: str
    #: The raw public key that signed the list (the county's, once pinned).
    public_key: bytes = b""


def load_catalog_file(workspace: Workspace, path: Path) -> Catalog:
    """A catalog the county edited as data: a catalog JSON, or a task list .json whose catalog was edited.

    The file may have been saved by Notepad (UTF-8 with a BOM is fine; GBK is named as the problem).
    """
    try:
        data = load_json(read_regular(path, MAX_TASKLIST_BYTES), _EDIT_AGAIN)
    except PayloadError as exc:
        if exc.code == "not_json":
            raise TaskListError(
                f"{path.name} 不是有效的 JSON 文件：请检查编辑时是否漏了引号或逗号（可用记事本打开核对）。"
            ) from None
        raise TaskListError(f"{path.name}：{exc.message}") from None
    if isinstance(data, dict) and data.get("format") == TASKLIST_FORMAT:
        data = data.get("catalog")
    try:
        return catalog_from_dict(data, (u.code for u in workspace.units))
    except DataFileError as exc:
        raise TaskListError(f"{path.name} 中的任务清单有误：{exc}请改正后再发布。") from None


def read_tasklist(workspace: Workspace, path: Path) -> TaskListFile:
    """Read and verify a task list file (.xlsx or .json); raise TaskListError with a Chinese reason.

    The same gates as a report first: a regular file within budget, the workbook's zip directory and parts,
    JSON parsed with limits (a BOM is fine, a GBK file is named as such).
    """
    suffix = path.suffix.lower()
    try:
        if suffix == ".xlsx":
            from shizhu_desktop.exports.tasklist_xlsx import DATA_SHEET, LIST_SHEET, read_tasklist_xlsx

            with open_regular(path, MAX_TASKLIST_BYTES) as stream:
                # read_tasklist_xlsx loads the whole workbook: a tighter budget than for a report.
                check_xlsx_container(stream, (LIST_SHEET, DATA_SHEET), max_total=MAX_TASKLIST_XML, again=_AGAIN)
            data = read_tasklist_xlsx(path)
        elif suffix == ".json":
            data = load_json(read_regular(path, MAX_TASKLIST_BYTES), _AGAIN)
        else:
            raise TaskListError(f"{path.name}：文件类型不对，任务清单应为本程序导出的 .xlsx 或 .json 文件。")
    except PayloadError as exc:
        if exc.code == "foreign_sheet":
            raise TaskListError(
                f"{path.name} 不是本程序导出的重点任务清单（报表文件请用“导入报表”）。{_AGAIN}"
            ) from None
        raise TaskListError(f"{path.name}：{exc.message}") from None
    return _verify(workspace, path, data)


def _verify(workspace: Workspace, path: Path, data: Any) -> TaskListFile:
    if not isinstance(data, dict) or data.get("format") != TASKLIST_FORMAT:
        raise TaskListError(f"{path.name} 不是任务清单文件：报表文件请用“导入报表”。")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version > TASKLIST_VERSION:
        raise TaskListError(f"{path.name} 由更新版本的程序导出（格式版本 {version}），本程序无法读取：请先升级本程序。")
    try:
        digest = digest_of(data)
    except ValueError:
        digest = ""
    if data.get("sha256") != digest:
        raise TaskListError(
            f"{path.name}：任务清单的校验码不符，文件在导出后被改动过或已损坏，不能导入。请向县政府督查办重新索取。"
        )
    public_key = tasklist_signer(data, path.name)  # a TaskListKeyError is a TaskListError
    try:
        catalog = catalog_from_dict(data.get("catalog"), (u.code for u in workspace.units))
    except DataFileError as exc:
        raise TaskListError(f"{path.name} 中的任务清单不能用于本程序（{exc}）：请升级本程序后再导入。") from None
    issued_by, issued_on = str(data.get("issued_by", "")), str(data.get("issued_on", ""))
    return TaskListFile(path, catalog, digest, issued_by, issued_on, public_key)
