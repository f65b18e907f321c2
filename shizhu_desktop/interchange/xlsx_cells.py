"""Reading the cells of an .xlsx within budgets: streamed sheet by sheet, only cell values, nothing kept but them."""

from __future__ import annotations

import posixpath
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any
from xml.etree import ElementTree

from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.worksheet._reader import FORMULA_TAG, INLINE_STRING, WorkSheetParser

from shizhu_desktop.interchange.payload import PayloadError

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
#: A report has a few thousand cells; a sheet of a million is an attack on memory, not a report.
MAX_CELLS = 200_000
MAX_STRINGS = 200_000
#: Our XML nests six levels (worksheet, sheetData, row, c, is, t); rich text a little more.
MAX_DEPTH = 24
#: Elements kept in memory at once (one row and its cells, or one shared string).
MAX_HELD = 20_000
#: Elements outside the rows (column widths, merged cells, margins…): a few hundred in a sheet Excel saved.
MAX_OTHER = 50_000
_MAX_META_XML = 1024 * 1024  # workbook.xml and its relationships


@dataclass
class SheetCells:
    """The non-empty cells of one sheet: {(row, column): value} with openpyxl's value types."""

    title: str
    state: str
    cells: dict[tuple[int, int], Any] = field(default_factory=dict)


class CellBudgetError(PayloadError):
    """More cells, strings or nesting than a report can have."""


def read_cells(archive: zipfile.ZipFile) -> list[SheetCells]:
    """Every worksheet of ``archive`` with its cell values, in the workbook's order.

    Sheets are parsed as streams (``iterparse``) and elements are dropped as soon as they are read, so memory
    is bounded by the budgets above whatever the file holds. Raises :class:`PayloadError`.
    """
    with warnings.catch_warnings():
        # openpyxl warns about cells it cannot convert (a date out of range): the payload check refuses them.
        warnings.simplefilter("ignore")
        sheets, strings_path = _workbook(archive)
        strings = _shared_strings(archive, strings_path) if strings_path else []
        result = []
        budget = [MAX_CELLS]
        for title, state, target in sheets:
            found = SheetCells(title, state)
            if target is not None:
                with archive.open(target) as source:
                    for row, column, value in _sheet_cells(source, strings, budget):
                        if value is not None:
                            found.cells[(row, column)] = value
            result.append(found)
        return result


def _meta(archive: zipfile.ZipFile, name: str) -> ElementTree.Element | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > _MAX_META_XML:
        raise CellBudgetError("damaged", "工作簿的目录部分大得异常，不能导入。")
    return ElementTree.fromstring(archive.read(info))


def _workbook(archive: zipfile.ZipFile) -> tuple[list[tuple[str, str, str | None]], str | None]:
    """(title, state, part name) of each sheet, and the shared strings part, from workbook.xml and its rels."""
    root = _meta(archive, "xl/workbook.xml")
    rels = _meta(archive, "xl/_rels/workbook.xml.rels")
    names = {i.filename for i in archive.infolist()}
    targets: dict[str, str] = {}
    strings_path: str | None = None
    for rel in rels.iter(f"{_PKG_REL}Relationship") if rels is not None else ():
        target = _resolve(rel.get("Target", ""))
        targets[rel.get("Id", "")] = target
        if rel.get("Type", "").endswith("/sharedStrings") and target in names:
            strings_path = target
    sheets = []
    for sheet in root.iter(f"{MAIN}sheet") if root is not None else ():
        part = targets.get(sheet.get(f"{_REL}id", ""))
        sheets.append((sheet.get("name", ""), sheet.get("state", "visible"), part if part in names else None))
    return sheets, strings_path


def _resolve(target: str) -> str:
    # Targets are relative to xl/ (worksheets/sheet1.xml) or absolute in the package (/xl/worksheets/…).
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join("xl", target))


