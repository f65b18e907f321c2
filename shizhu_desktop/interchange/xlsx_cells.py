"""Reading the cells of an .xlsx within budgets: streamed sheet by sheet, only cell values, nothing kept but them."""

from __future__ import annotations

import posixpath
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any
from xml.etree import ElementTree

from shizhu_desktop.interchange.cellref import coordinate_to_tuple
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
    # Cells are read as openpyxl's worksheet parser reads them (_RowReader); its row loop is not used because
    # it pads missing rows and columns (a cell at XFD1048576 would make billions of empty cells).
    reader = _RowReader(strings)
    for element, parent in _stream(source, f"{MAIN}row"):
        cells = reader.read(element)
        budget[0] -= len(cells)
        if budget[0] < 0:
            raise CellBudgetError("too_many", f"文件中的单元格超过 {MAX_CELLS} 个，不是报表，不能导入。")
        yield from cells
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


_V, _F, _IS = f"{MAIN}v", f"{MAIN}f", f"{MAIN}is"


class _RowReader:
    """The values of a sheet's rows as openpyxl's ``WorkSheetParser.parse_row`` gives them (no styles, so no dates
    from number formats), without loading openpyxl: it costs a tenth of a second per process, and its cell parser
    a quarter of an import's time (issue 13). Rows and columns are counted as it counts them, and what it refuses
    is refused. Formulas and ISO dates, which no export of ours holds, are handed to openpyxl itself."""

    def __init__(self, strings: list[str]) -> None:
        self.strings = strings
        self.row = self.column = 0
        self._openpyxl: Any = None  # one per sheet: shared formulas refer back to earlier cells

    def read(self, row: ElementTree.Element) -> list[tuple[int, int, Any]]:
        number = row.get("r")
        if number is None:
            self.row += 1
        else:
            try:
                self.row = int(number)
            except ValueError:
                whole = float(number)
                if not whole.is_integer():
                    raise ValueError(f"{number} is not a valid row number") from None
                self.row = int(whole)
        self.column = 0
        return [self._cell(element) for element in row]  # every child, as openpyxl reads them

    def _cell(self, element: ElementTree.Element) -> tuple[int, int, Any]:
        kind = element.get("t", "n")
        style = element.get("s", 0)
        if style:
            int(style)  # a style number that is not a number: refused, as openpyxl refuses it
        value: Any = None if kind == "inlineStr" else (element.findtext(_V, None) or None)
        coordinate = element.get("r")
        if coordinate:
            row, column = coordinate_to_tuple(coordinate)
            self.column = column
        else:
            self.column += 1
            row, column = self.row, self.column
        if element.find(_F) is not None:
            value = self._parser().parse_formula(element)
        elif value is not None:
            if kind == "n":
                value = float(value) if "." in value or "E" in value or "e" in value else int(value)
            elif kind == "s":
                value = self.strings[int(value)]
            elif kind == "b":
                value = bool(int(value))
            elif kind == "d":
                from openpyxl.utils.datetime import from_ISO8601

                value = from_ISO8601(value)
        elif kind == "inlineStr":
            child = element.find(_IS)
            if child is not None:
                value = text_content(child)
        return row, column, value

    def _parser(self) -> Any:
        if self._openpyxl is None:
            from openpyxl.worksheet._reader import WorkSheetParser

            self._openpyxl = WorkSheetParser(None, self.strings)
        return self._openpyxl


def _stream(source: IO[bytes], tag: str) -> Iterator[tuple[ElementTree.Element, ElementTree.Element | None]]:
    """Yield each outermost ``tag`` element once complete, with its parent, which the caller clears after use.

    Every other element outside a ``tag`` element is dropped as soon as it ends; nesting and the number of
    elements held at once are limited, so memory stays bounded whatever the XML holds.
    """
    stack: list[ElementTree.Element] = []
    held = inside = other = 0
    # A pull parser fed here rather than iterparse, which wraps the same parser and queue in two more generators
    # the events pass through (a tenth of an import's time); the same 16 KB steps, so the same memory.
    parser: ElementTree.XMLPullParser[ElementTree.Element] = ElementTree.XMLPullParser(events=("start", "end"))
    while True:
        data = source.read(16 * 1024)
        if data:
            parser.feed(data)
        else:
            parser.close()  # a document cut short raises here, as in iterparse
        # Only start and end events are asked for: each comes with an element (not a namespace pair).
        events: Iterator[tuple[str, ElementTree.Element]] = parser.read_events()  # type: ignore[assignment]
        for event, element in events:
            if event == "start":
                stack.append(element)
                held += 1
                inside += element.tag == tag
                if len(stack) > MAX_DEPTH or held > MAX_HELD:
                    raise CellBudgetError(
                        "too_deep", "文件中的表格结构异常（嵌套过深或一行过长），不是报表，不能导入。"
                    )
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
                    raise CellBudgetError(
                        "too_many", "文件中有大量与表格内容无关的部分，不是本程序导出的报表，不能导入。"
                    )
        if not data:
            return
