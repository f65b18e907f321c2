"""A damaged database at start: say so plainly and offer the newest good backup (the damaged file is kept)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QPushButton, QWidget

from shizhu_desktop import APP_NAME
from shizhu_desktop.store import DatabaseError
from shizhu_desktop.store.backup import Restored, check_backup_file, restore_database
from shizhu_desktop.store.backups import BackupInfo, newest_good_backup


class RecoveryDialog(QMessageBox):
    """数据库已损坏: restore the newest good backup, choose another backup file, or quit."""

    def __init__(self, db_path: Path, problem: str, parent: QWidget | None = None) -> None:
        super().__init__(
            QMessageBox.Icon.Critical, APP_NAME, "数据库文件已损坏，程序没有打开它，以免损坏扩大。", parent=parent
        )
        self.db_path = db_path
        self.best: BackupInfo | None = newest_good_backup(db_path)
        self.restored: Restored | None = None
        self.restore_button: QPushButton | None = None
        if self.best is not None:
            self.setInformativeText(
                f"可以从最新的完好备份恢复：{self.best.when}（{self.best.reason}）。\n"
                "损坏的文件会改名保存在原来的文件夹中，不会删除。"
            )
            self.restore_button = self.addButton(f"恢复 {self.best.when} 的备份", QMessageBox.ButtonRole.AcceptRole)
        else:
            self.setInformativeText("备份文件夹中没有完好的备份。如果U盘等处有备份，请选择它；否则请联系技术人员。")
        self.other_button = self.addButton("选择其他备份文件…", QMessageBox.ButtonRole.ActionRole)
        self.quit_button = self.addButton("退出", QMessageBox.ButtonRole.RejectRole)
        self.setDetailedText(f"数据库：{db_path}\n{problem}")
        self.setDefaultButton(self.restore_button or self.other_button)

    def run(self) -> Restored | None:
        """Show the dialog until the database is restored (returned) or the clerk quits (None)."""
        while True:
            self.exec()
            clicked = self.clickedButton()
            if clicked is self.quit_button or clicked is None:
                return None
            source = self.best.path if clicked is self.restore_button and self.best else self._other()
            if source is not None and self._restore(source):
                return self.restored

    def _other(self) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(
            self, "选择备份文件", str(Path.home()), "备份文件 (*.sqlite);;所有文件 (*)"
        )
        if not name:
            return None
        try:
            check_backup_file(Path(name))
        except DatabaseError as exc:
            QMessageBox.warning(self, APP_NAME, str(exc))
            return None
        return Path(name)

    def _restore(self, source: Path) -> bool:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.restored = restore_database(self.db_path, source)
        except (DatabaseError, OSError) as exc:
            QApplication.restoreOverrideCursor()
            QMessageBox.warning(self, APP_NAME, f"没有恢复：{exc}")
            return False
        QApplication.restoreOverrideCursor()
        QMessageBox.information(self, APP_NAME, f"已恢复。{self.restored.note}")
        return True
