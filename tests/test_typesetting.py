"""Typesetting details of the official pages: no widow line at a page's top, squeezed punctuation, 附注 last."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from shizhu_desktop.exports.fonts import FontRole, choose_fonts
from shizhu_desktop.exports.gridpage import LINES_PER_PAGE, GridLine, paginate
from shizhu_desktop.exports.pdffonts import PdfFonts
from shizhu_desktop.exports.pdftext import Line, lay_out


@pytest.fixture(scope="module")
def fonts() -> PdfFonts:
    return PdfFonts(choose_fonts(()))


def _line(fonts: PdfFonts, text: str, end: bool) -> GridLine:
    glyphs = tuple(lay_out(fonts, text, FontRole.FANGSONG, 16.0, 1000)[0].glyphs)
    return GridLine(Line(glyphs, 16.0, end), align="left" if end else "justify")


def test_a_paragraphs_last_line_never_stands_alone_at_a_pages_top(fonts: PdfFonts) -> None:
    lines = [_line(fonts, f"单行段落{i}。", True) for i in range(LINES_PER_PAGE - 2)]
    paragraph = [_line(fonts, "长段落第一行", False), _line(fonts, "第二行", False), _line(fonts, "最后一行。", True)]
    pages = paginate(lines + paragraph + [_line(fonts, "后面的段落。", True)])
    second = pages[1]
    assert second[0].line is not None and second[0].line.text == "第二行"  # carried along with the last line
    assert second[1].line is not None and second[1].line.text == "最后一行。"
    assert len(pages[0]) == LINES_PER_PAGE - 1  # the first page ends a line early instead
    # A paragraph that ends on the page's last line moves nothing: the page stays full.
    fits = paginate([*lines[:-1], *paragraph, *(_line(fonts, f"后{i}。", True) for i in range(5))])
    assert len(fits[0]) == LINES_PER_PAGE and fits[0][-1].line is not None and fits[0][-1].line.text == "最后一行。"


def test_closing_bracket_before_a_colon_gives_up_half_its_width(fonts: PdfFonts) -> None:
    glyphs = lay_out(fonts, "填报单位（盖章）：南宾", FontRole.FANGSONG, 12.0, 1000)[0].glyphs
    widths = {char: width for char, _, width in glyphs}
    assert widths["）"] == pytest.approx(6.0)  # half of 12 pt
    assert widths["（"] == pytest.approx(12.0) and widths["："] == pytest.approx(12.0)


def test_squeezed_marks_are_drawn_where_laid_out(
    workspace: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from shizhu_desktop.domain.periods import Period
    from shizhu_desktop.services.exporting import export_report
    from tests.test_exports_data import monthly_report

    monkeypatch.setenv("SHIZHU_FONT_DIRS", "")
    unit = workspace.units.find("南宾街道")  # type: ignore[attr-defined]
    path = export_report(workspace, monthly_report(workspace, unit.code, Period(2026, 11)), "pdf", tmp_path)  # type: ignore[arg-type]
    with pdfplumber.open(path) as pdf:
        chars = [c for c in pdf.pages[0].chars if c["size"] == 12.0]
    closing = next(i for i, c in enumerate(chars) if c["text"] == "）")
    colon = chars[closing + 1]
    assert colon["text"] == "：" and colon["x0"] - chars[closing]["x0"] == pytest.approx(6.0, abs=0.3)
