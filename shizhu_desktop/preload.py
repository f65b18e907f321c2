"""Start-up on two cores: Qt's libraries are linked, and fontconfig read, while Python loads the program."""

# Issue 13 (start-up). Linking Qt's shared libraries (relocating Qt Widgets, Gui, Core and the system libraries
# they need) and fontconfig's first read of its configuration are C work that takes about 25 ms, all of it on
# the one core Python runs on. Here a thread does it while the main thread imports the program's own Qt-free
# layers; when PySide6 is imported, the loader finds every library already in place. Nothing is imported from
# PySide6 here (the layers: only ui/ and app.py use Qt); the thread only asks the system loader for files.

from __future__ import annotations

import contextlib
import importlib
import os
import sys
import threading
from collections.abc import Mapping
from typing import Any

#: PySide6's extension modules for the window, in the order PySide6 imports them, each bringing in the libraries it
#: needs (shiboken; Qt Core and ICU; Qt Gui, fontconfig and X11; Qt Widgets): an import that comes while the thread
#: is still at work waits for the one library being linked, not for all of Qt.
EXTENSIONS = (
    ("shiboken6", "Shiboken.abi3.so"),
    ("PySide6", "QtCore.abi3.so"),
    ("PySide6", "QtGui.abi3.so"),
    ("PySide6", "QtWidgets.abi3.so"),
)

#: The standard library's C modules the program's Qt-free layers load, imported before the thread starts. While
#: the thread links a library it holds the system loader's lock, and Python loads a C module through that same
#: loader: each one the main thread loaded meanwhile would wait while a Qt library is being linked. test_preload
#: holds the list to what those layers actually load.
C_MODULES = ("ctypes", "datetime", "getpass", "json", "opcode", "random", "shutil", "sqlite3", "struct", "unicodedata")

#: A thread that has not finished by the time Qt is needed is not waited for longer than this.
WAIT_SECONDS = 10.0

_threads: list[threading.Thread] = []


def library_files(path: list[str] | None = None, environ: Mapping[str, str] = os.environ) -> list[str]:
    """The files to load, in order: PySide6's extension modules and the windowing system's Qt plugin.

    Found along ``path`` (sys.path) the way ``import`` finds the packages, so a bundle finds its own copies.
    """
    folders: dict[str, str] = {}
    for entry in sys.path if path is None else path:
        for package in ("PySide6", "shiboken6"):
            folder = os.path.join(entry or os.curdir, package)
            if package not in folders and os.path.isdir(folder):
                folders[package] = folder
    files = [os.path.join(folders[p], name) for p, name in EXTENSIONS if p in folders]
    files = [f for f in files if os.path.isfile(f)]
    platform = qpa_platform(environ)
    if platform and "PySide6" in folders:
        plugin = os.path.join(folders["PySide6"], "Qt", "plugins", "platforms", f"libq{platform}.so")
        if os.path.isfile(plugin):
            files.append(plugin)
    return files


def qpa_platform(environ: Mapping[str, str]) -> str:
    """The windowing plugin Qt will load: QT_QPA_PLATFORM's first choice; X11 (xcb) on a desktop with a display."""
    chosen = environ.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if chosen:
        return chosen if chosen.replace("-", "").replace("_", "").isalnum() else ""
    return "xcb" if environ.get("DISPLAY") else ""


def start() -> threading.Thread | None:
    """Start linking Qt on another thread (Linux, where UOS and Kylin run; elsewhere nothing happens)."""
    if not sys.platform.startswith("linux") or _threads:
        return None
    files = library_files()
    if not files:
        return None
    for name in C_MODULES:
        with contextlib.suppress(ImportError):  # a bundle without one: the layers do not need it either
            importlib.import_module(name)
    import ctypes

    try:
        dlopen = ctypes.CDLL(None).dlopen  # the C function: ctypes lets other threads run while it works,
    except AttributeError:  # unlike ctypes.CDLL(), which would hold Python's lock for the whole of Qt
        return None
    dlopen.argtypes = [ctypes.c_char_p, ctypes.c_int]
    dlopen.restype = ctypes.c_void_p
    thread = threading.Thread(target=_link, args=(dlopen, files), name="Qt preload", daemon=True)
    thread.start()
    _threads.append(thread)
    return thread


def _link(dlopen: Any, files: list[str]) -> None:
    import ctypes

    for path in files:
        if not dlopen(os.fsencode(path), os.RTLD_NOW):
            return  # not loadable here: Qt's own import reports it, as it would have without this
    # Qt Gui has loaded fontconfig by now: this is the same library, and the configuration Qt will use.
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libfontconfig.so.1").FcInit()


def wait() -> None:
    """Before Qt is used: fontconfig must not be read from two threads at once."""
    for thread in _threads:
        thread.join(WAIT_SECONDS)
