"""What the clerk's window says about the period: banner, fill marks, state line, open commands."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from shizhu_desktop.domain.periods import Period
from shizhu_desktop.domain.report import Report, ReportKind
from shizhu_desktop.store.export_log import ExportLog, ExportRecord
from shizhu_desktop.ui.actions import Actions
from shizhu_desktop.ui.clerk_view import ClerkView
from shizhu_desktop.ui.report_session import ReportSession


def state_text(report: Report | None, latest: bool) -> str:
    """The line under the form, e.g. 月报第1版 · 定稿（11月24日 10:31定稿，只读）."""
    if report is None:
        return ""
    text = f"{report.kind.short_label}第{report.revision}版 · {report.state.label}"
    if report.is_final and report.finalized_at:
        at = report.finalized_at  # not strftime: it can fail on Windows outside a Chinese locale
        text += f"（{at.month}月{at.day}日 {at.hour:02d}:{at.minute:02d}定稿，只读）"
    if not latest:
        text += " · 历史版本"
    return text


class StatusPresenter:
    def __init__(
        self,
        session: ReportSession,
        view: ClerkView,
        actions: Actions,
        shown_kind: Callable[[], ReportKind],
        clock: Callable[[], datetime],
    ) -> None:
        self.session = session
        self.view = view
        self.actions = actions
        self.shown_kind = shown_kind
        self.clock = clock

    def refresh(self) -> None:
        """Banner, fill marks, state line and buttons, after anything that changes the period's reports."""
        s = self.session
        if s.service is None or s.report is None or s.period is None:
            return
        today = self.clock().date()
        kinds = [ReportKind.MONTHLY] + ([ReportKind.QUARTERLY] if s.quarterly is not None else [])
        statuses = [s.service.deadline(s.period, kind, today) for kind in kinds]
        done = {kind: self.latest_and_export(kind) for kind in kinds}
        self.view.banner.set_statuses(statuses, Period.of(today), self.note(), done)
        self.view.tree_model.set_states(s.service.fill_states(s.report))
        shown = s.shown(self.shown_kind())
        final = shown is not None and shown.is_final
        latest = shown is not None and s.is_latest(shown)
        self.view.state_label.setText(state_text(shown, latest))
        self.view.latest_button.setVisible(s.viewing_history)
        a, v = self.actions, self.view
        a.back_to_latest.setEnabled(s.viewing_history)
        monthly_draft = s.report_editable and self.shown_kind() is ReportKind.MONTHLY
        writable = not s.workspace.read_only  # nothing is finalized or reopened on a read-only database
        for button, action, enabled in (
            (v.reopen_button, a.reopen, final and latest and writable),
            (v.finalize_button, a.finalize, not final and latest and writable),
            (v.copy_all_button, a.copy_previous_all, monthly_draft),
        ):
            button.setEnabled(enabled)
            action.setEnabled(enabled)
        a.copy_previous_task.setEnabled(monthly_draft and v.form.previous.has_previous)
        for action in (a.export_excel, a.export_pdf, a.export_word, a.print_report):
            action.setEnabled(True)

    def latest_and_export(self, kind: ReportKind) -> tuple[Report | None, ExportRecord | None]:
        """The period's latest revision of ``kind`` and, when final, that revision's last export."""
        s = self.session
        assert s.service is not None and s.period is not None
        shown = s.shown(kind)
        latest = shown if shown is not None and shown.kind is kind and s.is_latest(shown) else None
        latest = latest or s.service.existing(s.period, kind)
        if latest is None or latest.id is None or not latest.is_final:
            return latest, None
        return latest, ExportLog(s.workspace.db).last(latest.id)

    def note(self) -> str:
        report = self.session.report
        if report is None:
            return ""
        if not self.session.is_latest(report):
            return f"正在查看第{report.revision}版（历史版本，只读）：点“返回最新版本”回到最新一版"
        return "如需修改请点“重新打开修改”" if report.is_final else ""
