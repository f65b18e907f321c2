"""Small widgets that follow the clerk's font size at once: headings and bold labels."""

# Widgets here are styled without freezing their font: see ``follow_font_changes``.

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel, QWidget


def follow_font_changes() -> None:
    """Let widgets with a style sheet (coloured labels, the banner) still follow a change of 字号.

    By default Qt fixes the whole font of a widget once a style sheet applies to it; with this attribute a
    sheet sets only what it names. Must be set before the widgets are first shown.
    """
    QApplication.setAttribute(Qt.ApplicationAttribute.AA_UseStyleSheetPropagationInWidgetStyles)


#: The field the keyboard is in, drawn unmistakably (Fusion and the Windows styles only hint at it).
FOCUS_COLOUR = "#1f6fd6"


def show_focus(widget: QWidget) -> None:
    """A clear blue frame while ``widget`` (a text field, a choice, a table) has the keyboard focus."""
    base = next(  # style sheets know Qt's class names, not our subclasses'
        name
        for name in ("QPlainTextEdit", "QLineEdit", "QComboBox", "QTableView", "QTreeView", "QTreeWidget")
        if widget.inherits(name)
    )
    widget.setStyleSheet(
        f"{base} {{ border: 1px solid #a9a9a9; border-radius: 3px; padding: 1px; }}"
        f"{base}:focus {{ border: 2px solid {FOCUS_COLOUR}; padding: 0px; }}"
    )


def make_bold(widget: QWidget) -> None:
    """Bold, with family and size still inherited: a later change of 字号 reaches this widget too."""
    font = QFont()  # only the weight is set; every other attribute keeps following the application font
    font.setBold(True)
    widget.setFont(font)


class Heading(QLabel):
    """A bold label ``factor`` times the application font, resized whenever the application font changes."""

    def __init__(self, text: str = "", parent: QWidget | None = None, *, factor: float = 1.2) -> None:
        super().__init__(text, parent)
        self.factor = factor
        self.setWordWrap(True)
        self._apply()
        # Its size is its own (a factor of the application font), so it is told of a new 字号 directly.
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.fontChanged.connect(self._on_app_font)

    def _apply(self) -> None:
        size = QApplication.font().pointSizeF() * self.factor
        if self.font().pointSizeF() == size and self.font().bold():
            return
        font = QFont()  # family unset: it keeps following the application's
        font.setBold(True)
        font.setPointSizeF(size)
        self.setFont(font)

    def _on_app_font(self, _font: QFont) -> None:
        self._apply()
