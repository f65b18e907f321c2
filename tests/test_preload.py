"""Qt linked on a second core at start-up: the right files, no C module loaded meanwhile, Qt's main thread kept."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from shizhu_desktop import preload
from tests.conftest import ROOT, run_cli

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the preload runs on Linux only")


def _run(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120
    )


def test_the_files_are_pyside_modules_and_the_windowing_plugin_of_this_session() -> None:
    files = preload.library_files(environ={"QT_QPA_PLATFORM": "offscreen"})
    names = [os.path.basename(f) for f in files]
    assert names == ["Shiboken.abi3.so", "QtCore.abi3.so", "QtGui.abi3.so", "QtWidgets.abi3.so", "libqoffscreen.so"]
    assert all(os.path.isfile(f) for f in files)
    on_x11 = preload.library_files(environ={"DISPLAY": ":0"})
    assert os.path.basename(on_x11[-1]) == "libqxcb.so"
    assert len(preload.library_files(environ={})) == 4  # no display: no plugin guessed


def test_the_windowing_plugin_is_qt_s_first_choice_and_never_a_path() -> None:
    assert preload.qpa_platform({"QT_QPA_PLATFORM": "wayland;xcb"}) == "wayland"
    assert preload.qpa_platform({"QT_QPA_PLATFORM": "xcb:nograb"}) == "xcb"
    assert preload.qpa_platform({"QT_QPA_PLATFORM": "../../evil"}) == ""
    assert preload.qpa_platform({"QT_QPA_PLATFORM": "", "DISPLAY": ":1"}) == "xcb"


def test_without_pyside_along_the_path_nothing_is_loaded(tmp_path: Path) -> None:
    (tmp_path / "PySide6").mkdir()  # a folder of that name without the modules (a damaged install)
    assert preload.library_files([str(tmp_path)], {"QT_QPA_PLATFORM": "offscreen"}) == []


def test_elsewhere_than_linux_no_thread_is_started(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    assert preload.start() is None


LOADED_MEANWHILE = """
import os, runpy, sys
from importlib.machinery import ExtensionFileLoader
from shizhu_desktop import preload

def c_modules():
    return {name for name, module in list(sys.modules.items())
            if isinstance(getattr(module, "__loader__", None), ExtensionFileLoader)}

at_start = []
original = preload.start
def start():
    thread = original()
    at_start.append(c_modules())
    return thread
preload.start = start

class AtPySide:
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6" and at_start:
            print(sorted(c_modules() - at_start[0]), flush=True)
            os._exit(0)
sys.meta_path.insert(0, AtPySide())
sys.argv = ["main.py", "--db", sys.argv[1], "--smoke"]
runpy.run_path("main.py", run_name="__main__")
"""


def test_the_program_s_own_layers_load_no_c_module_while_qt_is_being_linked(tmp_path: Path) -> None:
    # Each C module loaded meanwhile waits on the system loader's lock while a Qt library is being linked:
    # C_MODULES must hold every one the layers before PySide6 need.
    db = tmp_path / "meanwhile.sqlite"
    assert run_cli("demo", "--unit", "南宾街道", "--through", "2026-11", db=db).returncode == 0
    result = _run(LOADED_MEANWHILE, str(db))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


QT_AFTER_PRELOAD = """
from shizhu_desktop import preload

thread = preload.start()
preload.wait()
maps = open("/proc/self/maps", encoding="utf-8").read()
linked = [name for name in ("libQt6Widgets", "libQt6Gui", "libpyside6", "libqoffscreen") if name in maps]

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QLabel

app = QApplication([])
label = QLabel("石柱")
label.show()
app.processEvents()
print(thread is not None and not thread.is_alive(), linked, app.thread() == QThread.currentThread())
"""


def test_qt_is_linked_before_it_is_imported_and_its_main_thread_is_still_the_main_thread() -> None:
    result = _run(QT_AFTER_PRELOAD)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[0] == "True ['libQt6Widgets', 'libQt6Gui', 'libpyside6', 'libqoffscreen'] True"
    assert "main() thread" not in result.stderr
