"""Reading a payload's fields strictly: known keys only, the right types, sane lengths, no control characters."""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from shizhu_desktop.domain.catalog import Catalog
from shizhu_desktop.domain.periods import Period, PeriodError
from shizhu_desktop.domain.report import (
    ENTRY_TEXT_FIELDS,
    NARRATIVE_FIELDS,
    STATUSES,
    IndicatorValue,
    Liaison,
    Narrative,
    ReportKind,
    TaskEntry,
)
from shizhu_desktop.domain.units import Unit, UnitRegistry
from shizhu_desktop.domain.validation import MAX_FIELD_CHARS, MAX_NARRATIVE_CHARS, hidden_character

LIAISON_KEYS = {"section": "责任科室", "name": "联系人", "phone": "联系电话", "leader": "分管领导"}
#: Short texts (liaison, versions, names) never need more than this.
MAX_SHORT_CHARS = 200
#: The most revisions one report can plausibly have.
MAX_REVISION = 99
#: Larger figures are typing errors or attacks, whatever the indicator's unit (万亩, 吨, 个 …).
MAX_FIGURE = 1e9

_AGAIN = "请让填报单位用本程序重新导出后再发送。"


class FieldError(ValueError):
    """A field refused: ``code`` names the check, the message names the field and says what to do."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def require_keys(obj: dict[str, Any], allowed: Iterable[str], where: str) -> None:
    """Refuse a field this program does not write: an edited file, or one from a different program."""
    unknown = sorted(set(obj) - set(allowed))
    if unknown:
        names = "、".join(f"“{name[:40]}”" for name in unknown[:5])
        raise FieldError(
            "unknown_field", f"{where}有本程序不认识的字段{names}：文件被改动过或不是本程序导出的。{_AGAIN}"
        )


def text(obj: dict[str, Any], key: str, label: str, where: str = "", limit: int = MAX_FIELD_CHARS) -> str:
    """A text field (absent or null is empty), checked for type, length and hidden characters."""
    value = obj.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise FieldError("types", f"{where}“{label}”应为文字，实际为 {type(value).__name__}：文件已损坏。{_AGAIN}")
    if len(value) > limit:
        raise FieldError(
            "too_long", f"{where}“{label}”有{len(value)}字，超过上限{limit}字：填报程序不会写出这样的内容。{_AGAIN}"
        )
    bad = hidden_character(value)
    if bad:
        raise FieldError("control_character", f"{where}“{label}”含有不可见的控制字符（{bad}），不能导入。{_AGAIN}")
    return value


def unit_of(data: dict[str, Any], units: UnitRegistry) -> Unit:
    raw = data.get("unit")
    if not isinstance(raw, dict):
        raise FieldError("types", f"报表中缺少填报单位：文件已损坏。{_AGAIN}")
    require_keys(raw, ("code", "name"), "填报单位信息中")
    code = raw.get("code")
    if not isinstance(code, str):
        raise FieldError("types", f"报表中缺少填报单位代码：文件已损坏。{_AGAIN}")
    found = units.get(code)
    if found is None:
        raise FieldError(
            "unknown_unit", f"填报单位代码“{code[:20]}”不在本程序的单位名单中：请核对单位名单，或升级程序。"
        )
    name = text(raw, "name", "单位名称", limit=MAX_SHORT_CHARS)
    if name and name != found.name:
        raise FieldError(
            "unit_name",
            f"单位名称“{name}”与单位代码 {code} 不符（应为“{found.name}”）：文件被改动过，不能导入。{_AGAIN}",
        )
    return found


def kind_of(data: dict[str, Any]) -> ReportKind:
    kind = data.get("kind")
    if kind not in (ReportKind.MONTHLY.value, ReportKind.QUARTERLY.value):
        raise FieldError("types", f"报表类别“{str(kind)[:20]}”无效：应为 monthly（月报）或 quarterly（季报）。")
    return ReportKind(kind)


def period_of(data: dict[str, Any], kind: ReportKind) -> Period:
    raw = data.get("period")
    try:
        period = Period.parse(raw) if isinstance(raw, str) and len(raw) <= 10 else None
    except PeriodError:
        period = None
    if period is None:
        raise FieldError("invalid_period", f"报表期间“{str(raw)[:20]}”无效：应为“年-月”，例如 2026-11。")
    if kind is ReportKind.QUARTERLY and not period.is_quarter_end:
        raise FieldError("invalid_period", f"季度报告的期间“{raw}”无效：应为季度末月（3、6、9、12月）。")
    return period


def revision_of(data: dict[str, Any]) -> int:
    revision = data.get("revision")
    if isinstance(revision, bool) or not isinstance(revision, int) or not 1 <= revision <= MAX_REVISION:
        raise FieldError("types", f"报表的版本号（revision）应为1到{MAX_REVISION}之间的整数：文件已损坏。{_AGAIN}")
    return revision


def liaison_of(data: dict[str, Any]) -> Liaison:
    raw = data.get("liaison") or {}
    if not isinstance(raw, dict):
        raise FieldError("types", f"报表中的联系人信息格式不对：文件已损坏。{_AGAIN}")
    require_keys(raw, LIAISON_KEYS, "联系人信息中")
    return Liaison(
        **{key: text(raw, key, label, "联系人信息中", MAX_SHORT_CHARS) for key, label in LIAISON_KEYS.items()}
    )


def entries_of(data: dict[str, Any], catalog: Catalog) -> list[TaskEntry]:
    raw = data.get("entries", [])
    if not isinstance(raw, list):
        raise FieldError("types", f"报表中的任务记录应为列表：文件已损坏。{_AGAIN}")
    seen: set[int] = set()
    entries = []
    for i, item in enumerate(raw, 1):
        if not isinstance(item, dict):
            raise FieldError("types", f"第{i}条任务记录格式不对：文件已损坏。{_AGAIN}")
        task = item.get("task")
        if isinstance(task, bool) or not isinstance(task, int):
            raise FieldError("types", f"第{i}条任务记录的任务编号应为整数：文件已损坏。{_AGAIN}")
        where = f"任务{task}的"
        require_keys(item, ("task", "status", *ENTRY_TEXT_FIELDS), f"任务{task}的记录中")
        if not catalog.has_task(task):
            raise FieldError("unknown_task", f"任务编号 {task} 不在任务清单中：请先导入县里下发的最新任务清单。")
        if task in seen:
            raise FieldError("duplicate_entry", f"任务 {task} 在报表中出现了两次：文件已损坏。{_AGAIN}")
        seen.add(task)
        status = text(item, "status", "推进状态", where, MAX_SHORT_CHARS)
        if status and status not in STATUSES:
            raise FieldError("types", f"任务 {task} 的推进状态“{status}”无效：应为{'、'.join(STATUSES)}之一。")
        texts = {name: text(item, name, label, where) for name, label in ENTRY_TEXT_FIELDS.items()}
        entries.append(TaskEntry(task, status, **texts))
    return entries


def indicators_of(data: dict[str, Any], catalog: Catalog) -> list[IndicatorValue]:
    raw = data.get("indicators", [])
    if not isinstance(raw, list):
        raise FieldError("types", f"报表中的指标数据应为列表：文件已损坏。{_AGAIN}")
    seen: set[str] = set()
    values = []
    for i, item in enumerate(raw, 1):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            raise FieldError("types", f"第{i}个指标数据格式不对：文件已损坏。{_AGAIN}")
        indicator = item["id"]
        if not catalog.has_indicator(indicator):
            raise FieldError(
                "unknown_indicator", f"指标“{indicator[:40]}”不在任务清单中：请先导入县里下发的最新任务清单。"
            )
        name = catalog.indicator(indicator).name
        require_keys(item, ("id", "value", "cumulative", "note"), f"指标“{name}”的数据中")
        if indicator in seen:
            raise FieldError("duplicate_entry", f"指标“{name}”在报表中出现了两次：文件已损坏。{_AGAIN}")
        seen.add(indicator)
        numbers = [
            _figure(item.get(key), name, label) for key, label in (("value", "本期值"), ("cumulative", "累计值"))
        ]
        values.append(IndicatorValue(indicator, numbers[0], numbers[1], text(item, "note", "说明", f"指标“{name}”的")))
    return values


def _figure(number: object, name: str, label: str) -> float | None:
    if number is None:
        return None
    if isinstance(number, bool) or not isinstance(number, (int, float)):
        raise FieldError("types", f"指标“{name}”的{label}应为数字，实际为“{str(number)[:20]}”：文件已损坏。{_AGAIN}")
    try:
        value = float(number)
    except OverflowError:  # an integer of hundreds of digits
        value = math.inf
    if not math.isfinite(value) or abs(value) > MAX_FIGURE:
        raise FieldError(
            "figure_range", f"指标“{name}”的{label}数值大得不合理（超过{MAX_FIGURE:.0e}）：请填报单位核对后重新导出。"
        )
    return value


def narrative_of(data: dict[str, Any]) -> Narrative | None:
    raw = data.get("narrative")
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise FieldError("types", f"季度报告正文格式不对：文件已损坏。{_AGAIN}")
    require_keys(raw, NARRATIVE_FIELDS, "季度报告正文中")
    return Narrative(
        **{
            name: text(raw, name, label, "季度报告正文的", MAX_NARRATIVE_CHARS)
            for name, label in NARRATIVE_FIELDS.items()
        }
    )


def timestamp_of(data: dict[str, Any], key: str, label: str) -> datetime | None:
    raw = data.get(key)
    if raw is None:
        return None
    if isinstance(raw, str) and len(raw) <= 40:
        try:
            moment = datetime.fromisoformat(raw)
        except ValueError:
            moment = None
        if moment is not None and moment.tzinfo is not None:
            return moment
    raise FieldError("types", f"{label}“{str(raw)[:40]}”格式不对：应为带时区的时间。文件已损坏。{_AGAIN}")
