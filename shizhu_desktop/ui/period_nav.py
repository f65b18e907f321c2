"""The month navigator: previous / next month, a month list, and a jump back to this month."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPushButton, QWidget

from shizhu_desktop.domain.periods import Period


class PeriodNavigator(QWidget):
    period_changed = Signal(object)  # Period

    def __init__(self, today: Period, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self._period = today
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.previous_button = QPushButton("◀ 上月", self)
        self.previous_button.setToolTip("上一个月（Ctrl+←）")
        self.combo = QComboBox(self)
        self.combo.setToolTip("选择填报月份")
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.next_button = QPushButton("下月 ▶", self)
        self.next_button.setToolTip("下一个月（Ctrl+→）")
        self.today_button = QPushButton("本月", self)
        self.today_button.setToolTip(f"回到{today.label}的最新版本")
        for widget in (self.previous_button, self.combo, self.next_button, self.today_button):
            layout.addWidget(widget)
        self.previous_button.clicked.connect(lambda: self.set_period(self._period.previous()))
        self.next_button.clicked.connect(lambda: self.set_period(self._period.next()))
        self.today_button.clicked.connect(self.go_to_today)
        self.combo.activated.connect(lambda index: self.set_period(Period.parse(self.combo.itemData(index))))
        self._fill(today)

    @property
    def period(self) -> Period:
        return self._period

    def _fill(self, around: Period) -> None:
        # From January of last year to next month: every period a clerk plausibly opens.
        first = Period(min(around.year, self._today.year) - 1, 1)
        last = max(around, self._today).next()
        self.combo.blockSignals(True)
        self.combo.clear()
        current = first
        while current <= last:
            # Plain strings as item data: Qt compares them by value (Python objects only by identity).
            self.combo.addItem(current.label, str(current))
            current = current.next()
        self.combo.setCurrentIndex(self.combo.findData(str(around)))
        self.combo.blockSignals(False)

    def go_to_today(self) -> None:
        """本月 always answers: even on this month it reloads (e.g. back from an older revision to the latest)."""
        self.set_period(self._today, emit=False)
        self.period_changed.emit(self._today)

    def set_period(self, period: Period, *, emit: bool = True) -> None:
        changed = period != self._period
        self._period = period
        if self.combo.findData(str(period)) < 0:
            self._fill(period)
        self.combo.blockSignals(True)
        self.combo.setCurrentIndex(self.combo.findData(str(period)))
        self.combo.blockSignals(False)
        self.next_button.setEnabled(period < self._today.next())
        if changed and emit:
            self.period_changed.emit(period)
