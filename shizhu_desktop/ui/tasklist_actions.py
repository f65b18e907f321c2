"""Task-list distribution from the windows: the county exports it, a unit imports it after a preview."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from shizhu_desktop.services.tasklist import TaskListError, current_tasklist, export_tasklist, import_tasklist
from shizhu_desktop.services.workspace import Workspace


def export_tasklist_to_folder(parent: QWidget, workspace: Workspace) -> Path | None:
    folder = QFileDialog.getExistingDirectory(parent, "选择保存重点任务清单的文件夹", str(Path.home()))
    if not folder:
        return None
    try:
        path = export_tasklist(workspace, Path(folder))
    except (TaskListError, OSError) as exc:
        QMessageBox.warning(parent, "导出重点任务清单", f"导出失败：{exc}")
        return None
    QMessageBox.information(
        parent, "导出重点任务清单", f"已导出（{current_tasklist(workspace).label}）：\n{path}\n\n请发送给各单位导入。"
    )
    return path


def import_tasklist_from_file(parent: QWidget, workspace: Workspace) -> bool:
    """Choose a task list, show what would change, and adopt it if the clerk agrees; True when adopted."""
    name, _ = QFileDialog.getOpenFileName(
        parent, "选择县里下发的重点任务清单", str(Path.home()), "重点任务清单 (*.xlsx *.json)"
    )
    if not name:
        return False
    try:
        preview = import_tasklist(workspace, Path(name), dry_run=True)
    except TaskListError as exc:
        QMessageBox.warning(parent, "导入重点任务清单", str(exc))
        return False
    if preview.outcome == "same":
        QMessageBox.information(parent, "导入重点任务清单", "\n".join(preview.lines))
        return False
    lines = "\n".join(preview.lines[1:])
    answer = QMessageBox.question(
        parent,
        "导入重点任务清单",
        f"将把任务清单由版本 {preview.previous_version} 更新为版本 {preview.file.catalog.version}：\n\n{lines}\n\n"
        "已经填报的报表保持不变。确定导入吗？",
    )
    if answer != QMessageBox.StandardButton.Yes:
        return False
    try:
        import_tasklist(workspace, Path(name))
    except TaskListError as exc:
        QMessageBox.warning(parent, "导入重点任务清单", str(exc))
        return False
    return True
