"""帮助 → 关于: the version, the database, the task list in force and the fonts each PDF role uses, copyable."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from shizhu_desktop import APP_NAME, __version__
from shizhu_desktop.ui.appearance import app_icon
from shizhu_desktop.ui.widgets import Heading


def font_lines() -> list[str]:
    """One line per PDF role: the font the exporters would use on this PC, or why it cannot be said."""
    # Asked only when the dialog opens: the font search reads the font folders (and stays out of start-up).
    try:
        from shizhu_desktop.exports.fonts import FontRole, choose_fonts

        choice = choose_fonts()
        lines = []
        for role in FontRole:
            source = choice.roles[role]
            origin = "程序自带（本机没有公文字体）" if source.bundled else str(source.path)
            lines.append(f"  {role.label}：{source.family}　{origin}")
        return lines
    except Exception as exc:  # the About box must open even if the font search fails; say why instead
        return [f"  无法查找字体：{exc}"]


def about_lines(db_path: Path, tasklist_label: str, mode: str, extra_lines: Sequence[str] = ()) -> list[str]:
    """The facts a technician asks for on the telephone, as plain lines (the 复制 button copies them).

    ``extra_lines`` go after the task list: the place for the unit's key fingerprint (issue 9).
    """
    lines = [
        f"{APP_NAME}　版本 {__version__}",
        f"本机用途：{mode}",
        f"数据库：{db_path}",
        f"任务清单：{tasklist_label}",
        *extra_lines,
        "导出PDF使用的字体：",
    ]
    return lines + font_lines()


class AboutDialog(QDialog):
    def __init__(
        self,
        db_path: Path,
        tasklist_label: str,
        mode: str,
        parent: QWidget | None = None,
        extra_lines: Sequence[str] = (),
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"关于 {APP_NAME}")
        self.resize(640, 400)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.lines = about_lines(db_path, tasklist_label, mode, extra_lines)
        finally:
            QApplication.restoreOverrideCursor()
        icon = QLabel(self)
        icon.setPixmap(app_icon().pixmap(64, 64))
        title = Heading(APP_NAME, self, factor=1.3)
        subtitle = QLabel(
            f"版本 {__version__}　石柱县加快建立健全绿色低碳循环经济体系工作推进情况填报程序。\n"
            "数据只保存在本机，不需要联网。",
            self,
        )
        subtitle.setWordWrap(True)
        heading = QVBoxLayout()
        heading.addWidget(title)
        heading.addWidget(subtitle)
        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(heading, 1)
        self.details = QPlainTextEdit("\n".join(self.lines), self)
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        buttons = QDialogButtonBox(self)
        self.copy_button = buttons.addButton("复制以上信息", QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.setToolTip("复制到剪贴板，可粘贴到微信或邮件里发给技术人员")
        close = buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        close.setDefault(True)
        self.copy_button.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def copy(self) -> None:
        QApplication.clipboard().setText(self.text)
        self.copy_button.setText("已复制")
