"""The quarterly report page: 一、工作推进情况 / 二、存在的主要问题 / 三、下一步工作打算, editable."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from shizhu_desktop.domain.report import NARRATIVE_FIELDS, Narrative
from shizhu_desktop.domain.validation import Issue
from shizhu_desktop.ui.task_form import TextEdit
from shizhu_desktop.ui.widgets import Heading, make_bold, show_focus


class NarrativeEdit(TextEdit):
    """At least six lines high at any font size."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fit()

    def _fit(self) -> None:
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * 6)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit()


class QuarterlyPage(QWidget):
    narrative_edited = Signal(object)  # Narrative
    reassemble_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self._read_only = False
        self.heading = Heading("", self, factor=1.2)
        self.reassemble = QPushButton("按本季度月报重新汇总", self)
        self.reassemble.setToolTip("用本季度三个月的月报内容，逐项任务重新生成下面三部分（会替换现有文字）")
        self.reassemble.clicked.connect(self.reassemble_requested)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.reassemble)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        self.edits: dict[str, QPlainTextEdit] = {}
        self.messages: dict[str, QLabel] = {}
        for name, label in NARRATIVE_FIELDS.items():
            title = QLabel(label, self)
            make_bold(title)
            edit = NarrativeEdit(self)
            edit.setTabChangesFocus(True)
            edit.setObjectName(f"narrative_{name}")
            show_focus(edit)
            edit.textChanged.connect(self._on_edited)
            message = QLabel(self)
            message.setWordWrap(True)
            message.setStyleSheet("color: #a61b1b;")
            message.setVisible(False)
            layout.addWidget(title)
            layout.addWidget(edit, 1)
            layout.addWidget(message)
            self.edits[name] = edit
            self.messages[name] = message

    def show_narrative(self, heading: str, narrative: Narrative, read_only: bool, status: str) -> None:
        self._loading = True
        try:
            self.heading.setText(heading)
            self.status.setText(status)
            for name, edit in self.edits.items():
                if edit.toPlainText() != getattr(narrative, name):
                    edit.setPlainText(getattr(narrative, name))
                edit.setReadOnly(read_only)
            self._read_only = read_only
            self.reassemble.setEnabled(not read_only)
        finally:
            self._loading = False

    def narrative(self) -> Narrative:
        return Narrative(**{name: edit.toPlainText() for name, edit in self.edits.items()})

    def show_issues(self, issues: list[Issue]) -> None:
        for name, label in self.messages.items():
            mine = [i.message for i in issues if i.field == name]
            label.setText("".join(mine))
            label.setVisible(bool(mine))

    def _on_edited(self) -> None:
        if not self._loading and not self._read_only:
            self.narrative_edited.emit(self.narrative())
