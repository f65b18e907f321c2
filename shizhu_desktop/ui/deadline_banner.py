"""The coloured deadline banner: time to the 25th or lateness; once finalized, 已定稿 and 已导出."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from shizhu_desktop.domain.deadlines import DeadlineStatus, Standing
from shizhu_desktop.domain.periods import QUARTER_NAMES, Period
from shizhu_desktop.domain.report import Report, ReportKind
from shizhu_desktop.store.export_log import ExportRecord
from shizhu_desktop.ui.widgets import make_bold

# Background and text colours per standing: calm blue, warning amber, alarming red, done green.
_COLOURS = {
    Standing.NOT_YET_DUE: ("#e8f1fb", "#1d4f91"),
    Standing.DUE_SOON: ("#fff4d6", "#8a5a00"),
    Standing.DUE_TODAY: ("#ffe2c2", "#9a3d00"),
    Standing.OVERDUE: ("#fde2e1", "#a61b1b"),
    Standing.ON_TIME: ("#e3f4e5", "#1e6b2e"),
    Standing.LATE: ("#fdeee0", "#8a4a00"),
}
#: Finalized but not yet exported: nothing has been sent, so the calm blue of "not yet", not the green of "done".
PENDING_EXPORT = _COLOURS[Standing.NOT_YET_DUE]
_SEVERITY = [
    Standing.OVERDUE,
    Standing.DUE_TODAY,
    Standing.DUE_SOON,
    Standing.LATE,
    Standing.NOT_YET_DUE,
    Standing.ON_TIME,
]


def _day(moment: datetime) -> str:
    return f"{moment.month}月{moment.day}日"  # not strftime: it can fail on Windows outside a Chinese locale


def subject(status: DeadlineStatus, current: Period) -> str:
    """本月报表 / 10月报表 / 本季度报告 / 第三季度报告, as seen from ``current``."""
    period = status.period
    year = f"{period.year}年" if period.year != current.year else ""
    if status.kind is ReportKind.MONTHLY:
        return "本月报表" if period == current else f"{year}{period.month}月报表"
    if period.quarter_end() == current.quarter_end():
        return "本季度报告"
    return f"{year}{QUARTER_NAMES[period.quarter - 1]}报告"


def sentence(
    status: DeadlineStatus, current: Period, latest: Report | None, export: ExportRecord | None
) -> tuple[str, tuple[str, str]]:
    """The banner's sentence for one report and its colours; ``latest`` is the period's latest revision."""
    if not status.is_submitted or latest is None:
        return status.describe(current), _COLOURS[status.standing]
    what = subject(status, current)
    timing = "按时" if status.standing is Standing.ON_TIME else f"逾期{status.days}天"
    if latest.revision > 1:
        timing = f"首次定稿{timing}"
    if not latest.is_final:
        text = f"{what}第{latest.revision}版正在修改（{timing}），改好后请重新定稿并导出报送"
        return text, _COLOURS[Standing.DUE_SOON]
    finalized = f"已于{_day(latest.finalized_at)}定稿" if latest.finalized_at else "已定稿"
    text = f"{what}第{latest.revision}版{finalized}（{timing}）"
    if export is None:
        return text + "，还没有导出：请导出Excel报送、导出PDF打印盖章", PENDING_EXPORT
    return text + f"，{_day(export.at)}已导出{export.label}", _COLOURS[status.standing]


class DeadlineBanner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deadlineBanner")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.setSpacing(2)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        make_bold(self.label)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        layout.addWidget(self.label)
        layout.addWidget(self.hint)
        self.statuses: list[DeadlineStatus] = []

    def set_statuses(
        self,
        statuses: list[DeadlineStatus],
        today: Period,
        note: str = "",
        done: dict[ReportKind, tuple[Report | None, ExportRecord | None]] | None = None,
    ) -> None:
        """One sentence per report due in the period; the most urgent decides the colour.

        ``done`` gives, per kind, the period's latest revision and its last export, so a submitted report
        reads 已定稿 / 已导出 as it truly stands rather than 已报送.
        """
        self.statuses = statuses
        done = done or {}
        parts = [sentence(s, today, *done.get(s.kind, (None, None))) for s in statuses]
        text = "；".join(p[0] for p in parts)
        self.label.setText(text + (f"。{note}" if note else ""))
        hints = list(dict.fromkeys(s.workday_hint for s in statuses if s.workday_hint and not s.is_submitted))
        self.hint.setText("；".join(hints))
        self.hint.setVisible(bool(hints))
        colours = [c for _, c in parts]
        order = [_COLOURS[s] for s in _SEVERITY]  # PENDING_EXPORT shares NOT_YET_DUE's place
        background, foreground = min(colours, key=order.index, default=_COLOURS[Standing.NOT_YET_DUE])
        sheet = (
            f"#deadlineBanner {{ background: {background}; border-radius: 4px; }}"
            f"#deadlineBanner QLabel {{ color: {foreground}; }}"
        )
        if sheet != self.styleSheet():  # restyling is not free: only when the colour changes
            self.setStyleSheet(sheet)

    @property
    def text(self) -> str:
        return self.label.text()
