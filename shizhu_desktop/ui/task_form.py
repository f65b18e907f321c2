"""The form for one task: policy text, 推进状态, the five text fields, indicators, and inline findings."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTableView,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from shizhu_desktop.domain.catalog import Indicator, Task
from shizhu_desktop.domain.report import ENTRY_TEXT_FIELDS, STATUSES, IndicatorValue, TaskEntry
from shizhu_desktop.domain.validation import Issue
from shizhu_desktop.ui.indicator_model import COL_CUMULATIVE, COL_NOTE, COL_VALUE, IndicatorTableModel

PLACEHOLDER_STATUS = "（请选择）"
_HINTS = {
    "progress": "本月做了哪些工作，写具体数字，例如：完成高标准农田建设800亩。",
    "cumulative": "自年初（或任务开始）以来累计完成的情况。",
    "problems": "遇到的困难和原因；状态为“滞后”时必须填写。",
    "next_steps": "下个月准备做什么、何时完成。",
    "remarks": "其他需要说明的事项（可不填）。",
}


_WINDOW_KEYS = (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Return)


class TextEdit(QPlainTextEdit):
    """Multi-line text where Ctrl+arrows and Ctrl+Enter stay the window's (month, task, 定稿) shortcuts."""

    def event(self, event: QEvent) -> bool:
        # Ctrl+arrows belong to the window (month and task navigation), not to word-wise cursor moves.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.modifiers() == Qt.KeyboardModifier.ControlModifier
            and event.key() in _WINDOW_KEYS
        ):
            event.ignore()
            return False
        return super().event(event)


class FieldEdit(TextEdit):
    """A form field of fixed height where Tab moves on (keyboard-only filling) and leaving it is announced."""

    left = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._lines = 3
        self.set_lines(3)

    def set_lines(self, lines: int) -> None:
        self._lines = lines
        metrics = self.fontMetrics()
        self.setFixedHeight(metrics.lineSpacing() * lines + 14)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.set_lines(self._lines)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.left.emit()


