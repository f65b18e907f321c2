"""The county's contact list read from an Excel file someone sent: checked like any file from outside."""

from __future__ import annotations

import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from shizhu_desktop.domain.profile import phone_problem
from shizhu_desktop.domain.units import MAX_ORGAN_LENGTH, Contact, UnitRegistry, UnknownUnitError

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_UNPACKED_BYTES = 40 * 1024 * 1024
MAX_ENTRIES, MAX_ROWS, MAX_COLUMNS = 300, 1000, 30
#: Longest text kept per field; longer ones are refused for that row (a name is not a paragraph).
LIMITS = {"name": 20, "phone": 30, "section": 30, "organ": MAX_ORGAN_LENGTH}
#: Header words that name each column (the first match in the first rows is the header row).
HEADERS = {
    "unit": ("单位", "单位名称", "填报单位", "单位代码"),
    "name": ("联系人", "联络人", "姓名", "联系人姓名"),
    "phone": ("联系电话", "电话", "手机", "手机号", "联系方式"),
    "section": ("责任科室", "科室", "部门"),
    "organ": ("机关名称", "印章名称", "全称"),
}


class ContactFileError(ValueError):
    """A contact list refused as a whole; the message is Chinese and says what to do."""


@dataclass
class ContactImport:
    """What a contact list file would change: the contacts read, organ names, changes in words, problems."""

    contacts: dict[str, Contact] = field(default_factory=dict)
    organs: dict[str, str] = field(default_factory=dict)
    changes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _check_container(path: Path) -> None:
    """Size, then the zip directory, before any XML is parsed."""
    if not path.is_file():
        raise ContactFileError(f"找不到文件 {path.name}，或它不是一个普通文件。")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise ContactFileError(f"{path.name} 太大（超过2MB），不像一份联系人名单：请只保留名单那一张表再导入。")
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        raise ContactFileError(
            f"{path.name} 不是Excel（.xlsx）文件，或文件已损坏：请在Excel中另存为.xlsx后再导入。"
        ) from None
    if len(entries) > MAX_ENTRIES or sum(e.file_size for e in entries) > MAX_UNPACKED_BYTES:
        raise ContactFileError(f"{path.name} 解压后内容过多，不像一份联系人名单，已拒绝导入。")
    if any(e.filename.lower().endswith("vbaproject.bin") for e in entries):
        raise ContactFileError(f"{path.name} 含有宏，已拒绝导入：请另存为不含宏的.xlsx文件。")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a phone typed as a number
    return " ".join(str(value).split())


def _header(rows: list[tuple[Any, ...]]) -> tuple[int, dict[str, int]]:
    for index, row in enumerate(rows[:10]):
        texts = [_text(v) for v in row]
        found = {key: texts.index(word) for key, words in HEADERS.items() for word in words if word in texts}
        if "unit" in found and ("name" in found or "phone" in found):
            return index, found
    raise ContactFileError("表中找不到标题行：第一行应有“单位”“联系人”“联系电话”等列名（可参照导出的联系人名单）。")


def read_contacts(
    path: Path, units: UnitRegistry, current: Mapping[str, Contact], organs: Mapping[str, str]
) -> ContactImport:
    """Read a contact list (.xlsx) and compare it with ``current``; nothing is stored here.

    The file is treated as hostile: size and zip directory first, read-only parsing, formulas never evaluated
    (a formula cell is refused, not read), texts cut to their limits refused row by row.
    """
    _check_container(path)
    from openpyxl import load_workbook  # imported on use: start-up time

    try:
        workbook = load_workbook(path, read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds on a malformed file: all mean the same to the clerk
        raise ContactFileError(f"{path.name} 无法读取：请在Excel中打开检查后另存为.xlsx再导入。") from None
    try:
        sheet = workbook.worksheets[0]
        rows = [tuple(cell for cell in row) for row in sheet.iter_rows(max_row=MAX_ROWS + 10, max_col=MAX_COLUMNS)]
    finally:
        workbook.close()
    header, columns = _header([tuple(c.value for c in row) for row in rows])
    result = ContactImport()
    for number, row in enumerate(rows[header + 1 :], header + 2):
        _read_row(row, number, columns, units, result)
    _describe(result, units, current, organs)
    return result


def _read_row(
    row: tuple[Any, ...], number: int, columns: dict[str, int], units: UnitRegistry, out: ContactImport
) -> None:
    values: dict[str, str] = {}
    for key, column in columns.items():
        cell = row[column] if column < len(row) else None
        if cell is not None and getattr(cell, "data_type", "") == "f":
            out.problems.append(f"第{number}行的“{HEADERS[key][0]}”是公式，没有读取：请改为文字。")
            return
        values[key] = _text(cell.value if cell is not None else None)
    if not any(values.values()):
        return
    try:
        unit = units.find(values.get("unit", ""))
    except UnknownUnitError as exc:
        out.problems.append(f"第{number}行：{exc}")
        return
    for key, limit in LIMITS.items():
        if len(values.get(key, "")) > limit:
            out.problems.append(f"第{number}行（{unit.name}）的“{HEADERS[key][0]}”超过{limit}个字，这一行没有导入。")
            return
    phone = values.get("phone", "")
    if phone and phone_problem(phone):
        out.problems.append(f"第{number}行（{unit.name}）的电话“{phone}”格式不对，这一行没有导入。")
        return
    out.contacts[unit.code] = Contact(unit.code, values.get("name", ""), phone, values.get("section", ""))
    if values.get("organ"):
        out.organs[unit.code] = values["organ"]


def _describe(
    out: ContactImport, units: UnitRegistry, current: Mapping[str, Contact], organs: Mapping[str, str]
) -> None:
    for code, contact in out.contacts.items():
        name = units.by_code(code).name
        before = current.get(code)
        if before is None or before.is_empty:
            out.changes.append(f"{name}：新增联系人 {_who(contact)}")
        elif (before.name, before.phone, before.section) != (contact.name, contact.phone, contact.section):
            out.changes.append(f"{name}：联系人 {_who(before)} → {_who(contact)}")
    for code, organ in out.organs.items():
        unit = units.by_code(code)
        if organ != organs.get(code, unit.organ_name):
            out.changes.append(f"{unit.name}：机关名称改为“{organ}”")


def _who(contact: Contact) -> str:
    return " ".join(part for part in (contact.name, contact.phone, contact.section) if part) or "（空）"
