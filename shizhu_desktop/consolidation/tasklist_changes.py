"""A catalog as plain data, and what changed between two catalogs, in Chinese sentences a clerk can read."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from shizhu_desktop.domain.catalog import COMPARATORS, SCOPE_LABELS, Catalog, Indicator, Target, Task

CATALOG_FORMAT, CATALOG_SCHEMA = "shizhu-task-catalog", 1


def _target_dict(target: Target) -> dict[str, Any]:
    out: dict[str, Any] = {
        "value": target.value,
        "comparator": target.comparator,
        "start_year": target.start_year,
        "end_year": target.end_year,
        "recurring": target.recurring,
        "text": target.text,
    }
    if target.shares:  # written only when set: a list without them reads as before
        out["shares"] = dict(target.shares)
    return out


def _task_dict(t: Task) -> dict[str, Any]:
    out: dict[str, Any] = {
        "number": t.number,
        "section": t.section,
        "title": t.title,
        "text": t.text,
        "measures": list(t.measures),
        "lead_unit": t.lead_unit,
        "responsible_units": list(t.responsible_units),
        "assignment_is_default": t.assignment_is_default,
    }
    if t.unit_measures:
        out["unit_measures"] = {code: list(numbers) for code, numbers in t.unit_measures}
    return out


def catalog_to_dict(catalog: Catalog) -> dict[str, Any]:
    """The catalog in the format of ``resources/catalog.json`` (what ``catalog_from_dict`` reads back)."""
    return {
        "format": CATALOG_FORMAT,
        "schema": CATALOG_SCHEMA,
        "version": catalog.version,
        "policy": {"title": catalog.policy_title, "issued": catalog.issued},
        "assignment_note": catalog.assignment_note,
        "sections": [
            {"number": s.number, "label": s.label, "title": s.title, "tasks": list(s.tasks)} for s in catalog.sections
        ],
        "tasks": [_task_dict(t) for t in catalog.tasks],
        "indicators": [
            {
                "id": i.id,
                "name": i.name,
                "unit": i.unit,
                "kind": i.kind,
                "task": i.task,
                "scope": i.scope,
                "lead_unit": i.lead_unit,
                "source": i.source,
                "targets": [_target_dict(t) for t in i.targets],
            }
            for i in catalog.indicators
        ],
    }


def quoted(name: str) -> str:
    """“name”, or the name as it is when it already carries quotation marks (“两品一标”认证产品)."""
    return name if "“" in name else f"“{name}”"


def target_words(indicator: Indicator, target: Target) -> str:
    """E.g. 到2025年达到160个（不低于160个，2025年）."""
    if target.value is None or target.comparator == "qualitative":
        return f"{target.text}（{target.year_label}）" if target.year_label else target.text
    value = f"{target.value:g}"
    shares = f"，分解到{len(target.shares)}个单位" if target.shares else ""
    return f"{target.text}（{COMPARATORS[target.comparator]}{value}{indicator.unit}，{target.year_label}{shares}）"


def targets_words(indicator: Indicator) -> str:
    return "；".join(target_words(indicator, t) for t in indicator.targets)


def _names(codes: tuple[str, ...] | list[str], name: Callable[[str], str]) -> str:
    return "、".join(name(c) for c in codes)


def _task_changes(old: Task, new: Task, name: Callable[[str], str]) -> list[str]:
    label = f"任务{new.number}“{new.title}”"
    out = []
    if old.title != new.title:
        out.append(f"任务{new.number}的名称由“{old.title}”改为“{new.title}”。")
    if old.section != new.section:
        out.append(f"{label}改归第{new.section}部分。")
    if old.lead_unit != new.lead_unit:
        out.append(f"{label}的牵头单位由{name(old.lead_unit)}改为{name(new.lead_unit)}。")
    added = [c for c in new.responsible_units if c not in old.responsible_units]
    removed = [c for c in old.responsible_units if c not in new.responsible_units]
    if added:
        out.append(f"{label}增加责任单位{len(added)}个：{_names(added, name)}。")
    if removed:
        out.append(f"{label}减少责任单位{len(removed)}个：{_names(removed, name)}。")
    if old.measures != new.measures:
        if len(old.measures) != len(new.measures):
            out.append(f"{label}的具体举措由{len(old.measures)}条调整为{len(new.measures)}条。")
        else:
            changed = [str(i) for i, (a, b) in enumerate(zip(old.measures, new.measures, strict=True), 1) if a != b]
            out.append(f"{label}的第{'、'.join(changed)}条具体举措内容有修改。")
    if old.text != new.text:
        out.append(f"{label}的任务原文有修改。")
    if old.unit_measures != new.unit_measures:
        out.append(f"{label}的分单位具体举措有调整（涉及{len(new.unit_measures)}个单位）。")
    return out


def _indicator_changes(old: Indicator, new: Indicator, name: Callable[[str], str]) -> list[str]:
    label = f"指标{quoted(new.name)}"
    out = []
    if old.name != new.name:
        out.append(f"指标{quoted(old.name)}改名为{quoted(new.name)}。")
    if old.unit != new.unit:
        out.append(f"{label}的计量单位由“{old.unit}”改为“{new.unit}”。")
    if old.scope != new.scope:
        out.append(f"{label}的统计范围由{SCOPE_LABELS[old.scope]}改为{SCOPE_LABELS[new.scope]}。")
    if old.lead_unit != new.lead_unit:
        out.append(f"{label}的牵头单位由{name(old.lead_unit)}改为{name(new.lead_unit)}。")
    if old.task != new.task:
        out.append(f"{label}改归任务{new.task}。")
    if old.targets != new.targets:
        added = [t for t in new.targets if t not in old.targets]
        removed = [t for t in old.targets if t not in new.targets]
        if removed and added:
            out.append(
                f"{label}的目标由“{'；'.join(target_words(old, t) for t in removed)}”"
                f"改为“{'；'.join(target_words(new, t) for t in added)}”。"
            )
        elif added:
            out.append(f"{label}新增目标：{'；'.join(target_words(new, t) for t in added)}。")
        elif removed:
            out.append(f"{label}删除目标：{'；'.join(target_words(old, t) for t in removed)}。")
    return out


def describe_changes(old: Catalog, new: Catalog, name: Callable[[str], str]) -> list[str]:
    """What ``new`` changes against ``old``; ``name`` turns a unit code into its name. Empty: no change."""
    out: list[str] = []
    old_tasks = {t.number: t for t in old.tasks}
    new_tasks = {t.number: t for t in new.tasks}
    for number in sorted(new_tasks.keys() - old_tasks.keys()):
        task = new_tasks[number]
        out.append(f"新增任务{number}“{task.title}”，牵头单位{name(task.lead_unit)}。")
    for number in sorted(old_tasks.keys() - new_tasks.keys()):
        out.append(f"删除任务{number}“{old_tasks[number].title}”（已报送的报表不受影响）。")
    for number in sorted(old_tasks.keys() & new_tasks.keys()):
        out += _task_changes(old_tasks[number], new_tasks[number], name)
    old_sections = {s.number: s for s in old.sections}
    for section in new.sections:
        before = old_sections.get(section.number)
        if before is not None and before.title != section.title:
            out.append(f"第{section.number}部分的标题由“{before.title}”改为“{section.title}”。")
    old_indicators = {i.id: i for i in old.indicators}
    new_indicators = {i.id: i for i in new.indicators}
    for indicator in new.indicators:
        if indicator.id not in old_indicators:
            out.append(
                f"新增指标{quoted(indicator.name)}（任务{indicator.task}，{SCOPE_LABELS[indicator.scope]}），"
                f"目标：{targets_words(indicator)}。"
            )
        else:
            out += _indicator_changes(old_indicators[indicator.id], indicator, name)
    for indicator in old.indicators:
        if indicator.id not in new_indicators:
            out.append(f"删除指标{quoted(indicator.name)}（任务{indicator.task}）。")
    if old.policy_title != new.policy_title or old.issued != new.issued:
        out.append(f"政策文件改为《{new.policy_title}》（{new.issued}）。")
    return out
