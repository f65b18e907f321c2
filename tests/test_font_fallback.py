"""Installed fonts a PDF cannot use (old PRC 仿宋_GB2312, damaged files) give way to the next font; fc-list is asked."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pdfplumber
import pytest

from shizhu_desktop.domain.periods import Period
from shizhu_desktop.exports import fonts as font_module
from shizhu_desktop.exports.fontnames import read_faces
from shizhu_desktop.exports.fonts import FontRole, choose_fonts, fontconfig_files, system_font_files
from shizhu_desktop.exports.pdffonts import choose_pdf_fonts
from shizhu_desktop.services.exporting import export_report
from shizhu_desktop.services.workspace import Workspace
from tests.font_helpers import broken_head, only_gb2312_cmap, unchanged, write_font
from tests.test_exports_data import monthly_report


@pytest.fixture(autouse=True)
def _fresh_scans() -> None:
    font_module.installed_faces.cache_clear()
    font_module.fontconfig_files.cache_clear()


def _legacy(tables: dict[bytes, bytes]) -> None:
    tables[b"cmap"] = only_gb2312_cmap(tables[b"cmap"])


def _broken(tables: dict[bytes, bytes]) -> None:
    tables[b"head"] = broken_head(tables[b"head"])


def _body_fonts(path: Path) -> set[str]:
    """The fonts that drew 常 (of 推进正常: body text only)."""
    with pdfplumber.open(path) as pdf:
        return {c["fontname"].split("+")[-1] for page in pdf.pages for c in page.chars if c["text"] == "常"}


def test_gb2312_only_font_is_not_taken(tmp_path: Path) -> None:
    folder = tmp_path / "Fonts"
    legacy = write_font(folder / "SIMFANG_GB.TTF", "仿宋_GB2312", "FangSong_GB2312", gb2312_name=True, change=_legacy)
    face = read_faces(legacy)[0]
    assert face.names == ("仿宋_GB2312",) and face.truetype and not face.unicode_cmap
    choice = choose_fonts((folder,))
    assert choice.roles[FontRole.FANGSONG].bundled  # matched by its name, refused for its character map


def test_font_that_fails_to_load_gives_way_to_the_next(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "Fonts"
    # 仿宋_GB2312 with a Unicode map but named in GB2312 only: reportlab 5 fails on its names (AttributeError).
    write_font(folder / "a_fs_gb2312.ttf", "仿宋_GB2312", "unused", gb2312_name=True, change=unchanged)
    write_font(folder / "b_fangsong.ttf", "仿宋", "BrokenFangSong", change=_broken)  # damaged head table
    write_font(folder / "c_simsun.ttf", "宋体", "TestSong", change=unchanged)
    monkeypatch.setenv("SHIZHU_FONT_DIRS", str(folder))
    by_name = choose_fonts((folder,))
    assert by_name.roles[FontRole.FANGSONG].path.name == "a_fs_gb2312.ttf"  # what the names alone would pick
    choice = choose_pdf_fonts()
    assert choice.roles[FontRole.FANGSONG].family == "宋体"  # 宋体 stands in for 仿宋 (domain §5)
    assert choice.roles[FontRole.SONG].path.name == "c_simsun.ttf"
    unit = workspace.units.find("南宾街道")
    path = export_report(workspace, monthly_report(workspace, unit.code, Period(2026, 11)), "pdf", tmp_path / "out")
    assert _body_fonts(path) == {"TestSong"}


def test_fontconfig_adds_fonts_outside_the_fixed_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    wps = write_font(tmp_path / "opt" / "kingsoft" / "fonts" / "fs.ttf", "仿宋", "WpsFangSong", change=unchanged)
    known = tmp_path / "usr-share-fonts"
    known_font = write_font(known / "song.ttf", "宋体", "KnownSong", change=unchanged)
    fake = tmp_path / "bin" / "fc-list"
    fake.parent.mkdir()
    # A stand-in for fontconfig that lists one file in a known folder and one outside them, as `fc-list` does.
    fake.write_text(f"#!/bin/sh\nprintf '%s\\n' '{known_font}' '{wps}' '/nonexistent/x.pcf'\n", encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{fake.parent}{os.pathsep}{os.environ['PATH']}")
    found = fontconfig_files((known,))
    assert found == (wps,)
    choice = choose_fonts((known,), extra_files=found)
    assert choice.roles[FontRole.FANGSONG].path == wps and choice.roles[FontRole.SONG].path == known_font
    # Tests (and anyone) naming the folders with SHIZHU_FONT_DIRS get exactly those: fontconfig is not asked.
    monkeypatch.setenv("SHIZHU_FONT_DIRS", str(known))
    assert system_font_files() == ((known,), ())


def test_missing_or_failing_fontconfig_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no fc-list at all
    assert fontconfig_files((tmp_path,)) == ()
    fake = tmp_path / "fc-list"
    fake.write_text("#!/bin/sh\necho broken >&2\nexit 3\n", encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    font_module.fontconfig_files.cache_clear()
    assert fontconfig_files((tmp_path,)) == ()
