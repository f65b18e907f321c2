"""Qt start-up: the application object, fonts, the workspace, and the main window."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

_IMPORTED_AT = time.monotonic()


def _process_started_ms_ago() -> float:
    """Milliseconds since the process started (Linux: from /proc; elsewhere: since this module loaded)."""
    try:
        with open("/proc/self/stat", encoding="ascii") as stat:
            start_ticks = int(stat.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime", encoding="ascii") as uptime:
            now = float(uptime.read().split()[0])
        return (now - start_ticks / os.sysconf("SC_CLK_TCK")) * 1000
    except (OSError, ValueError, IndexError, AttributeError):
        return (time.monotonic() - _IMPORTED_AT) * 1000


def run_gui(db_path: Path | None = None, smoke: bool = False) -> int:
    """Run the GUI on ``db_path`` (default database when None); returns the exit status."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from shizhu_desktop import APP_ID, APP_NAME
    from shizhu_desktop.domain.schema import DataFileError
    from shizhu_desktop.paths import default_db_path
    from shizhu_desktop.services.workspace import Workspace
    from shizhu_desktop.store import DatabaseError
    from shizhu_desktop.ui.fonts import DEFAULT_SCALE, apply_font

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(APP_NAME)
    apply_font(app, DEFAULT_SCALE)
    try:
        workspace = Workspace.open(db_path or default_db_path())
    except (DatabaseError, DataFileError) as exc:
        if smoke:
            print(f"错误：{exc}", file=sys.stderr)
            return 1
        QMessageBox.critical(None, APP_NAME, f"无法打开数据库。\n\n{exc}\n\n请检查文件，或用“恢复”从备份恢复。")
        return 1
    apply_font(app, workspace.settings.get("ui.font_scale", DEFAULT_SCALE))
    window = open_window(workspace, smoke)
    if smoke:

        def report_painted() -> None:
            print(f"{_process_started_ms_ago():.0f}", flush=True)
            window.close()
            app.quit()

        window.painted.connect(lambda: QTimer.singleShot(0, report_painted))
    status = app.exec()
    current = _windows[-1] if _windows else window
    current.workspace.close()
    return int(status)


_windows: list[Any] = []


def open_window(workspace: Any, smoke: bool = False) -> Any:
    """The unit window or the county window, by the profile's 本机用途; swapped when the clerk changes it."""
    from shizhu_desktop.domain.profile import MODE_COUNTY
    from shizhu_desktop.ui.county_window import CountyWindow
    from shizhu_desktop.ui.main_window import MainWindow

    profile = workspace.profile()
    window: Any
    if profile is not None and profile.mode == MODE_COUNTY:
        window = CountyWindow(workspace)
    else:
        window = MainWindow(workspace, first_run_dialog=not smoke)
    window.mode_changed.connect(lambda: _swap(window))
    _windows[:] = [window]
    window.show()
    return window


def _swap(old: Any) -> None:
    new = open_window(old.workspace)
    new.move(old.pos())
    old.close()
    old.deleteLater()
