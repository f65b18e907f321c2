"""Signed submissions in the windows (issue 9): 关于 shows the key, the county's 收件日期, marks and key registry."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from shizhu_desktop.domain.periods import Period
from shizhu_desktop.domain.profile import MODE_COUNTY, Profile
from shizhu_desktop.domain.report import CHINA_TZ, Liaison, ReportKind
from shizhu_desktop.interchange.canonical import canonical_json, seal
from shizhu_desktop.services.demo import fill_demo
from shizhu_desktop.services.exchange import export_json
from shizhu_desktop.services.identity import own_key
from shizhu_desktop.services.workspace import Workspace
from shizhu_desktop.ui import messages
from shizhu_desktop.ui.county_window import CountyWindow
from shizhu_desktop.ui.data_actions import key_lines
from shizhu_desktop.ui.keys_dialog import KeysDialog
from shizhu_desktop.ui.report_viewer import provenance
from shizhu_desktop.ui.timeliness_model import FLAGS_ROLE
from tests.gui_helpers import record_boxes, type_text


def _sender(tmp_path: Path, name: str) -> tuple[str, dict[int, Path]]:
    """A unit's database with March reports; its fingerprint and its monthly files by month."""
    source = Workspace.open(tmp_path / "units" / f"{name}.sqlite")
    try:
        unit = source.units.find(name)
        fill_demo(source, unit, Period(2026, 3), today=date(2026, 4, 1))
        files = {}
        for month in (1, 2, 3):
            report = source.reports.find(unit.code, Period(2026, month), ReportKind.MONTHLY)
            assert report is not None
            files[month] = export_json(source, report, tmp_path / "收件箱" / name)
        return own_key(source).fingerprint, files
    finally:
        source.close()


def _county(qtbot: QtBot, tmp_path: Path) -> CountyWindow:
    workspace = Workspace.open(tmp_path / "county.sqlite")
    workspace.profiles.save(Profile("Z01", Liaison("督查科", "向文静", "023-73321111", ""), MODE_COUNTY, []))
    window = CountyWindow(workspace, lambda: datetime(2026, 4, 2, 9, 0, tzinfo=CHINA_TZ))
    qtbot.addWidget(window)
    return window


def _import(qtbot: QtBot, window: CountyWindow, paths: list[Path]) -> None:
    panel = window.import_panel
    with qtbot.waitSignal(panel.finished, timeout=30000):
        panel.start(paths)


def test_about_shows_the_fingerprint_that_key_show_prints(workspace: Workspace) -> None:
    from tests.conftest import run_cli

    workspace.profiles.save(Profile("500240001", Liaison("办", "谭晓燕", "023-73331234", "")))
    lines = key_lines(workspace)
    shown = run_cli("key", "show", db=workspace.path).stdout.splitlines()[0]
    assert lines and shown in lines[0]


def test_received_date_marks_and_confirming_a_key(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fingerprint, files = _sender(tmp_path, "西沱镇")
    window = _county(qtbot, tmp_path)
    receipt = window.import_panel.receipt
    assert receipt is not None and receipt.received_on() == date(2026, 4, 2)  # today by the window's clock
    receipt.received.setDate(receipt.received.date().addDays(5))
    assert receipt.received_on() == date(2026, 4, 2)  # no later than today
    receipt.received.setDate(receipt.received.date().addDays(-6))  # 3月27日: March arrived two days late
    _import(qtbot, window, [files[3]])
    page = window.timeliness_page
    row = next(i for i, r in enumerate(page.model.matrix.rows) if r.unit.name == "西沱镇")  # type: ignore[union-attr]
    march = page.model.index(row, 3)
    assert march.data() == "逾2天" and "3月27日收到" in march.data(Qt.ItemDataRole.ToolTipRole)
    assert march.data(FLAGS_ROLE) == ["密钥待确认"] and "密钥待确认" in march.data(Qt.ItemDataRole.ToolTipRole)
    assert "橙色三角：密钥待确认" in page.legend.text()
    # The county types the fingerprint from the stamped paper and confirms it: the mark goes away.
    dialog = KeysDialog(window.workspace, window)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 2).text() == "待确认"
    dialog.table.setCurrentCell(0, 0)
    assert dialog.fingerprint.text() == ""  # typed from the paper, never copied from the list
    type_text(dialog.fingerprint, fingerprint.lower())
    dialog.confirm_button.click()
    assert dialog.table.item(0, 2).text() == "已确认" and "已确认" in dialog.status.text()
    page.refresh()
    assert page.model.index(row, 3).data() == "逾2天" and page.model.index(row, 3).data(FLAGS_ROLE) == []
    summary = window.workspace.reports.summaries("500240101", Period(2026, 3), ReportKind.MONTHLY)[0]
    assert provenance(window.workspace, summary) == f"收件日期：2026年3月27日　签名密钥：{fingerprint}（已确认）。"


