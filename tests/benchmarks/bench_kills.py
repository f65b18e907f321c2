"""A longer kill run for ``make bench``: 1,000 kills during autosave, 定稿 and import (the unit test makes 210)."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.benchmarks.harness import Row, record
from tests.conftest import ROOT

LONG_RUN = 1000


def test_a_thousand_kills_lose_nothing_acknowledged() -> None:
    env = {**os.environ, "SHIZHU_KILLS": str(LONG_RUN), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-s", "-p", "no:cacheprovider", "tests/test_kill_writes.py"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=1800,
    )
    summary = [line for line in result.stdout.splitlines() if "强行结束" in line]
    print("\n" + "\n".join(summary))
    figure = summary[0].strip() if summary else "没有完成"
    record(
        Row("自动保存、定稿、导入中途强行结束", figure, f"{LONG_RUN}次，确认过的写入一个不少", result.returncode == 0)
    )
    assert result.returncode == 0, result.stdout[-3000:]
