"""A generator of hostile and broken report files, each made from a valid export by code (no binary blobs).

Each case names the file it writes, a pattern its refusal must match, and whether it is refused by the payload
rules of issue 10 item 3 (``item3``: what 定稿 checks, interchange.payload_rules). ``make_corpus`` writes them.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import random
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from shizhu_desktop.interchange.canonical import canonical_json
from shizhu_desktop.interchange.signing import KeyPair, sign_payload
from shizhu_desktop.interchange.xlsx_payload import CHUNK, PAYLOAD_SHEET
from tests.zipcraft import Entry, pack, read_entries, repeated_bomb

#: The size a zip bomb inflates to, as in the issue: a 3 MB .xlsx that would take 3.2 GB of memory.
BOMB_SIZE = 200 * 16 * 1024 * 1024
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"


@dataclass(frozen=True)
class Case:
    name: str
    expect: str
    make: Callable[[Base, Path], None]
    item3: bool = False
    posix_only: bool = False


@dataclass
class Base:
    """The valid files every case starts from: a monthly report as .json and .xlsx, and a task list .xlsx."""

    json_path: Path
    xlsx_path: Path
    tasklist_path: Path
    #: The sending unit's own key: an edited payload signed with it passes the signature check and meets the rules.
    key: KeyPair

    @property
    def payload(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.json_path.read_text(encoding="utf-8"))
        return data

    def entries(self) -> list[Entry]:
        return read_entries(self.xlsx_path)


CASES: list[Case] = []


def case(name: str, expect: str, *, item3: bool = False, posix_only: bool = False) -> Callable[..., Any]:
    def register(make: Callable[[Base, Path], None]) -> Callable[[Base, Path], None]:
        CASES.append(Case(name, expect, make, item3, posix_only))
        return make

    return register


def reseal(payload: dict[str, Any], key: KeyPair) -> bytes:
    """A changed payload signed again and given a fresh digest: what a unit's broken or malicious program sends."""
    return canonical_json(sign_payload(payload, key))


def edited(change: Callable[[dict[str, Any]], object]) -> Callable[[Base, Path], None]:
    def make(base: Base, path: Path) -> None:
        payload = base.payload
        change(payload)
        path.write_bytes(reseal(payload, base.key))

    return make


def xlsx_with_payload_text(base: Base, path: Path, text: str) -> None:
    """The valid workbook with its payload sheet holding ``text`` (and the matching text checksum)."""
    workbook = load_workbook(base.xlsx_path)
    sheet = workbook[PAYLOAD_SHEET]
    chunks = [text[i : i + CHUNK] for i in range(0, len(text), CHUNK)] or [""]
    old = int(str(sheet["B4"].value))
    for i in range(max(old, len(chunks))):
        sheet[f"B{6 + i}"].value = chunks[i] if i < len(chunks) else None
    sheet["B4"].value = str(len(chunks))
    sheet["B3"].value = hashlib.sha256(text.encode("utf-8")).hexdigest()
    workbook.save(path)


def repacked(change: Callable[[list[Entry]], list[Entry] | None], **pack_options: Any) -> Callable[[Base, Path], None]:
    def make(base: Base, path: Path) -> None:
        entries = base.entries()
        path.write_bytes(pack(change(entries) or entries, **pack_options))

    return make


def added(*extra: Entry) -> Callable[[Base, Path], None]:
    return repacked(lambda entries: [*entries, *extra])


def each(**changes: Any) -> Callable[[Base, Path], None]:
    return repacked(lambda entries: [Entry(e.name, e.data, **changes) for e in entries])


def _part(entries: list[Entry], name: str) -> Entry:
    return next(e for e in entries if e.name == name)


def _sheet_xml(extra: str) -> Callable[[list[Entry]], None]:
    """Put ``extra`` inside the visible table sheet's <sheetData> (cells, rows, nesting)."""

    def change(entries: list[Entry]) -> None:
        sheet = _part(entries, "xl/worksheets/sheet1.xml")
        sheet.data = sheet.data.replace(b"</sheetData>", extra.encode("utf-8") + b"</sheetData>", 1)

    return change


# -- the kind of file ----------------------------------------------------------------------------------------


@case("空文件.json", "文件是空的")
def _empty(base: Base, path: Path) -> None:
    path.write_bytes(b"")


@case("管道.json", "不是普通文件（是一个管道）", posix_only=True)
def _fifo(base: Base, path: Path) -> None:
    os.mkfifo(path)


@case("设备.json", "不是普通文件（是一个设备）", posix_only=True)
def _device(base: Base, path: Path) -> None:
    path.symlink_to("/dev/zero")


@case("稀疏1GB.json", r"文件太大（1\.0 GB）")
def _sparse(base: Base, path: Path) -> None:
    with open(path, "wb") as out:
        out.truncate(1024**3)


@case("断开的链接.json", "找不到文件", posix_only=True)
def _dangling(base: Base, path: Path) -> None:
    path.symlink_to(path.with_name("并不存在的文件.json"))


