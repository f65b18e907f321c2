"""What became of one imported file: its outcome (已导入, 已有相同版本, …), the reason, and what it held."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from shizhu_desktop.domain.report import Report


class Outcome(str, Enum):
    IMPORTED = "imported"
    SAME = "same"
    SUPERSEDED = "superseded"
    CONFLICT = "conflict"
    REFUSED = "refused"

    @property
    def label(self) -> str:
        return {
            "imported": "已导入",
            "same": "已有相同版本",
            "superseded": "被更新版本取代",
            "conflict": "版本冲突",
            "refused": "已拒绝",
        }[self.value]

    @property
    def is_failure(self) -> bool:
        return self in (Outcome.CONFLICT, Outcome.REFUSED)


@dataclass(frozen=True)
class ImportResult:
    path: Path
    outcome: Outcome
    message: str
    report: Report | None = None
    unit_name: str = ""

    @property
    def what(self) -> str:
        """What the file holds, e.g. 西沱镇 2026年10月月报 第1版 (empty when it could not be read)."""
        report = self.report
        if report is None:
            return ""
        when = report.period.label if report.kind.value == "monthly" else report.period.quarter_label
        return f"{self.unit_name or report.unit_code}{when}{report.kind.short_label}第{report.revision}版"

    @property
    def line(self) -> str:
        """One Chinese line for a list or the terminal: the file as given — outcome（reason）."""
        details = "；".join(part for part in (self.what, self.message) if part)
        return f"{self.path}：{self.outcome.label}" + (f"（{details}）" if details else "")
