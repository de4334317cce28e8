"""Persistence: the SQLite store of articles, their versions and the ingest log."""

from newstrace.errors import StoreError
from newstrace.store.sqlite import (
    AddResult,
    ArticleRow,
    LogEntry,
    Migration,
    Store,
    load_migrations,
)

__all__ = [
    "AddResult",
    "ArticleRow",
    "LogEntry",
    "Migration",
    "Store",
    "StoreError",
    "load_migrations",
]
