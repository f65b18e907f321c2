"""Building a report's payload from domain objects, and reading one back with every check."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from typing import Any

from shizhu_desktop import __version__
from shizhu_desktop.domain.catalog import Catalog
from shizhu_desktop.domain.report import ENTRY_TEXT_FIELDS, NARRATIVE_FIELDS, Report, ReportState
from shizhu_desktop.domain.units import Unit, UnitRegistry
from shizhu_desktop.interchange.canonical import DIGEST_FIELD, SIGNATURE_FIELD, canonical_json, digest_of, seal
from shizhu_desktop.interchange.payload_fields import (
    LIAISON_KEYS,
    MAX_SHORT_CHARS,
    FieldError,
    entries_of,
    indicators_of,
    kind_of,
    liaison_of,
    narrative_of,
    period_of,
    require_keys,
    revision_of,
    text,
    timestamp_of,
    unit_of,
)

PAYLOAD_FORMAT = "shizhu-green-report"
#: Version 2 (December 2026): every file is signed (interchange.signing). Version 1 files are unsigned.
PAYLOAD_VERSION = 2
SIGNED_SINCE = 2
_KEYS_V1 = (
    "format",
    "version",
    "generator",
    "unit",
    "period",
    "kind",
    "revision",
    "state",
    "finalized_at",
    "first_finalized_at",
    "liaison",
    "entries",
    "indicators",
    "narrative",
    "catalog_version",
    DIGEST_FIELD,
)
#: The top-level fields each version may hold: anything else is an edited file or another program's.
_KEYS = {1: _KEYS_V1, 2: (*_KEYS_V1, SIGNATURE_FIELD)}


class PayloadError(ValueError):
    """A payload refused on import. ``code`` names the check; the message is Chinese and says what to do."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def build_payload(report: Report, unit: Unit, generator: str | None = None) -> dict[str, Any]:
    """The sealed, not yet signed payload of a report: a plain dict, ready for :func:`canonical_json`.

    ``generator`` rebuilds an imported report as its sender's program wrote it (default: this program).
    """
    payload: dict[str, Any] = {
        "format": PAYLOAD_FORMAT,
        "version": PAYLOAD_VERSION,
        "generator": generator or f"shizhu-desktop {__version__}",
        "unit": {"code": unit.code, "name": unit.name},
        "period": str(report.period),
        "kind": report.kind.value,
        "revision": report.revision,
        "state": report.state.value,
        "finalized_at": report.finalized_at.isoformat() if report.finalized_at else None,
        # A corrected revision still says when the report was first submitted (timeliness counts from it).
        "first_finalized_at": _first_finalized(report),
        "liaison": {key: getattr(report.liaison, key) for key in LIAISON_KEYS},
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
    #: The raw Ed25519 public key and signature (None for an unsigned version 1 file).
    public_key: bytes | None = None
    signature: bytes | None = None
    generator: str = ""

    @property
    def signed(self) -> bool:
        return self.public_key is not None


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


def verify_payload(
    data: dict[str, Any], catalog: Catalog, units: UnitRegistry, *, allow_unsigned: bool = False
) -> VerifiedPayload:
    """Check a payload completely and return it as a :class:`Report`; raise :class:`PayloadError`.

    Version 2 payloads must carry a valid Ed25519 signature; version 1 (before signing existed) is accepted
    only with ``allow_unsigned``. Which key may sign for which unit is the key registry's business (services).
    """
    # `cryptography` loads with the first file that needs checking, not with every command that imports this.
    from shizhu_desktop.interchange.signing import SignatureError, verify_signature

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
    try:
        require_keys(data, _KEYS[version], "报表数据中")
        digest = data.get(DIGEST_FIELD)
        try:
            actual = digest_of(data)
        except ValueError:
            raise PayloadError(
                "types", "报表数据中有无效的数值（如 NaN）：文件已损坏，请让填报单位重新导出。"
            ) from None
        if not isinstance(digest, str) or digest != actual:
            raise PayloadError(
                "digest", "校验码不符：文件在导出后被改动过或已损坏，不能导入。请让填报单位用本程序重新导出后再发送。"
            )
        public_key = signature = None
        if version >= SIGNED_SINCE or SIGNATURE_FIELD in data:
            public_key = verify_signature(data)
            signature = base64.b64decode(data[SIGNATURE_FIELD]["value"])
        elif not allow_unsigned:
            raise PayloadError(
                "unsigned",
                "这是旧版本程序导出的未签名文件，不能确认是谁发出的：请让填报单位升级程序后重新导出；"
                "确需导入时，命令行加 --allow-unsigned（导入后标为“未签名”）。",
            )
        report = _report(data, catalog, units, actual)
    except FieldError as exc:
        raise PayloadError(exc.code, exc.message) from None
    except SignatureError as exc:
        raise PayloadError(exc.code, exc.message) from None
    generator = data.get("generator", "")
    unit = units.by_code(report.unit_code)
    return VerifiedPayload(
        report, unit, actual, data, public_key, signature, generator if isinstance(generator, str) else ""
    )


def _report(data: dict[str, Any], catalog: Catalog, units: UnitRegistry, digest: str) -> Report:
    unit = unit_of(data, units)
    kind = kind_of(data)
    state = data.get("state", ReportState.FINAL.value)
    if state not in (ReportState.DRAFT.value, ReportState.FINAL.value):
        raise PayloadError("types", "报表的状态（state）无效：应为 draft 或 final。")
    text(data, "generator", "生成程序", limit=MAX_SHORT_CHARS)
    return Report(
        unit_code=unit.code,
        period=period_of(data, kind),
        kind=kind,
        revision=revision_of(data),
        state=ReportState(state),
        liaison=liaison_of(data),
        entries=entries_of(data, catalog),
        indicators=indicators_of(data, catalog),
        narrative=narrative_of(data),
        catalog_version=text(data, "catalog_version", "任务清单版本", limit=MAX_SHORT_CHARS),
        finalized_at=timestamp_of(data, "finalized_at", "定稿时间"),
        first_finalized_at=timestamp_of(data, "first_finalized_at", "首次定稿时间"),
        digest=digest,
    )
