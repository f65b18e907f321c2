"""上月填报内容: last month's entry for the task shown, beside the form or (on a narrow window) above it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QPushButton, QTextBrowser, QToolButton, QVBoxLayout, QWidget

from shizhu_desktop.domain.report import ENTRY_TEXT_FIELDS, TaskEntry
from shizhu_desktop.ui.widgets import make_bold

NOTHING_LAST_MONTH = "上月没有填报这项任务。"


class PreviousPanel(QFrame):
    copy_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.toggle = QToolButton(self)
        self.toggle.setText("上月填报内容")
        self.toggle.setToolTip("显示或收起上月填报的内容")
        self.toggle.setCheckable(True)
        self.toggle.setChecked(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow)
        self.toggle.setAutoRaise(True)
        make_bold(self.toggle)
        self.text = QTextBrowser(self)
        self.text.setOpenLinks(False)
        self.text.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.copy_button = QPushButton("复制上月内容（本任务）", self)
        self.copy_button.setToolTip("把上月内容填入本任务中还空着的栏目，已填写的不会被覆盖（Ctrl+D）")
        self.copy_button.clicked.connect(self.copy_requested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.copy_button)
        self.toggle.toggled.connect(self._on_toggled)
        self._has_previous = False
        self._read_only = False

    def show_entry(self, previous: TaskEntry | None) -> None:
        self._has_previous = previous is not None and not previous.is_empty()
        if previous is None or not self._has_previous:
            self.text.setPlainText(NOTHING_LAST_MONTH)
        else:
            parts = [f"【推进状态】{previous.status or '未选择'}"]
            parts += [
                f"【{label}】{getattr(previous, name)}"
                for name, label in ENTRY_TEXT_FIELDS.items()
                if getattr(previous, name)
            ]
            self.text.setPlainText("\n\n".join(parts))
        self._update_button()

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self._update_button()

    def set_compact(self, compact: bool) -> None:
        """Above the form (a narrow window): folded to its title line, so the fields stay in view — one click
        opens four lines of it; beside the form: open, full height."""
        lines = 4 if compact else 0
        height = self.text.fontMetrics().lineSpacing() * lines + 12
        self.text.setMaximumHeight(height if compact else 16777215)
        self.toggle.setChecked(not compact)

    @property
    def has_previous(self) -> bool:
        return self._has_previous

    def _update_button(self) -> None:
        self.copy_button.setEnabled(self._has_previous and not self._read_only)

    def _on_toggled(self, shown: bool) -> None:
        self.text.setVisible(shown)
        self.copy_button.setVisible(shown)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
