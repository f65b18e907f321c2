"""Message boxes with Chinese buttons (是/否/确定/取消) whether or not Qt's own translations were found."""

# Callers use ``messages.ask(...)`` (the module attribute, so a test can answer for the clerk).

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QWidget

_Std = QMessageBox.StandardButton
_Box = QDialogButtonBox.StandardButton

#: The Chinese text of each standard button this program shows.
BUTTON_TEXTS: dict[str, str] = {
    "Yes": "是",
    "No": "否",
    "Ok": "确定",
    "Cancel": "取消",
    "Close": "关闭",
    "Save": "保存",
    "Open": "打开",
    "Apply": "应用",
    "Retry": "重试",
    "Ignore": "忽略",
    "Abort": "中止",
    "Help": "帮助",
    "Reset": "重置",
    "Discard": "不保存",
    "RestoreDefaults": "恢复默认",
}


def chinese_buttons(box: QMessageBox | QDialogButtonBox) -> None:
    """Give every standard button of ``box`` its Chinese text."""
    kind = _Std if isinstance(box, QMessageBox) else _Box
    for name, text in BUTTON_TEXTS.items():
        button = box.button(getattr(kind, name))
        if button is not None:
            button.setText(text)


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str, details: str) -> QMessageBox:
    box = QMessageBox(icon, title, text, _Std.NoButton, parent)
    if details:
        box.setInformativeText(details)
    return box


def ask(parent: QWidget | None, title: str, text: str, details: str = "", *, default_yes: bool = True) -> bool:
    """A 是/否 question; True for 是. Esc and closing the box answer 否."""
    box = _box(parent, QMessageBox.Icon.Question, title, text, details)
    box.setStandardButtons(_Std.Yes | _Std.No)
    box.setDefaultButton(_Std.Yes if default_yes else _Std.No)
    box.setEscapeButton(_Std.No)
    chinese_buttons(box)
    return box.exec() == _Std.Yes


def inform(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    _show(parent, QMessageBox.Icon.Information, title, text, details)


def warn(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    _show(parent, QMessageBox.Icon.Warning, title, text, details)


def error(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    _show(parent, QMessageBox.Icon.Critical, title, text, details)


def _show(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str, details: str) -> None:
    box = _box(parent, icon, title, text, details)
    box.setStandardButtons(_Std.Ok)
    chinese_buttons(box)
    box.exec()
