"""Detects a Qt binding that leaks references to None/True/False (PySide6 6.12 on Python 3.10/3.11) at start."""

from __future__ import annotations

import sys
from dataclasses import dataclass

#: Measured pairs (docs/stability.md): a release whose void calls drop a reference to None on Pythons
#: that do not make None immortal. The window aborts with "none_dealloc" after a few hundred clicks.
KNOWN_BAD = (("6.12", (3, 12)),)  # (release prefix, first Python on which it is harmless)
SAFE_ADVICE = "PySide6-Essentials 6.11.3"

#: Calls per probe: enough to see a leak of one reference a call, far too few to reach zero.
PROBE_CALLS = 64


@dataclass(frozen=True)
class BindingProblem:
    """What is wrong with the installed binding, in Chinese, and what to install instead."""

    pyside: str
    python: str
    drift: dict[str, int]
    message: str


def known_bad(pyside: str, python: tuple[int, int]) -> bool:
    """True when ``pyside`` (e.g. "6.12.0") on ``python`` (e.g. (3, 11)) is a pair measured to leak."""
    return any(pyside.startswith(prefix) and python < harmless_from for prefix, harmless_from in KNOWN_BAD)


def probe_drift(calls: int = PROBE_CALLS) -> dict[str, int]:
    """Change in the reference counts of None, True and False over ``calls`` void calls into Qt.

    A sound binding gives (near) zero; a leaking one gives about ``-calls`` for None. On Python 3.12+ these
    objects are immortal and the counts never move, which is also harmless.
    """
    from PySide6.QtCore import QObject, QTimer

    probe, timer = QObject(), QTimer()
    singletons = {"None": None, "True": True, "False": False}
    before = {name: sys.getrefcount(obj) for name, obj in singletons.items()}
    for i in range(calls):
        probe.setObjectName("probe")  # returns nothing: the call that leaked None
        timer.setSingleShot(i % 2 == 0)  # takes True/False: the exit-time bool_dealloc
    after = {name: sys.getrefcount(obj) for name, obj in singletons.items()}
    return {name: after[name] - before[name] for name in singletons}


def check_binding() -> BindingProblem | None:
    """Probe the installed PySide6; a problem when it leaks now or is a pair known to leak."""
    import PySide6

    pyside = str(PySide6.__version__)
    python = ".".join(str(n) for n in sys.version_info[:3])
    drift = probe_drift()
    leaking = any(change <= -PROBE_CALLS // 2 for change in drift.values())
    if not leaking and not known_bad(pyside, (sys.version_info[0], sys.version_info[1])):
        return None
    message = (
        f"本机安装的界面组件 PySide6 {pyside} 与 Python {python} 不兼容：连续操作几百次后程序会突然退出，"
        "最后几秒输入的内容可能丢失。\n\n"
        f'请让技术人员改装 {SAFE_ADVICE}（命令：pip install "{SAFE_ADVICE.replace(" ", "==")}"），'
        "或使用 Python 3.12 及以上版本，或直接使用本程序的安装包。\n\n"
        "在此之前程序已采取保护措施，可以继续使用，但请尽快改装。"
    )
    return BindingProblem(pyside, python, drift, message)


def protect_singletons() -> bool:
    """Give None, True and False a reserve of references so a leaking binding cannot drive them to zero.

    Only on CPython before 3.12 (where these objects are not immortal) and not on debug builds (whose object
    header differs). The reserve (2**40) outlasts any session by many orders of magnitude; the objects are
    never freed anyway, so nothing is lost by it. Returns True when the reserve was added.
    """
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12) or hasattr(sys, "gettotalrefcount"):
        return False
    import ctypes

    for obj in (None, True, False):
        # ob_refcnt is the first field of every object on a release build: the address id() returns.
        refcount = ctypes.c_ssize_t.from_address(id(obj))
        refcount.value += 2**40
    return True