def test_a_wrong_fingerprint_is_not_confirmed_and_a_forger_is_refused(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, files = _sender(tmp_path, "西沱镇")
    window = _county(qtbot, tmp_path)
    _import(qtbot, window, [files[1]])
    dialog = KeysDialog(window.workspace, window)
    qtbot.addWidget(dialog)
    boxes = record_boxes(monkeypatch)
    type_text(dialog.fingerprint, "1234 5678")
    dialog.confirm_button.click()
    assert boxes.texts and "不是密钥指纹" in boxes.texts[-1]
    assert dialog.table.item(0, 2).text() == "待确认"
    # Replacing asks first (no by default): answered no, nothing changes.
    monkeypatch.setattr(messages, "ask", lambda *a, **k: False)
    dialog.fingerprint.setText("AAAA BBBB CCCC DDDD EEEE")
    dialog.replace_button.click()
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 2).text() == "待确认"
    # An unsigned version 1 file needs the box ticked, and is then marked 未签名.
    legacy = json.loads(files[2].read_text(encoding="utf-8"))
    legacy = seal({k: v for k, v in legacy.items() if k != "signature"} | {"version": 1})
    old = tmp_path / "old" / "legacy.json"
    old.parent.mkdir()
    old.write_bytes(canonical_json(legacy))
    _import(qtbot, window, [old])
    assert window.import_panel.model.counts() == {"已拒绝": 1}
    assert window.import_panel.receipt is not None
    window.import_panel.receipt.allow_unsigned.setChecked(True)
    _import(qtbot, window, [old])
    assert window.import_panel.model.counts() == {"已导入": 1}
    page = window.timeliness_page
    row = next(i for i, r in enumerate(page.model.matrix.rows) if r.unit.name == "西沱镇")  # type: ignore[union-attr]
    february = page.model.index(row, 2)
    assert february.data(FLAGS_ROLE) == ["未签名"] and "未签名" in february.data(Qt.ItemDataRole.ToolTipRole)


def test_a_unit_accepts_a_new_county_key_only_with_the_fingerprint_read_out(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog, QInputDialog, QWidget

    from shizhu_desktop.services import tasklist
    from shizhu_desktop.services.tasklist_trust import pinned_county_key
    from shizhu_desktop.ui.tasklist_actions import import_tasklist_from_file

    lists = []
    for name, day in (("old-county", date(2026, 11, 20)), ("new-county", date(2026, 12, 1))):  # old PC, new PC
        county = Workspace.open(tmp_path / f"{name}.sqlite")
        tasklist.publish_catalog(county, tasklist.edit_task(county.catalog, 5, title=name), today=day)
        lists.append((tasklist.export_tasklist(county, tmp_path / name, today=day), own_key(county)))
        county.close()
    unit = Workspace.open(tmp_path / "unit.sqlite")
    tasklist.import_tasklist(unit, lists[0][0])
    parent = QWidget()
    qtbot.addWidget(parent)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(lists[1][0]), ""))
    monkeypatch.setattr(messages, "ask", lambda *a, **k: True)
    boxes = record_boxes(monkeypatch)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("0000 1111 2222 3333 4444", True))
    assert import_tasklist_from_file(parent, unit) is False  # a wrong fingerprint: nothing imported
    assert "不一致" in boxes.texts[-1]
    assert pinned_county_key(unit)[1] == lists[0][1].fingerprint  # type: ignore[index]
    typed = lists[1][1].fingerprint.replace(" ", "").lower()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (typed, True))
    assert import_tasklist_from_file(parent, unit) is True
    assert pinned_county_key(unit)[1] == lists[1][1].fingerprint  # type: ignore[index]
    # Declining the question imports nothing and never asks for a fingerprint.
    monkeypatch.setattr(messages, "ask", lambda *a, **k: False)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(lists[0][0]), ""))
    assert import_tasklist_from_file(parent, unit) is False
    unit.close()
