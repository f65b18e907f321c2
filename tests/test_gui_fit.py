"""Both windows fit 1366×768 and 1024×600 at every 字号: no sideways scroll bar, no widget cut, nothing lost."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QLabel,
    QMainWindow,
    QWidget,
)
from pytestqt.qtbot import QtBot

from shizhu_desktop.domain.periods import Period
from shizhu_desktop.domain.profile import MODE_COUNTY, Profile
from shizhu_desktop.domain.report import CHINA_TZ, Liaison
from shizhu_desktop.services.demo import fill_demo
from shizhu_desktop.services.exchange import export_json, import_files
from shizhu_desktop.services.workspace import Workspace
from shizhu_desktop.ui.clerk_view import TAB_QUARTERLY
from shizhu_desktop.ui.county_window import CountyWindow
from shizhu_desktop.ui.fonts import FONT_SCALES, apply_font
from shizhu_desktop.ui.main_window import MainWindow
from tests.gui_helpers import NANBIN, with_profile

SIZES = [(1366, 768), (1024, 600)]


def _inside_scrolled_page(widget: QWidget) -> bool:
    """Inside a scroll area's page: it may run below the visible part (the page scrolls up and down)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea) and parent.viewport().isAncestorOf(widget):
            return True
        parent = parent.parentWidget()
    return False


def layout_problems(window: QMainWindow) -> list[str]:
    """What a clerk would see as broken: a sideways scroll bar, a button or label cut, a field squeezed."""
    problems = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not window:
            continue
        text = widget.text() if isinstance(widget, (QAbstractButton, QLabel)) else widget.objectName()
        name = f"{type(widget).__name__}“{text}”"
        if isinstance(widget, QAbstractScrollArea) and widget.horizontalScrollBar().isVisible():
            problems.append(f"{name} scrolls sideways")
        if not isinstance(widget, (QAbstractButton, QLabel, QComboBox)):
            continue
        hint = widget.minimumSizeHint()
        if hint.width() > widget.width() + 1:
            problems.append(f"{name} cut: {widget.width()} wide, needs {hint.width()}")
        if hint.height() > widget.height() + 1 and not _inside_scrolled_page(widget):
            problems.append(f"{name} squeezed: {widget.height()} high, needs {hint.height()}")
        if widget.geometry().right() > widget.parentWidget().width() + 1:
            problems.append(f"{name} runs past the right edge")
    return problems


@pytest.fixture
def every_font() -> Iterator[list[str]]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    yield list(FONT_SCALES)
    apply_font(app, "标准")


def _show(qtbot: QtBot, window: QMainWindow, size: tuple[int, int]) -> None:
    qtbot.addWidget(window)
    window.setWindowState(Qt.WindowState.WindowNoState)  # the test screen is small: it opened maximized
    window.resize(*size)
    window.show()
    QApplication.processEvents()
    QApplication.processEvents()


def test_the_clerks_window_fits_small_screens_at_every_font_size(
    qtbot: QtBot, workspace: Workspace, every_font: list[str]
) -> None:
    with_profile(workspace, tasks=[2, 11, 13, 15])
    fill_demo(workspace, workspace.units.by_code(NANBIN), Period(2026, 11), today=date(2026, 11, 24))
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    clock = lambda: datetime(2026, 12, 22, 10, 0, tzinfo=CHINA_TZ)  # noqa: E731  (a quarter's last month)
    for scale in every_font:
        apply_font(app, scale)
        for size in SIZES:
            window = MainWindow(workspace, clock, first_run_dialog=False)
            _show(qtbot, window, size)
            assert window.size().width() == size[0]
            assert layout_problems(window) == [], (scale, size)
            window.show_task(2)  # the task with three indicators: the widest table
            QApplication.processEvents()
            assert layout_problems(window) == [], (scale, size, "task 2")
            window.tabs.setCurrentIndex(TAB_QUARTERLY)
            QApplication.processEvents()
            assert layout_problems(window) == [], (scale, size, "季度报告")
            window.close()


def _county_database(tmp_path: Path) -> Workspace:
    inbox = tmp_path / "收件箱"
    for name in ("南宾街道", "石柱工业园区管委会", "县发展改革委"):
        source = Workspace.open(tmp_path / f"{name}.sqlite")
        unit = source.units.find(name)
        fill_demo(source, unit, Period(2026, 11), today=date(2026, 11, 24))
        for summary in source.reports.summaries(unit.code):
            report = source.reports.load(summary.id)
            if report.is_final:
                export_json(source, report, inbox)
        source.close()
    (inbox / "西沱镇_2026年10月_工作推进情况表_被改坏的文件名很长很长很长很长很长很长很长很长.json").write_text(
        "{", "utf-8"
    )
    county = Workspace.open(tmp_path / "county.sqlite")
    county.profiles.save(Profile("Z01", Liaison("督查科", "向文静", "023-73321111", ""), MODE_COUNTY, []))
    return county


def test_the_county_window_fits_small_screens_at_every_font_size(
    qtbot: QtBot, tmp_path: Path, every_font: list[str]
) -> None:
    county = _county_database(tmp_path)
    results = import_files(county, [tmp_path / "收件箱"])
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    clock = lambda: datetime(2026, 12, 2, 10, 0, tzinfo=CHINA_TZ)  # noqa: E731
    for scale in every_font:
        apply_font(app, scale)
        for size in SIZES:
            window = CountyWindow(county, clock)
            window.import_panel.model.set_results(results, False)
            _show(qtbot, window, size)
            for tab in range(window.tabs.count()):
                window.tabs.setCurrentIndex(tab)
                QApplication.processEvents()
                assert layout_problems(window) == [], (scale, size, window.tabs.tabText(tab))
            window.close()
    county.close()


def test_a_first_start_on_a_small_screen_is_maximized(qtbot: QtBot, workspace: Workspace) -> None:
    screen = QApplication.primaryScreen().availableGeometry()
    assert screen.width() < 1280 or screen.height() < 800  # the test platform's screen is a small one
    with_profile(workspace)
    window = MainWindow(workspace, lambda: datetime(2026, 11, 24, tzinfo=CHINA_TZ), first_run_dialog=False)
    qtbot.addWidget(window)
    window.show()
    assert window.isMaximized()
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(700, 500)
    window.close()  # the clerk's own size is remembered and used the next time
    again = MainWindow(workspace, lambda: datetime(2026, 11, 24, tzinfo=CHINA_TZ), first_run_dialog=False)
    qtbot.addWidget(again)
    again.show()
    assert not again.isMaximized() and (again.width(), again.height()) == (700, 500)
