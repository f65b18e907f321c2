"""PDF exports read back with pypdf and pdfplumber: page size, text, embedded fonts, line breaks, margins."""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from pypdf import PdfReader

from shizhu_desktop.domain.periods import Period
from shizhu_desktop.exports.glyphs import MissingGlyphsError
from shizhu_desktop.services.exporting import export_report
from shizhu_desktop.services.workspace import Workspace
from tests.test_exports_data import EXT_B, GBK_RARE, long_text, monthly_report, quarterly_report

pytestmark = pytest.mark.usefixtures("no_system_fonts")
from tests.test_exports_data import no_system_fonts  # noqa: E402,F401  (the fixture, used above)

MM = 72 / 25.4
A4 = (595.28, 841.89)
#: The marks the issue names: none may begin a line.
CLOSING = "，。、；：？！）」》"


def _unembedded_fonts(path: Path) -> list[str]:
    """Names of fonts used on any page that carry no font program (FontFile, FontFile2 or FontFile3)."""
    missing = []
    for page in PdfReader(path).pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.get_object().values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                missing.append(str(font.get("/BaseFont")))
    return missing


def _column_edges(page: Any) -> list[float]:
    """x of the table's vertical rules, from the ruled lines and the outer rectangle."""
    xs = {round(line["x0"], 1) for line in page.lines if abs(line["x0"] - line["x1"]) < 0.1}
    for rect in page.rects:
        xs |= {round(rect["x0"], 1), round(rect["x1"], 1)}
    return sorted(xs)


def _columns_text(pdf: Any) -> list[list[str]]:
    """Per page, the text of each table column (lines joined with newlines)."""
    pages = []
    for page in pdf.pages:
        edges = _column_edges(page)
        if len(edges) < 3:
            pages.append([])
            continue
        top = min(r["top"] for r in page.rects)
        bottom = max(r["bottom"] for r in page.rects)
        pages.append(
            [
                page.crop((left + 0.3, top, right - 0.3, bottom)).extract_text() or ""
                for left, right in itertools.pairwise(edges)
            ]
        )
    return pages


def _assert_no_line_starts_with_closing_mark(lines: list[str]) -> None:
    for line in lines:
        stripped = line.strip()
        assert not stripped or stripped[0] not in CLOSING, line


def test_monthly_pdf(workspace: Workspace, tmp_path: Path) -> None:
    unit = workspace.units.find("南宾街道")
    report = monthly_report(workspace, unit.code, Period(2026, 11))
    path = export_report(workspace, report, "pdf", tmp_path)
    assert path.name == "石柱县绿色低碳循环发展工作推进情况表_2026年11月_南宾街道_第1版.pdf"
    assert not list(tmp_path.glob("*.part*"))
    assert _unembedded_fonts(path) == []
    reader = PdfReader(path)
    assert (
        reader.metadata is not None
        and reader.metadata.title == "南宾街道2026年11月石柱县绿色低碳循环发展工作推进情况表"
    )
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) > 2
        for page in pdf.pages:
            assert (round(page.width), round(page.height)) == (842, 595)  # A4 landscape
        first = pdf.pages[0].extract_text()
        assert "石柱县绿色低碳循环发展工作推进情况表" in first and "南宾街道" in first
        for n, page in enumerate(pdf.pages, 1):
            assert (page.extract_text() or "").strip().endswith(f"— {n} —")
            assert "本月工作进展" in (page.extract_text() or "")  # the header on every page
        assert "分管领导：" in (pdf.pages[-1].extract_text() or "")
        columns = _columns_text(pdf)
    assert all(len(cols) == 10 for cols in columns)
    column = {name: "".join(re.sub(r"\s", "", cols[i]) for cols in columns) for i, name in enumerate(("no", "task"))}
    for task in workspace.catalog.default_tasks_for(unit.code):
        assert re.sub(r"\s", "", workspace.catalog.task(task).heading) in column["task"]
    progress = "".join(re.sub(r"\s", "", cols[5]).replace("本月工作进展", "") for cols in columns)
    assert long_text() in progress  # 1,500 characters over several pages, nothing clipped
    remarks = "".join(cols[9] for cols in columns)
    assert GBK_RARE in re.sub(r"\s", "", remarks)
    for cols in columns:
        for text in cols:
            _assert_no_line_starts_with_closing_mark(text.split("\n"))


def _body_chars(page: Any) -> list[dict[str, Any]]:
    limit = page.height - 35 * MM + 1 * MM
    return [c for c in page.chars if c["bottom"] <= limit and c["text"].strip()]


