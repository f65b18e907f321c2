"""恢复: the backups beside the database listed by date, and restoring one (or a file from elsewhere) in the window."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
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
from shizhu_desktop.interchange.gates import size_text
from shizhu_desktop.paths import backups_dir
from shizhu_desktop.store import DatabaseError
from shizhu_desktop.store.backup import check_backup_file
from shizhu_desktop.store.backups import BackupInfo, list_backups
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

    def __init__(self, db_path: Path, parent: QWidget | None = None, start: str = "") -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.start = start or str(Path.home())  # where 选择其他备份文件… opens
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


def choose_backup(window: QWidget, db_path: Path, start: str = "") -> Path | None:
    """Show the list of backups; the chosen (checked and confirmed) file, or None."""
    dialog = BackupsDialog(db_path, window, start)
    return dialog.chosen if dialog.exec() else None
