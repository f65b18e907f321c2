"""Where the program keeps its data and finds its resources (no Qt: the command line uses it too)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from shizhu_desktop import APP_ID

DB_ENV = "SHIZHU_DB"
DB_FILENAME = "shizhu.sqlite"


def resources_dir() -> Path:
    """The ``resources/`` folder: beside the package in a source run, inside the bundle when frozen."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def user_data_dir() -> Path:
    """The per-user data folder: %LOCALAPPDATA% on Windows, $XDG_DATA_HOME (~/.local/share) elsewhere."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or os.environ.get("APPDATA") or str(Path.home())
        return Path(base) / APP_ID
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / APP_ID
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / APP_ID


def user_cache_dir() -> Path:
    """The per-user cache folder (things the program can rebuild): %LOCALAPPDATA%\\…\\cache, $XDG_CACHE_HOME."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or os.environ.get("APPDATA") or str(Path.home())
        return Path(base) / APP_ID / "cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / APP_ID
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / APP_ID


def default_db_path() -> Path:
    """The database used when neither ``--db`` nor ``SHIZHU_DB`` names one."""
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env).expanduser()
    return user_data_dir() / DB_FILENAME


def backups_dir(db_path: Path) -> Path:
    """Backups live beside the database, so moving the folder moves its history too."""
    return db_path.resolve().parent / "backups"
