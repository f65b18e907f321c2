"""The catalog and unit data files: complete, consistent, and refused with a clear message when broken."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from shizhu_desktop.datafiles import load_catalog, load_units
from shizhu_desktop.domain.catalog import catalog_from_dict
from shizhu_desktop.domain.schema import DataFileError
from shizhu_desktop.domain.units import UnknownUnitError, units_from_dict
from shizhu_desktop.paths import resources_dir

# domain.md §3: every quantitative target, as (part of the indicator name, target value, scope).
TARGETS = [
    ("战略性新兴产业", 25, "county"),
    ("高技术产业", 15, "county"),
    ("数字经济", 15, "county"),
    ("非化石能源", 20, "county"),
    ("大宗工业固体废物", 65, "county"),
    ("森林覆盖率", 62, "county"),
    ("优良天数", 350, "county"),
    ("两品一标", 160, "units"),
    ("测土配方", 93.5, "county"),
    ("畜禽粪污", 84, "county"),
    ("水产养殖尾水", 98, "county"),
    ("化肥利用率", 40, "county"),
    ("高标准农田", 12.93, "units"),
    ("高效节水灌溉", 0.5, "units"),
    ("森林生态标志", 1, "county"),
    ("绿色饭店", 1, "county"),
    ("新能源公交车", 100, "county"),
    ("透水砖", 100, "county"),
    ("风电装机", 26, "county"),
    ("老旧小区污水", 12, "units"),
    ("垃圾收运系统", 10, "units"),
    ("原生生活垃圾填埋", 0, "county"),
    ("危险废物利用存储", 2500, "county"),
    ("医疗废物处置", 5, "county"),
    ("充电站", 18, "units"),
    ("充电桩", 80, "units"),
    ("废旧路面材料", 100, "county"),
    ("绿色建筑", 68, "county"),
    ("巩固美丽宜居乡村", 31, "units"),
    ("新建美丽宜居乡村", 25, "units"),
]

TOWNSHIPS = {
    "500240001": "南宾街道",
    "500240002": "万安街道",
    "500240003": "下路街道",
    "500240101": "西沱镇",
    "500240103": "悦崃镇",
    "500240104": "临溪镇",
    "500240105": "黄水镇",
    "500240106": "马武镇",
    "500240107": "沙子镇",
    "500240108": "王场镇",
    "500240109": "沿溪镇",
    "500240110": "龙沙镇",
    "500240111": "鱼池镇",
    "500240112": "三河镇",
    "500240113": "大歇镇",
    "500240114": "桥头镇",
    "500240115": "万朝镇",
    "500240116": "冷水镇",
    "500240117": "黄鹤镇",
    "500240118": "枫木镇",
    "500240203": "黎场乡",
    "500240204": "三星乡",
    "500240205": "六塘乡",
    "500240207": "三益乡",
    "500240208": "王家乡",
    "500240209": "河嘴乡",
    "500240210": "石家乡",
    "500240213": "中益乡",
    "500240214": "洗新乡",
    "500240216": "龙潭乡",
    "500240217": "新乐乡",
    "500240218": "金铃乡",
    "500240219": "金竹乡",
}


def _raw_catalog() -> dict[str, Any]:
    return json.loads((resources_dir() / "catalog.json").read_text(encoding="utf-8"))


def test_catalog_has_the_policy_structure() -> None:
    catalog = load_catalog()
    assert len(catalog.sections) == 6
    assert [t.number for t in catalog.tasks] == list(range(1, 24))
    assert catalog.sections[0].heading == "（一）健全绿色低碳循环发展的生产体系"
    assert catalog.task(8).title == "加强再生资源回收利用"
    assert catalog.section_of(15).title == "加快基础设施绿色升级"
    # The full paragraph is kept, and the measures are split out of it.
    assert "年产200万平方米生态透水砖项目" in catalog.task(8).text
    assert any("零填埋" in m for m in catalog.task(13).measures)


@pytest.mark.parametrize(("fragment", "value", "scope"), TARGETS)
def test_every_target_of_the_policy_is_an_indicator(fragment: str, value: float, scope: str) -> None:
    catalog = load_catalog()
    matches = [i for i in catalog.indicators if fragment in i.name]
    assert matches, fragment
    indicator = matches[0]
    assert indicator.scope == scope
    assert any(t.value == value for t in indicator.targets)
    assert catalog.has_task(indicator.task)


def test_qualitative_target_is_kept() -> None:
    indicator = next(i for i in load_catalog().indicators if "单位GDP能耗" in i.name)
    assert indicator.kind == "qualitative" and "国家下达" in indicator.targets[0].text


def test_units_are_exact() -> None:
    units = load_units()
    townships = {u.code: u.name for u in units.townships()}
    assert townships == TOWNSHIPS
    kinds = [u.kind for u in units.townships()]
    assert (kinds.count("街道"), kinds.count("镇"), kinds.count("乡")) == (3, 17, 13)
    departments = units.departments()
    assert len(departments) >= 30 and departments[0].code == "D01"
    assert units.receiving_office.name == "县政府督查办"
    assert units.find("500240216").name == "龙潭乡"
    assert units.find("龙潭").name == "龙潭乡"
    with pytest.raises(UnknownUnitError, match="对应多个单位"):
        units.find("黄")
    with pytest.raises(UnknownUnitError, match="找不到单位"):
        units.find("不存在乡")


def test_default_assignment_reaches_every_township_and_department_leads() -> None:
    catalog, units = load_catalog(), load_units()
    for township in units.townships():
        assert catalog.default_tasks_for(township.code), township.name
    assert all(t.assignment_is_default for t in catalog.tasks)
    assert units.by_code(catalog.task(21).lead_unit).name == "县金融办"
    nanbin = catalog.indicators_for_unit("500240001", catalog.default_tasks_for("500240001"))
    # A township reports its own part of unit-scope targets, not county figures led elsewhere.
    assert {i.scope for i in nanbin} == {"units"}
    forestry = catalog.indicators_for_unit("D24", catalog.default_tasks_for("D24"))
    assert any(i.name == "森林覆盖率" for i in forestry)


def test_a_later_target_year_is_just_data() -> None:
    data = _raw_catalog()
    ind = next(i for i in data["indicators"] if i["id"] == "forest_coverage")
    ind["targets"].append(
        {
            "value": 63,
            "comparator": ">=",
            "end_year": 2030,
            "start_year": 2026,
            "recurring": False,
            "text": "到2030年达到63%",
        }
    )
    catalog = catalog_from_dict(data)
    forest = catalog.indicator("forest_coverage")
    assert forest.target_for(2025).value == 62  # type: ignore[union-attr]
    assert forest.target_for(2027).value == 63  # type: ignore[union-attr]
    assert forest.target_for(2027).year_label == "“十五五”"  # type: ignore[union-attr]
    assert forest.completion(59.85, None, 2027) == 95.0


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda d: d.pop("tasks"), "缺少“tasks”"),
        (lambda d: d["tasks"][2].__setitem__("title", 5), "第3项任务的“title”类型不对"),
        (lambda d: d["tasks"].append(copy.deepcopy(d["tasks"][0])), "重复的任务编号"),
        (lambda d: d["indicators"][0].__setitem__("scope", "city"), "范围“city”无效"),
        (lambda d: d["indicators"][0]["targets"][0].pop("value"), "缺少目标值"),
        (lambda d: d["indicators"][0].__setitem__("task", 99), "所属任务99不存在"),
        (lambda d: d.__setitem__("format", "x"), "不是任务清单文件"),
    ],
)
def test_broken_catalog_is_refused_with_a_clear_message(damage: Any, message: str) -> None:
    data = _raw_catalog()
    damage(data)
    with pytest.raises(DataFileError, match=message):
        catalog_from_dict(data)


def test_unknown_unit_in_assignment_is_refused() -> None:
    data = _raw_catalog()
    data["tasks"][0]["lead_unit"] = "D99"
    with pytest.raises(DataFileError, match="D99"):
        catalog_from_dict(data, {u.code for u in load_units()})


def test_broken_units_file_is_refused(tmp_path: Path) -> None:
    data = json.loads((resources_dir() / "units.json").read_text(encoding="utf-8"))
    data["units"][0]["kind"] = "村"
    with pytest.raises(DataFileError, match="类别“村”无效"):
        units_from_dict(data)
    bad = tmp_path / "units.json"
    bad.write_text("{not json", encoding="utf-8")
    load_units.cache_clear()
    with pytest.raises(DataFileError, match="已损坏"):
        load_units(bad)
    load_units.cache_clear()
