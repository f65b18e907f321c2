"""One task's indicators as an editable table: own target, figures, completion and 序时进度."""

# A figure is saved while it is typed (``stage``), like the text fields; text that is not a number is kept on
# screen, marked, and never saved, until the clerk corrects it.

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from shizhu_desktop.domain.catalog import COMPARATORS, Indicator
from shizhu_desktop.domain.report import IndicatorValue
from shizhu_desktop.domain.targets import missing_target_cell, missing_target_reason, time_progress
from shizhu_desktop.domain.validation import NumberError, parse_number

_Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("指标", "单位", "目标", "上期值", "本期值", "累计值", "完成率", "序时进度", "说明")
COL_VALUE, COL_CUMULATIVE, COL_NOTE = 4, 5, 8
COL_COMPLETION, COL_PACE = 6, 7
EDITABLE = {COL_VALUE: "value", COL_CUMULATIVE: "cumulative", COL_NOTE: "note"}
#: The start of a number being typed ("-", "+", "."): not yet wrong, not yet a number.
_UNFINISHED = re.compile(r"[+\-－＋]?[.．]?")
_WRONG_BACKGROUND = QColor("#fde2e1")
_ANSWERED_ROLES = frozenset(
    (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.EditRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.TextAlignmentRole,
    )
)


def format_number(value: float | None) -> str:
    """Every digit the clerk typed: the cell is also the editor, and rounding here would round the value."""
    if value is None:
        return ""
    number = float(value)
    if number.is_integer():
        return str(int(number))
    # The shortest text that reads back as the same number (1234567.25, never 1.23457e+06), written out in full.
    text = repr(number)
    if "e" in text:
        from decimal import Decimal  # only for very small or very large figures

        text = format(Decimal(text), "f")
    return text


class TypedText:
    """Text typed into a figure cell that is not a number: kept on screen, never saved."""

    def __init__(self, indicator: Indicator, field: str, text: str, message: str) -> None:
        self.indicator, self.field, self.text, self.message = indicator, field, text, message


