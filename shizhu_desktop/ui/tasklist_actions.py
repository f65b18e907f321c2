"""Task-list distribution from the windows: the county exports it, a unit imports it after a preview."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QWidget

from shizhu_desktop.interchange.fingerprints import normalise_fingerprint
from shizhu_desktop.services.tasklist import TaskListError, current_tasklist, export_tasklist, import_tasklist
from shizhu_desktop.services.tasklist_errors import CountyKeyChangedError
from shizhu_desktop.services.workspace import Workspace
from shizhu_desktop.ui import messages
from shizhu_desktop.ui.file_outcome import written_box
from shizhu_desktop.ui.folders import FolderMemory


def export_tasklist_to_folder(parent: QWidget, workspace: Workspace) -> Path | None:
    folders = FolderMemory(workspace.settings)
    folder = QFileDialog.getExistingDirectory(parent, "选择保存重点任务清单的文件夹", folders.start("export"))
    if not folder:
        return None
    folders.remember("export", folder)
    try:
        path = export_tasklist(workspace, Path(folder))
    except (TaskListError, OSError) as exc:
        messages.warn(parent, "导出重点任务清单", f"导出失败：{exc}")
        return None
    label = current_tasklist(workspace).label
    written_box(parent, f"已导出（{label}）：\n{path}", path, "请发送给各单位导入。")
    return path


def import_tasklist_from_file(parent: QWidget, workspace: Workspace) -> bool:
    """Choose a task list, show what would change, and adopt it if the clerk agrees; True when adopted."""
    folders = FolderMemory(workspace.settings)
    name, _ = QFileDialog.getOpenFileName(
        parent, "选择县里下发的重点任务清单", folders.start("import"), "重点任务清单 (*.xlsx *.json)"
    )
    if not name:
        return False
    folders.remember("import", name)
    new_key: str | None = None
    try:
        try:
            preview = import_tasklist(workspace, Path(name), dry_run=True)
        except CountyKeyChangedError as exc:
            new_key = _confirm_new_county_key(parent, str(exc), exc.fingerprint)
            if new_key is None:
                return False
            preview = import_tasklist(workspace, Path(name), dry_run=True, new_county_key=new_key)
    except TaskListError as exc:
        messages.warn(parent, "导入重点任务清单", str(exc))
        return False
    if preview.outcome == "same":
        messages.inform(parent, "导入重点任务清单", "\n".join(preview.lines))
        return False
    lines = "\n".join(preview.lines[1:])
    question = (
        f"将把任务清单由版本 {preview.previous_version} 更新为版本 {preview.file.catalog.version}：\n\n{lines}\n\n"
        "已经填报的报表保持不变。确定导入吗？"
    )
    if not messages.ask(parent, "导入重点任务清单", question):
        return False
    try:
        import_tasklist(workspace, Path(name), new_county_key=new_key)
    except TaskListError as exc:
        messages.warn(parent, "导入重点任务清单", str(exc))
        return False
    return True


def _confirm_new_county_key(parent: QWidget, message: str, fingerprint: str) -> str | None:
    """The county changed its key (new PC)? Only if the clerk types the fingerprint the county read out."""
    if not messages.ask(
        parent, "导入重点任务清单", message, "县里确实换了电脑或重装了程序吗？（先打电话核对）", default_yes=False
    ):
        return None
    typed, ok = QInputDialog.getText(
        parent, "县里的新密钥", "请输入县政府督查办在电话中读出的20位密钥指纹（空格可有可无）："
    )
    if not ok:
        return None
    if normalise_fingerprint(typed) != fingerprint:
        messages.warn(parent, "导入重点任务清单", f"输入的指纹与这份清单的密钥（{fingerprint}）不一致，没有导入。")
        return None
    return typed
