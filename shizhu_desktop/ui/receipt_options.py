"""The import batch's 收件日期 (timeliness counts from it) and whether old unsigned files may come in."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QLabel, QWidget


class ReceiptOptions(QWidget):
    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self.received = QDateEdit(self)
        self.received.setCalendarPopup(True)
        self.received.setDisplayFormat("yyyy年M月d日")
        self.received.setMinimumDate(QDate(2022, 4, 1))
        self.received.setToolTip(
            "这批文件收到的日期（邮件到达的日期）。报送情况按收件日期计算，不看对方电脑上的定稿时间。"
        )
        self.allow_unsigned = QCheckBox("也导入旧版本的未签名文件", self)
        self.allow_unsigned.setToolTip("旧版本程序导出的文件没有签名，不能确认是谁发出的；导入后各处标为“未签名”。")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("收件日期", self))
        layout.addWidget(self.received)
        layout.addWidget(self.allow_unsigned)
        layout.addStretch(1)
        self.reset()

    def reset(self) -> None:
        """Today, and no later day: a file cannot have arrived tomorrow."""
        today = self._today()
        self.received.setMaximumDate(QDate(today.year, today.month, today.day))
        self.received.setDate(QDate(today.year, today.month, today.day))

    def received_on(self) -> date:
        chosen = self.received.date()
        return date(chosen.year(), chosen.month(), chosen.day())

    def unsigned_allowed(self) -> bool:
        return self.allow_unsigned.isChecked()
