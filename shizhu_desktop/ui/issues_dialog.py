"""定稿 findings: what still blocks it (errors), or what to look at once more before it (warnings)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from shizhu_desktop.domain.validation import Issue

ISSUE_ROLE = Qt.ItemDataRole.UserRole + 1


class IssuesDialog(QDialog):
    """With ``confirm`` (a question), only warnings are listed and 仍然定稿 accepts; otherwise errors block."""

    issue_chosen = Signal(object)  # Issue

    def __init__(self, issues: list[Issue], parent: QWidget | None = None, *, confirm: str = "") -> None:
        super().__init__(parent)
        self.chose_issue = False
        errors = [i for i in issues if i.is_error]
        warnings = [i for i in issues if not i.is_error]
        if confirm:
            self.setWindowTitle("定稿前请再看一眼")
            text = f"{confirm}\n\n下面{len(warnings)}处可能需要修改（不修改也可以定稿）。双击或按回车跳到那里。"
        else:
            self.setWindowTitle("还不能定稿")
            text = (
                f"有{len(errors)}处必须修改后才能定稿"
                + (f"，另有{len(warnings)}处提醒" if warnings else "")
                + "。双击或按回车跳到要修改的地方。"
            )
        self.resize(620, 420)
        intro = QLabel(text, self)
        intro.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        for issue in errors + warnings:
            item = QListWidgetItem(f"【{issue.severity.label}】{issue.location}：{issue.message}", self.list)
            item.setData(ISSUE_ROLE, issue)
            item.setForeground(Qt.GlobalColor.darkRed if issue.is_error else Qt.GlobalColor.darkYellow)
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(self._on_activated)
        buttons = QDialogButtonBox(self)
        if confirm:
            self.finalize_button = buttons.addButton("仍然定稿", QDialogButtonBox.ButtonRole.AcceptRole)
            back = buttons.addButton("返回修改", QDialogButtonBox.ButtonRole.RejectRole)
            back.setDefault(True)
        else:
            buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)

    def _on_activated(self, item: QListWidgetItem) -> None:
        self.chose_issue = True
        self.issue_chosen.emit(item.data(ISSUE_ROLE))
        self.reject()  # jumping to a finding is "not yet": 定稿 waits for the clerk to come back
