"""Chinese line breaking (禁则) and the discovery of installed official fonts."""

from __future__ import annotations

import struct
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from shizhu_desktop.exports.fontnames import read_faces
from shizhu_desktop.exports.fonts import FontRole, choose_fonts
from shizhu_desktop.exports.linebreak import CANNOT_END, CANNOT_START, balanced_lines, break_paragraph
from shizhu_desktop.exports.pdffonts import printable

HAN = "推进绿色低碳循环发展经济体系工作"
CLOSING = "，。、；：？！）」》”’"
OPENING = "（「《“‘"


def _width(char: str) -> float:
    return 0.5 if char.isascii() else 1.0


@st.composite
def paragraphs(draw: st.DrawFn) -> str:
    """Han characters, each maybe opened or closed by one mark, with some ASCII numbers between."""
    pieces = []
    for _ in range(draw(st.integers(1, 80))):
        piece = draw(st.sampled_from(HAN))
        if draw(st.booleans()):
            piece = draw(st.sampled_from(OPENING)) + piece
        if draw(st.booleans()):
            piece += draw(st.sampled_from(CLOSING))
        if draw(st.integers(0, 9)) == 0:
            piece += draw(st.sampled_from(["2025", "12.93", "A4", "5%"]))
        pieces.append(piece)
    return "".join(pieces)


@settings(max_examples=300, deadline=None)
@given(paragraphs(), st.integers(5, 30))
def test_no_line_starts_with_closing_or_ends_with_opening_mark(text: str, width: int) -> None:
    chars = list(text)
    widths = [_width(c) for c in chars]
    lines = break_paragraph(chars, widths, width)
    assert "".join(text[a:b] for a, b in lines) == text  # nothing lost, nothing doubled
    for n, (start, end) in enumerate(lines):
        assert sum(widths[start:end]) <= width + 0.01
        assert end > start
        if n:
            assert text[start] not in CANNOT_START, (text[start:end], width)
        if n < len(lines) - 1:
            assert text[end - 1] not in CANNOT_END, (text[start:end], width)


def test_punctuation_pulls_the_last_character_down() -> None:
    text = "一二三四五，六七"
    lines = break_paragraph(list(text), [1.0] * len(text), 5)
    assert [text[a:b] for a, b in lines] == ["一二三四", "五，六七"]
    numbers = "合计12.93万亩"
    lines = break_paragraph(list(numbers), [_width(c) for c in numbers], 4)
    assert "12.93" in [numbers[a:b] for a, b in lines][1]  # a number is never split


def test_overlong_run_of_marks_is_split_without_looping() -> None:
    text = "，" * 50
    lines = break_paragraph(list(text), [1.0] * 50, 7)
    assert sum(b - a for a, b in lines) == 50 and all(b - a <= 7 for a, b in lines)


def test_balanced_title_lines() -> None:
    title = "南宾街道关于2026年第三季度绿色低碳循环发展工作推进情况的报告"
    widths = [_width(c) for c in title]
    greedy = break_paragraph(list(title), widths, 20)
    balanced = balanced_lines(list(title), widths, 20)
    assert len(balanced) == len(greedy) == 2
    lengths = [sum(widths[a:b]) for a, b in balanced]
    assert abs(lengths[0] - lengths[1]) <= 2


def test_printable_drops_invisible_characters() -> None:
    assert printable("a\tb\x07c\r\nd\u200be\ufe0f") == "a  bc\nde"


def _font_file(path: Path, names: list[tuple[int, int, bytes]], *, fs_type: int = 0, cff: bool = False) -> None:
    """A minimal sfnt file with name, OS/2 and glyf (or CFF) tables: enough for the name reader."""
    records, strings = b"", b""
    for platform, encoding, raw in names:
        records += struct.pack(">6H", platform, encoding, 0x0804, 1, len(raw), len(strings))
        strings += raw
    name = struct.pack(">3H", 0, len(names), 6 + 12 * len(names)) + records + strings
    os2 = struct.pack(">5H", 4, 500, 400, 5, fs_type)
    cmap = struct.pack(">HHHHI", 0, 1, 3, 1, 12)  # one Windows Unicode (3/1) encoding record
    tables = [(b"OS/2", os2), (b"CFF " if cff else b"glyf", b"\0" * 4), (b"cmap", cmap), (b"name", name)]
    header = struct.pack(">4sHHHH", b"OTTO" if cff else b"\0\1\0\0", len(tables), 0, 0, 0)
    offset = len(header) + 16 * len(tables)
    directory, body = b"", b""
    for tag, data in tables:
        directory += struct.pack(">4sIII", tag, 0, offset + len(body), len(data))
        body += data + b"\0" * (-len(data) % 4)
    path.write_bytes(header + directory + body)


def test_installed_official_fonts_are_found_by_their_names(tmp_path: Path) -> None:
    fonts = tmp_path / "fonts"
    (fonts / "sub").mkdir(parents=True)
    _font_file(fonts / "simhei.ttf", [(3, 1, "黑体".encode("utf-16-be")), (3, 1, "SimHei".encode("utf-16-be"))])
    # Old PRC fonts keep GB2312 bytes in 16-bit units (platform 3, encoding 3).
    prc, units, i = "仿宋_GB2312".encode("gbk"), b"", 0
    while i < len(prc):
        if prc[i] < 0x80:
            units += struct.pack(">H", prc[i])
            i += 1
        else:
            units += prc[i : i + 2]
            i += 2
    _font_file(fonts / "sub" / "FS_GB2312.TTF", [(3, 3, units)])
    _font_file(fonts / "kaiti.otf.ttf", [(3, 1, "楷体".encode("utf-16-be"))], cff=True)  # CFF: unusable
    _font_file(fonts / "locked.ttf", [(3, 1, "方正小标宋简体".encode("utf-16-be"))], fs_type=0x0002)
    assert read_faces(fonts / "sub" / "FS_GB2312.TTF")[0].names == ("仿宋_GB2312",)
    choice = choose_fonts((fonts,))
    assert choice.roles[FontRole.HEI].family == "黑体" and choice.is_official(FontRole.HEI)
    assert choice.roles[FontRole.FANGSONG].family == "仿宋_GB2312"
    assert choice.roles[FontRole.FANGSONG].path.name == "FS_GB2312.TTF"
    assert not choice.is_official(FontRole.KAI)  # the CFF one is skipped: the bundled 楷 stands in
    assert choice.roles[FontRole.KAI].path.name == "ukai-cn-gbk.ttf.xz"
    # No embeddable 小标宋: 黑体 stands in (domain §5), the installed one.
    assert choice.roles[FontRole.XIAOBIAOSONG].path.name == "simhei.ttf"
    assert not choice.is_official(FontRole.SONG) and choice.roles[FontRole.SONG].bundled


def test_without_installed_fonts_every_role_is_bundled(tmp_path: Path) -> None:
    choice = choose_fonts((tmp_path,))
    assert all(source.bundled and source.path.exists() for source in choice.roles.values())
    assert choice.roles[FontRole.HEI].path.name == "wqy-microhei.ttc"
