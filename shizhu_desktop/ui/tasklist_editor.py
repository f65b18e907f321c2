"""The county's task-list editor: a task's title, measures, lead and responsible units, indicator targets."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from shizhu_desktop.domain.catalog import COMPARATORS, Catalog
from shizhu_desktop.services.tasklist import TaskListError, edit_task, publish_catalog, set_targets
from shizhu_desktop.services.workspace import Workspace
from shizhu_desktop.ui.target_dialog import TargetDialog
from shizhu_desktop.ui.unit_measures_dialog import UnitMeasuresDialog

__all__ = ["TargetDialog", "TaskListEditor"]

UNIT_ROLE = Qt.ItemDataRole.UserRole + 1


class TaskListEditor(QDialog):
    """Edits a working copy of the catalog; 发布 makes it the list in force on this PC (to export and send)."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.catalog: Catalog = workspace.catalog
        self.published: list[str] | None = None
        self._number: int | None = None
        self.setWindowTitle("编辑重点任务清单")
        self.resize(1000, 640)
        self.tasks = QListWidget(self)
        for task in self.catalog.tasks:
            item = QListWidgetItem(task.heading, self.tasks)
            item.setData(Qt.ItemDataRole.UserRole, task.number)
        self.title = QLineEdit(self)
        self.lead = QComboBox(self)
        self.units = QListWidget(self)
        for unit in workspace.units:
            self.lead.addItem(unit.name, unit.code)
            item = QListWidgetItem(unit.name, self.units)
            item.setData(UNIT_ROLE, unit.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.measures = QPlainTextEdit(self)
        self.measures.setPlaceholderText("每行一项具体举措")
        self.indicators = QListWidget(self)
        self.add_target = QPushButton("为所选指标新增目标并分解到单位…", self)
        self.add_target.clicked.connect(self._on_add_target)
        self.unit_measures = QPushButton("各单位显示哪些举措…", self)
        self.unit_measures.setToolTip(
            "月报“具体举措”一栏只印与本单位有关的举措：可按乡镇（街道）、县级部门或单个单位设定"
        )
        self.unit_measures.clicked.connect(self._on_unit_measures)
        form = QFormLayout()
        form.addRow("任务名称", self.title)
        form.addRow("牵头单位", self.lead)
        form.addRow("责任单位", self.units)
        form.addRow("具体举措", self.measures)
        form.addRow("", self.unit_measures)
        form.addRow("指标与目标", self.indicators)
        form.addRow("", self.add_target)
        right = QWidget(self)
        right.setLayout(form)
        splitter = QSplitter(self)
        splitter.addWidget(self.tasks)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 3)
        self.version = QLabel(f"当前版本：{self.catalog.version}。修改后点“发布新版本”，再导出下发给各单位。", self)
        self.publish = QPushButton("发布新版本", self)
        close = QPushButton("关闭", self)
        bottom = QHBoxLayout()
        bottom.addWidget(self.version, 1)
        bottom.addWidget(self.publish)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        self.tasks.currentRowChanged.connect(self._on_task_changed)
        self.publish.clicked.connect(self.publish_changes)
        close.clicked.connect(self.reject)
        self.tasks.setCurrentRow(0)

    # -- one task ---------------------------------------------------------------------------------------

    def _on_task_changed(self, row: int) -> None:
        self.keep_edits()
        if row < 0:
            return
        task = self.catalog.tasks[row]
        self._number = task.number
        self.title.setText(task.title)
        self.lead.setCurrentIndex(self.lead.findData(task.lead_unit))
        chosen = set(task.responsible_units)
        for index in range(self.units.count()):
            item = self.units.item(index)
            checked = item.data(UNIT_ROLE) in chosen
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.measures.setPlainText("\n".join(task.measures))
        self._show_indicators(task.number)

    def _show_indicators(self, number: int) -> None:
        self.indicators.clear()
        for indicator in self.catalog.indicators_for_task(number):
            targets = "；".join(f"{t.year_label}{COMPARATORS[t.comparator]}{t.value or ''}" for t in indicator.targets)
            item = QListWidgetItem(f"{indicator.name}（{indicator.unit}）：{targets}", self.indicators)
            item.setData(Qt.ItemDataRole.UserRole, indicator.id)
        self.add_target.setEnabled(self.indicators.count() > 0)
        self.indicators.setCurrentRow(0)

    def keep_edits(self) -> None:
        """Fold the form's edits of the shown task into the working catalog."""
        if self._number is None:
            return
        task = self.catalog.task(self._number)
        units = tuple(
            self.units.item(i).data(UNIT_ROLE)
            for i in range(self.units.count())
            if self.units.item(i).checkState() == Qt.CheckState.Checked
        )
        measures = tuple(line.strip() for line in self.measures.toPlainText().splitlines() if line.strip())
        changes = {
            "title": self.title.text().strip() or task.title,
            "lead_unit": self.lead.currentData(),
            "responsible_units": units,
            "measures": measures,
        }
        current = {
            "title": task.title,
            "lead_unit": task.lead_unit,
            "responsible_units": task.responsible_units,
            "measures": task.measures,
        }
        different = {k: v for k, v in changes.items() if v != current[k]}
        if different:
            self.catalog = edit_task(self.catalog, self._number, **different)

    def _on_add_target(self) -> None:
        item = self.indicators.currentItem()
        if item is None:
            return
        indicator = self.catalog.indicator(item.data(Qt.ItemDataRole.UserRole))
        task = self.catalog.task(indicator.task)
        codes = [task.lead_unit, *task.responsible_units] if indicator.scope == "units" else []
        units = [u for u in self.workspace.units if u.code in codes]
        dialog = TargetDialog(indicator.name, indicator.unit, self, units)
        if dialog.exec():
            self.catalog = set_targets(self.catalog, indicator.id, [*indicator.targets, dialog.target()])
            if self._number is not None:
                self._show_indicators(self._number)

    def _on_unit_measures(self) -> None:
        self.keep_edits()
        if self._number is None:
            return
        task = self.catalog.task(self._number)
        dialog = UnitMeasuresDialog(task, list(self.workspace.units), self)
        if dialog.exec():
            self.catalog = edit_task(self.catalog, task.number, unit_measures=dialog.unit_measures())

    # -- publishing -------------------------------------------------------------------------------------

    def publish_changes(self) -> list[str] | None:
        self.keep_edits()
        try:
            changes = publish_catalog(self.workspace, self.catalog)
        except TaskListError as exc:
            QMessageBox.warning(self, "发布任务清单", str(exc))
            return None
        self.catalog = self.workspace.catalog
        self.published = changes
        self.version.setText(f"已发布版本 {self.catalog.version}。请用“文件 → 导出重点任务清单”导出后下发各单位。")
        QMessageBox.information(self, "发布任务清单", "\n".join(changes) or "内容没有变化。")
        return changes