def _shared_strings(archive: zipfile.ZipFile, name: str) -> list[str]:
    strings: list[str] = []
    with archive.open(name) as source:
        for element, parent in _stream(source, f"{MAIN}si"):
            if len(strings) >= MAX_STRINGS:
                raise CellBudgetError("too_many", f"文件中的文字超过 {MAX_STRINGS} 段，不是报表，不能导入。")
            strings.append(text_content(element).replace("x005F_", ""))
            if parent is not None:
                parent.clear()
    return strings


def _sheet_cells(source: IO[bytes], strings: list[str], budget: list[int]) -> Iterator[tuple[int, int, Any]]:
    # openpyxl's own cell parser gives the same value types as load_workbook; its row loop is not used because
    # it pads missing rows and columns (a cell at XFD1048576 would make billions of empty cells).
    parser = _CellParser(source, strings)
    for element, parent in _stream(source, f"{MAIN}row"):
        _row, cells = parser.parse_row(element)
        budget[0] -= len(cells)
        if budget[0] < 0:
            raise CellBudgetError("too_many", f"文件中的单元格超过 {MAX_CELLS} 个，不是报表，不能导入。")
        for cell in cells:
            yield cell["row"], cell["column"], cell["value"]
        if parent is not None:
            parent.clear()


_T, _RUN = f"{MAIN}t", f"{MAIN}r"


def text_content(node: ElementTree.Element) -> str:
    """The text of a string item (``<si>`` or ``<is>``) as openpyxl's ``Text.from_tree(node).content`` gives it:
    the plain ``<t>``, then each formatted run's ``<t>`` (phonetic guides left out; the last ``<t>`` counts)."""
    plain: str | None = None
    runs: list[str] = []
    for child in node:
        if child.tag == _T:
            plain = child.text
        elif child.tag == _RUN:
            text = None
            for part in child:
                if part.tag == _T:
                    text = part.text
            if text is not None:
                runs.append(text)
    return (plain or "") + "".join(runs)


class _CellParser(WorkSheetParser):  # type: ignore[misc]  # openpyxl has no type hints
    """openpyxl's cell parser, except that an inline string's text is read directly: openpyxl builds a rich-text
    object for each one, two thirds of an import's time (issue 13). The value is the same; so are the row and
    column (counted as openpyxl counts them) and the refusal of a style number that is not a number."""

    def parse_cell(self, element: ElementTree.Element) -> dict[str, Any]:
        if element.get("t") != "inlineStr" or element.find(FORMULA_TAG) is not None:
            return dict(super().parse_cell(element))
        style_id = element.get("s", 0)
        if style_id:
            int(style_id)
        coordinate = element.get("r")
        if coordinate:
            row, column = coordinate_to_tuple(coordinate)
            self.col_counter = column
        else:
            self.col_counter += 1
            row, column = self.row_counter, self.col_counter
        child = element.find(INLINE_STRING)
        return {"row": row, "column": column, "value": text_content(child) if child is not None else None}


def _stream(source: IO[bytes], tag: str) -> Iterator[tuple[ElementTree.Element, ElementTree.Element | None]]:
    """Yield each outermost ``tag`` element once complete, with its parent, which the caller clears after use.

    Every other element outside a ``tag`` element is dropped as soon as it ends; nesting and the number of
    elements held at once are limited, so memory stays bounded whatever the XML holds.
    """
    stack: list[ElementTree.Element] = []
    held = inside = other = 0
    for event, element in ElementTree.iterparse(source, events=("start", "end")):
        if event == "start":
            stack.append(element)
            held += 1
            inside += element.tag == tag
            if len(stack) > MAX_DEPTH or held > MAX_HELD:
                raise CellBudgetError("too_deep", "文件中的表格结构异常（嵌套过深或一行过长），不是报表，不能导入。")
            continue
        stack.pop()
        parent = stack[-1] if stack else None
        if element.tag == tag:
            inside -= 1
            if inside == 0:
                yield element, parent
                held = len(stack)
        elif inside == 0 and parent is not None:
            parent.clear()  # not needed (column widths, margins, anything unknown): drop it at once
            held = len(stack)
            other += 1
            if other > MAX_OTHER:
                raise CellBudgetError("too_many", "文件中有大量与表格内容无关的部分，不是本程序导出的报表，不能导入。")
