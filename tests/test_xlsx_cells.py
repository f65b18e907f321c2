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
