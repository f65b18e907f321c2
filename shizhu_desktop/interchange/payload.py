"""Building a report's payload from domain objects, and reading one back with every check."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from shizhu_desktop import __version__
from shizhu_desktop.domain.catalog import Catalog
from shizhu_desktop.domain.periods import Period, PeriodError
from shizhu_desktop.domain.report import (
    ENTRY_TEXT_FIELDS,
    NARRATIVE_FIELDS,
    STATUSES,
    IndicatorValue,
    Liaison,
    Narrative,
    Report,
    ReportKind,
    ReportState,
    TaskEntry,
)
from shizhu_desktop.domain.units import Unit, UnitRegistry
from shizhu_desktop.interchange.canonical import DIGEST_FIELD, canonical_json, digest_of, seal

PAYLOAD_FORMAT = "shizhu-green-report"
PAYLOAD_VERSION = 1
_LIAISON_KEYS = {"section": "责任科室", "name": "联系人", "phone": "联系电话", "leader": "分管领导"}


class PayloadError(ValueError):
    """A payload refused on import. ``code`` names the check; the message is Chinese and says what to do."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def build_payload(report: Report, unit: Unit) -> dict[str, Any]:
    """The sealed payload of a report: a plain dict, ready for :func:`canonical_json`."""
    payload: dict[str, Any] = {
        "format": PAYLOAD_FORMAT,
        "version": PAYLOAD_VERSION,
        "generator": f"shizhu-desktop {__version__}",
        "unit": {"code": unit.code, "name": unit.name},
        "period": str(report.period),
        "kind": report.kind.value,
        "revision": report.revision,
        "state": report.state.value,
        "finalized_at": report.finalized_at.isoformat() if report.finalized_at else None,
        # A corrected revision still says when the report was first submitted (timeliness counts from it).
        "first_finalized_at": _first_finalized(report),
        "liaison": {key: getattr(report.liaison, key) for key in _LIAISON_KEYS},
        "entries": [
            {"task": e.task, "status": e.status, **{name: getattr(e, name) for name in ENTRY_TEXT_FIELDS}}
            for e in sorted(report.entries, key=lambda e: e.task)
        ],
        "indicators": [
            {"id": v.indicator, "value": _number(v.value), "cumulative": _number(v.cumulative), "note": v.note}
            for v in sorted(report.indicators, key=lambda v: v.indicator)
        ],
        "narrative": (
            {name: getattr(report.narrative, name) for name in NARRATIVE_FIELDS} if report.narrative else None
        ),
        "catalog_version": report.catalog_version,
    }
    return seal(payload)


def _first_finalized(report: Report) -> str | None:
    first = report.first_finalized_at or report.finalized_at
    return first.isoformat() if first else None


def payload_bytes(payload: dict[str, Any]) -> bytes:
    """The bytes written to a .json report file (canonical, so the file itself is reproducible)."""
    return canonical_json(payload)


def _number(value: float | None) -> float | None:
    # Always a float, so one report always serialises the same way whichever path built it.
    return None if value is None else float(value)


@dataclass(frozen=True)
class VerifiedPayload:
    """A payload that passed every check, turned back into domain objects."""

    report: Report
    unit: Unit
    digest: str
    payload: dict[str, Any]


def parse_payload_text(raw: bytes | str) -> dict[str, Any]:
    """JSON text to a dict; raise :class:`PayloadError` when it is not a JSON object."""
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise PayloadError(
            "not_json", "文件内容不是有效的报表数据（无法解析）：文件可能已损坏，请让填报单位重新导出。"
        ) from None
    if not isinstance(data, dict):
        raise PayloadError("format", "文件格式不对：这不是本程序导出的报表文件。")
    return data


