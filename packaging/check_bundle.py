"""Checks a built bundle as a clerk's PC would run it: a copy in a folder with a Chinese name and spaces, started
with an environment that holds no Python; it must print its version, draw its window offscreen (--smoke), make a
demo database and export a monthly PDF and xlsx that read back. Exits non-zero on any failure.

Usage (run by `make dist`; on Windows by scripts/dev.ps1 and the CI workflow):
    python packaging/check_bundle.py [dist/shizhu-desktop]
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from shizhu_desktop.version import source_version  # noqa: E402

WINDOWS = sys.platform == "win32"
#: The console executable: on Windows the GUI one has no stdout to read.
CLI = "shizhu-desktop-cli.exe" if WINDOWS else "shizhu-desktop"
GUI = "shizhu-desktop.exe" if WINDOWS else "shizhu-desktop"
UNIT = "南宾街道"
PERIOD = "2026-10"
PAYLOAD_SHEET = "报表数据"
#: Where the libraries of a Linux bundle may come from: the bundle itself, or the system's library folders.
SYSTEM_LIBRARY_DIRS = ("/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/", "/usr/local/lib/")


class CheckFailed(Exception):
    """A check of the bundle did not pass; the message says which and why."""


def say(text: str) -> None:
    print(f"[check_bundle] {text}", flush=True)


def clean_environment(home: Path) -> dict[str, str]:
    """Only what a desktop session has, with no Python anywhere: no PYTHON* variables, no Python on PATH."""
    empty_bin = home / "bin"
    empty_bin.mkdir(parents=True, exist_ok=True)
    env = {"HOME": str(home), "PATH": str(empty_bin), "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen"}
    if WINDOWS:
        system_root = os.environ.get("SYSTEMROOT", r"C:\Windows")
        env.update(
            SYSTEMROOT=system_root,
            WINDIR=system_root,
            PATH=str(Path(system_root) / "System32"),
            TEMP=str(home / "temp"),
            TMP=str(home / "temp"),
            USERPROFILE=str(home),
            LOCALAPPDATA=str(home / "AppData" / "Local"),
            APPDATA=str(home / "AppData" / "Roaming"),
        )
        (home / "temp").mkdir(exist_ok=True)
    else:
        env.update(XDG_DATA_HOME=str(home / ".local" / "share"), XDG_CONFIG_HOME=str(home / ".config"))
    for name in ("python", "python3", "py"):
        found = shutil.which(name, path=env["PATH"])
        if found:
            raise CheckFailed(f"the clean PATH still finds {found}")
    return env


def poisoned_environment(env: dict[str, str], poison: Path) -> dict[str, str]:
    """Python variables pointing at a package that fails loudly: a bundle that honours them would import it."""
    package = poison / "shizhu_desktop"
    package.mkdir(parents=True, exist_ok=True)
    trap = "raise SystemExit('POISON: the bundle imported from PYTHONPATH')\n"
    (package / "__init__.py").write_text(trap, encoding="utf-8")
    (poison / "sitecustomize.py").write_text(trap, encoding="utf-8")
    return {**env, "PYTHONPATH": str(poison), "PYTHONHOME": str(poison), "PYTHONSTARTUP": str(poison / "x.py")}


def run(program: Path, args: Sequence[str], env: dict[str, str], cwd: Path) -> str:
    """Run the bundle; return its standard output, or fail with its exit status and error output."""
    started = time.monotonic()
    result = subprocess.run(
        [str(program), *args], env=env, cwd=cwd, capture_output=True, text=True, encoding="utf-8", timeout=180
    )
    took = time.monotonic() - started
    if result.returncode != 0:
        raise CheckFailed(
            f"{program.name} {' '.join(args)} exited {result.returncode} after {took:.1f} s\n"
            f"stdout: {result.stdout}\nstderr: {result.stderr}"
        )
    say(f"ok ({took:.2f} s): {program.name} {' '.join(args)}")
    return result.stdout


def check_pdf(path: Path, version: str) -> None:
    data = path.read_bytes()
    if not data.startswith(b"%PDF-"):
        raise CheckFailed(f"{path.name} does not start with %PDF")
    if f"shizhu-desktop {version}".encode() not in data:
        raise CheckFailed(f"{path.name} does not name shizhu-desktop {version} as its creator")
    say(f"PDF ok: {path.name} ({len(data):,} bytes)")


def check_xlsx(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            broken = archive.testzip()
            workbook = archive.read("xl/workbook.xml").decode("utf-8")
    except (zipfile.BadZipFile, KeyError) as exc:
        raise CheckFailed(f"{path.name} is not a workbook: {exc}") from None
    if broken is not None:
        raise CheckFailed(f"{path.name}: {broken} is damaged")
    if not re.search(rf'<sheet [^>]*name="{PAYLOAD_SHEET}"[^>]*state="veryHidden"', workbook):
        raise CheckFailed(f"{path.name} has no very hidden sheet {PAYLOAD_SHEET}")
    say(f"xlsx ok: {path.name} ({path.stat().st_size:,} bytes)")


def exported(stdout: str, suffix: str) -> Path:
    paths = [Path(line) for line in stdout.splitlines() if line.endswith(suffix)]
    if len(paths) != 1 or not paths[0].is_file() or paths[0].stat().st_size == 0:
        raise CheckFailed(f"expected one non-empty {suffix} file, the program printed: {stdout!r}")
    return paths[0]


def check_libraries(bundle: Path) -> None:
    """Linux: every library resolves, inside the bundle or in the system's folders, never in a Python install."""
    if not sys.platform.startswith("linux"):
        return
    internal = bundle / "_internal"
    samples = [bundle / GUI, *internal.glob("libpython3*.so*")]
    platforms = internal.glob("PySide6/Qt/plugins/platforms/*.so")
    # The wayland plugin is loaded only in a Wayland session, whose system has the Wayland libraries it links:
    # a build machine without them (no desktop) cannot bundle them, and does not need to.
    samples += [*internal.glob("PySide6/Qt*.so"), *(p for p in platforms if "wayland" not in p.name)]
    samples += list(internal.glob("python3*/lib-dynload/_sqlite3*.so"))
    # As the program runs: the bootloader puts _internal first on the library path (ldd alone would show the
    # system's copy of a library the bundle also carries).
    env = {**os.environ, "LD_LIBRARY_PATH": str(internal)}
    for sample in samples:
        listing = subprocess.run(["ldd", str(sample)], capture_output=True, text=True, check=False, env=env).stdout
        for line in listing.splitlines():
            if "not found" in line:
                raise CheckFailed(f"{sample.name}: {line.strip()}")
            target = line.split("=>", 1)[1].split("(", 1)[0].strip() if "=>" in line else ""
            inside = target.startswith(str(bundle))
            if target and not inside and not target.startswith(SYSTEM_LIBRARY_DIRS):
                raise CheckFailed(f"{sample.name} loads {target} from outside the bundle")
    say(f"libraries ok: {len(samples)} binaries resolve inside the bundle or in the system folders")


