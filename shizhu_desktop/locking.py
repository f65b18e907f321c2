"""One writer per database: an OS-level lock beside it, recording which computer, user and process hold it."""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import sys
import time
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import NamedTuple

#: The record is padded to a fixed size and rewritten in place (never renamed: the OS lock is on this file).
_RECORD_SIZE = 1024
#: Windows locks a byte range; the lock sits far past the record so others can still read who holds it.
_LOCK_OFFSET = 1 << 30
WINDOW, COMMAND = "window", "command"


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


def this_host() -> str:
    # The socket module only for this would cost start-up time (issue 13): the same name, from the system.
    name = os.uname().nodename if hasattr(os, "uname") else os.environ.get("COMPUTERNAME", "")
    return name or "本机"


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


class LockInfo(NamedTuple):
    """Who holds (or last held) a database: computer, process, user, since when, and doing what."""

    host: str
    pid: int
    user: str
    since: str
    role: str = COMMAND
    what: str = ""

    @property
    def on_this_host(self) -> bool:
        return self.host == this_host()

    @property
    def since_text(self) -> str:
        try:
            t = datetime.fromisoformat(self.since)
        except ValueError:
            return self.since
        return f"{t.year}年{t.month}月{t.day}日 {t.hour:02d}:{t.minute:02d}"

    def describe(self) -> str:
        """电脑“PC-01”上的用户“zhang”（程序窗口，2026年11月20日 10:31起，进程 1234）."""
        doing = "程序窗口" if self.role == WINDOW else f"命令行{self.what or '命令'}"
        where = "本机" if self.on_this_host else f"电脑“{self.host}”上"
        user = f"的用户“{self.user}”" if self.user else ""
        return f"{where}{user}（{doing}，{self.since_text}起，进程 {self.pid}）"


class LockHeldError(RuntimeError):
    """Another process holds the database. ``clearable``: only a record from another computer remains, and
    its program may be gone (the OS lock itself is free here), so the user may clear it on purpose."""

    def __init__(self, info: LockInfo | None, *, clearable: bool) -> None:
        self.info = info
        self.clearable = clearable
        holder = info.describe() if info else "另一个程序"
        super().__init__(f"数据库正在被{holder}使用。")


class DatabaseLock:
    """The lock of one database. ``acquire`` raises :class:`LockHeldError`; ``release`` is safe to repeat.

    A lock left by a crashed process on this computer is free at the OS level and simply taken over. A record
    left by another computer (the database was on a USB stick or a share) is refused unless ``clear_other_host``.
    """

    def __init__(self, db_path: Path, role: str = COMMAND, what: str = "") -> None:
        self.path = lock_path(Path(db_path))
        self.role = role
        self.what = what
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self, *, clear_other_host: bool = False, wait_seconds: float = 0.0) -> None:
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                self._try_acquire(clear_other_host)
                return
            except LockHeldError as exc:
                if exc.clearable or time.monotonic() >= deadline or (exc.info and exc.info.role == WINDOW):
                    raise
                time.sleep(0.2)

    def _try_acquire(self, clear_other_host: bool) -> None:
        if self._fd is not None:
            return
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o644)
        try:
            if not _os_lock(fd):
                raise LockHeldError(_read(fd), clearable=False)
            previous = _read(fd)
            if previous is not None and not previous.on_this_host and not clear_other_host:
                _os_unlock(fd)
                raise LockHeldError(previous, clearable=True)
            since = datetime.now().isoformat(timespec="seconds")
            _write(fd, LockInfo(this_host(), os.getpid(), _user(), since, self.role, self.what))
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        with contextlib.suppress(OSError):
            _write(fd, None)
        with contextlib.suppress(OSError):
            _os_unlock(fd)
        os.close(fd)

    def __enter__(self) -> DatabaseLock:
        self.acquire()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.release()


def holder(db_path: Path) -> LockInfo | None:
    """Who holds the database now, or whose record from another computer remains; None when it is free."""
    path = lock_path(Path(db_path))
    if not path.exists():
        return None
    probe = DatabaseLock(Path(db_path))
    try:
        probe._try_acquire(clear_other_host=False)
    except LockHeldError as exc:
        return exc.info or LockInfo("？", 0, "", "")
    except OSError:
        return None
    probe.release()
    return None


def _read(fd: int) -> LockInfo | None:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        raw = os.read(fd, _RECORD_SIZE)
        data = json.loads(raw.decode("utf-8").strip() or "null")
        return LockInfo(**data) if isinstance(data, dict) else None
    except (OSError, ValueError, TypeError):
        return None  # empty, another program's format, or damaged: nobody we know of


def _write(fd: int, info: LockInfo | None) -> None:
    # Not fsync'd: other processes read the record through the system's cache, and after a power cut the OS
    # lock it describes is gone anyway (a stale or damaged record reads as nobody). On an old disk an fsync at
    # every start cost more than the rest of opening the database (issue 13: start-up).
    raw = json.dumps(info._asdict(), ensure_ascii=False).encode("utf-8") if info else b""
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, raw[:_RECORD_SIZE].ljust(_RECORD_SIZE, b" "))


if sys.platform == "win32":
    import msvcrt

    def _os_lock(fd: int) -> bool:
        os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _os_unlock(fd: int) -> None:
        os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _os_lock(fd: int) -> bool:
        # flock belongs to this open file: a second open in the same process is refused too, as it should be.
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _os_unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
