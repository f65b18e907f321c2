"""A process killed mid-typing loses at most the last half second: everything older is in the database."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from shizhu_desktop.services.workspace import Workspace
from tests.gui_helpers import entry_row, with_profile

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
    edit = window.form.edits["progress"]
    edit.setFocus()

    def first():
        type_text(edit, "已经写好的一句话")

    def second():
        print("TYPED", flush=True)  # the first sentence is more than a second old now
        type_text(edit, "，正在写的半句")

    QTimer.singleShot(100, first)
    QTimer.singleShot(1300, second)
    app.exec()
    """
)


def test_kill_mid_typing_keeps_what_is_older_than_a_second(tmp_path: Path, db_path: Path) -> None:
    workspace = Workspace.open(db_path)
    with_profile(workspace)
    workspace.close()
    script = tmp_path / "typist.py"
    script.write_text(SCRIPT, encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(Path(__file__).parent.parent)}
    with subprocess.Popen(
        [sys.executable, str(script), str(db_path)], stdout=subprocess.PIPE, text=True, env=env
    ) as process:
        try:
            assert process.stdout is not None
            assert process.stdout.readline().strip() == "TYPED"
            time.sleep(0.05)
            process.kill()  # SIGKILL on POSIX, TerminateProcess on Windows: no chance to flush or clean up
        finally:
            process.wait(timeout=30)
    assert process.returncode == (1 if sys.platform == "win32" else -signal.SIGKILL)
    row = entry_row(db_path, "2026-11", 2)
    assert row is not None and row["progress"].startswith("已经写好的一句话")
    reopened = Workspace.open(db_path)  # the database opens cleanly after the kill
    reopened.close()
