"""Where a database file lives: SQLite file URIs, network drives, read-only folders, and the file's identity."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path, PurePath, PureWindowsPath
from urllib.parse import quote, urlencode

#: File systems over a network: SQLite's locks and WAL's shared memory do not work reliably across machines.
NETWORK_FILESYSTEMS = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb3",
        "smbfs",
        "ncpfs",
        "afs",
        "coda",
        "ceph",
        "glusterfs",
        "lustre",
        "davfs",
        "fuse.sshfs",
        "fuse.davfs2",
        "fuse.glusterfs",
        "fuse.cephfs",
        "fuse.rclone",
        # GNOME/UOS/Kylin file managers mount SMB shares through gvfs.
        "fuse.gvfsd-fuse",
        "fuse.gvfs-fuse-daemon",
    }
)
_DRIVE_REMOTE = 4  # GetDriveTypeW


def sqlite_uri(path: Path | str, **params: str) -> str:
    """A ``file:`` URI for SQLite with every special character quoted (#, %, ?, spaces, Chinese).

    Absolute paths only: ``file:///home/…``, ``file:///C:/…``; a Windows UNC path keeps its two leading
    slashes in the path part (``file:////server/share/…``), as SQLite expects.
    """
    text = Path(path).absolute().as_posix()
    if not text.startswith("/"):
        text = "/" + text  # C:/… → /C:/…
    uri = "file://" + quote(text, safe="/:")
    return uri + ("?" + urlencode(params) if params else "")


def is_unc(path: str) -> bool:
    r"""A Windows network path: \\server\share\… (also \\?\UNC\server\…), not the local \\?\C:\… form."""
    text = path.replace("/", "\\")
    if text.upper().startswith("\\\\?\\UNC\\"):
        return True
    return text.startswith("\\\\") and not text.startswith(("\\\\?\\", "\\\\.\\"))


def network_filesystem(path: Path, *, mounts: str | None = None, platform: str | None = None) -> str | None:
    """The kind of network file system holding ``path`` (e.g. "cifs", "网络驱动器"), or None when it is local.

    ``mounts`` (the text of /proc/mounts) and ``platform`` are for tests; by default they are read from the system.
    """
    platform = platform or sys.platform
    if platform == "win32":
        return _windows_network(str(path))
    if mounts is None:
        try:
            mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None  # no /proc (macOS, BSD): nothing to go by
    return _mount_type(_real(path), mounts)


def _real(path: Path) -> PurePath:
    # The file may not exist yet: resolve what does (symlinks to a share count as the share).
    try:
        return Path(os.path.realpath(path))
    except OSError:
        return Path(os.path.abspath(path))


def _mount_type(path: PurePath, mounts: str) -> str | None:
    best, kind = "", None
    text = path.as_posix()
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = _unescape(fields[1])
        inside = text == point or text.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, fields[2]
    return kind if kind in NETWORK_FILESYSTEMS else None


def _unescape(field: str) -> str:
    # /proc/mounts writes space, tab, newline and backslash as octal escapes (\040 …).
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)


def _windows_network(text: str) -> str | None:
    if is_unc(text):
        return "网络共享文件夹"
    drive = PureWindowsPath(text).drive
    if len(drive) != 2 or sys.platform != "win32":
        return None
    import ctypes  # Windows only

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
    return "网络驱动器" if kernel32.GetDriveTypeW(drive + "\\") == _DRIVE_REMOTE else None


def writable_problem(path: Path) -> str:
    """Why the database at ``path`` cannot be written here ("" when it can).

    SQLite writes beside the database (journal, WAL, shared memory), so the folder must be writable too.
    """
    folder = path.parent
    if path.exists() and not os.access(path, os.W_OK):
        return "数据库文件是只读的（文件属性或所在的磁盘不允许修改）"
    if folder.exists() and not os.access(folder, os.W_OK):
        return "数据库所在的文件夹不允许写入（例如写保护的U盘、光盘或只读共享）"
    return ""


def file_identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of the file now at ``path``; None when there is none. A replaced file has a new one."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino
