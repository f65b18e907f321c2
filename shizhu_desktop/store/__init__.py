"""The only place that speaks SQL: the database file, its migrations and typed repositories."""

from shizhu_desktop.store.db import DatabaseError, open_db

__all__ = ["DatabaseError", "open_db"]
