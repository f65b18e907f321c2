"""Benchmarks (``make bench``): start-up to first paint, autosave latency, importing a year of files.

Targets are for an old office PC; this machine is faster, so each target is a ceiling, not a goal.
"""

from __future__ import annotations

import statistics
import time
import tracemalloc
from pathlib import Path

from shizhu_desktop.domain.periods import Period
from shizhu_desktop.domain.report import ReportKind, TaskEntry
from shizhu_desktop.services.demo import fill_demo
from shizhu_desktop.services.exchange import export_json, import_files
from shizhu_desktop.services.workspace import Workspace
from tests.conftest import run_cli
from tests.gui_helpers import LIAISON, NANBIN, with_profile

STARTUP_TARGET_MS = 3000
SAVE_TARGET_MS = 50
IMPORT_TARGET_S = 60
IMPORT_MEMORY_TARGET_MB = 200


def test_startup_to_first_paint(tmp_path: Path) -> None:
    db = tmp_path / "bench.sqlite"
    assert run_cli("demo", "--unit", "南宾街道", "--through", "2026-11", db=db).returncode == 0
    runs = []
    for _ in range(5):
        result = run_cli("--smoke", db=db, env={"QT_QPA_PLATFORM": "offscreen"})
        assert result.returncode == 0, result.stderr
        runs.append(int(result.stdout.strip()))
    median = statistics.median(runs)
    print(f"\n启动到主窗口绘制完成：中位数 {median:.0f} ms（{runs}）")
    assert median < STARTUP_TARGET_MS


def test_autosave_write_latency(workspace: Workspace) -> None:
    with_profile(workspace)
    report = workspace.reports.ensure(NANBIN, Period(2026, 11), ReportKind.MONTHLY, LIAISON, "v")
    assert report.id is not None
    times = []
    for i in range(200):
        start = time.perf_counter()
        workspace.reports.save_entry(report.id, TaskEntry(2, "序时推进", "进展" * 50 + str(i)))
        times.append((time.perf_counter() - start) * 1000)
    p95 = sorted(times)[int(len(times) * 0.95)]
    print(f"\n一次自动保存（含审计记录）：p95 {p95:.1f} ms")
    assert p95 < SAVE_TARGET_MS


def test_import_a_year_of_files(tmp_path: Path) -> None:
    source = Workspace.open(tmp_path / "units.sqlite")
    out = tmp_path / "files"
    for unit in source.units.townships():
        fill_demo(source, unit, Period(2026, 12))
    for summary in source.reports.summaries():
        report = source.reports.load(summary.id)
        if report.is_final:
            export_json(source, report, out / report.unit_code)
    source.close()
    files = list(out.rglob("*.json"))
    county = Workspace.open(tmp_path / "county.sqlite")
    tracemalloc.start()
    start = time.perf_counter()
    results = import_files(county, [out])
    elapsed = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    county.close()
    print(f"\n导入{len(files)}个文件：{elapsed:.1f} s，峰值内存 {peak:.0f} MB")
    assert len(results) == len(files) > 300
    assert elapsed < IMPORT_TARGET_S and peak < IMPORT_MEMORY_TARGET_MB
