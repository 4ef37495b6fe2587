"""Errors the article store raises, each carrying one plain sentence for people."""

from __future__ import annotations


class StoreError(Exception):
    """Base class of every error the store raises on purpose."""


class StoreUnavailableError(StoreError):
    """The database file cannot be created, opened or read."""


class StoreVersionError(StoreError):
    """The database was written by a newer briefbot than this one."""


class StoreWriteError(StoreError):
    """A write failed; its transaction was rolled back, so nothing of it was kept."""
