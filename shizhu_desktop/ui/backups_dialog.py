"""恢复: the backups beside the database listed by date, and restoring one (or a file from elsewhere) in the window."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shizhu_desktop import APP_NAME
from shizhu_desktop.domain.schema import DataFileError
from shizhu_desktop.interchange.gates import size_text
from shizhu_desktop.paths import backups_dir
from shizhu_desktop.services.workspace import Workspace
from shizhu_desktop.store import DatabaseError
from shizhu_desktop.store.backup import Restored, check_backup_file, restore_database
from shizhu_desktop.store.backups import MANUAL, BackupInfo, list_backups
from shizhu_desktop.store.db import backup_copy
from shizhu_desktop.ui.list_model import Index, RowListModel


class BackupsModel(RowListModel):
    COLUMNS = ("备份时间", "类型", "大小")

    @property
    def backups(self) -> list[BackupInfo]:
        return self.rows

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        backup = self.backups[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (backup.when, backup.reason, size_text(backup.size))[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(backup.path)
        return None


class BackupsDialog(QDialog):
    """Pick a backup: the list of the backups folder, newest first, or 选择其他备份文件… (a USB stick)."""

    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.chosen: Path | None = None
        self.setWindowTitle("从备份恢复")
        self.resize(620, 420)
        backups = list_backups(db_path)
        intro = QLabel(
            "选择要恢复的备份。恢复会用备份中的数据替换当前全部数据；当前数据会先自动备份一份，可以再恢复回来。"
            if backups
            else "备份文件夹中还没有备份。可以选择U盘等处的备份文件。",
            self,
        )
        intro.setWordWrap(True)
        self.model = BackupsModel(backups, self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.view.activated.connect(self._on_activated)
        if backups:
            self.view.selectRow(0)
        self.restore_button = QPushButton("恢复所选备份", self)
        self.restore_button.setDefault(True)
        self.restore_button.setEnabled(bool(backups))
        self.other_button = QPushButton("选择其他备份文件…", self)
        self.folder_button = QPushButton("打开备份文件夹", self)
        cancel = QPushButton("取消", self)
        buttons = QHBoxLayout()
        for button in (self.other_button, self.folder_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.restore_button.clicked.connect(self.choose_selected)
        self.other_button.clicked.connect(self.choose_other)
        self.folder_button.clicked.connect(self.open_folder)
        cancel.clicked.connect(self.reject)

    def _on_activated(self, index: QModelIndex) -> None:
        self.view.selectRow(index.row())
        self.choose_selected()

    def choose_selected(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        if rows:
            self._choose(self.model.backups[rows[0].row()].path)

    def choose_other(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "选择备份文件", str(Path.home()), "备份文件 (*.sqlite);;所有文件 (*)"
        )
        if name:
            self._choose(Path(name))

    def open_folder(self) -> None:
        folder = backups_dir(self.db_path)
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def _choose(self, path: Path) -> None:
        try:
            check_backup_file(path)
        except DatabaseError as exc:
            QMessageBox.warning(self, APP_NAME, str(exc))
            return
        answer = QMessageBox.question(
            self, "恢复", "恢复会用这个备份中的数据替换当前全部数据（当前数据会先自动备份一份）。继续吗？"
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.chosen = path
            self.accept()


def backup_to_file(window: Any) -> Path | None:
    """备份…: a checked copy of the database to a file the clerk names (e.g. on a USB stick)."""
    suggested = str(Path.home() / f"石柱填报备份_{date.today():%Y%m%d}.sqlite")
    name, _ = QFileDialog.getSaveFileName(window, "备份到", suggested, "备份文件 (*.sqlite)")
    if not name:
        return None
    workspace = window.workspace
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        out = backup_copy(workspace.db, workspace.path, MANUAL, Path(name))
    except (DatabaseError, OSError, sqlite3.Error) as exc:
        QApplication.restoreOverrideCursor()
        QMessageBox.warning(window, APP_NAME, f"备份没有成功：{exc}")
        return None
    QApplication.restoreOverrideCursor()
    QMessageBox.information(window, APP_NAME, f"已备份到：\n{out}")
    return out


def restore_chosen(window: Any) -> bool:
    """恢复…: choose among the backups listed by date (or a file elsewhere), then restore it in place."""
    source = choose_backup(window, window.workspace.path)
    return source is not None and restore_in_window(window, source)


def choose_backup(window: QWidget, db_path: Path) -> Path | None:
    """Show the list of backups; the chosen (checked and confirmed) file, or None."""
    dialog = BackupsDialog(db_path, window)
    return dialog.chosen if dialog.exec() else None


def restore_in_window(window: Any, source: Path) -> bool:
    """Restore ``source`` under an open window: its database is closed, replaced, and opened again.

    Pending edits belong to the data being replaced and are dropped; when the restore fails the current data is
    opened again unchanged. The window then shows the restored data (or is rebuilt for a county database).
    """
    workspace = window.workspace
    path = workspace.path
    autosaver = getattr(window, "autosaver", None)
    if autosaver is not None:
        autosaver.discard()
    workspace.close()
    restored: Restored | None = None
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        restored = restore_database(path, source)
    except (DatabaseError, OSError) as exc:
        QApplication.restoreOverrideCursor()
        QMessageBox.warning(window, APP_NAME, f"没有恢复：{exc}")
    finally:
        if QApplication.overrideCursor() is not None:
            QApplication.restoreOverrideCursor()
    try:
        window.workspace = Workspace.open(path)  # migrates an older backup
    except (DatabaseError, DataFileError) as exc:
        QMessageBox.critical(window, APP_NAME, f"恢复后无法打开数据库：{exc}\n请关闭程序后重新打开。")
        window.setEnabled(False)
        return False
    if restored is None:
        return False
    QMessageBox.information(window, APP_NAME, f"已恢复。{restored.note}")
    use_profile = getattr(window, "_use_profile", None)
    if use_profile is not None:
        use_profile()  # or, for a county database, the application opens the county window
    else:
        window.reopen_requested.emit()
    return True
