"""Signed submissions (issue 9): forged files are refused, a confirmed key holds, timeliness follows 收件日期."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from shizhu_desktop.domain.periods import Period
from shizhu_desktop.domain.report import CHINA_TZ, ReportKind, now_china
from shizhu_desktop.interchange.canonical import canonical_json, seal
from shizhu_desktop.interchange.signing import sign_payload
from shizhu_desktop.services.demo import fill_demo
from shizhu_desktop.services.exchange import Outcome, export_json, import_file
from shizhu_desktop.services.identity import ClockError, own_key
from shizhu_desktop.services.reporting import ReportingService
from shizhu_desktop.services.workspace import Workspace
from tests.conftest import run_cli
from tests.signing_helpers import FORGER_KEY

NOVEMBER = Period(2026, 11)


def _unit(tmp_path: Path, name: str) -> tuple[Path, dict[str, Path]]:
    """A unit's database with demo reports through November, and its November and October files (json)."""
    db = tmp_path / "units" / f"{name}.sqlite"
    workspace = Workspace.open(db)
    try:
        unit = workspace.units.find(name)
        fill_demo(workspace, unit, NOVEMBER, today=date(2026, 12, 1))
        files = {}
        for month in (10, 11):
            report = workspace.reports.find(unit.code, Period(2026, month), ReportKind.MONTHLY)
            assert report is not None and report.is_final
            files[str(month)] = export_json(workspace, report, tmp_path / "sent" / name)
    finally:
        workspace.close()
    return db, files


def _load(path: Path) -> dict[str, Any]:
    return dict(json.loads(path.read_text(encoding="utf-8")))


