"""A process killed mid-typing loses at most the last half second: everything older is in the database —
in a text field and in an indicator cell whose editor is still open (issue 12, item 2)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from shizhu_desktop.domain.periods import Period
from shizhu_desktop.domain.report import ReportKind
from shizhu_desktop.services.workspace import Workspace
from tests.gui_helpers import NANBIN, entry_row, with_profile

SCRIPT = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from shizhu_desktop.services.workspace import Workspace
    from shizhu_desktop.ui.main_window import MainWindow
    from tests.gui_helpers import clock_at, type_text

    app = QApplication([])
    window = MainWindow(Workspace.open(sys.argv[1]), clock_at(2026, 11, 24), first_run_dialog=False)
    window.show()
    target = {}

    def start():
        if sys.argv[2] == "field":
            target["widget"] = window.form.edits["progress"]
            target["widget"].setFocus()
        else:  # the figure cell's own editor, left open the whole time
            view, model = window.form.indicator_view, window.form.indicator_model
            row = next(r for r in range(model.rowCount()) if model.indicator_at(r).id == "high_standard_farmland")
            view.setFocus()
            view.setCurrentIndex(model.index(row, 4))
            view.edit(model.index(row, 4))
            target["widget"] = view.indexWidget(model.index(row, 4)) or QApplication.focusWidget()
        type_text(target["widget"], sys.argv[3])

    def second():
        print("TYPED", flush=True)  # what was typed first is more than a second old now
        type_text(target["widget"], sys.argv[4])

    QTimer.singleShot(100, start)
    QTimer.singleShot(1300, second)
    app.exec()
    """
)


def _kill_while_typing(tmp_path: Path, db_path: Path, where: str, first: str, then: str) -> None:
    workspace = Workspace.open(db_path)
    with_profile(workspace)
    workspace.close()
    script = tmp_path / "typist.py"
    script.write_text(SCRIPT, encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(Path(__file__).parent.parent)}
    with subprocess.Popen(
        [sys.executable, str(script), str(db_path), where, first, then], stdout=subprocess.PIPE, text=True, env=env
    ) as process:
        try:
            assert process.stdout is not None
            assert process.stdout.readline().strip() == "TYPED"
            time.sleep(0.05)
            process.kill()  # no goodbye: like a power cut (portable, unlike a signal number)
        finally:
            process.wait(timeout=30)
    assert process.returncode != 0


def test_kill_mid_typing_keeps_what_is_older_than_a_second(tmp_path: Path, db_path: Path) -> None:
    _kill_while_typing(tmp_path, db_path, "field", "已经写好的一句话", "，正在写的半句")
    row = entry_row(db_path, "2026-11", 2)
    assert row is not None and row["progress"].startswith("已经写好的一句话")
    reopened = Workspace.open(db_path)  # the database opens cleanly after the kill
    reopened.close()


@pytest.mark.parametrize("figure", ["12.5", "８００"])
def test_kill_while_a_figure_is_typed_in_its_cell(tmp_path: Path, db_path: Path, figure: str) -> None:
    _kill_while_typing(tmp_path, db_path, "cell", figure, "9")
    reopened = Workspace.open(db_path)
    report = reopened.reports.find(NANBIN, Period(2026, 11), ReportKind.MONTHLY)
    value = report.indicator_value("high_standard_farmland") if report else None
    reopened.close()
    assert value is not None and value.value is not None
    assert str(value.value).startswith(figure.replace("８００", "800"))  # the figure on screen a second ago
