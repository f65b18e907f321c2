"""Why a database cannot be used, each with a Chinese message that says what to do."""

from __future__ import annotations

from pathlib import Path


class DatabaseError(RuntimeError):
    """The database cannot be used; the message says why and what to do, in Chinese."""


class DamagedDatabaseError(DatabaseError):
    """The file is damaged or is not a database at all: never opened for writing; restore a backup."""

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = path


class NetworkDriveError(DatabaseError):
    """The database lies on a network drive, where SQLite's locking cannot be trusted."""


class ReadOnlyDatabaseError(DatabaseError):
    """A change was asked of a database opened read-only."""


class DatabaseReplacedError(DatabaseError):
    """The database file was replaced under an open connection: writing now would go to the old file."""
