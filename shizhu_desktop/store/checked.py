"""Remembers that a database file passed SQLite's quick check, so an unchanged file is not read whole again."""

from __future__ import annotations

import json
import time
from pathlib import Path

from shizhu_desktop.fileio import write_bytes
from shizhu_desktop.paths import user_cache_dir

# The quick check reads every page: 20 ms for ten years of a county's reports, at every command and start
# (issue 13). A file whose size, modification time and identity are those it had when it last passed has not
# been written since, by us or anyone; any write (ours included) changes them and the next open checks again.
# Only a file left alone for a while is remembered: file times move in steps (a few milliseconds on Linux and
# Windows disks, one or two seconds on FAT and older file systems), and a write in the same step as the last one
# could leave the time as it was. A time with a fraction of a second comes from a fine clock.
QUIET_NS = 100_000_000
COARSE_QUIET_NS = 2_000_000_000


def _state(path: Path) -> list[int | str] | None:
    try:
        info = path.stat()
        where = str(path.resolve())
    except OSError:
        return None
    # The path too: a file system without inode numbers (FAT on a USB stick) gives every file the same one.
    return [info.st_size, info.st_mtime_ns, info.st_ino, info.st_dev, where]


def _stamp(state: list[int | str]) -> Path:
    # Named by the file's identity (device and inode): no digest needed (hashlib would load OpenSSL at every
    # start), and a file put in its place has another identity or another size and time.
    return user_cache_dir() / "checked" / f"{int(state[3]):x}-{int(state[2]):x}.json"


def passed_before(path: Path) -> bool:
    """True when ``path`` is byte for byte the file that last passed the check (as far as the file system says)."""
    state = _state(path)
    if state is None:
        return False
    try:
        return bool(json.loads(_stamp(state).read_text(encoding="utf-8")) == state)
    except (OSError, ValueError):
        return False


def remember_passed(path: Path) -> None:
    """Note that ``path``, as it is now, passed; a cache that cannot be written only costs the next check."""
    state = _state(path)
    if state is None:
        return
    written = int(state[1])
    quiet = QUIET_NS if written % 1_000_000_000 else COARSE_QUIET_NS
    if time.time_ns() - written < quiet:
        return
    stamp = _stamp(state)
    try:
        stamp.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(stamp, json.dumps(state).encode("utf-8"))
    except OSError:
        pass
