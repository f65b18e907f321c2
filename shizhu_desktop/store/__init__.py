"""The only place that speaks SQL: the database file, its migrations and typed repositories."""

from shizhu_desktop.store.db import open_db
from shizhu_desktop.store.errors import (
    DamagedDatabaseError,
    DatabaseError,
    DatabaseReplacedError,
    NetworkDriveError,
    ReadOnlyDatabaseError,
)

__all__ = [
    "DamagedDatabaseError",
    "DatabaseError",
    "DatabaseReplacedError",
    "NetworkDriveError",
    "ReadOnlyDatabaseError",
    "open_db",
]
