"""The county's 报送情况 page: the year's matrix (double-click to read a report) and the 催报名单."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shizhu_desktop.consolidation.reminders import reminder_list, reminders_text
from shizhu_desktop.consolidation.timeliness import TimelinessColumn, timeliness_matrix
from shizhu_desktop.domain.periods import Period
from shizhu_desktop.domain.report import ReportKind
from shizhu_desktop.services.workspace import Workspace
from shizhu_desktop.ui import messages
from shizhu_desktop.ui.flag_delegate import FlagDelegate
from shizhu_desktop.ui.folders import FolderMemory
from shizhu_desktop.ui.timeliness_model import TimelinessTableModel


def newest_overdue(columns: tuple[TimelinessColumn, ...], today: date) -> Period | None:
    """The latest period whose deadline has passed: the one worth chasing (not a month not yet due)."""
    due = [c.period for c in columns if c.due < today]
    return due[-1] if due else None


class TimelinessPage(QWidget):
    #: Side by side when the page is at least this many characters wide; the 催报名单 under the matrix otherwise.
    SIDE_BY_SIDE_CHARS = 70

    def __init__(
        self,
        workspace: Workspace,
        clock: Callable[[], datetime],
        parent: QWidget | None = None,
        folders: FolderMemory | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.clock = clock
        self.folders = folders or FolderMemory(workspace.settings)
        today = clock().date()
        self.year = QSpinBox(self)
        self.year.setRange(2022, 2100)
        self.year.setValue(today.year)
        self.year.setSuffix("年")
        self.kind = QComboBox(self)
        self.kind.addItem("月报（工作推进情况表）", ReportKind.MONTHLY.value)
        self.kind.addItem("季报（工作推进情况报告）", ReportKind.QUARTERLY.value)
        self.legend = QLabel(
            "按收件日期计算。绿：按时　黄：逾期报送　红：逾期未报　空白：未到截止日。格子右上角橙色三角：密钥待确认；"
            "红色三角：未签名或定稿时间晚于收件（鼠标停留看详情）。双击格子查看该单位的报表。",
            self,
        )
        self.legend.setStyleSheet("color: #555;")
        self.legend.setWordWrap(True)
        controls = QHBoxLayout()
        for widget in (QLabel("年份", self), self.year, QLabel("报表", self), self.kind):
            controls.addWidget(widget)
        controls.addWidget(self.legend, 1)
        self.model = TimelinessTableModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setItemDelegate(FlagDelegate(self.table))
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.horizontalHeader().setMinimumSectionSize(24)
        self.table.doubleClicked.connect(self.open_cell)
        self.table.activated.connect(self.open_cell)
        self._init_reminders()
        self.splitter = QSplitter(self)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.splitter, 1)
        self.year.valueChanged.connect(self.refresh)
        self.kind.currentIndexChanged.connect(self.refresh)
        self.reminder_period.currentIndexChanged.connect(self.refresh_reminders)
        self.copy_button.clicked.connect(self.copy_reminders)
        self.export_button.clicked.connect(self.export_reminders)
        self.refresh()

    def _init_reminders(self) -> None:
        self.reminder_period = QComboBox(self)
        self.reminder_title = QLabel(self)
        self.reminder_title.setWordWrap(True)
        self.reminder_table = QTableWidget(0, 4, self)
        self.reminder_table.setHorizontalHeaderLabels(["单位", "联系人", "联系电话", "情况"])
        self.reminder_table.verticalHeader().setVisible(False)
        self.reminder_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.reminder_table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.reminder_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.reminders_plain = ""
        self.copy_button = QPushButton("复制名单", self)
        self.copy_button.setToolTip("复制到剪贴板，可直接粘贴到微信、短信或Excel")
        self.export_button = QPushButton("导出Excel…", self)
        self.side = QWidget(self)
        side_layout = QVBoxLayout(self.side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        header = QHBoxLayout()
        header.addWidget(QLabel("催报名单", self.side))
        header.addWidget(self.reminder_period, 1)
        side_layout.addLayout(header)
        side_layout.addWidget(self.reminder_title)
        side_layout.addWidget(self.reminder_table, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        side_layout.addLayout(buttons)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        wide = event.size().width() >= self.fontMetrics().horizontalAdvance("中") * self.SIDE_BY_SIDE_CHARS
        orientation = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self.splitter.orientation() != orientation:
            self.splitter.setOrientation(orientation)

    @property
    def report_kind(self) -> ReportKind:
        return ReportKind(self.kind.currentData())

    def refresh(self) -> None:
        """Rebuild the matrix (after an import, or a change of year or kind)."""
        today = self.clock().date()
        matrix = timeliness_matrix(self.workspace, self.year.value(), self.report_kind, today)
        self.model.set_matrix(matrix)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)  # the months share the width
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        current = self.reminder_period.currentData()
        self.reminder_period.blockSignals(True)
        self.reminder_period.clear()
        for column in matrix.columns:
            self.reminder_period.addItem(f"{column.period.year}年{column.label}", str(column.period))
        default = newest_overdue(matrix.columns, today)
        for wanted in (current, str(default) if default else None):
            index = self.reminder_period.findData(wanted) if wanted else -1
            if index >= 0:
                break
        self.reminder_period.setCurrentIndex(max(index, 0))
        self.reminder_period.blockSignals(False)
        self.refresh_reminders()

    def _period(self) -> Period | None:
        data = self.reminder_period.currentData()
        return Period.parse(data) if data else None

    def refresh_reminders(self) -> None:
        period = self._period()
        if period is None:
            return
        reminders = reminder_list(self.workspace, period, self.report_kind, self.clock().date())
        overdue = sum(1 for r in reminders if r.is_overdue)
        self.reminder_title.setText(
            f"尚未报送{len(reminders)}个单位，其中已逾期{overdue}个。" if reminders else "全部单位均已报送。"
        )
        self.reminders_plain = reminders_text(reminders)
        self.reminder_table.setRowCount(len(reminders))
        for row, reminder in enumerate(reminders):
            for column, text in enumerate(reminder.fields):
                item = QTableWidgetItem(text or "（未知）")
                item.setToolTip(text)
                if column == 3 and reminder.is_overdue:
                    item.setForeground(QColor("#a61b1b"))
                self.reminder_table.setItem(row, column, item)
        self.copy_button.setEnabled(bool(reminders))
        self.export_button.setEnabled(bool(reminders))

    def copy_reminders(self) -> None:
        QApplication.clipboard().setText(self.reminders_plain)
        self.reminder_title.setText(self.reminder_title.text() + "（已复制）")

    def export_reminders(self) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        from shizhu_desktop.consolidation.exporting import export_reminders
        from shizhu_desktop.ui.file_outcome import written_box

        period = self._period()
        if period is None:
            return None
        folder = QFileDialog.getExistingDirectory(self, "选择保存催报名单的文件夹", self.folders.start("export"))
        if not folder:
            return None
        self.folders.remember("export", folder)
        try:
            path = export_reminders(
                self.workspace, period, Path(folder), kind=self.report_kind, today=self.clock().date()
            )
        except OSError as exc:
            messages.warn(
                self, "催报名单", f"无法写入文件：{exc.strerror or exc}。请换一个文件夹，或关闭打开它的程序。"
            )
            return None
        written_box(self, f"已导出催报名单：\n{path}", path)
        return path

    # -- one unit's report ------------------------------------------------------------------------------

    def open_cell(self, index: QModelIndex) -> None:
        """Double-click (or Enter) on a cell: that unit's report for that period, read-only, every revision."""
        matrix = self.model.matrix
        if matrix is None or not index.isValid() or index.column() == 0 or index.row() >= len(matrix.rows):
            return
        unit = matrix.rows[index.row()].unit
        column = matrix.columns[index.column() - 1]
        summaries = self.workspace.reports.summaries(unit.code, column.period, matrix.kind)
        if not summaries:
            what = f"{column.period.year}年{column.label}"
            messages.inform(self, "报送情况", f"还没有收到{unit.name}{what}的{matrix.kind.short_label}。")
            return
        from shizhu_desktop.ui.report_viewer import ReportViewer

        ReportViewer(self.workspace, summaries, self).exec()
