"""Taking wrong articles out of the store (CLI and Discord), logged, leaving tombstones."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from bot.core.models import Article
from bot.core.removals import RemovalReport
from bot.core.scope import LIBRARY
from bot.service.briefings import Clock, utc_now
from bot.store import ArticleStore

log = logging.getLogger(__name__)

# More ids than this in one request is a mistake, not a clean-up.
MAX_IDS = 1000


class RemovalError(Exception):
    """A removal request that cannot be done, as one plain sentence."""


class Removals:
    """Preview and remove stored articles by id; a removed address stays out of feed polling."""

    def __init__(self, store: ArticleStore, *, clock: Clock = utc_now) -> None:
        self.store = store
        self.clock = clock

    async def preview(self, ids: Sequence[int]) -> tuple[list[Article], tuple[int, ...]]:
        """The stored articles these ids name (in the order given) and the ids that name none."""
        _check(ids)
        found = await self.store.get_articles(ids, with_sentences=False)
        known = {a.id for a in found}
        return found, tuple(i for i in dict.fromkeys(ids) if i not in known)

    async def remove(self, ids: Sequence[int], *, removed_by: str) -> RemovalReport:
        """Remove the articles (search, briefs, timelines, stories, digests); log each one.

        Through a server's view, an article that the shared library or another server holds too
        is not removed for them: the server only lets go of its own copy (``RemovalReport``).
        """
        _check(ids)
        visible = [a.id for a in await self.store.get_articles(ids, with_sentences=False)]
        released: list[int] = []
        shared: list[int] = []
        server_id = self.store.scope.server_id if self.store.scope is not None else None
        if server_id is not None:
            owners = await self.store.owners_of(visible)
            shared = [i for i in visible if LIBRARY in owners.get(i, set())]
            released = [
                i for i in visible if i not in shared and owners.get(i, set()) - {server_id}
            ]
            if released:
                await self.store.release_articles(released, server_id, released_at=self.clock())
        kept = set(released) | set(shared)
        removed = await self.store.remove_articles(
            [i for i in visible if i not in kept], removed_at=self.clock(), removed_by=removed_by
        )
        gone = {t.article_id for t in removed} | kept
        unknown = tuple(i for i in dict.fromkeys(ids) if i not in gone)
        for article_id in released:
            log.info("article %d released from server %s by %s", article_id, server_id, removed_by)
        for tombstone in removed:
            log.info(
                "removed article %d %r (%s, content %s) by %s",
                tombstone.article_id,
                tombstone.title,
                tombstone.url or tombstone.origin or "no address",
                tombstone.content_hash[:12],
                removed_by,
            )
        if unknown:
            log.info(
                "removal by %s: no article has id %s", removed_by, ", ".join(map(str, unknown))
            )
        return RemovalReport(tuple(removed), unknown, tuple(released), tuple(shared))


def _check(ids: Sequence[int]) -> None:
    if not ids:
        raise RemovalError("Give at least one article id (see `briefbot articles`).")
    if len(ids) > MAX_IDS:
        raise RemovalError(f"At most {MAX_IDS:,} article ids can be removed at once.")
    bad = [i for i in ids if i < 1]
    if bad:
        raise RemovalError(f"Article ids are positive whole numbers, not {bad[0]}.")
