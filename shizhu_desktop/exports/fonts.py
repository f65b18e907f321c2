"""Finds the official Chinese fonts on this machine and, where one is missing, the bundled free font for its role."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from pathlib import Path

from shizhu_desktop.exports.fontnames import FaceInfo, normalized, read_faces
from shizhu_desktop.paths import resources_dir

#: Overrides the folders searched for installed fonts (os.pathsep-separated; empty: use only the bundled fonts).
FONT_DIRS_ENV = "SHIZHU_FONT_DIRS"
_FONT_SUFFIXES = (".ttf", ".ttc")


class FontRole(str, Enum):
    """The typefaces an official document uses, by what they are used for."""

    FANGSONG = "fangsong"  # body text (仿宋_GB2312)
    SONG = "song"  # tables may use 宋体; page numbers are 宋体 by GB/T 9704
    HEI = "hei"  # first-level headings, 附件N, table headers
    KAI = "kai"  # second-level headings
    XIAOBIAOSONG = "xiaobiaosong"  # titles (方正小标宋)

    @property
    def label(self) -> str:
        return {"fangsong": "仿宋", "song": "宋体", "hei": "黑体", "kai": "楷体", "xiaobiaosong": "小标宋"}[self.value]


#: Family names of the official fonts (Windows, UOS/Kylin and the 方正 and 华文 families), best first.
OFFICIAL_FAMILIES: dict[FontRole, tuple[str, ...]] = {
    FontRole.FANGSONG: (
        "仿宋_GB2312",
        "FangSong_GB2312",
        "仿宋",
        "FangSong",
        "方正仿宋_GBK",
        "FZFangSong-Z02",
        "方正仿宋简体",
        "FZFangSong-Z02S",
        "华文仿宋",
        "STFangsong",
    ),
    FontRole.SONG: (
        "宋体",
        "SimSun",
        "新宋体",
        "NSimSun",
        "方正书宋_GBK",
        "FZShuSong-Z01",
        "方正书宋简体",
        "FZShuSong-Z01S",
        "华文宋体",
        "STSong",
    ),
    FontRole.HEI: ("黑体", "SimHei", "方正黑体_GBK", "FZHei-B01", "方正黑体简体", "FZHei-B01S", "华文黑体", "STHeiti"),
    FontRole.KAI: (
        "楷体_GB2312",
        "KaiTi_GB2312",
        "楷体",
        "KaiTi",
        "方正楷体_GBK",
        "FZKai-Z03",
        "方正楷体简体",
        "FZKai-Z03S",
        "华文楷体",
        "STKaiti",
    ),
    FontRole.XIAOBIAOSONG: ("方正小标宋简体", "FZXiaoBiaoSong-B05S", "方正小标宋_GBK", "FZXiaoBiaoSong-B05"),
}

#: When a role has no installed font, the role that stands in before the bundled fonts: 宋体 for 仿宋 (domain §5
#: allows either in tables), 黑体 for 小标宋 (§5: titles in 方正小标宋 or 黑体).
STAND_IN: dict[FontRole, FontRole] = {FontRole.FANGSONG: FontRole.SONG, FontRole.XIAOBIAOSONG: FontRole.HEI}

#: Installed fonts used only for characters the role fonts lack (CJK Extension B and beyond on Windows).
EXTRA_FAMILIES = ("SimSun-ExtB", "SimSun-ExtG", "MingLiU-ExtB", "HanaMinA", "HanaMinB")


@dataclass(frozen=True)
class FontSource:
    """A font face to use: an installed file or a bundled one (``compressed`` when stored as .xz)."""

    family: str
    path: Path
    index: int = 0
    bundled: bool = False

    @property
    def compressed(self) -> bool:
        return self.path.suffix == ".xz"

    @property
    def key(self) -> str:
        return f"{self.path}#{self.index}"


def bundled_fonts() -> dict[str, FontSource]:
    """The free fonts shipped in ``resources/fonts`` (see its README for what they are and their licences)."""
    folder = resources_dir() / "fonts"
    return {
        "ming": FontSource("AR PL UMing CN", folder / "uming-cn-gbk.ttf.xz", 0, bundled=True),
        "kai": FontSource("AR PL UKai CN", folder / "ukai-cn-gbk.ttf.xz", 0, bundled=True),
        "hei": FontSource("WenQuanYi Micro Hei", folder / "wqy-microhei.ttc", 0, bundled=True),
    }


_BUNDLED_FOR_ROLE = {
    FontRole.FANGSONG: "ming",
    FontRole.SONG: "ming",
    FontRole.KAI: "kai",
    FontRole.HEI: "hei",
    FontRole.XIAOBIAOSONG: "hei",
}


def font_dirs() -> tuple[Path, ...]:
    """The folders where Windows and Linux desktops (incl. UOS and Kylin) keep installed fonts."""
    env = os.environ.get(FONT_DIRS_ENV)
    if env is not None:
        return tuple(Path(p) for p in env.split(os.pathsep) if p)
    home = Path.home()
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR") or os.environ.get("SYSTEMROOT") or r"C:\Windows")
        local = os.environ.get("LOCALAPPDATA")
        return (windir / "Fonts", *((Path(local) / "Microsoft" / "Windows" / "Fonts",) if local else ()))
    if sys.platform == "darwin":
        return (Path("/Library/Fonts"), Path("/System/Library/Fonts"), home / "Library" / "Fonts")
    data_home = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), data_home / "fonts", home / ".fonts")


@lru_cache(maxsize=8)
def installed_faces(dirs: tuple[Path, ...], extra_files: tuple[Path, ...] = ()) -> tuple[FaceInfo, ...]:
    """TrueType faces a PDF may embed and draw with (Unicode map), under ``dirs`` and in ``extra_files``.

    Scanned once per process.
    """
    faces: list[FaceInfo] = []
    files: list[Path] = []
    for folder in dirs:
        try:
            files += sorted(p for p in folder.rglob("*") if p.suffix.lower() in _FONT_SUFFIXES and p.is_file())
        except OSError:
            continue
    files += [p for p in extra_files if p not in files]
    for path in files:
        faces.extend(face for face in read_faces(path) if face.truetype and face.embeddable and face.unicode_cmap)
    return tuple(faces)


@lru_cache(maxsize=4)
def fontconfig_files(known_dirs: tuple[Path, ...]) -> tuple[Path, ...]:
    """Font files fontconfig (``fc-list``) knows outside ``known_dirs``: UOS/Kylin and WPS install some elsewhere.

    Empty when fontconfig is absent, slow or fails: the fixed folders are still searched.
    """
    try:
        done = subprocess.run(
            ["fc-list", "--format", "%{file}\n"], capture_output=True, timeout=10, check=False, stdin=subprocess.DEVNULL
        )
    except (OSError, subprocess.SubprocessError):
        return ()
    if done.returncode != 0:
        return ()
    roots = [d.resolve() for d in known_dirs]
    found: list[Path] = []
    for line in done.stdout.decode("utf-8", "replace").splitlines():
        path = Path(line.strip())
        if not line.strip() or path.suffix.lower() not in _FONT_SUFFIXES or path in found:
            continue
        if not any(path.resolve().is_relative_to(root) for root in roots):
            found.append(path)
    return tuple(found)


def system_font_files() -> tuple[tuple[Path, ...], tuple[Path, ...]]:
    """The folders to search and, on Linux, the files fontconfig adds (none when SHIZHU_FONT_DIRS is set)."""
    dirs = font_dirs()
    if os.environ.get(FONT_DIRS_ENV) is not None or not sys.platform.startswith("linux"):
        return dirs, ()
    return dirs, fontconfig_files(dirs)


@dataclass(frozen=True)
class FontChoice:
    """The font chosen for each role, and the extra fonts that fill in characters the role fonts lack."""

    roles: dict[FontRole, FontSource]
    extras: tuple[FontSource, ...]

    def is_official(self, role: FontRole) -> bool:
        return not self.roles[role].bundled

    def fallback_chain(self, role: FontRole) -> list[FontSource]:
        """The role's font first, then every other font, the broadest (黑体, full GBK) early."""
        bundled = bundled_fonts()
        ordered = [self.roles[role], *self.roles.values(), bundled["hei"], bundled["ming"], bundled["kai"]]
        ordered.extend(self.extras)
        chain: list[FontSource] = []
        for source in ordered:
            if all(source.key != seen.key for seen in chain):
                chain.append(source)
        return chain


