"""The county summary exports read back: the workbook with openpyxl, the 通报 PDF with pypdf and pdfplumber."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pdfplumber
import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from pypdf import PdfReader

from shizhu_desktop.consolidation.exporting import (
    SummaryFormatError,
    export_reminders,
    export_summary,
    summary_filename,
)
from shizhu_desktop.consolidation.summary import COUNT_LABELS, Consolidation, consolidate
from shizhu_desktop.consolidation.timeliness import MISSING
from shizhu_desktop.consolidation.wording import task_sentence
from shizhu_desktop.domain.periods import Period
from shizhu_desktop.domain.report import ReportKind
from shizhu_desktop.domain.units import Contact
from shizhu_desktop.exports.xlsx_style import print_scale
from shizhu_desktop.services.workspace import Workspace
from shizhu_desktop.store.unit_directory import UnitDirectoryRepository
from tests.county_helpers import (
    HOSTILE_NEXT_STEPS,
    HOSTILE_PROBLEMS,
    HOSTILE_UNIT,
    LATE_UNIT,
    PERIOD,
    SENDERS,
    SILENT_UNIT,
    TODAY,
    County,
    build_county,
)
from tests.pdf_helpers import turned_text

MM = 72 / 25.4
CLOSING = "，。、；：？！）」》"


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> County:
    return build_county(tmp_path_factory.mktemp("county"))


@pytest.fixture
def ws(county: County, monkeypatch: pytest.MonkeyPatch) -> Iterator[Workspace]:
    monkeypatch.setenv("SHIZHU_FONT_DIRS", "")  # only the bundled fonts: the same result on every machine
    workspace = county.open()
    yield workspace
    workspace.close()


@pytest.fixture
def summary(ws: Workspace) -> Consolidation:
    return consolidate(ws, PERIOD, TODAY)


def _unembedded_fonts(path: Path) -> list[str]:
    missing = []
    for page in PdfReader(path).pages:
        for ref in page["/Resources"].get_object().get("/Font", {}).get_object().values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                missing.append(str(font.get("/BaseFont")))
    return missing


def test_summary_workbook(ws: Workspace, summary: Consolidation, tmp_path: Path) -> None:
    path = export_summary(ws, PERIOD, "xlsx", tmp_path, today=TODAY)
    assert path.name == "石柱县绿色低碳循环发展工作推进情况汇总表_2026年10月.xlsx"
    assert not list(tmp_path.glob("*.part*"))
    book = load_workbook(path)
    assert book.sheetnames == ["汇总", "滞后事项", "分任务", "指标", "报送情况"]
    for sheet in book.worksheets:
        assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == 9
        assert sheet.print_title_rows and sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.freeze_panes
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
    overview = book["汇总"]
    header_row = int(str(overview.print_title_rows).split(":")[0].lstrip("$"))
    header = [c.value for c in overview[header_row]]
    assert header[:5] == ["序号", "重点任务", "牵头单位", "涉及单位", "已报送"] and header[5:10] == list(COUNT_LABELS)
    rows = list(overview.iter_rows(min_row=header_row + 1, max_row=header_row + 23, values_only=True))
    assert [r[1] for r in rows] == [t.task.heading for t in summary.tasks]
    assert [r[7] for r in rows] == [t.counts["滞后"] for t in summary.tasks]
    total = next(overview.iter_rows(min_row=header_row + 24, max_row=header_row + 24, values_only=True))
    assert total[0] == "合计" and total[5:10] == tuple(summary.counts[label] for label in COUNT_LABELS)
    texts = "\n".join(str(c.value) for row in overview.iter_rows() for c in row if c.value)
    assert "黄水镇（逾期3天）" in texts and "按时报送6个" in texts

    lagging = book["滞后事项"]
    cells = {c.value: c for row in lagging.iter_rows() for c in row if isinstance(c.value, str)}
    hostile = cells[HOSTILE_PROBLEMS]  # whole, not cut, and a string although it starts with '='
    assert hostile.data_type == "s" and hostile.alignment.wrap_text
    assert cells[HOSTILE_NEXT_STEPS].data_type == "s"
    assert lagging.row_dimensions[hostile.row].height > 100  # tall enough for the wrapped text

    tasks = book["分任务"]
    rows = [[c.value for c in row] for row in tasks.iter_rows()]
    missing = next(row for row in rows if row[1] == "未报送（33个）")  # task 2: 38 units, 5 reported
    assert SILENT_UNIT in missing[3].split("、") and HOSTILE_UNIT not in missing[3].split("、")
    assert any(row[1] == "县农业农村委（牵头）" for row in rows)

    indicators = book["指标"]
    by_name = {row[1]: row for row in indicators.iter_rows(values_only=True) if row[1]}
    for figure in summary.indicators:
        row = by_name[figure.indicator.name]
        assert row[5] == (figure.figure if figure.figure is not None else "未报")
        if figure.target is None:  # no 2026 target issued (the bundled list has none): said so, not computed
            assert row[4] == "—（2026年目标尚未下达）" and row[7] is None
        else:
            assert row[7] == (figure.completion if figure.completion is not None else "—")
        # 序时进度 (October: 10 of 12 months) for counts and quantities, targets or not.
        assert row[8] == (83.3 if figure.indicator.kind in ("count", "quantity") else "—")
        assert row[9] == figure.basis_label
    assert sum(figure.target is None for figure in summary.indicators) > 20
    sample = next(c for row in indicators.iter_rows() for c in row if c.column == 9 and isinstance(c.value, float))
    assert sample.number_format == '0.0"%"'

    matrix = book["报送情况"]
    grid = {row[0]: row for row in matrix.iter_rows(values_only=True) if row[0]}
    assert grid[LATE_UNIT][10] == "逾期3天" and grid[SILENT_UNIT][10] == "未报" and grid["万安街道"][11] == "未到期"
    assert grid["应报"][10] == 63 and grid["未报"][10] == 56 and grid["按时"][10] == 6
    assert {"街道（3个）", "镇（17个）", "乡（13个）", "县级部门（30个）"} <= set(grid)


def _reminder_rows(path: Path) -> list[tuple[str, ...]]:
    """Every unit row of the 催报名单, from both blocks (A–E, then G–K), in number order."""
    sheet = load_workbook(path)["催报名单"]
    rows = []
    for first in (1, 7):
        for row in sheet.iter_rows(min_col=first, max_col=first + 4, values_only=True):
            if str(row[0] or "").isdigit():
                rows.append(tuple(str(v or "") for v in row))
    return sorted(rows, key=lambda r: int(r[0]))


def test_reminders_workbook(ws: Workspace, tmp_path: Path) -> None:
    path = export_reminders(ws, PERIOD, tmp_path, today=TODAY)
    assert path.name == "催报名单_2026年10月工作推进情况表.xlsx"
    rows = _reminder_rows(path)
    assert [int(r[0]) for r in rows] == list(range(1, 57))
    silent = next(r for r in rows if r[1] == SILENT_UNIT)
    assert silent[2] and silent[3] and silent[4] == "逾期11天"
    sheet = load_workbook(path)["催报名单"]
    assert sheet.print_title_rows and sheet.page_setup.orientation == "portrait"
    # 56 units in two blocks: the rows' heights fit one portrait page at the scale the columns print at.
    widths = [sheet.column_dimensions[get_column_letter(c)].width for c in range(1, 12)]
    scale = print_scale(widths, landscape=False)
    height = sum(sheet.row_dimensions[r].height or 15 for r in range(1, sheet.max_row + 1))
    printable = (297 - (sheet.page_margins.top + sheet.page_margins.bottom) * 25.4) / 25.4 * 72
    assert height * scale <= printable


def test_contact_list_fills_in_before_a_first_report(ws: Workspace, tmp_path: Path) -> None:
    never = next(u for u in ws.units.townships() if u.name not in SENDERS)
    directory = UnitDirectoryRepository(ws.db)
    directory.save_contacts(
        [Contact(never.code, "向春梅", "023-73335678", "党政办"), Contact(ws.units.find(SILENT_UNIT).code, "别人", "1")]
    )
    try:
        rows = {r[1]: r for r in _reminder_rows(export_reminders(ws, PERIOD, tmp_path, today=TODAY))}
    finally:
        directory.save_contacts([])  # the county database is shared by this module's tests
    assert rows[never.name][2:4] == ("向春梅", "023-73335678")
    # A unit that has sent files is called on the liaison of its newest file, not the list's.
    assert rows[SILENT_UNIT][2] != "别人"


def test_summary_pdf_reads_like_a_bulletin(ws: Workspace, summary: Consolidation, tmp_path: Path) -> None:
    path = export_summary(ws, PERIOD, "pdf", tmp_path, today=TODAY)
    assert path.name == summary_filename(PERIOD, "pdf") == "石柱县绿色低碳循环发展工作推进情况通报_2026年10月.pdf"
    reader = PdfReader(path)
    sizes = [(round(float(p.mediabox.width), 1), round(float(p.mediabox.height), 1)) for p in reader.pages]
    assert all(size == (595.3, 841.9) for size in sizes)  # 附件1 is turned on portrait sheets
    assert _unembedded_fonts(path) == []
    assert (
        reader.metadata is not None and reader.metadata.title == "关于2026年10月全县绿色低碳循环发展工作推进情况的通报"
    )
    pages = [page.extract_text() for page in reader.pages]
    # Page by page without whitespace and page numbers: a paragraph that crosses a page reads as one.
    flat = "".join(re.sub(r"—\d+—", "", "".join(text.split())) for text in pages)
    assert "督查通报" in "".join(pages[0].split()) and "— 1 —" in pages[0]
    for n, text in enumerate(pages, 1):
        assert f"— {n} —" in text, n
    assert "关于2026年10月全县绿色低碳循环发展工作推进情况的通报" in flat
    assert "应报送单位63个，已报送7个，其中按时报送6个，逾期报送1个（乡镇（街道）1个：黄水镇（逾期3天））" in flat
    assert "2026年第10期" in "".join(pages[0].split())
    # Every missing unit is named, townships and departments apart, and given a date to report by.
    missing = [u for u, _ in summary.monthly.units_in(summary.column, MISSING)]
    assert len(missing) == 56
    townships = "、".join(u.name for u in missing if u.is_township)
    departments = "、".join(u.name for u in missing if not u.is_township)
    assert f"乡镇（街道）{sum(u.is_township for u in missing)}个：{townships}；" in flat
    assert f"县级部门{sum(not u.is_township for u in missing)}个：{departments}）" in flat
    assert "请上述逾期未报送的单位于2026年11月10日前补报" in flat  # 3 working days after Thursday 5 November
    assert "石柱土家族自治县人民政府督查办公室2026年11月5日" in flat  # the 落款 is the organ
    last = "".join(pages[-1].split())
    assert "抄送：县委办公室" in last and last.rstrip("—0123456789").endswith("县政府督查办2026年11月5日印发")
    assert "一、报送情况" in flat and "二、推进情况" in flat and "附件1" in flat and "附件2" in flat
    for task in summary.tasks:
        assert "".join(f"{task.task.heading}。{task_sentence(task)}".split()) in flat, task.task.number
    assert "滞后事项清单" in flat and "指标进度图" in flat
    for figure in summary.indicators:
        assert figure.indicator.name in flat
    with pdfplumber.open(path) as pdf:
        # 附件1's 存在问题 column (turned pages): the long problem, continued over pages, never cut.
        left = (20 + 10 + 28 + 40) * MM
        turned = [p for p in pdf.pages if p.chars and not p.chars[len(p.chars) // 2]["upright"]]
        assert turned
        column = "".join(
            "".join(turned_text(page.crop((0, page.height - left - 92 * MM, page.width, page.height - left))).split())
            for page in turned
        )
        assert "".join(HOSTILE_PROBLEMS.split()) in column.replace("存在问题", "")
        for page in pdf.pages:
            text = turned_text(page) if page in turned else page.extract_text()
            for line in (text or "").splitlines():
                assert not line.strip() or line.strip()[0] not in CLOSING, line


def test_summary_pdf_renders(ws: Workspace, tmp_path: Path) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.skip("poppler's pdftoppm is not installed")
    path = export_summary(ws, PERIOD, "pdf", tmp_path, today=TODAY)
    subprocess.run(["pdftoppm", "-png", "-r", "30", "-f", "1", "-l", "1", str(path), str(tmp_path / "p")], check=True)
    png = next(tmp_path.glob("p*.png"))
    assert png.stat().st_size > 5_000


def test_unknown_format_and_an_empty_county(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SHIZHU_FONT_DIRS", "")
    with pytest.raises(SummaryFormatError, match="请选择 xlsx（Excel）、pdf 或 docx（Word）"):
        export_summary(workspace, PERIOD, "odt", tmp_path)
    # Nothing received yet: both files are still written, and say so.
    pdf = export_summary(workspace, Period(2026, 3), "pdf", tmp_path, today=TODAY)
    text = "".join("".join(p.extract_text().split()) for p in PdfReader(pdf).pages)
    assert "已报送0个" in text and "本月没有滞后事项" in text and "第一季度工作推进情况报告" in text
    book = load_workbook(export_summary(workspace, Period(2026, 3), "xlsx", tmp_path, today=TODAY))
    assert book["滞后事项"].max_row >= 4
    reminders = export_reminders(workspace, Period(2026, 3), tmp_path, kind=ReportKind.QUARTERLY, today=TODAY)
    assert reminders.name == "催报名单_2026年第一季度工作推进情况报告.xlsx"


def test_hostile_unit_is_in_the_lagging_list(summary: Consolidation) -> None:
    item = next(i for i in summary.lagging if i.unit.name == HOSTILE_UNIT and i.problems == HOSTILE_PROBLEMS)
    assert item.next_steps == HOSTILE_NEXT_STEPS
