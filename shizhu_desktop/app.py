"""Qt start-up: the application object, fonts, the workspace, and the main window."""

from __future__ import annotations

import gc
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
    # Start-up makes hundreds of thousands of objects and hardly any garbage: the cyclic collector only slows it
    # down (issue 13). It is paused until the window is painted; the objects made by then are frozen out of its
    # reach (gc.freeze), so later collections in a long session skip them too.
    gc.disable()
    try:
        return _run_gui(db_path, smoke)
    finally:
        gc.enable()


def _resume_collector() -> None:
    gc.freeze()
    gc.enable()


def _run_gui(db_path: Path | None, smoke: bool) -> int:
    from shizhu_desktop import preload

    preload.start()  # Qt's libraries are linked on another core meanwhile (issue 13: start-up)
    # The program's own modules before Qt's: once PySide6 is loaded, every later import pays for its
    # import hook (issue 13: start-up), so the Qt-free layers are loaded first.
    from shizhu_desktop import APP_ID, APP_NAME
    from shizhu_desktop.paths import default_db_path
    from shizhu_desktop.services.reporting import ReportingService

    path = Path(db_path or default_db_path())
    assert ReportingService is not None  # loaded here for the reason above; the window uses it

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    preload.wait()
    spare_feature_scan()
    from shizhu_desktop.ui.appearance import prepare_application
    from shizhu_desktop.ui.fonts import DEFAULT_SCALE, apply_font
    from shizhu_desktop.ui.lock_dialog import take_window_lock
    from shizhu_desktop.ui.startup_db import back_up_daily, open_workspace

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(APP_NAME)
    prepare_application(app, DEFAULT_SCALE)  # Qt's own texts in Chinese, the icon, the font
    lock = take_window_lock(path, smoke)  # one writer: CLI commands that change the database wait for the window
    if lock is False:
        return 1
    _held.append(lock)
    _install_excepthook(path, smoke)
    workspace = open_workspace(path, smoke)  # damaged: the newest good backup is offered
    if workspace is None:
        return 1
    scale = workspace.settings.get("ui.font_scale", DEFAULT_SCALE)
    if scale != DEFAULT_SCALE:
        apply_font(app, scale)
    window = open_window(workspace, smoke)
    window.painted.connect(_resume_collector)

    def after_first_paint() -> None:
        # What the clerk need not wait for is done once the window is on screen (issue 13: start-up): the
        # day's backup, and the binding's check (its fault takes hundreds of clicks; none can come before this).
        if smoke:
            print(f"{_process_started_ms_ago():.0f}", flush=True)
        back_up_daily(workspace)
        _check_binding(path, smoke)
        if smoke:
            window.close()
            app.quit()

    window.painted.connect(lambda: QTimer.singleShot(0, after_first_paint))
    status = app.exec()
    current = _windows[-1] if _windows else window
    current.workspace.close()
    return int(status)


_windows: list[Any] = []


def spare_feature_scan() -> None:
    """Tell PySide6 which modules use Qt, so it need not read their source to find out (issue 13: start-up).

    Once loaded, PySide6 reads the whole source of every module imported after it (and of each module
    an import statement hands back) looking for ``from __feature__ import`` (snake_case, true_property):
    at start-up 59 of the 71 it reads, typing.py and inspect.py among them: 2 % of the instructions to the first frame.
    The answers are known without reading. Of ours, only ``ui/`` and this module use Qt (test_gui_structure
    holds the layers to it), and no module loaded before PySide6 (the standard library, our Qt-free layers)
    can use it. They go where PySide6 keeps its own: 0 uses Qt with the default features, which are all this
    program uses; -1 not a Qt module. Binding modules and any module it has read already keep its answer; if
    a PySide6 release keeps the answers elsewhere, nothing changes but the time.
    """
    feature = sys.modules.get("shibokensupport.feature")
    answers = getattr(feature, "pyside_feature_dict", None)
    if not isinstance(answers, dict):
        return

    def answer(name: str) -> None:
        if not name.startswith(("PySide6", "shiboken", "shibokensupport")):
            ours_with_qt = name in (__name__, "shizhu_desktop.ui") or name.startswith("shizhu_desktop.ui.")
            answers.setdefault(name, 0 if ours_with_qt else -1)

    for name in list(sys.modules):  # loaded before Qt
        answer(name)
    try:  # the window's modules, by their file names
        names = [entry.name for entry in os.scandir(os.path.join(os.path.dirname(__file__), "ui"))]
    except OSError:  # a bundle may keep them in an archive: PySide6 reads them, as before
        names = []
    for file_name in names:
        stem, dot, extension = file_name.partition(".")
        if dot and extension == "py":
            answer(f"shizhu_desktop.ui.{stem}")


