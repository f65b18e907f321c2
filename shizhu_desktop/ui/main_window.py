"""The main window (minimal for now: the unit, its tasks and this month's deadline)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QLabel, QListWidget, QMainWindow, QVBoxLayout, QWidget

from shizhu_desktop import APP_NAME
from shizhu_desktop.domain.deadlines import deadline_status
from shizhu_desktop.domain.periods import Period
from shizhu_desktop.domain.report import ReportKind, now_china
from shizhu_desktop.services.workspace import Workspace


class MainWindow(QMainWindow):
    #: Emitted once, after the window and the current period's data were first painted.
    painted = Signal()

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self._painted_once = False
        self.setWindowTitle(APP_NAME)
        self.resize(1000, 640)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        self.unit_label = QLabel(central)
        self.deadline_label = QLabel(central)
        self.task_list = QListWidget(central)
        layout.addWidget(self.unit_label)
        layout.addWidget(self.deadline_label)
        layout.addWidget(self.task_list)
        self.setCentralWidget(central)
        self._load()

    def _load(self) -> None:
        profile = self.workspace.profile()
        today = now_china().date()
        period = Period.of(today)
        status = deadline_status(period, ReportKind.MONTHLY, today, calendar=self.workspace.calendar())
        self.deadline_label.setText(status.text)
        if profile is None:
            self.unit_label.setText("尚未设置填报单位。")
            return
        unit = self.workspace.units.by_code(profile.unit_code)
        self.unit_label.setText(f"{unit.name}　联系人：{profile.liaison.name}　{period.label}")
        for number in profile.tasks:
            self.task_list.addItem(self.workspace.catalog.task(number).heading)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted_once:
            self._painted_once = True
            self.painted.emit()
