"""Commands both windows offer: backup, restore, the user guide and 关于."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QWidget

from shizhu_desktop import APP_NAME
from shizhu_desktop.domain.profile import MODE_COUNTY
from shizhu_desktop.services.workspace import Workspace
from shizhu_desktop.store import DatabaseError
from shizhu_desktop.ui import messages
from shizhu_desktop.ui.folders import FolderMemory


class DataActions(QObject):
    """Works on whatever workspace the window has now; ``restored`` hands the window the restored one."""

    def __init__(
        self,
        workspace: Callable[[], Workspace],
        parent: QWidget,
        before: Callable[[], object],
        discard_pending: Callable[[], object],
        restored: Callable[[Workspace], None],
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.parent_widget = parent
        self.before = before  # save what is typed first
        self.discard_pending = discard_pending
        self.restored = restored

    @property
    def folders(self) -> FolderMemory:
        return FolderMemory(self.workspace().settings)

    # -- backup and restore -----------------------------------------------------------------------------

    def backup(self) -> Path | None:
        from shizhu_desktop.domain.report import now_china
        from shizhu_desktop.store.db import backup_copy

        self.before()
        today = now_china()
        name = f"石柱填报备份_{today.year:04d}{today.month:02d}{today.day:02d}.sqlite"
        chosen, _ = QFileDialog.getSaveFileName(
            self.parent_widget, "备份到", self.folders.start("backup", name), "备份文件 (*.sqlite)"
        )
        if not chosen:
            return None
        self.folders.remember("backup", chosen)
        workspace = self.workspace()
        try:
            out = backup_copy(workspace.db, workspace.path, "手动备份", Path(chosen))
        except (OSError, sqlite3.Error) as exc:
            messages.warn(
                self.parent_widget,
                APP_NAME,
                f"备份失败（{exc}）：请换一个位置，或换一个文件名（不要覆盖其他文件）再试。",
            )
            return None
        messages.inform(self.parent_widget, APP_NAME, f"已备份到：\n{out}")
        return out

    def restore(self) -> bool:
        from shizhu_desktop.store.backup import check_backup_file, restore_into

        self.before()
        chosen, _ = QFileDialog.getOpenFileName(
            self.parent_widget, "选择备份文件", self.folders.start("backup"), "备份文件 (*.sqlite)"
        )
        if not chosen:
            return False
        self.folders.remember("backup", chosen)
        source = Path(chosen)
        try:
            check_backup_file(source)
        except DatabaseError as exc:
            messages.warn(self.parent_widget, APP_NAME, str(exc))
            return False
        question = "恢复会用备份中的数据替换当前全部数据（当前数据会先自动备份一份）。继续吗？"
        if not messages.ask(self.parent_widget, "恢复", question, default_yes=False):
            return False
        workspace = self.workspace()
        # Pending writes name reports of the data being replaced: they must not land in the restored data.
        self.discard_pending()
        try:
            safety = restore_into(workspace.db, workspace.path, source)
        except DatabaseError as exc:
            messages.warn(self.parent_widget, APP_NAME, str(exc))
            return False
        workspace.close()
        fresh = Workspace.open(workspace.path)  # migrates an older backup
        messages.inform(self.parent_widget, APP_NAME, f"已恢复。恢复前的数据另存为：\n{safety}")
        self.restored(fresh)
        return True

    # -- help -------------------------------------------------------------------------------------------

    def show_help(self) -> None:
        from shizhu_desktop.ui.help_dialog import HelpDialog

        HelpDialog(self.parent_widget).exec()

    def about_dialog(self) -> QWidget:
        from shizhu_desktop.services.tasklist import current_tasklist
        from shizhu_desktop.ui.about_dialog import AboutDialog

        workspace = self.workspace()
        profile = workspace.profile()
        mode = "县级汇总" if profile is not None and profile.mode == MODE_COUNTY else "单位填报"
        if profile is not None and profile.mode != MODE_COUNTY:
            unit = workspace.units.get(profile.unit_code)
            mode += f"（{unit.name if unit else profile.unit_code}）"
        return AboutDialog(workspace.path, current_tasklist(workspace).label, mode, self.parent_widget)

    def show_about(self) -> None:
        dialog = self.about_dialog()
        dialog.exec()  # type: ignore[attr-defined]
