"""The window code's shape: small modules, no import circle, nothing heavy or foreign loaded at start-up,
and no strftime in date texts (it can raise on Windows with a non-Chinese locale)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.conftest import ROOT, run_cli

UI = ROOT / "shizhu_desktop" / "ui"
MAX_LINES = 400


def _imported_names(path: Path) -> list[str]:
    """Every module (and ``module.name``) ``path`` imports, at any depth of the file (TYPE_CHECKING blocks too)."""
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names += [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names += [a.name for a in node.names]
    return names


def _ui_imports(path: Path) -> set[str]:
    """The ui modules ``path`` imports."""
    return {
        name.split(".")[2]
        for name in _imported_names(path)
        if name.startswith("shizhu_desktop.ui.") and (UI / f"{name.split('.')[2]}.py").exists()
    }


def test_no_ui_module_is_over_400_lines() -> None:
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in UI.glob("*.py")}
    assert {name: n for name, n in sizes.items() if n > MAX_LINES} == {}


def test_the_ui_modules_import_each_other_without_a_circle() -> None:
    graph = {p.stem: _ui_imports(p) - {p.stem} for p in UI.glob("*.py")}
    state: dict[str, str] = {}

    def visit(module: str, path: list[str]) -> None:
        state[module] = "open"
        for imported in sorted(graph.get(module, ())):
            assert state.get(imported) != "open", " → ".join([*path, module, imported])
            if imported not in state:
                visit(imported, [*path, module])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [])
    # The commands stand alone: they never reach back into the window that uses them.
    for command in ("report_actions", "file_actions", "data_actions"):
        assert "main_window" not in graph[command] and "county_window" not in graph[command]


def test_date_texts_are_built_without_strftime() -> None:
    sources = [*UI.glob("*.py"), ROOT / "shizhu_desktop" / "app.py"]
    offenders = [
        f"{p.name}:{n}"
        for p in sources
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\.strftime\(", line) and re.search(r"[\u4e00-\u9fff]", line)
    ]
    assert offenders == []


def test_a_units_start_loads_neither_the_county_nor_the_exporters(tmp_path: Path) -> None:
    db = tmp_path / "unit.sqlite"
    assert run_cli("demo", "--unit", "南宾街道", "--through", "2026-11", db=db).returncode == 0
    result = run_cli("--smoke", db=db, env={"QT_QPA_PLATFORM": "offscreen"}, python_flags=("-X", "importtime"))
    assert result.returncode == 0, result.stderr
    loaded = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines() if "import time:" in line}
    assert "shizhu_desktop.ui.main_window" in loaded  # the measure sees the window's modules
    unwanted = {
        m
        for m in loaded
        if m.split(".")[0] in ("openpyxl", "reportlab")
        or m.startswith(("shizhu_desktop.exports", "shizhu_desktop.consolidation"))
        or m in ("shizhu_desktop.ui.county_window", "shizhu_desktop.ui.setup_dialog", "shizhu_desktop.ui.import_panel")
    }
    assert unwanted == set()


def _imports_qt(path: Path) -> bool:
    return any(name.split(".")[0] in ("PySide6", "shiboken6") for name in _imported_names(path))


def test_only_the_ui_package_and_app_import_qt() -> None:
    package = ROOT / "shizhu_desktop"
    outside = [p for p in package.rglob("*.py") if UI not in p.parents and p != package / "app.py"]
    assert len(outside) > 50  # the whole tree is looked at
    assert [str(p.relative_to(ROOT)) for p in outside if _imports_qt(p)] == []


SCAN_PROBE = """
import sys
import shizhu_desktop.app as app
import shizhu_desktop.services.reporting  # as app.run_gui: the Qt-free layers load before Qt
import PySide6.QtWidgets
feature = sys.modules["shibokensupport.feature"]
read = []
scan = feature._mod_uses_pyside
feature._mod_uses_pyside = lambda module: read.append(module.__name__) or scan(module)
if sys.argv[1] == "spared":
    app.spare_feature_scan()
import shizhu_desktop.ui.main_window
print(len(read), sum(name.startswith("shizhu_desktop.ui") for name in read))
print(feature.pyside_feature_dict.get("shizhu_desktop.ui.main_window"), feature.pyside_feature_dict.get("typing"))
"""


def test_pyside_is_told_which_modules_use_qt_instead_of_reading_them() -> None:
    """Issue 13: PySide6 reads the source of each module loaded after it; the layers answer that for ours."""
    import subprocess
    import sys

    def probe(mode: str) -> list[str]:
        done = subprocess.run(
            [sys.executable, "-c", SCAN_PROBE, mode], capture_output=True, text=True, cwd=ROOT, timeout=120, check=True
        )
        return done.stdout.split()

    read, read_ui, _, _ = probe("read")
    assert int(read) > 50 and int(read_ui) > 10  # without it, PySide reads the source of each of them
    spared_read, spared_ui, window, typing = probe("spared")
    assert int(spared_read) < 15 and spared_ui == "0"  # with it, none of the window's modules
    assert (window, typing) == ("0", "-1")  # the window's modules use Qt; the standard library does not
