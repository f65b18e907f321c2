"""The widgets of the clerk's window, laid out to fit 1024×600 at every font size."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from shizhu_desktop.domain.catalog import Catalog
from shizhu_desktop.domain.periods import Period
from shizhu_desktop.domain.report import Narrative
from shizhu_desktop.ui.deadline_banner import DeadlineBanner
from shizhu_desktop.ui.period_nav import PeriodNavigator
from shizhu_desktop.ui.task_form import TaskForm
from shizhu_desktop.ui.task_tree import TaskTreeModel, WrappingDelegate
from shizhu_desktop.ui.widgets import Heading, show_focus

if TYPE_CHECKING:
    from shizhu_desktop.ui.quarterly_page import QuarterlyPage

TAB_MONTHLY, TAB_QUARTERLY = 0, 1


def scroller(widget: QWidget | None, parent: QWidget) -> QScrollArea:
    """A vertical scroll area that never scrolls sideways: its page is always as wide as the window."""
    area = QScrollArea(parent)
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    if widget is not None:
        area.setWidget(widget)
    return area


class ClerkView(QStackedWidget):
    """Page 0 welcomes a new clerk; page 1 is the work. The window wires these widgets to the reports."""

    #: The quarterly page's, passed on (the page itself is built when first shown).
    narrative_edited = Signal(object)  # Narrative
    reassemble_requested = Signal()

    def __init__(self, catalog: Catalog, today: Period, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._quarterly: QuarterlyPage | None = None
        self._shown_narrative: tuple[str, Narrative, bool, str] | None = None
        self._init_top(today)
        self._init_tasks(catalog)
        self._init_bar()
        self._init_pages()

    def _init_top(self, today: Period) -> None:
        self.unit_label = Heading("", self, factor=1.15)
        self.liaison_label = QLabel(self)
        self.liaison_label.setStyleSheet("color: #555;")
        self.liaison_label.setWordWrap(True)  # a long liaison line must not widen the window past 1024
        self.navigator = PeriodNavigator(today, self)
        self.banner = DeadlineBanner(self)

    def _init_tasks(self, catalog: Catalog) -> None:
        self.tree_model = TaskTreeModel(catalog, [], self)
        self.tree = QTreeView(self)
        self.tree.setModel(self.tree_model)
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)  # whole task names, on two lines if need be, instead of four characters
        self.tree.setItemDelegate(WrappingDelegate(self.tree))
        self.tree.setHeaderHidden(True)
        self.tree.setColumnHidden(1, True)  # the state shows as the mark before each name
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setStretchLastSection(True)
        self.tree.setMinimumWidth(150)
        self.tree.setAccessibleName("重点任务列表")
        show_focus(self.tree)
        self.form = TaskForm(self)
        self.form_scroll = scroller(self.form, self)
        self.form.attention_needed.connect(self.bring_into_view)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(self.form_scroll)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(1, False)
        self.splitter.setSizes([260, 760])
        self.tasks_button = QToolButton(self)
        self.tasks_button.setCheckable(True)
        self.tasks_button.setChecked(True)
        self.tasks_button.setAutoRaise(True)
        self.tasks_button.setToolTip("显示或收起任务列表（F9）")
        self.tasks_button.toggled.connect(self.show_tasks)
        self.show_tasks(True)

    def _init_bar(self) -> None:
        self.latest_button = QPushButton("返回最新版本", self)
        self.latest_button.setToolTip("正在查看历史版本：回到本月最新的一版")
        self.latest_button.setStyleSheet("QPushButton { font-weight: bold; color: #1d4f91; }")
        self.latest_button.setVisible(False)
        self.state_label = QLabel(self)
        self.state_label.setWordWrap(True)
        self.copy_all_button = QPushButton("复制上月内容（全部任务）", self)
        self.copy_all_button.setToolTip("把上月内容填入所有任务中还空着的栏目（Ctrl+Shift+D）")
        self.history_button = QPushButton("历史版本", self)
        self.history_button.setToolTip("查看本期报表的各个版本（Ctrl+H）")
        self.reopen_button = QPushButton("重新打开修改", self)
        self.finalize_button = QPushButton("定稿", self)
        self.finalize_button.setToolTip("检查无误后定稿（Ctrl+Enter）")

    def _init_pages(self) -> None:
        monthly_page = QWidget(self)
        monthly_layout = QVBoxLayout(monthly_page)
        monthly_layout.setContentsMargins(0, 0, 0, 0)
        monthly_layout.addWidget(self.splitter, 1)
        # The quarterly report's page is built when it is first shown: its tab is behind the monthly one, and
        # half the year it is not even open (issue 13: start-up).
        self.quarterly_scroll = scroller(None, self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(monthly_page, "月报（工作推进情况表）")
        self.tabs.addTab(self.quarterly_scroll, "季度报告")
        self.tabs.currentChanged.connect(self._on_tab)
        self.tabs.setCornerWidget(self.tasks_button, Qt.Corner.TopLeftCorner)
        self.tabs.setUsesScrollButtons(False)

        self.welcome = QWidget(self)
        welcome_layout = QVBoxLayout(self.welcome)
        welcome_text = QLabel("欢迎使用。请先设置本单位和联络人员，然后就可以开始填报。", self.welcome)
        welcome_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        welcome_text.setWordWrap(True)
        self.setup_button = QPushButton("设置填报单位…", self.welcome)
        welcome_layout.addStretch(1)
        welcome_layout.addWidget(welcome_text)
        welcome_layout.addWidget(self.setup_button, 0, Qt.AlignmentFlag.AlignCenter)
        welcome_layout.addStretch(2)

        self.work = QWidget(self)
        top = QHBoxLayout()
        top.addWidget(self.unit_label, 1)
        top.addWidget(self.navigator, 0, Qt.AlignmentFlag.AlignTop)
        bar = QHBoxLayout()
        bar.addWidget(self.latest_button)
        bar.addWidget(self.state_label, 1)
        for button in (self.copy_all_button, self.history_button, self.reopen_button, self.finalize_button):
            bar.addWidget(button)
        layout = QVBoxLayout(self.work)
        layout.setContentsMargins(8, 6, 8, 4)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.liaison_label)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bar)
        self.addWidget(self.welcome)
        self.addWidget(self.work)

    @property
    def quarterly_page(self) -> QuarterlyPage:
        """The quarterly report's page, built (with what it is to show) on first use."""
        return self._quarterly if self._quarterly is not None else self._build_quarterly()

    def _build_quarterly(self) -> QuarterlyPage:
        from shizhu_desktop.ui.quarterly_page import QuarterlyPage

        page = QuarterlyPage(self.quarterly_scroll)
        page.narrative_edited.connect(self.narrative_edited)
        page.reassemble_requested.connect(self.reassemble_requested)
        if self._shown_narrative is not None:
            page.show_narrative(*self._shown_narrative)
        self.quarterly_scroll.setWidget(page)
        self._quarterly = page
        return page

    def show_narrative(self, heading: str, narrative: Narrative, read_only: bool, status: str) -> None:
        """The quarterly report to show, with no findings under its parts; kept until its page is built."""
        self._shown_narrative = (heading, narrative, read_only, status)
        if self._quarterly is not None:
            self._quarterly.show_narrative(heading, narrative, read_only, status)
            self._quarterly.show_issues([])

    def _on_tab(self, index: int) -> None:
        if index == TAB_QUARTERLY and self._quarterly is None:
            self._build_quarterly()  # before the tab is painted

    def bring_into_view(self, widget: QWidget) -> None:
        """Scroll the form so all of ``widget`` shows (its top, if it is taller than the window).

        Not ``ensureWidgetVisible``: for a table that shows only the current cell, not the table.
        """
        area = self.form_scroll
        page = area.widget()
        if page is None or not page.isAncestorOf(widget):
            return
        top = widget.mapTo(page, QPoint(0, 0))
        area.ensureVisible(top.x(), top.y() + widget.height(), 10, 12)
        area.ensureVisible(top.x(), top.y(), 10, 12)

    def show_tasks(self, shown: bool) -> None:
        """收起 leaves the form the whole width (small screens); the button says what a click will do."""
        self.tree.setVisible(shown)
        self.tasks_button.setText("◀ 收起任务" if shown else "▶ 任务列表")
        if self.tasks_button.isChecked() != shown:
            self.tasks_button.setChecked(shown)

    @property
    def tasks_shown(self) -> bool:
        return not self.tree.isHidden()
