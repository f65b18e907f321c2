"""Importing report files: drop files or folders, preview what would change, import off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QThread, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shizhu_desktop.domain.units import UnitRegistry
from shizhu_desktop.services.exchange import ImportResult
from shizhu_desktop.ui.folders import FolderMemory, documents_dir
from shizhu_desktop.ui.import_results import ImportResultsModel
from shizhu_desktop.ui.import_worker import ImportWorker
from shizhu_desktop.ui.receipt_options import ReceiptOptions


class ImportPanel(QWidget):
    """The county's import page; also embedded in the unit's 导入报表文件 dialog."""

    finished = Signal(list)  # list[ImportResult], after a real (not preview) import

    def __init__(
        self,
        db_path: Path,
        units: UnitRegistry,
        parent: QWidget | None = None,
        folders: FolderMemory | None = None,
        today: Callable[[], date] | None = None,
    ) -> None:
        super().__init__(parent)
        #: The county asks for the batch's 收件日期 (and may let old unsigned files in); a unit's own import
        #: (reports moved from another PC) has no such question.
        self.receipt = ReceiptOptions(today, self) if today is not None else None
        self.db_path = db_path
        self.folders = folders
        self.setAcceptDrops(True)
        self._thread: QThread | None = None
        self._worker: ImportWorker | None = None
        self._pending: list[Path] = []
        self._dry_run = False
        self.drop_area = QLabel("把各单位发来的报表文件（.xlsx、.json）或整个文件夹拖到这里", self)
        self.drop_area.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.drop_area.setFrameShape(QFrame.Shape.StyledPanel)
        self.drop_area.setMinimumHeight(60)
        self.drop_area.setStyleSheet("border: 2px dashed #8aa; color: #456; background: #f7fafc;")
        self.choose_files = QPushButton("选择文件…", self)
        self.choose_folder = QPushButton("选择文件夹…", self)
        self.preview = QCheckBox("先预览，不写入", self)
        self.preview.setToolTip("只检查文件并显示导入后会有什么变化，确认后再导入")
        self.confirm = QPushButton("确认导入（写入数据库）", self)
        self.confirm.setVisible(False)
        self.cancel = QPushButton("取消", self)
        self.cancel.setVisible(False)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.preview_note = QLabel("预览（尚未写入）：下表列出的是导入后将会发生的变化，数据库还没有任何改动。", self)
        self.preview_note.setWordWrap(True)
        self.preview_note.setStyleSheet("background: #fff4d6; color: #8a5a00; padding: 4px; font-weight: bold;")
        self.preview_note.setVisible(False)
        self.progress = QProgressBar(self)
        self.progress.setVisible(False)
        self.model = ImportResultsModel(units, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # long file names keep their ends
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        buttons = QHBoxLayout()
        for widget in (self.choose_files, self.choose_folder, self.preview):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        buttons.addWidget(self.confirm)
        buttons.addWidget(self.cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.drop_area)
        if self.receipt is not None:
            layout.addWidget(self.receipt)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.preview_note)
        layout.addWidget(self.table, 1)
        self.choose_files.clicked.connect(self.ask_files)
        self.choose_folder.clicked.connect(self.ask_folder)
        self.confirm.clicked.connect(lambda: self.start(self._pending, dry_run=False))
        self.cancel.clicked.connect(self.request_cancel)

    # -- choosing files ---------------------------------------------------------------------------------

    def _start_dir(self) -> str:
        return self.folders.start("import") if self.folders is not None else str(documents_dir())

    def _remember(self, chosen: str) -> None:
        if self.folders is not None:
            self.folders.remember("import", chosen)

    def ask_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "选择报表文件", self._start_dir(), "报表文件 (*.xlsx *.json)")
        if names:
            self._remember(names[0])
            self.start([Path(n) for n in names], dry_run=self.preview.isChecked())

    def ask_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "选择存放报表文件的文件夹", self._start_dir())
        if folder:
            self._remember(folder)
            self.start([Path(folder)], dry_run=self.preview.isChecked())

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and not self.is_running:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.start(paths, dry_run=self.preview.isChecked())

    # -- running ----------------------------------------------------------------------------------------

    @property
    def is_running(self) -> bool:
        return self._thread is not None

    def start(self, paths: list[Path], *, dry_run: bool = False) -> None:
        if self.is_running or not paths:
            return
        self._pending, self._dry_run = list(paths), dry_run
        self.confirm.setVisible(False)
        self.preview_note.setVisible(False)
        self.cancel.setVisible(True)
        self.progress.setVisible(True)
        self.progress.setValue(0)
        self.status.setText("正在检查文件…")
        for widget in (self.choose_files, self.choose_folder, self.preview, self.receipt):
            if widget is not None:
                widget.setEnabled(False)
        thread = QThread(self)
        receipt = self.receipt
        worker = ImportWorker(
            self.db_path,
            self._pending,
            dry_run,
            receipt.received_on() if receipt is not None else None,
            receipt.unsigned_allowed() if receipt is not None else False,
        )
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.progressed.connect(self._on_progress)
        worker.finished.connect(self._on_finished)
        worker.failed.connect(self._on_failed)
        self._thread, self._worker = thread, worker
        thread.start()

    def _on_progress(self, done: int, total: int, name: str) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)
        self.status.setText(f"{'正在检查' if self._dry_run else '正在导入'}第{done + 1}个，共{total}个：{name}")

    def _on_finished(self, results: list[ImportResult]) -> None:
        self._stop()
        self.model.set_results(results, self._dry_run)
        counts = "，".join(f"{label}{n}个" for label, n in self.model.counts().items()) or "没有找到报表文件"
        if self._dry_run:
            self.status.setText(f"预览（尚未写入）：{counts}。确认无误后点“确认导入（写入数据库）”。")
            self.preview_note.setVisible(True)
            self.confirm.setVisible(bool(results))
        else:
            self.status.setText(f"导入完成：{counts}。")
            self.finished.emit(results)

    def _on_failed(self, message: str) -> None:
        self._stop()
        self.status.setText(message)

    def request_cancel(self) -> None:
        if self._worker is not None:
            self._worker.cancel()
            self.status.setText("正在取消…（正在处理的文件会处理完）")

    def _stop(self) -> None:
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
        self._thread, self._worker = None, None
        self.cancel.setVisible(False)
        self.progress.setVisible(False)
        for widget in (self.choose_files, self.choose_folder, self.preview, self.receipt):
            if widget is not None:
                widget.setEnabled(True)

    def wait(self) -> None:
        """Block until a running import is over (tests, and closing the window)."""
        if self._thread is not None:
            self._thread.wait()
