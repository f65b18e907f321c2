"""The task catalog: the policy's 6 sections, 23 tasks, their measures, assignments and indicators."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

from shizhu_desktop.domain.schema import DataFileError, require

SCOPE_COUNTY, SCOPE_UNITS = "county", "units"
SCOPE_LABELS = {SCOPE_COUNTY: "全县", SCOPE_UNITS: "各单位合计"}
INDICATOR_KINDS = {"percent": "百分比", "count": "个数", "quantity": "数量", "qualitative": "定性"}
COMPARATORS = {">=": "不低于", "<=": "不高于", "=": "等于", "qualitative": "定性目标"}
#: Keys of a task's ``unit_measures`` that stand for every township-level unit or every department.
TOWNSHIP_GROUP, DEPARTMENT_GROUP = "乡镇（街道）", "县级部门"


class Section(NamedTuple):
    number: int
    label: str
    title: str
    tasks: tuple[int, ...]

    @property
    def heading(self) -> str:
        return f"{self.label}{self.title}"


class Task(NamedTuple):
    number: int
    section: int
    title: str
    text: str
    measures: tuple[str, ...]
    lead_unit: str
    responsible_units: tuple[str, ...]
    assignment_is_default: bool = True
    #: The measures (1-based numbers) that concern a unit, as the county set them: unit code → numbers.
    unit_measures: tuple[tuple[str, tuple[int, ...]], ...] = ()

    @property
    def heading(self) -> str:
        return f"{self.number}．{self.title}"

    def involves(self, unit_code: str) -> bool:
        return unit_code == self.lead_unit or unit_code in self.responsible_units

    def measures_for(self, unit_code: str, unit_name: str = "", township: bool = False) -> tuple[str, ...]:
        """The measures that concern a unit, in the policy's order: those the county set for the unit, else for
        its group (乡镇（街道）/县级部门), else those naming it, else the first.

        A township's name is matched without its 镇/乡/街道 (the policy writes 西沱、南宾 …).
        """
        chosen = dict(self.unit_measures)
        numbers = set(chosen.get(unit_code) or chosen.get(TOWNSHIP_GROUP if township else DEPARTMENT_GROUP) or ())
        if not numbers:
            short = unit_name.removesuffix("街道").rstrip("镇乡") if unit_name else ""
            numbers = {n for n, m in enumerate(self.measures, 1) if len(short) >= 2 and short in m}
        picked = tuple(m for n, m in enumerate(self.measures, 1) if n in numbers)
        return picked or self.measures[:1]


class Target(NamedTuple):
    """One target of an indicator: a value to reach by a year, over a span of years, or every year."""

    value: float | None
    comparator: str
    text: str
    end_year: int | None = None
    start_year: int | None = None
    recurring: bool = False
    #: Each unit's share of ``value`` (units-scope indicators): unit code → its own target.
    shares: tuple[tuple[str, float], ...] = ()

    def share_for(self, unit_code: str) -> float | None:
        return dict(self.shares).get(unit_code)

    def covers(self, year: int) -> bool:
        """True when the target is in force in ``year`` (every year for a recurring one, within its years if set:
        the policy's 每年保持350天 ran 到2025年)."""
        end = self.end_year or (9999 if self.recurring else 0)
        return (self.start_year or 0) <= year <= end

    def time_progress(self, year: int, month: int) -> float | None:
        """序时进度: the percentage of the target's span elapsed at the end of ``month`` of ``year``.

        For a yearly or recurring target that is the share of the year; for a span (2026—2030) the share of the
        span; None for a level to reach by a year with no start (a rate, where 序时 means nothing).
        """
        if self.recurring:
            return round(month / 12 * 100, 1)
        if self.start_year is None or self.end_year is None:
            return None
        total = (self.end_year - self.start_year + 1) * 12
        elapsed = (year - self.start_year) * 12 + month
        return round(min(100.0, max(0.0, elapsed / total * 100)), 1)

    @property
    def year_label(self) -> str:
        if self.recurring:
            return f"每年（至{self.end_year}年）" if self.end_year else "每年"
        if self.start_year and self.end_year:
            if (self.start_year, self.end_year) == (2021, 2025):
                return "“十四五”"
            if (self.start_year, self.end_year) == (2026, 2030):
                return "“十五五”"
            if self.start_year == self.end_year:
                return f"{self.end_year}年"
            return f"{self.start_year}—{self.end_year}年"
        return f"{self.end_year}年" if self.end_year else ""


class Indicator(NamedTuple):
    id: str
    name: str
    unit: str
    kind: str
    task: int
    scope: str
    lead_unit: str
    source: str
    targets: tuple[Target, ...]

    def target_for(self, year: int) -> Target | None:
        """The target in force in ``year``: the one of that year (a yearly one before a span), else a recurring
        one, else the nearest one still ahead; None once every target has expired (a 2025 target says nothing
        about 2026, and comparing with it would mislead)."""
        dated = sorted((t for t in self.targets if t.end_year and not t.recurring), key=lambda t: t.end_year or 0)
        covering = [t for t in dated if t.covers(year)]
        if covering:
            return min(covering, key=lambda t: (t.end_year or 0) - (t.start_year or t.end_year or 0))
        recurring = [t for t in self.targets if t.recurring and t.covers(year)]
        if recurring:
            return recurring[0]
        ahead = [t for t in dated if (t.end_year or 0) >= year]
        return ahead[0] if ahead else None

    def unit_target(self, year: int, unit_code: str) -> Target | None:
        """The target a unit's own figure is compared with: its share of a units-scope target, the county target
        for the lead unit of a county-scope one, else None (never the whole county's target for one unit)."""
        target = self.target_for(year)
        if target is None:
            return None
        if self.scope == SCOPE_COUNTY:
            return target if unit_code == self.lead_unit else None
        share = target.share_for(unit_code)
        if share is None:
            return None
        words = f"{COMPARATORS[target.comparator]}{share:g}{self.unit}（本单位分解目标）"
        return Target(share, target.comparator, words, target.end_year, target.start_year, target.recurring)

    def completion(
        self, value: float | None, cumulative: float | None, year: int, unit_code: str | None = None
    ) -> float | None:
        """Completion against the target in force (the unit's own when ``unit_code`` is given), in percent, or
        None when it cannot be computed.

        Counts and quantities reached over several years compare the cumulative figure (falling back to the
        period value); rates compare the current value. A ``<=`` target is met (100) or not (its ratio).
        """
        target = self.target_for(year) if unit_code is None else self.unit_target(year, unit_code)
        if target is None or target.value is None or target.comparator == "qualitative":
            return None
        figure = value
        if self.kind in ("count", "quantity") and cumulative is not None:
            figure = cumulative
        if figure is None:
            return None
        if target.comparator == "<=":
            if figure <= target.value:
                return 100.0
            return round(target.value / figure * 100, 1) if figure else None
        if target.value == 0:
            return None
        return round(figure / target.value * 100, 1)


class Catalog(NamedTuple):
    version: str
    policy_title: str
    issued: str
    sections: tuple[Section, ...]
    tasks: tuple[Task, ...]
    indicators: tuple[Indicator, ...]
    assignment_note: str = ""

    def task(self, number: int) -> Task:
        for task in self.tasks:
            if task.number == number:
                return task
        raise KeyError(number)

    def has_task(self, number: int) -> bool:
        return any(t.number == number for t in self.tasks)

    def section_of(self, task: int) -> Section:
        return next(s for s in self.sections if task in s.tasks)

    def indicator(self, indicator_id: str) -> Indicator:
        for ind in self.indicators:
            if ind.id == indicator_id:
                return ind
        raise KeyError(indicator_id)

    def has_indicator(self, indicator_id: str) -> bool:
        return any(i.id == indicator_id for i in self.indicators)

    def indicators_for_task(self, task: int) -> list[Indicator]:
        return [i for i in self.indicators if i.task == task]

    def default_tasks_for(self, unit_code: str) -> list[int]:
        """Task numbers the default assignment gives to a unit (as lead or responsible unit)."""
        return [t.number for t in self.tasks if t.involves(unit_code)]

    def indicators_for_unit(self, unit_code: str, tasks: Iterable[int]) -> list[Indicator]:
        """Indicators a unit reports: its tasks' unit-scope ones, and county-scope ones it leads."""
        chosen = set(tasks)
        return [
            i
            for i in self.indicators
            if (i.scope == SCOPE_UNITS and i.task in chosen) or (i.scope == SCOPE_COUNTY and i.lead_unit == unit_code)
        ]


def catalog_from_dict(data: Any, known_units: Iterable[str] | None = None) -> Catalog:
    """Build a :class:`Catalog` from parsed JSON, checking its shape; raise :class:`DataFileError`."""
    where = "任务清单"
    if require(data, "format", str, where) != "shizhu-task-catalog":
        raise DataFileError("这不是任务清单文件（format 应为 shizhu-task-catalog）。")
    policy = require(data, "policy", dict, where)
    sections = tuple(_section(item, i) for i, item in enumerate(require(data, "sections", list, where), 1))
    tasks = tuple(_task(item, i) for i, item in enumerate(require(data, "tasks", list, where), 1))
    indicators = tuple(_indicator(item, i) for i, item in enumerate(require(data, "indicators", list, where), 1))
    catalog = Catalog(
        version=require(data, "version", str, where),
        policy_title=require(policy, "title", str, "任务清单的文件信息"),
        issued=require(policy, "issued", str, "任务清单的文件信息"),
        sections=sections,
        tasks=tasks,
        indicators=indicators,
        assignment_note=str(data.get("assignment_note") or ""),
    )
    _check_consistency(catalog, set(known_units) if known_units is not None else None)
    return catalog


def _section(item: Any, i: int) -> Section:
    at = f"任务清单第{i}个部分"
    tasks = require(item, "tasks", list, at)
    if not all(isinstance(t, int) for t in tasks):
        raise DataFileError(f"{at}的任务编号应为整数。")
    return Section(
        require(item, "number", int, at), require(item, "label", str, at), require(item, "title", str, at), tuple(tasks)
    )


def _task(item: Any, i: int) -> Task:
    at = f"任务清单第{i}项任务"
    measures = require(item, "measures", list, at)
    units = require(item, "responsible_units", list, at)
    if not all(isinstance(m, str) for m in measures) or not all(isinstance(u, str) for u in units):
        raise DataFileError(f"{at}的具体举措和责任单位应为文字列表。")
    chosen = require(item, "unit_measures", dict, at, optional=True) or {}
    unit_measures = []
    for code, numbers in chosen.items():
        if not isinstance(numbers, list) or not all(
            isinstance(n, int) and not isinstance(n, bool) and 0 < n <= len(measures) for n in numbers
        ):
            raise DataFileError(f"{at}中单位“{code}”的举措编号应为1到{len(measures)}之间的整数列表。")
        unit_measures.append((str(code), tuple(numbers)))
    return Task(
        number=require(item, "number", int, at),
        section=require(item, "section", int, at),
        title=require(item, "title", str, at),
        text=require(item, "text", str, at),
        measures=tuple(measures),
        lead_unit=require(item, "lead_unit", str, at),
        responsible_units=tuple(units),
        assignment_is_default=bool(item.get("assignment_is_default", True)),
        unit_measures=tuple(sorted(unit_measures)),
    )


def _indicator(item: Any, i: int) -> Indicator:
    at = f"任务清单第{i}个指标"
    kind = require(item, "kind", str, at)
    if kind not in INDICATOR_KINDS:
        raise DataFileError(f"{at}的类型“{kind}”无效。")
    scope = require(item, "scope", str, at)
    if scope not in SCOPE_LABELS:
        raise DataFileError(f"{at}的范围“{scope}”无效：应为 county 或 units。")
    targets = []
    for j, t in enumerate(require(item, "targets", list, at), 1):
        tat = f"{at}的第{j}个目标"
        comparator = require(t, "comparator", str, tat)
        if comparator not in COMPARATORS:
            raise DataFileError(f"{tat}的比较方式“{comparator}”无效。")
        value = require(t, "value", (int, float), tat, optional=True)
        if value is None and comparator != "qualitative":
            raise DataFileError(f"{tat}缺少目标值。")
        end_year = require(t, "end_year", int, tat, optional=True)
        recurring = bool(t.get("recurring", False))
        if end_year is None and not recurring:
            raise DataFileError(f"{tat}应给出目标年（end_year）或标明每年（recurring）。")
        targets.append(
            Target(
                value=float(value) if value is not None else None,
                comparator=comparator,
                text=require(t, "text", str, tat),
                end_year=end_year,
                start_year=require(t, "start_year", int, tat, optional=True),
                recurring=recurring,
                shares=_shares(t, tat),
            )
        )
    if not targets:
        raise DataFileError(f"{at}没有目标。")
    return Indicator(
        id=require(item, "id", str, at),
        name=require(item, "name", str, at),
        unit=require(item, "unit", str, at),
        kind=kind,
        task=require(item, "task", int, at),
        scope=scope,
        lead_unit=require(item, "lead_unit", str, at),
        source=str(item.get("source") or ""),
        targets=tuple(targets),
    )


def _shares(item: Any, at: str) -> tuple[tuple[str, float], ...]:
    shares = require(item, "shares", dict, at, optional=True) or {}
    out = []
    for code, value in shares.items():
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value < 1e12:
            raise DataFileError(f"{at}中单位“{code}”的分解目标应为不小于0的数字。")
        out.append((str(code), float(value)))
    return tuple(sorted(out))


def _check_consistency(catalog: Catalog, known_units: set[str] | None) -> None:
    numbers = [t.number for t in catalog.tasks]
    if len(set(numbers)) != len(numbers):
        raise DataFileError("任务清单中有重复的任务编号。")
    listed = [n for s in catalog.sections for n in s.tasks]
    if sorted(listed) != sorted(numbers):
        raise DataFileError("任务清单各部分列出的任务与任务条目不一致。")
    for task in catalog.tasks:
        if catalog.section_of(task.number).number != task.section:
            raise DataFileError(f"任务{task.number}所属部分与部分列表不一致。")
    ids = [i.id for i in catalog.indicators]
    if len(set(ids)) != len(ids):
        raise DataFileError("任务清单中有重复的指标编号。")
    for ind in catalog.indicators:
        if not catalog.has_task(ind.task):
            raise DataFileError(f"指标“{ind.name}”所属任务{ind.task}不存在。")
    if known_units is not None:
        for task in catalog.tasks:
            for code in (task.lead_unit, *task.responsible_units):
                if code not in known_units:
                    raise DataFileError(f"任务{task.number}的单位代码“{code}”不在单位名单中。")
            for code, _ in task.unit_measures:
                if code not in known_units and code not in (TOWNSHIP_GROUP, DEPARTMENT_GROUP):
                    raise DataFileError(f"任务{task.number}的分单位举措中单位代码“{code}”不在单位名单中。")
        for ind in catalog.indicators:
            if ind.lead_unit not in known_units:
                raise DataFileError(f"指标“{ind.name}”的牵头单位代码“{ind.lead_unit}”不在单位名单中。")
            for target in ind.targets:
                for code, _ in target.shares:
                    if code not in known_units:
                        raise DataFileError(f"指标“{ind.name}”的分解目标中单位代码“{code}”不在单位名单中。")
