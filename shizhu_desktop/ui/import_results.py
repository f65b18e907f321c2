"""The list of imported files and their outcomes, as a table model."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

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
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{result.path}\n{result.message}" if result.message else str(result.path)
        return None

    def _text(self, result: ImportResult, column: int) -> str:
        report = result.report
        if column == 0:
            return result.path.name
        if column == 5:
            label = result.outcome.label
            return f"将{label}" if self.dry_run and result.outcome is Outcome.IMPORTED else label
        if column == 6:
            return result.message
        if report is None:
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
        counts: dict[str, int] = {}
        for result in self.results:
            counts[result.outcome.label] = counts.get(result.outcome.label, 0) + 1
        return counts
