"""导入报表文件 for a unit: the import panel in a dialog, started on the chosen files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from shizhu_desktop.domain.units import UnitRegistry
from shizhu_desktop.ui.folders import FolderMemory
from shizhu_desktop.ui.import_panel import ImportPanel


class ImportDialog(QDialog):
    def __init__(
        self,
        db_path: Path,
        units: UnitRegistry,
        paths: list[Path],
        parent: QWidget | None = None,
        folders: FolderMemory | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("导入报表文件")
        self.resize(820, 460)
        self.panel = ImportPanel(db_path, units, self, folders)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel, 1)
        layout.addWidget(buttons)
        self.panel.start(paths)

    def reject(self) -> None:
        # Closing waits for the file being imported: a half-imported file would be a lie.
        if self.panel.is_running:
            self.panel.request_cancel()
            self.panel.wait()
        super().reject()
