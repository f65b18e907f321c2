"""Shared fixtures: every test gets fresh files under tmp_path and Qt renders offscreen."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from shizhu_desktop.services.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Nothing a test does may touch the developer's real data folder.
    monkeypatch.delenv("SHIZHU_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))


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
