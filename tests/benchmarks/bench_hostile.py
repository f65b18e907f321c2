"""Budgets for hostile files (``make bench``): each refused in under 5 s with under 300 MB peak memory.

Every file of the hostile corpus is imported alone in its own process, which reports the time the import took
and its peak resident memory (VmHWM, Linux; the whole process: interpreter, Qt-free imports and all).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.benchmarks.harness import Row, record
from tests.conftest import ROOT
from tests.test_hostile_import import Corpus

TIME_BUDGET_S = 5.0
MEMORY_BUDGET_MB = 300

CHILD = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    from shizhu_desktop.services.exchange import import_files
    from shizhu_desktop.services.workspace import Workspace

    workspace = Workspace.open(sys.argv[1])
    start = time.perf_counter()
    [result] = import_files(workspace, [Path(sys.argv[2])], dry_run=True)
    elapsed = time.perf_counter() - start
    peak = 0
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                peak = int(line.split()[1]) // 1024
    print(json.dumps({"outcome": result.outcome.value, "seconds": elapsed, "peak_mb": peak}))
    """
)

pytest.importorskip("resource")  # the figures are taken on Linux (/proc)
from tests.test_hostile_import import corpus  # noqa: E402,F401 - the fixture, shared with the unit tests


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="VmHWM is read from /proc")
def test_every_hostile_file_within_time_and_memory(corpus: Corpus, tmp_path: Path) -> None:  # noqa: F811
    db, _base, made, _good = corpus
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    rows = []
    for item, path in made:
        out = subprocess.run(
            [sys.executable, "-c", CHILD, str(db), str(path)], capture_output=True, text=True, env=env, timeout=120
        )
        assert out.returncode == 0, out.stderr
        figures = json.loads(out.stdout.strip().splitlines()[-1])
        rows.append((item.name, figures))
    print(f"\n{'文件':<24}{'秒':>8}{'峰值 MB':>10}")
    for name, figures in sorted(rows, key=lambda r: -r[1]["seconds"]):
        print(f"{name:<24}{figures['seconds']:>8.2f}{figures['peak_mb']:>10}")
    slowest = max(f["seconds"] for _, f in rows)
    largest = max(f["peak_mb"] for _, f in rows)
    print(f"共{len(rows)}个文件：最慢 {slowest:.2f} 秒，峰值内存最高 {largest} MB")
    ok = all(f["outcome"] == "refused" for _, f in rows) and slowest < TIME_BUDGET_S and largest < MEMORY_BUDGET_MB
    figure = f"{len(rows)}个全部拒绝，最慢 {slowest:.2f} s，峰值最高 {largest} MB"
    target = f"每个 < {TIME_BUDGET_S:g} s、< {MEMORY_BUDGET_MB} MB"
    record(Row("恶意或损坏的文件逐个导入", figure, target, ok))
    assert all(f["outcome"] == "refused" for _, f in rows)
    assert slowest < TIME_BUDGET_S
    assert largest < MEMORY_BUDGET_MB
