"""The clerk's main window: unit and period at the top, the deadline banner, tasks on the left, the form."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import QByteArray, QModelIndex, Qt
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from shizhu_desktop import APP_NAME
from shizhu_desktop.domain.periods import Period
from shizhu_desktop.domain.profile import MODE_COUNTY
from shizhu_desktop.domain.report import IndicatorValue, Narrative, Report, ReportKind, TaskEntry, now_china
from shizhu_desktop.services.reporting import ReportingService
from shizhu_desktop.services.tasklist import current_tasklist
from shizhu_desktop.services.workspace import Workspace
from shizhu_desktop.store.unit_directory import UnitDirectoryRepository
from shizhu_desktop.ui.actions import build_menus
from shizhu_desktop.ui.autosave import Autosaver
from shizhu_desktop.ui.deadline_banner import DeadlineBanner
from shizhu_desktop.ui.file_actions import FileActions
from shizhu_desktop.ui.fonts import DEFAULT_SCALE, apply_font
from shizhu_desktop.ui.period_nav import PeriodNavigator
from shizhu_desktop.ui.quarterly_page import QuarterlyPage
from shizhu_desktop.ui.report_actions import TAB_MONTHLY, TAB_QUARTERLY, ReportActions
from shizhu_desktop.ui.setup_dialog import PAGE_TASKS, PAGE_UNIT, SetupDialog
from shizhu_desktop.ui.task_form import TaskForm
from shizhu_desktop.ui.task_tree import TASK_ROLE, TaskTreeModel
from shizhu_desktop.ui.tasklist_actions import import_tasklist_from_file
from shizhu_desktop.ui.window_base import AppWindow

Clock = Callable[[], datetime]


class MainWindow(AppWindow):
    def __init__(self, workspace: Workspace, clock: Clock = now_china, *, first_run_dialog: bool = True) -> None:
        super().__init__()
        self.workspace = workspace
        self.clock = clock
        self.service: ReportingService | None = None
        self.report: Report | None = None
        #: False for a final revision and for any revision but the latest (opened from 历史版本).
        self.report_editable = False
        self.quarterly: Report | None = None
        self.autosaver = Autosaver(self)
        self.setWindowTitle(APP_NAME)
        self._init_widgets()
        self.actions_ = build_menus(self)
        self.files = FileActions(self)
        self.report_actions = ReportActions(self)
        self._connect()
        self._restore_ui_settings()
        self._start(first_run_dialog)

    # -- construction -----------------------------------------------------------------------------------

    def _init_widgets(self) -> None:
        today = Period.of(self.clock().date())
        self.unit_label = QLabel(self)
        font = self.unit_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.unit_label.setFont(font)
        self.liaison_label = QLabel(self)
        self.liaison_label.setStyleSheet("color: #555;")
        self.liaison_label.setWordWrap(True)  # a long liaison line must not widen the window past 1024
        self.navigator = PeriodNavigator(today, self)
        self.banner = DeadlineBanner(self)

        self.tree_model = TaskTreeModel(self.workspace.catalog, [], self)
        self.tree = QTreeView(self)
        self.tree.setModel(self.tree_model)
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(False)
        self.tree.setMinimumWidth(220)
        self.form = TaskForm(self)
        self.form_scroll = QScrollArea(self)
        self.form_scroll.setWidgetResizable(True)
        self.form_scroll.setWidget(self.form)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(self.form_scroll)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([300, 700])

        self.state_label = QLabel(self)
        self.copy_all_button = QPushButton("复制上月内容（全部任务）", self)
        self.history_button = QPushButton("历史版本", self)
        self.reopen_button = QPushButton("重新打开修改", self)
        self.finalize_button = QPushButton("定稿", self)
        self.finalize_button.setToolTip("检查无误后定稿（Ctrl+Enter）")
        bar = QHBoxLayout()
        bar.addWidget(self.state_label, 1)
        for button in (self.copy_all_button, self.history_button, self.reopen_button, self.finalize_button):
            bar.addWidget(button)

        monthly_page = QWidget(self)
        monthly_layout = QVBoxLayout(monthly_page)
        monthly_layout.setContentsMargins(0, 0, 0, 0)
        monthly_layout.addWidget(self.splitter, 1)
        self.quarterly_page = QuarterlyPage(self)
        quarterly_scroll = QScrollArea(self)
        quarterly_scroll.setWidgetResizable(True)
        quarterly_scroll.setWidget(self.quarterly_page)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(monthly_page, "月报（工作推进情况表）")
        self.tabs.addTab(quarterly_scroll, "季度报告")

        self.welcome = QWidget(self)
        welcome_layout = QVBoxLayout(self.welcome)
        welcome_text = QLabel("欢迎使用。请先设置本单位和联络人员，然后就可以开始填报。", self.welcome)
        welcome_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setup_button = QPushButton("设置填报单位…", self.welcome)
        welcome_layout.addStretch(1)
        welcome_layout.addWidget(welcome_text)
        welcome_layout.addWidget(self.setup_button, 0, Qt.AlignmentFlag.AlignCenter)
        welcome_layout.addStretch(2)

        work = QWidget(self)
        top = QHBoxLayout()
        top.addWidget(self.unit_label, 1)
        top.addWidget(self.navigator)
        layout = QVBoxLayout(work)
        layout.addLayout(top)
        layout.addWidget(self.liaison_label)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bar)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(work)
        self.setCentralWidget(self.stack)
        self.saved_label = QLabel(self)
        self.saved_label.setStyleSheet("color: #1e6b2e;")
        self.statusBar().addPermanentWidget(self.saved_label)

    def _connect(self) -> None:
        a = self.actions_
        self.navigator.period_changed.connect(self.load_period)
        self.tree.selectionModel().currentChanged.connect(self._on_tree_current)
        self.form.entry_edited.connect(self.on_entry_edited)
        self.form.indicator_edited.connect(self.on_indicator_edited)
        self.form.copy_previous_requested.connect(self.report_actions.copy_previous_task)
        self.form.field_left.connect(self.autosaver.flush_pending)
        self.quarterly_page.narrative_edited.connect(self.on_narrative_edited)
        self.quarterly_page.reassemble_requested.connect(self.reassemble_narrative)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.autosaver.saved.connect(self._on_saved)
        self.autosaver.failed.connect(self._on_save_failed)
        self.autosaver.before_flush.append(self.form.commit_pending_edit)
        self.setup_button.clicked.connect(lambda: self.open_settings(PAGE_UNIT))
        self.copy_all_button.clicked.connect(self.report_actions.copy_previous_all)
        self.history_button.clicked.connect(self.report_actions.show_history)
        self.reopen_button.clicked.connect(self.report_actions.reopen)
        self.finalize_button.clicked.connect(self.report_actions.finalize)
        a.save.triggered.connect(self.save_now)
        a.quit.triggered.connect(self.close)
        a.monthly.triggered.connect(lambda: self.tabs.setCurrentIndex(TAB_MONTHLY))
        a.quarterly.triggered.connect(lambda: self.tabs.setCurrentIndex(TAB_QUARTERLY))
        a.history.triggered.connect(self.report_actions.show_history)
        a.finalize.triggered.connect(self.report_actions.finalize)
        a.reopen.triggered.connect(self.report_actions.reopen)
        a.copy_previous_all.triggered.connect(self.report_actions.copy_previous_all)
        a.previous_month.triggered.connect(lambda: self.navigator.set_period(self.navigator.period.previous()))
        a.next_month.triggered.connect(self._next_month)
        a.previous_task.triggered.connect(lambda: self.step_task(-1))
        a.next_task.triggered.connect(lambda: self.step_task(1))
        a.unit_settings.triggered.connect(lambda: self.open_settings(PAGE_UNIT))
        a.task_settings.triggered.connect(lambda: self.open_settings(PAGE_TASKS))
        a.import_tasklist.triggered.connect(self.import_tasklist)
        for name, action in a.font_sizes.items():
            action.triggered.connect(lambda _checked=False, n=name: self.set_font_scale(n))
        app = QApplication.instance()
        if isinstance(app, QApplication):
            # Leaving a field for another widget or window saves it at once.
            app.focusChanged.connect(self.autosaver.on_focus_changed)

    def _next_month(self) -> None:
        if self.navigator.next_button.isEnabled():
            self.navigator.set_period(self.navigator.period.next())

    # -- start-up and settings --------------------------------------------------------------------------

    def _start(self, first_run_dialog: bool) -> None:
        profile = self.workspace.profile()
        if profile is None:
            self.stack.setCurrentWidget(self.welcome)
            self._enable_report_actions(False)
            if first_run_dialog:
                from PySide6.QtCore import QTimer

                QTimer.singleShot(0, lambda: self.open_settings(PAGE_UNIT))
            return
        self._use_profile()

    def _use_profile(self) -> None:
        profile = self.workspace.profile()
        if profile is None or profile.mode == MODE_COUNTY:
            # No unit (a restored backup from before the setup) or a county database: nothing to fill here.
            self.service, self.report, self.quarterly = None, None, None
            self.stack.setCurrentWidget(self.welcome)
            self._enable_report_actions(False)
            if profile is not None:
                self.reopen_requested.emit()
            return
        self.service = ReportingService(self.workspace, profile)
        self.workspace.reports.who = profile.liaison.name or self.workspace.reports.who
        unit = self.workspace.units.by_code(profile.unit_code)
        self.unit_label.setText(f"{unit.name}　绿色低碳循环发展工作推进情况填报")
        li = profile.liaison
        self.liaison_label.setText(
            f"责任科室：{li.section or '未填'}　联系人：{li.name}　电话：{li.phone}　分管领导：{li.leader or '未填'}"
        )
        self.tree_model.set_catalog(self.workspace.catalog, profile.tasks)
        self.tree.expandAll()
        self.stack.setCurrentIndex(1)
        self._enable_report_actions(True)
        self.load_period(self._initial_period())
        self.form.focus_first()  # the clerk starts typing in the first task's 推进状态, not on a month button

    def open_settings(self, page: int) -> None:
        self.autosaver.flush()
        directory = UnitDirectoryRepository(self.workspace.db)
        dialog = SetupDialog(
            self.workspace.catalog, self.workspace.units, self.workspace.profile(), page, self, directory
        )
        if dialog.exec():
            self.workspace.profiles.save(dialog.profile())
            if dialog.county_mode:
                self.reopen_requested.emit()
                return
            self._use_profile()

    def import_tasklist(self) -> None:
        self.autosaver.flush()
        if import_tasklist_from_file(self, self.workspace):
            self._use_profile()
            self.statusBar().showMessage(f"已更新为{current_tasklist(self.workspace).label}。", 10000)

    def set_font_scale(self, scale: str) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_font(app, scale)
        self.workspace.settings.set("ui.font_scale", scale)
        self.actions_.font_sizes[scale].setChecked(True)
        # Headings were sized from the old font: scale them with the new one.
        base = QApplication.font().pointSizeF()
        for label, factor in ((self.unit_label, 1.15), (self.form.title, 1.25), (self.quarterly_page.heading, 1.2)):
            font = label.font()
            font.setPointSizeF(base * factor)
            label.setFont(font)

    def _restore_ui_settings(self) -> None:
        settings = self.workspace.settings
        scale = settings.get("ui.font_scale", DEFAULT_SCALE)
        if scale in self.actions_.font_sizes:
            self.actions_.font_sizes[scale].setChecked(True)
        geometry = settings.get("ui.geometry")
        if geometry:
            self.restoreGeometry(QByteArray.fromBase64(geometry.encode("ascii")))
        else:
            screen = QGuiApplication.primaryScreen()
            available = screen.availableGeometry() if screen else None
            width = min(1180, available.width()) if available else 1180
            height = min(780, available.height()) if available else 780
            self.resize(width, height)

    def _initial_period(self) -> Period:
        """This month by the clock; the period last opened if that was earlier this same month."""
        today = self.clock()
        saved = self.workspace.settings.get("ui.last_period")
        if isinstance(saved, dict) and saved.get("on") == today.strftime("%Y-%m"):
            try:
                return Period.parse(saved.get("period", ""))
            except ValueError:
                pass
        return Period.of(today.date())

    # -- periods and tasks ------------------------------------------------------------------------------

    def load_period(self, period: Period, report: Report | None = None) -> None:
        """Show ``period``: its latest monthly revision (or ``report``), and the quarterly report if due."""
        if self.service is None:
            return
        self.autosaver.flush()
        current_task = self.form.task.number if self.form.task else None
        self.navigator.set_period(period, emit=False)
        self.report = report or self.service.report(period)
        self.report_editable = not self.report.is_final and (report is None or self._is_latest(self.report))
        self.quarterly = self.service.report(period, ReportKind.QUARTERLY) if period.is_quarter_end else None
        self.tabs.setTabEnabled(TAB_QUARTERLY, self.quarterly is not None)
        self.tabs.setTabToolTip(TAB_QUARTERLY, "" if self.quarterly else "季度报告在3、6、9、12月填报")
        self.actions_.quarterly.setEnabled(self.quarterly is not None)
        if self.quarterly is None:
            self.tabs.setCurrentIndex(TAB_MONTHLY)
        self.refresh_states()
        tasks = self.tree_model.task_numbers()
        if tasks:
            self.show_task(current_task if current_task in tasks else tasks[0])
        self._show_quarterly()
        if self.tabs.currentIndex() == TAB_QUARTERLY:
            self._on_tab_changed(TAB_QUARTERLY)
        self.workspace.settings.set("ui.last_period", {"period": str(period), "on": self.clock().strftime("%Y-%m")})

    def refresh_states(self) -> None:
        """Banner, fill states and buttons after anything that changes the period's reports."""
        if self.service is None or self.report is None:
            return
        today = self.clock().date()
        period = self.report.period
        statuses = [self.service.deadline(period, ReportKind.MONTHLY, today)]
        if self.quarterly is not None:
            statuses.append(self.service.deadline(period, ReportKind.QUARTERLY, today))
        self.banner.set_statuses(statuses, Period.of(today), self._state_note())
        self.tree_model.set_states(self.service.fill_states(self.report))
        shown = self._shown_report()
        final = shown is not None and shown.is_final
        latest = shown is not None and self._is_latest(shown)
        self.state_label.setText(self._state_text(shown))
        self.reopen_button.setEnabled(final and latest)
        self.actions_.reopen.setEnabled(final and latest)
        self.finalize_button.setEnabled(not final and latest)
        self.actions_.finalize.setEnabled(not final and latest)
        self.copy_all_button.setEnabled(not final and latest and self.tabs.currentIndex() == TAB_MONTHLY)
        self.actions_.copy_previous_all.setEnabled(self.copy_all_button.isEnabled())
        self.files.update_enabled()

    def _shown_report(self) -> Report | None:
        return self.quarterly if self.tabs.currentIndex() == TAB_QUARTERLY and self.quarterly else self.report

    def _is_latest(self, report: Report) -> bool:
        if self.service is None:
            return False
        latest = self.service.existing(report.period, report.kind)
        return latest is not None and latest.revision == report.revision

    def _state_text(self, report: Report | None) -> str:
        if report is None:
            return ""
        text = f"{report.kind.short_label}第{report.revision}版 · {report.state.label}"
        if report.is_final and report.finalized_at:
            text += f"（{report.finalized_at.strftime('%m月%d日 %H:%M')}定稿，只读）"
        if not self._is_latest(report):
            text += " · 历史版本"
        return text

    def _state_note(self) -> str:
        report = self.report
        if report is None or not report.is_final:
            return ""
        if not self._is_latest(report):
            return f"正在查看第{report.revision}版（历史版本，只读），点“本月”或切换月份回到最新版"
        return f"已定稿（第{report.revision}版），如需修改请点“重新打开修改”"

    def show_task(self, number: int) -> None:
        if self.service is None or self.report is None:
            return
        self.autosaver.flush()
        task = self.workspace.catalog.task(number)
        period = self.report.period
        indicators = self.service.indicators_for_task(number)
        values = {v.indicator: v for v in self.report.indicators}
        previous = {i.id: v for i in indicators if (v := self.service.previous_indicator(period, i.id)) is not None}
        lead = self.workspace.units.get(task.lead_unit)
        self.form.show_task(
            task,
            self.report.entry(number),
            self.service.previous_entry(period, number),
            lead.name if lead else task.lead_unit,
            indicators,
            values,
            previous,
            period.year,
            not self.report_editable,
            unit_code=self.report.unit_code,
            month=period.month,
        )
        self.form.show_issues(self.service.entry_issues(self.report, number))
        index = self.tree_model.task_index(number)
        if index.isValid() and self.tree.currentIndex() != index:
            self.tree.blockSignals(True)
            self.tree.setCurrentIndex(index)
            self.tree.blockSignals(False)

    def step_task(self, step: int) -> None:
        tasks = self.tree_model.task_numbers()
        if not tasks or self.form.task is None:
            return
        position = tasks.index(self.form.task.number) if self.form.task.number in tasks else 0
        self.show_task(tasks[(position + step) % len(tasks)])
        self.form.focus_first()

    def _on_tree_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        number = current.data(TASK_ROLE) if current.isValid() else None
        if number is not None and (self.form.task is None or self.form.task.number != number):
            self.show_task(int(number))

    # -- editing and autosave ---------------------------------------------------------------------------

    def on_entry_edited(self, entry: TaskEntry) -> None:
        report = self.report
        if report is None or report.id is None or not self.report_editable or self.service is None:
            return
        report.entries = [e for e in report.entries if e.task != entry.task] + [entry]
        report_id = report.id
        saved = replace(entry)
        self.autosaver.schedule(("entry", report_id, entry.task), lambda: self._save_entry(report_id, saved))
        self._revalidate(entry.task)

    def _save_entry(self, report_id: int, entry: TaskEntry) -> None:
        self.workspace.reports.save_entry(report_id, entry)

    def on_indicator_edited(self, value: IndicatorValue) -> None:
        report = self.report
        if report is None or report.id is None or not self.report_editable:
            return
        report.indicators = [v for v in report.indicators if v.indicator != value.indicator] + [value]
        report_id = report.id
        self.autosaver.schedule(
            ("indicator", report_id, value.indicator),
            lambda: self.workspace.reports.save_indicator(report_id, value),
        )
        task = self.workspace.catalog.indicator(value.indicator).task
        self._revalidate(task)

    def on_narrative_edited(self, narrative: Narrative) -> None:
        report = self.quarterly
        if report is None or report.id is None or report.is_final or not self._is_latest(report):
            return
        report.narrative = narrative
        report_id = report.id
        self.autosaver.schedule(
            ("narrative", report_id), lambda: self.workspace.reports.save_narrative(report_id, narrative)
        )

    def _revalidate(self, task: int) -> None:
        if self.service is None or self.report is None:
            return
        issues = self.service.entry_issues(self.report, task)
        if self.form.task is not None and self.form.task.number == task:
            self.form.show_issues(issues)
        self.tree_model.set_states(self.service.fill_states(self.report))

    def _on_saved(self, at: str) -> None:
        self.saved_label.setText(f"已保存 {at}")
        self.saved_label.setStyleSheet("color: #1e6b2e;")
        self.saved_label.setToolTip("")

    def _on_save_failed(self, message: str) -> None:
        # Quietly in the status bar: the text stays on screen and is retried; a dialog every half second would
        # stop the clerk from working.
        self.saved_label.setText("⚠ 未保存")
        self.saved_label.setStyleSheet("color: #a61b1b; font-weight: bold;")
        self.saved_label.setToolTip(message)
        self.statusBar().showMessage(message, 15000)

    def save_now(self) -> None:
        if self.autosaver.flush() and not self.saved_label.text():
            self.saved_label.setText(f"已保存 {now_china().strftime('%H:%M:%S')}")

    # -- quarterly report -------------------------------------------------------------------------------

    def _show_quarterly(self) -> None:
        report = self.quarterly
        if report is None or self.service is None:
            return
        narrative = report.narrative or Narrative()
        heading = f"{report.period.quarter_label}工作推进情况报告"
        read_only = report.is_final or not self._is_latest(report)
        status = "根据本季度月报自动汇总，可直接修改。" if not read_only else f"第{report.revision}版，只读。"
        self.quarterly_page.show_narrative(heading, narrative, read_only, status)
        self.quarterly_page.show_issues([])

    def _on_tab_changed(self, index: int) -> None:
        if index == TAB_QUARTERLY and self.quarterly is not None and self.service is not None:
            report = self.quarterly
            if not report.is_final and (report.narrative is None or report.narrative.is_empty()):
                self.reassemble_narrative(confirm=False)
        self.refresh_states()

    def reassemble_narrative(self, confirm: bool = True) -> None:
        report = self.quarterly
        if report is None or report.id is None or self.service is None or report.is_final:
            return
        current = report.narrative
        if confirm and current is not None and not current.is_empty():
            answer = QMessageBox.question(self, APP_NAME, "重新汇总会替换季度报告中现有的文字，确定吗？")
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.autosaver.flush()
        narrative = self.service.assemble_narrative(report.period)
        self.workspace.reports.save_narrative(report.id, narrative)
        report.narrative = narrative
        self._show_quarterly()

    # -- window events ----------------------------------------------------------------------------------

    def _enable_report_actions(self, enabled: bool) -> None:
        a = self.actions_
        for action in (
            a.monthly,
            a.quarterly,
            a.history,
            a.finalize,
            a.reopen,
            a.copy_previous_all,
            a.previous_month,
            a.next_month,
            a.previous_task,
            a.next_task,
            a.task_settings,
        ):
            action.setEnabled(enabled)
        self.files.update_enabled()

    def closeEvent(self, event: QCloseEvent) -> None:
        # Never ask "save?": everything typed is saved, now.
        self.autosaver.flush()
        self.workspace.settings.set("ui.geometry", bytes(self.saveGeometry().toBase64().data()).decode("ascii"))
        super().closeEvent(event)