def verify_payload(data: dict[str, Any], catalog: Catalog, units: UnitRegistry) -> VerifiedPayload:
    """Check a payload completely and return it as a :class:`Report`; raise :class:`PayloadError`."""
    if data.get("format") != PAYLOAD_FORMAT:
        raise PayloadError("format", "文件格式不对：这不是本程序导出的报表文件。")
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise PayloadError("version", "报表文件的版本号无效：文件可能已损坏，请让填报单位重新导出。")
    if version > PAYLOAD_VERSION:
        raise PayloadError(
            "newer_version",
            f"报表文件的版本（{version}）比本程序认识的版本（{PAYLOAD_VERSION}）新：请先升级本程序，再导入这个文件。",
        )
    digest = data.get(DIGEST_FIELD)
    try:
        actual = digest_of(data)
    except ValueError:
        raise PayloadError("types", "报表数据中有无效的数值（如 NaN）：文件已损坏，请让填报单位重新导出。") from None
    if not isinstance(digest, str) or digest != actual:
        raise PayloadError(
            "digest", "校验码不符：文件在导出后被改动过或已损坏，不能导入。请让填报单位用本程序重新导出后再发送。"
        )
    unit = _unit(data, units)
    kind = _kind(data)
    period = _period(data, kind)
    revision = data.get("revision")
    if isinstance(revision, bool) or not isinstance(revision, int) or revision < 1:
        raise PayloadError("types", "报表的版本号（revision）应为正整数：文件已损坏，请重新导出。")
    state = data.get("state", ReportState.FINAL.value)
    if state not in (ReportState.DRAFT.value, ReportState.FINAL.value):
        raise PayloadError("types", "报表的状态（state）无效：应为 draft 或 final。")
    report = Report(
        unit_code=unit.code,
        period=period,
        kind=kind,
        revision=revision,
        state=ReportState(state),
        liaison=_liaison(data),
        entries=_entries(data, catalog),
        indicators=_indicators(data, catalog),
        narrative=_narrative(data),
        catalog_version=_text(data, "catalog_version", "任务清单版本"),
        finalized_at=_timestamp(data, "finalized_at"),
        first_finalized_at=_timestamp(data, "first_finalized_at"),
        digest=actual,
    )
    return VerifiedPayload(report, unit, actual, data)


def _unit(data: dict[str, Any], units: UnitRegistry) -> Unit:
    unit = data.get("unit")
    code = unit.get("code") if isinstance(unit, dict) else None
    if not isinstance(code, str):
        raise PayloadError("types", "报表中缺少填报单位代码：文件已损坏，请重新导出。")
    found = units.get(code)
    if found is None:
        raise PayloadError("unknown_unit", f"填报单位代码“{code}”不在本程序的单位名单中：请核对单位名单，或升级程序。")
    return found


def _kind(data: dict[str, Any]) -> ReportKind:
    kind = data.get("kind")
    if kind not in (ReportKind.MONTHLY.value, ReportKind.QUARTERLY.value):
        raise PayloadError("types", f"报表类别“{kind}”无效：应为 monthly（月报）或 quarterly（季报）。")
    return ReportKind(kind)


def _period(data: dict[str, Any], kind: ReportKind) -> Period:
    raw = data.get("period")
    try:
        period = Period.parse(raw) if isinstance(raw, str) else None
    except PeriodError:
        period = None
    if period is None:
        raise PayloadError("invalid_period", f"报表期间“{raw}”无效：应为“年-月”，例如 2026-11。")
    if kind is ReportKind.QUARTERLY and not period.is_quarter_end:
        raise PayloadError("invalid_period", f"季度报告的期间“{raw}”无效：应为季度末月（3、6、9、12月）。")
    return period


def _text(obj: dict[str, Any], key: str, label: str, where: str = "") -> str:
    value = obj.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise PayloadError(
            "types", f"{where}“{label}”应为文字，实际为 {type(value).__name__}：文件已损坏，请重新导出。"
        )
    return value


