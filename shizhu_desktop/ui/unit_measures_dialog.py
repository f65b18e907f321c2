"""Which of a task's measures each unit's monthly table prints: for all townships, all departments, or one unit."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shizhu_desktop.domain.catalog import DEPARTMENT_GROUP, TOWNSHIP_GROUP, Task
from shizhu_desktop.domain.units import Unit


class UnitMeasuresDialog(QDialog):
    """Ticks the measures shown to the chosen group or unit; none ticked: the default (those naming the unit)."""

    def __init__(self, task: Task, units: list[Unit], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{task.heading}：各单位显示的具体举措")
        self.resize(720, 520)
        self.task = task
        self.chosen: dict[str, tuple[int, ...]] = dict(task.unit_measures)
        self.who = QComboBox(self)
        self.who.addItem("全部乡镇（街道）", TOWNSHIP_GROUP)
        self.who.addItem("全部县级部门", DEPARTMENT_GROUP)
        for unit in units:
            if task.involves(unit.code):
                self.who.addItem(unit.name, unit.code)
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        for number, measure in enumerate(task.measures, 1):
            item = QListWidgetItem(f"{number}．{measure}", self.list)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setData(Qt.ItemDataRole.UserRole, number)
        note = QLabel("单个单位的设定优先于所属类别；都不勾选时，显示提到该单位名称的举措（没有则显示第一条）。", self)
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.who)
        layout.addWidget(self.list, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self._key = str(self.who.currentData())
        self.who.currentIndexChanged.connect(self._on_who_changed)
        self._show(self._key)

    def _show(self, key: str) -> None:
        ticked = set(self.chosen.get(key, ()))
        for row in range(self.list.count()):
            item = self.list.item(row)
            state = Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in ticked else Qt.CheckState.Unchecked
            item.setCheckState(state)

    def _keep(self) -> None:
        numbers = tuple(
            int(self.list.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.list.count())
            if self.list.item(row).checkState() == Qt.CheckState.Checked
        )
        if numbers:
            self.chosen[self._key] = numbers
        else:
            self.chosen.pop(self._key, None)

    def _on_who_changed(self, _index: int) -> None:
        self._keep()
        self._key = str(self.who.currentData())
        self._show(self._key)

    def unit_measures(self) -> tuple[tuple[str, tuple[int, ...]], ...]:
        self._keep()
        return tuple(sorted(self.chosen.items()))
