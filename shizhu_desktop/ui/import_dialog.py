"""Importing report files off the GUI thread, with progress, cancel, and each file's outcome listed."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QProgressBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shizhu_desktop.services.exchange import ImportResult, import_files
from shizhu_desktop.services.workspace import Workspace


class ImportWorker(QObject):
    """Runs in its own thread with its own database connection; never touches widgets."""

    progressed = Signal(int, int, str)  # done, total, file name
    finished = Signal(list)  # list[ImportResult]
    failed = Signal(str)

    def __init__(self, db_path: Path, paths: list[Path], dry_run: bool = False) -> None:
        super().__init__()
        self.db_path = db_path
        self.paths = paths
        self.dry_run = dry_run
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        try:
            workspace = Workspace.open(self.db_path)
        except Exception as exc:
            self.failed.emit(f"无法打开数据库：{exc}")
            return
        try:

            def progress(done: int, total: int, path: Path) -> bool:
                self.progressed.emit(done, total, path.name)
                return not self._cancel.is_set()

            results = import_files(workspace, self.paths, dry_run=self.dry_run, progress=progress)
            self.finished.emit(results)
        except Exception as exc:
            self.failed.emit(f"导入时出错：{exc}")
        finally:
            workspace.close()


class ImportDialog(QDialog):
    """Shows progress while importing, then one row per file: 已导入 / 已有相同版本 / 已拒绝（原因）…"""

    imported = Signal(list)

    def __init__(self, db_path: Path, paths: list[Path], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("导入报表文件")
        self.resize(760, 420)
        self.label = QLabel("正在检查文件…", self)
        self.progress = QProgressBar(self)
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels(["文件", "结果"])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.rejected.connect(self._on_cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.progress)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.results: list[ImportResult] = []
        self._thread = QThread(self)
        self._worker = ImportWorker(db_path, paths)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progressed.connect(self._on_progress)
        self._worker.finished.connect(self._on_finished)
        self._worker.failed.connect(self._on_failed)
        self._running = True
        self._thread.start()

    def _on_progress(self, done: int, total: int, name: str) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)
        self.label.setText(f"正在导入第{done + 1}个，共{total}个：{name}")

    def _on_finished(self, results: list[ImportResult]) -> None:
        self._stop()
        self.results = results
        self.progress.setValue(self.progress.maximum())
        counts: dict[str, int] = {}
        for result in results:
            counts[result.outcome.label] = counts.get(result.outcome.label, 0) + 1
            row = self.table.rowCount()
            self.table.insertRow(row)
            self.table.setItem(row, 0, QTableWidgetItem(result.path.name))
            detail = f"{result.outcome.label}" + (f"（{result.message}）" if result.message else "")
            item = QTableWidgetItem(detail)
            if result.outcome.is_failure:
                item.setForeground(QColor("#a61b1b"))
                item.setToolTip(result.message)
            self.table.setItem(row, 1, item)
        self.table.resizeRowsToContents()
        summary = "，".join(f"{label}{n}个" for label, n in counts.items()) or "没有找到报表文件"
        self.label.setText(f"导入完成：{summary}。")
        self.imported.emit(results)

    def _on_failed(self, message: str) -> None:
        self._stop()
        self.label.setText(message)

    def _stop(self) -> None:
        self._running = False
        self._thread.quit()
        self._thread.wait()
        self.buttons.clear()
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText("关闭")

    def _on_cancel(self) -> None:
        if self._running:
            self._worker.cancel()
            self.label.setText("正在取消…（已开始的文件会导入完）")
        else:
            self.accept()

    def wait_finished(self) -> None:
        self._thread.wait()
