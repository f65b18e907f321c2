"""Reporting units: the 33 townships, the county departments and the receiving office, with their organ names."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, NamedTuple

from shizhu_desktop.domain.schema import DataFileError, require

KIND_SUBDISTRICT, KIND_TOWN, KIND_TOWNSHIP, KIND_DEPARTMENT, KIND_OFFICE = "街道", "镇", "乡", "县级部门", "督查机关"
TOWNSHIP_KINDS = (KIND_SUBDISTRICT, KIND_TOWN, KIND_TOWNSHIP)
#: The order in which units are grouped in lists.
KIND_ORDER = (*TOWNSHIP_KINDS, KIND_DEPARTMENT)
#: The organ that governs a township-level unit, by kind (domain §4): what its seal says after its name.
ORGAN_SUFFIX = {KIND_SUBDISTRICT: "办事处", KIND_TOWN: "人民政府", KIND_TOWNSHIP: "人民政府"}
MAX_ORGAN_LENGTH = 40


class Unit(NamedTuple):
    code: str
    name: str
    kind: str
    #: The organ name on the seal (西沱镇人民政府, 南宾街道办事处); empty: derived from the name and kind.
    organ: str = ""

    @property
    def is_township(self) -> bool:
        return self.kind in TOWNSHIP_KINDS

    @property
    def organ_name(self) -> str:
        """What titles, 落款 and signature lines print: 西沱镇人民政府; a department as it is named."""
        return self.organ or self.name + ORGAN_SUFFIX.get(self.kind, "")


class Contact(NamedTuple):
    """A unit's liaison as the county's contact list (联系人名单) has it."""

    unit_code: str
    name: str = ""
    phone: str = ""
    section: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.name or self.phone or self.section)


def organ_problem(text: str) -> str:
    """'' for a usable organ name, else a Chinese sentence saying what to enter."""
    cleaned = text.strip()
    if not cleaned:
        return "请填写机关名称（印章上的名称，例如“西沱镇人民政府”）。"
    if len(cleaned) > MAX_ORGAN_LENGTH:
        return f"机关名称太长：最多{MAX_ORGAN_LENGTH}个字。"
    if any(ch in cleaned for ch in "\n\r\t"):
        return "机关名称只能写一行。"
    return ""


def with_organs(unit: Unit, organs: Mapping[str, str]) -> Unit:
    """``unit`` with the organ name edited on this PC, when there is one."""
    organ = organs.get(unit.code, "").strip()
    return unit._replace(organ=organ) if organ and organ != unit.organ else unit


class UnknownUnitError(LookupError):
    """No unit of that name or code; the message is Chinese."""


class UnitRegistry:
    """All known units, looked up by code or name."""

    def __init__(self, units: Iterable[Unit], receiving_office: Unit, version: str = "", copy_to: str = "") -> None:
        self._units = list(units)
        self.receiving_office = receiving_office
        self.version = version
        #: Who receives a copy of the county's 通报 (its 版记: 抄送…), as the office keeps it in the unit list.
        self.copy_to = copy_to
        self._by_code = {u.code: u for u in self._units}
        self._by_name = {u.name: u for u in self._units}
        if len(self._by_code) != len(self._units) or len(self._by_name) != len(self._units):
            raise DataFileError("单位名单中有重复的代码或名称。")

    def __iter__(self) -> Iterator[Unit]:
        return iter(self._units)

    def __len__(self) -> int:
        return len(self._units)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def get(self, code: str) -> Unit | None:
        return self._by_code.get(code)

    def by_code(self, code: str) -> Unit:
        try:
            return self._by_code[code]
        except KeyError:
            raise UnknownUnitError(f"单位代码“{code}”不在单位名单中。") from None

    def find(self, name_or_code: str) -> Unit:
        """A unit by exact code or name; a unique partial name match is accepted too."""
        key = name_or_code.strip()
        if key in self._by_code:
            return self._by_code[key]
        if key in self._by_name:
            return self._by_name[key]
        matches = [u for u in self._units if key and key in u.name]
        if len(matches) == 1:
            return matches[0]
        if matches:
            names = "、".join(u.name for u in matches[:6])
            raise UnknownUnitError(f"“{key}”对应多个单位（{names}），请写全称或代码。")
        raise UnknownUnitError(f"找不到单位“{key}”：请用 units 命令查看单位名单，写全称或代码。")

    def townships(self) -> list[Unit]:
        return [u for u in self._units if u.is_township]

    def departments(self) -> list[Unit]:
        return [u for u in self._units if u.kind == KIND_DEPARTMENT]

    def grouped(self) -> dict[str, list[Unit]]:
        """Units grouped 街道 / 镇 / 乡 / 县级部门, in list order."""
        return {kind: [u for u in self._units if u.kind == kind] for kind in KIND_ORDER}


def units_from_dict(data: Any) -> UnitRegistry:
    """Build the registry from the parsed ``units.json``; raise :class:`DataFileError` on a bad shape."""
    where = "单位名单"
    if require(data, "format", str, where) != "shizhu-units":
        raise DataFileError("这不是单位名单文件（format 应为 shizhu-units）。")
    units = []
    for i, item in enumerate(require(data, "units", list, where), 1):
        at = f"单位名单第{i}项"
        kind = require(item, "kind", str, at)
        if kind not in KIND_ORDER:
            raise DataFileError(f"{at}的类别“{kind}”无效：应为{'、'.join(KIND_ORDER)}之一。")
        organ = require(item, "organ", str, at, optional=True) or ""
        units.append(Unit(require(item, "code", str, at), require(item, "name", str, at), kind, organ))
    office = require(data, "receiving_office", dict, where)
    receiving = Unit(
        require(office, "code", str, "报送机关"),
        require(office, "name", str, "报送机关"),
        KIND_OFFICE,
        require(office, "organ", str, "报送机关", optional=True) or "",
    )
    copy_to = require(office, "copy_to", str, "报送机关", optional=True) or ""
    return UnitRegistry(units, receiving, str(data.get("version", "")), copy_to)
