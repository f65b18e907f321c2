"""The county's 汇总报告 page: a period's overview, the county's indicator figures, and the 滞后 items."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from shizhu_desktop.consolidation import wording
from shizhu_desktop.consolidation.summary import Consolidation, consolidate
from shizhu_desktop.domain.deadlines import due_date
from shizhu_desktop.domain.periods import Period
from shizhu_desktop.domain.report import ReportKind
from shizhu_desktop.services.workspace import Workspace
from shizhu_desktop.ui import messages
from shizhu_desktop.ui.folders import FolderMemory
from shizhu_desktop.ui.period_nav import PeriodNavigator

INDICATOR_COLUMNS = ("指标", "范围", "目标", "全县数", "完成率", "报送")
LAGGING_COLUMNS = ("单位", "重点任务", "存在问题", "下步打算")


def _table(
    headers: tuple[str, ...], parent: QWidget, stretch: tuple[int, ...]
) -> tuple[QTableView, QStandardItemModel]:
    """An empty read-only table whose ``stretch`` columns share the width and wrap (never a sideways scroll);
    :meth:`SummaryPage._fill` puts the rows in."""
    model = QStandardItemModel(0, len(headers), parent)
    model.setHorizontalHeaderLabels(list(headers))
    view = QTableView(parent)
    view.setModel(model)
    view.setWordWrap(True)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    for column in stretch:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    return view, model


def latest_due_period(today: date) -> Period:
    """The newest month whose 25th has passed: the month the office consolidates by default."""
    current = Period.of(today)
    return current if today > due_date(current, ReportKind.MONTHLY) else current.previous()


class SummaryPage(QWidget):
    def __init__(
        self,
        workspace: Workspace,
        clock: Callable[[], datetime],
        parent: QWidget | None = None,
        folders: FolderMemory | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.folders = folders or FolderMemory(workspace.settings)
        self.clock = clock
        self.summary: Consolidation | None = None
        self.navigator = PeriodNavigator(Period.of(clock().date()), self)
        self.navigator.set_period(latest_due_period(clock().date()), emit=False)
        self.export_xlsx = QPushButton("导出汇总Excel…", self)
        self.export_pdf = QPushButton("导出通报PDF…", self)
        self.export_docx = QPushButton("导出通报Word…", self)
        self.export_docx.setToolTip("导出督查通报的Word文件（docx），可在WPS或Word中修改后印发")
        top = QHBoxLayout()
        top.addWidget(self.navigator)
        top.addStretch(1)
        top.addWidget(self.export_xlsx)
        top.addWidget(self.export_pdf)
        top.addWidget(self.export_docx)
        self.overview = QTextBrowser(self)
        self.indicators_view, self.indicators_model = _table(INDICATOR_COLUMNS, self, (0, 2, 5))
        self.lagging_view, self.lagging_model = _table(LAGGING_COLUMNS, self, (1, 2, 3))
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.overview, "推进情况综述")
        self.tabs.addTab(self.indicators_view, "指标进度")
        self.tabs.addTab(self.lagging_view, "滞后事项")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self.navigator.period_changed.connect(lambda _period: self.refresh())
        self.export_xlsx.clicked.connect(lambda: self.export("xlsx"))
        self.export_pdf.clicked.connect(lambda: self.export("pdf"))
        self.export_docx.clicked.connect(lambda: self.export("docx"))
        self.refresh()

    def refresh(self) -> None:
        """Consolidate the chosen period from the reports held (after an import, or a change of month)."""
        summary = consolidate(self.workspace, self.navigator.period, self.clock().date())
        self.summary = summary
        self.overview.setHtml(self._overview_html(summary))
        self._fill(
            self.indicators_model,
            [
                [
                    f.indicator.name,
                    wording.scope_text(f.indicator),
                    wording.target_text(f.indicator, f.target, f.year),
                    wording.figure_text(f),
                    wording.percent_text(f.completion),
                    wording.reporting_text(f),
                ]
                for f in summary.indicators
            ],
        )
        self._fill(
            self.lagging_model,
            [[i.unit.name, i.task.heading, i.problems, i.next_steps] for i in summary.lagging],
        )
        self.tabs.setTabText(2, f"滞后事项（{len(summary.lagging)}）")

    @staticmethod
    def _fill(model: QStandardItemModel, rows: list[list[str]]) -> None:
        model.setRowCount(0)
        for row in rows:
            items = []
            for text in row:
                item = QStandardItem(text)
                item.setEditable(False)
                item.setToolTip(text)
                items.append(item)
            model.appendRow(items)

    @staticmethod
    def _overview_html(summary: Consolidation) -> str:
        parts = [f"<h3>{escape(summary.period.label)}工作推进情况</h3>", "<p><b>一、报送情况。</b>"]
        parts.append(escape("".join(wording.timeliness_paragraphs(summary))) + "</p>")
        parts.append(f"<p><b>二、推进情况。</b>{escape(wording.counts_text(summary.counts, '各单位报送的事项中，'))}。")
        parts.append(escape(wording.lagging_overview(summary)) + escape(wording.indicator_overview(summary)) + "</p>")
        for task in summary.tasks:
            parts.append(f"<p><b>{escape(task.task.heading)}</b>　{escape(wording.task_sentence(task))}</p>")
        return "".join(parts)

    def export(self, fmt: str) -> Path | None:
        from shizhu_desktop.consolidation.exporting import export_summary
        from shizhu_desktop.ui.file_outcome import busy, written_box

        folder = QFileDialog.getExistingDirectory(self, "选择保存汇总文件的文件夹", self.folders.start("export"))
        if not folder:
            return None
        self.folders.remember("export", folder)
        try:
            with busy():
                path = export_summary(
                    self.workspace, self.navigator.period, fmt, Path(folder), today=self.clock().date()
                )
        except OSError as exc:
            messages.warn(
                self, "导出汇总", f"无法写入文件：{exc.strerror or exc}。请换一个文件夹，或关闭打开它的程序。"
            )
            return None
        written_box(self, f"已导出：\n{path}", path)
        return path