def choose_fonts(
    dirs: tuple[Path, ...] | None = None,
    *,
    extra_files: Iterable[Path] = (),
    usable: Callable[[FontSource], bool] | None = None,
) -> FontChoice:
    """Pick a font for every role: installed official fonts first, then the stand-in role's, then bundled.

    ``dirs`` defaults to this machine's font folders (and fontconfig's files); ``usable`` tries a candidate
    (e.g. loads it) and a refused one gives way to the next name, face or role — one broken font must never
    stop an export.
    """
    if dirs is None:
        dirs, found_files = system_font_files()
        extra_files = (*found_files, *extra_files)
    faces = installed_faces(dirs, tuple(extra_files))
    by_name: dict[str, list[FaceInfo]] = {}
    for face in faces:
        for name in face.names:
            by_name.setdefault(normalized(name), []).append(face)

    def first(families: Iterable[str]) -> FontSource | None:
        for family in families:
            for face in by_name.get(normalized(family), []):
                source = FontSource(family, face.path, face.index)
                if usable is None or usable(source):
                    return source
        return None

    found = {role: source for role, families in OFFICIAL_FAMILIES.items() if (source := first(families))}
    bundled = bundled_fonts()
    roles: dict[FontRole, FontSource] = {}
    for role in FontRole:
        stand_in = STAND_IN.get(role)
        roles[role] = found.get(role) or (found.get(stand_in) if stand_in else None) or bundled[_BUNDLED_FOR_ROLE[role]]
    extras = tuple(source for family in EXTRA_FAMILIES if (source := first((family,))) is not None)
    return FontChoice(roles, extras)
