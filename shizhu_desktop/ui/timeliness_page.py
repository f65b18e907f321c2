"""The county's 报送情况 page: the year's matrix, and the period's 催报名单 to copy or export."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
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
from shizhu_desktop.consolidation.timeliness import timeliness_matrix
from shizhu_desktop.domain.periods import Period
from shizhu_desktop.domain.report import ReportKind
from shizhu_desktop.services.workspace import Workspace
from shizhu_desktop.ui.timeliness_model import TimelinessTableModel


class TimelinessPage(QWidget):
    def __init__(self, workspace: Workspace, clock: Callable[[], datetime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.clock = clock
        today = clock().date()
        self.year = QSpinBox(self)
        self.year.setRange(2022, 2100)
        self.year.setValue(today.year)
        self.year.setSuffix("年")
        self.kind = QComboBox(self)
        self.kind.addItem("月报（工作推进情况表）", ReportKind.MONTHLY.value)
        self.kind.addItem("季报（工作推进情况报告）", ReportKind.QUARTERLY.value)
        self.legend = QLabel("绿色：按时　黄色：逾期报送　红色：逾期未报　空白：未到截止日", self)
        self.legend.setStyleSheet("color: #555;")
        controls = QHBoxLayout()
        for widget in (QLabel("年份", self), self.year, QLabel("报表", self), self.kind):
            controls.addWidget(widget)
        controls.addStretch(1)
        controls.addWidget(self.legend)
        self.model = TimelinessTableModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

        self.reminder_period = QComboBox(self)
        self.reminder_title = QLabel(self)
        self.reminder_table = QTableWidget(0, 4, self)
        self.reminder_table.setHorizontalHeaderLabels(["单位", "联系人", "联系电话", "情况"])
        self.reminder_table.verticalHeader().setVisible(False)
        self.reminder_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.reminder_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.reminder_table.horizontalHeader().setStretchLastSection(True)
        self.reminders_plain = ""
        self.copy_button = QPushButton("复制名单", self)
        self.copy_button.setToolTip("复制到剪贴板，可直接粘贴到微信、短信或Excel")
        self.export_button = QPushButton("导出Excel…", self)
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        header = QHBoxLayout()
        header.addWidget(QLabel("催报名单", side))
        header.addWidget(self.reminder_period, 1)
        side_layout.addLayout(header)
        side_layout.addWidget(self.reminder_title)
        side_layout.addWidget(self.reminder_table, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.export_button)
        side_layout.addLayout(buttons)
        splitter = QSplitter(self)
        splitter.addWidget(self.table)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(splitter, 1)
        self.year.valueChanged.connect(self.refresh)
        self.kind.currentIndexChanged.connect(self.refresh)
        self.reminder_period.currentIndexChanged.connect(self.refresh_reminders)
        self.copy_button.clicked.connect(self.copy_reminders)
        self.export_button.clicked.connect(self.export_reminders)
        self.refresh()

    @property
    def report_kind(self) -> ReportKind:
        return ReportKind(self.kind.currentData())

    def refresh(self) -> None:
        """Rebuild the matrix (after an import, or a change of year or kind)."""
        matrix = timeliness_matrix(self.workspace, self.year.value(), self.report_kind, self.clock().date())
        self.model.set_matrix(matrix)
        self.table.resizeColumnsToContents()
        current = self.reminder_period.currentData()
        self.reminder_period.blockSignals(True)
        self.reminder_period.clear()
        for column in matrix.columns:
            self.reminder_period.addItem(f"{column.period.year}年{column.label}", str(column.period))
        today = Period.of(self.clock().date())
        wanted = current or str(today.quarter_end() if self.report_kind is ReportKind.QUARTERLY else today)
        index = self.reminder_period.findData(wanted)
        self.reminder_period.setCurrentIndex(index if index >= 0 else 0)
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
        from shizhu_desktop.consolidation.exporting import export_reminders

        period = self._period()
        if period is None:
            return None
        folder = QFileDialog.getExistingDirectory(self, "选择保存催报名单的文件夹", str(Path.home()))
        if not folder:
            return None
        path = export_reminders(self.workspace, period, Path(folder), kind=self.report_kind, today=self.clock().date())
        QMessageBox.information(self, "催报名单", f"已导出：\n{path}")
        return path
