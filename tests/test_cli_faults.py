"""Whatever the command line is given, it ends with a Chinese message and exit status 1, never a traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from shizhu_desktop import cli
from tests.conftest import run_cli
from tests.filesystems import read_only


def _refused(result: object, *words: str) -> None:
    out = result.stdout + result.stderr  # type: ignore[attr-defined]
    assert result.returncode == 1, out  # type: ignore[attr-defined]
    assert "Traceback" not in out and all(word in out for word in words), out


def test_a_folder_or_a_stranger_file_as_database(tmp_path: Path) -> None:
    _refused(run_cli("timeliness", "--year", "2026", db=tmp_path), "不是一个普通文件")
    stranger = tmp_path / "笔记.sqlite"
    stranger.write_text("这不是数据库" * 200, encoding="utf-8")
    _refused(run_cli("timeliness", "--year", "2026", db=stranger), "已损坏，或不是本程序的数据库", "restore")


def test_a_new_database_in_a_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "光盘"
    folder.mkdir()
    with read_only(folder):
        _refused(run_cli("demo", "--unit", "西沱镇", "--through", "2026-01", db=folder / "shizhu.sqlite"), "无法在")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_special_files_given_directly_never_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "管道.json"
    os.mkfifo(fifo)
    db = tmp_path / "shizhu.sqlite"
    _refused(run_cli("import", str(fifo), db=db), "不是普通文件")
    _refused(run_cli("restore", str(fifo), db=db), "不是本程序的备份")
    _refused(run_cli("restore", str(tmp_path), db=db), "不是本程序的备份")
    _refused(run_cli("tasklist", "import", str(fifo), db=db), "不是普通文件")


def test_a_hostile_task_list_is_refused(tmp_path: Path) -> None:
    deep = tmp_path / "清单.json"
    deep.write_text("[" * 50_000 + "]" * 50_000, encoding="utf-8")
    _refused(run_cli("tasklist", "import", str(deep), db=tmp_path / "shizhu.sqlite"), "嵌套")


def test_a_backup_to_a_write_protected_stick(tmp_path: Path) -> None:
    db = tmp_path / "shizhu.sqlite"
    assert run_cli("demo", "--unit", "西沱镇", "--through", "2026-01", db=db).returncode == 0
    stick = tmp_path / "U盘"
    stick.mkdir()
    with read_only(stick):
        _refused(run_cli("backup", "--out", str(stick / "备份.sqlite"), db=db), "只读")


def test_an_unforeseen_error_is_one_chinese_line_and_a_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SHIZHU_DB", str(tmp_path / "shizhu.sqlite"))
    from shizhu_desktop.cli import reports

    def broken(args: object) -> int:
        raise KeyError("某个意外")

    monkeypatch.setattr(reports, "cmd_units", broken)
    assert cli.main(["units"]) == 1
    err = capsys.readouterr().err
    assert "意外错误（KeyError" in err and "Traceback" not in err and "错误记录.log" in err
    assert "Traceback" in (tmp_path / "错误记录.log").read_text(encoding="utf-8")
