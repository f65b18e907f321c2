"""The clerk's main window: wires the view (ClerkView), the reports in view (ReportSession) and the commands."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication

from shizhu_desktop import APP_NAME
from shizhu_desktop.domain.periods import Period
from shizhu_desktop.domain.profile import MODE_COUNTY
from shizhu_desktop.domain.report import IndicatorValue, Narrative, Report, ReportKind, TaskEntry, now_china
from shizhu_desktop.domain.validation import Issue
from shizhu_desktop.services.identity import save_profile
from shizhu_desktop.services.reporting import ReportingService
from shizhu_desktop.services.workspace import Workspace
from shizhu_desktop.ui.actions import REPORT_ACTIONS, build_menus
from shizhu_desktop.ui.autosave import Autosaver
from shizhu_desktop.ui.clerk_view import TAB_MONTHLY, TAB_QUARTERLY, ClerkView
from shizhu_desktop.ui.db_guard import DatabaseGuard
from shizhu_desktop.ui.fonts import DEFAULT_SCALE, apply_font
from shizhu_desktop.ui.report_actions import ReportActions
from shizhu_desktop.ui.report_session import ReportSession
from shizhu_desktop.ui.status_presenter import StatusPresenter
from shizhu_desktop.ui.task_presenter import TaskPresenter
from shizhu_desktop.ui.window_base import AppWindow

if TYPE_CHECKING:
    from shizhu_desktop.ui.data_actions import DataActions
    from shizhu_desktop.ui.file_actions import FileActions

Clock = Callable[[], datetime]


class MainWindow(AppWindow):
    def __init__(self, workspace: Workspace, clock: Clock = now_china, *, first_run_dialog: bool = True) -> None:
        super().__init__()
        self.clock = clock
        self.autosaver = Autosaver(self)
        self.session = ReportSession(workspace, clock, self.autosaver)
        self.view = ClerkView(workspace.catalog, Period.of(clock().date()), self)
        self.setCentralWidget(self.view)
        v = self.view
        # The widgets by their old names: tests and the screenshot script reach them through the window.
        self.stack, self.welcome, self.form, self.tree, self.tree_model = v, v.welcome, v.form, v.tree, v.tree_model
        self.navigator, self.banner, self.tabs = v.navigator, v.banner, v.tabs
        self.unit_label, self.liaison_label, self.state_label = v.unit_label, v.liaison_label, v.state_label
        self.saved_label = self.status_label()
        self.actions_ = build_menus(self)
        self.report_actions = ReportActions(self.session, self, self)
        self.tasks = TaskPresenter(self.session, self.view, self.actions_)
        self.status = StatusPresenter(self.session, self.view, self.actions_, self.shown_kind, clock)
        self.setWindowTitle(APP_NAME)
        self._connect()
        self._restore_ui_settings()
        self._start(first_run_dialog)
        self.guard = DatabaseGuard(self)  # read-only banner; stops saving if the database file is replaced

    # -- the state, by the names the rest of the program knows ------------------------------------------

    # The file and data commands (export, import, backup, restore, help) are built when first used: their
    # modules and Qt's file dialogs are not needed to show the window (issue 13: start-up).
    @cached_property
    def files(self) -> FileActions:
        from shizhu_desktop.ui.file_actions import FileActions

        return FileActions(self.session, self, self.shown_kind, self.refresh_states, self.reload)

    @cached_property
    def data(self) -> DataActions:
        from shizhu_desktop.ui.data_actions import DataActions

        s = self
        return DataActions(lambda: s.workspace, s, s.autosaver.flush, s.autosaver.discard, s.use_workspace)

    @property
    def workspace(self) -> Workspace:
        return self.session.workspace

    @property
    def service(self) -> ReportingService | None:
        return self.session.service

    @property
    def report(self) -> Report | None:
        return self.session.report

    @property
    def quarterly(self) -> Report | None:
        return self.session.quarterly

    @property
    def report_editable(self) -> bool:
        return self.session.report_editable

    # -- construction -----------------------------------------------------------------------------------

    def _connect(self) -> None:
        a, v, r = self.actions_, self.view, self.report_actions
        v.navigator.period_changed.connect(self.load_period)
        v.form.entry_edited.connect(self.on_entry_edited)
        v.form.indicator_edited.connect(self.on_indicator_edited)
        v.form.copy_previous_requested.connect(r.copy_previous_task)
        v.form.field_left.connect(self.autosaver.flush_pending)
        v.narrative_edited.connect(self.on_narrative_edited)
        v.reassemble_requested.connect(self.reassemble_narrative)
        v.tabs.currentChanged.connect(self._on_tab_changed)
        v.setup_button.clicked.connect(lambda: self.open_settings())
        v.latest_button.clicked.connect(r.back_to_latest)
        v.copy_all_button.clicked.connect(r.copy_previous_all)
        v.history_button.clicked.connect(r.show_history)
        v.reopen_button.clicked.connect(r.reopen)
        v.finalize_button.clicked.connect(r.finalize)
        v.tasks_button.toggled.connect(a.show_tasks.setChecked)
        self.autosaver.saved.connect(self._on_saved)
        self.autosaver.failed.connect(self._on_save_failed)
        self.autosaver.before_flush.append(v.form.commit_pending_edit)
        for action, slot in (
            (a.export_excel, lambda: self.files.export("xlsx")),
            (a.export_pdf, lambda: self.files.export("pdf")),
            (a.export_word, lambda: self.files.export("docx")),
            (a.print_report, lambda: self.files.print_report()),
            (a.import_files, lambda: self.files.import_files()),
            (a.backup, lambda: self.data.backup()),
            (a.restore, lambda: self.data.restore()),
            (a.help, lambda: self.data.show_help()),
            (a.about, lambda: self.data.show_about()),
            (a.save, self.save_now),
            (a.quit, self.close),
            (a.monthly, lambda: v.tabs.setCurrentIndex(TAB_MONTHLY)),
            (a.quarterly, lambda: v.tabs.setCurrentIndex(TAB_QUARTERLY)),
            (a.history, r.show_history),
            (a.finalize, r.finalize),
            (a.reopen, r.reopen),
            (a.back_to_latest, r.back_to_latest),
            (a.copy_previous_task, r.copy_previous_task),
            (a.copy_previous_all, r.copy_previous_all),
            (a.previous_month, lambda: v.navigator.set_period(v.navigator.period.previous())),
            (a.next_month, self._next_month),
            (a.previous_task, lambda: self.step_task(-1)),
            (a.next_task, lambda: self.step_task(1)),
            (a.unit_settings, lambda: self.open_settings()),
            (a.task_settings, lambda: self.open_settings(tasks_page=True)),
            (a.import_tasklist, self.import_tasklist),
        ):
            action.triggered.connect(slot)
        a.show_tasks.toggled.connect(v.show_tasks)
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
        self._use_profile()
        if self.service is None and first_run_dialog:
            self.open_settings()

    def _use_profile(self) -> None:
        profile = self.workspace.profile()
        if profile is None or profile.mode == MODE_COUNTY:
            self.session.stop()
            self.view.setCurrentWidget(self.welcome)
            self._enable_report_actions(False)
            if profile is not None:
                self.reopen_requested.emit()
            return
        self.session.start(profile)
        unit = self.workspace.units.by_code(profile.unit_code)
        self.setWindowTitle(f"{unit.name} — {APP_NAME}")
        self.unit_label.setText(f"{unit.name}　绿色低碳循环发展工作推进情况填报")
        li = profile.liaison
        self.liaison_label.setText(
            f"责任科室：{li.section or '未填'}　联系人：{li.name}　电话：{li.phone}　分管领导：{li.leader or '未填'}"
        )
        self.tree_model.set_catalog(self.workspace.catalog, profile.tasks)
        self.tree.expandAll()
        self.view.setCurrentWidget(self.view.work)
        self._enable_report_actions(True)
        self.load_period(self._initial_period())
        self.form.focus_first()  # the clerk starts typing in the first task's 推进状态, not on a month button

    def use_workspace(self, workspace: Workspace) -> None:
        """A backup was restored: work on it (or let the application open the county window for it)."""
        self.session.workspace = workspace
        self.session.stop()
        self._use_profile()

    def open_settings(self, tasks_page: bool = False) -> None:
        # Imported when opened: the dialog is rare, and start-up time matters more.
        from shizhu_desktop.store.unit_directory import UnitDirectoryRepository
        from shizhu_desktop.ui.setup_dialog import PAGE_TASKS, PAGE_UNIT, SetupDialog

        page = PAGE_TASKS if tasks_page else PAGE_UNIT
        self.autosaver.flush()
        directory = UnitDirectoryRepository(self.workspace.db)
        dialog = SetupDialog(
            self.workspace.catalog, self.workspace.units, self.workspace.profile(), page, self, directory
        )
        if dialog.exec():
            save_profile(self.workspace, dialog.profile())  # the first setup also makes the key
            if dialog.county_mode:
                self.reopen_requested.emit()
                return
            self._use_profile()

    def import_tasklist(self) -> None:
        from shizhu_desktop.services.tasklist import current_tasklist
        from shizhu_desktop.ui.tasklist_actions import import_tasklist_from_file

        self.autosaver.flush()
        if import_tasklist_from_file(self, self.workspace):
            self._use_profile()
            self.show_message(f"已更新为{current_tasklist(self.workspace).label}。", 10000)

    def set_font_scale(self, scale: str) -> None:
        """Applies at once to every widget (headings follow through ``Heading``) and is remembered."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_font(app, scale)
        self.workspace.settings.set("ui.font_scale", scale)
        self.actions_.font_sizes[scale].setChecked(True)

    def _restore_ui_settings(self) -> None:
        settings = self.workspace.settings
        scale = settings.get("ui.font_scale", DEFAULT_SCALE)
        if scale in self.actions_.font_sizes:
            self.actions_.font_sizes[scale].setChecked(True)
        if settings.get("ui.tasks_shown") is False:
            self.actions_.show_tasks.setChecked(False)
        self.restore_placement(settings.get("ui.geometry"))

    def _initial_period(self) -> Period:
        """This month by the clock; the period last opened if that was earlier this same month."""
        today = self.clock()
        saved = self.workspace.settings.get("ui.last_period")
        if isinstance(saved, dict) and saved.get("on") == str(Period.of(today.date())):
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
        current_task = self.current_task()
        self.navigator.set_period(period, emit=False)
        self.session.open(period, report)
        quarterly = self.session.quarterly is not None
        self.tabs.setTabEnabled(TAB_QUARTERLY, quarterly)
        self.tabs.setTabToolTip(TAB_QUARTERLY, "" if quarterly else "季度报告在3、6、9、12月填报")
        self.actions_.quarterly.setEnabled(quarterly)
        if not quarterly:
            self.tabs.setCurrentIndex(TAB_MONTHLY)
        tasks = self.tree_model.task_numbers()
        if tasks:
            self.show_task(current_task if current_task in tasks else tasks[0])
        self._show_quarterly()
        if self.tabs.currentIndex() == TAB_QUARTERLY:
            self._on_tab_changed(TAB_QUARTERLY)
        else:
            self.refresh_states()
        today = Period.of(self.clock().date())
        self.workspace.settings.set("ui.last_period", {"period": str(period), "on": str(today)})

    def reload(self, period: Period | None = None) -> None:
        """The period's latest revisions again (after 定稿, 重新打开, an import, 返回最新版本)."""
        self.load_period(period or self.navigator.period)

    def show_report(self, report: Report) -> None:
        """A revision chosen in 历史版本, read-only unless it is the latest draft."""
        if report.kind is ReportKind.MONTHLY:
            self.load_period(report.period, report)
            self.tabs.setCurrentIndex(TAB_MONTHLY)
        else:
            self.session.show_revision(report)
            self._show_quarterly()
            self.tabs.setCurrentIndex(TAB_QUARTERLY)
        self.refresh_states()

    def refresh_states(self) -> None:
        self.status.refresh()

    def shown_kind(self) -> ReportKind:
        quarterly = self.tabs.currentIndex() == TAB_QUARTERLY and self.session.quarterly is not None
        return ReportKind.QUARTERLY if quarterly else ReportKind.MONTHLY

    def current_task(self) -> int | None:
        return self.tasks.current()

    def task_numbers(self) -> list[int]:
        return self.tree_model.task_numbers()

    def show_task(self, number: int) -> None:
        self.tasks.show(number)

    def step_task(self, step: int) -> None:
        self.tasks.step(step)

    def jump_to(self, issue: Issue) -> None:
        self.tasks.jump_to(issue)

    def typed_problems(self) -> list[Issue]:
        return self.form.typed_problems()

    # -- editing and autosave ---------------------------------------------------------------------------

    def on_entry_edited(self, entry: TaskEntry) -> None:
        if self.session.edit_entry(entry):
            self.tasks.revalidate(entry.task)

    def on_indicator_edited(self, value: IndicatorValue) -> None:
        task = self.session.edit_indicator(value)
        if task is not None:
            self.tasks.revalidate(task)

    def on_narrative_edited(self, narrative: Narrative) -> None:
        self.session.edit_narrative(narrative)

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
        self.show_message(message, 15000)

    def save_now(self) -> None:
        if self.autosaver.flush() and not self.saved_label.text():
            now = now_china()
            self.saved_label.setText(f"已保存 {now.hour:02d}:{now.minute:02d}:{now.second:02d}")

    # -- quarterly report -------------------------------------------------------------------------------

    def _show_quarterly(self) -> None:
        report = self.session.quarterly
        if report is None:
            return
        heading = f"{report.period.quarter_label}工作推进情况报告"
        read_only = not self.session.editable(report)
        status = "根据本季度月报自动汇总，可直接修改。" if not read_only else f"第{report.revision}版，只读。"
        self.view.show_narrative(heading, report.narrative or Narrative(), read_only, status)

    def _on_tab_changed(self, index: int) -> None:
        report = self.session.quarterly
        editable = index == TAB_QUARTERLY and report is not None and self.session.editable(report)
        if editable and report is not None and (report.narrative is None or report.narrative.is_empty()):
            self.reassemble_narrative(confirm=False)
        self.refresh_states()

    def reassemble_narrative(self, confirm: bool = True) -> None:
        report = self.session.quarterly
        if report is None or not self.session.editable(report):
            return
        current = report.narrative
        question = "重新汇总会替换季度报告中现有的文字，确定吗？"
        has_text = current is not None and not current.is_empty()
        from shizhu_desktop.ui import messages  # Qt's message box classes: when a question is asked (start-up)

        if confirm and has_text and not messages.ask(self, APP_NAME, question, default_yes=False):
            return
        if self.session.reassemble_narrative() is not None:
            self._show_quarterly()

    # -- window events ----------------------------------------------------------------------------------

    def _enable_report_actions(self, enabled: bool) -> None:
        for name in REPORT_ACTIONS:
            getattr(self.actions_, name).setEnabled(enabled)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Never ask "save?": everything typed is saved, now.
        self.autosaver.flush()
        settings = self.workspace.settings
        settings.set("ui.geometry", bytes(self.saveGeometry().toBase64().data()).decode("ascii"))
        settings.set("ui.tasks_shown", self.view.tasks_shown)
        super().closeEvent(event)
