"""The version is written once, in pyproject.toml, and every place that shows it reads it from there."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import shizhu_desktop
from shizhu_desktop import version
from tests.conftest import ROOT, run_cli

tomllib = pytest.importorskip("tomllib") if sys.version_info >= (3, 11) else pytest.importorskip("tomli")


def _pyproject_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as file:
        return str(tomllib.load(file)["project"]["version"])


def test_version_is_the_one_in_pyproject() -> None:
    expected = _pyproject_version()
    assert shizhu_desktop.__version__ == expected
    assert version.source_version() == expected
    assert version.installed_version() == expected, "the installed metadata is stale: run pip install -e . again"


def test_command_line_prints_it() -> None:
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"shizhu-desktop {_pyproject_version()}"


def test_without_a_source_tree_the_metadata_answers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # As in the bundle and in a wheel install: no pyproject.toml beside the package.
    monkeypatch.setattr(version, "_PYPROJECT", tmp_path / "missing" / "pyproject.toml")
    assert version.source_version(version._PYPROJECT) is None
    monkeypatch.setattr(version, "source_version", lambda: None)
    assert version.find_version() == _pyproject_version()
    monkeypatch.setattr(version, "installed_version", lambda: None)
    assert version.find_version() == version.UNKNOWN


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[project]\nname = "shizhu-desktop"\nversion = "1.2.3"\n', "1.2.3"),
        ('[build-system]\nversion = "9"\n\n[project]\nname = "shizhu-desktop"  # ours\nversion = "2.0rc1"\n', "2.0rc1"),
        ('[project]\nname = "shizhu-desktop"\n\n[tool.x]\nversion = "9"\n', None),  # version of another table
        ('[project]\nname = "other"\nversion = "1.0"\n', None),  # another program's pyproject.toml
        ('[project.optional-dependencies]\nname = "shizhu-desktop"\nversion = "1"\n', None),
        ("", None),
    ],
)
def test_reading_pyproject(text: str, expected: str | None) -> None:
    assert version.pyproject_version(text) == expected


def test_other_attributes_are_still_missing() -> None:
    with pytest.raises(AttributeError):
        _ = shizhu_desktop.no_such_thing  # type: ignore[attr-defined]
