"""The report payload: canonical, digested, and refused for every kind of damage with its own message."""

from __future__ import annotations

import copy
import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shizhu_desktop.datafiles import load_catalog, load_units
from shizhu_desktop.domain.periods import Period
from shizhu_desktop.domain.report import (
    CHINA_TZ,
    STATUSES,
    IndicatorValue,
    Liaison,
    Narrative,
    Report,
    ReportKind,
    ReportState,
    TaskEntry,
)
from shizhu_desktop.domain.validation import hidden_character
from shizhu_desktop.interchange.canonical import canonical_json, digest_of, seal
from shizhu_desktop.interchange.payload import PayloadError, build_payload, verify_payload
from shizhu_desktop.services.exchange import Outcome, export_json, import_file
from shizhu_desktop.services.workspace import Workspace
from tests.signing_helpers import FORGER_KEY, signed

FINALIZED = datetime(2026, 11, 20, 10, 31, tzinfo=CHINA_TZ)
HOSTILE = "=SUM(A1:A9)\n+1\r\n-2\t@cmd 𠀀𪚥 😀 ，。、；：？！）」》（「《 \u3000全角 \\ \" '"


def _report(**changes: Any) -> Report:
    report = Report(
        "500240001",
        Period(2026, 11),
        ReportKind.MONTHLY,
        1,
        ReportState.FINAL,
        Liaison("党政办公室", "谭晓燕", "023-73331234", "冉志强"),
        [TaskEntry(2, "序时推进", HOSTILE, "累计", "", "下步", ""), TaskEntry(11, "滞后", "x", "", "资金", "y", "备")],
        [IndicatorValue("high_standard_farmland", 0.08, 1.25, "说明")],
        None,
        "2022-04-07.1",
        finalized_at=FINALIZED,
    )
    for key, value in changes.items():
        setattr(report, key, value)
    return report


def _payload() -> dict[str, Any]:
    return signed(build_payload(_report(), load_units().by_code("500240001")))


def _verify(data: dict[str, Any], allow_unsigned: bool = False) -> Report:
    return verify_payload(data, load_catalog(), load_units(), allow_unsigned=allow_unsigned).report


def test_payload_shape_and_digest() -> None:
    payload = _payload()
    assert payload["format"] == "shizhu-green-report" and payload["version"] == 2
    assert set(payload["signature"]) == {"alg", "public_key", "value"} and payload["signature"]["alg"] == "ed25519"
    assert payload["unit"] == {"code": "500240001", "name": "南宾街道"}
    assert payload["period"] == "2026-11" and payload["kind"] == "monthly" and payload["revision"] == 1
    assert payload["finalized_at"] == "2026-11-20T10:31:00+08:00"
    assert len(payload["sha256"]) == 64 and payload["sha256"] == digest_of(payload)
    text = canonical_json(payload).decode("utf-8")
    assert "𠀀" in text and ", " not in text.split('"entries"')[0]  # non-ASCII kept, no padding
    assert json.loads(text) == payload


def test_same_report_gives_same_bytes() -> None:
    assert canonical_json(_payload()) == canonical_json(_payload())


def test_round_trip_keeps_hostile_text_exactly() -> None:
    report = _verify(_payload())
    assert report.entry(2).progress == HOSTILE  # type: ignore[union-attr]
    assert report.indicators == [IndicatorValue("high_standard_farmland", 0.08, 1.25, "说明")]
    assert report.finalized_at == FINALIZED


def _tampered(mutate: Any, reseal: bool = True) -> dict[str, Any]:
    """The payload changed, then re-signed with the unit's key (so the field checks themselves are reached)."""
    data = copy.deepcopy(_payload())
    mutate(data)
    return signed(data) if reseal else data