@case("旧版表格.xls", r"旧版 Excel（\.xls）")
def _legacy(base: Base, path: Path) -> None:
    path.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504))


@case("任务清单被当成报表.xlsx", "这是县里下发的重点任务清单，不是报表")
def _tasklist(base: Base, path: Path) -> None:
    path.write_bytes(base.tasklist_path.read_bytes())


# -- JSON text ----------------------------------------------------------------------------------------------


@case("乱码.json", "文件内容不是文字")
def _garbage(base: Base, path: Path) -> None:
    path.write_bytes(bytes(range(256)) * 8)


@case("GBK编码.json", r"GBK（ANSI）编码")
def _gbk(base: Base, path: Path) -> None:
    path.write_bytes(json.dumps(base.payload, ensure_ascii=False).encode("gbk", "replace"))


@case("UTF16编码.json", "UTF-16")
def _utf16(base: Base, path: Path) -> None:
    path.write_bytes(json.dumps(base.payload, ensure_ascii=False).encode("utf-16"))


@case("截断.json", "不是有效的 JSON 数据")
def _truncated(base: Base, path: Path) -> None:
    raw = base.json_path.read_bytes()
    path.write_bytes(raw[: len(raw) // 2])


@case("顶层是列表.json", "这不是本程序导出的报表文件")
def _array(base: Base, path: Path) -> None:
    path.write_text(json.dumps([base.payload], ensure_ascii=False), encoding="utf-8")


@case("嵌套十万层.json", "嵌套层数过多")
def _deep(base: Base, path: Path) -> None:
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")


@case("嵌套五十层.json", "嵌套超过 20 层")
def _nested(base: Base, path: Path) -> None:
    payload = base.payload
    payload["entries"][0]["remarks"] = json.loads("[" * 50 + "]" * 50)
    path.write_bytes(canonical_json(payload))


@case("重复字段.json", "字段“period”出现了两次")
def _duplicate_key(base: Base, path: Path) -> None:
    text = base.json_path.read_text(encoding="utf-8")
    path.write_text(text[:-1] + ',"period":"2026-12"}', encoding="utf-8")


@case("五千位数字.json", "长达 5000 位的数字")
def _long_number(base: Base, path: Path) -> None:
    text = base.json_path.read_text(encoding="utf-8")
    path.write_text(text.replace('"revision":1', '"revision":' + "9" * 5000, 1), encoding="utf-8")


@case("无穷大.json", "超出了可以表示的范围")
def _infinite(base: Base, path: Path) -> None:
    text = base.json_path.read_text(encoding="utf-8")
    path.write_text(re.sub(r'"value":[0-9.]+', '"value":1e999', text, count=1), encoding="utf-8")


@case("NaN.json", "非数字的值“NaN”")
def _nan(base: Base, path: Path) -> None:
    text = base.json_path.read_text(encoding="utf-8")
    path.write_text(re.sub(r'"value":[0-9.]+', '"value":NaN', text, count=1), encoding="utf-8")


@case("残缺字符.json", "残缺字符")
def _surrogate(base: Base, path: Path) -> None:
    text = base.json_path.read_text(encoding="utf-8")
    path.write_text(text.replace('"remarks":"', '"remarks":"\\ud800', 1), encoding="utf-8")


# -- the payload: format, digest and the checks of today -----------------------------------------------------


@case("格式名不对.json", "这不是本程序导出的报表文件")
def _format(base: Base, path: Path) -> None:
    edited(lambda p: p.update(format="other-program"))(base, path)


@case("未来版本.json", "比本程序认识的版本")
def _newer(base: Base, path: Path) -> None:
    edited(lambda p: p.update(version=99))(base, path)


@case("改了内容.json", "校验码不符")
def _tampered(base: Base, path: Path) -> None:
    payload = base.payload
    payload["entries"][0]["status"] = "已完成" if payload["entries"][0]["status"] != "已完成" else "滞后"
    path.write_bytes(canonical_json(payload))


CASES.append(Case("未知单位.json", "不在本程序的单位名单中", edited(lambda p: p["unit"].update(code="500249999"))))
CASES.append(Case("未知任务.json", "任务编号 99 不在任务清单中", edited(lambda p: p["entries"][0].update(task=99))))
CASES.append(Case("状态无效.json", "推进状态“完成了”无效", edited(lambda p: p["entries"][0].update(status="完成了"))))
CASES.append(Case("期间无效.json", "报表期间“2026-13”无效", edited(lambda p: p.update(period="2026-13"))))
CASES.append(Case("季报非季末.json", "季度末月", edited(lambda p: p.update(kind="quarterly", period="2026-10"))))
CASES.append(Case("版本号为零.json", r"版本号（revision）", edited(lambda p: p.update(revision=0))))
CASES.append(Case("草稿.json", "尚未定稿的草稿", edited(lambda p: p.update(state="draft"))))
CASES.append(Case("指标是文字.json", "应为数字", edited(lambda p: p["indicators"][0].update(value="很多"))))
CASES.append(Case("重复任务.json", "出现了两次", edited(lambda p: p["entries"].append(copy.deepcopy(p["entries"][0])))))
CASES.append(Case("定稿时间乱写.json", "定稿时间", edited(lambda p: p.update(finalized_at="昨天下午"))))
CASES.append(Case("联系人不是对象.json", "联系人信息格式不对", edited(lambda p: p.update(liaison=["张三"]))))

# -- the payload: the rules of 定稿 (issue 10 item 3, interchange.payload_rules) -----------------------------

_ITEM3 = [
    ("未知字段.json", "evil", lambda p: p.update(evil="<script>")),
    ("控制字符.json", "控制字符", lambda p: p["entries"][0].update(progress="进展\x1b[31m\x00")),
    (
        "百分比超过100.json",
        "森林覆盖率",
        lambda p: p["indicators"].append({"id": "forest_coverage", "value": 150.0, "cumulative": None, "note": ""}),
    ),
    (
        "个数为负.json",
        "两品一标",
        lambda p: [i.update(value=-3.0) for i in p["indicators"] if i["id"] == "green_certified_products"],
    ),
    (
        "个数有小数.json",
        "两品一标",
        lambda p: [i.update(value=2.5) for i in p["indicators"] if i["id"] == "green_certified_products"],
    ),
    (
        "数值离谱.json",
        "高标准农田",
        lambda p: [i.update(value=1e15) for i in p["indicators"] if i["id"] == "high_standard_farmland"],
    ),
    ("文字超长.json", "字", lambda p: p["entries"][0].update(progress="长" * 100_000)),
    ("别的单位的任务.json", "任务1", lambda p: p["entries"].append({**p["entries"][0], "task": 1})),
    ("期间太远.json", "2099", lambda p: p.update(period="2099-01")),
    ("单位名称不符.json", "南宾街道", lambda p: p["unit"].update(name="南宾街道")),
    ("时间顺序颠倒.json", "时间", lambda p: p.update(first_finalized_at="2027-01-01T00:00:00+08:00")),
]
CASES.extend(Case(name, expect, edited(change), item3=True) for name, expect, change in _ITEM3)


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
    head = f'<worksheet xmlns="{_MAIN}"><sheetData><row r="1">'.encode()
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
    sheet = _part(entries, "xl/worksheets/sheet1.xml")
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
    workbook = _part(entries, "xl/workbook.xml")
    extra = b'<sheet name="Sheet2" sheetId="9" xmlns:r="%s" r:id="rId3"/></sheets>' % _REL_NS
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
        repacked(_sheet_xml("".join(f'<row r="{i}"><c r="A{i}"><v>1</v></c></row>' for i in range(100, 250_100)))),
    ),
    Case("一行三万格.xlsx", "一行过长", repacked(_sheet_xml('<row r="99">' + "<c><v>1</v></c>" * 30_000 + "</row>"))),
    Case(
        "嵌套过深的单元格.xlsx",
        "嵌套过深",
        repacked(
            _sheet_xml('<row r="99"><c r="A99" t="inlineStr"><is>' + "<r>" * 200 + "</r>" * 200 + "</is></c></row>")
        ),
    ),
    Case(
        "最远的单元格.xlsx",
        "XFD1048576单元格是导出后新加的内容",
        repacked(_sheet_xml('<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>')),
    ),
    Case(
        "坏的字符串编号.xlsx",
        "不是有效的 Excel 文件",
        repacked(_sheet_xml('<row r="99"><c r="A99" t="s"><v>99999</v></c></row>')),
    ),
    Case("坏的XML.xlsx", "不是有效的 Excel 文件", repacked(_sheet_xml("<row r=99><c>"))),
]


def _shared_strings(entries: list[Entry]) -> None:
    strings = "".join(f"<si><t>{i}</t></si>" for i in range(250_000))
    entries.append(Entry("xl/sharedStrings.xml", f'<sst xmlns="{_MAIN}">{strings}</sst>'.encode()))
    rels = _part(entries, "xl/_rels/workbook.xml.rels")
    rels.data = rels.data.replace(
        b"</Relationships>",
        b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    )


def _element_flood(entries: list[Entry]) -> None:
    # The largest part the gate lets through, made of nothing but tiny elements: memory must stay flat.
    # Random attributes, so that it does not compress well enough to be refused as a zip bomb.
    sheet = _part(entries, "xl/worksheets/sheet1.xml")
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


def make_corpus(base: Base, folder: Path, *, include_item3: bool = True) -> list[tuple[Case, Path]]:
    """Write every case (that this system can make) into ``folder``; returns the cases with their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for item in CASES:
        if (item.posix_only and sys.platform == "win32") or (item.item3 and not include_item3):
            continue
        path = folder / item.name
        item.make(base, path)
        made.append((item, path))
    return made
