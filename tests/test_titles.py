"""Titles break only between phrases (GB/T 9704 词意完整) for every unit, period and document, in PDF and Word."""

from __future__ import annotations

import docx as python_docx
import pytest

from shizhu_desktop.datafiles import load_units
from shizhu_desktop.domain.periods import Period
from shizhu_desktop.exports import docx_base
from shizhu_desktop.exports.content import CHART_ATTACHMENT, TABLE_ATTACHMENT
from shizhu_desktop.exports.fonts import FontRole, choose_fonts
from shizhu_desktop.exports.gridpage import BLOCK_WIDTH, TITLE_SIZE
from shizhu_desktop.exports.pdffonts import PdfFonts
from shizhu_desktop.exports.pdftext import lay_out_title
from shizhu_desktop.exports.titles import (
    THEME,
    attachment_title,
    bulletin_title,
    report_title,
    summary_attachment_title,
)

QUARTERS = [Period(2026, m).quarter_label for m in (3, 6, 9, 12)]


@pytest.fixture(scope="module")
def fonts() -> PdfFonts:
    return PdfFonts(choose_fonts(()))  # the bundled fonts: the same on every machine


def _lines(fonts: PdfFonts, phrases: list[str]) -> list[str]:
    return [line.text for line in lay_out_title(fonts, phrases, FontRole.XIAOBIAOSONG, TITLE_SIZE, BLOCK_WIDTH)]


def _assert_breaks_between_phrases(lines: list[str], phrases: list[str]) -> None:
    assert "".join(lines) == "".join(phrases)
    boundaries = {sum(len(p) for p in phrases[:i]) for i in range(len(phrases) + 1)}
    position = 0
    for line in lines:
        position += len(line)
        assert position in boundaries, (lines, phrases)


def _every_title() -> list[list[str]]:
    titles = []
    units = load_units()
    for unit in [*units, units.receiving_office]:
        for label in QUARTERS:
            titles.append(report_title(unit, label))
            titles += [attachment_title(unit, label, what) for what in (TABLE_ATTACHMENT, CHART_ATTACHMENT)]
    for month in range(1, 13):
        period = Period(2026, month)
        titles.append(bulletin_title(period))
        titles += [summary_attachment_title(period, what) for what in ("滞后事项清单", "指标进度图")]
    return titles


def test_every_title_breaks_at_phrase_boundaries(fonts: PdfFonts) -> None:
    for phrases in _every_title():
        lines = _lines(fonts, phrases)
        _assert_breaks_between_phrases(lines, phrases)
        assert len(lines) <= 3
        # 绿色低碳循环发展 is never split, and 关于 stays at the end of its line.
        assert any(THEME in line for line in lines) or THEME not in "".join(phrases)
        assert not any(line.startswith("于") for line in lines)


def test_township_titles_read_as_offices_set_them(fonts: PdfFonts) -> None:
    units = load_units()
    assert _lines(fonts, report_title(units.find("西沱镇"), QUARTERS[2])) == [
        "西沱镇人民政府关于2026年第三季度",
        "绿色低碳循环发展工作推进情况的报告",
    ]
    assert _lines(fonts, bulletin_title(Period(2026, 10))) == [
        "关于2026年10月全县",
        "绿色低碳循环发展工作推进情况的通报",
    ]


def test_word_titles_break_where_the_pdf_does(fonts: PdfFonts) -> None:
    document = python_docx.Document()
    for phrases in _every_title():
        paragraph = docx_base.title(document, phrases)
        assert paragraph.text.split("\n") == _lines(fonts, phrases), phrases
