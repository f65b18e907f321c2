"""The bundle's plan (packaging/bundle_plan.py) and its check script, fast: the slow build itself is `make dist`."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from types import ModuleType

import PySide6
import pytest
from openpyxl import Workbook

ROOT = Path(__file__).resolve().parent.parent


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "packaging" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


plan = _load("bundle_plan")
check = _load("check_bundle")

QT = "PySide6/Qt"


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        (f"{QT}/plugins/platforms/libqxcb.so", True),
        (f"{QT}/plugins/platforms/libqoffscreen.so", True),
        (f"{QT}/plugins/platforms/libqwayland.so", True),
        ("PySide6\\Qt\\plugins\\platforms\\qwindows.dll", True),
        (f"{QT}/plugins/platforms/libqeglfs.so", False),
        (f"{QT}/plugins/platforms/libqvnc.so", False),
        (f"{QT}/plugins/platformthemes/libqgtk3.so", False),
        (f"{QT}/plugins/printsupport/libcupsprintersupport.so", False),
        (f"{QT}/plugins/imageformats/libqico.so", True),
        (f"{QT}/plugins/imageformats/libqjpeg.so", False),
        (f"{QT}/plugins/styles/qmodernwindowsstyle.dll", True),
        (f"{QT}/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", True),
        (f"{QT}/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
        (f"{QT}/plugins/sqldrivers/libqsqlite.so", False),
        (f"{QT}/lib/libQt6Core.so.6", True),  # libraries are not plugins: PyInstaller decides those
        ("libpython3.11.so.1.0", True),
        ("PySide6/QtWidgets.abi3.so", True),
    ],
)
def test_which_qt_plugins_stay(dest: str, kept: bool) -> None:
    assert plan.keep_binary(dest) is kept


def test_only_the_chinese_qtbase_translation_stays() -> None:
    assert plan.keep_data(f"{QT}/translations/qtbase_zh_CN.qm")
    assert not plan.keep_data(f"{QT}/translations/qtbase_de.qm")
    assert not plan.keep_data(f"{QT}/translations/qt_zh_CN.qm")
    assert not plan.keep_data("PySide6\\Qt\\translations\\qtdeclarative_zh_CN.qm")
    assert plan.keep_data("resources/catalog.json")


def test_the_installed_wheel_has_every_plugin_this_platform_needs() -> None:
    # The plan names plugins by file; a renamed plugin in a new PySide6 would silently leave the bundle without it.
    plugins = Path(PySide6.__file__).parent / "Qt" / "plugins"
    kept = {
        path.relative_to(plugins).as_posix()
        for path in plugins.rglob("*")
        if path.suffix in {".so", ".dll", ".dylib"} and plan.keep_binary(f"{QT}/plugins/{path.relative_to(plugins)}")
    }
    stems = {Path(p).parent.name + "/" + plan.plugin_stem(Path(p).name) for p in kept}
    needed = {"imageformats/qico"} | ({"platforms/qwindows"} if sys.platform == "win32" else {"platforms/qoffscreen"})
    if sys.platform.startswith("linux"):
        needed |= {"platforms/qxcb", "platforminputcontexts/ibusplatforminputcontextplugin"}
    assert needed <= stems
    assert not any(stem.startswith(("platformthemes/", "sqldrivers/", "qmltooling/")) for stem in stems)


def test_plugin_stem_reads_every_platforms_file_names() -> None:
    assert plan.plugin_stem("libqxcb.so") == "qxcb"
    assert plan.plugin_stem("qwindows.dll") == "qwindows"
    assert plan.plugin_stem("libqico.dylib") == "qico"
    assert plan.plugin_stem("libqt-plugin-wayland-egl.so") == "qt-plugin-wayland-egl"


def test_hook_entries_filter_by_the_path_in_the_bundle() -> None:
    entries = [
        ("/x/plugins/platforms/libqxcb.so", f"{QT}/plugins/platforms"),
        ("/x/plugins/platformthemes/libqgtk3.so", f"{QT}/plugins/platformthemes"),
        ("C:\\x\\translations\\qtbase_fr.qm", f"{QT}/translations"),
    ]
    assert plan.hook_entries(entries, plan.keep_binary) == entries[:1] + entries[2:]
    assert plan.hook_entries(entries, plan.keep_data) == entries[:2]


def test_toc_filter_keeps_pyinstaller_entries_whole() -> None:
    toc = [(f"{QT}/plugins/platforms/libqxcb.so", "/src/a", "BINARY"), (f"{QT}/plugins/tls/x.so", "/src/b", "BINARY")]
    assert plan.filtered(toc, plan.keep_binary) == toc[:1]


def test_the_guide_and_every_image_it_shows_are_shipped() -> None:
    entries = plan.data_files(ROOT)
    assert (str(ROOT / "resources"), "resources") in entries
    assert (str(ROOT / "docs" / "使用说明.md"), "docs") in entries
    images = plan.guide_images(ROOT / "docs" / "使用说明.md")
    assert images, "the guide shows screenshots"
    shipped = {Path(source).name for source, folder in entries if folder == "docs/screenshots"}
    assert {Path(image).name for image in images} == shipped


def test_the_qr_encoder_is_shipped_where_the_pdf_stamp_loads_it_by_path() -> None:
    # Importing it through reportlab.graphics.barcode would import every barcode widget, which the bundle
    # leaves out (the first bundle with the QR code failed every PDF export so).
    import reportlab

    from shizhu_desktop.exports import pdfstamp

    source, folder = plan.qr_encoder_file()
    assert source in {s for s, _ in plan.data_files(ROOT)}
    bundled = Path("_internal") / folder / Path(source).name
    package = Path(reportlab.__file__).parent
    assert bundled.as_posix().endswith("reportlab/graphics/barcode/qrencoder.py")
    assert Path(source) == package / "graphics" / "barcode" / "qrencoder.py"
    assert pdfstamp.qr_modules("SZGR1|x")  # and loading it by path works


def test_a_guide_showing_a_missing_image_stops_the_build(tmp_path: Path) -> None:
    (tmp_path / "resources").mkdir()
    (tmp_path / "resources" / "catalog.json").write_text("{}", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "使用说明.md").write_text("# 说明\n\n![窗口](screenshots/不存在.png)\n", encoding="utf-8")
    with pytest.raises(FileNotFoundError, match=r"不存在\.png"):
        plan.data_files(tmp_path)


def test_guide_images_in_order_without_duplicates_or_web_addresses(tmp_path: Path) -> None:
    guide = tmp_path / "g.md"
    guide.write_text(
        "![a](screenshots/1_首次.png) text ![b](https://example.org/x.png)\n![c](screenshots/2.png)\n![a](screenshots/1_首次.png)",
        encoding="utf-8",
    )
    assert plan.guide_images(guide) == ["screenshots/1_首次.png", "screenshots/2.png"]


@pytest.mark.parametrize(
    ("version", "numbers"),
    [("0.1.0", (0, 1, 0, 0)), ("1.2rc1", (1, 2, 0, 0)), ("2026.1.2.3.4", (2026, 1, 2, 3)), ("x", (0, 0, 0, 0))],
)
def test_windows_version_numbers(version: str, numbers: tuple[int, int, int, int]) -> None:
    assert plan.windows_version_tuple(version) == numbers


# What the program imports when it works: nothing the bundle leaves out may be among it (Pillow was: reportlab
# imports it at start, and the first bundle could not export a PDF).
USE_THE_PROGRAM = """
import sys
from shizhu_desktop.cli import main
db, out = sys.argv[1], sys.argv[2]
assert main(["--db", db, "demo", "--unit", "南宾街道", "--through", "2026-11"]) == 0
for fmt in ("pdf", "xlsx"):
    assert main(["--db", db, "export", "--unit", "南宾街道", "--period", "2026-09", "--kind", "quarterly",
                 "--format", fmt, "--out", out]) == 0
    assert main(["--db", db, "summary", "--period", "2026-10", "--format", fmt, "--out", out]) == 0
