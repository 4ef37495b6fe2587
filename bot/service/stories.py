"""The stories use case: place new articles in stored stories, and list the current stories."""

from __future__ import annotations

import asyncio
import gc
import logging
import random
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime

from bot.core.models import Article
from bot.core.stories import Story, group_stories, story_date
from bot.core.story.clusterer import StoryClusterer
from bot.core.story.terms import story_terms
from bot.service.briefings import Clock, utc_now
from bot.store import ArticleStore
from bot.store.stories import StoriesMovedOnError

BATCH = 500
MAX_LISTED = 50
# Another process saving stories first sends this one back to reload and place again; each
# retry starts from a state that has the other's placements, so few are ever needed.
UPDATE_ATTEMPTS = 8
BACKOFF_SECONDS = 0.02
log = logging.getLogger(__name__)


@contextmanager
def collection_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector over a bulk placement, restoring it after.

    Placing articles makes only long-lived objects (stories, centroids, posting lists) and no
    cycles, yet they trigger collections that walk the whole loaded state: at 30,000 articles
    about a tenth of the clustering's CPU (``bench/story_bench.py``, which pauses it too).
    Objects other threads make meanwhile are collected at the next collection after.
    """
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _place(clusterer: StoryClusterer, articles: Sequence[Article]) -> None:
    with collection_paused():
        for article in sorted(articles, key=lambda a: a.id):
            terms = story_terms(article.title, article.body)
            clusterer.add(article.id, terms, story_date(article))


class StoryLibrary:
    """Stored stories over one store: kept up to date incrementally, never recomputed whole."""

    def __init__(self, store: ArticleStore, clock: Clock = utc_now) -> None:
        # Stories are found across every article (the unscoped store); each reader sees only
        # the members in its own scope (``viewed_by``).
        self.store = store.scoped(None)
        self.reader = store
        self.clock = clock
        self._clusterer: StoryClusterer | None = None
        self._lock = asyncio.Lock()
        self._parent: StoryLibrary | None = None
        self._rng = random.Random()

    def viewed_by(self, reader: ArticleStore) -> StoryLibrary:
        """This library as one scope reads it, sharing the loaded clustering state."""
        view = StoryLibrary(reader, self.clock)
        view._parent = self._parent or self
        return view

    async def update(self) -> int:
        """Place every article not yet in a story; returns how many were placed.

        Several processes may share the store: a save lands only over the state it was
        computed from (``StoriesMovedOnError`` otherwise), and the loser reloads and retries
        after a random pause; after ``UPDATE_ATTEMPTS`` lost saves it logs and returns 0.
        """
        if self._parent is not None:
            return await self._parent.update()
        async with self._lock:
            for attempt in range(UPDATE_ATTEMPTS):
                try:
                    return await self._place_unplaced()
                except StoriesMovedOnError:
                    self._clusterer = None  # another process saved first: start from its state
                if attempt + 1 < UPDATE_ATTEMPTS:
                    # Processes that lost together would reload and collide together again.
                    pause = min(1.0, BACKOFF_SECONDS * 2**attempt)
                    await asyncio.sleep(self._rng.uniform(0, pause))
        # Others keep saving first, and their saves placed what was unplaced when they loaded:
        # whatever is left waits for the next update (every reader of stories starts with one).
        # Failing instead would fail the ingest or feed poll that stored the articles.
        log.warning("stories not updated: %d saves by other processes came first", UPDATE_ATTEMPTS)
        return 0

    async def _place_unplaced(self) -> int:
        stored_count = await self.store.story_document_count()
        if self._clusterer is None or self._clusterer.document_count != stored_count:
            # Another process (a shard, a CLI ingest) moved the stored state on: reload it.
            self._clusterer = await self.store.load_story_clusterer()
        clusterer = self._clusterer
        ids = await self.store.unplaced_article_ids()
        for start in range(0, len(ids), BATCH):
            chunk = await self.store.get_articles(ids[start : start + BATCH], with_sentences=False)
            await asyncio.to_thread(_place, clusterer, chunk)
        if ids:
            await asyncio.to_thread(clusterer.consolidate)
            try:
                await self.store.save_story_changes(
                    clusterer.drain_changes(), saved_at=self.clock()
                )
            except BaseException:
                self._clusterer = None  # memory is ahead of the store: reload next time
                raise
        return len(ids)

    async def keys_of(self, ids: Sequence[int]) -> dict[int, str]:
        """The current story key of each of these articles (placing new articles first)."""
        await self.update()
        return await self.store.story_keys(ids)

    async def current(self, *, since_at: datetime | None = None, limit: int = 20) -> list[Story]:
        """Stories with an article dated from ``since_at``, newest activity first."""
        await self.update()
        members = await self.reader.story_members_since(since_at, limit=min(limit, MAX_LISTED))
        ids = sorted({i for group in members.values() for i in group})
        articles = await self.reader.get_articles(ids, with_sentences=False)
        keys = {i: key for key, group in members.items() for i in group}
        by_key = {s.key: s for s in group_stories(articles, keys)}
        return [by_key[key] for key in members if key in by_key]
