"""Finds the official Chinese fonts on this machine and, where one is missing, the bundled free font for its role."""

from __future__ import annotations

import os
import sys
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
def installed_faces(dirs: tuple[Path, ...]) -> tuple[FaceInfo, ...]:
    """TrueType faces that a PDF may embed, found under ``dirs`` (scanned once per process)."""
    faces: list[FaceInfo] = []
    for folder in dirs:
        try:
            files = sorted(p for p in folder.rglob("*") if p.suffix.lower() in _FONT_SUFFIXES and p.is_file())
        except OSError:
            continue
        for path in files:
            faces.extend(face for face in read_faces(path) if face.truetype and face.embeddable)
    return tuple(faces)


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


def choose_fonts(dirs: tuple[Path, ...] | None = None) -> FontChoice:
    """Pick a font for every role: installed official fonts first, then the stand-in role's, then bundled."""
    faces = installed_faces(font_dirs() if dirs is None else dirs)
    by_name: dict[str, FaceInfo] = {}
    for face in faces:
        for name in face.names:
            by_name.setdefault(normalized(name), face)
    found: dict[FontRole, FontSource] = {}
    for role, families in OFFICIAL_FAMILIES.items():
        for family in families:
            match = by_name.get(normalized(family))
            if match is not None:
                found[role] = FontSource(family, match.path, match.index)
                break
    bundled = bundled_fonts()
    roles: dict[FontRole, FontSource] = {}
    for role in FontRole:
        stand_in = STAND_IN.get(role)
        roles[role] = found.get(role) or (found.get(stand_in) if stand_in else None) or bundled[_BUNDLED_FOR_ROLE[role]]
    extras = tuple(
        FontSource(family, extra.path, extra.index)
        for family in EXTRA_FAMILIES
        if (extra := by_name.get(normalized(family))) is not None
    )
    return FontChoice(roles, extras)
