"""Removal records: the tombstone an operator leaves when taking an article out of the store."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

CLI_REMOVER = "cli"


def discord_remover(user_id: int) -> str:
    """How a removal by a Discord user is recorded: ``discord:<user id>``."""
    return f"discord:{user_id:d}"


@dataclass(frozen=True, slots=True)
class Tombstone:
    """A removed article: what identified it (address, content hash, file), when and by whom."""

    article_id: int
    title: str
    url: str | None
    content_hash: str
    removed_at: datetime
    removed_by: str
    origin: str | None = None  # where it was ingested from: a file, when it had no link


@dataclass(frozen=True, slots=True)
class RemovalReport:
    """What one removal did: the articles taken out, and the ids that matched no article.

    A server removing an article other servers brought in too only takes it out of its own
    library (``released``); one in the shared library stays (``shared``: only the operator
    removes those).
    """

    removed: tuple[Tombstone, ...] = ()
    unknown: tuple[int, ...] = ()
    released: tuple[int, ...] = ()
    shared: tuple[int, ...] = ()