class TaskForm(QWidget):
    entry_edited = Signal(object)  # TaskEntry
    indicator_edited = Signal(object)  # IndicatorValue
    copy_previous_requested = Signal()
    field_left = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._task: Task | None = None
        self._loading = False
        self._read_only = False
        self._init_header()
        self._init_fields()
        self._init_indicators()
        self._init_previous()
        self._init_layout()

    # -- construction -----------------------------------------------------------------------------------

    def _init_header(self) -> None:
        self.title = QLabel(self)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.lead = QLabel(self)
        self.lead.setWordWrap(True)
        self.lead.setStyleSheet("color: #555;")
        self.policy_toggle = QToolButton(self)
        self.policy_toggle.setCheckable(True)
        self.policy_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.policy_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.policy_toggle.setText("文件原文")
        self.policy_toggle.setToolTip("显示或收起《工作措施》中这项任务的原文")
        self.policy_text = QLabel(self)
        self.policy_text.setWordWrap(True)
        self.policy_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.policy_text.setStyleSheet("background: #f6f6f2; border: 1px solid #ddd; padding: 6px;")
        self.policy_text.setVisible(False)
        self.policy_toggle.toggled.connect(self._on_policy_toggled)

    def _init_fields(self) -> None:
        self.status = QComboBox(self)
        self.status.addItem(PLACEHOLDER_STATUS, "")
        for status in STATUSES:
            self.status.addItem(status, status)
        self.status.setToolTip("推进状态：已完成 / 序时推进 / 滞后 / 未启动")
        self.status.currentIndexChanged.connect(self._on_edited)
        self.edits: dict[str, FieldEdit] = {}
        self.messages: dict[str, QLabel] = {}
        for name in ("status", *ENTRY_TEXT_FIELDS):
            label = QLabel(self)
            label.setWordWrap(True)
            label.setVisible(False)
            self.messages[name] = label
        for name in ENTRY_TEXT_FIELDS:
            edit = FieldEdit(self)
            edit.setPlaceholderText(_HINTS[name])
            edit.setObjectName(f"field_{name}")
            edit.textChanged.connect(self._on_edited)
            edit.left.connect(self.field_left)
            self.edits[name] = edit
        self.edits["remarks"].set_lines(2)

    def _init_indicators(self) -> None:
        self.indicator_model = IndicatorTableModel(self)
        self.indicator_model.value_edited.connect(self.indicator_edited)
        self.indicator_model.invalid_input.connect(self._on_invalid_indicator)
        self.indicator_view = QTableView(self)
        self.indicator_view.setModel(self.indicator_model)
        self.indicator_view.setEditTriggers(
            QAbstractItemView.EditTrigger.AllEditTriggers & ~QAbstractItemView.EditTrigger.CurrentChanged
        )
        self.indicator_view.setTabKeyNavigation(False)
        self.indicator_view.verticalHeader().setVisible(False)
        self.indicator_view.setWordWrap(True)
        header = self.indicator_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.indicator_label = QLabel("指标完成情况（在“本期值”“累计值”“说明”格中直接输入，或双击、按F2修改）", self)
        self.indicator_message = QLabel(self)
        self.indicator_message.setWordWrap(True)
        self.indicator_message.setVisible(False)

    def _init_previous(self) -> None:
        self.previous_box = QFrame(self)
        self.previous_box.setFrameShape(QFrame.Shape.StyledPanel)
        self.previous_title = QLabel("上月填报内容", self.previous_box)
        bold = self.previous_title.font()
        bold.setBold(True)
        self.previous_title.setFont(bold)
        self.previous_text = QTextBrowser(self.previous_box)
        self.previous_text.setOpenLinks(False)
        self.previous_text.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.copy_button = QPushButton("复制上月内容（本任务）", self.previous_box)
        self.copy_button.setToolTip("把上月内容填入本任务中还空着的栏目，已填写的不会被覆盖")
        self.copy_button.clicked.connect(self.copy_previous_requested)
        layout = QVBoxLayout(self.previous_box)
        layout.addWidget(self.previous_title)
        layout.addWidget(self.previous_text, 1)
        layout.addWidget(self.copy_button)

    def _init_layout(self) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status)
        status_row.addStretch(1)
        form.addRow("推进状态", status_row)
        form.addRow("", self.messages["status"])
        for name, label in ENTRY_TEXT_FIELDS.items():
            form.addRow(label, self.edits[name])
            form.addRow("", self.messages[name])
        left = QVBoxLayout()
        left.addWidget(self.title)
        left.addWidget(self.lead)
        left.addWidget(self.policy_toggle, 0, Qt.AlignmentFlag.AlignLeft)
        left.addWidget(self.policy_text)
        left.addLayout(form)
        left.addWidget(self.indicator_label)
        left.addWidget(self.indicator_view)
        left.addWidget(self.indicator_message)
        left.addStretch(1)
        outer = QHBoxLayout(self)
        outer.addLayout(left, 3)
        outer.addWidget(self.previous_box, 1)
        self.previous_box.setMinimumWidth(200)

    # -- showing a task ---------------------------------------------------------------------------------

    def show_task(
        self,
        task: Task,
        entry: TaskEntry | None,
        previous: TaskEntry | None,
        lead_name: str,
        indicators: list[Indicator],
        values: dict[str, IndicatorValue],
        previous_values: dict[str, IndicatorValue],
        year: int,
        read_only: bool,
        unit_code: str = "",
        month: int = 12,
    ) -> None:
        self._task = task
        self._loading = True
        try:
            entry = entry or TaskEntry(task.number)
            self.title.setText(task.heading)
            default = "（默认分工）" if task.assignment_is_default else ""
            self.lead.setText(f"牵头单位：{lead_name}{default}")
            self.policy_text.setText(task.text)
            self.status.setCurrentIndex(max(0, self.status.findData(entry.status)))
            for name, edit in self.edits.items():
                if edit.toPlainText() != getattr(entry, name):
                    edit.setPlainText(getattr(entry, name))
            self.indicator_model.set_rows(indicators, values, previous_values, year, read_only, unit_code, month)
            has_indicators = bool(indicators)
            for widget in (self.indicator_label, self.indicator_view):
                widget.setVisible(has_indicators)
            if has_indicators:
                rows = self.indicator_view.verticalHeader().defaultSectionSize() * (len(indicators) + 1)
                self.indicator_view.setFixedHeight(rows + 6)
                # Tabbing into the table lands on 本期值, where typing starts editing.
                self.indicator_view.setCurrentIndex(self.indicator_model.index(0, 4))
            self.indicator_message.setVisible(False)
            self._show_previous(previous)
            self.set_read_only(read_only)
        finally:
            self._loading = False

    def _show_previous(self, previous: TaskEntry | None) -> None:
        if previous is None or previous.is_empty():
            self.previous_text.setPlainText("上月没有填报这项任务。")
            self.copy_button.setEnabled(False)
            return
        parts = [f"【推进状态】{previous.status or '未选择'}"]
        parts += [
            f"【{label}】{getattr(previous, name)}"
            for name, label in ENTRY_TEXT_FIELDS.items()
            if getattr(previous, name)
        ]
        self.previous_text.setPlainText("\n\n".join(parts))
        self.copy_button.setEnabled(not self._read_only)

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.status.setEnabled(not read_only)
        for edit in self.edits.values():
            edit.setReadOnly(read_only)
        self.copy_button.setEnabled(not read_only and self.previous_text.toPlainText() != "上月没有填报这项任务。")

    @property
    def task(self) -> Task | None:
        return self._task

    def current_entry(self) -> TaskEntry:
        if self._task is None:
            raise RuntimeError("no task shown")
        texts = {name: edit.toPlainText() for name, edit in self.edits.items()}
        return TaskEntry(self._task.number, self.status.currentData() or "", **texts)

    # -- findings ---------------------------------------------------------------------------------------

    def show_issues(self, issues: list[Issue]) -> None:
        """Show each field's findings beneath it: red for errors, amber for warnings."""
        for name, label in self.messages.items():
            mine = [i for i in issues if i.field == name and not i.indicator]
            self._set_message(label, mine)
        indicator_issues = [i for i in issues if i.indicator]
        self._set_message(self.indicator_message, indicator_issues, with_location=True)

    @staticmethod
    def _set_message(label: QLabel, issues: list[Issue], with_location: bool = False) -> None:
        if not issues:
            label.setVisible(False)
            label.clear()
            return
        error = any(i.is_error for i in issues)
        lines = [(f"{i.location}：" if with_location else "") + i.message for i in issues]
        label.setText("\n".join(lines))
        label.setStyleSheet(f"color: {'#a61b1b' if error else '#8a5a00'};")
        label.setVisible(True)

    def focus_field(self, field: str, indicator: str = "") -> None:
        """Put the cursor into a field (used when the clerk clicks a finding)."""
        if indicator:
            for row in range(self.indicator_model.rowCount()):
                if self.indicator_model.indicator_at(row).name == indicator:
                    column = {"value": COL_VALUE, "cumulative": COL_CUMULATIVE, "note": COL_NOTE}.get(field, COL_VALUE)
                    index = self.indicator_model.index(row, column)
                    self.indicator_view.setFocus()
                    self.indicator_view.setCurrentIndex(index)
                    return
        widget = self.status if field == "status" else self.edits.get(field)
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def commit_pending_edit(self) -> None:
        """Commit a table cell still being edited: a keyboard shortcut must not leave its value behind."""
        view = self.indicator_view
        if view.state() == QAbstractItemView.State.EditingState:
            editor = view.focusWidget() or QApplication.focusWidget()
            if editor is not None and view.isAncestorOf(editor):
                view.commitData(editor)
                view.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def focus_first(self) -> None:
        self.status.setFocus(Qt.FocusReason.TabFocusReason)

    # -- slots ------------------------------------------------------------------------------------------

    def _on_policy_toggled(self, shown: bool) -> None:
        self.policy_text.setVisible(shown)
        self.policy_toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)

    def _on_edited(self) -> None:
        if self._loading or self._task is None or self._read_only:
            return
        self.entry_edited.emit(self.current_entry())

    def _on_invalid_indicator(self, message: str) -> None:
        self.indicator_message.setText(message)
        self.indicator_message.setStyleSheet("color: #a61b1b;")
        self.indicator_message.setVisible(True)
