"""Bundled fonts are decompressed once into the cache folder, checked by size and hash; parsed tables are reused."""

from __future__ import annotations

import hashlib
import lzma
import os
import pickle
from pathlib import Path

import pdfplumber
import pytest

from shizhu_desktop.exports import fontcache, pdffonts
from shizhu_desktop.exports.fontcache import bundled_font_data, expected_digests, font_cache_dir, load_ttfont
from shizhu_desktop.exports.fonts import bundled_fonts
from shizhu_desktop.paths import resources_dir
from tests.conftest import run_cli

MING = bundled_fonts()["ming"].path


@pytest.fixture(autouse=True)
def _fresh_process_caches(monkeypatch: pytest.MonkeyPatch) -> None:
    # As in a new process: nothing loaded yet (reportlab's own registry is harmless to keep).
    monkeypatch.setattr(pdffonts, "_LOADED", {})
    monkeypatch.setattr(pdffonts, "_FAILED", {})


def _no_decompressing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(data: bytes) -> bytes:
        raise AssertionError("decompressed although the cache holds the font")

    monkeypatch.setattr(lzma, "decompress", refuse)


def test_digest_list_matches_the_bundled_fonts() -> None:
    folder = resources_dir() / "fonts"
    xz = sorted(p.name for p in folder.glob("*.xz"))
    assert sorted(expected_digests()) == xz
    for name, expected in expected_digests().items():
        data = lzma.decompress((folder / name).read_bytes())
        assert (len(data), hashlib.sha256(data).hexdigest()) == (expected.size, expected.sha256)


def test_font_is_decompressed_once_then_read_from_the_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    first = bundled_font_data(MING)
    cached = list(font_cache_dir().glob("uming-cn-gbk.ttf-*"))
    assert len(cached) == 1 and cached[0].read_bytes() == first
    assert not list(font_cache_dir().glob("*.part"))
    _no_decompressing(monkeypatch)
    assert bundled_font_data(MING) == first


def test_damaged_cache_copy_is_replaced(monkeypatch: pytest.MonkeyPatch) -> None:
    good = bundled_font_data(MING)
    cached = next(font_cache_dir().glob("uming-cn-gbk.ttf-*"))
    damaged = bytearray(good)
    damaged[len(damaged) // 2] ^= 0xFF  # same size, one byte changed: only the hash can tell
    cached.write_bytes(bytes(damaged))
    assert bundled_font_data(MING) == good
    assert cached.read_bytes() == good
    cached.write_bytes(good[:1000])  # truncated
    assert bundled_font_data(MING) == good


def test_unwritable_cache_folder_falls_back_to_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # the cache folder cannot be created under a file
    data = bundled_font_data(MING)
    assert hashlib.sha256(data).hexdigest() == expected_digests()[MING.name].sha256
    font = load_ttfont("SZtestUnwritable", MING, 0, bundled=True)
    assert font.face.charWidths[ord("中")] > 0


def test_parsed_tables_are_reused_without_reading_the_font(monkeypatch: pytest.MonkeyPatch) -> None:
    parsed = load_ttfont("SZtestParse1", MING, 0, bundled=True)
    assert list(font_cache_dir().glob("parsed-*.pickle"))
    _no_decompressing(monkeypatch)
    reads: list[Path] = []
    original = fontcache.bundled_font_data

    def counting(source: Path) -> bytes:
        reads.append(source)
        return original(source)

    monkeypatch.setattr(fontcache, "bundled_font_data", counting)
    restored = load_ttfont("SZtestParse2", MING, 0, bundled=True)
    assert isinstance(restored, fontcache.CachedTTFont)
    assert restored.face.charWidths == parsed.face.charWidths and restored.face.hmetrics == parsed.face.hmetrics
    assert reads == []  # layout needs only the parsed tables
    subset = restored.face.makeSubset([0x20, ord("中"), ord("国")])
    assert reads == [MING] and subset[:4] == b"\0\1\0\0"


def test_cache_file_asking_for_code_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "own-cache"))  # a cache holding this one font only
    load_ttfont("SZtestEvil1", MING, 0, bundled=True)
    target = next(font_cache_dir().glob("parsed-*.pickle"))

    class Evil:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (os.system, ("echo owned > owned.txt",))

    target.write_bytes(pickle.dumps({"charWidths": Evil()}))
    font = load_ttfont("SZtestEvil2", MING, 0, bundled=True)
    assert not isinstance(font, fontcache.CachedTTFont)  # parsed afresh, and the cache rewritten
    assert not Path("owned.txt").exists()
    assert b"system" not in target.read_bytes()


def test_pdf_from_a_fresh_and_a_warm_cache_are_the_same(tmp_path: Path) -> None:
    db = tmp_path / "u.sqlite"
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "SHIZHU_FONT_DIRS": ""}
    assert run_cli("demo", "--unit", "南宾街道", "--through", "2026-10", db=db, env=env).returncode == 0
    texts = []
    for run in ("cold", "warm"):
        done = run_cli(
            *("export", "--unit", "南宾街道", "--period", "2026-09", "--format", "pdf", "--out", str(tmp_path / run)),
            db=db,
            env=env,
        )
        assert done.returncode == 0, done.stderr
        with pdfplumber.open(done.stdout.strip()) as pdf:
            texts.append([(c["text"], c["fontname"].split("+")[-1]) for p in pdf.pages for c in p.chars])
    assert texts[0] == texts[1] and len(texts[0]) > 500
    assert len(list((tmp_path / "cache" / "shizhu-desktop" / "fonts").glob("parsed-*.pickle"))) >= 2
