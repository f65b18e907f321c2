"""What goes into the one-folder bundle: data files, and which Qt plugins, translations and modules are left out.

Plain Python with no PyInstaller import, so the spec file stays short and the rules have fast unit tests
(tests/test_packaging.py). The spec (packaging/shizhu-desktop.spec) calls these functions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

#: Name of the program's executables and of the bundle folder.
APP_ID = "shizhu-desktop"
#: The console twin of the GUI executable on Windows, for the command line (same entry point, with a console).
CLI_NAME = "shizhu-desktop-cli"

#: Modules loaded in a way PyInstaller cannot see: reportlab imports its C accelerators (the rl_accel package)
#: through exec(), and runs a fifth slower without them (issue 13).
HIDDEN_IMPORTS = ("_rl_accel",)

#: Python modules the program never imports but that PyInstaller would follow through optional imports, or that
#: sit in the build environment only for tests and lint. Leaving them out keeps the bundle small.
#: (Pillow stays: reportlab imports it at start. tests/test_packaging.py checks that a real export imports none
#: of these.)
EXCLUDED_MODULES = (
    "tkinter",
    "_tkinter",
    "PIL.ImageTk",
    "PIL.ImageQt",
    # Pillow's AVIF, WebP and colour-management parts (6 MB of libraries): no image is ever drawn into a PDF.
    "PIL._avif",
    "PIL._webp",
    "PIL._imagingcms",
    "PIL.ImageCms",
    "numpy",
    "pandas",
    "matplotlib",
    "IPython",
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "mypy",
    "ruff",
    "pdfplumber",
    "pdfminer",
    "pypdfium2",
    "pypdf",
    "pydoc_data",
    "lib2to3",
    "setuptools",
    "pkg_resources",
    "distutils",
    # Qt modules the program does not use (only QtCore, QtGui and QtWidgets are imported).
    "PySide6.QtNetwork",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtQuickControls2",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtPrintSupport",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtXml",
    "PySide6.QtDBus",
    "PySide6.QtDesigner",
    "PySide6.QtHelp",
    "PySide6.QtUiTools",
    "PySide6.QtConcurrent",
    "PySide6.QtSvg",
    "PySide6.QtSvgWidgets",
)

#: Qt plugins kept, by plugin folder: the folder maps to the file stems kept (None keeps the whole folder).
#: platforms: xcb for X11 desktops (UOS, Kylin), wayland for Wayland sessions (xcb via XWayland is the fallback),
#: offscreen for the self-check, windows on Windows. imageformats: ico and svg for the application icon.
#: styles: the Windows 11/Vista look. platforminputcontexts: Chinese input methods (ibus; compose).
#: The wayland-* folders are what the wayland platform loads; xcbglintegrations lets xcb use OpenGL if asked.
KEPT_PLUGINS: dict[str, frozenset[str] | None] = {
    "platforms": frozenset({"qxcb", "qwayland", "qoffscreen", "qwindows"}),
    "imageformats": frozenset({"qico", "qsvg"}),
    "iconengines": frozenset({"qsvgicon"}),
    "styles": None,
    "platforminputcontexts": frozenset({"ibusplatforminputcontextplugin", "composeplatforminputcontextplugin"}),
    "xcbglintegrations": None,
    "wayland-shell-integration": frozenset({"xdg-shell"}),
    "wayland-decoration-client": frozenset({"bradient"}),
    "wayland-graphics-integration-client": frozenset({"qt-plugin-wayland-egl", "shm-emulation-server"}),
}

#: The only Qt translation shipped: Qt's own dialogs and context menus in Chinese. (qt_zh_CN.qm is a catalogue
#: that only loads qtbase_zh_CN plus qtmultimedia_zh_CN, which PySide6-Essentials does not have.)
KEPT_TRANSLATIONS = frozenset({"qtbase_zh_CN.qm"})

#: The user guide's folder and what of it is shipped: the guide and the images it shows.
GUIDE = "docs/使用说明.md"

_QT_DIR = ("PySide6", "Qt")
_IMAGE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)")


def _parts(dest: str) -> tuple[str, ...]:
    return PurePosixPath(dest.replace("\\", "/")).parts


def plugin_stem(filename: str) -> str:
    """``libqxcb.so`` → ``qxcb``, ``qwindows.dll`` → ``qwindows``, ``libqico.dylib`` → ``qico``."""
    stem = filename.split(".", 1)[0]
    return stem[3:] if stem.startswith("lib") else stem


def keep_binary(dest: str) -> bool:
    """Whether a collected binary (by its path inside the bundle) stays: only Qt plugins are filtered."""
    parts = _parts(dest)
    if len(parts) < 5 or parts[:3] != (*_QT_DIR, "plugins"):
        return True
    folder, filename = parts[3], parts[-1]
    if folder not in KEPT_PLUGINS:
        return False
    stems = KEPT_PLUGINS[folder]
    return stems is None or plugin_stem(filename) in stems


def keep_data(dest: str) -> bool:
    """Whether a collected data file stays: Qt translations other than the Chinese qtbase catalogue go."""
    parts = _parts(dest)
    if len(parts) >= 4 and parts[:3] == (*_QT_DIR, "translations"):
        return parts[-1] in KEPT_TRANSLATIONS
    return True


def filtered(toc: Iterable[tuple[str, str, str]], keep: Callable[[str], bool]) -> list[tuple[str, str, str]]:
    """The entries of a PyInstaller TOC (dest, source, kind) that ``keep(dest)`` accepts."""
    return [entry for entry in toc if keep(entry[0])]


def hook_entries(entries: Iterable[tuple[str, str]], keep: Callable[[str], bool]) -> list[tuple[str, str]]:
    """The (source file, bundle folder) pairs of a hook whose path in the bundle ``keep`` accepts."""
    return [(source, folder) for source, folder in entries if keep(f"{folder}/{PurePosixPath(source).name}")]


def qt_module_hook(hook_file: str) -> tuple[list[str], list[tuple[str, str]], list[tuple[str, str]]]:
    """What PyInstaller's own hook for a PySide6 module collects, filtered by :func:`keep_binary` and :func:`keep_data`.

    Filtering here, in the hook, and not afterwards matters: PyInstaller then never sees the dropped plugins and
    does not bundle the system libraries they link (libqgtk3 alone brings GTK, Pango and Cairo).
    """
    from PyInstaller.utils.hooks.qt import add_qt6_dependencies  # only while PyInstaller builds

    hiddenimports, binaries, datas = add_qt6_dependencies(hook_file)
    kept_imports = [name for name in hiddenimports if name not in EXCLUDED_MODULES]
    return kept_imports, hook_entries(binaries, keep_binary), hook_entries(datas, keep_data)


def guide_images(guide: Path) -> list[str]:
    """Relative paths of the images the user guide shows (``![…](screenshots/x.png)``), in order, no duplicates."""
    found: list[str] = []
    for target in _IMAGE.findall(guide.read_text(encoding="utf-8")):
        if "://" not in target and target not in found:
            found.append(target)
    return found


def data_files(root: Path) -> list[tuple[str, str]]:
    """(source, folder in the bundle) for resources/ and the user guide with its images.

    Raises FileNotFoundError naming a missing file: a bundle without its guide or data must not be built.
    """
    resources = root / "resources"
    if not (resources / "catalog.json").is_file():
        raise FileNotFoundError(f"{resources / 'catalog.json'} is missing")
    entries = [(str(resources), "resources")]
    guide = root / GUIDE
    if not guide.is_file():
        raise FileNotFoundError(f"{guide} is missing")
    entries.append((str(guide), "docs"))
    for image in guide_images(guide):
        source = (guide.parent / image).resolve()
        if not source.is_file():
            raise FileNotFoundError(f"{guide.name} shows {image}, which does not exist")
        entries.append((str(source), str(PurePosixPath("docs", image).parent)))
    entries.append(qr_encoder_file())
    return entries


def qr_encoder_file() -> tuple[str, str]:
    """reportlab's QR encoder as a plain file beside its package: the PDF stamp loads it by path
    (exports/pdfstamp.py), because importing it through reportlab.graphics.barcode would run that package's
    import of every barcode widget, which PyInstaller cannot see and would leave out."""
    import reportlab

    source = Path(reportlab.__file__).parent / "graphics" / "barcode" / "qrencoder.py"
    if not source.is_file():
        raise FileNotFoundError(f"{source} is missing: the PDF's QR code needs it")
    return str(source), "reportlab/graphics/barcode"


def windows_version_tuple(version: str) -> tuple[int, int, int, int]:
    """The four numbers of a Windows version resource from the release part of a version (``1.2rc1`` → 1.2.0.0)."""
    release = re.match(r"\d+(?:\.\d+)*", version)
    numbers = [int(n) for n in release.group(0).split(".")] if release else []
    a, b, c, d = [*numbers, 0, 0, 0, 0][:4]
    return a, b, c, d
