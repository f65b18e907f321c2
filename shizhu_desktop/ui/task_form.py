"""The form for one task: policy text, 推进状态, the five text fields, indicators, and inline findings."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QBoxLayout,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from shizhu_desktop.domain.catalog import Indicator, Task
from shizhu_desktop.domain.report import ENTRY_TEXT_FIELDS, STATUSES, IndicatorValue, TaskEntry
from shizhu_desktop.domain.validation import Issue, Severity
from shizhu_desktop.ui.indicator_model import COL_CUMULATIVE, COL_NOTE, COL_VALUE, IndicatorTableModel
from shizhu_desktop.ui.indicator_table import IndicatorTableView
from shizhu_desktop.ui.previous_panel import PreviousPanel
from shizhu_desktop.ui.widgets import Heading, show_focus

PLACEHOLDER_STATUS = "请选择"  # no full-width brackets: Qt under-measures them and cut the text
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
    #: A finding to bring into view (the window scrolls to it): the label showing it.
    attention_needed = Signal(QWidget)

    #: Side by side only when the form is at least this many characters wide; above it otherwise.
    SIDE_BY_SIDE_CHARS = 56

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._task: Task | None = None
        self._loading = False
        self._read_only = False
        self._init_header()
        self._init_fields()
        self._init_indicators()
        self.previous = PreviousPanel(self)
        self.previous.copy_requested.connect(self.copy_previous_requested)
        self.previous_text = self.previous.text
        self.copy_button = self.previous.copy_button
        self._init_layout()

    # -- construction -----------------------------------------------------------------------------------

    def _init_header(self) -> None:
        self.title = Heading("", self, factor=1.25)
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
        # As wide as its longest choice at the font of the moment (a fixed width would cut 字号 特大).
        self.status.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        show_focus(self.status)
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
            show_focus(edit)
            self.edits[name] = edit
        self.edits["remarks"].set_lines(2)

    def _init_indicators(self) -> None:
        self.indicator_model = IndicatorTableModel(self)
        self.indicator_model.value_edited.connect(self.indicator_edited)
        self.indicator_view = IndicatorTableView(self)
        self.indicator_view.setModel(self.indicator_model)
        self.indicator_view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.indicator_view.message_shown.connect(self._on_invalid_indicator)
        self.indicator_view.entered.connect(lambda: self.attention_needed.emit(self.indicator_view))
        show_focus(self.indicator_view)
        self.indicator_label = QLabel("指标完成情况（在“本期值”“累计值”“说明”格中直接输入，随输随存）", self)
        self.indicator_label.setWordWrap(True)
        self.indicator_message = QLabel(self)
        self.indicator_message.setWordWrap(True)
        self.indicator_message.setVisible(False)

    def _init_layout(self) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status)
        status_row.addStretch(1)
        form.addRow("推进状态", status_row)
        form.addRow("", self.messages["status"])
        for name, label in ENTRY_TEXT_FIELDS.items():
            form.addRow(label, self.edits[name])
            form.addRow("", self.messages[name])
        fields = QVBoxLayout()
        fields.setContentsMargins(0, 0, 0, 0)
        fields.addLayout(form)
        fields.addWidget(self.indicator_label)
        fields.addWidget(self.indicator_view)
        fields.addWidget(self.indicator_message)
        fields.addStretch(1)
        # Wide: the fields, then last month on the right. Narrow: BottomToTop puts last month above the fields.
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.body.addLayout(fields, 3)
        self.body.addWidget(self.previous, 1)
        outer = QVBoxLayout(self)
        outer.addWidget(self.title)
        outer.addWidget(self.lead)
        outer.addWidget(self.policy_toggle, 0, Qt.AlignmentFlag.AlignLeft)
        outer.addWidget(self.policy_text)
        outer.addLayout(self.body, 1)
        self.previous.setMinimumWidth(160)
        self._side_by_side = True

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._reflow(event.size().width())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._reflow(self.width())

    def _reflow(self, width: int) -> None:
        side = width >= self.fontMetrics().horizontalAdvance("中") * self.SIDE_BY_SIDE_CHARS
        if side == self._side_by_side:
            return
        self._side_by_side = side
        direction = QBoxLayout.Direction.LeftToRight if side else QBoxLayout.Direction.BottomToTop
        self.body.setDirection(direction)
        self.body.setStretch(0, 3 if side else 1)
        self.body.setStretch(1, 1 if side else 0)
        self.previous.set_compact(not side)

    @property
    def side_by_side(self) -> bool:
        return self._side_by_side

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
        report_key: object = None,
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
            self.indicator_model.set_rows(
                indicators, values, previous_values, year, read_only, report_key, unit_code, month
            )
            has_indicators = bool(indicators)
            for widget in (self.indicator_label, self.indicator_view):
                widget.setVisible(has_indicators)
            if has_indicators:
                # Tabbing into the table lands on 本期值, where typing starts editing.
                self.indicator_view.setCurrentIndex(self.indicator_model.index(0, COL_VALUE))
            self.indicator_message.setVisible(False)
            self.previous.show_entry(previous)
            self.set_read_only(read_only)
        finally:
            self._loading = False

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.status.setEnabled(not read_only)
        for edit in self.edits.values():
            edit.setReadOnly(read_only)
        self.previous.set_read_only(read_only)

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
        indicator_issues = [i for i in issues if i.indicator] + self.typed_problems(only_shown=True)
        self._set_message(self.indicator_message, indicator_issues, with_location=True)

    def typed_problems(self, only_shown: bool = False) -> list[Issue]:
        """Figures typed that are not numbers (kept on screen, not saved): errors until corrected."""
        problems = self.indicator_model.typed_problems()
        if only_shown and self._task is not None:
            problems = [p for p in problems if p.indicator.task == self._task.number]
        return [
            Issue(
                Severity.ERROR,
                f"填写的“{p.text}”不是数字，没有保存：请改正。",
                p.indicator.task,
                p.field,
                p.indicator.name,
            )
            for p in problems
        ]

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
                    self.attention_needed.emit(self.indicator_view)
                    return
        widget = self.status if field == "status" else self.edits.get(field)
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            self.attention_needed.emit(widget)

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
        if not message:
            self.indicator_message.setVisible(False)
            return
        self.indicator_message.setText(message)
        self.indicator_message.setStyleSheet("color: #a61b1b;")
        self.indicator_message.setVisible(True)
        self.attention_needed.emit(self.indicator_message)
