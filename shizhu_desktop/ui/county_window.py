"""The county office's window (县级汇总): import the units' files, see who is late, consolidate."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QTabWidget, QVBoxLayout, QWidget

from shizhu_desktop import APP_NAME
from shizhu_desktop.domain.periods import Period
from shizhu_desktop.domain.report import now_china
from shizhu_desktop.services.exchange import ImportResult, Outcome
from shizhu_desktop.services.identity import save_profile
from shizhu_desktop.services.workspace import Workspace
from shizhu_desktop.ui.actions import add_font_menu
from shizhu_desktop.ui.data_actions import DataActions
from shizhu_desktop.ui.db_guard import DatabaseGuard
from shizhu_desktop.ui.folders import FolderMemory
from shizhu_desktop.ui.fonts import DEFAULT_SCALE, apply_font
from shizhu_desktop.ui.import_panel import ImportPanel
from shizhu_desktop.ui.summary_page import SummaryPage
from shizhu_desktop.ui.timeliness_page import TimelinessPage
from shizhu_desktop.ui.widgets import Heading
from shizhu_desktop.ui.window_base import AppWindow

Clock = Callable[[], datetime]


class CountyWindow(AppWindow):
    def __init__(self, workspace: Workspace, clock: Clock = now_china) -> None:
        super().__init__()
        self.workspace = workspace
        self.clock = clock
        office = workspace.units.receiving_office
        self.setWindowTitle(f"{office.name} — {APP_NAME}（县级汇总）")
        self.title = Heading(f"{office.name}　绿色低碳循环发展工作推进情况汇总", self, factor=1.15)
        folders = FolderMemory(workspace.settings)
        self.import_panel = ImportPanel(workspace.path, workspace.units, self, folders, lambda: self.clock().date())
        self.import_panel.finished.connect(self.on_imported)
        self.timeliness_page = TimelinessPage(workspace, clock, self, folders)
        self.summary_page = SummaryPage(workspace, clock, self, folders)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.import_panel, "导入报表")
        self.tabs.addTab(self.timeliness_page, "报送情况")
        self.tabs.addTab(self.summary_page, "汇总报告")
        self.tabs.setUsesScrollButtons(False)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 6, 8, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.data = DataActions(lambda: self.workspace, self, lambda: None, lambda: None, self.use_workspace)
        self._init_menus()
        scale = workspace.settings.get("ui.font_scale", DEFAULT_SCALE)
        if scale in self.font_sizes:
            self.font_sizes[scale].setChecked(True)
        self.restore_placement(workspace.settings.get("ui.county_geometry"))
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
        self._add(file_menu, "导出重点任务清单…", "", self.export_tasklist)
        file_menu.addSeparator()
        self._add(file_menu, "备份…", "", self.data.backup)
        self.restore_action = self._add(file_menu, "恢复…", "", self.data.restore)
        file_menu.addSeparator()
        self._add(file_menu, "退出", "Ctrl+Q", self.close)
        settings_menu = bar.addMenu("设置(&S)")
        self._add(settings_menu, "本机用途与联络信息…", "", self.open_settings)
        self._add(settings_menu, "编辑重点任务清单…", "", self.edit_tasklist)
        self._add(settings_menu, "单位联系人与机关名称…", "", self.edit_contacts)
        self._add(settings_menu, "单位密钥（核对指纹）…", "Ctrl+K", self.edit_keys)
        self.font_sizes = add_font_menu(self, settings_menu)
        for name, action in self.font_sizes.items():
            action.triggered.connect(lambda _checked=False, n=name: self.set_font_scale(n))
        help_menu = bar.addMenu("帮助(&H)")
        self._add(help_menu, "使用说明", "F1", self.data.show_help)
        self._add(help_menu, "关于", "", self.data.show_about)

    def _add(self, menu: QMenu, text: str, shortcut: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
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
        self.show_message(message + "。", 15000)
        self.timeliness_page.refresh()
        self.summary_page.refresh()

    def edit_keys(self) -> None:
        from shizhu_desktop.ui.keys_dialog import KeysDialog

        KeysDialog(self.workspace, self).exec()
        self.timeliness_page.refresh()  # a confirmed or refused key changes the marks and what counts

    def open_settings(self) -> None:
        from shizhu_desktop.store.unit_directory import UnitDirectoryRepository
        from shizhu_desktop.ui.setup_dialog import PAGE_UNIT, SetupDialog

        directory = UnitDirectoryRepository(self.workspace.db)
        dialog = SetupDialog(
            self.workspace.catalog, self.workspace.units, self.workspace.profile(), PAGE_UNIT, self, directory
        )
        if dialog.exec():
            profile = dialog.profile()
            save_profile(self.workspace, profile)  # the first setup also makes the county key
            if not dialog.county_mode:
                self.reopen_requested.emit()

    def edit_tasklist(self) -> None:
        from shizhu_desktop.ui.tasklist_editor import TaskListEditor

        TaskListEditor(self.workspace, self).exec()
        # A published list changes who is expected to report and the indicators' targets.
        self.timeliness_page.refresh()
        self.summary_page.refresh()

    def edit_contacts(self) -> None:
        from shizhu_desktop.store.unit_directory import UnitDirectoryRepository
        from shizhu_desktop.ui.contacts_dialog import ContactsDialog

        ContactsDialog(self.workspace.units, UnitDirectoryRepository(self.workspace.db), self).exec()
        self.timeliness_page.refresh()  # the 催报名单 shows the contacts

    def export_tasklist(self) -> None:
        from shizhu_desktop.ui.tasklist_actions import export_tasklist_to_folder

        export_tasklist_to_folder(self, self.workspace)

    def set_font_scale(self, scale: str) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_font(app, scale)
        self.workspace.settings.set("ui.font_scale", scale)

    def use_workspace(self, workspace: Workspace) -> None:
        """A backup was restored: the application rebuilds the window for it (unit or county)."""
        self.workspace = workspace
        self.reopen_requested.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.import_panel.wait()
        geometry = bytes(self.saveGeometry().toBase64().data()).decode("ascii")
        self.workspace.settings.set("ui.county_geometry", geometry)
        super().closeEvent(event)