def test_quarterly_pdf_follows_gbt_9704(workspace: Workspace, tmp_path: Path) -> None:
    unit = workspace.units.find("南宾街道")
    report = quarterly_report(workspace, unit.code, Period(2026, 9))
    path = export_report(workspace, report, "pdf", tmp_path)
    assert _unembedded_fonts(path) == []
    with pdfplumber.open(path) as pdf:
        pages = pdf.pages
        portrait = [(round(p.width), round(p.height)) == (595, 842) for p in pages]
        landscape_start = portrait.index(False)
        body = pages[:landscape_start]
        assert len(body) >= 2 and all(portrait[:landscape_start])
        first_text = body[0].extract_text() or ""
        assert first_text.startswith("南宾街道关于2026年第三季度")
        assert "县政府督查办：" in first_text
        for n, page in enumerate(pages, 1):
            numbers = [c for c in page.chars if c["top"] > page.height - 30 * MM and abs(c["size"] - 14) < 0.1]
            text = "".join(c["text"] for c in sorted(numbers, key=lambda c: c["x0"]))
            assert text == f"— {n} —"
            if page.width < page.height:
                # 7 mm below the text block; odd pages on the right, even on the left, one character in.
                assert abs(min(c["top"] for c in numbers) - (page.height - 35 * MM + 7 * MM)) < 0.5
                if n % 2:
                    assert abs(max(c["x1"] for c in numbers) - (page.width - 26 * MM - 14)) < 0.5
                else:
                    assert abs(min(c["x0"] for c in numbers) - (28 * MM + 14)) < 0.5
        for page in body:
            chars = _body_chars(page)
            assert min(c["x0"] for c in chars) >= 28 * MM - 1 * MM
            assert max(c["x1"] for c in chars) <= page.width - 26 * MM + 1 * MM
            assert min(c["top"] for c in chars) >= 37 * MM - 1 * MM
            assert max(c["bottom"] for c in chars) <= page.height - 35 * MM + 1 * MM
            body_size = [c for c in chars if abs(c["size"] - 16) < 0.1]
            pitch = (225 * MM - 16) / 21
            for char in body_size:
                slot = (char["top"] - 37 * MM) / pitch
                assert abs(slot - round(slot)) < 0.02, char  # on the 22-line grid
        full = body[0]
        chars = _body_chars(full)
        # A full first page fills the block: title at its top, justified lines at both edges, 22nd line at its foot.
        assert abs(min(c["top"] for c in chars) - 37 * MM) < 1 * MM
        assert abs(min(c["x0"] for c in chars) - 28 * MM) < 1 * MM
        assert abs(max(c["x1"] for c in chars) - (full.width - 26 * MM)) < 1 * MM
        assert abs(max(c["bottom"] for c in chars) - (full.height - 35 * MM)) < 1 * MM
        title = [c for c in chars if abs(c["size"] - 22) < 0.1]
        assert title and min(c["top"] for c in title) == min(c["top"] for c in chars)
        fonts = {c["text"]: c["fontname"] for c in chars}
        assert "UKai" in fonts["组"]  # （一）加强组织领导。in 楷体
        assert "WenQuanYi" in fonts["作"] or "WenQuanYi" in fonts["况"]  # 一、工作推进情况 in 黑体
        body_text = "".join(re.sub(r"\s", "", p.extract_text() or "") for p in body)
        assert "附件：1．" in body_text and "2026年9月20日" in body_text
        for page in body:
            block = page.crop((28 * MM - 1, 37 * MM - 1, page.width - 26 * MM + 1, page.height - 35 * MM + 1))
            _assert_no_line_starts_with_closing_mark((block.extract_text() or "").split("\n"))
        attachment = pages[landscape_start].extract_text() or ""
        assert attachment.startswith("附件1") and "南宾街道2026年第三季度工作推进情况表" in attachment
        chart = pages[-1].extract_text() or ""
        assert "附件2" in re.sub(r"\s", "", "".join(p.extract_text() or "" for p in pages[landscape_start:]))
        assert "目标（100%）" in re.sub(r"\s", "", chart) or "无需" in chart or "没有需要" in chart
        columns = _columns_text(pdf)
    progress = "".join(
        re.sub(r"\s", "", cols[4]).replace("7月工作进展", "") for cols in columns[landscape_start:] if len(cols) > 4
    )
    assert long_text() in progress


def test_character_without_font_is_refused_before_writing(workspace: Workspace, tmp_path: Path) -> None:
    unit = workspace.units.find("南宾街道")
    report = monthly_report(workspace, unit.code, Period(2026, 11), rare=True)
    out = tmp_path / "out"
    with pytest.raises(MissingGlyphsError) as caught:
        export_report(workspace, report, "pdf", out)
    third = workspace.catalog.default_tasks_for(unit.code)[2]
    assert f"“{EXT_B}”（U+20000，任务{third}·备注）" in caught.value.message
    assert "😀" in caught.value.missing and "〓" in caught.value.message
    assert not out.exists() or not list(out.iterdir())
    path = export_report(workspace, report, "pdf", out, allow_missing=True)
    with pdfplumber.open(path) as pdf:
        text = "".join(page.extract_text() or "" for page in pdf.pages)
    assert "〓" in text and EXT_B not in text
    assert _unembedded_fonts(path) == []
