"""The program's version: written once, in pyproject.toml, and read from there or from the installed metadata."""

from __future__ import annotations

import re
from pathlib import Path

DIST_NAME = "shizhu-desktop"
#: Shown when neither pyproject.toml nor the metadata can be read (a damaged installation).
UNKNOWN = "0+unknown"

_PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"
_PROJECT_TABLE = re.compile(r"^\[project\][ \t]*$", re.MULTILINE)
_NEXT_TABLE = re.compile(r"^\[", re.MULTILINE)


def _project_key(body: str, key: str) -> str | None:
    match = re.search(rf'^{key}\s*=\s*"([^"\n]+)"[ \t]*(?:#.*)?$', body, re.MULTILINE)
    return match.group(1) if match else None


def pyproject_version(text: str) -> str | None:
    """``[project] version`` of this program from a pyproject.toml's text (tomllib is Python 3.11+ only)."""
    table = _PROJECT_TABLE.search(text)
    if table is None:
        return None
    body = text[table.end() :]
    following = _NEXT_TABLE.search(body)
    body = body[: following.start()] if following else body
    return _project_key(body, "version") if _project_key(body, "name") == DIST_NAME else None


def source_version(pyproject: Path = _PYPROJECT) -> str | None:
    """The version in the pyproject.toml beside the package, when the program runs from its source tree."""
    try:
        return pyproject_version(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None


def installed_version() -> str | None:
    """The version in the installed metadata (a wheel install, or the bundle, which carries a copy of it)."""
    from importlib import metadata  # about 30 ms to import: only when the source tree has no pyproject.toml

    try:
        return metadata.version(DIST_NAME)
    except metadata.PackageNotFoundError:
        return None


def find_version() -> str:
    # The source tree first: an editable install's metadata keeps the version of its last `pip install`.
    return source_version() or installed_version() or UNKNOWN
