"""The county office's window (县级汇总): import the units' files, see who is late, consolidate."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMessageBox, QTabWidget, QVBoxLayout, QWidget

from shizhu_desktop import APP_NAME, __version__
from shizhu_desktop.domain.periods import Period
from shizhu_desktop.domain.report import now_china
from shizhu_desktop.services.exchange import ImportResult, Outcome
from shizhu_desktop.services.workspace import Workspace
from shizhu_desktop.store.unit_directory import UnitDirectoryRepository
from shizhu_desktop.ui.backups_dialog import backup_to_file, restore_chosen
from shizhu_desktop.ui.contacts_dialog import ContactsDialog
from shizhu_desktop.ui.db_guard import DatabaseGuard
from shizhu_desktop.ui.help_dialog import HelpDialog
from shizhu_desktop.ui.import_panel import ImportPanel
from shizhu_desktop.ui.setup_dialog import PAGE_UNIT, SetupDialog
from shizhu_desktop.ui.summary_page import SummaryPage
from shizhu_desktop.ui.tasklist_actions import export_tasklist_to_folder
from shizhu_desktop.ui.tasklist_editor import TaskListEditor
from shizhu_desktop.ui.timeliness_page import TimelinessPage
from shizhu_desktop.ui.window_base import AppWindow

Clock = Callable[[], datetime]


class CountyWindow(AppWindow):
    def __init__(self, workspace: Workspace, clock: Clock = now_china) -> None:
        super().__init__()
        self.workspace = workspace
        self.clock = clock
        office = workspace.units.receiving_office
        self.setWindowTitle(f"{APP_NAME}（{office.name}汇总）")
        self.title = QLabel(f"{office.name}　绿色低碳循环发展工作推进情况汇总", self)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.import_panel = ImportPanel(workspace.path, workspace.units, self)
        self.import_panel.finished.connect(self.on_imported)
        self.timeliness_page = TimelinessPage(workspace, clock, self)
        self.summary_page = SummaryPage(workspace, clock, self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.import_panel, "导入报表")
        self.tabs.addTab(self.timeliness_page, "报送情况")
        self.tabs.addTab(self.summary_page, "汇总报告")
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.addWidget(self.title)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self._init_menus()
        self.resize(1180, 760)
        self.guard = DatabaseGuard(self)  # read-only banner; stops if the database file is replaced

    def _init_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("文件(&F)")
        self.import_files_action = self._add(file_menu, "导入报表文件…", "Ctrl+I", self.import_panel.ask_files)
        self.import_folder_action = self._add(file_menu, "导入文件夹…", "Ctrl+Shift+I", self.import_panel.ask_folder)
        file_menu.addSeparator()
        self._add(file_menu, "导出汇总Excel…", "Ctrl+E", lambda: self.summary_page.export("xlsx"))
        self._add(file_menu, "导出通报PDF…", "Ctrl+Shift+E", lambda: self.summary_page.export("pdf"))
        self._add(file_menu, "导出通报Word…", "", lambda: self.summary_page.export("docx"))
        self._add(file_menu, "导出催报名单…", "", self.timeliness_page.export_reminders)
        self._add(file_menu, "导出重点任务清单…", "", lambda: export_tasklist_to_folder(self, self.workspace))
        file_menu.addSeparator()
        self._add(file_menu, "备份…", "", lambda: backup_to_file(self))
        self.restore_action = self._add(file_menu, "恢复…", "", lambda: restore_chosen(self))
        file_menu.addSeparator()
        self._add(file_menu, "退出", "Ctrl+Q", self.close)
        settings_menu = bar.addMenu("设置(&S)")
        self._add(settings_menu, "本机用途与联络信息…", "", self.open_settings)
        self._add(settings_menu, "编辑重点任务清单…", "", self.edit_tasklist)
        self._add(settings_menu, "单位联系人与机关名称…", "", self.edit_contacts)
        help_menu = bar.addMenu("帮助(&H)")
        self._add(help_menu, "使用说明", "F1", lambda: HelpDialog(self).exec())
        self._add(help_menu, "关于", "", self.show_about)

    def _add(self, menu: object, text: str, shortcut: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)  # type: ignore[attr-defined]
        return action

    @property
    def today(self) -> Period:
        return Period.of(self.clock().date())

    def on_imported(self, results: list[ImportResult]) -> None:
        """After an import: say what happened, and refresh the views built on the imported reports."""
        imported = sum(1 for r in results if r.outcome in (Outcome.IMPORTED, Outcome.SUPERSEDED))
        refused = sum(1 for r in results if r.outcome.is_failure)
        message = f"本次导入{imported}份报表"
        if refused:
            message += f"，{refused}个文件未导入（原因见列表）"
        self.statusBar().showMessage(message + "。", 15000)
        self.timeliness_page.refresh()
        self.summary_page.refresh()

    def open_settings(self) -> None:
        directory = UnitDirectoryRepository(self.workspace.db)
        dialog = SetupDialog(
            self.workspace.catalog, self.workspace.units, self.workspace.profile(), PAGE_UNIT, self, directory
        )
        if dialog.exec():
            profile = dialog.profile()
            self.workspace.profiles.save(profile)
            if not dialog.county_mode:
                self.reopen_requested.emit()

    def edit_tasklist(self) -> None:
        TaskListEditor(self.workspace, self).exec()
        # A published list changes who is expected to report and the indicators' targets.
        self.timeliness_page.refresh()
        self.summary_page.refresh()

    def edit_contacts(self) -> None:
        ContactsDialog(self.workspace.units, UnitDirectoryRepository(self.workspace.db), self).exec()
        self.timeliness_page.refresh()  # the 催报名单 shows the contacts

    def show_about(self) -> None:
        QMessageBox.about(self, "关于", f"<b>{APP_NAME}</b> {__version__}<br><br>县级汇总：{self.workspace.path}")

    def closeEvent(self, event: QCloseEvent) -> None:
        self.import_panel.wait()
        super().closeEvent(event)
