"""报送情况 as a table: expected units × months (or quarters), with the totals rows at the bottom."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from shizhu_desktop.consolidation.timeliness import (
    LATE,
    MISSING,
    NOT_ASSIGNED,
    ON_TIME,
    PENDING,
    TimelinessMatrix,
)

_Index = QModelIndex | QPersistentModelIndex
#: The remarks of a cell (a list of TimelinessCell.flags texts), for the corner mark.
FLAGS_ROLE = Qt.ItemDataRole.UserRole + 1
_BACKGROUNDS = {ON_TIME: "#e3f4e5", LATE: "#fff1d6", MISSING: "#fde2e1", PENDING: "#ffffff", NOT_ASSIGNED: "#f2f2f2"}
#: The totals rows under the units: label and the Totals attribute they show.
TOTAL_ROWS = (("按时", "on_time"), ("逾期报送", "late"), ("未报", "missing"), ("按时率", "rate"))


class TimelinessTableModel(QAbstractTableModel):
    """Column 0 is the unit, then one column per month or quarter."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.matrix: TimelinessMatrix | None = None

    def set_matrix(self, matrix: TimelinessMatrix) -> None:
        self.beginResetModel()
        self.matrix = matrix
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.matrix is None:
            return 0
        return len(self.matrix.rows) + len(TOTAL_ROWS)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.matrix is None:
            return 0
        return 1 + len(self.matrix.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.matrix is None or orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == 0:
                return "单位"
            if 0 < section <= len(self.matrix.columns):
                return self.matrix.columns[section - 1].label
        if role == Qt.ItemDataRole.ToolTipRole and 0 < section <= len(self.matrix.columns):
            due = self.matrix.columns[section - 1].due
            return f"{due.month}月{due.day}日截止"
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        matrix = self.matrix
        if matrix is None or not index.isValid():
            return None
        row, column = index.row(), index.column()
        units = len(matrix.rows)
        if row >= units:
            return self._total(row - units, column, role)
        if column == 0:
            unit = matrix.rows[row].unit
            if role == Qt.ItemDataRole.DisplayRole:
                return unit.name
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{unit.name}（{unit.kind}，{unit.code}）"
            return None
        cell = matrix.cell(row, column - 1)
        if role == Qt.ItemDataRole.DisplayRole:
            if cell.category == LATE:
                return f"逾{cell.days}天"  # short: twelve months side by side on a small screen (tooltip in full)
            return "" if cell.category == PENDING else cell.label
        if role == FLAGS_ROLE:
            # 密钥待确认 / 未签名 / 定稿时间晚于收件: drawn as a corner mark (ui.flag_delegate), said in the tooltip.
            return list(cell.flags)
        if role == Qt.ItemDataRole.ToolTipRole:
            return cell.tooltip
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(_BACKGROUNDS[cell.category]))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _total(self, which: int, column: int, role: int) -> Any:
        assert self.matrix is not None
        label, attribute = TOTAL_ROWS[which]
        if role == Qt.ItemDataRole.FontRole:
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor("#eef1f5"))
        if role == Qt.ItemDataRole.TextAlignmentRole and column:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == 0:
            return label
        totals = self.matrix.column_totals(column - 1)
        if totals.due == 0:
            return ""
        if attribute == "rate":
            rate = totals.on_time_rate
            return "" if rate is None else f"{rate:g}%"
        return str(getattr(totals, attribute))
