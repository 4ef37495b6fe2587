"""Errors the article store raises, each carrying one plain sentence for people."""

from __future__ import annotations

import sqlite3


class StoreError(Exception):
    """Base class of every error the store raises on purpose."""


class StoreUnavailableError(StoreError):
    """The database file cannot be created, opened or read."""


class StoreVersionError(StoreError):
    """The database was written by a newer briefbot than this one."""


class StoreWriteError(StoreError):
    """A write failed; its transaction was rolled back, so nothing of it was kept."""


class PgError(Exception):
    """A statement PostgreSQL refused (the store's adapter wraps psycopg's errors in it).

    Caught where the store catches ``sqlite3.Error`` (``DATABASE_ERRORS``), never shown raw.
    """


# What a statement may raise on either backend.
DATABASE_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, PgError)
