"""A searchable list of units grouped 街道 / 镇 / 乡 / 县级部门; Enter chooses, it never closes the dialog."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from shizhu_desktop.domain.units import Unit, UnitRegistry

UNIT_ROLE = Qt.ItemDataRole.UserRole + 1


_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class UnitPicker(QWidget):
    unit_chosen = Signal(object)  # Unit
    #: Enter on a unit: the clerk is done choosing (the dialog moves on to the next field).
    confirmed = Signal()

    def __init__(self, units: UnitRegistry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("输入单位名称或代码查找，例如“南宾”或“500240001”")
        self.search.setClearButtonEnabled(True)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.tree)
        self._items: dict[str, QTreeWidgetItem] = {}
        self._groups: dict[QTreeWidgetItem, list[QTreeWidgetItem]] = {}
        for kind, members in units.grouped().items():
            group = QTreeWidgetItem(self.tree, [f"{kind}（{len(members)}个）"])
            self._groups[group] = []
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for unit in members:
                item = QTreeWidgetItem(group, [f"{unit.name}　{unit.code}"])
                item.setData(0, UNIT_ROLE, unit)
                self._items[unit.code] = item
                self._groups[group].append(item)
            group.setExpanded(True)
        self.search.textChanged.connect(self._filter)
        self.tree.currentItemChanged.connect(self._on_current)
        self.tree.itemActivated.connect(lambda item, _column: self._confirm(item))
        # Enter belongs to the picker: in a dialog it would otherwise press 保存.
        self.search.installEventFilter(self)
        self.tree.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and event.key() in _ENTER:
            if watched is self.search:
                self._choose_first_match()
            elif watched is self.tree:
                self._confirm(self.tree.currentItem())
            return True
        return super().eventFilter(watched, event)

    def _filter(self, text: str) -> None:
        key = text.strip()
        for group, children in self._groups.items():
            visible = 0
            for child in children:
                unit: Unit = child.data(0, UNIT_ROLE)
                match = not key or key in unit.name or unit.code.startswith(key)
                child.setHidden(not match)
                visible += match
            group.setHidden(visible == 0)

    def _visible_units(self) -> list[QTreeWidgetItem]:
        return [item for item in self._items.values() if not item.isHidden()]

    def _choose_first_match(self) -> None:
        """Enter in the search box: the only (or first) unit found is chosen; with several, the list takes
        the focus so the arrow keys can pick another."""
        visible = self._visible_units()
        if not visible:
            return
        self.tree.setCurrentItem(visible[0])
        self.tree.scrollToItem(visible[0])
        if len(visible) == 1:
            self.confirmed.emit()
        else:
            self.tree.setFocus()

    def _confirm(self, item: QTreeWidgetItem | None) -> None:
        if item is not None and item.data(0, UNIT_ROLE) is not None:
            self.confirmed.emit()

    def _on_current(self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        unit = current.data(0, UNIT_ROLE) if current is not None else None
        if unit is not None:
            self.unit_chosen.emit(unit)

    def select(self, code: str) -> None:
        item = self._items.get(code)
        if item is not None:
            self.tree.setCurrentItem(item)
            self.tree.scrollToItem(item)

    def selected(self) -> Unit | None:
        item = self.tree.currentItem()
        return item.data(0, UNIT_ROLE) if item is not None else None
