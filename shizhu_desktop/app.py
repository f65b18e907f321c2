"""Qt start-up: the application object, the workspace, and the main window."""

from __future__ import annotations

import sys
import time
from pathlib import Path

_START = time.perf_counter()


def run_gui(db_path: Path | None = None, smoke: bool = False) -> int:
    """Run the GUI on ``db_path`` (default database when None); returns the exit status."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from shizhu_desktop import APP_ID, APP_NAME
    from shizhu_desktop.domain.schema import DataFileError
    from shizhu_desktop.paths import default_db_path
    from shizhu_desktop.services.workspace import Workspace
    from shizhu_desktop.store import DatabaseError
    from shizhu_desktop.ui.main_window import MainWindow

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(APP_NAME)
    try:
        workspace = Workspace.open(db_path or default_db_path())
    except (DatabaseError, DataFileError) as exc:
        if smoke:
            print(f"错误：{exc}", file=sys.stderr)
            return 1
        QMessageBox.critical(None, APP_NAME, f"无法打开数据库。\n\n{exc}")
        return 1
    window = MainWindow(workspace)
    window.show()
    if smoke:

        def report_painted() -> None:
            elapsed = (time.perf_counter() - _START) * 1000
            print(f"{elapsed:.0f}")
            app.quit()

        window.painted.connect(lambda: QTimer.singleShot(0, report_painted))
    status = app.exec()
    workspace.close()
    return int(status)
