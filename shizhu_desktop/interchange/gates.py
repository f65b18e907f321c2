"""The first gate of every import: a regular file within its size budget, opened once and checked on the handle."""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from shizhu_desktop.interchange.payload import PayloadError

#: The largest report this program writes is about 2 MB (.json) or 1 MB (.xlsx): anything far bigger is not one.
MAX_JSON_BYTES = 8 * 1024 * 1024
MAX_XLSX_BYTES = 16 * 1024 * 1024


def size_text(size: int) -> str:
    """1.5 MB, 320 KB, 12 字节: a size as a clerk reads it."""
    if size >= 1024 * 1024 * 1024:
        return f"{size / 1024**3:.1f} GB"
    if size >= 1024 * 1024:
        return f"{size / 1024**2:.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size} 字节"


@contextlib.contextmanager
def open_regular(path: Path, limit: int) -> Iterator[BinaryIO]:
    """Open ``path`` for reading if it is a regular, non-empty file of at most ``limit`` bytes.

    The kind and size are checked on the opened handle, so a file swapped after the check is still caught;
    a FIFO or a device is never read (opening it does not wait for a writer). Raises :class:`PayloadError`.
    """
    try:
        # O_NONBLOCK: opening a FIFO for reading would otherwise wait forever for something to write to it.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise PayloadError("missing", "找不到文件：它可能已被移动、删除或改名，请检查路径。") from None
    except IsADirectoryError:
        raise PayloadError("not_regular", "这是一个文件夹，不是报表文件。") from None
    except PermissionError:
        raise PayloadError("unreadable", "没有权限读取这个文件：请把它复制到“文档”等文件夹后再导入。") from None
    except OSError as exc:
        raise PayloadError(
            "unreadable", f"无法读取这个文件（{exc.strerror or exc}）：请检查磁盘或U盘是否正常。"
        ) from None
    try:
        info = os.fstat(fd)
        _check_kind(info, limit)
        if os.name == "posix":
            os.set_blocking(fd, True)
        stream = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with stream:
        yield stream


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of a regular file within ``limit`` (see :func:`open_regular`); raises :class:`PayloadError`."""
    with open_regular(path, limit) as stream:
        try:
            data = stream.read(limit + 1)
        except OSError as exc:
            raise PayloadError(
                "unreadable", f"读取文件时出错（{exc.strerror or exc}）：文件所在的磁盘可能有问题。"
            ) from None
    if len(data) > limit:  # grew while being read
        raise _too_large(len(data), limit)
    return data


def _check_kind(info: os.stat_result, limit: int) -> None:
    mode = info.st_mode
    if stat.S_ISDIR(mode):
        raise PayloadError("not_regular", "这是一个文件夹，不是报表文件。")
    if not stat.S_ISREG(mode):
        kind = "管道" if stat.S_ISFIFO(mode) else "设备" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "特殊文件"
        raise PayloadError("not_regular", f"这不是普通文件（是一个{kind}），不能作为报表导入。")
    if info.st_size == 0:
        raise PayloadError("empty", "文件是空的（0 字节）：可能没有下载或复制完整，请让填报单位重新发送。")
    if info.st_size > limit:
        raise _too_large(info.st_size, limit)


def _too_large(size: int, limit: int) -> PayloadError:
    return PayloadError(
        "too_large",
        f"文件太大（{size_text(size)}）：本程序导出的报表不会超过 {size_text(limit)}，这不是本程序导出的报表。"
        "请让填报单位用本程序重新导出后发送。",
    )
