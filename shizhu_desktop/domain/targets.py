"""A figure against its target in a year: 序时进度, and the words when the county has set no target."""

from __future__ import annotations

from shizhu_desktop.domain.catalog import Indicator

#: Kinds whose figure builds up over the year: only for these does 序时进度 (the share of time elapsed) mean
#: something. A rate (森林覆盖率 62%) is a level, not a running total.
PACED_KINDS = ("count", "quantity")


def year_progress(month: int) -> float:
    """序时进度 of a year at the end of ``month``: 10月底 → 83.3."""
    return round(min(12, max(0, month)) / 12 * 100, 1)


def time_progress(indicator: Indicator, year: int, month: int, unit_code: str | None = None) -> float | None:
    """序时进度 of an indicator at the end of ``month`` (the unit's own target when ``unit_code`` is given).

    It depends on the date, not on the target: the share of the target's span elapsed (a 2026—2030 target in
    2027 is at 32.5 %), else of the year — also when the county has set no target yet, so a figure on track is
    seen to be. None for rates, and for a level to reach by a year with no start (where 序时 means nothing).
    """
    if indicator.kind not in PACED_KINDS:
        return None
    target = indicator.target_for(year) if unit_code is None else indicator.unit_target(year, unit_code)
    if target is None or target.value is None:
        return year_progress(month)
    return target.time_progress(year, month)


def missing_target_reason(indicator: Indicator, year: int, unit_code: str | None = None) -> str:
    """Why a figure has nothing to be compared with: no target set for the year, or none given to the unit.

    A unit's documents (``unit_code`` given) say who sets it (县里尚未下达2026年目标); the county's own say
    2026年目标尚未下达.
    """
    if indicator.target_for(year) is None:
        return f"县里尚未下达{year}年目标" if unit_code is not None else f"{year}年目标尚未下达"
    return "未分解到本单位"


def missing_target_cell(indicator: Indicator, year: int, unit_code: str | None = None) -> str:
    """The 目标值 cell without a target: —（县里尚未下达2026年目标）."""
    return f"—（{missing_target_reason(indicator, year, unit_code)}）"


#: The demo's example task list (services.demo_tasklist): its issuer and the start of its version, so that
#: everything that shows a task list can say it is an example and not what the county issued.
EXAMPLE_ISSUER, EXAMPLE_VERSION_PREFIX = "示例（演示数据）", "示例-"


def is_example_version(version: str) -> bool:
    return version.startswith(EXAMPLE_VERSION_PREFIX)
