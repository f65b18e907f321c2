"""The clerk's reports in view, without widgets: the period, the revisions shown, and saving what is typed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from shizhu_desktop.domain.periods import Period
from shizhu_desktop.domain.profile import Profile
from shizhu_desktop.domain.report import IndicatorValue, Narrative, Report, ReportKind, TaskEntry
from shizhu_desktop.services.reporting import ReportingService
from shizhu_desktop.services.workspace import Workspace
from shizhu_desktop.ui.autosave import Autosaver

Clock = Callable[[], datetime]


class ReportSession:
    """Which reports the window shows and whether they may be edited; edits go to the autosaver.

    ``report`` is the monthly revision shown (the latest, or an older one opened from 历史版本), ``quarterly``
    the quarter's report in a quarter's last month. Only the latest revision of a draft is editable.
    """

    def __init__(self, workspace: Workspace, clock: Clock, autosaver: Autosaver) -> None:
        self.workspace = workspace
        self.clock = clock
        self.autosaver = autosaver
        self.service: ReportingService | None = None
        self.period: Period | None = None
        self.report: Report | None = None
        self.quarterly: Report | None = None
        #: The latest revision number of each kind for the period shown (read once per load, not per check).
        self._latest: dict[ReportKind, int] = {}

    # -- the unit -----------------------------------------------------------------------------------------

    def start(self, profile: Profile) -> ReportingService:
        self.service = ReportingService(self.workspace, profile)
        self.workspace.reports.who = profile.liaison.name or self.workspace.reports.who
        return self.service

    def stop(self) -> None:
        self.service, self.period, self.report, self.quarterly = None, None, None, None
        self._latest = {}

    # -- loading ------------------------------------------------------------------------------------------

    def open(self, period: Period, report: Report | None = None) -> None:
        """Show ``period``: its latest monthly revision (or ``report``), and its quarterly report if due."""
        if self.service is None:
            return
        self.autosaver.flush()
        self.period = period
        latest = self.service.report(period)
        self.report = report or latest
        self.quarterly = self.service.report(period, ReportKind.QUARTERLY) if period.is_quarter_end else None
        self._latest = {ReportKind.MONTHLY: latest.revision}
        if self.quarterly is not None:
            self._latest[ReportKind.QUARTERLY] = self.quarterly.revision

    def show_revision(self, report: Report) -> None:
        """An older (or the latest) revision opened from 历史版本."""
        if report.kind is ReportKind.MONTHLY:
            self.open(report.period, report)
        else:
            self.autosaver.flush()
            self.quarterly = report

    def reload(self) -> None:
        if self.period is not None:
            self.open(self.period)

    # -- what may be edited -------------------------------------------------------------------------------

    def is_latest(self, report: Report) -> bool:
        return self.period is not None and report.revision == self._latest.get(report.kind)

    def editable(self, report: Report | None) -> bool:
        # A read-only database (folder, disk) is only looked at: nothing on it is editable.
        return report is not None and not report.is_final and self.is_latest(report) and not self.workspace.read_only

    @property
    def report_editable(self) -> bool:
        return self.editable(self.report)

    @property
    def viewing_history(self) -> bool:
        """An older revision is on screen (monthly or quarterly): 返回最新版本 brings the latest back."""
        return any(r is not None and not self.is_latest(r) for r in (self.report, self.quarterly))

    def shown(self, kind: ReportKind) -> Report | None:
        return self.quarterly if kind is ReportKind.QUARTERLY and self.quarterly else self.report

    # -- editing ------------------------------------------------------------------------------------------

    def edit_entry(self, entry: TaskEntry) -> bool:
        """Keep ``entry`` in the shown report and schedule its save; False when the report is read-only."""
        report = self.report
        if report is None or report.id is None or not self.report_editable:
            return False
        report.entries = [e for e in report.entries if e.task != entry.task] + [entry]
        report_id, saved = report.id, replace(entry)
        self.autosaver.schedule(
            ("entry", report_id, entry.task), lambda: self.workspace.reports.save_entry(report_id, saved)
        )
        return True

    def edit_indicator(self, value: IndicatorValue) -> int | None:
        """Keep and schedule an indicator figure; returns its task (to re-check), None when read-only."""
        report = self.report
        if report is None or report.id is None or not self.report_editable:
            return None
        report.indicators = [v for v in report.indicators if v.indicator != value.indicator] + [value]
        report_id, saved = report.id, replace(value)
        self.autosaver.schedule(
            ("indicator", report_id, value.indicator), lambda: self.workspace.reports.save_indicator(report_id, saved)
        )
        return self.workspace.catalog.indicator(value.indicator).task

    def edit_narrative(self, narrative: Narrative) -> bool:
        report = self.quarterly
        if report is None or report.id is None or not self.editable(report):
            return False
        report.narrative = narrative
        report_id = report.id
        self.autosaver.schedule(
            ("narrative", report_id), lambda: self.workspace.reports.save_narrative(report_id, narrative)
        )
        return True

    def reassemble_narrative(self) -> Narrative | None:
        """Draft the quarterly text afresh from the quarter's months (replacing what is there)."""
        report = self.quarterly
        if report is None or report.id is None or self.service is None or not self.editable(report):
            return None
        self.autosaver.flush()
        narrative = self.service.assemble_narrative(report.period)
        self.workspace.reports.save_narrative(report.id, narrative)
        report.narrative = narrative
        return narrative
