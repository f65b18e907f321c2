"""The coloured deadline banner: how long until the 25th, or how late, for the month and the quarter."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from shizhu_desktop.domain.deadlines import DeadlineStatus, Standing
from shizhu_desktop.domain.periods import Period

# Background and text colours per standing: calm blue, warning amber, alarming red, done green.
_COLOURS = {
    Standing.NOT_YET_DUE: ("#e8f1fb", "#1d4f91"),
    Standing.DUE_SOON: ("#fff4d6", "#8a5a00"),
    Standing.DUE_TODAY: ("#ffe2c2", "#9a3d00"),
    Standing.OVERDUE: ("#fde2e1", "#a61b1b"),
    Standing.ON_TIME: ("#e3f4e5", "#1e6b2e"),
    Standing.LATE: ("#fdeee0", "#8a4a00"),
}
_SEVERITY = [
    Standing.OVERDUE,
    Standing.DUE_TODAY,
    Standing.DUE_SOON,
    Standing.LATE,
    Standing.NOT_YET_DUE,
    Standing.ON_TIME,
]


class DeadlineBanner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deadlineBanner")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.setSpacing(2)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        layout.addWidget(self.label)
        layout.addWidget(self.hint)
        self.statuses: list[DeadlineStatus] = []

    def set_statuses(self, statuses: list[DeadlineStatus], today: Period, note: str = "") -> None:
        """Show one sentence per report due in the period; the most urgent decides the colour."""
        self.statuses = statuses
        text = "；".join(s.describe(today) for s in statuses)
        self.label.setText(text + (f"。{note}" if note else ""))
        hints = list(dict.fromkeys(s.workday_hint for s in statuses if s.workday_hint and not s.is_submitted))
        self.hint.setText("；".join(hints))
        self.hint.setVisible(bool(hints))
        worst = min((s.standing for s in statuses), key=_SEVERITY.index, default=Standing.NOT_YET_DUE)
        background, foreground = _COLOURS[worst]
        self.setStyleSheet(
            f"#deadlineBanner {{ background: {background}; border-radius: 4px; }}"
            f"#deadlineBanner QLabel {{ color: {foreground}; }}"
        )
        font = self.label.font()
        font.setBold(True)
        self.label.setFont(font)

    @property
    def text(self) -> str:
        return self.label.text()
