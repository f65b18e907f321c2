"""历史版本: every revision of this period's reports, with when it was created and finalized."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from shizhu_desktop.store.reports import ReportSummary
from shizhu_desktop.ui.list_model import Index as _Index
from shizhu_desktop.ui.list_model import RowListModel


class RevisionTableModel(RowListModel):
    COLUMNS = ("报表", "版本", "状态", "创建时间", "定稿时间", "来源")

    def __init__(self, summaries: list[ReportSummary], parent: Any = None) -> None:
        super().__init__(summaries, parent)

    @property
    def summaries(self) -> list[ReportSummary]:
        return self.rows

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        s = self.summaries[index.row()]
        what = s.period.label if s.kind.value == "monthly" else s.period.quarter_label
        values = (
            f"{what}{s.kind.short_label}",
            f"第{s.revision}版",
            s.state.label,
            s.created_at.strftime("%Y-%m-%d %H:%M"),
            s.finalized_at.strftime("%Y-%m-%d %H:%M") if s.finalized_at else "—",
            "本机填报" if s.source == "local" else "导入",
        )
        return values[index.column()]


class HistoryDialog(QDialog):
    revision_chosen = Signal(int)  # report id

    def __init__(self, summaries: list[ReportSummary], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("历史版本")
        self.resize(720, 360)
        intro = QLabel("定稿后的版本不能修改；“重新打开修改”会生成新的一版，旧版本都保留在这里。双击查看。", self)
        intro.setWordWrap(True)
        self.model = RevisionTableModel(summaries, self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().setVisible(False)
        # Every column as wide as its text (a date must never read 2026-01-0…); the dialog grows to fit.
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.view.activated.connect(self._on_double_clicked)  # double-click, or Enter on a row
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        header = self.view.horizontalHeader()  # the columns' text at the font of the moment (字号)
        columns = sum(max(self.view.sizeHintForColumn(c), header.sectionSizeHint(c)) for c in range(header.count()))
        needed = columns + self.view.verticalScrollBar().sizeHint().width() + 48
        screen = self.screen().availableGeometry().width() if self.screen() is not None else needed
        self.resize(min(max(needed, self.width()), screen - 40), self.height())

    def _on_double_clicked(self, index: QModelIndex) -> None:
        self.revision_chosen.emit(self.model.summaries[index.row()].id)
        self.accept()
