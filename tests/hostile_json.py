"""Hostile files, part 1: the kind of file, its text as JSON, and payloads that break a check."""

from __future__ import annotations

import copy
import json
import os
import re
from pathlib import Path

from shizhu_desktop.interchange.canonical import canonical_json
from tests.hostile_base import CASES, Base, Case, case, edited

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
