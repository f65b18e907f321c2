"""The one replace helper: a file held open by Excel, a read-only folder, a full disk — each a Chinese message,
no temporary file left, and an existing file of the same name untouched."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest

from shizhu_desktop import fileio
from shizhu_desktop.fileio import FileInUseError, FileWriteError, replacing, write_bytes
from tests.filesystems import fill, read_only, tiny_disk


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".part" in p.name)


def test_a_new_file_appears_complete_under_its_name(tmp_path: Path) -> None:
    target = tmp_path / "报表.json"
    with replacing(target) as temporary:
        temporary.write_bytes(b"{}")
        assert temporary.parent == tmp_path and temporary.name.startswith(".") and not target.exists()
    assert target.read_bytes() == b"{}"
    assert _leftovers(tmp_path) == []


def test_a_file_held_open_on_windows_is_retried_then_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # On Windows os.replace fails with PermissionError ([WinError 5]) while Excel or WPS has the target open.
    target = tmp_path / "汇总表.xlsx"
    target.write_bytes(b"old")
    calls = []

    def held(src: object, dst: object) -> None:
        calls.append(dst)
        raise PermissionError(errno.EACCES, "[WinError 5] 拒绝访问。")

    monkeypatch.setattr(fileio, "REPLACE_RETRY_SECONDS", 0.3)
    monkeypatch.setattr(os, "replace", held)
    with pytest.raises(FileInUseError) as caught:
        write_bytes(target, b"new")
    message = str(caught.value)
    assert "文件正在被其他程序打开，请先关闭“汇总表.xlsx”" in message and "WinError" not in message
    assert len(calls) > 1  # retried while the viewer might let go
    assert target.read_bytes() == b"old" and _leftovers(tmp_path) == []


def test_a_file_let_go_during_the_retries_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "通报.pdf"
    target.write_bytes(b"old")
    real = os.replace
    attempts = []

    def busy_twice(src: str, dst: str) -> None:
        attempts.append(dst)
        if len(attempts) < 3:
            raise PermissionError(errno.EACCES, "in use")
        real(src, dst)

    monkeypatch.setattr(os, "replace", busy_twice)
    write_bytes(target, b"new")
    assert target.read_bytes() == b"new" and len(attempts) == 3


def test_a_writer_that_fails_leaves_nothing_and_passes_its_error(tmp_path: Path) -> None:
    target = tmp_path / "a.pdf"
    target.write_bytes(b"old")
    with pytest.raises(ValueError, match="缺字"), replacing(target) as temporary:
        temporary.write_bytes(b"half")
        raise ValueError("缺字")
    assert target.read_bytes() == b"old" and _leftovers(tmp_path) == []


def test_a_read_only_folder_is_a_chinese_message(tmp_path: Path) -> None:
    folder = tmp_path / "只读"
    folder.mkdir()
    (folder / "旧.json").write_bytes(b"old")
    with read_only(folder), pytest.raises(FileWriteError) as caught:
        write_bytes(folder / "旧.json", b"new")
    assert "只读" in str(caught.value) and "旧.json" in str(caught.value)
    assert (folder / "旧.json").read_bytes() == b"old" and _leftovers(folder) == []


def test_a_full_disk_leaves_the_old_file_and_no_partial_one(tmp_path: Path) -> None:
    with tiny_disk(tmp_path / "disk") as disk:
        target = disk / "报表.json"
        target.write_bytes(b"old")
        fill(disk)
        with pytest.raises(FileWriteError) as caught:
            write_bytes(target, b"x" * 100_000)
        assert "磁盘空间不足" in str(caught.value) and "报表.json" in str(caught.value)
        assert target.read_bytes() == b"old" and _leftovers(disk) == []


def test_every_exporter_names_a_file_held_open(
    workspace: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from shizhu_desktop.consolidation.exporting import export_reminders, export_summary
    from shizhu_desktop.domain.periods import Period
    from shizhu_desktop.domain.report import ReportKind
    from shizhu_desktop.services.demo import fill_demo
    from shizhu_desktop.services.exporting import export_report
    from shizhu_desktop.services.tasklist import export_tasklist

    ws: Any = workspace
    unit = ws.units.find("西沱镇")
    fill_demo(ws, unit, Period(2026, 10))
    report = ws.reports.find(unit.code, Period(2026, 10), ReportKind.MONTHLY)
    out = tmp_path / "导出"
    writers = {
        "json": lambda: export_report(ws, report, "json", out),
        "xlsx": lambda: export_report(ws, report, "xlsx", out),
        "pdf": lambda: export_report(ws, report, "pdf", out, allow_missing=True),
        "汇总": lambda: export_summary(ws, Period(2026, 10), "xlsx", out),
        "催报名单": lambda: export_reminders(ws, Period(2026, 10), out),
        "任务清单": lambda: export_tasklist(ws, out),
    }
    first = {name: write() for name, write in writers.items()}  # each file exists, as if open in Excel or WPS
    before = {path: path.read_bytes() for path in first.values()}
    monkeypatch.setattr(fileio, "REPLACE_RETRY_SECONDS", 0.2)
    monkeypatch.setattr(os, "replace", lambda src, dst: (_ for _ in ()).throw(PermissionError(13, "[WinError 5]")))
    for name, write in writers.items():
        with pytest.raises(FileInUseError) as caught:
            write()
        assert f"请先关闭“{first[name].name}”" in str(caught.value), name
    assert {path: path.read_bytes() for path in first.values()} == before
    assert _leftovers(out) == []
