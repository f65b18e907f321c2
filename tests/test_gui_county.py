"""The county side of the window: 本机用途, importing by drop or choice with preview, the results list."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from shizhu_desktop.domain.periods import Period
from shizhu_desktop.domain.profile import MODE_COUNTY
from shizhu_desktop.services.demo import fill_demo
from shizhu_desktop.services.exchange import export_json
from shizhu_desktop.services.workspace import Workspace
from shizhu_desktop.ui.county_window import CountyWindow
from shizhu_desktop.ui.import_panel import ImportPanel
from shizhu_desktop.ui.import_results import ImportResultsModel
from shizhu_desktop.ui.setup_dialog import SetupDialog
from tests.gui_helpers import record_boxes, type_text


def _unit_files(tmp_path: Path, units: list[str]) -> Path:
    out = tmp_path / "收件箱"
    for name in units:
        source = Workspace.open(tmp_path / f"{name}.sqlite")
        unit = source.units.find(name)
        fill_demo(source, unit, Period(2026, 3))
        for summary in source.reports.summaries(unit.code):
            report = source.reports.load(summary.id)
            if report.is_final:
                export_json(source, report, out / name)
        source.close()
    return out


def test_setup_for_the_county_office(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = SetupDialog(workspace.catalog, workspace.units)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.mode_county.setChecked(True)
    assert not dialog.picker.isEnabled() and "县政府督查办" in dialog.chosen.text()
    type_text(dialog.name_edit, "向文静")
    type_text(dialog.phone_edit, "023-73321111")
    dialog.accept()
    assert dialog.result() == SetupDialog.DialogCode.Accepted
    profile = dialog.profile()
    assert (profile.unit_code, profile.mode, profile.tasks) == ("Z01", MODE_COUNTY, [])


def test_preview_then_import_then_nothing_new(qtbot: QtBot, workspace: Workspace, tmp_path: Path) -> None:
    inbox = _unit_files(tmp_path, ["西沱镇", "县林业局"])
    files = sorted(inbox.rglob("*.json"))
    panel = ImportPanel(workspace.path, workspace.units)
    qtbot.addWidget(panel)
    panel.start([inbox], dry_run=True)
    qtbot.waitUntil(lambda: not panel.is_running and panel.model.rowCount() == len(files), timeout=20000)
    assert panel.confirm.isVisibleTo(panel) and "预览（尚未写入）" in panel.status.text()
    assert panel.model.index(0, 5).data() == "将导入" and panel.preview_note.isVisibleTo(panel)
    assert workspace.reports.summaries() == []  # a preview writes nothing
    with qtbot.waitSignal(panel.finished, timeout=20000):
        panel.confirm.click()
    assert len(workspace.reports.summaries()) == len(files)
    assert panel.status.text().startswith(f"导入完成：已导入{len(files)}个")
    with qtbot.waitSignal(panel.finished, timeout=20000):
        panel.start([inbox])
    assert f"已有相同版本{len(files)}个" in panel.status.text()
    assert len(workspace.reports.summaries()) == len(files)


def test_dropping_a_folder_imports_it(qtbot: QtBot, workspace: Workspace, tmp_path: Path) -> None:
    inbox = _unit_files(tmp_path, ["龙潭乡"])
    (inbox / "说明.txt").write_text("不是报表", encoding="utf-8")
    window = CountyWindow(workspace)
    qtbot.addWidget(window)
    window.show()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(inbox))])
    event = QDropEvent(
        QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    with qtbot.waitSignal(window.import_panel.finished, timeout=20000):
        window.import_panel.dropEvent(event)
    assert window.import_panel.model.rowCount() == len(list(inbox.rglob("*.json")))
    assert {s.unit_code for s in workspace.reports.summaries()} == {"500240216"}


def test_import_results_model(qtmodeltester: ModelTester, workspace: Workspace, tmp_path: Path) -> None:
    from shizhu_desktop.services.exchange import import_files

    inbox = _unit_files(tmp_path, ["黄水镇"])
    bad = inbox / "坏文件.json"
    bad.write_text("{}", encoding="utf-8")
    guessed = inbox / "石柱县绿色低碳循环发展工作推进情况表_2026年10月_西沱镇_第1版.json"
    guessed.write_text("{", encoding="utf-8")  # a damaged file: its name still says whose and when
    quarter = inbox / "中益乡2026年第三季度报告.xlsx"
    quarter.write_bytes(b"PK\x03\x04 broken")
    model = ImportResultsModel(workspace.units)
    model.set_results(import_files(workspace, [inbox]), dry_run=False)
    qtmodeltester.check(model)
    rows = {model.index(r, 0).data(): [model.index(r, c).data() for c in range(7)] for r in range(model.rowCount())}
    assert rows["坏文件.json"][5] == "已拒绝" and "不是本程序导出" in rows["坏文件.json"][6]
    assert rows["坏文件.json"][1:3] == ["", ""]  # nothing to guess from
    assert rows[guessed.name][1:3] == ["西沱镇（据文件名）", "2026年10月（据文件名）"]
    assert rows[quarter.name][1:3] == ["中益乡（据文件名）", "2026年第三季度（据文件名）"]
    some = next(v for k, v in rows.items() if k.startswith("石柱县") and "黄水镇" in k)
    assert some[1] == "黄水镇" and some[5] == "已导入"
    model.set_results(model.results, dry_run=True)
    labels = {model.index(r, 5).data() for r in range(model.rowCount())}
    assert labels == {"将拒绝", "将导入"}  # a preview says what would happen, never 已导入


def _county(qtbot: QtBot, workspace: Workspace, tmp_path: Path, units: list[str]) -> CountyWindow:
    from datetime import date, datetime

    from shizhu_desktop.domain.report import CHINA_TZ
    from shizhu_desktop.services.exchange import import_files

    inbox = _unit_files(tmp_path, units)
    import_files(workspace, [inbox], received_on=date(2026, 3, 27))
    window = CountyWindow(workspace, lambda: datetime(2026, 4, 2, 9, 0, tzinfo=CHINA_TZ))
    qtbot.addWidget(window)
    return window


def test_timeliness_page_and_reminders(
    qtbot: QtBot, qtmodeltester: ModelTester, workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _county(qtbot, workspace, tmp_path, ["西沱镇"])
    page = window.timeliness_page
    qtmodeltester.check(page.model)
    matrix = page.model.matrix
    assert matrix is not None and matrix.year == 2026
    row = next(i for i, r in enumerate(matrix.rows) if r.unit.name == "西沱镇")
    march = page.model.index(row, 3)
    assert march.data() in ("按时", "逾2天") and "3月25日截止" in march.data(Qt.ItemDataRole.ToolTipRole)
    other = next(i for i, r in enumerate(matrix.rows) if r.unit.name == "南宾街道")
    assert page.model.index(other, 1).data() == "未报"
    assert page.model.index(other, 5).data() == ""  # May: not yet due on 2 April
    last = page.model.rowCount() - 1
    assert page.model.index(last, 0).data() == "按时率"
    assert page.reminder_period.currentData() == "2026-03"  # on 2 April the newest overdue month, not April
    page.reminder_period.setCurrentIndex(page.reminder_period.findData("2026-03"))
    assert page.reminder_table.rowCount() == len(matrix.rows) - 1  # everyone but 西沱镇
    assert "逾期" in page.reminder_table.item(0, 3).text()
    page.copy_reminders()
    from PySide6.QtWidgets import QApplication

    assert QApplication.clipboard().text() == page.reminders_plain and "\t" in page.reminders_plain
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getExistingDirectory", lambda *a: str(tmp_path / "催报"))
    boxes = record_boxes(monkeypatch)
    path = page.export_reminders()
    assert path is not None and path.exists() and path.suffix == ".xlsx"
    assert str(path) in boxes.texts[-1] and "打开所在文件夹" in boxes.buttons[-1]
    page.kind.setCurrentIndex(1)
    assert page.model.matrix is not None and len(page.model.matrix.columns) == 4
    assert page.reminder_period.currentData() == "2026-03"  # the first quarter: due 25 March, now overdue


def test_double_clicking_a_cell_opens_that_units_report(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from shizhu_desktop.ui.report_viewer import ReportViewer

    window = _county(qtbot, workspace, tmp_path, ["西沱镇"])
    page = window.timeliness_page
    matrix = page.model.matrix
    assert matrix is not None
    row = next(i for i, r in enumerate(matrix.rows) if r.unit.name == "西沱镇")
    opened: list[ReportViewer] = []
    monkeypatch.setattr(ReportViewer, "exec", lambda viewer: opened.append(viewer) or 0)
    page.table.doubleClicked.emit(page.model.index(row, 2))  # February
    [viewer] = opened
    assert "西沱镇" in viewer.windowTitle() and "2026年2月" in viewer.windowTitle() and "只读" in viewer.windowTitle()
    text = viewer.browser.toPlainText()
    assert "西沱镇" in text and "第1版" in text and viewer.report.period == Period(2026, 2)
    assert viewer.revisions.count() == len(workspace.reports.summaries("500240101", Period(2026, 2)))
    boxes = record_boxes(monkeypatch)
    other = next(i for i, r in enumerate(matrix.rows) if r.unit.name == "南宾街道")
    page.table.doubleClicked.emit(page.model.index(other, 2))
    assert len(opened) == 1 and "还没有收到南宾街道2026年2月的月报" in boxes.texts[-1]


def test_summary_page_shows_the_last_due_month_and_exports(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _county(qtbot, workspace, tmp_path, ["西沱镇", "县林业局"])
    page = window.summary_page
    assert page.navigator.period == Period(2026, 3)  # on 2 April, March is the newest month already due
    text = page.overview.toPlainText()
    assert "2026年3月工作推进情况" in text and "一、报送情况" in text
    names = [page.indicators_model.item(r, 0).text() for r in range(page.indicators_model.rowCount())]
    assert "森林覆盖率" in names
    forest = names.index("森林覆盖率")
    assert page.indicators_model.item(forest, 3).text().endswith("%")  # the lead unit's figure
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getExistingDirectory", lambda *a: str(tmp_path / "汇总"))
    record_boxes(monkeypatch)
    for fmt in ("xlsx", "pdf"):
        path = page.export(fmt)
        assert path is not None and path.exists() and path.suffix == f".{fmt}"
