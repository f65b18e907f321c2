"""The rows of an indicator chart (label, completion, 序时进度, a note): what the PDF draws and Word lists."""

from __future__ import annotations

from dataclasses import dataclass

from shizhu_desktop.domain.numbers import format_number
from shizhu_desktop.domain.targets import missing_target_reason
from shizhu_desktop.exports.bundle import ReportBundle
from shizhu_desktop.exports.content import completion, time_progress


@dataclass(frozen=True)
class ChartRow:
    """One indicator: its label, its completion (None when it cannot be computed) and a note under the bar.

    ``pace`` is the 序时进度 (percent of the target's span elapsed): a bar that reaches it is on track.
    """

    label: str
    percent: float | None
    note: str
    pace: float | None = None
    #: False when there is no target to compare with (none set for the year, or none for the unit).
    has_target: bool = True


def chart_rows(bundle: ReportBundle) -> list[ChartRow]:
    """One row per indicator of the unit, against the unit's own target."""
    values = bundle.indicator_values()
    year = bundle.report.period.year
    rows = []
    for indicator in bundle.indicators:
        value = values.get(indicator.id)
        target = indicator.unit_target(year, bundle.unit.code)
        done = completion(indicator, value, year, bundle.unit.code)
        figure = None
        if value is not None:
            use_cumulative = indicator.kind in ("count", "quantity") and value.cumulative is not None
            figure = value.cumulative if use_cumulative else value.value
        if target is not None and target.value is not None:
            goal = f"目标{format_number(target.value)}{indicator.unit}（{target.year_label}）"
        elif target is not None:
            goal = f"目标：{target.text}"
        else:
            goal = missing_target_reason(indicator, year, bundle.unit.code)
        if value is None or figure is None:
            note = f"未填报；{goal}"
        else:
            which = "累计" if indicator.kind in ("count", "quantity") else "本期"
            note = f"{which}{format_number(figure)}{indicator.unit}；{goal}"
        rows.append(ChartRow(indicator.name, done, note, time_progress(indicator, bundle), target is not None))
    return rows
