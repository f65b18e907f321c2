"""The indicator table sizes itself to its contents (issue 13): figure columns as wide as their widest text,
rows as tall as their wrapped text, after typing, after the window narrows, and after a change of 字号."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QHeaderView, QLineEdit
from pytestqt.qtbot import QtBot

from shizhu_desktop.domain.report import IndicatorValue
from shizhu_desktop.domain.validation import parse_number
from shizhu_desktop.services.workspace import Workspace
from shizhu_desktop.ui.indicator_model import COL_NOTE, COL_VALUE, IndicatorTableModel, format_number
from shizhu_desktop.ui.indicator_table import IndicatorTableView
from shizhu_desktop.ui.main_window import MainWindow
from tests.gui_helpers import clock_at, type_text, with_profile


def _window(qtbot: QtBot, workspace: Workspace) -> MainWindow:
    with_profile(workspace)
    window = MainWindow(workspace, clock_at(2026, 11, 24), first_run_dialog=False)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    with qtbot.waitExposed(window):
        window.show()
    view = window.form.indicator_view
    assert view.model().rowCount() >= 2, "the first task of the profile has indicators"
    return window


def _fits(qtbot: QtBot, view: IndicatorTableView) -> None:
    """Every figure column shows its widest text and its title; every row shows all of its wrapped text."""
    header, model = view.horizontalHeader(), view.model()
    for column in range(model.columnCount()):
        if header.sectionResizeMode(column) == QHeaderView.ResizeMode.Stretch:
            continue
        needed = max(view.sizeHintForColumn(column), header.sectionSizeHint(column))
        assert view.columnWidth(column) >= needed, (column, view.columnWidth(column), needed)
    rows_header = view.verticalHeader()
    for row in range(model.rowCount()):
        needed = max(view.sizeHintForRow(row), rows_header.sectionSizeHint(row))  # as Qt's resizeRowToContents
        assert view.rowHeight(row) == needed, (row, view.rowHeight(row), needed)
    rows = sum(view.rowHeight(r) for r in range(model.rowCount()))
    # Every row shows, no scroll bar of its own (the form's layout gives the table its new height a moment later).
    qtbot.waitUntil(lambda: view.height() >= view.horizontalHeader().height() + rows, timeout=2000)


def test_the_table_fits_its_contents_when_shown(qtbot: QtBot, workspace: Workspace) -> None:
    window = _window(qtbot, workspace)
    view = window.form.indicator_view
    qtbot.waitUntil(lambda: view.height() >= view.sizeHint().height() - 2, timeout=2000)
    _fits(qtbot, view)


def test_rows_changed_while_the_table_is_hidden_are_fitted_when_it_shows_again(
    qtbot: QtBot, workspace: Workspace
) -> None:
    # Hidden (under the quarterly tab, or being built), the table leaves its rows to be measured when it shows
    # (start-up); here nothing else changes on showing it, not even a column's width.
    indicators = workspace.catalog.indicators_for_task(2)
    model = IndicatorTableModel()
    view = IndicatorTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setFixedSize(900, 600)
    model.set_rows(indicators, {}, {}, 2026, read_only=False)
    with qtbot.waitExposed(view):
        view.show()
    short = view.rowHeight(0)
    view.hide()
    note = IndicatorValue(indicators[0].id, note="本月完成高标准农田建设验收，说明文字较长，需要换行显示。" * 6)
    model.set_rows(indicators, {note.indicator: note}, {}, 2026, read_only=False)
    view.show()
    qtbot.waitUntil(view.isVisible, timeout=2000)
    assert view.rowHeight(0) > short  # the long note's lines, measured once the table showed again
    _fits(qtbot, view)


def test_a_long_figure_widens_its_column_at_once(qtbot: QtBot, workspace: Workspace) -> None:
    window = _window(qtbot, workspace)
    view, model = window.form.indicator_view, window.form.indicator_model
    before = view.columnWidth(COL_VALUE)
    assert model.setData(model.index(0, COL_VALUE), "123456789012345.25")
    assert view.columnWidth(COL_VALUE) > before  # no "1234…" cut: the column grew with the text
    _fits(qtbot, view)


def test_a_narrower_window_wraps_the_names_into_taller_rows(qtbot: QtBot, workspace: Workspace) -> None:
    window = _window(qtbot, workspace)
    view, model = window.form.indicator_view, window.form.indicator_model
    note = "本月完成高标准农田建设验收，说明文字较长，需要在较窄的窗口中换行显示。" * 2
    model.setData(model.index(0, COL_NOTE), note)
    wide = [view.rowHeight(r) for r in range(model.rowCount())]
    window.resize(1024, 600)
    qtbot.waitUntil(lambda: [view.rowHeight(r) for r in range(model.rowCount())] != wide, timeout=2000)
    assert view.rowHeight(0) > wide[0]  # the long note takes more lines in the narrower column
    _fits(qtbot, view)


def test_a_larger_font_size_refits_the_table(qtbot: QtBot, workspace: Workspace) -> None:
    window = _window(qtbot, workspace)
    view = window.form.indicator_view
    widths = [view.columnWidth(c) for c in range(view.model().columnCount())]
    window.set_font_scale("特大")
    try:
        qtbot.waitUntil(lambda: [view.columnWidth(c) for c in range(view.model().columnCount())] != widths)
        _fits(qtbot, view)
    finally:
        window.set_font_scale("标准")  # the application's font is shared with the tests that follow


def test_a_figure_typed_into_the_cell_widens_its_column_when_the_cell_is_left(
    qtbot: QtBot, workspace: Workspace
) -> None:
    window = _window(qtbot, workspace)
    view, model = window.form.indicator_view, window.form.indicator_model
    index = model.index(1, COL_VALUE)
    view.setFocus()
    view.setCurrentIndex(index)
    view.edit(index)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and view.isAncestorOf(editor)
    type_text(editor, "1234567.25")  # saved as typed (stage), the cell itself is under the editor
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: view.state() != view.State.EditingState or QApplication.focusWidget() is not editor)
    assert model.data(index) == "1234567.25"
    _fits(qtbot, view)  # the column shows the whole figure, not "1.2…"


@pytest.mark.parametrize("figure", [1234567.25, 0.00001234, 123456789.123, 12.5, 1e-7, 3.0])
def test_a_figure_shows_every_digit_and_reads_back_the_same(figure: float) -> None:
    text = format_number(figure)
    assert "e" not in text and parse_number(text) == figure  # the cell is also the editor: no rounding
