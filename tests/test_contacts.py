"""The county's contact list and organ names: stored, imported from a hostile Excel file, edited in the window."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pdfplumber
import pytest
from openpyxl import Workbook
from pytestqt.qtbot import QtBot

from shizhu_desktop.domain.periods import Period
from shizhu_desktop.domain.units import Contact
from shizhu_desktop.services.contacts import MAX_FILE_BYTES, ContactFileError, read_contacts
from shizhu_desktop.services.exporting import export_report
from shizhu_desktop.services.workspace import Workspace
from shizhu_desktop.store.unit_directory import UnitDirectoryRepository
from shizhu_desktop.ui.contacts_dialog import COL_NAME, COL_ORGAN, COL_PHONE, ContactsDialog
from shizhu_desktop.ui.setup_dialog import SetupDialog
from tests.gui_helpers import type_text
from tests.test_exports_data import monthly_report, no_system_fonts  # noqa: F401  (the fixture)


def _book(path: Path, rows: list[list[object]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def test_import_reads_a_list_and_says_what_changes(workspace: Workspace, tmp_path: Path) -> None:
    path = _book(
        tmp_path / "名单.xlsx",
        [
            ["石柱县各单位联系人名单"],
            ["单位名称", "联系人", "联系电话", "责任科室", "机关名称"],
            ["南宾街道", "谭丽", "023-73331234", "党政办", ""],
            ["500240101", "马海军", 13812345678, "", "西沱镇人民政府"],
            ["不存在的镇", "某某", "023-73331111"],
            ["黄水镇", "冉明", '=HYPERLINK("http://x","点我")'],
            ["中益乡", "向红", "12345"],
            ["龙潭乡", "长" * 25, "023-73330000"],
            ["金竹乡", "秦小兵", "023-73330001"],
        ],
    )
    directory = UnitDirectoryRepository(workspace.db)
    directory.save_contacts([Contact("500240219", "秦小兵", "023-73330001")])  # 金竹乡: unchanged
    found = read_contacts(path, workspace.units, directory.contacts(), directory.organs())
    assert found.contacts["500240001"] == Contact("500240001", "谭丽", "023-73331234", "党政办")
    assert found.contacts["500240101"].phone == "13812345678"  # a number typed as a number
    assert set(found.contacts) == {"500240001", "500240101", "500240219"}
    assert found.organs == {"500240101": "西沱镇人民政府"}
    assert "南宾街道：新增联系人 谭丽 023-73331234 党政办" in found.changes
    assert not any("金竹乡" in c for c in found.changes) and not any("西沱镇：机关名称" in c for c in found.changes)
    problems = "\n".join(found.problems)
    assert "第5行：找不到单位“不存在的镇”" in problems
    assert "第6行的“联系电话”是公式，没有读取" in problems  # never evaluated, never stored
    assert "第7行（中益乡）的电话“12345”格式不对" in problems
    assert "第8行（龙潭乡）的“联系人”超过20个字" in problems


@pytest.mark.parametrize("kind", ["large", "not-zip", "macro", "no-header"])
def test_hostile_files_are_refused_whole(workspace: Workspace, tmp_path: Path, kind: str) -> None:
    path = tmp_path / "名单.xlsx"
    if kind == "large":
        path.write_bytes(b"PK" + b"\0" * (MAX_FILE_BYTES + 1))
        message = "太大"
    elif kind == "not-zip":
        path.write_text("单位,联系人\n南宾街道,谭丽\n", encoding="utf-8")
        message = "不是Excel"
    elif kind == "macro":
        _book(path, [["单位", "联系人"], ["南宾街道", "谭丽"]])
        with zipfile.ZipFile(path, "a") as archive:
            archive.writestr("xl/vbaProject.bin", b"\0" * 16)
        message = "含有宏"
    else:
        _book(path, [["甲", "乙"], ["南宾街道", "谭丽"]])
        message = "找不到标题行"
    with pytest.raises(ContactFileError, match=message):
        read_contacts(path, workspace.units, {}, {})


def test_dialog_edits_imports_and_saves(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    directory = UnitDirectoryRepository(workspace.db)
    dialog = ContactsDialog(workspace.units, directory)
    qtbot.addWidget(dialog)
    row = next(i for i, u in enumerate(dialog.rows) if u.name == "西沱镇")
    assert dialog.table.item(row, COL_ORGAN).text() == "西沱镇人民政府"
    dialog.table.item(row, COL_PHONE).setText("1234")
    assert not dialog.save() and "西沱镇" in dialog.message.text()  # a wrong phone is shown, nothing saved
    assert directory.contacts() == {}
    path = _book(tmp_path / "名单.xlsx", [["单位", "联系人", "联系电话"], ["西沱镇", "马海军", "023-73381234"]])
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.Yes)
    found = dialog.import_file(path)
    assert found is not None and found.changes == ["西沱镇：联系人 1234 → 马海军 023-73381234"]
    assert dialog.table.item(row, COL_NAME).text() == "马海军"
    dialog.table.item(row, COL_ORGAN).setText("石柱土家族自治县西沱镇人民政府")
    assert dialog.save()
    assert directory.contacts()["500240101"] == Contact("500240101", "马海军", "023-73381234", "")
    assert directory.organs() == {"500240101": "石柱土家族自治县西沱镇人民政府"}


def test_setup_dialog_keeps_the_organ_name_and_the_pdf_prints_it(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SHIZHU_FONT_DIRS", "")
    directory = UnitDirectoryRepository(workspace.db)
    dialog = SetupDialog(workspace.catalog, workspace.units, directory=directory)
    qtbot.addWidget(dialog)
    dialog.picker.select("500240213")
    dialog._on_unit_chosen(workspace.units.by_code("500240213"))
    assert dialog.organ_edit.text() == "中益乡人民政府"
    dialog.organ_edit.setText("")
    type_text(dialog.organ_edit, "石柱土家族自治县中益乡人民政府")
    type_text(dialog.name_edit, "向文静")
    type_text(dialog.phone_edit, "023-73321111")
    dialog.accept()
    assert dialog.result() == SetupDialog.DialogCode.Accepted
    assert directory.organs() == {"500240213": "石柱土家族自治县中益乡人民政府"}
    report = monthly_report(workspace, "500240213", Period(2026, 11))
    with pdfplumber.open(export_report(workspace, report, "pdf", tmp_path)) as pdf:
        assert "填报单位（盖章）：石柱土家族自治县中益乡人民政府" in (pdf.pages[0].extract_text() or "")