def open_window(workspace: Any, smoke: bool = False) -> Any:
    """The unit window or the county window, by the profile's 本机用途; swapped when the clerk changes it."""
    from shizhu_desktop.domain.profile import MODE_COUNTY

    profile = workspace.profile()
    window: Any
    # Only the window this PC uses is imported: a unit's start-up never loads the county's pages.
    if profile is not None and profile.mode == MODE_COUNTY:
        from shizhu_desktop.ui.county_window import CountyWindow

        window = CountyWindow(workspace)
    else:
        from shizhu_desktop.ui.main_window import MainWindow

        window = MainWindow(workspace, first_run_dialog=not smoke)
    window.reopen_requested.connect(lambda: _swap(window))
    _windows[:] = [window]
    window.show()
    return window


def _swap(old: Any) -> None:
    new = open_window(old.workspace)
    new.move(old.pos())
    old.close()
    old.deleteLater()


#: The window's database lock, kept for the life of the process (released by the OS when it ends).
_held: list[Any] = []


def _log(db_path: Path, text: str) -> Path:
    """Append ``text`` with the time to the error log beside the database (best effort); returns the log's path."""
    log = db_path.parent / "错误记录.log"
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("a", encoding="utf-8") as out:
            out.write(time.strftime("%Y-%m-%d %H:%M:%S\n") + text + "\n")
    except OSError:
        pass
    return log


def _check_binding(db_path: Path, smoke: bool) -> None:
    """Warn once, in Chinese, when the installed Qt binding is a pair known to abort after a few hundred clicks."""
    from PySide6.QtWidgets import QMessageBox

    from shizhu_desktop import APP_NAME
    from shizhu_desktop.ui.binding_check import check_binding, protect_singletons

    problem = check_binding()
    if problem is None:
        return
    protected = protect_singletons()
    _log(db_path, f"{problem.message}\n（引用计数变化：{problem.drift}；已加保护：{'是' if protected else '否'}）")
    if sys.__stderr__ is not None:
        sys.__stderr__.write(f"警告：{problem.message}\n")
    if not smoke:
        QMessageBox.warning(None, APP_NAME, problem.message)


def _install_excepthook(db_path: Path, smoke: bool = False) -> None:
    """An unexpected error is shown in Chinese and written to a log, instead of vanishing without a console.

    A self-check (``--smoke``, run by tests and benchmarks with no one to click) logs it and exits instead.
    """

    def hook(kind: type[BaseException], error: BaseException, trace: Any) -> None:
        import traceback

        # Imported when an error comes: Qt's message box costs start-up a millisecond for nothing (issue 13).
        from PySide6.QtWidgets import QMessageBox

        from shizhu_desktop import APP_NAME

        text = "".join(traceback.format_exception(kind, error, trace))
        log = _log(db_path, text)
        if sys.__stderr__ is not None:
            sys.__stderr__.write(text)
        if smoke:
            os._exit(70)  # EX_SOFTWARE; a modal box would wait for ever
        QMessageBox.warning(
            None,
            APP_NAME,
            f"程序出现了一个意外错误：{error}\n\n已经保存的内容不受影响。请关闭程序后重新打开；"
            f"如果反复出现，请把 {log} 发给技术人员。",
        )

    sys.excepthook = hook
