"""使用说明: the Chinese user guide shipped in docs/, shown in a window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from shizhu_desktop.paths import resources_dir


def docs_dir() -> Path:
    return resources_dir().parent / "docs"


def user_guide_text() -> str:
    guide = docs_dir() / "使用说明.md"
    try:
        return guide.read_text(encoding="utf-8")
    except OSError:
        return "# 使用说明\n\n找不到使用说明文件（docs/使用说明.md）。程序安装可能不完整，请重新安装。"


class HelpDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("使用说明")
        self.resize(760, 600)
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(False)
        self.browser.setSearchPaths([str(docs_dir())])  # the guide's screenshots
        self.browser.setMarkdown(user_guide_text())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
