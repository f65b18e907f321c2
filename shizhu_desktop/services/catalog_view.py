"""The task catalog as plain JSON-ready data and as readable Chinese text (for the command line)."""

from __future__ import annotations

from typing import Any

from shizhu_desktop.domain.catalog import COMPARATORS, SCOPE_LABELS, Catalog, Indicator
from shizhu_desktop.domain.numbers import format_number
from shizhu_desktop.domain.units import UnitRegistry


def _unit_ref(units: UnitRegistry, code: str) -> dict[str, str]:
    unit = units.get(code)
    return {"code": code, "name": unit.name if unit else code}


def indicator_as_dict(indicator: Indicator, units: UnitRegistry) -> dict[str, Any]:
    return {
        "id": indicator.id,
        "name": indicator.name,
        "unit": indicator.unit,
        "kind": indicator.kind,
        "task": indicator.task,
        "scope": indicator.scope,
        "lead_unit": _unit_ref(units, indicator.lead_unit),
        "source": indicator.source,
        "targets": [
            {
                "value": t.value,
                "comparator": t.comparator,
                "start_year": t.start_year,
                "end_year": t.end_year,
                "recurring": t.recurring,
                "text": t.text,
            }
            for t in indicator.targets
        ],
    }


def catalog_as_dict(catalog: Catalog, units: UnitRegistry) -> dict[str, Any]:
    return {
        "version": catalog.version,
        "policy": {"title": catalog.policy_title, "issued": catalog.issued},
        "assignment_note": catalog.assignment_note,
        "sections": [
            {
                "number": section.number,
                "label": section.label,
                "title": section.title,
                "tasks": [
                    {
                        "number": task.number,
                        "title": task.title,
                        "text": task.text,
                        "measures": list(task.measures),
                        "lead_unit": _unit_ref(units, task.lead_unit),
                        "responsible_units": [_unit_ref(units, c) for c in task.responsible_units],
                        "assignment_is_default": task.assignment_is_default,
                        "indicators": [i.id for i in catalog.indicators_for_task(task.number)],
                    }
                    for task in (catalog.task(n) for n in section.tasks)
                ],
            }
            for section in catalog.sections
        ],
        "indicators": [indicator_as_dict(i, units) for i in catalog.indicators],
    }


def catalog_as_text(catalog: Catalog, units: UnitRegistry) -> str:
    lines = [f"《{catalog.policy_title}》（{catalog.issued}）任务清单版本 {catalog.version}", ""]
    for section in catalog.sections:
        lines.append(section.heading)
        for number in section.tasks:
            task = catalog.task(number)
            lead = units.get(task.lead_unit)
            mark = "（默认分工）" if task.assignment_is_default else ""
            lines.append(
                f"  {task.heading}  牵头：{lead.name if lead else task.lead_unit}，"
                f"责任单位{len(task.responsible_units)}个{mark}"
            )
            for indicator in catalog.indicators_for_task(number):
                target = indicator.targets[-1]
                value = format_number(target.value)
                goal = f"{COMPARATORS[target.comparator]}{value}{indicator.unit}" if value else target.text
                lines.append(
                    f"      指标：{indicator.name}　{goal}（{target.year_label}，{SCOPE_LABELS[indicator.scope]}）"
                )
        lines.append("")
    lines.append(f"共{len(catalog.sections)}个部分、{len(catalog.tasks)}项任务、{len(catalog.indicators)}个指标。")
    if catalog.assignment_note:
        lines.append(catalog.assignment_note)
    return "\n".join(lines)
