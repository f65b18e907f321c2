"""A new target of an indicator (a year's or a span's), and each unit's share of it (分解到单位)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from shizhu_desktop.domain.catalog import COMPARATORS, Target
from shizhu_desktop.domain.units import Unit


class TargetDialog(QDialog):
    """Adds a target to an indicator, e.g. 2027年 新建美丽宜居乡村 6个, shared among the task's units."""

    def __init__(
        self, indicator_name: str, unit: str, parent: QWidget | None = None, units: Sequence[Unit] = ()
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"新增目标：{indicator_name}")
        self.units = list(units)
        self.value = QDoubleSpinBox(self)
        self.value.setRange(0, 10**9)
        self.value.setDecimals(2)
        self.value.setSuffix(f" {unit}" if unit else "")
        self.comparator = QComboBox(self)
        for key, label in COMPARATORS.items():
            if key != "qualitative":
                self.comparator.addItem(label, key)
        self.yearly = QCheckBox("年度目标（只管当年）", self)
        self.yearly.setChecked(True)
        self.start_year = QSpinBox(self)
        self.start_year.setRange(2021, 2100)
        self.start_year.setValue(2027)
        self.end_year = QSpinBox(self)
        self.end_year.setRange(2021, 2100)
        self.end_year.setValue(2027)
        self.yearly.toggled.connect(self._on_yearly)
        self.start_year.valueChanged.connect(self._on_start_changed)
        self._on_yearly(True)
        self.text = QLineEdit(self)
        self.text.setPlaceholderText("文件中的表述，例如：2027年新建美丽宜居乡村6个")
        form = QFormLayout(self)
        form.addRow("比较", self.comparator)
        form.addRow("目标值", self.value)
        form.addRow("", self.yearly)
        form.addRow("起始年", self.start_year)
        form.addRow("目标年", self.end_year)
        form.addRow("表述", self.text)
        self.shares = QTableWidget(len(self.units), 2, self)
        if self.units:
            self._init_shares(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("添加")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _init_shares(self, form: QFormLayout) -> None:
        self.shares.setHorizontalHeaderLabels(["单位", "分解目标"])
        self.shares.verticalHeader().setVisible(False)
        self.shares.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for row, unit in enumerate(self.units):
            self.shares.setItem(row, 0, QTableWidgetItem(unit.name))
            self.shares.setItem(row, 1, QTableWidgetItem(""))
        even = QPushButton("平均分解", self)
        even.clicked.connect(self.share_evenly)
        self.share_total = QLabel(self)
        self.shares.itemChanged.connect(lambda _item: self._show_total())
        tools = QHBoxLayout()
        tools.addWidget(even)
        tools.addWidget(self.share_total, 1)
        form.addRow("分解到单位", self.shares)
        form.addRow("", tools)

    def _on_start_changed(self, year: int) -> None:
        if self.yearly.isChecked():
            self.end_year.setValue(year)

    def _on_yearly(self, yearly: bool) -> None:
        self.end_year.setEnabled(not yearly)
        if yearly:
            self.end_year.setValue(self.start_year.value())

    def share_evenly(self) -> None:
        """The value split evenly (whole numbers for a count: the remainder to the first units)."""
        count = len(self.units)
        total = self.value.value()
        whole = total.is_integer()
        base = int(total // count) if whole else round(total / count, 2)
        extra = int(total - base * count) if whole else 0
        for row in range(count):
            share = base + (1 if row < extra else 0) if whole else base
            # A unit with no share this year stays blank: it is then compared with no target, not with 0.
            self.shares.setItem(row, 1, QTableWidgetItem(f"{share:g}" if share else ""))

    def _show_total(self) -> None:
        total = sum(v for v in self.share_values().values())
        self.share_total.setText(f"分解合计 {total:g}，目标值 {self.value.value():g}")

    def share_values(self) -> dict[str, float]:
        """Unit code → share, for the rows with a number (blank: no share for that unit)."""
        shares = {}
        for row, unit in enumerate(self.units):
            item = self.shares.item(row, 1)
            text = item.text().strip() if item is not None else ""
            try:
                value = float(text)
            except ValueError:
                continue
            if value >= 0:
                shares[unit.code] = value
        return shares

    def target(self) -> Target:
        end, start = self.end_year.value(), self.start_year.value()
        text = self.text.text().strip() or f"到{end}年{self.comparator.currentText()}{self.value.value():g}"
        shares = tuple(sorted(self.share_values().items()))
        return Target(self.value.value(), self.comparator.currentData(), text, end, min(start, end), False, shares)
