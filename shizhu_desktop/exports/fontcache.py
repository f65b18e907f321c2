"""Fonts kept ready in the user's cache folder: bundled fonts decompressed once, reportlab's parsed tables reused."""

from __future__ import annotations

import contextlib
import gc
import hashlib
import io
import json
import lzma
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

import reportlab
from reportlab import rl_config
from reportlab.pdfbase.ttfonts import TTEncoding, TTFNameBytes, TTFont, TTFontFace

from shizhu_desktop.paths import resources_dir, user_cache_dir

#: Bumped when what is stored changes; reportlab's and Python's versions are part of every key too.
CACHE_FORMAT = 1
#: The face attributes a PDF writer reads; a cached entry without them is parsed afresh.
_REQUIRED = ("charToGlyph", "charWidths", "glyphPos", "hmetrics", "unitsPerEm", "ascent", "descent", "table")


def font_cache_dir() -> Path:
    return user_cache_dir() / "fonts"


@dataclass(frozen=True)
class Expected:
    """Size and SHA-256 of a bundled font once decompressed (resources/fonts/decompressed.json)."""

    size: int
    sha256: str


@lru_cache(maxsize=1)
def expected_digests() -> dict[str, Expected]:
    """What each bundled ``.ttf.xz`` decompresses to; empty when the list is missing (no disk cache then)."""
    try:
        data = json.loads((resources_dir() / "fonts" / "decompressed.json").read_text(encoding="utf-8"))
        return {
            name: Expected(int(item["size"]), str(item["sha256"]))
            for name, item in data.items()
            if isinstance(item, dict)
        }
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` under a temporary name and rename it when complete (raises OSError)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=path.name, suffix=".part", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _verified(path: Path, expected: Expected) -> bytes | None:
    """The file's bytes when its size and SHA-256 are as expected, else None."""
    try:
        if path.stat().st_size != expected.size:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    return data if hashlib.sha256(data).hexdigest() == expected.sha256 else None


def bundled_font_data(source: Path) -> bytes:
    """The TrueType bytes of a bundled ``.ttf.xz`` font: the checked copy in the cache, else decompressed.

    Decompressing takes about 0.3 s a font, so the result is written to the cache folder once (temporary name,
    then rename); a cache folder that cannot be written (read-only profile, full disk) only costs that time.
    """
    expected = expected_digests().get(source.name)
    if expected is None:
        return lzma.decompress(source.read_bytes())
    cached = font_cache_dir() / f"{source.stem}-{expected.sha256[:16]}"
    data = _verified(cached, expected)
    if data is not None:
        return data
    data = lzma.decompress(source.read_bytes())
    if len(data) == expected.size and hashlib.sha256(data).hexdigest() == expected.sha256:
        # A read-only or full cache folder: the font is used from memory.
        with contextlib.suppress(OSError):
            _write_atomic(cached, data)
    return data


class _CachedFace(TTFontFace):  # type: ignore[misc]
    """A parsed face restored from the cache: its font file is read only when a subset is made (at save)."""

    _loader: Callable[[], bytes]

    def __getattr__(self, name: str) -> Any:
        # Called only for attributes not set: the font data, which PDF saving needs and layout does not.
        if name == "_ttf_data":
            data = self.__dict__["_loader"]()
            self.__dict__["_ttf_data"] = data
            return data
        raise AttributeError(name)


class CachedTTFont(TTFont):  # type: ignore[misc]
    """reportlab's TTFont around an already parsed face (TTFont's own constructor always parses the file)."""

    def __init__(self, name: str, face: TTFontFace) -> None:
        self.fontName = name
        self.face = face
        self.encoding = TTEncoding()
        self.state: WeakKeyDictionary[Any, Any] = WeakKeyDictionary()
        self._asciiReadable = rl_config.ttfAsciiReadable
        self.shapable = False  # no text shaping for Chinese body text (and uharfbuzz is not a dependency)


class _SafeUnpickler(pickle.Unpickler):
    """Builds nothing but plain containers and reportlab's name strings: a cache file cannot run code."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == ("reportlab.pdfbase.ttfonts", "TTFNameBytes"):
            return TTFNameBytes
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a font cache")


def _scale(units_per_em: int) -> Callable[[float], float]:
    # The same as reportlab's extractInfo: font units to thousandths of an em.
    if units_per_em == 1000:
        return lambda x: x
    factor = 1000 / units_per_em
    return lambda x: x * factor


def _state_path(identity: str, index: int) -> Path:
    key = f"{CACHE_FORMAT}|{reportlab.Version}|{sys.version_info[:2]}|{identity}|{index}"
    return font_cache_dir() / f"parsed-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:24]}.pickle"


def _restore(path: Path, loader: Callable[[], bytes]) -> TTFontFace | None:
    # A face is some 100,000 small objects that live as long as the process: the cyclic garbage collector
    # would otherwise walk them again and again (a tenth of a PDF export's time), so they are frozen out of it.
    gc.disable()
    try:
        with path.open("rb") as stream:
            state = _SafeUnpickler(stream).load()
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, IndexError):
        return None
    finally:
        gc.enable()
    gc.freeze()
    if not isinstance(state, dict) or not all(key in state for key in _REQUIRED):
        return None
    face = _CachedFace.__new__(_CachedFace)
    face.__dict__.update(state)
    face.__dict__["_pdfScale"] = _scale(int(state["unitsPerEm"]))
    face.__dict__["_loader"] = loader
    return face


def _store(path: Path, face: TTFontFace) -> None:
    state = {k: v for k, v in face.__dict__.items() if k not in ("_ttf_data", "_pdfScale", "_loader")}
    with contextlib.suppress(OSError, pickle.PicklingError, TypeError, AttributeError):  # only an optimisation
        _write_atomic(path, pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL))


def _identity(path: Path, bundled: bool) -> tuple[str, Callable[[], bytes]]:
    """What keys a font's parsed tables, and how to read its data when a PDF is saved."""
    if bundled and path.suffix == ".xz":
        expected = expected_digests().get(path.name)
        identity = f"sha256:{expected.sha256}" if expected else ""
        return identity, lambda: bundled_font_data(path)
    stat = path.stat()
    # Installed fonts are keyed like fontconfig keys its cache: path, size and modification time.
    return f"file:{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}", path.read_bytes


def load_ttfont(name: str, path: Path, index: int, *, bundled: bool) -> TTFont:
    """A reportlab TTFont named ``name`` for the face ``index`` of ``path``, parsed once per font and reused.

    Raises whatever reportlab raises for a font it cannot use (TTFError and others): callers fall back.
    """
    identity, loader = _identity(path, bundled)
    cached = _state_path(identity, index) if identity else None
    if cached is not None:
        face = _restore(cached, loader)
        if face is not None:
            return CachedTTFont(name, face)
    if path.suffix == ".xz":
        font = TTFont(name, io.BytesIO(loader()), subfontIndex=index)
    else:
        font = TTFont(name, str(path), subfontIndex=index)
    if cached is not None:
        _store(cached, font.face)
    return font
