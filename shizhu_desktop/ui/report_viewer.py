"""One unit's report for one period, read-only, with a choice of its revisions (county: from 报送情况)."""

from __future__ import annotations

from datetime import datetime
from html import escape

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from shizhu_desktop.domain.catalog import Catalog
from shizhu_desktop.domain.report import ENTRY_TEXT_FIELDS, NARRATIVE_FIELDS, Report, ReportKind
from shizhu_desktop.services.workspace import Workspace
from shizhu_desktop.store.keys import SignatureRepository
from shizhu_desktop.store.reports import ReportSummary
from shizhu_desktop.ui.indicator_model import format_number


def _when(moment: datetime | None) -> str:
    return f"{moment.year}年{moment.month}月{moment.day}日 {moment.hour:02d}:{moment.minute:02d}" if moment else "—"


def revision_label(summary: ReportSummary) -> str:
    """e.g. 第2版 · 定稿 2026年11月20日 10:31 · 导入."""
    source = "导入" if summary.source == "imported" else "本机填报"
    return f"第{summary.revision}版 · {summary.state.label} {_when(summary.finalized_at)} · {source}"


def provenance(workspace: Workspace, summary: ReportSummary) -> str:
    """Where an imported revision came from: its 收件日期 and the key that signed it, with the key's standing."""
    if summary.source != "imported":
        return "本机填报的报表。"
    received = summary.received_at
    text = f"收件日期：{received.year}年{received.month}月{received.day}日　" if received else ""
    signer = SignatureRepository(workspace.db).signer(summary.id)
    if signer is None:
        return text + "未签名（旧版本程序导出的文件，不能确认是谁发出的）。"
    fingerprint, state = signer
    return text + f"签名密钥：{fingerprint}（{state.label}）。"


def report_html(report: Report, unit_name: str, catalog: Catalog) -> str:
    """The report as the county reads it on screen: the heading, each task's entry, the indicators."""
    period = report.period.label if report.kind is ReportKind.MONTHLY else report.period.quarter_label
    li = report.liaison
    parts = [
        f"<h3>{escape(unit_name)}　{escape(period)}{escape(report.kind.label)}（第{report.revision}版）</h3>",
        f"<p>{escape(report.state.label)}：{escape(_when(report.finalized_at))}　"
        f"联系人：{escape(li.name)}　电话：{escape(li.phone)}　责任科室：{escape(li.section)}</p>",
    ]
    if report.kind is ReportKind.QUARTERLY:
        narrative = report.narrative
        for name, label in NARRATIVE_FIELDS.items():
            text = getattr(narrative, name) if narrative else ""
            parts.append(f"<h4>{escape(label)}</h4><p>{_lines(text)}</p>")
        return "".join(parts)
    for entry in sorted(report.entries, key=lambda e: e.task):
        heading = catalog.task(entry.task).heading if catalog.has_task(entry.task) else f"任务{entry.task}"
        parts.append(f"<h4>{escape(heading)}　<span>【{escape(entry.status or '未选择')}】</span></h4>")
        rows = "".join(
            f"<tr><td width='18%' valign='top'><b>{escape(label)}</b></td><td>{_lines(getattr(entry, name))}</td></tr>"
            for name, label in ENTRY_TEXT_FIELDS.items()
            if getattr(entry, name).strip()
        )
        parts.append(f"<table cellpadding='3' width='100%'>{rows}</table>" if rows else "<p>（未填写）</p>")
    if report.indicators:
        names = {i.id: (i.name, i.unit) for i in catalog.indicators}
        rows = "".join(
            f"<tr><td>{escape(names.get(v.indicator, (v.indicator, ''))[0])}</td>"
            f"<td>{escape(names.get(v.indicator, ('', ''))[1])}</td>"
            f"<td align='right'>{format_number(v.value)}</td><td align='right'>{format_number(v.cumulative)}</td>"
            f"<td>{escape(v.note)}</td></tr>"
            for v in report.indicators
        )
        parts.append(
            "<h4>指标完成情况</h4><table border='1' cellspacing='0' cellpadding='3' width='100%'>"
            "<tr><th>指标</th><th>单位</th><th>本期值</th><th>累计值</th><th>说明</th></tr>"
            f"{rows}</table>"
        )
    return "".join(parts)


def _lines(text: str) -> str:
    return escape(text).replace("\n", "<br>")


class ReportViewer(QDialog):
    """Read-only: the revisions of one (unit, period, kind), newest first."""

    def __init__(self, workspace: Workspace, summaries: list[ReportSummary], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.summaries = sorted(summaries, key=lambda s: s.revision, reverse=True)
        first = self.summaries[0]
        unit = workspace.units.get(first.unit_code)
        self.unit_name = unit.name if unit else first.unit_code
        what = first.period.label if first.kind is ReportKind.MONTHLY else first.period.quarter_label
        self.setWindowTitle(f"{self.unit_name} {what}{first.kind.short_label}（只读）")
        self.resize(760, 560)
        self.revisions = QComboBox(self)
        for summary in self.summaries:
            self.revisions.addItem(revision_label(summary), summary.id)
        self.source = QLabel(self)
        self.source.setWordWrap(True)
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        top = QHBoxLayout()
        top.addWidget(QLabel("版本", self))
        top.addWidget(self.revisions, 1)
        buttons = QDialogButtonBox(self)
        buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.source)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.revisions.currentIndexChanged.connect(self._show)
        self._show(0)

    def _show(self, index: int) -> None:
        report = self.workspace.reports.load(self.summaries[index].id)
        self.report = report
        self.source.setText(provenance(self.workspace, self.summaries[index]))
        self.browser.setHtml(report_html(report, self.unit_name, self.workspace.catalog))
