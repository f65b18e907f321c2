"""Hostile and broken report files: each refused with its own reason, the database unchanged, alone or in a folder."""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from shizhu_desktop.domain.periods import Period
from shizhu_desktop.domain.report import ReportKind
from shizhu_desktop.services.demo import fill_demo
from shizhu_desktop.services.exchange import Outcome, export_json, import_files
from shizhu_desktop.services.exporting import export_report
from shizhu_desktop.services.identity import own_key
from shizhu_desktop.services.tasklist import export_tasklist
from shizhu_desktop.services.workspace import Workspace
from tests.conftest import run_cli
from tests.hostile_files import CASES, Base, Case, make_corpus


def dump(db: Path) -> list[str]:
    """Every row of every table (and the schema), as SQL text."""
    conn = sqlite3.connect(db)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


Corpus = tuple[Path, Base, list[tuple[Case, Path]], list[Path]]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    """(the county database, the valid files, the cases made, good files) — made once for the module."""
    root = tmp_path_factory.mktemp("hostile")
    unit = Workspace.open(root / "unit.sqlite")
    xituo = unit.units.find("西沱镇")
    fill_demo(unit, xituo, Period(2026, 11))
    reports = {m: unit.reports.find(xituo.code, Period(2026, m), ReportKind.MONTHLY) for m in (8, 9, 10, 11)}
    assert all(r is not None for r in reports.values())
    base = Base(
        export_json(unit, reports[10], root / "base"),
        export_report(unit, reports[10], "xlsx", root / "base"),
        export_tasklist(unit, root / "base"),
        own_key(unit),
    )
    good = [export_json(unit, reports[8], root / "good"), export_report(unit, reports[11], "xlsx", root / "good")]
    first = export_json(unit, reports[9], root / "first")
    unit.close()
    county = Workspace.open(root / "county.sqlite")
    assert [r.outcome for r in import_files(county, [first])] == [Outcome.IMPORTED]
    county.close()
    return root / "county.sqlite", base, make_corpus(base, root / "收件箱"), good


def _params() -> list[object]:
    return [pytest.param(c.name, id=c.name) for c in CASES]


def test_the_corpus_has_forty_distinct_kinds_made_by_code() -> None:
    names = [c.name for c in CASES if not c.item3]  # without the payload rules of item 3
    assert len(names) == len(set(names)) >= 40


@pytest.mark.parametrize("name", _params())
def test_each_hostile_file_is_refused_with_its_reason_and_changes_nothing(corpus: Corpus, name: str) -> None:
    db, _base, made, _good = corpus
    found = [(c, p) for c, p in made if c.name == name]
    if not found:
        pytest.skip("this system cannot make this kind of file")
    [(item, path)] = found
    before = dump(db)
    workspace = Workspace.open(db)
    try:
        [result] = import_files(workspace, [path])
    finally:
        workspace.close()
    assert result.outcome is Outcome.REFUSED, result.line
    assert re.search(item.expect, result.message), result.message
    assert "Traceback" not in result.message and "Error" not in result.message
    assert dump(db) == before


def test_a_folder_of_hostile_and_good_files_gives_one_line_each_and_imports_the_good(
    corpus: Corpus, tmp_path: Path
) -> None:
    db, base, _made, good = corpus
    copy = tmp_path / "county.sqlite"
    shutil.copy(db, copy)
    inbox = tmp_path / "inbox"
    hostile = [c for c, _ in make_corpus(base, inbox)]
    for path in good:
        shutil.copy(path, inbox / path.name)
    before = _imported(copy)
    result = run_cli("import", str(inbox), db=copy)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    refused = [line for line in result.stderr.splitlines() if "：已拒绝（" in line]
    assert sorted(Path(line.split("：已拒绝")[0]).name for line in refused) == sorted(c.name for c in hostile)
    for item in hostile:
        [line] = [line for line in refused if Path(line.split("：已拒绝")[0]).name == item.name]
        assert re.search(item.expect, line), line
    assert result.stdout.count("：已导入") == len(good)
    assert _imported(copy) - before == {"2026-08", "2026-11"}  # the good ones, each committed on its own


def _imported(db: Path) -> set[str]:
    conn = sqlite3.connect(db)
    try:
        return {row[0] for row in conn.execute("SELECT period FROM reports WHERE source = 'imported'")}
    finally:
        conn.close()
