"""The 文件 and 帮助 menus' work: export, print, import, backup, restore, the user guide and 关于."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QMessageBox

from shizhu_desktop import APP_NAME, __version__
from shizhu_desktop.fileio import fresh_folder, write_error
from shizhu_desktop.ui.backups_dialog import backup_to_file, restore_chosen
from shizhu_desktop.ui.help_dialog import HelpDialog
from shizhu_desktop.ui.import_dialog import ImportDialog

if TYPE_CHECKING:
    from shizhu_desktop.ui.main_window import MainWindow


class FileActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        a = window.actions_
        a.export_excel.triggered.connect(lambda: self.export("xlsx"))
        a.export_pdf.triggered.connect(lambda: self.export("pdf"))
        # Word copy of the quarterly report (offices edit it before issuing), placed right after 导出PDF.
        self.export_word = QAction("导出季度报告Word…", window)
        self.export_word.setStatusTip("导出季度工作推进情况报告的Word文件（docx），可在WPS或Word中修改后印发")
        self.export_word.triggered.connect(lambda: self.export("docx"))
        for menu in a.export_pdf.associatedObjects():
            if isinstance(menu, QMenu):
                menu.insertAction(a.print_report, self.export_word)
        a.print_report.triggered.connect(self.print_report)
        a.import_files.triggered.connect(self.import_files)
        a.backup.triggered.connect(self.backup)
        a.restore.triggered.connect(self.restore)
        a.help.triggered.connect(self.show_help)
        a.about.triggered.connect(self.show_about)

    def update_enabled(self) -> None:
        a = self.window.actions_
        for action in (a.export_excel, a.export_pdf, a.print_report, self.export_word):
            action.setEnabled(self.window.service is not None)

    # -- export and print -------------------------------------------------------------------------------

    def _report(self) -> Any:
        self.window.autosaver.flush()
        return self.window._shown_report()

    def export(self, fmt: str) -> Path | None:
        report = self._report()
        if report is None:
            return None
        settings = self.window.workspace.settings
        start = settings.get("ui.last_export_dir") or str(Path.home())
        folder = QFileDialog.getExistingDirectory(self.window, "选择保存导出文件的文件夹", start)
        if not folder:
            return None
        settings.set("ui.last_export_dir", folder)
        path = self._write(report, fmt, Path(folder))
        if path is None:
            return None
        kind = {"xlsx": "Excel", "docx": "Word"}.get(fmt, "PDF")
        box = QMessageBox(QMessageBox.Icon.Information, APP_NAME, f"已导出{kind}文件：\n{path}", parent=self.window)
        open_folder = box.addButton("打开所在文件夹", QMessageBox.ButtonRole.ActionRole)
        box.addButton("关闭", QMessageBox.ButtonRole.RejectRole)
        if not report.is_final:
            box.setInformativeText("注意：这份报表还是草稿，正式报送前请先定稿。")
        box.exec()
        if box.clickedButton() is open_folder:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))
        return path

    def _write(self, report: Any, fmt: str, folder: Path) -> Path | None:
        # Imported on use: openpyxl and reportlab stay out of start-up.
        from shizhu_desktop.services import exporting

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            try:
                path: Path = exporting.export_report(self.window.workspace, report, fmt, folder)
                return path
            except exporting.MissingGlyphsError as exc:
                QApplication.restoreOverrideCursor()
                answer = QMessageBox.question(self.window, APP_NAME, f"{exc}\n\n仍然导出吗？（这些字会显示为空白）")
                QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
                if answer != QMessageBox.StandardButton.Yes:
                    return None
                forced: Path = exporting.export_report(self.window.workspace, report, fmt, folder, allow_missing=True)
                return forced
            except exporting.ExportFormatError as exc:
                QMessageBox.information(self.window, APP_NAME, str(exc))
                return None
        except OSError as exc:
            QMessageBox.warning(
                self.window,
                APP_NAME,
                f"无法写入文件：{exc.strerror or exc}。请换一个文件夹，或关闭正在打开这个文件的程序。",
            )
            return None
        finally:
            QApplication.restoreOverrideCursor()

    def print_report(self) -> None:
        report = self._report()
        if report is None:
            return
        prints = self.window.workspace.path.parent / "打印"
        try:  # a new folder each time: the copy still open in the PDF viewer is never written over
            folder = fresh_folder(prints)
        except OSError as exc:
            QMessageBox.warning(self.window, APP_NAME, str(write_error(exc, prints)))
            return
        path = self._write(report, "pdf", folder)
        if path is not None and not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            QMessageBox.information(self.window, APP_NAME, f"PDF已生成，请用PDF阅读器打开后打印：\n{path}")

    # -- import -----------------------------------------------------------------------------------------

    def import_files(self) -> None:
        self.window.autosaver.flush()
        names, _ = QFileDialog.getOpenFileNames(
            self.window, "选择要导入的报表文件", str(Path.home()), "报表文件 (*.xlsx *.json)"
        )
        if names:
            self.run_import([Path(n) for n in names])

    def run_import(self, paths: list[Path]) -> ImportDialog:
        dialog = ImportDialog(self.window.workspace.path, self.window.workspace.units, paths, self.window)
        dialog.panel.finished.connect(lambda _results: self.window.load_period(self.window.navigator.period))
        dialog.open()
        return dialog

    # -- backup and restore -----------------------------------------------------------------------------

    def backup(self) -> Path | None:
        self.window.autosaver.flush()
        return backup_to_file(self.window)

    def restore(self) -> bool:
        self.window.autosaver.flush()
        return restore_chosen(self.window)

    # -- help -------------------------------------------------------------------------------------------

    def show_help(self) -> None:
        HelpDialog(self.window).exec()

    def show_about(self) -> None:
        QMessageBox.about(
            self.window,
            "关于",
            f"<b>{APP_NAME}</b> {__version__}<br><br>"
            "石柱县加快建立健全绿色低碳循环经济体系工作推进情况填报程序。<br>"
            "数据只保存在本机，不需要联网。<br><br>"
            f"数据库：{self.window.workspace.path}",
        )
