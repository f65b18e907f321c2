"""LibreOffice renders of exported files, as a county office opens them: the fonts of an office PC, no user profile."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from shizhu_desktop.exports.fontcache import bundled_font_data
from shizhu_desktop.exports.fonts import bundled_fonts

#: The names Chinese office files ask for, answered with the bundled faces of the same kind (宋 for 宋/仿宋).
_ALIASES = {
    "AR PL UMing CN": ("宋体", "SimSun", "仿宋", "仿宋_GB2312", "FangSong", "方正小标宋简体"),
    "AR PL UKai CN": ("楷体", "楷体_GB2312", "KaiTi"),
    "WenQuanYi Micro Hei": ("黑体", "SimHei"),
}


def soffice() -> str:
    """The LibreOffice program, or the test is skipped saying what to install."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.skip(
            "LibreOffice (soffice) is not installed: the render checks need it "
            "(Debian: apt-get install libreoffice-calc-nogui libreoffice-writer-nogui; `make test` does so as root)"
        )
    return found


def tall_lines(data: bytes, ascent: float = 1.16, descent: float = 0.29) -> bytes:
    """The font with the line spacing of Noto Sans CJK (1.45 em), the tallest a Linux office substitutes for 宋体.

    Only the vertical metrics change (hhea and OS/2): glyphs and widths stay, so lines wrap as before but need
    more height — the case that cut the last line of a cell when heights were estimated for 宋体.
    """
    out = bytearray(data)
    count = struct.unpack(">H", data[4:6])[0]
    tables = {}
    for i in range(count):
        tag, _sum, offset, _length = struct.unpack(">4sIII", data[12 + 16 * i : 28 + 16 * i])
        tables[tag] = offset
    units = struct.unpack(">H", data[tables[b"head"] + 18 : tables[b"head"] + 20])[0]
    up, down = round(ascent * units), round(descent * units)
    struct.pack_into(">hhh", out, tables[b"hhea"] + 4, up, -down, 0)
    struct.pack_into(">hhhHH", out, tables[b"OS/2"] + 68, up, -down, 0, up, down)
    return bytes(out)


def _fontconfig(root: Path) -> Path:
    """A fontconfig file adding the bundled fonts under the official names, as an office PC resolves them."""
    fonts = root / "fonts"
    fonts.mkdir(parents=True, exist_ok=True)
    bundled = bundled_fonts()
    (fonts / "uming.ttf").write_bytes(tall_lines(bundled_font_data(bundled["ming"].path)))
    (fonts / "ukai.ttf").write_bytes(bundled_font_data(bundled["kai"].path))
    shutil.copy(bundled["hei"].path, fonts / "wqy-microhei.ttc")
    aliases = "".join(
        f"<alias binding='same'><family>{name}</family><prefer><family>{family}</family></prefer></alias>"
        for family, names in _ALIASES.items()
        for name in names
    )
    config = root / "fonts.conf"
    config.write_text(
        "<?xml version='1.0'?><!DOCTYPE fontconfig SYSTEM 'fonts.dtd'><fontconfig>"
        "<include ignore_missing='yes'>/etc/fonts/fonts.conf</include>"
        f"<dir>{fonts}</dir><cachedir>{root / 'cache'}</cachedir>{aliases}</fontconfig>",
        encoding="utf-8",
    )
    return config


def render(path: Path, out: Path) -> Path:
    """Convert ``path`` (xlsx or docx) to PDF with LibreOffice in ``out``; returns the PDF."""
    program = soffice()
    out.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "FONTCONFIG_FILE": str(_fontconfig(out / "fc")), "HOME": str(out / "home")}
    done = subprocess.run(
        [
            program,
            f"-env:UserInstallation={(out / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(path),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
    )
    pdf = out / (path.stem + ".pdf")
    if not pdf.exists() and path.suffix == ".docx" and "could not be loaded" in done.stderr:
        pytest.skip("LibreOffice Writer is not installed (Debian: apt-get install libreoffice-writer-nogui)")
    assert done.returncode == 0 and pdf.exists(), done.stderr
    return pdf
