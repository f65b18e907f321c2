"""A clerk's long day in one process: thousands of mixed operations on the real window (run by test_soak.py).

Usage: python tests/soak_clerk.py DB OUT_DIR OPERATIONS SEED. Prints one JSON line: the operations done by kind,
and every value typed (the latest content the window showed for each field), for the test to find in the database.
"""

from __future__ import annotations

import json
import os
import random
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox

from shizhu_desktop.domain.periods import Period
from shizhu_desktop.services.workspace import Workspace
from shizhu_desktop.ui import messages
from shizhu_desktop.ui.clerk_view import TAB_MONTHLY
from shizhu_desktop.ui.issues_dialog import IssuesDialog
from shizhu_desktop.ui.main_window import MainWindow
from tests.gui_helpers import clock_at, type_text
from tests.soak_common import run_mixed

PERIODS = [Period(2026, month) for month in (9, 10, 11, 12)]
WORDS = ["推进", "完成", "验收", "整改", "督导", "项目", "资金", "12%", "3个", "（续）", "，", "。"]


def patch_dialogs(out_dir: Path) -> None:
    """Answer the confirmations as a clerk would, and never block on a modal dialog."""
    QMessageBox.question = staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)  # type: ignore[method-assign]
    messages.ask = lambda *a, **k: True  # the window's own 是/否 questions (定稿, 重新打开修改)
    QMessageBox.exec = lambda self: 0  # type: ignore[method-assign]
    QMessageBox.information = staticmethod(lambda *a, **k: QMessageBox.StandardButton.Ok)  # type: ignore[method-assign]
    QMessageBox.warning = staticmethod(lambda *a, **k: QMessageBox.StandardButton.Ok)  # type: ignore[method-assign]
    QFileDialog.getExistingDirectory = staticmethod(lambda *a, **k: str(out_dir))  # type: ignore[method-assign]
    # Errors: close the list (定稿 refused); only soft warnings: 仍然定稿, as a hurried clerk would.
    IssuesDialog.exec = lambda self: 1 if hasattr(self, "finalize_button") else 0  # type: ignore[method-assign]


class Clerk:
    def __init__(self, window: MainWindow, rng: random.Random) -> None:
        self.window = window
        self.rng = rng
        self.done: dict[str, int] = {}
        #: (period, task, field) -> text, and (period, indicator) -> value, as the window last showed them.
        self.texts: dict[str, str] = {}
        self.figures: dict[str, float] = {}

    def editable(self) -> bool:
        return self.window.report_editable and self.window.tabs.currentIndex() == TAB_MONTHLY

    def key(self, *parts: object) -> str:
        return "|".join(str(p) for p in parts)

    def remember_form(self) -> None:
        """After anything that may change the form's content (typing, carry-forward), note what it shows."""
        w = self.window
        if w.form.task is None or w.report is None or not w.report_editable:
            return
        for name, edit in w.form.edits.items():
            text = edit.toPlainText()
            if text:
                self.texts[self.key(w.report.period, w.form.task.number, name)] = text

    # -- the operations ----------------------------------------------------------------------------------

    def switch_task(self) -> None:
        self.window.step_task(self.rng.choice((-1, 1)))

    def switch_month(self) -> None:
        self.window.navigator.set_period(self.rng.choice(PERIODS))

    def type_text(self) -> None:
        if not self.editable() or self.window.form.task is None:
            return
        form = self.window.form
        if not form.status.currentData():
            form.status.setCurrentIndex(form.status.findData("序时推进"))
        name = self.rng.choice([n for n in form.edits if n != "remarks"] + ["remarks"])
        edit = form.edits[name]
        edit.setFocus()
        edit.moveCursor(edit.textCursor().MoveOperation.End)
        type_text(edit, self.rng.choice(WORDS) + str(self.rng.randint(0, 99)))
        self.remember_form()

    def type_figure(self) -> None:
        w = self.window
        view = w.form.indicator_view
        model = view.model()
        if not self.editable() or model.rowCount() == 0 or w.report is None:
            return
        row = self.rng.randrange(model.rowCount())
        fields = {"本期值": "value", "累计值": "cumulative"}
        columns = {
            c: fields[str(model.headerData(c, Qt.Orientation.Horizontal))]
            for c in range(model.columnCount())
            if str(model.headerData(c, Qt.Orientation.Horizontal)) in fields
        }
        column = self.rng.choice(sorted(columns))
        index = model.index(row, column)
        if not model.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return
        value = float(self.rng.randint(0, 90))  # whole numbers: valid for counts and percentages alike
        view.setFocus()
        view.setCurrentIndex(index)
        view.edit(index)
        editor = QApplication.focusWidget()
        if not isinstance(editor, QLineEdit):
            return
        editor.selectAll()
        QTest.keyClicks(editor, f"{value:g}")
        QTest.keyClick(editor, Qt.Key.Key_Return)
        indicator = model.indicator_at(row).id
        self.figures[self.key(w.report.period, indicator, columns[column])] = value

    def copy_previous(self) -> None:
        actions = self.window.report_actions
        (actions.copy_previous_task if self.rng.random() < 0.7 else actions.copy_previous_all)()
        self.remember_form()

    def finalize(self) -> None:
        self.window.report_actions.finalize()

    def reopen(self) -> None:
        self.window.report_actions.reopen()

    def export(self) -> None:
        self.window.files.export(self.rng.choice(("xlsx", "pdf")))

    def run(self, operations: int) -> None:
        plan = [
            (self.switch_task, 22),
            (self.switch_month, 8),
            (self.type_text, 40),
            (self.type_figure, 16),
            (self.copy_previous, 6),
            (self.finalize, 3),
            (self.reopen, 4),
            (self.export, 1),
        ]
        run_mixed(plan, operations, self.rng, self.done)


def main() -> int:
    db, out_dir, operations, seed = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    app = QApplication([])
    patch_dialogs(out_dir)
    window = MainWindow(Workspace.open(db), clock_at(2026, 12, 10), first_run_dialog=False)
    window.show()
    QApplication.processEvents()
    clerk = Clerk(window, random.Random(seed))
    clerk.run(operations)
    window.close()
    window.workspace.close()
    app.processEvents()
    print(json.dumps({"done": clerk.done, "texts": clerk.texts, "figures": clerk.figures}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
