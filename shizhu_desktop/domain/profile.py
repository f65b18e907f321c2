"""The unit profile of this installation: which unit it reports for, and who fills the reports."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from shizhu_desktop.domain.report import Liaison

MODE_UNIT, MODE_COUNTY = "unit", "county"
MODE_LABELS = {MODE_UNIT: "单位填报", MODE_COUNTY: "县级汇总"}

# Mainland mobile (11 digits from 1[3-9]) or a landline with its area code, e.g. 023-73331234.
_MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE_RE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")


@dataclass
class Profile:
    unit_code: str
    liaison: Liaison = field(default_factory=Liaison)
    mode: str = MODE_UNIT
    tasks: list[int] = field(default_factory=list)


def phone_problem(phone: str) -> str:
    """'' for a valid mobile or landline number, else a Chinese sentence saying what to enter."""
    cleaned = phone.strip().replace(" ", "").replace("（", "(").replace("）", ")")
    cleaned = re.sub(r"^\((0\d{2,3})\)", r"\1-", cleaned)
    if not cleaned:
        return "请填写联系电话。"
    if _MOBILE_RE.match(cleaned) or _LANDLINE_RE.match(cleaned):
        return ""
    return "联系电话格式不对：请填写11位手机号，或带区号的座机号码，例如 023-73331234。"
