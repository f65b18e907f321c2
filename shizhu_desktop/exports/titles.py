"""Document titles as phrases: a title breaks only between them (GB/T 9704 词意完整), in PDF and Word alike."""

from __future__ import annotations

from shizhu_desktop.domain.naming import TITLE_PREFIX
from shizhu_desktop.domain.periods import Period
from shizhu_desktop.domain.units import Unit

MONTHLY_SHEET, QUARTER_SHEET, NARRATIVE_SHEET, INDICATOR_SHEET = (
    "工作推进情况表",
    "季度工作推进情况表",
    "季度报告",
    "指标完成情况",
)
#: Every visible sheet a report workbook may have (an import refuses any other; it reads them here, where
#: loading them does not load the exporter and openpyxl).
REPORT_SHEETS = (MONTHLY_SHEET, QUARTER_SHEET, NARRATIVE_SHEET, INDICATOR_SHEET)

#: 绿色低碳循环发展: the phrase a title may break before, and never inside.
THEME = "绿色低碳循环发展"
COUNTY = TITLE_PREFIX.removesuffix(THEME)  # 石柱县


def table_title(kind_label: str) -> list[str]:
    """石柱县 / 绿色低碳循环发展 / 工作推进情况表."""
    return [COUNTY, THEME, kind_label]


def report_title(unit: Unit, period_label: str) -> list[str]:
    """南宾街道办事处关于 / 2026年第三季度 / 绿色低碳循环发展 / 工作推进情况的报告 (break after 关于)."""
    return [f"{unit.organ_name}关于", period_label, THEME, "工作推进情况的报告"]


def attachment_title(unit: Unit, period_label: str, what: str) -> list[str]:
    """南宾街道办事处 / 2026年第三季度 / 工作推进情况表."""
    return [unit.organ_name, period_label, what]


def bulletin_title(period: Period) -> list[str]:
    """关于2026年10月全县 / 绿色低碳循环发展 / 工作推进情况的通报."""
    return [f"关于{period.label}全县", THEME, "工作推进情况的通报"]


def summary_attachment_title(period: Period, what: str) -> list[str]:
    """2026年10月 / 滞后事项清单."""
    return [period.label, what]


def joined(phrases: list[str]) -> str:
    return "".join(phrases)
