"""Writing files safely: a temporary name in the same folder, flushed to disk, then renamed over the target."""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

#: How long a rename waits for another program (Excel, WPS, a PDF viewer, a virus scanner) to let go of the target.
REPLACE_RETRY_SECONDS = 2.0
_RETRY_PAUSE = 0.1
_FULL_DISK = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG}


class FileWriteError(OSError):
    """A file could not be written; ``str()`` is a Chinese sentence naming the file and what to do.

    Any existing file of the same name is untouched and no temporary file is left behind. An ``OSError`` so
    that callers which already catch write errors keep working.
    """

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return self.message


class FileInUseError(FileWriteError):
    """The target is held open by another program (on Windows a rename over it fails)."""


def temporary_name(path: Path) -> Path:
    """A hidden name beside ``path`` with the same suffix (the writers and the import skip names starting '.')."""
    # os.urandom rather than the secrets module: the name only has to be unused, and start-up pays per import.
    return path.with_name(f".{path.stem}.{os.urandom(4).hex()}.part{path.suffix}")


@contextlib.contextmanager
def replacing(path: Path | str) -> Iterator[Path]:
    """Yield a temporary path to write ``path``'s new content to; on success it replaces ``path`` atomically.

    The caller writes the whole file to the yielded path (any writer that takes a path: openpyxl, reportlab,
    SQLite). When the block ends normally the file is flushed to disk and renamed over ``path``; when it raises,
    the temporary file is removed and ``path`` is left as it was. Write errors become :class:`FileWriteError`
    with a Chinese message; other exceptions (e.g. a font missing) pass through unchanged.
    """
    path = Path(path)
    temporary = temporary_name(path)
    try:
        try:
            yield temporary
            fsync_file(temporary)
        except OSError as exc:
            raise write_error(exc, path) from None
        replace_file(temporary, path)
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


def write_bytes(path: Path | str, data: bytes) -> Path:
    """Write ``data`` to ``path`` through :func:`replacing`; returns the path."""
    path = Path(path)
    with replacing(path) as temporary, open(temporary, "xb") as out:
        out.write(data)
    return path


def write_with(path: Path | str, writer: Callable[[Path], object]) -> Path:
    """Call ``writer(temporary_path)`` and put the result in place at ``path``; returns the path."""
    path = Path(path)
    with replacing(path) as temporary:
        writer(temporary)
    return path


def replace_file(temporary: Path, path: Path) -> None:
    """Rename ``temporary`` over ``path``, retrying briefly while another program holds ``path`` open.

    On Windows ``os.replace`` fails with PermissionError while Excel, WPS or a PDF viewer has the target open
    (and for a moment while a virus scanner looks at it); on any error ``temporary`` is removed.
    """
    deadline = time.monotonic() + REPLACE_RETRY_SECONDS
    try:
        while True:
            try:
                os.replace(temporary, path)
                break
            except PermissionError as exc:
                if time.monotonic() >= deadline:
                    raise _in_use(exc, path) from None
                time.sleep(_RETRY_PAUSE)
            except OSError as exc:
                raise write_error(exc, path) from None
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        raise
    _fsync_folder(path.parent)


def write_error(exc: OSError, path: Path) -> FileWriteError:
    """The Chinese message for a failed write of ``path`` (the reason, and what the clerk can do)."""
    if isinstance(exc, FileWriteError):
        return exc
    name = path.name
    number = exc.errno
    if number in _FULL_DISK:
        return FileWriteError(
            f"磁盘空间不足，无法写入“{name}”（{path.parent}）：请清理磁盘或换一个位置（例如U盘）后重试。"
            "原有的同名文件没有改动。",
            path,
        )
    if number == errno.EROFS:
        return FileWriteError(
            f"“{path.parent}”所在的磁盘是只读的（例如写保护的U盘或光盘），无法写入“{name}”：请换一个位置。", path
        )
    if isinstance(exc, PermissionError):
        return FileWriteError(
            f"没有权限在“{path.parent}”中写入“{name}”：请换一个文件夹（例如“文档”），或请管理员开放写入权限。", path
        )
    if isinstance(exc, FileNotFoundError):
        return FileWriteError(f"文件夹“{path.parent}”不存在或已被移走，无法写入“{name}”：请重新选择文件夹。", path)
    reason = exc.strerror or str(exc) or type(exc).__name__
    return FileWriteError(f"无法写入“{name}”（{reason}）：请检查磁盘和文件夹是否可用，或换一个位置后重试。", path)


def _in_use(exc: OSError, path: Path) -> FileWriteError:
    # The new file was written in the same folder, so the folder is writable: the target itself is held.
    if path.exists():
        return FileInUseError(
            f"文件正在被其他程序打开，请先关闭“{path.name}”（例如在 Excel、WPS 或 PDF 阅读器中），再重试。"
            "原有的文件没有改动。",
            path,
        )
    return write_error(exc, path)


def fsync_file(path: Path) -> None:
    """Flush a written file to the disk."""
    # A rename is only as durable as the data it points at: flush the new file before it takes the name.
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))  # Windows' fsync needs a writable handle
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    # POSIX: the rename itself lives in the folder; Windows cannot open a folder for fsync (and needs not).
    if sys.platform == "win32":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
