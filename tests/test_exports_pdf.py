"""PDF exports read back with pypdf and pdfplumber: page size, text, embedded fonts, line breaks, margins."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from pypdf import PdfReader

from shizhu_desktop.domain.periods import Period
from shizhu_desktop.exports import pdfflow as flow
from shizhu_desktop.exports.content import INDICATOR_HEADER, indicator_table
from shizhu_desktop.exports.glyphs import MissingGlyphsError
from shizhu_desktop.exports.pdf_monthly import INDICATOR_COLUMNS, INDICATOR_HEADING, MONTHLY_COLUMNS
from shizhu_desktop.exports.pdf_quarterly import QUARTER_COLUMNS
from shizhu_desktop.exports.pdftable import Column
from shizhu_desktop.interchange.fingerprints import check_code, payload_fingerprint
from shizhu_desktop.services.exporting import build_bundle, export_report
from shizhu_desktop.services.workspace import Workspace
from tests.pdf_helpers import turned_text
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


def _edges(left: float, columns: Sequence[Column]) -> list[float]:
    return [left + sum(c.width for c in columns[:i]) for i in range(len(columns) + 1)]


def _columns_text(pdf: Any, columns: Sequence[Column], *, below: str = "") -> list[list[str]]:
    """Per page, the text of each column of a landscape table (above the heading ``below`` when it is there)."""
    pages = []
    for page in pdf.pages:
        if "本月工作进展" not in (page.extract_text() or ""):
            continue
        bottom = page.height - flow.BOTTOM + 1  # above the page number
        stop = [w for w in page.extract_words() if below and w["text"].startswith(below)]
        if stop:
            bottom = stop[0]["top"]
        top = min(r["top"] for r in page.rects)
        edges = _edges(flow.LEFT, columns)
        pages.append(
            [
                page.crop((left + 0.3, top, right - 0.3, bottom)).extract_text() or ""
                for left, right in itertools.pairwise(edges)
            ]
        )
    return pages


def _indicator_columns(pdf: Any) -> list[str]:
    """The monthly table's indicator section, column by column (no header, no white space), over its pages."""
    out = [""] * len(INDICATOR_COLUMNS)
    started = False
    for page in pdf.pages:
        heading = page.search(INDICATOR_HEADING)
        if not heading and not started:
            continue
        top = heading[0]["bottom"] + 1 if heading else min(r["top"] for r in page.rects)
        stop = page.search("分管领导")
        bottom = stop[0]["top"] - 1 if stop else page.height - flow.BOTTOM + 1
        started = True
        for i, (left, right) in enumerate(itertools.pairwise(_edges(flow.LEFT, INDICATOR_COLUMNS))):
            text = re.sub(r"\s", "", page.crop((left + 0.3, top, right - 0.3, bottom)).extract_text() or "")
            out[i] += text.removeprefix(re.sub(r"\s", "", INDICATOR_HEADER[i]))
        if stop:
            break
    return out


