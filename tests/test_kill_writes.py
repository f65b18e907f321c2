"""Killed at any moment during autosave, 定稿 and import: the database is sound and every acknowledged write is in it.

Real processes (multiprocessing), killed with ``Process.kill()`` (TerminateProcess on Windows, SIGKILL elsewhere)
at a random moment after their first acknowledged write. ``SHIZHU_KILLS`` sets the number of kills (default 210,
about a minute here; ``make bench`` runs 1,000).
"""

from __future__ import annotations

import multiprocessing
import os
import random
import shutil
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from shizhu_desktop.domain.periods import Period
from shizhu_desktop.domain.report import ReportKind
from shizhu_desktop.services.demo import fill_demo
from shizhu_desktop.services.exchange import export_json
from shizhu_desktop.services.workspace import Workspace
from tests import kill_workers
from tests.gui_helpers import LIAISON, NANBIN, with_profile

KILLS = int(os.environ.get("SHIZHU_KILLS", "210"))


def _context() -> Any:
    # forkserver: children start from a clean, single-threaded process (no Qt, no pytest threads) and quickly.
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        context.set_forkserver_preload(["tests.kill_workers"])
    return context


def _run_and_kill(context: Any, target: Callable[..., None], args: tuple[Any, ...], rng: random.Random) -> list[Any]:
    """Start a worker, wait for its first acknowledgement, kill it a random moment later; its acknowledgements."""
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=target, args=(*args, send), daemon=True)
    process.start()
    send.close()
    acks: list[Any] = []
    if receive.poll(30):
        acks.append(receive.recv())
    time.sleep(rng.uniform(0.0, 0.12))
    process.kill()
    process.join(30)
    assert process.exitcode is not None and process.exitcode != 0, "the worker should have been killed"
    while receive.poll():
        try:
            acks.append(receive.recv())
        except (EOFError, OSError):  # the pipe ends where the process died
            break
    receive.close()
    process.close()
    return acks


def _check(db: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    return conn


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Report files of three units for a year, to import."""
    root = tmp_path_factory.mktemp("kill-files")
    source = Workspace.open(root / "units.sqlite")
    out = []
    for name in ("西沱镇", "南宾街道", "黄水镇"):
        unit = source.units.find(name)
        fill_demo(source, unit, Period(2026, 11))
    for summary in source.reports.summaries():
        report = source.reports.load(summary.id)
        if report.is_final:
            out.append(str(export_json(source, report, root / "files")))
    source.close()
    return out


def test_kills_during_autosave_finalize_and_import_lose_nothing_acknowledged(tmp_path: Path, files: list[str]) -> None:
    rng = random.Random(20261120)
    context = _context()
    unit_db = tmp_path / "unit.sqlite"
    workspace = Workspace.open(unit_db)
    with_profile(workspace)
    report = workspace.reports.ensure(NANBIN, Period(2026, 11), ReportKind.MONTHLY, LIAISON, "v")
    finals = workspace.reports.ensure(NANBIN, Period(2026, 10), ReportKind.MONTHLY, LIAISON, "v")
    workspace.close()
    assert report.id is not None and finals.id is not None
    county_db = tmp_path / "county.sqlite"
    step = revision = 0
    imported: set[str] = set()
    kinds = {"autosave": 0, "finalize": 0, "import": 0}
    acknowledged = dict.fromkeys(kinds, 0)
    for kill in range(KILLS):
        kind = ("autosave", "finalize", "import")[kill % 3]
        kinds[kind] += 1
        if kind == "autosave":
            acks = _run_and_kill(context, kill_workers.autosave, (str(unit_db), report.id, step), rng)
            conn = _check(unit_db)
            for _what, number in acks:
                step = max(step, number)
            stored = conn.execute(
                "SELECT progress FROM entries WHERE report_id = ? AND task = 2", [report.id]
            ).fetchone()
            value = conn.execute("SELECT value FROM indicator_values WHERE report_id = ?", [report.id]).fetchone()
            last_entry = max((n for w, n in acks if w == "entry"), default=0)
            last_value = max((n for w, n in acks if w == "indicator"), default=0)
            assert last_entry == 0 or int(stored[0][1:].split("次")[0]) >= last_entry
            assert last_value == 0 or value[0] >= last_value
            step = max(step, int(stored[0][1:].split("次")[0]) if stored else 0)
        elif kind == "finalize":
            acks = _run_and_kill(context, kill_workers.finalize, (str(unit_db), NANBIN, "2026-10"), rng)
            conn = _check(unit_db)
            rows = dict(
                conn.execute("SELECT revision, state FROM reports WHERE unit_code = ? AND period = '2026-10'", [NANBIN])
            )
            for what, number in acks:
                assert rows.get(number) is not None, f"acknowledged revision {number} is missing"
                if what == "final":
                    assert rows[number] == "final"
                revision = max(revision, number)
            assert max(rows) >= revision
        else:
            if len(imported) > len(files) * 0.8 and county_db.exists():
                shutil.rmtree(county_db.parent / "backups", ignore_errors=True)
                for leftover in county_db.parent.glob("county.sqlite*"):
                    leftover.unlink()
                imported.clear()
            order = files[:]
            rng.shuffle(order)
            acks = _run_and_kill(context, kill_workers.import_many, (str(county_db), order), rng)
            if not county_db.exists():
                continue
            conn = _check(county_db)
            digests = {row[0] for row in conn.execute("SELECT digest FROM reports")}
            for _what, digest in acks:
                assert digest in digests, "an acknowledged import is missing"
            imported |= digests
        acknowledged[kind] += len(acks)
        conn.close()
    for db in (unit_db, county_db):
        if db.exists():
            Workspace.open(db).close()  # and the program opens it cleanly, migrations and checks included
    print(
        f"\n{KILLS} 次强行结束（自动保存 {kinds['autosave']}、定稿 {kinds['finalize']}、导入 {kinds['import']}），"
        f"确认过的写入 {acknowledged['autosave']}、{acknowledged['finalize']}、{acknowledged['import']} 次：全部完好"
    )
    # Each kind was killed while writing, again and again (not before its first write).
    assert all(acknowledged[k] >= kinds[k] for k in kinds)
