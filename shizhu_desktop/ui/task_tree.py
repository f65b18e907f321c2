"""The unit's tasks grouped by section, each with its fill state (未填 / 已填 / 有警告 / 有错误)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QTreeView

from shizhu_desktop.domain.catalog import Catalog, Section, Task
from shizhu_desktop.services.reporting import FillState

TASK_ROLE = Qt.ItemDataRole.UserRole + 1
_STATE_COLOURS = {
    FillState.EMPTY: "#6b6b6b",
    FillState.FILLED: "#1e6b2e",
    FillState.WARNING: "#8a5a00",
    FillState.ERROR: "#a61b1b",
}
_STATE_MARKS = {FillState.EMPTY: "○", FillState.FILLED: "●", FillState.WARNING: "▲", FillState.ERROR: "✖"}
_NO_PARENT = 0xFFFFFFFF  # internalId of top-level (section) rows
_Index = QModelIndex | QPersistentModelIndex
_icons: dict[FillState, QIcon] = {}


def state_icon(state: FillState) -> QIcon:
    """The state's mark in its colour, as an icon beside the task's name (the name gets the whole width)."""
    if state not in _icons:
        pixmap = QPixmap(32, 32)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        font = QFont()
        font.setPixelSize(26)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor(_STATE_COLOURS[state]))
        painter.drawText(QRect(0, 0, 32, 32), int(Qt.AlignmentFlag.AlignCenter), _STATE_MARKS[state])
        painter.end()
        _icons[state] = QIcon(pixmap)
    return _icons[state]


class TaskTreeModel(QAbstractItemModel):
    """Two levels: sections, then the unit's tasks in them. Column 0 the title with the fill state's mark,
    column 1 the fill state in words (the window shows the mark only, to leave the names their width)."""

    HEADERS = ("重点任务", "填报情况")

    def __init__(self, catalog: Catalog, tasks: list[int], parent: Any = None) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self._sections: list[tuple[Section, list[Task]]] = []
        self._states: dict[int, FillState] = {}
        self.set_tasks(tasks)

    def set_catalog(self, catalog: Catalog, tasks: list[int]) -> None:
        """Show ``tasks`` of ``catalog`` (after a new task list, titles and sections may have changed)."""
        self._catalog = catalog
        self.set_tasks(tasks)

    def set_tasks(self, tasks: list[int]) -> None:
        self.beginResetModel()
        chosen = set(tasks)
        self._sections = [
            (section, [self._catalog.task(n) for n in section.tasks if n in chosen])
            for section in self._catalog.sections
        ]
        self._sections = [(s, ts) for s, ts in self._sections if ts]
        self.endResetModel()

    def set_states(self, states: dict[int, FillState]) -> None:
        self._states = dict(states)
        for row, (_, tasks) in enumerate(self._sections):
            parent = self.index(row, 0)
            if tasks:
                self.dataChanged.emit(self.index(0, 0, parent), self.index(len(tasks) - 1, 1, parent))

    def state(self, task: int) -> FillState:
        return self._states.get(task, FillState.EMPTY)

    def task_index(self, task: int) -> QModelIndex:
        for row, (_, tasks) in enumerate(self._sections):
            for child, t in enumerate(tasks):
                if t.number == task:
                    return self.index(child, 0, self.index(row, 0))
        return QModelIndex()

    def task_numbers(self) -> list[int]:
        return [t.number for _, tasks in self._sections for t in tasks]

    # -- QAbstractItemModel -----------------------------------------------------------------------------

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _NO_PARENT)
        return self.createIndex(row, column, parent.row())

    def parent(self, child: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not child.isValid() or child.internalId() == _NO_PARENT:
            return QModelIndex()
        return self.createIndex(int(child.internalId()), 0, _NO_PARENT)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._sections)
        if parent.column() != 0 or parent.internalId() != _NO_PARENT:
            return 0
        return len(self._sections[parent.row()][1])

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 2

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == _NO_PARENT:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 2:
            return self.HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == _NO_PARENT:
            section = self._sections[index.row()][0]
            if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
                return section.heading
            if role == Qt.ItemDataRole.ToolTipRole:
                return section.heading
            return None
        task = self._sections[int(index.internalId())][1][index.row()]
        state = self.state(task.number)
        if role == Qt.ItemDataRole.DisplayRole:
            return task.heading if index.column() == 0 else f"{_STATE_MARKS[state]} {state.label}"
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 1:
            return QBrush(QColor(_STATE_COLOURS[state]))
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 0:
            return state_icon(state)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{task.heading}（{state.label}）"
        if role == TASK_ROLE:
            return task.number
        return None


class WrappingDelegate(QStyledItemDelegate):
    """Whole task names on as many lines as the list's width needs (a tree view alone would cut them)."""

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self.view = view
        view.header().sectionResized.connect(lambda *_: view.doItemsLayout())

    def initStyleOption(self, option: QStyleOptionViewItem, index: _Index) -> None:
        super().initStyleOption(option, index)
        option.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
        option.textElideMode = Qt.TextElideMode.ElideNone

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        hint = super().sizeHint(option, index)
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        icon = option.decorationSize.width() + 8 if index.data(Qt.ItemDataRole.DecorationRole) is not None else 0
        width = self.view.columnWidth(0) - self.view.indentation() * (depth + 1) - icon - 8
        if width <= 0:
            return hint
        text = str(index.data() or "")
        bounds = option.fontMetrics.boundingRect(QRect(0, 0, width, 100000), int(Qt.TextFlag.TextWordWrap), text)
        return QSize(hint.width(), max(hint.height(), bounds.height() + 6))
