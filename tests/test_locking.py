"""One writer: commands that change the database stop while the window has it; stale and foreign locks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from shizhu_desktop.locking import COMMAND, WINDOW, DatabaseLock, LockHeldError, holder, lock_path, this_host
from tests.conftest import ROOT, run_cli

HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from shizhu_desktop.locking import DatabaseLock
    lock = DatabaseLock(Path(sys.argv[1]), sys.argv[2], "导入")
    lock.acquire()
    print("HELD", flush=True)
    time.sleep(120)
    """
)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "shizhu.sqlite"
    assert run_cli("demo", "--unit", "南宾街道", "--through", "2026-02", db=path).returncode == 0
    return path


def _hold(db: Path, role: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db), role], stdout=subprocess.PIPE, text=True, env=env
    )
    assert process.stdout is not None and process.stdout.readline().strip() == "HELD"
    return process


def _stop(process: subprocess.Popen[str]) -> None:
    process.kill()  # portable: TerminateProcess on Windows, SIGKILL elsewhere
    process.wait(timeout=30)
    if process.stdout is not None:
        process.stdout.close()


@pytest.fixture
def window_elsewhere(db: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process (as the program's window would) holds the database."""
    process = _hold(db, WINDOW)
    yield process
    _stop(process)


def test_write_commands_refuse_while_the_window_holds_the_database(
    db: Path, tmp_path: Path, window_elsewhere: subprocess.Popen[str]
) -> None:
    exported = run_cli("export", "--unit", "南宾街道", "--period", "2026-02", "--out", str(tmp_path), db=db)
    assert exported.returncode == 0, exported.stderr  # reading is fine while the window is open
    backup = run_cli("backup", db=db)
    assert backup.returncode == 0, backup.stderr
    before = db.read_bytes()
    for command in (
        ["import", exported.stdout.strip()],
        ["restore", backup.stdout.strip()],
        ["demo", "--unit", "西沱镇", "--through", "2026-02"],
        ["keys", "confirm", "西沱镇", "0000", "0000", "0000", "0000", "0000"],
        ["tasklist", "import", exported.stdout.strip()],
    ):
        result = run_cli(*command, db=db)
        assert result.returncode == 1, command
        assert "程序窗口" in result.stderr and f"进程 {window_elsewhere.pid}" in result.stderr, result.stderr
        assert "请先关闭程序窗口" in result.stderr
    assert db.read_bytes() == before
    info = holder(db)
    assert info is not None and info.role == WINDOW and info.host == this_host()
    shown = run_cli("lock", db=db)
    assert shown.returncode == 0 and "程序窗口" in shown.stdout


def test_a_lock_left_by_a_killed_process_is_taken_over(db: Path, tmp_path: Path) -> None:
    process = _hold(db, WINDOW)
    _stop(process)  # a crash: the record stays in the lock file, the OS lock goes with the process
    assert json.loads(lock_path(db).read_text(encoding="utf-8"))["pid"] == process.pid
    assert holder(db) is None
    result = run_cli("demo", "--unit", "西沱镇", "--through", "2026-02", db=db)
    assert result.returncode == 0, result.stderr


def test_a_lock_from_another_computer_is_cleared_only_on_purpose(db: Path) -> None:
    record = {
        "host": "县督查办-PC07",
        "pid": 4242,
        "user": "向文静",
        "since": "2026-11-20T10:31:00",
        "role": WINDOW,
        "what": "",
    }
    lock_path(db).write_text(json.dumps(record, ensure_ascii=False).ljust(1024), encoding="utf-8")
    refused = run_cli("demo", "--unit", "西沱镇", "--through", "2026-02", db=db)
    assert refused.returncode == 1
    assert "电脑“县督查办-PC07”上的用户“向文静”" in refused.stderr and "--clear-lock" in refused.stderr
    shown = run_cli("lock", db=db)
    assert "县督查办-PC07" in shown.stdout
    cleared = run_cli("demo", "--unit", "西沱镇", "--through", "2026-02", "--clear-lock", db=db)
    assert cleared.returncode == 0, cleared.stderr
    assert holder(db) is None


def test_the_lock_command_clears_a_foreign_record_but_never_a_live_lock(db: Path) -> None:
    record = {"host": "别的电脑", "pid": 1, "user": "", "since": "2026-11-20T10:31:00", "role": WINDOW, "what": ""}
    lock_path(db).write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    assert run_cli("lock", "--clear", db=db).returncode == 0
    assert holder(db) is None
    process = _hold(db, COMMAND)
    try:
        live = run_cli("lock", "--clear", db=db)
        assert live.returncode == 1 and "不能清除" in live.stderr
    finally:
        _stop(process)


def test_a_second_lock_in_the_same_process_is_refused(tmp_path: Path) -> None:
    first = DatabaseLock(tmp_path / "a.sqlite", WINDOW)
    first.acquire()
    try:
        with pytest.raises(LockHeldError) as caught:
            DatabaseLock(tmp_path / "a.sqlite").acquire()
        assert caught.value.info is not None and caught.value.info.pid == os.getpid()
        assert not caught.value.clearable
    finally:
        first.release()
    with DatabaseLock(tmp_path / "a.sqlite") as again:
        assert again.held


def test_the_window_does_not_start_while_a_command_changes_the_database(db: Path) -> None:
    process = _hold(db, COMMAND)
    try:
        result = run_cli("--smoke", db=db, env={"QT_QPA_PLATFORM": "offscreen"})
        assert result.returncode == 1 and "命令行正在处理这个数据库" in result.stderr
    finally:
        _stop(process)