def _turned_columns(page: Any, columns: Sequence[Column]) -> list[str]:
    """Each column's text on a turned page: a landscape column is a band across the portrait sheet."""
    out = []
    for left, right in itertools.pairwise(_edges(flow.LEFT, columns)):
        band = page.crop((0, page.height - right + 0.3, page.width, page.height - left - 0.3))
        out.append(turned_text(band))
    return out


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
    tasks = workspace.catalog.default_tasks_for(unit.code)
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) > 2
        for page in pdf.pages:
            assert (round(page.width), round(page.height)) == (842, 595)  # A4 landscape
        first = pdf.pages[0].extract_text()
        assert "石柱县绿色低碳循环发展工作推进情况表" in first and "填报单位（盖章）：南宾街道办事处" in first
        for n, page in enumerate(pdf.pages, 1):
            assert (page.extract_text() or "").strip().endswith(f"— {n} —")
        last = pdf.pages[-1].extract_text() or ""
        fingerprint = payload_fingerprint(build_bundle(workspace, report).payload)
        assert fingerprint and "分管领导：" in last and f"密钥指纹：{fingerprint}" in last
        assert f"校验码：{check_code(build_bundle(workspace, report).payload['sha256'])}" in last
        columns = _columns_text(pdf, MONTHLY_COLUMNS, below=INDICATOR_HEADING)
        indicator_columns = _indicator_columns(pdf)
        everything = "".join(re.sub(r"\s", "", p.extract_text() or "") for p in pdf.pages)
    assert all(len(cols) == 10 for cols in columns)
    column = {name: "".join(re.sub(r"\s", "", cols[i]) for cols in columns) for i, name in enumerate(("no", "task"))}
    for task in tasks:
        assert re.sub(r"\s", "", workspace.catalog.task(task).heading) in column["task"]
    progress = "".join(re.sub(r"\s", "", cols[5]).replace("本月工作进展", "") for cols in columns)
    assert long_text() in progress  # 1,500 characters over several pages, nothing clipped
    remarks = "".join(cols[9] for cols in columns)
    assert GBK_RARE in re.sub(r"\s", "", remarks)
    for cols in columns:
        for text in cols:
            _assert_no_line_starts_with_closing_mark(text.split("\n"))
    # The indicator figures are printed too: the same rows as the Excel sheet 指标完成情况, column by column.
    assert INDICATOR_HEADING in everything
    rows = indicator_table(build_bundle(workspace, report)).rows
    for i, printed in enumerate(indicator_columns):
        assert printed == "".join(re.sub(r"\s", "", row[i].text) for row in rows), INDICATOR_HEADER[i]
    # No 2026 target was issued (the bundled list has none after 2025): the table says so, with no 完成率,
    # and 序时进度 (November: 11 of 12 months) is shown all the same for these counts and quantities.
    assert indicator_columns[2] == "—（县里尚未下达2026年目标）" * len(rows)
    assert indicator_columns[6] == "" and indicator_columns[7] == "91.7%" * len(rows)


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
        # Every page is a portrait sheet: the landscape table is turned on its sheets, as bound (GB/T 9704 §10.1).
        assert all((round(p.width), round(p.height)) == (595, 842) for p in pages)
        landscape_start = next(i for i, p in enumerate(pages) if turned_text(p).startswith("附件1"))
        body = pages[:landscape_start]
        assert len(body) >= 2
        first_text = body[0].extract_text() or ""
        assert first_text.startswith("南宾街道办事处关于2026年第三季度\n绿色低碳循环发展工作推进情况的报告")
        assert "县政府督查办：" in first_text
        for n, page in enumerate(pages, 1):
            numbers = [c for c in page.chars if c["top"] > page.height - 30 * MM and abs(c["size"] - 14) < 0.1]
            text = "".join(c["text"] for c in sorted(numbers, key=lambda c: c["x0"]))
            assert text == f"— {n} —"
            if page.width < page.height:
                # 7 mm below the text block; odd pages on the right, even on the left, one character in — on
                # the turned attachment pages too, where the other pages have it.
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
        assert "附件：1．" in body_text and "南宾街道办事处2026年9月20日" in body_text
        # The 附注 ends the report, under the date (the page number follows only in the text order).
        assert re.sub(r"—\d+—$", "", body_text).endswith("2026年9月20日（联系人：冉晓燕，电话：023-73331234）")
        fingerprint = payload_fingerprint(build_bundle(workspace, report).payload) or "未签名"
        assert f"密钥指纹：{fingerprint.replace(' ', '')}" in body_text and "校验码：" in body_text
        for page in body:
            block = page.crop((28 * MM - 1, 37 * MM - 1, page.width - 26 * MM + 1, page.height - 35 * MM + 1))
            _assert_no_line_starts_with_closing_mark((block.extract_text() or "").split("\n"))
        attachment = turned_text(pages[landscape_start])
        assert "南宾街道办事处2026年第三季度工作推进情况表" in attachment
        chart = pages[-1].extract_text() or ""
        # No target issued for 2026: each bar says so, none is drawn against the expired 2025 one; 序时 is marked.
        assert chart.startswith("附件2") and "目标（100%）" not in re.sub(r"\s", "", chart)
        assert re.sub(r"\s", "", chart).count("；县里尚未下达2026年目标") == len(
            build_bundle(workspace, report).indicators
        )
        assert "红色虚线：序时进度" in chart
        columns = [_turned_columns(p, QUARTER_COLUMNS) for p in pages[landscape_start:-1]]
    progress = "".join(re.sub(r"\s", "", cols[4]).replace("7月工作进展", "") for cols in columns)
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


def test_reportlab_runs_on_its_c_accelerators() -> None:
    """Issue 13: without rl_accel reportlab formats every number of a page in Python; the PDF takes a fifth longer."""
    import inspect

    from reportlab.lib import rl_accel

    for name in ("fp_str", "asciiBase85Encode", "calcChecksum", "unicode2T1"):
        assert inspect.isbuiltin(getattr(rl_accel, name)), name
