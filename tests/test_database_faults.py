"""Database faults: damaged files, backups that are not ours, read-only places, network drives, a full disk."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from shizhu_desktop.services.workspace import Workspace
from shizhu_desktop.store import DamagedDatabaseError, DatabaseError
from shizhu_desktop.store.backup import check_backup_file, restore_database
from shizhu_desktop.store.checked import passed_before
from shizhu_desktop.store.db import backup_copy
from shizhu_desktop.store.location import network_filesystem, sqlite_uri
from tests.conftest import run_cli
from tests.filesystems import fill, read_only, tiny_disk

PAGE = 4096


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    db = tmp_path / "数据" / "shizhu.sqlite"
    assert run_cli("demo", "--unit", "西沱镇", "--through", "2026-06", db=db).returncode == 0
    return db


def _reports(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute("SELECT COUNT(*) FROM reports").fetchone()[0])
    finally:
        conn.close()


def _checkpoint(db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def _overwrite_page_one(db: Path) -> None:
    with open(db, "r+b") as out:
        out.write(b"\xff" * 200)


def _truncate(db: Path) -> None:
    with open(db, "r+b") as out:
        out.truncate(db.stat().st_size // 3 + 100)


def _scramble_a_middle_page(db: Path) -> None:
    # The b-tree header and cell pointers of a page in the middle: structure, not just text, is destroyed.
    pages = db.stat().st_size // PAGE
    with open(db, "r+b") as out:
        out.seek((pages // 2) * PAGE)
        out.write(bytes((i * 37 + 11) % 256 for i in range(120)))


@pytest.mark.parametrize("damage", [_overwrite_page_one, _truncate, _scramble_a_middle_page])
def test_a_damaged_database_is_never_opened_and_restore_keeps_it_aside(demo_db: Path, damage: object) -> None:
    backup = run_cli("backup", db=demo_db)
    assert backup.returncode == 0, backup.stderr
    good = Path(backup.stdout.strip())
    count = _reports(demo_db)
    _checkpoint(demo_db)
    damage(demo_db)  # type: ignore[operator]
    damaged_bytes = demo_db.read_bytes()
    with pytest.raises(DamagedDatabaseError):
        Workspace.open(demo_db)
    refused = run_cli("export", "--unit", "西沱镇", "--period", "2026-05", "--out", str(demo_db.parent), db=demo_db)
    assert refused.returncode == 1 and "已损坏" in refused.stderr and "Traceback" not in refused.stderr
    assert f'restore "{good}"' in refused.stderr  # the command line says which command to run
    assert run_cli("backup", db=demo_db).returncode == 1  # no copy of a damaged database
    assert demo_db.read_bytes() == damaged_bytes  # nothing was written into it
    restored = run_cli("restore", str(good), db=demo_db)
    assert restored.returncode == 0, restored.stderr
    [aside] = demo_db.parent.glob("shizhu-已损坏-*.sqlite")
    assert aside.read_bytes() == damaged_bytes  # kept, renamed, never deleted
    assert _reports(demo_db) == count


def test_backup_checks_integrity_first_and_refuses_a_damaged_copy(demo_db: Path, tmp_path: Path) -> None:
    conn = sqlite3.connect(demo_db)
    # An index that no longer matches its table: quick_check at start passes, integrity_check does not.
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute(
        "UPDATE sqlite_master SET sql = 'CREATE INDEX audit_log_report ON audit_log (field)' "
        "WHERE name = 'audit_log_report'"
    )
    conn.commit()
    conn.close()
    workspace = Workspace.open(demo_db)
    try:
        with pytest.raises(DamagedDatabaseError, match="不能备份"):
            backup_copy(workspace.db, demo_db, "手动备份", tmp_path / "copy.sqlite")
    finally:
        workspace.close()
    assert not (tmp_path / "copy.sqlite").exists()
    assert [p for p in tmp_path.iterdir() if ".part" in p.name] == []


@pytest.mark.parametrize(
    "extra",
    [
        "CREATE TABLE extra (x)",
        "CREATE VIEW v AS SELECT * FROM reports",
        "CREATE TRIGGER t AFTER INSERT ON reports BEGIN DELETE FROM entries; END",
        "CREATE INDEX i ON entries (progress)",
    ],
)
def test_restore_accepts_only_a_schema_this_program_made(demo_db: Path, tmp_path: Path, extra: str) -> None:
    other = tmp_path / "别人改过的备份.sqlite"
    shutil.copy(Path(run_cli("backup", db=demo_db).stdout.strip()), other)
    conn = sqlite3.connect(other)
    conn.execute(extra)
    conn.commit()
    conn.close()
    before = demo_db.read_bytes()
    result = run_cli("restore", str(other), db=demo_db)
    assert result.returncode == 1 and "数据库结构与本程序建立的不同" in result.stderr
    assert demo_db.read_bytes() == before


def test_backups_are_in_rollback_journal_mode_and_restore_from_a_read_only_folder(
    demo_db: Path, tmp_path: Path
) -> None:
    stick = tmp_path / "U盘 #1"
    stick.mkdir()
    made = run_cli("backup", "--out", str(stick / "备份 #2 100% 中文?.sqlite"), db=demo_db)
    assert made.returncode == 0, made.stderr
    copy = Path(made.stdout.strip())
    assert copy.read_bytes()[18:20] == b"\x01\x01"  # rollback journal, not WAL: readable from read-only media
    assert not list(stick.glob("*-wal")) and not list(stick.glob("*-journal"))
    count = _reports(demo_db)
    assert run_cli("demo", "--unit", "南宾街道", "--through", "2026-03", db=demo_db).returncode == 0
    with read_only(stick):
        assert check_backup_file(copy) >= 1
        restored = run_cli("restore", str(copy), db=demo_db)
    assert restored.returncode == 0, restored.stderr
    assert _reports(demo_db) == count


def test_a_read_only_database_opens_read_only_and_refuses_changes(demo_db: Path, tmp_path: Path) -> None:
    folder = demo_db.parent
    # The unit's key is made at its first export; a read-only database can sign with it but not make one.
    assert (
        run_cli("export", "--unit", "西沱镇", "--period", "2026-04", "--out", str(tmp_path), db=demo_db).returncode == 0
    )
    with read_only(folder):
        workspace = Workspace.open(demo_db)
        try:
            assert workspace.read_only and "只读" in workspace.read_only_reason
            workspace.settings.set("ui.last_period", "2026-05")  # a preference: quietly not kept
        finally:
            workspace.close()
        exported = run_cli("export", "--unit", "西沱镇", "--period", "2026-05", "--out", str(tmp_path), db=demo_db)
        assert exported.returncode == 0, exported.stderr
        assert "注意：数据库是只读打开的" in exported.stderr
        demo = run_cli("demo", "--unit", "南宾街道", "--through", "2026-03", db=demo_db)
        assert demo.returncode == 1 and "只读" in demo.stderr and "Traceback" not in demo.stderr
        imported = run_cli("import", exported.stdout.strip(), db=demo_db)
        assert imported.returncode == 1 and "只读" in imported.stderr


def test_restore_replaces_the_database_and_keeps_a_safety_copy(demo_db: Path, tmp_path: Path) -> None:
    old = Path(run_cli("backup", db=demo_db).stdout.strip())
    count = _reports(demo_db)
    assert run_cli("demo", "--unit", "南宾街道", "--through", "2026-03", db=demo_db).returncode == 0
    restored = restore_database(demo_db, old)
    assert restored.safety_copy is not None and "恢复前" in restored.safety_copy.name
    assert _reports(restored.safety_copy) > count  # what was replaced can be restored in turn
    assert _reports(demo_db) == count
    assert not demo_db.with_name(demo_db.name + "-wal").exists()


def test_network_drives_are_recognised() -> None:
    mounts = "\n".join(
        [
            "/dev/sda1 / ext4 rw 0 0",
            "//server/share /mnt/共享 cifs rw 0 0",
            "server:/export /mnt/nfs\\040data nfs4 rw 0 0",
            "gvfsd-fuse /run/user/1000/gvfs fuse.gvfsd-fuse rw 0 0",
        ]
    )
    assert network_filesystem(Path("/mnt/共享/数据/shizhu.sqlite"), mounts=mounts) == "cifs"
    assert network_filesystem(Path("/mnt/nfs data/shizhu.sqlite"), mounts=mounts) == "nfs4"
    assert network_filesystem(Path("/run/user/1000/gvfs/smb-share:server=pc/a.sqlite"), mounts=mounts)
    assert network_filesystem(Path("/home/clerk/shizhu.sqlite"), mounts=mounts) is None
    assert network_filesystem(Path(r"\\server\share\shizhu.sqlite"), platform="win32") == "网络共享文件夹"
    assert network_filesystem(Path(r"\\?\UNC\server\share\a.sqlite"), platform="win32") == "网络共享文件夹"
    assert network_filesystem(Path(r"\\?\C:\data\a.sqlite"), platform="win32") is None


def test_a_database_on_a_network_drive_is_refused_with_the_reason(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from shizhu_desktop.store import db as store_db

    monkeypatch.setattr(store_db, "network_filesystem", lambda path: "cifs")
    with pytest.raises(DatabaseError, match=r"网络驱动器或共享文件夹上（cifs）.*本机硬盘"):
        Workspace.open(tmp_path / "shizhu.sqlite")
    assert not (tmp_path / "shizhu.sqlite").exists()


def test_sqlite_uris_quote_what_would_break_them(tmp_path: Path) -> None:
    path = tmp_path / "a b#c%d?e 中文.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    uri = sqlite_uri(path, mode="ro", immutable="1")
    assert "#" not in uri.split("?")[0] and uri.endswith("?mode=ro&immutable=1")
    conn = sqlite3.connect(uri, uri=True)
    assert conn.execute("SELECT name FROM sqlite_master").fetchone() == ("t",)
    conn.close()


def test_a_full_disk_ends_each_writing_command_in_a_chinese_message(demo_db: Path, tmp_path: Path) -> None:
    with tiny_disk(tmp_path / "小U盘", size_kb=512) as disk:
        db = disk / "shizhu.sqlite"
        shutil.copy(Path(run_cli("backup", db=demo_db).stdout.strip()), db)
        assert run_cli("units", db=db).returncode == 0
        fill(disk)
        outcomes = [
            run_cli("backup", db=db),
            run_cli("export", "--unit", "西沱镇", "--period", "2026-05", "--format", "xlsx", "--out", str(disk), db=db),
            run_cli("summary", "--period", "2026-05", "--out", str(disk), db=db),
            run_cli("reminders", "--period", "2026-05", "--out", str(disk), db=db),
        ]
        for result in outcomes:
            assert result.returncode == 1, result.stdout
            assert "Traceback" not in result.stderr and ("磁盘空间不足" in result.stderr or "没有" in result.stderr)
        leftovers = [p.name for p in disk.rglob("*") if ".part" in p.name or p.name.endswith("-journal")]
        assert leftovers == []


def test_a_full_disk_at_start_is_no_damage(demo_db: Path, tmp_path: Path) -> None:
    with tiny_disk(tmp_path / "满了", size_kb=512) as disk:
        db = disk / "shizhu.sqlite"
        shutil.copy(Path(run_cli("backup", db=demo_db).stdout.strip()), db)
        fill(disk)
        with pytest.raises(DatabaseError) as caught:
            Workspace.open(db)
        assert not isinstance(caught.value, DamagedDatabaseError)  # no offer to restore over a sound file
        assert "磁盘已满" in str(caught.value) and "没有改动" in str(caught.value)
        result = run_cli("timeliness", "--year", "2026", db=db)
        assert result.returncode == 1 and "磁盘已满" in result.stderr and "restore" not in result.stderr


# -- the quick check is remembered for an unchanged file (issue 13: ten years cost what one does) -----------


def _age(db: Path, seconds: float = 60.0) -> None:
    """Date the file back, as a database last written a minute ago is."""
    when = db.stat().st_mtime - seconds
    os.utime(db, (when, when))


def test_an_unchanged_database_is_not_read_whole_again(demo_db: Path) -> None:
    _checkpoint(demo_db)
    _age(demo_db)
    assert not passed_before(demo_db)
    Workspace.open(demo_db).close()  # read only: the file is as it was
    assert passed_before(demo_db)  # the next open skips the quick check


@pytest.mark.parametrize("whole_second", [False, True])
def test_a_database_written_just_now_is_checked_again_next_time(demo_db: Path, whole_second: bool) -> None:
    _checkpoint(demo_db)
    now = time.time_ns()
    if whole_second:  # a coarse file system (FAT: two seconds) writes times without a fraction
        now = now - now % 1_000_000_000 - 1_000_000_000
    os.utime(demo_db, ns=(now, now))  # written just now: another write could come within the same clock step
    Workspace.open(demo_db).close()
    assert not passed_before(demo_db)


@pytest.mark.parametrize("damage", [_overwrite_page_one, _truncate, _scramble_a_middle_page])
def test_damage_after_a_passed_check_is_still_found(demo_db: Path, damage: object) -> None:
    _checkpoint(demo_db)
    _age(demo_db)
    Workspace.open(demo_db).close()
    assert passed_before(demo_db)
    damage(demo_db)  # type: ignore[operator]  # any write gives the file a new time (and perhaps size)
    assert not passed_before(demo_db)
    with pytest.raises(DamagedDatabaseError):
        Workspace.open(demo_db)
