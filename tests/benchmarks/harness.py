"""Side-by-side measurement for ``make bench``: whole processes, interleaved runs, medians, peak memory, a table.

Each benchmark records rows (measure, figure, target, pass/fail); at the end of the run the table is printed and
written to docs/benchmarks.md with the machine it ran on (between markers, so the prose around it stays).
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent.parent
RESULTS = ROOT / ".bench-results.json"
DOC = ROOT / "docs" / "benchmarks.md"
T = TypeVar("T")
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float
    returncode: int
    stdout: str
    stderr: str


def run_process(command: Sequence[str], env: dict[str, str] | None = None) -> Run:
    """Run a whole process; its wall time and its own peak resident memory (from wait4, not the parent's)."""
    full_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8", **(env or {})}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        actions = [(os.POSIX_SPAWN_DUP2, out.fileno(), 1), (os.POSIX_SPAWN_DUP2, err.fileno(), 2)]
        start = time.perf_counter()
        pid = os.posix_spawn(command[0], list(command), full_env, file_actions=actions)
        _, status, usage = os.wait4(pid, 0)
        elapsed = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        return Run(
            elapsed,
            usage.ru_maxrss / 1024,  # KiB on Linux
            os.waitstatus_to_exitcode(status),
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
        )


def app_command(*args: str) -> list[str]:
    return [sys.executable, str(ROOT / "main.py"), *args]


def in_turns(items: dict[str, T], rounds: int) -> Iterator[tuple[str, T]]:
    """Each item once per round, so a slow moment of the machine hits all of them alike; the order turns round
    every other round, so no item is always the one that runs just after another."""
    order = list(items.items())
    for round_ in range(rounds):
        yield from order if round_ % 2 == 0 else reversed(order)


def interleaved(
    commands: dict[str, list[str]], rounds: int = 5, env: dict[str, str] | None = None
) -> dict[str, list[Run]]:
    """Run every command ``rounds`` times, in turns (``in_turns``)."""
    runs: dict[str, list[Run]] = {name: [] for name in commands}
    for name, command in in_turns(commands, rounds):
        run = run_process(command, env)
        assert run.returncode == 0, f"{name}: {run.stderr[-2000:]}"
        runs[name].append(run)
    return runs


def median_s(runs: list[Run]) -> float:
    return statistics.median(r.seconds for r in runs)


def peak_mb(runs: list[Run]) -> float:
    return max(r.peak_mb for r in runs)


@dataclass(frozen=True)
class Row:
    measure: str
    figure: str
    target: str
    passed: bool
    detail: str = ""


#: True once this process recorded a row: only then does the end of the run rewrite docs/benchmarks.md
#: (`make test` passes through this folder's conftest too, and must never touch the document).
recorded = False


def record(row: Row) -> None:
    """Add a row to this run's table (and print it at once)."""
    global recorded
    recorded = True
    rows = _load()
    rows = [r for r in rows if r["measure"] != row.measure] + [asdict(row)]
    RESULTS.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"\n{'通过' if row.passed else '未达标'}  {row.measure}：{row.figure}（目标 {row.target}）{row.detail}")


def _load() -> list[dict[str, object]]:
    if not RESULTS.exists():
        return []
    data = json.loads(RESULTS.read_text(encoding="utf-8"))
    return data if isinstance(data, list) else []


def machine() -> str:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor()
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"，内存 {kib / 2**20:.0f} GB"
    except (OSError, ValueError, IndexError):
        pass
    return (
        f"{platform.system()} {platform.release()}，{os.cpu_count()} 核（{cpu or platform.machine()}）{memory}，"
        f"Python {platform.python_version()}"
    )


def write_table() -> str:
    """The table of this run, printed and written into docs/benchmarks.md between the markers."""
    rows = _load()
    lines = [
        f"测量于 {time.strftime('%Y-%m-%d')}，机器：{machine()}。每行是整进程的中位数（交替运行），"
        "“峰值内存”是各子进程自己的最高常驻内存。",
        "",
        "| 测量 | 结果 | 目标 | 达标 |",
        "|---|---|---|---|",
        *(
            f"| {r['measure']} | {r['figure']}{('（' + str(r['detail']) + '）') if r.get('detail') else ''} "
            f"| {r['target']} | {'是' if r['passed'] else '**否**'} |"
            for r in rows
        ),
    ]
    table = "\n".join(lines)
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else "# 性能测量（make bench）\n\n"
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        tail = rest.split(END, 1)[1]
        text = f"{head}{BEGIN}\n{table}\n{END}{tail}"
    else:
        text = f"{text.rstrip()}\n\n{BEGIN}\n{table}\n{END}\n"
    DOC.write_text(text, encoding="utf-8")
    print("\n" + table)
    return table
