"""Shared fixtures: every test gets fresh files under tmp_path and Qt renders offscreen."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from shizhu_desktop.exports.fonts import FONT_DIRS_ENV
from shizhu_desktop.services.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, _session_cache: Path) -> None:
    # Nothing a test does may touch the developer's real data folder: on Linux it is under XDG_DATA_HOME, on
    # Windows under %LOCALAPPDATA% (APPDATA when that is unset). Subprocesses inherit the same.
    monkeypatch.delenv("SHIZHU_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "LocalAppData"))
    monkeypatch.setenv("APPDATA", str(tmp_path / "AppData"))
    # One cache for the whole run (fonts decompressed once), never the developer's own.
    monkeypatch.setenv("XDG_CACHE_HOME", str(_session_cache))


@pytest.fixture(scope="session")
def _session_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("xdg-cache")


@pytest.fixture(autouse=True)
def _bundled_fonts_only(monkeypatch: pytest.MonkeyPatch) -> None:
    # PDFs are laid out with the bundled fonts on every machine: a developer's installed 仿宋 (or a legacy
    # 仿宋_GB2312) would change line breaks and page counts. A test about installed fonts passes its folders
    # to choose_fonts() or sets the variable itself.
    monkeypatch.setenv(FONT_DIRS_ENV, "")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "shizhu.sqlite"


@pytest.fixture
def workspace(db_path: Path) -> Iterator[Workspace]:
    ws = Workspace.open(db_path)
    yield ws
    ws.close()


def run_cli(
    *args: str, db: Path | None = None, env: dict[str, str] | None = None, python_flags: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    """Run the real command line in a subprocess, as a clerk or a script would."""
    full_env = {k: v for k, v in os.environ.items() if k != "SHIZHU_DB"}
    full_env.update(env or {})
    full_env["PYTHONIOENCODING"] = "utf-8"
    command = [sys.executable, *python_flags, str(ROOT / "main.py")]
    if db is not None:
        command += ["--db", str(db)]
    return subprocess.run(
        command + list(args), capture_output=True, text=True, encoding="utf-8", env=full_env, cwd=ROOT, timeout=120
    )
