"""The county office's long day in one process: imports, tab switches and period changes (run by test_soak.py).

Usage: python tests/soak_county.py DB INBOX OPERATIONS SEED. Prints one JSON line: the operations done by kind.
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from shizhu_desktop.services.workspace import Workspace
from shizhu_desktop.ui.county_window import CountyWindow
from tests.gui_helpers import clock_at
from tests.soak_common import run_mixed


class CountyClerk:
    def __init__(self, window: CountyWindow, inbox: Path, rng: random.Random) -> None:
        self.window = window
        self.rng = rng
        self.folders = sorted(p for p in inbox.iterdir() if p.is_dir())
        self.files = sorted(p for p in inbox.rglob("*") if p.is_file())
        self.done: dict[str, int] = {}

    def _wait_for_import(self) -> None:
        panel = self.window.import_panel
        deadline = time.monotonic() + 60
        while panel.is_running and time.monotonic() < deadline:
            QApplication.processEvents()
            time.sleep(0.002)

    def import_some(self) -> None:
        panel = self.window.import_panel
        paths = [self.rng.choice(self.folders)] if self.rng.random() < 0.5 else self.rng.sample(self.files, 3)
        preview = self.rng.random() < 0.3
        panel.start(paths, dry_run=preview)
        self._wait_for_import()
        if preview and panel.confirm.isVisible():
            panel.confirm.click()
            self._wait_for_import()

    def switch_tab(self) -> None:
        tabs = self.window.tabs
        tabs.setCurrentIndex(self.rng.randrange(tabs.count()))

    def change_year_or_kind(self) -> None:
        page = self.window.timeliness_page
        if self.rng.random() < 0.5:
            page.year.setValue(self.rng.choice((2025, 2026)))
        else:
            page.kind.setCurrentIndex(self.rng.randrange(page.kind.count()))

    def change_reminder_period(self) -> None:
        combo = self.window.timeliness_page.reminder_period
        if combo.count():
            combo.setCurrentIndex(self.rng.randrange(combo.count()))

    def change_summary_period(self) -> None:
        navigator = self.window.summary_page.navigator
        step = self.rng.choice((-1, 1))
        target = navigator.period.previous() if step < 0 else navigator.period.next()
        if target.year == 2026 and target.month <= 11:
            navigator.set_period(target)

    def switch_summary_tab(self) -> None:
        tabs = self.window.summary_page.tabs
        tabs.setCurrentIndex(self.rng.randrange(tabs.count()))

    def run(self, operations: int) -> None:
        plan = [
            (self.import_some, 2),
            (self.switch_tab, 30),
            (self.change_year_or_kind, 12),
            (self.change_reminder_period, 20),
            (self.change_summary_period, 12),
            (self.switch_summary_tab, 24),
        ]
        run_mixed(plan, operations, self.rng, self.done)


def main() -> int:
    db, inbox, operations, seed = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    app = QApplication([])
    QMessageBox.exec = lambda self: 0  # type: ignore[method-assign]
    QFileDialog.getExistingDirectory = staticmethod(lambda *a, **k: str(inbox))  # type: ignore[method-assign]
    window = CountyWindow(Workspace.open(db), clock_at(2026, 11, 5))
    window.show()
    QApplication.processEvents()
    clerk = CountyClerk(window, inbox, random.Random(seed))
    clerk.run(operations)
    # Finally everything once more, as the office does at month end: the test checks it all arrived.
    window.import_panel.start([inbox])
    clerk._wait_for_import()
    window.close()
    window.workspace.close()
    app.processEvents()
    print(json.dumps({"done": clerk.done}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
