"""File names of exported reports, in the form clerks recognise in their mailboxes."""

from __future__ import annotations

import re

from shizhu_desktop.domain.report import Report, ReportKind

TITLE_PREFIX = "石柱县绿色低碳循环发展"
_UNSAFE = re.compile(r'[\\/:*?"<>|\r\n\t]')


def report_title(kind: ReportKind) -> str:
    return TITLE_PREFIX + kind.label


def report_filename(report: Report, unit_name: str, extension: str) -> str:
    """E.g. 石柱县绿色低碳循环发展工作推进情况表_2026年11月_南宾街道_第1版.xlsx (drafts marked 草稿)."""
    when = report.period.label if report.kind is ReportKind.MONTHLY else report.period.quarter_label
    draft = "" if report.is_final else "_草稿"
    name = f"{report_title(report.kind)}_{when}_{unit_name}_第{report.revision}版{draft}.{extension.lstrip('.')}"
    return _UNSAFE.sub("_", name)
