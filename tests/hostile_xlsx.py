"""Hostile files, part 2: the .xlsx container (zip tricks and bombs), its cells, and its payload sheet."""

from __future__ import annotations

import json
import random
from pathlib import Path

from openpyxl import load_workbook

from shizhu_desktop.interchange.xlsx_payload import PAYLOAD_SHEET
from tests.hostile_base import (
    BOMB_SIZE,
    CASES,
    MAIN_NS,
    REL_NS,
    Base,
    Case,
    added,
    case,
    each,
    part,
    repacked,
    sheet_xml,
    xlsx_with_payload_text,
)
from tests.zipcraft import Entry, pack, read_entries, repeated_bomb

# -- the xlsx container -------------------------------------------------------------------------------------


@case("不是压缩包.xlsx", "不是有效的 Excel 文件")
def _not_zip(base: Base, path: Path) -> None:
    path.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 16)


@case("截断的表格.xlsx", "不完整、已损坏")
def _cut(base: Base, path: Path) -> None:
    raw = base.xlsx_path.read_bytes()
    path.write_bytes(raw[: len(raw) // 2])


CASES.append(
    Case("不是工作簿的压缩包.xlsx", "缺少工作簿的必要部分", repacked(lambda es: [Entry("说明.txt", b"hello")]))
)


@case("压缩炸弹3.2GB.xlsx", r"解压后有 3\d{3} MB")
def _bomb(base: Base, path: Path) -> None:
    # The table sheet itself, 3.2 GB of well-formed cells: a parser that started on it would not stop.
    chunk = b"<c/>" * (4 * 1024 * 1024)
    head = f'<worksheet xmlns="{MAIN_NS}"><sheetData><row r="1">'.encode()
    stream, crc, size = repeated_bomb(head, chunk, BOMB_SIZE // len(chunk), b"</row></sheetData></worksheet>")
    entries = [e for e in base.entries() if e.name != "xl/worksheets/sheet1.xml"]
    entries.insert(0, Entry("xl/worksheets/sheet1.xml", raw=stream, crc=crc, size=size))
    path.write_bytes(pack(entries))


@case("谎报大小.xlsx", "无法解压")
def _lying_size(base: Base, path: Path) -> None:
    # The directory says 1,000 bytes; the data inflates to 16 MB: the reader stops at the size it was told.
    stream, crc, _size = repeated_bomb(b"<a>", b"x" * 1024 * 1024, 16, b"</a>")
    entries = base.entries()
    entries.insert(0, Entry("xl/theme/theme2.xml", raw=stream, crc=crc, size=1000))
    path.write_bytes(pack(entries))


CASES += [
    Case("部件过多.xlsx", "个部件", added(*(Entry(f"xl/x{i}.txt", b"") for i in range(2000)))),
    Case("目录外路径.xlsx", "绝对路径或“..”", added(Entry("../../evil.xml", b"<a/>"))),
    Case("绝对路径.xlsx", "绝对路径或“..”", added(Entry("/etc/cron.d/evil", b"x"))),
    Case(
        "带宏.xlsx", "宏、控件、嵌入对象或外部链接（xl/vbaProject.bin）", added(Entry("xl/vbaProject.bin", b"\xd0\xcf"))
    ),
    Case("XLM宏表.xlsx", "macrosheets", added(Entry("xl/macrosheets/sheet1.xml", b"<a/>"))),
    Case("外部链接.xlsx", "externalLink1", added(Entry("xl/externalLinks/externalLink1.xml", b"<externalLink/>"))),
    Case("嵌入对象.xlsx", "oleObject1", added(Entry("xl/embeddings/oleObject1.bin", b"x"))),
    Case("加密的部件.xlsx", "加密", each(flags=1)),
    Case("少见的压缩方式.xlsx", "Excel 不用的压缩方式", each(method=12)),
    Case("同名部件.xlsx", "两个同名的部件", added(Entry("xl/workbook.xml", b"<workbook/>"))),
    Case("校验和不对.xlsx", "无法解压", each(crc=1)),
    Case("谎报部件数.xlsx", "个部件", repacked(lambda es: None, total=65000)),
]


def _entity_bomb(entries: list[Entry]) -> None:
    laughs = '<!DOCTYPE x [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)
    )
    sheet = part(entries, "xl/worksheets/sheet1.xml")
    sheet.data = (laughs + "]>").encode("utf-8") + sheet.data.split(b"?>", 1)[-1]


def _external_target(entries: list[Entry]) -> None:
    rels = Entry(
        "xl/worksheets/_rels/sheet1.xml.rels",
        b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"'
        b' Target="file://attacker/share/x.exe" TargetMode="External"/></Relationships>',
    )
    entries.append(rels)


def _extra_sheet(entries: list[Entry]) -> None:
    workbook = part(entries, "xl/workbook.xml")
    extra = b'<sheet name="Sheet2" sheetId="9" xmlns:r="%s" r:id="rId3"/></sheets>' % REL_NS
    workbook.data = workbook.data.replace(b"</sheets>", extra, 1)


CASES += [
    Case("实体炸弹.xlsx", "文档类型定义（DTD）", repacked(_entity_bomb)),
    Case("外部目标.xlsx", "指向外部文件或网址的链接", repacked(_external_target)),
    Case("多了工作表.xlsx", "本程序不会导出的工作表“Sheet2”", repacked(_extra_sheet)),
]

# -- the cells of the xlsx ----------------------------------------------------------------------------------

CASES += [
    Case(
        "十万行.xlsx",
        "单元格超过",
        repacked(sheet_xml("".join(f'<row r="{i}"><c r="A{i}"><v>1</v></c></row>' for i in range(100, 250_100)))),
    ),
    Case("一行三万格.xlsx", "一行过长", repacked(sheet_xml('<row r="99">' + "<c><v>1</v></c>" * 30_000 + "</row>"))),
    Case(
        "嵌套过深的单元格.xlsx",
        "嵌套过深",
        repacked(
            sheet_xml('<row r="99"><c r="A99" t="inlineStr"><is>' + "<r>" * 200 + "</r>" * 200 + "</is></c></row>")
        ),
    ),
    Case(
        "最远的单元格.xlsx",
        "XFD1048576单元格是导出后新加的内容",
        repacked(sheet_xml('<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>')),
    ),
    Case(
        "坏的字符串编号.xlsx",
        "不是有效的 Excel 文件",
        repacked(sheet_xml('<row r="99"><c r="A99" t="s"><v>99999</v></c></row>')),
    ),
    Case("坏的XML.xlsx", "不是有效的 Excel 文件", repacked(sheet_xml("<row r=99><c>"))),
]


def _shared_strings(entries: list[Entry]) -> None:
    strings = "".join(f"<si><t>{i}</t></si>" for i in range(250_000))
    entries.append(Entry("xl/sharedStrings.xml", f'<sst xmlns="{MAIN_NS}">{strings}</sst>'.encode()))
    rels = part(entries, "xl/_rels/workbook.xml.rels")
    rels.data = rels.data.replace(
        b"</Relationships>",
        b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    )


def _element_flood(entries: list[Entry]) -> None:
    # The largest part the gate lets through, made of nothing but tiny elements: memory must stay flat.
    # Random attributes, so that it does not compress well enough to be refused as a zip bomb.
    sheet = part(entries, "xl/worksheets/sheet1.xml")
    noise = random.Random(10).randbytes((7 * 1024 * 1024 - len(sheet.data)) // 16).hex()
    flood = "".join(f'<x a="{noise[i : i + 8]}"/>' for i in range(0, len(noise), 8)).encode()
    sheet.data = sheet.data.replace(b"<sheetData>", b"<sheetData>" + flood, 1)


@case("塞满垃圾的任务清单.xlsx", "这是县里下发的重点任务清单，不是报表")
def _tasklist_flood(base: Base, path: Path) -> None:
    # A report import tries a refused workbook as a task list, whose reader loads it whole: that path is budgeted too.
    entries = read_entries(base.tasklist_path)
    _element_flood(entries)
    path.write_bytes(pack(entries))


CASES += [
    Case("二十五万段文字.xlsx", "文字超过", repacked(_shared_strings)),
    Case("七百万字节的元素.xlsx", "大量与表格内容无关的部分", repacked(_element_flood)),
]


@case("没有数据页.xlsx", "没有报表数据")
def _no_payload(base: Base, path: Path) -> None:
    workbook = load_workbook(base.xlsx_path)
    del workbook[PAYLOAD_SHEET]
    workbook.save(path)


@case("数据页被改.xlsx", "数据内容与其校验码不符")
def _payload_cell(base: Base, path: Path) -> None:
    workbook = load_workbook(base.xlsx_path)
    sheet = workbook[PAYLOAD_SHEET]
    sheet["B6"].value = str(sheet["B6"].value).replace("2026-10", "2026-12", 1)
    workbook.save(path)


@case("数据页重复字段.xlsx", "出现了两次")
def _payload_duplicate(base: Base, path: Path) -> None:
    text = json.dumps(base.payload, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    xlsx_with_payload_text(base, path, text[:-1] + ',"kind":"quarterly"}')


@case("表格被改.xlsx", "导出后被改动过")
def _visible_cell(base: Base, path: Path) -> None:
    workbook = load_workbook(base.xlsx_path)
    sheet = workbook.worksheets[0]
    sheet["A1"].value = "被改过的标题"
    workbook.save(path)
