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
from shizhu_desktop.store.backups import MANUAL
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
        try:  # checked first (a damaged database is not copied), written whole or not at all
            out = backup_copy(workspace.db, workspace.path, MANUAL, Path(chosen))
        except (DatabaseError, OSError, sqlite3.Error) as exc:
            messages.warn(self.parent_widget, APP_NAME, f"备份没有成功：{exc}")
            return None
        messages.inform(self.parent_widget, APP_NAME, f"已备份到：\n{out}")
        return out

    def restore(self) -> bool:
        """恢复: a backup chosen from the list by date (or a file elsewhere), put in place of the database.

        The database is closed, replaced (a sound one backed up first, a damaged one kept aside) and opened again;
        when the restore fails the current data is opened again unchanged.
        """
        from shizhu_desktop.domain.schema import DataFileError
        from shizhu_desktop.store.backup import restore_database
        from shizhu_desktop.ui.backups_dialog import choose_backup

        self.before()
        workspace = self.workspace()
        source = choose_backup(self.parent_widget, workspace.path, self.folders.start("backup"))
        if source is None:
            return False
        self.folders.remember("backup", str(source))
        # Pending writes name reports of the data being replaced: they must not land in the restored data.
        self.discard_pending()
        workspace.close()
        note = None
        try:
            note = restore_database(workspace.path, source).note
        except (DatabaseError, OSError) as exc:
            messages.warn(self.parent_widget, APP_NAME, f"没有恢复：{exc}")
        try:
            fresh = Workspace.open(workspace.path)  # migrates an older backup
        except (DatabaseError, DataFileError) as exc:
            messages.warn(self.parent_widget, APP_NAME, f"无法打开数据库：{exc}\n请关闭程序后重新打开。")
            self.parent_widget.setEnabled(False)
            return False
        if note is not None:
            messages.inform(self.parent_widget, APP_NAME, f"已恢复。{note}")
        self.restored(fresh)
        return note is not None

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
        return AboutDialog(
            workspace.path, current_tasklist(workspace).label, mode, self.parent_widget, key_lines(workspace)
        )

    def show_about(self) -> None:
        dialog = self.about_dialog()
        dialog.exec()  # type: ignore[attr-defined]


def key_lines(workspace: Workspace) -> list[str]:
    """The 关于 lines about this PC's key: its fingerprint to read over the phone, and the county's it trusts."""
    from shizhu_desktop.services.identity import own_key
    from shizhu_desktop.services.tasklist_trust import pinned_county_key

    lines = []
    if workspace.profile() is not None and not workspace.read_only:
        lines.append(f"本机密钥指纹：{own_key(workspace).fingerprint}（与县里电话核对时读这20位）")
    county = pinned_county_key(workspace)
    if county is not None:
        lines.append(f"县政府督查办的密钥指纹：{county[1]}（只接受用它签名的任务清单）")
    return lines