def _write(path: Path, payload: dict[str, Any]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(canonical_json(payload))
    return path


def _table_dump(db: Path) -> list[Any]:
    conn = sqlite3.connect(db)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return [(t, conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()) for t in tables]
    finally:
        conn.close()


@pytest.fixture
def county(tmp_path: Path) -> dict[str, Any]:
    """黄水镇 and 南宾街道 send October (received 11-02); the county confirms 南宾街道's key by phone."""
    huangshui_db, huangshui = _unit(tmp_path, "黄水镇")
    nanbin_db, nanbin = _unit(tmp_path, "南宾街道")
    county_db = tmp_path / "county.sqlite"
    for files in (huangshui, nanbin):
        result = run_cli("import", "--received", "2026-11-02", str(files["10"]), db=county_db)
        assert result.returncode == 0, result.stderr
        assert "待确认" in result.stdout
    shown = run_cli("key", "show", db=nanbin_db)
    fingerprint = shown.stdout.splitlines()[0]
    confirmed = run_cli("keys", "confirm", "南宾街道", fingerprint, db=county_db)
    assert confirmed.returncode == 0 and "已确认" in confirmed.stdout, confirmed.stderr
    return {
        "db": county_db,
        "huangshui": huangshui,
        "nanbin": nanbin,
        "nanbin_db": nanbin_db,
        "huangshui_db": huangshui_db,
        "nanbin_fp": fingerprint,
    }


def test_key_show_prints_the_fingerprint_first_and_no_secret(tmp_path: Path) -> None:
    db, files = _unit(tmp_path, "南宾街道")
    shown = run_cli("key", "show", db=db)
    assert shown.returncode == 0
    first = shown.stdout.splitlines()[0]
    assert len(first) == 24 and [len(g) for g in first.split(" ")] == [4] * 5
    workspace = Workspace.open(db)
    private = own_key(workspace).private_key
    workspace.close()
    import base64

    secret = base64.b64encode(private).decode()
    assert secret not in shown.stdout
    for path in files.values():
        assert secret not in path.read_text(encoding="utf-8") and first.replace(" ", "") not in path.read_text()


def test_forgeries_built_from_the_file_format_are_refused_and_change_nothing(
    county: dict[str, Any], tmp_path: Path
) -> None:
    db = county["db"]
    nanbin_nov = _load(county["nanbin"]["11"])
    huangshui_nov = _load(county["huangshui"]["11"])
    forged: dict[str, Path] = {}
    # 1. 黄水镇's November relabelled as 南宾街道's, digest recomputed and signed with the forger's own key.
    other_unit = dict(huangshui_nov, unit={"code": "500240001", "name": "南宾街道"})
    forged["other_unit"] = _write(tmp_path / "f" / "other_unit.json", sign_payload(other_unit, FORGER_KEY))
    # 2. A "revision 2" of 南宾街道's November where every task is 已完成.
    done = dict(
        nanbin_nov,
        revision=2,
        entries=[dict(e, status="已完成", cumulative="已全部完成") for e in nanbin_nov["entries"]],
    )
    forged["revision"] = _write(tmp_path / "f" / "revision.json", sign_payload(done, FORGER_KEY))
    # 3. Backdated: the same content claiming to be finalized on 11-20.
    backdated = dict(
        nanbin_nov, finalized_at="2026-11-20T09:00:00+08:00", first_finalized_at="2026-11-20T09:00:00+08:00"
    )
    forged["backdated_signed"] = _write(tmp_path / "f" / "backdated_signed.json", sign_payload(backdated, FORGER_KEY))
    forged["backdated_resealed"] = _write(tmp_path / "f" / "backdated_resealed.json", seal(backdated))
    # 4. A payload changed and re-digested, the unit's signature left in place.
    changed = dict(nanbin_nov, entries=[dict(e, progress="本月无进展") for e in nanbin_nov["entries"]])
    forged["re_digested"] = _write(tmp_path / "f" / "re_digested.json", seal(changed))
    # 5. The signature block of a genuine file pasted onto another unit's content.
    pasted = dict(huangshui_nov, signature=nanbin_nov["signature"])
    forged["pasted_signature"] = _write(tmp_path / "f" / "pasted.json", seal(pasted))
    before = _table_dump(db)
    for name, path in forged.items():
        result = run_cli("import", str(path), db=db)
        assert result.returncode == 1, (name, result.stdout)
        assert "已拒绝" in result.stderr and "Traceback" not in result.stderr, name
        if name in ("other_unit", "revision", "backdated_signed"):
            assert county["nanbin_fp"] in result.stderr and "keys replace" in result.stderr, (name, result.stderr)
        else:
            assert "签名不符" in result.stderr, (name, result.stderr)
        assert _table_dump(db) == before, name
    # All of them together, as a folder: one line each, nothing stored.
    together = run_cli("import", str(tmp_path / "f"), db=db)
    assert together.returncode == 1 and together.stderr.count("已拒绝") == len(forged)
    assert _table_dump(db) == before


def test_a_unit_not_yet_heard_from_is_taken_on_first_use_and_then_holds(county: dict[str, Any], tmp_path: Path) -> None:
    db = county["db"]
    # 黄水镇's key is only pending: a file signed by another key is refused all the same.
    relabelled = _load(county["huangshui"]["11"])
    refused = run_cli("import", str(_write(tmp_path / "x.json", sign_payload(relabelled, FORGER_KEY))), db=db)
    assert refused.returncode == 1 and "待确认的密钥指纹为" in refused.stderr
    genuine = run_cli("import", "--received", "2026-11-24", str(county["huangshui"]["11"]), db=db)
    assert genuine.returncode == 0, genuine.stderr
    listed = run_cli("keys", "list", db=db)
    lines = {line.split()[0]: line for line in listed.stdout.splitlines()}
    assert "已确认" in lines["南宾街道"] and county["nanbin_fp"] in lines["南宾街道"]
    assert "待确认" in lines["黄水镇"]


def test_a_new_pc_is_accepted_only_on_purpose(county: dict[str, Any], tmp_path: Path) -> None:
    db = county["db"]
    # 南宾街道 reinstalled: a new database, a new key, the same unit.
    new_db, files = _unit(tmp_path / "new-pc", "南宾街道")
    new_fp = run_cli("key", "show", db=new_db).stdout.splitlines()[0]
    assert new_fp != county["nanbin_fp"]
    refused = run_cli("import", "--received", "2026-11-24", str(files["11"]), db=db)
    assert refused.returncode == 1 and new_fp in refused.stderr and county["nanbin_fp"] in refused.stderr
    wrong = run_cli("keys", "confirm", "南宾街道", new_fp, db=db)
    assert wrong.returncode == 1 and "keys replace" in wrong.stderr  # confirm does not override a confirmed key
    typo = run_cli("keys", "replace", "南宾街道", "1234", db=db)
    assert typo.returncode == 1 and "不是密钥指纹" in typo.stderr
    replaced = run_cli("keys", "replace", "500240001", new_fp.replace(" ", "-").lower(), db=db)
    assert replaced.returncode == 0 and "已更换" in replaced.stdout, replaced.stderr
    accepted = run_cli("import", "--received", "2026-11-24", str(files["11"]), db=db)
    assert accepted.returncode == 0, accepted.stderr
    old_pc = run_cli("import", "--received", "2026-11-24", str(county["nanbin"]["11"]), db=db)
    assert old_pc.returncode == 1 and "已停用的旧密钥" in old_pc.stderr
    states = {line.split()[2].replace(" ", ""): line for line in run_cli("keys", "list", db=db).stdout.splitlines()}
    assert any("已更换" in line and county["nanbin_fp"] in line for line in states.values())


def test_a_key_confirmed_by_phone_before_its_first_file(tmp_path: Path) -> None:
    db, files = _unit(tmp_path, "龙潭乡")
    fingerprint = run_cli("key", "show", db=db).stdout.splitlines()[0]
    county = tmp_path / "county.sqlite"
    assert run_cli("keys", "confirm", "龙潭乡", fingerprint, db=county).returncode == 0
    forged = sign_payload(_load(files["11"]), FORGER_KEY)
    assert run_cli("import", str(_write(tmp_path / "f.json", forged)), db=county).returncode == 1
    result = run_cli("import", "--received", "2026-11-20", str(files["11"]), db=county)
    assert result.returncode == 0 and "待确认" not in result.stdout


def test_timeliness_follows_received_and_unsigned_files_are_marked(county: dict[str, Any], tmp_path: Path) -> None:
    db = county["db"]
    late = run_cli("import", "--received", "2026-11-28", str(county["nanbin"]["11"]), db=db)
    assert late.returncode == 0
    # A version 1 file from an old program: refused, then imported on purpose and marked 未签名.
    legacy = _load(county["huangshui"]["11"])
    legacy = seal({k: v for k, v in legacy.items() if k != "signature"} | {"version": 1})
    path = _write(tmp_path / "old" / "legacy.json", legacy)
    assert "--allow-unsigned" in run_cli("import", str(path), db=db).stderr
    allowed = run_cli("import", "--allow-unsigned", "--received", "2026-11-25", str(path), db=db)
    assert allowed.returncode == 0 and "未签名" in allowed.stdout
    data = json.loads(run_cli("timeliness", "--year", "2026", "--json", "--today", "2026-12-01", db=db).stdout)
    units = {u["name"]: u for u in data["units"]}
    nanbin, huangshui = units["南宾街道"], units["黄水镇"]
    assert nanbin["cells"][10] == "逾期3天" and nanbin["details"][10]["received"] == "2026-11-28"
    assert nanbin["details"][10]["finalized_at"].startswith("2026-11-")  # the unit's own 定稿 time, shown
    assert nanbin["details"][9]["flags"] == [] and huangshui["details"][9]["flags"] == ["密钥待确认"]
    assert huangshui["cells"][10] == "按时" and huangshui["details"][10]["flags"] == ["未签名"]
    text = run_cli("timeliness", "--year", "2026", "--today", "2026-12-01", db=db).stdout
    assert "按时※" in text and "※ 未签名" in text
    future = run_cli("import", "--received", (now_china().date() + timedelta(days=3)).isoformat(), str(path), db=db)
    assert future.returncode == 2 and "晚于今天" in future.stderr


def test_a_wrong_pc_clock_stops_finalizing_and_exporting(tmp_path: Path) -> None:
    db, _ = _unit(tmp_path, "西沱镇")
    workspace = Workspace.open(db)
    try:
        # This PC saved something "tomorrow": its clock has since been set back.
        tomorrow = (now_china() + timedelta(days=1)).isoformat()
        workspace.db.execute(
            "INSERT INTO audit_log (at, who, entity, field) VALUES (?, '测试', 'report', 'state')", [tomorrow]
        )
        profile = workspace.profile()
        assert profile is not None
        service = ReportingService(workspace, profile)
        draft = service.report(Period(2026, 12))
        with pytest.raises(ClockError, match="这台电脑的日期不对"):
            service.finalize(draft, datetime(2026, 12, 20, tzinfo=CHINA_TZ))
    finally:
        workspace.close()
    for fmt in ("json", "xlsx", "pdf"):
        result = run_cli(
            "export", "--unit", "西沱镇", "--period", "2026-11", "--format", fmt, "--out", str(tmp_path / fmt), db=db
        )
        assert result.returncode == 1 and "这台电脑的日期不对" in result.stderr and "Traceback" not in result.stderr
        assert not (tmp_path / fmt).exists() or not list((tmp_path / fmt).iterdir())


def test_an_imported_report_is_re_exported_with_its_own_signature(county: dict[str, Any], tmp_path: Path) -> None:
    workspace = Workspace.open(county["db"])
    try:
        stored = workspace.reports.find("500240001", Period(2026, 10), ReportKind.MONTHLY)
        assert stored is not None
        again = export_json(workspace, stored, tmp_path / "again")
        assert again.read_bytes() == county["nanbin"]["10"].read_bytes()
        other = Workspace.open(tmp_path / "elsewhere.sqlite")
        assert import_file(other, again, received_on=date(2026, 11, 2)).outcome is Outcome.IMPORTED
        other.close()
    finally:
        workspace.close()


def test_the_fingerprint_key_show_prints_is_in_the_pdf_text(tmp_path: Path) -> None:
    import pdfplumber

    db, _ = _unit(tmp_path, "黄水镇")
    fingerprint = run_cli("key", "show", db=db).stdout.splitlines()[0]
    for kind, period in (("monthly", "2026-11"), ("quarterly", "2026-09")):
        out = run_cli(
            "export",
            "--unit",
            "黄水镇",
            "--period",
            period,
            "--kind",
            kind,
            "--format",
            "pdf",
            "--out",
            str(tmp_path),
            db=db,
        )
        assert out.returncode == 0, out.stderr
        with pdfplumber.open(out.stdout.strip()) as pdf:
            text = "\n".join(page.extract_text() or "" for page in pdf.pages)
        assert fingerprint in text, (kind, fingerprint)
        assert "校验码" in text