import shizhu_desktop.app, shizhu_desktop.ui.main_window, shizhu_desktop.ui.county_window, shizhu_desktop.ui.screenshots
print("MODULES", " ".join(sorted(sys.modules)))
"""


def test_the_program_imports_nothing_the_bundle_leaves_out(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", USE_THE_PROGRAM, str(tmp_path / "数据.sqlite"), str(tmp_path / "导出")],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        timeout=300,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},  # conftest: bundled fonts only
    )
    assert result.returncode == 0, result.stderr
    line = next(line for line in result.stdout.splitlines() if line.startswith("MODULES "))
    imported = set(line.split()[1:])
    excluded = plan.EXCLUDED_MODULES
    left_out = {name for name in imported if name in excluded or name.startswith(tuple(f"{e}." for e in excluded))}
    assert not left_out
    assert "PIL" in imported and "reportlab" in imported  # the run did reach the exporters


def test_check_script_reads_exports_back(tmp_path: Path) -> None:
    bad_pdf = tmp_path / "x.pdf"
    bad_pdf.write_bytes(b"<html>not a pdf</html>")
    with pytest.raises(check.CheckFailed, match="%PDF"):
        check.check_pdf(bad_pdf, "0.1.0")
    pdf = tmp_path / "y.pdf"
    pdf.write_bytes(b"%PDF-1.3\n/Creator (shizhu-desktop 0.1.0)\n")
    check.check_pdf(pdf, "0.1.0")
    with pytest.raises(check.CheckFailed, match="creator"):
        check.check_pdf(pdf, "0.2.0")

    plain = tmp_path / "plain.xlsx"
    Workbook().save(plain)
    with pytest.raises(check.CheckFailed, match="very hidden"):
        check.check_xlsx(plain)
    book = Workbook()
    book.create_sheet(check.PAYLOAD_SHEET).sheet_state = "veryHidden"
    good = tmp_path / "good.xlsx"
    book.save(good)
    check.check_xlsx(good)
    with zipfile.ZipFile(good) as archive:
        assert check.PAYLOAD_SHEET in archive.read("xl/workbook.xml").decode("utf-8")
    notzip = tmp_path / "n.xlsx"
    notzip.write_text(json.dumps({"a": 1}), encoding="utf-8")
    with pytest.raises(check.CheckFailed, match="not a workbook"):
        check.check_xlsx(notzip)


def test_check_script_environment_has_no_python(tmp_path: Path) -> None:
    env = check.clean_environment(tmp_path / "家 目录")
    assert not any(name.startswith("PYTHON") for name in env)
    for name in ("python", "python3"):
        assert check.shutil.which(name, path=env["PATH"]) is None
    poisoned = check.poisoned_environment(env, tmp_path / "poison")
    # This test's own Python honours PYTHONPATH (PYTHONHOME would stop it before any import): it falls in the trap.
    trap_env = {**env, "PYTHONPATH": poisoned["PYTHONPATH"]}
    command = [sys.executable, "-c", "import shizhu_desktop"]
    trap = subprocess.run(command, env=trap_env, capture_output=True, text=True, encoding="utf-8", errors="replace")
    assert trap.returncode != 0 and "POISON" in trap.stderr  # a Python that honours the variables falls in


def test_the_modules_pyinstaller_cannot_see_are_installed_and_named_for_the_bundle() -> None:
    # reportlab imports _rl_accel through exec(): without the hidden import the bundle's PDFs are a fifth slower.
    assert "_rl_accel" in plan.HIDDEN_IMPORTS
    for name in plan.HIDDEN_IMPORTS:
        assert importlib.util.find_spec(name) is not None, name
        assert name not in plan.EXCLUDED_MODULES
    spec = (ROOT / "packaging" / "shizhu-desktop.spec").read_text(encoding="utf-8")
    assert "hiddenimports=list(plan.HIDDEN_IMPORTS)" in spec
