"""The 文件 menu's report work in the clerk's window: export, print, and importing report files."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QWidget

from shizhu_desktop import APP_NAME
from shizhu_desktop.domain.report import Report, ReportKind, now_china
from shizhu_desktop.services.identity import ClockError
from shizhu_desktop.store.export_log import ExportLog
from shizhu_desktop.ui import messages
from shizhu_desktop.ui.file_outcome import busy, open_path, written_box
from shizhu_desktop.ui.folders import FolderMemory
from shizhu_desktop.ui.report_session import ReportSession

#: Print files kept in the data folder's 打印 folder; older ones are removed (those a viewer holds open stay).
KEEP_PRINT_FILES = 30


class FileActions(QObject):
    """Export, print and import for the report shown; the window supplies which report and what to refresh."""

    def __init__(
        self,
        session: ReportSession,
        parent: QWidget,
        shown_kind: Callable[[], ReportKind],
        exported: Callable[[], None],
        imported: Callable[[], None],
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.parent_widget = parent
        self.shown_kind = shown_kind
        self.exported = exported  # the banner says 已导出 afterwards
        self.imported = imported  # imported revisions may change what the period shows

    @property
    def folders(self) -> FolderMemory:
        return FolderMemory(self.session.workspace.settings)

    def _report(self) -> Report | None:
        self.session.autosaver.flush()
        return self.session.shown(self.shown_kind())

    # -- export -----------------------------------------------------------------------------------------

    def export(self, fmt: str) -> Path | None:
        report = self._report()
        if report is None:
            return None
        folder = QFileDialog.getExistingDirectory(
            self.parent_widget, "选择保存导出文件的文件夹", self.folders.start("export")
        )
        if not folder:
            return None
        self.folders.remember("export", folder)
        path = self._write(report, fmt, Path(folder))
        if path is None:
            return None
        self._log(report, fmt, path)
        kind = {"xlsx": "Excel", "docx": "Word"}.get(fmt, "PDF")
        draft = "" if report.is_final else "注意：这份报表还是草稿，正式报送前请先定稿，再重新导出。"
        written_box(self.parent_widget, f"已导出{kind}文件：\n{path}", path, draft)
        return path

    def _write(self, report: Report, fmt: str, folder: Path) -> Path | None:
        """Write the file (asking first when some characters have no font); None when not written."""
        try:
            return self._export(report, fmt, folder)
        except OSError as exc:
            messages.warn(
                self.parent_widget,
                APP_NAME,
                f"无法写入文件：{exc.strerror or exc}。请换一个文件夹，或关闭正在打开这个文件的程序后再试。",
            )
            return None

    def _export(self, report: Report, fmt: str, folder: Path) -> Path | None:
        # Imported on use: openpyxl and reportlab stay out of start-up.
        from shizhu_desktop.services import exporting

        workspace = self.session.workspace
        refused, problem = "", ""
        with busy():
            try:
                path: Path = exporting.export_report(workspace, report, fmt, folder)
                return path
            except (exporting.ExportFormatError, ClockError) as exc:  # a Word monthly table; a wrong PC date
                refused = str(exc)
            except exporting.MissingGlyphsError as exc:
                problem = str(exc)
        if refused:
            messages.inform(self.parent_widget, APP_NAME, refused)
            return None
        if not messages.ask(self.parent_widget, APP_NAME, f"{problem}\n\n仍然导出吗？（这些字会显示为空白）"):
            return None
        with busy():
            forced: Path = exporting.export_report(workspace, report, fmt, folder, allow_missing=True)
            return forced

    def _log(self, report: Report, kind: str, path: Path) -> None:
        if report.id is not None:
            workspace = self.session.workspace
            # The PC's own time, as every audit row (a window's test clock must not date the trail).
            ExportLog(workspace.db, workspace.reports.who).record(report.id, kind, path, now_china())
        self.exported()

    # -- print ------------------------------------------------------------------------------------------

    def print_folder(self) -> Path:
        return self.session.workspace.path.parent / "打印"

    def print_report(self) -> Path | None:
        """A PDF under a new name each time (a viewer may hold the last one open), opened in the system's
        PDF viewer to print from; the clerk is told where it is, with 打开所在文件夹."""
        report = self._report()
        if report is None:
            return None
        folder = self.print_folder()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix="正在生成-", dir=folder))
        except OSError as exc:
            messages.warn(self.parent_widget, APP_NAME, f"无法建立打印文件夹 {folder}：{exc.strerror or exc}。")
            return None
        try:
            written = self._write(report, "pdf", staging)
            path = self._unique(folder, written) if written is not None else None
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        if path is None:
            return None
        self._log(report, "print", path)
        self._prune(folder)
        if open_path(path):
            text = f"已在PDF阅读器中打开，请在阅读器中选择“打印”（一般是 Ctrl+P）。\n\n文件：{path}"
        else:
            text = (
                "PDF已生成，但这台电脑没有能打开PDF的程序。请安装PDF阅读器，或把文件拷到能打印的电脑上。"
                f"\n\n文件：{path}"
            )
        written_box(self.parent_widget, text, path)
        return path

    def _unique(self, folder: Path, written: Path) -> Path:
        stamp = now_china()
        base = f"{written.stem}_打印{stamp.year:04d}{stamp.month:02d}{stamp.day:02d}-{stamp.hour:02d}{stamp.minute:02d}"
        target, counter = folder / f"{base}{written.suffix}", 1
        while target.exists():
            counter += 1
            target = folder / f"{base}-{counter}{written.suffix}"
        written.replace(target)  # a name nothing holds open: the rename cannot be refused
        return target

    @staticmethod
    def _prune(folder: Path) -> None:
        printed = sorted(folder.glob("*.pdf"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in printed[KEEP_PRINT_FILES:]:
            with suppress(OSError):  # open in a viewer on Windows: removed another time
                old.unlink()

    # -- import -----------------------------------------------------------------------------------------

    def import_files(self) -> Any:
        self.session.autosaver.flush()
        names, _ = QFileDialog.getOpenFileNames(
            self.parent_widget, "选择要导入的报表文件", self.folders.start("import"), "报表文件 (*.xlsx *.json)"
        )
        if not names:
            return None
        self.folders.remember("import", names[0])
        return self.run_import([Path(n) for n in names])

    def run_import(self, paths: list[Path]) -> Any:
        from shizhu_desktop.ui.import_dialog import ImportDialog

        workspace = self.session.workspace
        dialog = ImportDialog(workspace.path, workspace.units, paths, self.parent_widget, self.folders)
        dialog.panel.finished.connect(lambda _results: self.imported())
        dialog.open()
        return dialog
