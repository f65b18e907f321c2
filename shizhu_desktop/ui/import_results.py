"""Imported files and their outcomes as a table model (将导入 in a preview; a name-guessed unit)."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont

from shizhu_desktop.domain.units import UnitRegistry
from shizhu_desktop.services.exchange import ImportResult, Outcome
from shizhu_desktop.ui.list_model import Index as _Index
from shizhu_desktop.ui.list_model import RowListModel

_COLOURS = {
    Outcome.IMPORTED: "#1e6b2e",
    Outcome.SAME: "#555555",
    Outcome.SUPERSEDED: "#8a5a00",
    Outcome.CONFLICT: "#a61b1b",
    Outcome.REFUSED: "#a61b1b",
}


#: What a preview says for each outcome: nothing has been written yet.
_PREVIEW_LABELS = {
    Outcome.IMPORTED: "将导入",
    Outcome.SAME: "已有相同版本，不会重复导入",
    Outcome.SUPERSEDED: "将作为历史版本导入",
    Outcome.CONFLICT: "将拒绝（版本冲突）",
    Outcome.REFUSED: "将拒绝",
}
_MONTH = re.compile(r"(20\d\d)\s*年\s*(1[0-2]|0?[1-9])\s*月|(20\d\d)[-_.](1[0-2]|0[1-9])(?!\d)")
_QUARTER = re.compile(r"(20\d\d)\s*年\s*第\s*([一二三四1-4])\s*季度")
_QUARTER_NAMES = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
GUESSED = "（据文件名）"


def guess_from_name(name: str, units: UnitRegistry) -> tuple[str, str]:
    """(unit, period) as a file's name suggests them, e.g. ('西沱镇', '2026年10月'); '' where it says nothing."""
    unit = max((u.name for u in units if u.name in name or u.code in name), key=len, default="")
    quarter = _QUARTER.search(name)
    if quarter:
        return unit, f"{quarter.group(1)}年第{'一二三四'[_QUARTER_NAMES[quarter.group(2)] - 1]}季度"
    month = _MONTH.search(name)
    if month:
        year, number = (month.group(1), month.group(2)) if month.group(1) else (month.group(3), month.group(4))
        return unit, f"{year}年{int(number)}月"
    return unit, ""


class ImportResultsModel(RowListModel):
    COLUMNS = ("文件", "单位", "期间", "报表", "版本", "结果", "说明")

    def __init__(self, units: UnitRegistry, parent: Any = None) -> None:
        super().__init__((), parent)
        self.units = units
        self.dry_run = False

    @property
    def results(self) -> list[ImportResult]:
        return self.rows

    def set_results(self, results: list[ImportResult], dry_run: bool) -> None:
        self.dry_run = dry_run
        self.set_rows(results)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        result = self.results[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(result, index.column())
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 5:
            return QBrush(QColor(_COLOURS[result.outcome]))
        guessed = result.report is None and index.column() in (1, 2)
        if role == Qt.ItemDataRole.ForegroundRole and guessed:
            return QBrush(QColor("#777777"))
        if role == Qt.ItemDataRole.FontRole and guessed:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if guessed:
                return "文件内容无法读取：单位和期间是根据文件名推测的，仅供查找原件。"
            return f"{result.path}\n{result.message}" if result.message else str(result.path)
        return None

    def _text(self, result: ImportResult, column: int) -> str:
        report = result.report
        if column == 0:
            return result.path.name
        if column == 5:
            return _PREVIEW_LABELS[result.outcome] if self.dry_run else result.outcome.label
        if column == 6:
            return result.message
        if report is None:
            if column in (1, 2):
                guess = guess_from_name(result.path.name, self.units)[column - 1]
                return f"{guess}{GUESSED}" if guess else ""
            return ""
        if column == 1:
            unit = self.units.get(report.unit_code)
            return unit.name if unit else report.unit_code
        if column == 2:
            return report.period.label if report.kind.value == "monthly" else report.period.quarter_label
        if column == 3:
            return report.kind.short_label
        return f"第{report.revision}版"

    def counts(self) -> dict[str, int]:
        """How many files per outcome, in the words of the table (将导入… in a preview)."""
        counts: dict[str, int] = {}
        for result in self.results:
            label = _PREVIEW_LABELS[result.outcome] if self.dry_run else result.outcome.label
            counts[label] = counts.get(label, 0) + 1
        return counts
