"""The installed Qt binding must not leak references to None/True/False (issue 8), and a bad pair is named at start."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from shizhu_desktop.ui.binding_check import PROBE_CALLS, known_bad

ROOT = Path(__file__).resolve().parent.parent


def _env() -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}


def test_thousands_of_widget_calls_leave_none_true_and_false_alone() -> None:
    # In a subprocess: a leaking binding aborts the interpreter ("none_dealloc"), which must fail this test and
    # nothing else. The probe stops and reports as soon as the drift passes its limit.
    result = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "binding_probe.py"), "200"],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=120,
    )
    assert result.returncode == 0, f"the probe process died ({result.returncode}): {result.stderr[-2000:]}"
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert all(abs(change) <= 8 for change in report["drift"].values()), (
        f"PySide6 leaks references on Python {report['python']}: {report['drift']} after {report['calls']} calls"
    )
    assert report["calls"] >= 4000, report


@pytest.mark.parametrize(
    ("pyside", "python", "bad"),
    [
        ("6.12.0", (3, 11), True),
        ("6.12.1", (3, 10), True),
        ("6.12.0", (3, 12), False),
        ("6.12.0", (3, 13), False),
        ("6.11.3", (3, 11), False),
        ("6.1.2", (3, 11), False),
    ],
)
def test_the_measured_bad_pairs_are_known(pyside: str, python: tuple[int, int], bad: bool) -> None:
    assert known_bad(pyside, python) is bad


STARTS_ON_A_LEAKING_BINDING = textwrap.dedent(
    """
    import sys
    from shizhu_desktop.ui import binding_check

    # Stand in for a leaking binding: the probe reports what PySide6 6.12 on Python 3.11 measures.
    binding_check.probe_drift = lambda calls=binding_check.PROBE_CALLS: {"None": -calls, "True": 0, "False": 0}
    before = sys.getrefcount(None)
    from shizhu_desktop.app import run_gui

    status = run_gui(sys.argv[1], smoke=True)
    print("RESERVE", sys.getrefcount(None) - before)
    sys.exit(status)
    """
)


def test_a_leaking_binding_is_named_in_chinese_in_the_log_and_guarded(tmp_path: Path) -> None:
    script = tmp_path / "start.py"
    script.write_text(STARTS_ON_A_LEAKING_BINDING, encoding="utf-8")
    db = tmp_path / "数据" / "shizhu.sqlite"
    result = subprocess.run(
        [sys.executable, str(script), str(db)], capture_output=True, text=True, env=_env(), timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "不兼容" in result.stderr and "6.11.3" in result.stderr
    log = (db.parent / "错误记录.log").read_text(encoding="utf-8")
    assert "不兼容" in log and str(-PROBE_CALLS) in log
    reserve = int(result.stdout.split("RESERVE")[1].split()[0])
    if sys.version_info < (3, 12):
        assert reserve >= 2**40  # the window can no longer drive None's count to zero
    else:
        assert "已加保护：否" in log  # immortal objects need no reserve


def test_a_sound_binding_starts_without_a_warning(tmp_path: Path) -> None:
    db = tmp_path / "shizhu.sqlite"
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", str(db), "--smoke"],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "不兼容" not in result.stderr
    assert not (db.parent / "错误记录.log").exists()