@pytest.mark.parametrize(
    ("data", "code", "message"),
    [
        (_tampered(lambda d: d.__setitem__("format", "excel"), reseal=True), "format", "不是本程序导出的报表文件"),
        (_tampered(lambda d: d.__setitem__("version", 3)), "newer_version", "请先升级本程序"),
        (_tampered(lambda d: d["entries"][0].__setitem__("progress", "改过"), reseal=False), "digest", "校验码不符"),
        (_tampered(lambda d: d.pop("sha256"), reseal=False), "digest", "校验码不符"),
        (_tampered(lambda d: d["unit"].__setitem__("code", "500249999")), "unknown_unit", "不在本程序的单位名单中"),
        (_tampered(lambda d: d["entries"][0].__setitem__("task", 24)), "unknown_task", "任务编号 24 不在任务清单中"),
        (_tampered(lambda d: d.__setitem__("period", "2026-13")), "invalid_period", "报表期间“2026-13”无效"),
        (_tampered(lambda d: d.__setitem__("kind", "quarterly")), "invalid_period", "应为季度末月"),
        (
            _tampered(lambda d: d["entries"].append(copy.deepcopy(d["entries"][0]))),
            "duplicate_entry",
            "任务 2 在报表中出现了两次",
        ),
        (_tampered(lambda d: d["indicators"][0].__setitem__("value", "0.08")), "types", "本期值应为数字"),
        (_tampered(lambda d: d["entries"][0].__setitem__("progress", 42)), "types", "应为文字"),
        (_tampered(lambda d: d["entries"][0].__setitem__("status", "还行")), "types", "推进状态“还行”无效"),
        (_tampered(lambda d: d.__setitem__("revision", 0)), "types", "版本号"),
        (_tampered(lambda d: d["indicators"][0].__setitem__("id", "gdp")), "unknown_indicator", "不在任务清单中"),
        (_tampered(lambda d: d.__setitem__("approved_by", "县长")), "unknown_field", "不认识的字段“approved_by”"),
        (_tampered(lambda d: d["entries"][0].__setitem__("owner", "x")), "unknown_field", "任务2的记录中"),
        (_tampered(lambda d: d["unit"].__setitem__("name", "西沱镇")), "unit_name", "与单位代码 500240001 不符"),
        (_tampered(lambda d: d["entries"][1].__setitem__("progress", "a\x1bb")), "control_character", "U+001B"),
        (_tampered(lambda d: d["entries"][1].__setitem__("remarks", "\u202eabc")), "control_character", "U+202E"),
        (_tampered(lambda d: d["entries"][1].__setitem__("problems", "长" * 2001)), "too_long", "超过上限2000字"),
        (_tampered(lambda d: d["liaison"].__setitem__("name", "名" * 201)), "too_long", "超过上限200字"),
        (_tampered(lambda d: d["indicators"][0].__setitem__("value", 10**400)), "figure_range", "大得不合理"),
        (_tampered(lambda d: d["indicators"][0].__setitem__("value", 2e9)), "figure_range", "大得不合理"),
        (_tampered(lambda d: d.__setitem__("revision", 100)), "types", "1到99"),
        (_tampered(lambda d: d.__setitem__("finalized_at", "2026-11-20T10:31:00")), "types", "带时区"),
        (
            _tampered(lambda d: d["entries"][0].__setitem__("progress", "改过"), reseal=False),
            "bad_signature",
            "签名不符",
        ),
        (_tampered(lambda d: d.__setitem__("signature", {"alg": "rsa"}), reseal=False), "bad_signature", "签名格式"),
    ],
)
def test_every_refusal_has_its_own_message(data: dict[str, Any], code: str, message: str) -> None:
    if code == "bad_signature" and "signature" in data and data["signature"].get("alg") == "ed25519":
        data = seal(data)  # re-digested by the forger: the digest passes, the signature must not
    with pytest.raises(PayloadError) as raised:
        _verify(data)
    assert raised.value.code == code
    assert message in raised.value.message


def test_a_version_1_file_without_signature_needs_allow_unsigned() -> None:
    legacy = seal({k: v for k, v in _payload().items() if k != "signature"} | {"version": 1})
    with pytest.raises(PayloadError) as raised:
        _verify(legacy)
    assert raised.value.code == "unsigned" and "--allow-unsigned" in raised.value.message
    assert _verify(legacy, allow_unsigned=True).entry(2) is not None
    unsigned_v2 = seal({k: v for k, v in _payload().items() if k != "signature"})
    with pytest.raises(PayloadError) as raised:
        _verify(unsigned_v2, allow_unsigned=True)  # a version 2 file must be signed, whatever the flag says
    assert raised.value.code == "unsigned"


def test_the_digest_is_of_the_content_not_of_the_signer() -> None:
    payload = _payload()
    other = signed({k: v for k, v in payload.items()}, FORGER_KEY)
    assert other["sha256"] == payload["sha256"] and other["signature"] != payload["signature"]
    assert verify_payload(other, load_catalog(), load_units()).public_key == FORGER_KEY.public_key


# Only what the form lets a clerk finalize: no control or hidden characters.
_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=80).filter(
    lambda t: not hidden_character(t)
) | st.sampled_from([HOSTILE, "=1+1", "+86", "-", "@SUM(A1)", "𠀀", "😀\n😀", "，。！"])


