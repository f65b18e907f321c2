"""The database connection the store works through: the standard sqlite3 in autocommit mode, rows as dicts."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

# Why not sqlite-utils (the design card's choice, used until December 2026): the store writes every statement
# itself and used only execute/query/atomic, while importing sqlite-utils cost 50–100 ms of a 0.3 s start
# (it brings pluggy, click and dateutil) and ran any installed plugin on our connections. See
# docs/benchmarks.md, "Start-up".

Parameters = Sequence[Any] | dict[str, Any]


class Database:
    """One SQLite connection. A statement outside a transaction commits at once; ``atomic`` (and the store's
    ``write_transaction``) group statements; nested groups become savepoints."""

    def __init__(self, filename_or_conn: str | Path | sqlite3.Connection | None = None, *, memory: bool = False):
        if memory:
            conn = sqlite3.connect(":memory:")
        elif isinstance(filename_or_conn, sqlite3.Connection):
            conn = filename_or_conn
        elif filename_or_conn is not None:
            conn = sqlite3.connect(str(filename_or_conn))
        else:
            raise ValueError("a database file, a connection or memory=True")
        # No implicit transactions: the store says where each one begins (BEGIN IMMEDIATE for writes).
        conn.isolation_level = None
        self.conn = conn

    def execute(self, sql: str, parameters: Parameters | None = None) -> sqlite3.Cursor:
        return self.conn.execute(sql, parameters if parameters is not None else ())

    def query(self, sql: str, parameters: Parameters | None = None) -> Iterator[dict[str, Any]]:
        """The rows of a SELECT as dicts (column name → value)."""
        cursor = self.conn.execute(sql, parameters if parameters is not None else ())
        names = [d[0] for d in cursor.description or ()]
        return (dict(zip(names, row, strict=True)) for row in cursor)

    @contextmanager
    def atomic(self, begin: str = "BEGIN") -> Iterator[Database]:
        """A transaction (opened with ``begin``), or a savepoint inside one: all of it or nothing."""
        if self.conn.in_transaction:
            self.conn.execute("SAVEPOINT atomic")
            try:
                yield self
            except BaseException:
                if self.conn.in_transaction:  # a RAISE(ROLLBACK) may have ended the whole transaction already
                    self.conn.execute("ROLLBACK TO SAVEPOINT atomic")
                    self.conn.execute("RELEASE SAVEPOINT atomic")
                raise
            self.conn.execute("RELEASE SAVEPOINT atomic")
            return
        self.conn.execute(begin)
        try:
            yield self
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    @property
    def journal_mode(self) -> str:
        return str(self.conn.execute("PRAGMA journal_mode").fetchone()[0])

    def enable_wal(self) -> None:
        if self.journal_mode != "wal":
            self.conn.execute("PRAGMA journal_mode = wal")

    def table_names(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]

    def close(self) -> None:
        self.conn.close()
