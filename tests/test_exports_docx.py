"""Word copies of the quarterly report and the 通报, read back with python-docx (and rendered by LibreOffice)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import docx
import pdfplumber
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from shizhu_desktop.consolidation.exporting import export_summary
from shizhu_desktop.consolidation.summary import Consolidation, consolidate
from shizhu_desktop.consolidation.timeliness import MISSING
from shizhu_desktop.domain.periods import Period
from shizhu_desktop.services.exporting import ExportFormatError, export_report
from shizhu_desktop.services.workspace import Workspace
from tests.county_helpers import HOSTILE_PROBLEMS, PERIOD, TODAY, County, build_county
from tests.office_render import render, soffice
from tests.test_exports_data import long_text, monthly_report, quarterly_report


def _font(paragraph: Any) -> str:
    """The East Asian font of the paragraph's first run."""
    run = paragraph.runs[0]._element
    fonts = run.rPr.find(qn("w:rFonts"))
    return str(fonts.get(qn("w:eastAsia")))


def _texts(document: Any) -> list[str]:
    return [p.text for p in document.paragraphs]


def test_quarterly_report_as_word(workspace: Workspace, tmp_path: Path) -> None:
    unit = workspace.units.find("南宾街道")
    report = quarterly_report(workspace, unit.code, Period(2026, 9))
    path = export_report(workspace, report, "docx", tmp_path)
    assert path.name == "石柱县绿色低碳循环发展工作推进情况报告_2026年第三季度_南宾街道_第1版.docx"
    document = docx.Document(str(path))
    paragraphs = document.paragraphs
    # The title in 小标宋, broken after 关于…第三季度 (the PDF's break), never inside a word.
    assert paragraphs[0].text == "南宾街道办事处关于2026年第三季度\n绿色低碳循环发展工作推进情况的报告"
    assert _font(paragraphs[0]) == "方正小标宋简体"
    texts = _texts(document)
    assert "县政府督查办：" in texts
    heading = texts.index("一、工作推进情况")
    assert _font(paragraphs[heading]) == "黑体"
    assert report.narrative is not None
    first = report.narrative.work.split("\n")[0]
    assert texts[heading + 1] == first and _font(paragraphs[heading + 1]) == "楷体_GB2312"  # （一） in 楷体
    assert [p.runs[1].text for p in paragraphs[heading + 1 : heading + 2]] == [first[len("（一）加强组织领导。") :]]
    assert "附件：1．南宾街道办事处2026年第三季度工作推进情况表" in texts
    date = texts.index("2026年9月20日")
    assert texts[date - 1] == "南宾街道办事处" and texts[date + 1] == "（联系人：冉晓燕，电话：023-73331234）"
    body = document.sections[0]
    margins = (body.top_margin, body.bottom_margin, body.left_margin, body.right_margin)
    assert [round(m.mm) for m in margins] == [37, 35, 28, 26]  # GB/T 9704 §5.2.1
    assert document.styles["Normal"].font.size.pt == 16
    # Page numbers “— N —”: a PAGE field, odd pages right and even pages left.
    assert document.settings.odd_and_even_pages_header_footer
    for footer in (body.footer, body.even_page_footer):
        assert footer.paragraphs[0].text.startswith("— ") and "PAGE" in footer.paragraphs[0]._p.xml
    # 附件1 on a landscape section, its header repeated on every page; 附件2 portrait again.
    orientations = [s.orientation for s in document.sections]
    assert orientations == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT]
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells][:3] == ["序号", "重点任务", "牵头单位"]
    assert "tblHeader" in table.rows[0]._tr.xml
    assert table.rows[1].cells[4].text == long_text()
    chart = document.tables[1]
    assert [c.text for c in chart.rows[0].cells] == ["指标", "完成率", "序时进度", "说明"]
    assert len(chart.rows) == 1 + len(workspace.catalog.indicators_for_unit(unit.code, report_tasks(workspace, unit)))


def report_tasks(workspace: Workspace, unit: Any) -> list[int]:
    return workspace.catalog.default_tasks_for(unit.code)


def test_monthly_table_has_no_word_copy(workspace: Workspace, tmp_path: Path) -> None:
    unit = workspace.units.find("南宾街道")
    report = monthly_report(workspace, unit.code, Period(2026, 11))
    with pytest.raises(ExportFormatError, match="Word（docx）版只用于季度"):
        export_report(workspace, report, "docx", tmp_path / "out")
    assert not (tmp_path / "out").exists()


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> County:
    return build_county(tmp_path_factory.mktemp("county"))


@pytest.fixture
def ws(county: County) -> Any:
    workspace = county.open()
    yield workspace
    workspace.close()


def test_bulletin_as_word(ws: Workspace, tmp_path: Path) -> None:
    summary: Consolidation = consolidate(ws, PERIOD, TODAY)
    path = export_summary(ws, PERIOD, "docx", tmp_path, today=TODAY)
    assert path.name == "石柱县绿色低碳循环发展工作推进情况通报_2026年10月.docx"
    document = docx.Document(str(path))
    texts = _texts(document)
    head = document.paragraphs[0]
    assert head.text.replace("\u2002", "") == "督查通报" and str(head.runs[0].font.color.rgb) == "D40000"
    assert texts[1] == "2026年第10期"
    assert texts[2] == "县政府督查办\t2026年11月5日" and 'w:color="D40000"' in document.paragraphs[2]._p.xml
    assert "关于2026年10月全县\n绿色低碳循环发展工作推进情况的通报" in texts
    flat = "".join(texts)
    missing = [u for u, _ in summary.monthly.units_in(summary.column, MISSING)]
    for unit in missing:  # every missing unit named, none summed up as 等N个
        assert unit.name in flat
    assert "请上述逾期未报送的单位于2026年11月10日前补报" in flat
    assert "石柱土家族自治县人民政府督查办公室" in texts and "2026年11月5日" in texts
    # 版记 at the very end: 抄送 between rules, then 印发机关 and 印发日期.
    assert texts[-2].startswith("抄送：县委办公室") and texts[-1] == "县政府督查办\t2026年11月5日印发"
    assert "w:pBdr" in document.paragraphs[-1]._p.xml
    lagging = document.tables[0]
    assert [c.text for c in lagging.rows[0].cells] == ["序号", "责任单位", "重点任务", "存在问题", "下步打算"]
    assert any(row.cells[3].text == HOSTILE_PROBLEMS for row in lagging.rows)
    assert [s.orientation for s in document.sections][1] == WD_ORIENT.LANDSCAPE


def test_word_copies_open_in_libreoffice(ws: Workspace, workspace: Workspace, tmp_path: Path) -> None:
    soffice()
    bulletin = export_summary(ws, PERIOD, "docx", tmp_path / "b", today=TODAY)
    unit = workspace.units.find("西沱镇")
    report = export_report(workspace, quarterly_report(workspace, unit.code, Period(2026, 9)), "docx", tmp_path / "q")
    for path, expected in ((bulletin, "督查通报"), (report, "西沱镇人民政府关于2026年第三季度")):
        with pdfplumber.open(render(path, tmp_path / path.stem)) as pdf:
            first = re.sub(r"\s", "", pdf.pages[0].extract_text() or "")
            assert expected in first and len(pdf.pages) >= 3
