"""Real file systems for tests: a tiny disk that fills up, and a folder mounted read-only (root on Linux)."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest


def _run(*command: str) -> bool:
    if shutil.which(command[0]) is None:
        return False
    return subprocess.run(command, capture_output=True).returncode == 0


def can_mount() -> bool:
    return sys.platform.startswith("linux") and os.geteuid() == 0


@contextlib.contextmanager
def tiny_disk(folder: Path, size_kb: int = 256) -> Iterator[Path]:
    """A tmpfs of ``size_kb`` mounted at ``folder``: writing past its size fails with ENOSPC, for real."""
    if not can_mount():
        pytest.skip("a small disk needs mount rights (root on Linux)")
    folder.mkdir(parents=True, exist_ok=True)
    if not _run("mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(folder)):
        pytest.skip("tmpfs cannot be mounted here")
    try:
        yield folder
    finally:
        _run("umount", "-l", str(folder))


def fill(folder: Path) -> None:
    """Fill the disk holding ``folder`` up to the last byte."""
    fd = os.open(folder / "填满.bin", os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        for size in (65536, 4096, 1):
            with contextlib.suppress(OSError):
                while True:
                    os.write(fd, bytes(size))
    finally:
        os.close(fd)


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[Path]:
    """``folder`` bind-mounted read-only onto itself: even root cannot write there (EROFS)."""
    if not can_mount():
        pytest.skip("a read-only mount needs mount rights (root on Linux)")
    if not _run("mount", "--bind", str(folder), str(folder)):
        pytest.skip("bind mounts are not allowed here")
    try:
        if not _run("mount", "-o", "remount,bind,ro", str(folder), str(folder)):
            pytest.skip("a read-only remount is not allowed here")
        yield folder
    finally:
        _run("umount", "-l", str(folder))
