"""The import's cell reader gives what openpyxl gives (issue 13: it reads inline text itself, for speed)."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont, Text

from shizhu_desktop.interchange.xlsx_cells import MAIN, read_cells, text_content

NS = MAIN.strip("{}")

STRING_ITEMS = [
    "<is><t>推进状态</t></is>",
    '<is><t xml:space="preserve">  前后有空格  </t></is>',
    "<is><t/></is>",
    "<is></is>",
    "<is><r><t>加粗</t></r><r><rPr><b/></rPr><t>和普通</t></r></is>",
    "<is><t>开头</t><r><t>接着</t></r></is>",
    "<is><r><t>有注音</t></r><rPh sb='0' eb='1'><t>zhuyin</t></rPh><phoneticPr fontId='1'/></is>",
    "<is><r><rPr><b/></rPr></r><r><t>空的一段之后</t></r></is>",
    "<is><t>第一</t><t>最后一个t为准</t></is>",
    "<si><t>x005F_x0041_共享</t></si>",
    "<si><r><t>共享</t></r><r><t>富文本</t></r></si>",
]


@pytest.mark.parametrize("xml", STRING_ITEMS)
def test_inline_and_shared_text_reads_as_openpyxl_reads_it(xml: str) -> None:
    node = ElementTree.fromstring(xml.replace("<is>", f'<is xmlns="{NS}">', 1).replace("<si>", f'<si xmlns="{NS}">', 1))
    assert text_content(node) == Text.from_tree(node).content


def test_a_workbook_reads_cell_for_cell_as_openpyxl_loads_it(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "表"
    sheet["A1"] = "绿色低碳循环发展"
    sheet["B2"] = 12.5
    sheet["C3"] = 7
    sheet["D4"] = True
    sheet["E5"] = "=SUM(B2:C3)"
    sheet["F6"] = CellRichText(["普通", TextBlock(InlineFont(b=True), "加粗")])
    sheet["G7"] = "   "
    hidden = book.create_sheet("数据")
    hidden.sheet_state = "hidden"
    hidden["A1"] = '{"version": 2}'
    path = tmp_path / "cells.xlsx"
    book.save(path)

    with zipfile.ZipFile(path) as archive:
        ours = {sheet.title: (sheet.state, sheet.cells) for sheet in read_cells(archive)}
    theirs = load_workbook(path)
    for title in theirs.sheetnames:
        expected = {
            (cell.row, cell.column): cell.value
            for row in theirs[title].iter_rows()
            for cell in row
            if cell.value is not None
        }
        state, cells = ours[title]
        assert state == theirs[title].sheet_state
        assert {k: str(v) for k, v in cells.items()} == {k: str(v) for k, v in expected.items()}
        assert {k: type(v) for k, v in cells.items() if not isinstance(expected[k], CellRichText)} == {
            k: type(v) for k, v in expected.items() if not isinstance(v, CellRichText)
        }


SHEET_ROWS = [
    '<row r="3"><c r="A3" t="s"><v>1</v></c><c r="B3"><v>12.50</v></c><c r="C3"><v>7</v></c></row>',
    '<row><c><v>1E3</v></c><c t="b"><v>0</v></c><c t="str"><v>公式结果</v></c><c t="e"><v>#DIV/0!</v></c></row>',
    '<row r="7.0"><c r="B7" t="inlineStr"><is><t>行号写成小数</t></is></c><c s="3"><v>-0.25</v></c></row>',
    '<row r="9"><c r="C9"><f>SUM(A1:B2)</f><v>3</v></c><c r="D9" t="str"><f t="shared" ref="D9:D10" si="0">A9*2</f>'
    "<v>x</v></c></row>",
    '<row r="10"><c r="D10"><f t="shared" si="0"/><v>4</v></c><c r="E10" t="d"><v>2026-11-24T08:30:00</v></c></row>',
    '<row r="12"><c r="zz12"><v>5</v></c><c><v/></c><c t="s"><v>-1</v></c><c t="inlineStr"/><x><v>9</v></x></row>',
    '<row r="13"><c r="A13" t="n"><v></v></c><c r="b13"><v>1</v></c></row>',
]
BAD_ROWS = [
    '<row r="2.5"><c><v>1</v></c></row>',
    '<row r="x"><c><v>1</v></c></row>',
    '<row r="1"><c r="A1" s="粗体"><v>1</v></c></row>',
    '<row r="1"><c r="A0B"><v>1</v></c></row>',
    '<row r="1"><c r="$B$1"><v>1</v></c></row>',
    '<row r="1"><c r="AAAA1"><v>1</v></c></row>',
    '<row r="1"><c r="A1" t="s"><v>99</v></c></row>',
    '<row r="1"><c r="A1" t="b"><v>真</v></c></row>',
    '<row r="1"><c r="A1"><v>1.2.3</v></c></row>',
]


def _rows(xml: list[str]) -> list[ElementTree.Element]:
    return [ElementTree.fromstring(row.replace("<row", f'<row xmlns="{NS}"', 1)) for row in xml]


def _theirs(rows: list[ElementTree.Element], strings: list[str]) -> list[tuple[int, int, object]]:
    from openpyxl.worksheet._reader import WorkSheetParser

    parser = WorkSheetParser(None, strings)
    return [(c["row"], c["column"], c["value"]) for row in rows for c in parser.parse_row(row)[1]]


def test_rows_read_value_for_value_and_type_for_type_as_openpyxl_parses_them() -> None:
    from shizhu_desktop.interchange.xlsx_cells import _RowReader

    strings = ["共享一", "共享二"]
    reader = _RowReader(strings)
    ours = [cell for row in _rows(SHEET_ROWS) for cell in reader.read(row)]
    theirs = _theirs(_rows(SHEET_ROWS), strings)
    assert [(r, c, v, type(v)) for r, c, v in ours] == [(r, c, v, type(v)) for r, c, v in theirs]
    assert len(ours) == 20 and ("=A10*2", 4) in {(v, c) for _, c, v in ours}  # a shared formula, translated


@pytest.mark.parametrize("xml", BAD_ROWS)
def test_a_row_openpyxl_cannot_read_is_not_read_either(xml: str) -> None:
    from shizhu_desktop.interchange.xlsx_cells import _RowReader

    with pytest.raises(Exception) as theirs:
        _theirs(_rows([xml]), ["一"])
    with pytest.raises(Exception) as ours:
        _RowReader(["一"]).read(_rows([xml])[0])
    assert type(ours.value) is type(theirs.value)


def test_reading_a_report_file_does_not_load_openpyxl(tmp_path: Path) -> None:
    """Issue 13: openpyxl costs a tenth of a second per process to load; an import of report files needs none."""
    import subprocess
    import sys

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["A1"], sheet["B2"] = "绿色", 3
    path = tmp_path / "small.xlsx"
    book.save(path)
    probe = (
        "import sys, zipfile\n"
        "from shizhu_desktop.interchange.xlsx_payload import read_xlsx_payload\n"
        "from shizhu_desktop.interchange.payload import PayloadError\n"
        "try:\n    read_xlsx_payload(__import__('pathlib').Path(sys.argv[1]))\n"
        "except PayloadError as error:\n    print(error.code)\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'openpyxl', 'reportlab'}))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe, str(path)], capture_output=True, text=True, check=True)
    assert done.stdout.split("\n")[:2] == ["no_payload", "[]"]  # read through to the payload check, without them