def check_no_build_paths(bundle: Path) -> None:
    """No file of the bundle may name the source tree it was built from (a path that exists only here)."""
    needle = str(ROOT).encode()
    for path in bundle.rglob("*"):
        if path.is_file() and not path.is_symlink() and needle in path.read_bytes():
            raise CheckFailed(f"{path.relative_to(bundle)} contains the build folder {ROOT}")
    say(f"no file names the build folder {ROOT}")


def glibc_floor(bundle: Path) -> tuple[tuple[int, int], str]:
    """The newest glibc symbol version any binary of the bundle asks for, and which: the oldest Linux it runs on."""
    floor, needed_by = (2, 0), ""
    for path in bundle.rglob("*.so*"):
        if path.is_file() and not path.is_symlink():
            for major, minor in re.findall(rb"GLIBC_(\d+)\.(\d+)", path.read_bytes()):
                if (int(major), int(minor)) > floor:
                    floor, needed_by = (int(major), int(minor)), path.name
    return floor, needed_by


def bundle_size(bundle: Path) -> int:
    return sum(p.lstat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())


def check_contents(bundle: Path) -> None:
    """What the clerk needs beside the program: the guide with its images, fonts with their licences, and the
    installer files on Linux."""
    internal = bundle / "_internal"
    needed = [
        internal / "docs" / "使用说明.md",
        internal / "resources" / "catalog.json",
        internal / "resources" / "fonts" / "LICENSE-wqy-microhei.txt",
        internal / "PySide6" / "Qt" / "translations" / "qtbase_zh_CN.qm",
    ]
    if sys.platform.startswith("linux"):
        needed += [bundle / "install.sh", bundle / "shizhu-desktop.desktop"]
    missing = [str(path.relative_to(bundle)) for path in needed if not path.is_file()]
    if not any(internal.glob("_rl_accel*")):  # reportlab runs without it, a fifth slower (issue 13)
        missing.append("_internal/_rl_accel (reportlab's C accelerators)")
    if missing:
        raise CheckFailed(f"the bundle lacks {', '.join(missing)}")
    say(
        "guide, data, font licences, Qt's Chinese texts, reportlab's accelerators"
        + (" and the Linux installer" if len(needed) > 4 else "")
    )


