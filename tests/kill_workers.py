"""Worker processes for the kill test: each writes as the program does and acknowledges every committed write.

An acknowledgement is sent only after the write's transaction has committed, so every acknowledged write must
be in the database however the process ends.
"""

from __future__ import annotations

from multiprocessing.connection import Connection
from pathlib import Path

from shizhu_desktop.domain.report import IndicatorValue, TaskEntry
from shizhu_desktop.services.exchange import Outcome, import_files
from shizhu_desktop.services.workspace import Workspace

INDICATOR = "green_certified_products"


def autosave(db: str, report_id: int, start: int, send: Connection) -> None:
    """What the window's autosave writes: a task's texts and an indicator figure, over and over."""
    workspace = Workspace.open(Path(db))
    step = start
    while True:
        step += 1
        workspace.reports.save_entry(report_id, TaskEntry(2, "序时推进", f"第{step}次保存", "累计" * (step % 50)))
        send.send(("entry", step))
        workspace.reports.save_indicator(report_id, IndicatorValue(INDICATOR, float(step), None, f"说明{step}"))
        send.send(("indicator", step))


def finalize(db: str, unit_code: str, period: str, send: Connection) -> None:
    """定稿 and 重新打开修改, again and again: each freezes a revision or starts the next one."""
    from shizhu_desktop.domain.periods import Period
    from shizhu_desktop.domain.report import ReportKind

    workspace = Workspace.open(Path(db))
    while True:
        report = workspace.reports.find(unit_code, Period.parse(period), ReportKind.MONTHLY)
        assert report is not None and report.id is not None
        if report.is_final:
            draft = workspace.reports.reopen(report.id)
            send.send(("draft", draft.revision))
        else:
            final = workspace.reports.finalize(report.id)
            send.send(("final", final.revision))


def import_many(db: str, files: list[str], send: Connection) -> None:
    """The county importing files one after another (each with its backup first, as the command does)."""
    workspace = Workspace.open(Path(db))
    while True:  # until killed: a file imported already is only recognised (fast), so go round again
        for name in files:
            [result] = import_files(workspace, [Path(name)])
            if result.outcome in (Outcome.IMPORTED, Outcome.SUPERSEDED, Outcome.SAME) and result.report is not None:
                send.send(("import", result.report.digest))
