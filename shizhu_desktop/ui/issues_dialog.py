"""What still blocks 定稿: the list of findings; choosing one jumps to its field."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from shizhu_desktop.domain.validation import Issue

ISSUE_ROLE = Qt.ItemDataRole.UserRole + 1


class IssuesDialog(QDialog):
    issue_chosen = Signal(object)  # Issue

    def __init__(self, issues: list[Issue], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("还不能定稿")
        self.resize(620, 420)
        errors = [i for i in issues if i.is_error]
        warnings = [i for i in issues if not i.is_error]
        intro = QLabel(
            f"有{len(errors)}处必须修改后才能定稿"
            + (f"，另有{len(warnings)}处提醒" if warnings else "")
            + "。双击或按回车跳到要修改的地方。",
            self,
        )
        intro.setWordWrap(True)
        self.list = QListWidget(self)
        for issue in errors + warnings:
            item = QListWidgetItem(f"【{issue.severity.label}】{issue.location}：{issue.message}", self.list)
            item.setData(ISSUE_ROLE, issue)
            item.setForeground(Qt.GlobalColor.darkRed if issue.is_error else Qt.GlobalColor.darkYellow)
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(self._on_activated)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)

    def _on_activated(self, item: QListWidgetItem) -> None:
        self.issue_chosen.emit(item.data(ISSUE_ROLE))
        self.accept()
