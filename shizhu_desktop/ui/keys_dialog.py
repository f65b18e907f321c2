"""单位密钥: the county's registry of the units' keys, confirmed against the fingerprint on the stamped paper."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shizhu_desktop.domain.trust import KeyState
from shizhu_desktop.domain.units import Unit
from shizhu_desktop.services.trust import KeyRegistryError, confirm_key, replace_key
from shizhu_desktop.services.workspace import Workspace
from shizhu_desktop.store.keys import UnitKeyRepository
from shizhu_desktop.ui import messages

_STATE_COLOURS = {
    KeyState.PENDING: "#fff4d6",
    KeyState.CONFIRMED: "#e3f4e6",
    KeyState.REPLACED: "#eeeeee",
    KeyState.REFUSED: "#fbe3e3",
}
HELP = (
    "每个单位的程序有自己的密钥，导出的每份报表都用它签名。某单位第一次报来的文件导入后，其密钥为“待确认”。"
    "请对照该单位盖章的纸质报表上印的“密钥指纹”（或电话中对方从“帮助 → 关于”读出的指纹），核对无误后确认。"
    "确认后，自称该单位、却用别的密钥签名的文件都会被拒绝。对方换了电脑或重装程序时，核对新指纹后“更换”。"
)


class KeysDialog(QDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setWindowTitle("单位密钥")
        self.resize(760, 480)
        explanation = QLabel(HELP, self)
        explanation.setWordWrap(True)
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels(["单位", "密钥指纹", "状态", "日期"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.unit = QComboBox(self)
        for unit in workspace.units:
            self.unit.addItem(f"{unit.name}（{unit.code}）", unit.code)
        self.fingerprint = QLineEdit(self)
        self.fingerprint.setPlaceholderText("输入纸质报表上的密钥指纹，例如 3F2A 91C0 7B4D E815 0C6F")
        self.confirm_button = QPushButton("确认密钥", self)
        self.confirm_button.setToolTip("指纹与对方盖章纸质报表上的一致时确认")
        self.replace_button = QPushButton("更换密钥…", self)
        self.replace_button.setToolTip("对方换了电脑或重装了程序：停用旧密钥，改用新密钥")
        form = QHBoxLayout()
        form.addWidget(QLabel("单位", self))
        form.addWidget(self.unit, 1)
        form.addWidget(QLabel("指纹", self))
        form.addWidget(self.fingerprint, 2)
        form.addWidget(self.confirm_button)
        form.addWidget(self.replace_button)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        messages.chinese_buttons(buttons)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.table.currentCellChanged.connect(lambda row, *_: self._on_row(row))
        self.confirm_button.clicked.connect(self.confirm)
        self.replace_button.clicked.connect(self.replace)
        self.fingerprint.returnPressed.connect(self.confirm)
        self.refresh()

    def refresh(self) -> None:
        keys = UnitKeyRepository(self.workspace.db).keys()
        self.table.setRowCount(len(keys))
        for row, key in enumerate(keys):
            unit = self.workspace.units.get(key.unit_code)
            day = key.changed_at
            cells = (
                unit.name if unit else key.unit_code,
                key.fingerprint + ("" if key.public_key else "（尚未收到文件）"),
                key.state.label,
                f"{day.year}年{day.month}月{day.day}日",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, (key.unit_code, key.fingerprint))
                if column == 2:
                    item.setBackground(QColor(_STATE_COLOURS[key.state]))
                self.table.setItem(row, column, item)
        if not keys:
            self.status.setText(
                "还没有登记任何单位的密钥：导入第一份签名报表时会自动登记为“待确认”；也可以先输入单位和指纹确认。"
            )

    def _on_row(self, row: int) -> None:
        item = self.table.item(row, 0)
        if item is None:
            return
        code, _fingerprint = item.data(Qt.ItemDataRole.UserRole)
        self.unit.setCurrentIndex(self.unit.findData(code))
        # The fingerprint is typed from the paper, never copied from the row: that is the check.
        self.fingerprint.clear()
        self.fingerprint.setFocus()

    def _chosen(self) -> tuple[Unit, str] | None:
        unit = self.workspace.units.get(str(self.unit.currentData()))
        typed = self.fingerprint.text().strip()
        if unit is None or not typed:
            messages.warn(self, "单位密钥", "请选择单位，并输入对方纸质报表上（或电话中读出）的密钥指纹。")
            return None
        return unit, typed

    def confirm(self) -> None:
        chosen = self._chosen()
        if chosen is not None:
            self._apply(confirm_key, *chosen)

    def replace(self) -> None:
        chosen = self._chosen()
        if chosen is None:
            return
        unit, typed = chosen
        question = (
            f"确定把{unit.name}的密钥更换为 {typed} 吗？\n"
            "更换后，用旧密钥签名的新文件将被拒绝；此前收到的报表仍然有效。请先电话核对新指纹。"
        )
        if messages.ask(self, "更换密钥", question, default_yes=False):
            self._apply(replace_key, unit, typed)

    def _apply(self, action: Callable[[Workspace, Unit, str], str], unit: Unit, typed: str) -> None:
        try:
            summary = action(self.workspace, unit, typed)
        except KeyRegistryError as exc:
            messages.warn(self, "单位密钥", str(exc))
            return
        self.status.setText(summary)
        self.fingerprint.clear()
        self.refresh()