@st.composite
def _entries(draw: st.DrawFn) -> list[TaskEntry]:
    tasks = draw(st.lists(st.sampled_from(load_catalog().default_tasks_for("500240001")), unique=True, max_size=6))
    return [
        TaskEntry(
            t,
            draw(st.sampled_from(STATUSES)),
            draw(_text),
            "累计" + draw(_text),
            "原因" + draw(_text),
            draw(_text),
            draw(_text),
        )
        for t in tasks
    ]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entries=_entries(), note=_text, value=st.none() | st.floats(0, 100), liaison_name=_text)
def test_property_export_import_export_is_identity(
    tmp_path_factory: pytest.TempPathFactory,
    entries: list[TaskEntry],
    note: str,
    value: float | None,
    liaison_name: str,
) -> None:
    base = tmp_path_factory.mktemp("rt")
    source = Workspace.open(base / "a.sqlite")
    target = Workspace.open(base / "b.sqlite")
    try:
        report = _report(
            entries=entries,
            indicators=[IndicatorValue("high_standard_farmland", value, None, note)],
            liaison=Liaison("科", liaison_name, "13800000000", ""),
        )
        report.id = source.reports.insert(report)
        first = export_json(source, source.reports.load(report.id), base / "out1")
        result = import_file(target, first)
        assert result.outcome is Outcome.IMPORTED, result.message
        again = target.reports.find("500240001", Period(2026, 11), ReportKind.MONTHLY)
        assert again is not None
        second = export_json(target, again, base / "out2")
        assert second.read_bytes() == first.read_bytes()
        assert sorted(again.entries, key=lambda e: e.task) == sorted(entries, key=lambda e: e.task)
    finally:
        source.close()
        target.close()


def test_import_same_file_twice_changes_nothing(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_bytes(canonical_json(_payload()))
    assert import_file(workspace, path).outcome is Outcome.IMPORTED
    assert import_file(workspace, path).outcome is Outcome.SAME
    assert len(workspace.reports.summaries()) == 1


def test_same_revision_with_other_content_is_a_conflict(workspace: Workspace, tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    first.write_bytes(canonical_json(_payload()))
    other = _tampered(lambda d: d["entries"][0].__setitem__("progress", "另一份"))
    second.write_bytes(canonical_json(other))
    assert import_file(workspace, first).outcome is Outcome.IMPORTED
    result = import_file(workspace, second)
    assert result.outcome is Outcome.CONFLICT and "内容不同" in result.message
    assert workspace.reports.find("500240001", Period(2026, 11), ReportKind.MONTHLY).entry(2).progress == HOSTILE  # type: ignore[union-attr]


def test_revisions_supersede(workspace: Workspace, tmp_path: Path) -> None:
    rev1, rev2 = tmp_path / "1.json", tmp_path / "2.json"
    rev1.write_bytes(canonical_json(_payload()))
    rev2.write_bytes(canonical_json(_tampered(lambda d: d.__setitem__("revision", 2))))
    assert import_file(workspace, rev2).outcome is Outcome.IMPORTED
    late = import_file(workspace, rev1)
    assert late.outcome is Outcome.SUPERSEDED and "第2版" in late.message
    assert workspace.reports.find("500240001", Period(2026, 11), ReportKind.MONTHLY).revision == 2  # type: ignore[union-attr]


def test_draft_is_refused(workspace: Workspace, tmp_path: Path) -> None:
    draft = tmp_path / "d.json"
    draft.write_bytes(canonical_json(_tampered(lambda d: d.__setitem__("state", "draft"))))
    result = import_file(workspace, draft)
    assert result.outcome is Outcome.REFUSED and "草稿" in result.message
    assert workspace.reports.summaries() == []


def test_quarterly_narrative_round_trip(workspace: Workspace, tmp_path: Path) -> None:
    report = _report(
        kind=ReportKind.QUARTERLY,
        period=Period(2026, 12),
        entries=[],
        indicators=[],
        narrative=Narrative("一段\n二段", "问题", "=打算"),
    )
    path = tmp_path / "q.json"
    path.write_bytes(canonical_json(signed(build_payload(report, load_units().by_code("500240001")))))
    assert import_file(workspace, path).outcome is Outcome.IMPORTED
    stored = workspace.reports.find("500240001", Period(2026, 12), ReportKind.QUARTERLY)
    assert stored is not None and stored.narrative == Narrative("一段\n二段", "问题", "=打算")