class IndicatorTableModel(QAbstractTableModel):
    value_edited = Signal(object)  # IndicatorValue
    invalid_input = Signal(str)  # a Chinese message for text that is not a number

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._indicators: list[Indicator] = []
        self._values: dict[str, IndicatorValue] = {}
        self._previous: dict[str, IndicatorValue] = {}
        self._year = 2026
        self._read_only = False
        #: Whose figures these are and the report's month: the unit's own target, and 序时进度 at that month.
        self._unit_code = ""
        self._month = 12
        #: Wrong figures by (indicator id, field), kept while the same report is shown (across its tasks).
        self._typed: dict[tuple[str, str], TypedText] = {}
        self._report_key: object = None

    def set_rows(
        self,
        indicators: list[Indicator],
        values: dict[str, IndicatorValue],
        previous: dict[str, IndicatorValue],
        year: int,
        read_only: bool,
        report_key: object = None,
        unit_code: str = "",
        month: int = 12,
    ) -> None:
        self.beginResetModel()
        self._unit_code, self._month = unit_code, month
        if report_key != self._report_key or read_only:
            self._typed.clear()
        self._report_key = report_key
        self._indicators = list(indicators)
        self._values = {k: replace(v) for k, v in values.items()}
        self._previous = dict(previous)
        self._year = year
        self._read_only = read_only
        self.endResetModel()

    def indicator_at(self, row: int) -> Indicator:
        return self._indicators[row]

    def value_of(self, indicator: str) -> IndicatorValue:
        return self._values.get(indicator) or IndicatorValue(indicator)

    def typed_problems(self) -> list[TypedText]:
        """Figures typed that are not numbers, in this report (they block 定稿 until corrected)."""
        return list(self._typed.values())

    def typed_text(self, index: _Index) -> TypedText | None:
        if not index.isValid() or index.column() not in EDITABLE:
            return None
        return self._typed.get((self._indicators[index.row()].id, EDITABLE[index.column()]))

    # -- Qt model ---------------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._indicators)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return str(section + 1)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in EDITABLE and not self._read_only:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Sizing a table to its contents asks every cell for every role, thousands of times at start-up: roles
        # this model never answers are turned away before anything is looked up (issue 13).
        if not index.isValid() or role not in _ANSWERED_ROLES:
            return None
        indicator = self._indicators[index.row()]
        value = self.value_of(indicator.id)
        column = index.column()
        typed = self.typed_text(index)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return typed.text if typed else self._text(indicator, value, column)
        if typed is not None and role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(_WRONG_BACKGROUND)
        if typed is not None and role == Qt.ItemDataRole.ToolTipRole:
            return typed.message
        if role == Qt.ItemDataRole.ToolTipRole:
            target = indicator.unit_target(self._year, self._unit_code)
            goal = target.text if target else missing_target_reason(indicator, self._year, self._unit_code)
            return f"{indicator.name}\n目标：{goal}\n范围：{'本单位填报' if indicator.scope == 'units' else '全县数'}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (3, 4, 5, COL_COMPLETION, COL_PACE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, indicator: Indicator, value: IndicatorValue, column: int) -> str:
        if column == 0:
            return indicator.name
        if column == 1:
            return indicator.unit
        if column == 2:
            # The unit's own target (its share), never the whole county's; without one, why there is none.
            target = indicator.unit_target(self._year, self._unit_code)
            if target is None:
                return missing_target_cell(indicator, self._year, self._unit_code)
            if target.value is None:
                return target.text
            return f"{COMPARATORS[target.comparator]}{format_number(target.value)}（{target.year_label}）"
        if column == 3:
            previous = self._previous.get(indicator.id)
            if previous is None:
                return ""
            figure = previous.cumulative if previous.cumulative is not None else previous.value
            return format_number(figure)
        if column == COL_VALUE:
            return format_number(value.value)
        if column == COL_CUMULATIVE:
            return format_number(value.cumulative)
        if column == COL_COMPLETION:
            completion = indicator.completion(value.value, value.cumulative, self._year, self._unit_code)
            return "" if completion is None else f"{format_number(completion)}%"
        if column == COL_PACE:
            pace = time_progress(indicator, self._year, self._month, self._unit_code)
            return "" if pace is None else f"{format_number(pace)}%"
        return value.note

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Commit a cell (Enter, Tab, leaving it): False for text that is not a number, which stays shown."""
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or index.column() not in EDITABLE:
            return False
        if self._read_only:
            return False
        text = "" if value is None else str(value)
        message = self._apply(index, text)
        if message:
            indicator = self._indicators[index.row()]
            self._typed[(indicator.id, EDITABLE[index.column()])] = TypedText(
                indicator, EDITABLE[index.column()], text, message
            )
            self.dataChanged.emit(index, index)
            self.invalid_input.emit(message)
            return False
        return True

    def stage(self, index: _Index, text: str) -> str:
        """Take what is being typed in a cell: a number (or a note) is saved at once, as the clerk types.

        Returns the Chinese message for text that is not a number ("" otherwise); such text is not saved.
        """
        if not index.isValid() or index.column() not in EDITABLE or self._read_only:
            return ""
        if index.column() != COL_NOTE and _UNFINISHED.fullmatch(text.strip()) and text.strip():
            return ""
        return self._apply(index, text, typing=True)

    def _apply(self, index: _Index, text: str, typing: bool = False) -> str:
        indicator = self._indicators[index.row()]
        current = self.value_of(indicator.id)
        name = EDITABLE[index.column()]
        if name == "note":
            updated = replace(current, note=text)
        else:
            try:
                number = parse_number(text)
            except NumberError as exc:
                return f"{indicator.name}：{exc}"
            updated = replace(current, value=number) if name == "value" else replace(current, cumulative=number)
        row = index.row()
        wrong = self._typed.pop((indicator.id, name), None)
        if updated == current:
            if wrong is not None and not typing:
                self.dataChanged.emit(index, index)
            return ""
        self._values[indicator.id] = updated
        if typing:
            # The cell itself is under its editor; only the completion rate shows the new figure.
            self.dataChanged.emit(self.index(row, COL_COMPLETION), self.index(row, COL_COMPLETION))
        else:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        self.value_edited.emit(updated)
        return ""
