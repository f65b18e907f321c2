"""The county figure of each indicator: the units' sum or the lead unit's value, against its target."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from shizhu_desktop.domain.catalog import SCOPE_UNITS, Indicator, Target
from shizhu_desktop.domain.report import IndicatorValue, Report
from shizhu_desktop.domain.units import Unit

BASIS_CUMULATIVE, BASIS_VALUE = "cumulative", "value"
BASIS_LABELS = {BASIS_CUMULATIVE: "累计值", BASIS_VALUE: "本期值"}


@dataclass(frozen=True)
class Contribution:
    """One unit's figure for an indicator, and which of its numbers was taken (cumulative or value)."""

    unit: Unit
    value: float | None
    cumulative: float | None
    note: str
    basis: str

    @property
    def figure(self) -> float | None:
        return self.cumulative if self.basis == BASIS_CUMULATIVE else self.value


@dataclass(frozen=True)
class IndicatorFigure:
    """An indicator's county figure for a period, how it was formed, and its completion of the target."""

    indicator: Indicator
    target: Target | None
    figure: float | None
    completion: float | None
    contributions: tuple[Contribution, ...]
    #: Units that should give a figure: those assigned the task (units scope) or the lead unit (county scope).
    expected: tuple[Unit, ...]
    year: int = 0

    @property
    def is_sum(self) -> bool:
        return self.indicator.scope == SCOPE_UNITS

    @property
    def reported(self) -> int:
        return sum(1 for c in self.contributions if c.figure is not None)

    @property
    def missing(self) -> list[Unit]:
        """Expected units that gave no figure."""
        given = {c.unit.code for c in self.contributions if c.figure is not None}
        return [u for u in self.expected if u.code not in given]

    @property
    def basis(self) -> str:
        """cumulative, value, or mixed when units differ (a sum of some cumulative and some period figures)."""
        kinds = {c.basis for c in self.contributions if c.figure is not None}
        if len(kinds) > 1:
            return "mixed"
        return kinds.pop() if kinds else (BASIS_CUMULATIVE if _counts_cumulative(self.indicator) else BASIS_VALUE)

    @property
    def basis_label(self) -> str:
        """In words how the county figure was formed, e.g. 各单位累计值之和 / 牵头单位填报的本期值."""
        mixed = "累计值（未填累计值的单位按本期值）"
        which = mixed if self.basis == "mixed" else BASIS_LABELS[self.basis]
        return f"各单位{which}之和" if self.is_sum else f"牵头单位填报的{which}"


def _counts_cumulative(indicator: Indicator) -> bool:
    return indicator.kind in ("count", "quantity")


def contribution(indicator: Indicator, unit: Unit, value: IndicatorValue) -> Contribution:
    """Counts and quantities take the cumulative figure when it is given, everything else the period value."""
    basis = BASIS_CUMULATIVE if _counts_cumulative(indicator) and value.cumulative is not None else BASIS_VALUE
    return Contribution(unit, value.value, value.cumulative, value.note, basis)


def indicator_figure(
    indicator: Indicator,
    year: int,
    reports: Mapping[str, tuple[Unit, Report]],
    expected: tuple[Unit, ...],
) -> IndicatorFigure:
    """``reports``: unit code → (unit, its latest final monthly report of the period)."""
    target = indicator.target_for(year)
    contributions: list[Contribution] = []
    if indicator.scope == SCOPE_UNITS:
        for unit, report in reports.values():
            value = report.indicator_value(indicator.id)
            if value is not None:
                contributions.append(contribution(indicator, unit, value))
        figures = [c.figure for c in contributions if c.figure is not None]
        total = round(sum(figures), 6) if figures else None
        done = indicator.completion(total, total, year) if total is not None else None
        return IndicatorFigure(indicator, target, total, done, tuple(contributions), expected, year)
    lead = reports.get(indicator.lead_unit)
    value = lead[1].indicator_value(indicator.id) if lead else None
    if lead is None or value is None:
        return IndicatorFigure(indicator, target, None, None, (), expected, year)
    given = contribution(indicator, lead[0], value)
    done = indicator.completion(value.value, value.cumulative, year)
    return IndicatorFigure(indicator, target, given.figure, done, (given,), expected, year)
