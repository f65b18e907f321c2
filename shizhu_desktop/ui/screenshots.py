"""Writes PNGs of the window's main states from demo data (``make screenshots``), for docs and review."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from shizhu_desktop.domain.periods import Period
from shizhu_desktop.domain.report import CHINA_TZ, ReportKind, TaskEntry
from shizhu_desktop.fileio import write_with
from shizhu_desktop.services.demo import fill_demo
from shizhu_desktop.services.workspace import Workspace
from shizhu_desktop.ui.appearance import prepare_application
from shizhu_desktop.ui.clerk_view import TAB_QUARTERLY
from shizhu_desktop.ui.fonts import apply_font
from shizhu_desktop.ui.history_dialog import HistoryDialog
from shizhu_desktop.ui.issues_dialog import IssuesDialog
from shizhu_desktop.ui.main_window import MainWindow
from shizhu_desktop.ui.setup_dialog import SetupDialog


def _clock(year: int, month: int, day: int) -> Callable[[], datetime]:
    return lambda: datetime(year, month, day, 10, 31, tzinfo=CHINA_TZ)


def _save(widget: QWidget, out: Path, name: str) -> Path:
    QApplication.processEvents()
    path = out / name
    picture = widget.grab()

    def write(temporary: Path) -> None:
        if not picture.save(str(temporary), "PNG"):  # QPixmap.save says False instead of raising
            raise OSError(f"无法保存截图 {name}")

    write_with(path, write)  # a new picture takes the name only when complete
    print(path)
    return path


def _window(workspace: Workspace, clock: Callable[[], datetime], size: tuple[int, int]) -> MainWindow:
    window = MainWindow(workspace, clock, first_run_dialog=False)
    window.setWindowState(Qt.WindowState.WindowNoState)  # the offscreen screen is small: not maximized here
    window.resize(*size)
    window.show()
    QApplication.processEvents()
    return window


def make_screenshots(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    prepare_application(app, "标准")
    shots: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        workspace = Workspace.open(Path(tmp) / "demo.sqlite")
        setup = SetupDialog(workspace.catalog, workspace.units)
        setup.picker.search.setText("南宾")
        setup.picker.select("500240001")
        setup.section_edit.setText("党政办公室")
        setup.name_edit.setText("谭晓燕")
        setup.phone_edit.setText("023-7333")
        setup.show()
        shots.append(_save(setup, out, "01_首次设置.png"))
        setup.close()

        unit = workspace.units.find("南宾街道")
        fill_demo(workspace, unit, Period(2026, 11), today=date(2026, 11, 24))
        window = _window(workspace, _clock(2026, 11, 24), (1180, 780))
        shots.append(_save(window, out, "02_月报填写.png"))
        window.resize(1024, 600)
        shots.append(_save(window, out, "03_小屏幕1024x600.png"))

        # An unfinished task: 滞后 without a reason, shown inline and in the 定稿 check.
        window.resize(1180, 780)
        window.show_task(13)
        window.form.status.setCurrentIndex(window.form.status.findData("滞后"))
        window.form.edits["problems"].clear()
        window.autosaver.flush()
        shots.append(_save(window, out, "04_填写有误.png"))
        assert window.service is not None and window.report is not None
        dialog = IssuesDialog(window.service.issues(window.report), window)
        dialog.show()
        shots.append(_save(dialog, out, "05_定稿检查.png"))
        dialog.close()

        report = workspace.reports.find(unit.code, Period(2026, 10), ReportKind.MONTHLY)
        assert report is not None
        window.load_period(Period(2026, 10))
        shots.append(_save(window, out, "06_已定稿只读.png"))
        revised = max(
            workspace.reports.summaries(unit.code, kind=ReportKind.MONTHLY), key=lambda summary: summary.revision
        )
        history = HistoryDialog(workspace.reports.summaries(unit.code, revised.period, ReportKind.MONTHLY), window)
        history.show()
        shots.append(_save(history, out, "07_历史版本.png"))
        history.close()
        window.load_period(Period(2026, 11))
        about = window.data.about_dialog()
        about.show()
        shots.append(_save(about, out, "15_关于.png"))
        about.close()
        window.close()

        overdue = _window(workspace, _clock(2026, 11, 28), (1180, 780))
        shots.append(_save(overdue, out, "08_逾期提醒.png"))
        overdue.close()

        december = _window(workspace, _clock(2026, 12, 22), (1180, 780))
        assert december.report is not None and december.report.id is not None
        for task in (2, 11, 13, 15):
            workspace.reports.save_entry(december.report.id, TaskEntry(task, "序时推进", "十二月推进情况"))
        december.tabs.setCurrentIndex(TAB_QUARTERLY)
        shots.append(_save(december, out, "09_季度报告.png"))
        december.close()
        shots.append(_review_screenshot(workspace, unit.code, out))

        apply_font(app, "特大")
        large = _window(workspace, _clock(2026, 11, 24), (1024, 600))
        shots.append(_save(large, out, "10_特大字号1024x600.png"))
        large.close()
        apply_font(app, "标准")
        workspace.close()
        shots += _county_screenshots(Path(tmp), out)
    return shots


def _review_screenshot(workspace: Workspace, unit_code: str, out: Path) -> Path:
    """定稿前请再看一眼: December carried over from November unchanged, an indicator left empty."""
    from shizhu_desktop.domain.review import review_warnings
    from shizhu_desktop.ui.report_actions import finalize_question

    december = _window(workspace, _clock(2026, 12, 22), (1180, 780))
    assert december.service is not None and december.report is not None
    december.report_actions.copy_previous_all()
    report = workspace.reports.find(unit_code, Period(2026, 12), ReportKind.MONTHLY)
    previous = workspace.reports.find(unit_code, Period(2026, 11), ReportKind.MONTHLY)
    assert report is not None
    service = december.service
    warnings = review_warnings(report, previous, service.profile.tasks, service.indicators())
    dialog = IssuesDialog(warnings, december, confirm=finalize_question(report))
    dialog.show()
    path = _save(dialog, out, "14_定稿前提醒.png")
    dialog.close()
    december.close()
    return path


def _county_screenshots(tmp: Path, out: Path) -> list[Path]:
    """The county office's window after importing a handful of units' files (one edited by hand)."""
    from shizhu_desktop.domain.profile import MODE_COUNTY, Profile
    from shizhu_desktop.domain.report import Liaison
    from shizhu_desktop.services.demo_tasklist import publish_example_tasklist
    from shizhu_desktop.services.exchange import export_json, find_report_files, import_files
    from shizhu_desktop.services.identity import own_key
    from shizhu_desktop.services.trust import confirm_key
    from shizhu_desktop.ui.county_window import CountyWindow
    from shizhu_desktop.ui.keys_dialog import KeysDialog

    inbox = tmp / "收件箱"
    names = ["南宾街道", "西沱镇", "黄水镇", "龙潭乡", "县林业局", "县发展改革委", "冷水镇"]
    received: dict[Path, date] = {}  # each file reached the county the day after it was finalized
    fingerprints: dict[str, str] = {}
    for name in names:
        source = Workspace.open(tmp / f"{name}.sqlite")
        unit = source.units.find(name)
        fill_demo(source, unit, Period(2026, 11), today=date(2026, 11, 24))
        for summary in source.reports.summaries(unit.code):
            report = source.reports.load(summary.id)
            if report.is_final and report.finalized_at is not None:
                received[export_json(source, report, inbox / name)] = report.finalized_at.date() + timedelta(1)
        fingerprints[name] = own_key(source).fingerprint
        source.close()
    tampered = next((inbox / "西沱镇").glob("*10月*.json"))
    tampered.write_text(tampered.read_text(encoding="utf-8").replace("序时推进", "已完成", 1), encoding="utf-8")
    county = Workspace.open(tmp / "county.sqlite")
    county.profiles.save(Profile("Z01", Liaison("督查科", "向文静", "023-73321111", ""), MODE_COUNTY, []))
    publish_example_tasklist(county, 2026, date(2026, 11, 24))  # the demo's example targets, as the units have
    results = [
        r for path in find_report_files([inbox]) for r in import_files(county, [path], received_on=received[path])
    ]
    for name in names[:4]:  # four units' keys checked against their stamped paper; the others still 待确认
        confirm_key(county, county.units.find(name), fingerprints[name])
    window = CountyWindow(county, _clock(2026, 11, 27))
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(1180, 780)
    window.show()
    refused = [r for r in results if r.outcome.is_failure]
    window.import_panel.model.set_results(refused + [r for r in results if not r.outcome.is_failure][:30], False)
    window.import_panel.status.setText(f"导入完成：已导入{len(results) - len(refused)}个，已拒绝{len(refused)}个。")
    window.import_panel.table.resizeColumnsToContents()
    window.on_imported(results)
    shots = [_save(window, out, "11_县级导入.png")]
    window.tabs.setCurrentIndex(1)
    shots.append(_save(window, out, "12_报送情况.png"))
    window.tabs.setCurrentIndex(2)
    window.summary_page.tabs.setCurrentIndex(1)
    shots.append(_save(window, out, "13_汇总指标.png"))
    keys = KeysDialog(county, window)
    keys.resize(760, 420)
    keys.show()
    shots.append(_save(keys, out, "16_单位密钥.png"))
    keys.close()
    window.close()
    county.close()
    return shots


if __name__ == "__main__":
    make_screenshots(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
