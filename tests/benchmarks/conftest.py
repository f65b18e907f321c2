"""`make bench`: a fresh table each run, printed and written to docs/benchmarks.md when the run ends."""

from __future__ import annotations

import pytest

from tests.benchmarks import harness


def pytest_sessionstart(session: pytest.Session) -> None:
    if session.config.getini("python_files") == ["bench_*.py"]:  # `make bench`, not `make test`
        harness.RESULTS.unlink(missing_ok=True)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if harness.recorded:
        harness.write_table()
