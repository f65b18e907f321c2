"""Guarding a window's database: a banner when it is read-only, and a stop when its file is replaced."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from shizhu_desktop import APP_NAME

#: How often the window looks whether its database file is still the one it opened.
CHECK_INTERVAL_MS = 2000
#: Actions that change the database, disabled on a read-only one: the unit window's ``actions_`` and the
#: county window's own attributes.
_WRITING_ACTIONS = ("import_files", "restore", "finalize", "reopen", "copy_previous_all", "import_tasklist")
_COUNTY_ACTIONS = ("import_files_action", "import_folder_action", "restore_action")


class DatabaseGuard(QObject):
    """Installed on a window: shows why its database is read-only, and watches for the file being replaced.

    A replaced file (a restore run elsewhere, a copy over it) must not receive this window's edits: pending
    writes are dropped, editing stops, and the clerk is told to open the program again.
    """

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.main: Any = window
        self.banner: QLabel | None = None
        self.stopped = False
        if self.main.workspace.read_only:
            self._show_read_only()
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def _show_read_only(self) -> None:
        reason = self.main.workspace.read_only_reason
        self.banner = self._add_banner(
            f"只读：{reason}。可以查看和导出，不能修改、定稿或导入。"
            "如需填报，请把数据库复制到本机可写的位置，或请管理员检查文件权限。"
        )
        actions = getattr(self.main, "actions_", None)
        found = [getattr(actions, name, None) for name in _WRITING_ACTIONS]
        found += [getattr(self.main, name, None) for name in _COUNTY_ACTIONS]
        for action in found:
            if action is not None:
                action.setEnabled(False)
        panel = getattr(self.main, "import_panel", None)
        if panel is not None:
            panel.setEnabled(False)
        self.main.setWindowTitle(self.main.windowTitle() + "（只读）")

    def _add_banner(self, text: str) -> QLabel:
        central = self.main.takeCentralWidget()
        holder = QWidget(self.main)
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        banner = QLabel(text, holder)
        banner.setObjectName("databaseBanner")
        banner.setWordWrap(True)
        banner.setStyleSheet(
            "#databaseBanner { background: #fde2e1; color: #a61b1b; padding: 6px 10px; font-weight: bold; }"
        )
        layout.addWidget(banner)
        if central is not None:
            layout.addWidget(central, 1)
        self.main.setCentralWidget(holder)
        return banner

    def check(self) -> bool:
        """True (and editing stopped) when the database file was replaced under the window."""
        if self.stopped or not self.main.workspace.replaced():
            return self.stopped
        self.stopped = True
        self.timer.stop()
        autosaver = getattr(self.main, "autosaver", None)
        if autosaver is not None:
            autosaver.discard()
        self.banner = self._add_banner(
            "数据库文件已被其他程序替换（例如从备份恢复或复制覆盖）。为免把修改写进别的数据，程序已停止保存："
            "请关闭程序后重新打开。"
        )
        central = self.main.centralWidget()
        for child in central.children() if central is not None else ():
            if isinstance(child, QWidget) and child is not self.banner:
                child.setEnabled(False)
        from PySide6.QtWidgets import QMessageBox  # only on this fault: the class costs start-up (issue 13)

        QMessageBox.warning(
            self.main,
            APP_NAME,
            "数据库文件已被替换，程序已停止保存这个窗口中的修改（最后半秒内输入的文字可能没有保存）。\n"
            "请关闭程序后重新打开，看到的就是新的数据。",
        )
        return True