def check(source: Path, version: str) -> None:
    check_contents(source)
    with tempfile.TemporaryDirectory(prefix="shizhu-check-") as temp:
        # A copy in a folder with Chinese characters and spaces: catches paths relative to the build folder.
        bundle = Path(temp) / "某个 中文 文件夹" / source.name
        shutil.copytree(source, bundle, symlinks=True)
        home = Path(temp) / "用户 目录"
        env = clean_environment(home)
        work = Path(temp) / "工作 文件夹"
        work.mkdir()
        cli = bundle / CLI
        db = ["--db", str(work / "数据 库.sqlite")]

        printed = run(cli, ["--version"], env, work).strip()
        if printed != f"shizhu-desktop {version}":
            raise CheckFailed(f"--version printed {printed!r}, pyproject.toml says {version}")
        started = time.monotonic()
        painted_ms = run(cli, [*db, "--smoke"], env, work).strip()
        say(f"window painted {painted_ms} ms after start (wall {time.monotonic() - started:.2f} s, offscreen)")
        run(cli, [*db, "demo", "--unit", UNIT, "--through", "2026-11"], env, work)
        out = work / "导出 文件"
        export = [*db, "export", "--unit", UNIT, "--period", PERIOD, "--out", str(out), "--format"]
        pdf = exported(run(cli, [*export, "pdf"], env, work), ".pdf")
        xlsx = exported(run(cli, [*export, "xlsx"], env, work), ".xlsx")
        check_pdf(pdf, version)
        check_xlsx(xlsx)
        units = run(cli, ["units", "--json"], poisoned_environment(env, Path(temp) / "poison"), work)
        if UNIT not in units:
            raise CheckFailed("with PYTHONPATH/PYTHONHOME set, `units --json` did not list the units")
        say("PYTHONPATH, PYTHONHOME and PYTHONSTARTUP are ignored")
        check_libraries(bundle)
    check_no_build_paths(source)


def main(argv: Sequence[str]) -> int:
    source = Path(argv[0] if argv else ROOT / "dist" / "shizhu-desktop").resolve()
    version = source_version(ROOT / "pyproject.toml")
    if version is None or not (source / CLI).is_file():
        print(f"[check_bundle] FAILED: no bundle at {source} (or no version in pyproject.toml)", file=sys.stderr)
        return 1
    try:
        check(source, version)
    except (CheckFailed, OSError, subprocess.TimeoutExpired) as exc:
        print(f"[check_bundle] FAILED: {exc}", file=sys.stderr)
        return 1
    size = bundle_size(source)
    say(f"bundle size: {size / 2**20:.0f} MiB ({size:,} bytes) in {source}")
    if sys.platform.startswith("linux"):
        (major, minor), needed_by = glibc_floor(source)
        say(f"runs on Linux with glibc {major}.{minor} or newer ({needed_by} needs it): see docs/安装与发布.md")
    if shutil.which("du"):
        subprocess.run(["du", "-sh", str(source)], check=False)
    say("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