def _liaison(data: dict[str, Any]) -> Liaison:
    raw = data.get("liaison") or {}
    if not isinstance(raw, dict):
        raise PayloadError("types", "报表中的联系人信息格式不对：文件已损坏，请重新导出。")
    return Liaison(**{key: _text(raw, key, label, "联系人信息中") for key, label in _LIAISON_KEYS.items()})


def _entries(data: dict[str, Any], catalog: Catalog) -> list[TaskEntry]:
    raw = data.get("entries", [])
    if not isinstance(raw, list):
        raise PayloadError("types", "报表中的任务记录应为列表：文件已损坏，请重新导出。")
    seen: set[int] = set()
    entries = []
    for i, item in enumerate(raw, 1):
        where = f"第{i}条任务记录的"
        if not isinstance(item, dict):
            raise PayloadError("types", f"第{i}条任务记录格式不对：文件已损坏，请重新导出。")
        task = item.get("task")
        if isinstance(task, bool) or not isinstance(task, int):
            raise PayloadError("types", f"{where}任务编号应为整数：文件已损坏，请重新导出。")
        if not catalog.has_task(task):
            raise PayloadError("unknown_task", f"任务编号 {task} 不在任务清单中：请先导入县里下发的最新任务清单。")
        if task in seen:
            raise PayloadError("duplicate_entry", f"任务 {task} 在报表中出现了两次：文件已损坏，请重新导出。")
        seen.add(task)
        status = _text(item, "status", "推进状态", where)
        if status and status not in STATUSES:
            raise PayloadError("types", f"任务 {task} 的推进状态“{status}”无效：应为{'、'.join(STATUSES)}之一。")
        texts = {name: _text(item, name, label, where) for name, label in ENTRY_TEXT_FIELDS.items()}
        entries.append(TaskEntry(task, status, **texts))
    return entries


def _indicators(data: dict[str, Any], catalog: Catalog) -> list[IndicatorValue]:
    raw = data.get("indicators", [])
    if not isinstance(raw, list):
        raise PayloadError("types", "报表中的指标数据应为列表：文件已损坏，请重新导出。")
    seen: set[str] = set()
    values = []
    for i, item in enumerate(raw, 1):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            raise PayloadError("types", f"第{i}个指标数据格式不对：文件已损坏，请重新导出。")
        indicator = item["id"]
        if not catalog.has_indicator(indicator):
            raise PayloadError(
                "unknown_indicator", f"指标“{indicator}”不在任务清单中：请先导入县里下发的最新任务清单。"
            )
        if indicator in seen:
            raise PayloadError("duplicate_entry", f"指标“{catalog.indicator(indicator).name}”在报表中出现了两次。")
        seen.add(indicator)
        numbers = []
        for key, label in (("value", "本期值"), ("cumulative", "累计值")):
            number = item.get(key)
            if number is not None and (isinstance(number, bool) or not isinstance(number, (int, float))):
                name = catalog.indicator(indicator).name
                raise PayloadError(
                    "types", f"指标“{name}”的{label}应为数字，实际为“{number}”：文件已损坏，请重新导出。"
                )
            numbers.append(None if number is None else float(number))
        values.append(IndicatorValue(indicator, numbers[0], numbers[1], _text(item, "note", "说明", "指标的")))
    return values


def _narrative(data: dict[str, Any]) -> Narrative | None:
    raw = data.get("narrative")
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise PayloadError("types", "季度报告正文格式不对：文件已损坏，请重新导出。")
    return Narrative(**{name: _text(raw, name, label, "季度报告正文的") for name, label in NARRATIVE_FIELDS.items()})


def _timestamp(data: dict[str, Any], key: str) -> datetime | None:
    raw = data.get(key)
    if raw is None:
        return None
    if isinstance(raw, str):
        try:
            return datetime.fromisoformat(raw)
        except ValueError:
            pass
    raise PayloadError("types", f"定稿时间“{raw}”格式不对：文件已损坏，请重新导出。")
