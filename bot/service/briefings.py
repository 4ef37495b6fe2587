"""The library and briefing use cases: seeding, ingest, listing, search, briefs and timelines."""

from __future__ import annotations

import asyncio
import copy
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from bot.core.article_gate import DEFAULT_GATE, ArticleGate
from bot.core.brief import (
    Brief,
    TopicNotFound,
    TopicQuery,
    expand_topic,
    rank_articles,
    resolve_topic,
    suggest_topics,
)
from bot.core.brief.ranking import RankedArticle
from bot.core.models import Article, ArticleDraft, SearchHit
from bot.core.reports import IngestReport
from bot.core.scope import Scope
from bot.service.file_ingest import ProgressCallback, ingest_files
from bot.service.ingest_reports import Pending, store_report
from bot.service.lexicons import LexiconFileError, Lexicons
from bot.store import ArticleStore

if TYPE_CHECKING:
    from bot.core.timeline import Timeline
    from bot.service.stories import StoryLibrary

# Lexicons and LexiconFileError moved to bot.service.lexicons; importing them from here still works.
__all__ = [
    "SEEDED_META_KEY",
    "BriefRequest",
    "Briefings",
    "Clock",
    "LexiconFileError",
    "Lexicons",
    "TimelineRequest",
    "utc_now",
]

Clock = Callable[[], datetime]

SEEDED_META_KEY = "seeded_at"
_TOPIC_HITS = 60
_EXPANSION_ARTICLES = 8
_SUGGESTIONS = 5
_RELATED_RECENT = 20


@dataclass(frozen=True, slots=True)
class BriefRequest:
    """What a person asked a brief for: topic plus optional window, source and size."""

    topic: str
    days: int | None = None
    since_at: datetime | None = None
    publisher: str | None = None
    max_articles: int = 8
    language: str | None = None


def utc_now() -> datetime:
    """The current time, timezone-aware UTC."""
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class TimelineRequest:
    """What a person asked a timeline for: topic, optional date range, only upcoming events."""

    topic: str
    from_at: datetime | None = None
    to_at: datetime | None = None
    upcoming_only: bool = False
    max_articles: int = 20


class Briefings:
    """The application's use cases, shared by the CLI and the Discord bot."""

    def __init__(
        self,
        store: ArticleStore,
        *,
        seeds_dir: Path,
        lexicons: Lexicons | None = None,
        clock: Clock = utc_now,
        gate: ArticleGate = DEFAULT_GATE,
    ) -> None:
        self.store = store
        self.seeds_dir = seeds_dir
        self.lexicons = lexicons or Lexicons.builtin()
        self.clock = clock
        self.gate = gate
        self._stories: StoryLibrary | None = None

    def for_scope(self, scope: Scope | None) -> Briefings:
        """These use cases as one scope sees them (a server, the shared library, or everything).

        The view shares the store's connections and the loaded story state.
        """
        # A copy keeps the settings (and a subclass's behaviour); only the store view differs.
        view = copy.copy(self)
        view.store = self.store.scoped(scope)
        view._stories = self.stories.viewed_by(view.store)
        return view

    async def ensure_seeded(self) -> IngestReport | None:
        """Load the seeds into a store that has never been seeded; ``None`` if already done."""
        if await self.store.get_meta(SEEDED_META_KEY) is not None:
            return None
        report = IngestReport()
        if self.seeds_dir.is_dir():
            # The seeds are the shared library's, whichever scope asked first.
            library = self.for_scope(Scope.library())
            report = await library.ingest_paths([self.seeds_dir], restore_removed=False)
        await self.store.set_meta(SEEDED_META_KEY, self.clock().isoformat())
        return report

    async def ingest_paths(
        self,
        paths: Sequence[Path],
        *,
        on_progress: ProgressCallback | None = None,
        restore_removed: bool = True,  # files given by hand bring a removed article back
    ) -> IngestReport:
        """Ingest files and folders; bad files are reported and skipped, the rest goes in."""
        report = await ingest_files(
            self.store,
            paths,
            gate=self.gate,
            clock=self.clock,
            restore_removed=restore_removed,
            on_progress=on_progress,
        )
        if report.added:
            await self.place_stories()
        return report

    async def ingest_drafts(
        self,
        drafts: Sequence[ArticleDraft],
        *,
        restore_removed: bool = False,
        owners: Sequence[int] | None = None,
    ) -> IngestReport:
        """Store already-built drafts (from feeds or links), place them in stories, and report.

        Removed articles are withheld unless ``restore_removed`` (a link given by hand). The
        articles are filed under ``owners`` (a feed's followers), by default under this scope.
        """
        report = await self.store_drafts(drafts, restore_removed=restore_removed, owners=owners)
        if report.added:
            await self.place_stories()
        return report

    async def store_drafts(
        self,
        drafts: Sequence[ArticleDraft],
        *,
        restore_removed: bool = False,
        owners: Sequence[int] | None = None,
    ) -> IngestReport:
        """``ingest_drafts`` without placing the articles in stories (a caller storing many
        batches places them once, after the last: ``place_stories``)."""
        pending = [Pending(d.origin or d.url or d.title, d) for d in drafts]
        results = await self.store.add_articles(
            [p.draft for p in pending],
            ingested_at=self.clock(),
            restore_removed=restore_removed,
            owners=owners,
        )
        return store_report(pending, results)

    @property
    def stories(self) -> StoryLibrary:
        """The store's stories, one library (and one loaded clustering state) per service."""
        # Imported here: bot.service.stories builds on this module's clock.
        from bot.service.stories import StoryLibrary  # noqa: PLC0415

        if self._stories is None:
            self._stories = StoryLibrary(self.store, self.clock)
        return self._stories

    async def place_stories(self) -> int:
        """Place newly stored articles in their stories; returns how many were placed."""
        return await self.stories.update()

    async def list_articles(
        self, *, limit: int = 50, offset: int = 0, publisher: str | None = None
    ) -> list[Article]:
        """Stored articles, newest first."""
        return await self.store.list_articles(limit=limit, offset=offset, publisher=publisher)

    async def count_articles(self) -> int:
        """How many articles this view holds."""
        return await self.store.count_articles()

    async def search(
        self,
        words: str,
        *,
        limit: int = 10,
        publisher: str | None = None,
        since_at: datetime | None = None,
        until_at: datetime | None = None,
        language: str | None = None,
    ) -> list[SearchHit]:
        """Ranked full-text matches for the words a person typed (``language``: only "fr" …)."""
        terms = [w for w in words.split() if w.strip()]
        if not terms:
            return []
        return await self.store.search(
            terms,
            publisher=publisher,
            since_at=since_at,
            until_at=until_at,
            limit=limit,
            language=language,
        )

    async def brief(self, request: BriefRequest) -> Brief | TopicNotFound:
        """A cited brief on a topic, or the closest stored topics when nothing matches."""
        now_at = self.clock()
        since_at = request.since_at
        if request.days is not None:
            window_at = now_at - timedelta(days=request.days)
            since_at = max(since_at, window_at) if since_at else window_at
        query, ranked = await self._rank_topic(
            request.topic, now_at, since_at, request.publisher, request.language
        )
        if not ranked:
            filtered = since_at is not None or request.publisher or request.language
            return await self._not_found(request.topic, now_at if filtered else None)
        related = await self._related({r.article.id for r in ranked}, request.language)
        stories = await self.store.story_keys([r.article.id for r in ranked])
        # Brief assembly is the largest core import: commands that only read skip it.
        from bot.core.brief.summary import build_brief  # noqa: PLC0415

        # The pure core is CPU work: a worker thread keeps the bot's event loop answering.
        return await asyncio.to_thread(
            partial(
                build_brief,
                query,
                ranked,
                related=related,
                audiences=self.lexicons.audiences,
                max_articles=request.max_articles,
                topic=request.topic,
                stories=stories,
            )
        )

    async def timeline(self, request: TimelineRequest) -> Timeline | TopicNotFound:
        """Dated events on a topic across its articles, or the closest topics when none match.

        The date range filters events, not articles: an old article can announce a future date.
        """
        # Date tagging compiles many patterns at import: only timelines need it.
        from bot.core.timeline import build_timeline  # noqa: PLC0415

        now_at = self.clock()
        _query, ranked = await self._rank_topic(request.topic, now_at, None, None)
        if not ranked:
            return await self._not_found(request.topic)
        return await asyncio.to_thread(
            partial(
                build_timeline,
                [r.article for r in ranked[: request.max_articles]],
                now_at=now_at,
                from_at=request.from_at,
                to_at=request.to_at,
                upcoming_only=request.upcoming_only,
            )
        )

    async def _rank_topic(
        self,
        topic: str,
        now_at: datetime,
        since_at: datetime | None,
        publisher: str | None,
        language: str | None = None,
    ) -> tuple[TopicQuery, list[RankedArticle]]:
        query = resolve_topic(topic, self.lexicons.topics)
        loaded: dict[int, Article] = {}
        hits = await self._topic_hits(query, since_at, publisher, loaded, language)
        if hits:
            top = [hit.article for hit in hits[:_EXPANSION_ARTICLES]]
            query = await asyncio.to_thread(expand_topic, query, top)
            hits = await self._topic_hits(query, since_at, publisher, loaded, language)
        ranked = await asyncio.to_thread(partial(rank_articles, query, hits, now_at=now_at))
        return query, ranked

    async def article_brief(self, article_id: int) -> Brief | None:
        """One stored article's own brief, or ``None`` for an unknown id."""
        found = await self.store.get_articles([article_id], heads=True)
        if not found:
            return None
        article = found[0]
        related = await self._related({article_id})
        from bot.core.brief.summary import build_article_brief  # noqa: PLC0415

        return await asyncio.to_thread(
            partial(
                build_article_brief, article, related=related, audiences=self.lexicons.audiences
            )
        )

    async def _topic_hits(
        self,
        query: TopicQuery,
        since_at: datetime | None,
        publisher: str | None,
        loaded: dict[int, Article],
        language: str | None = None,
    ) -> list[SearchHit]:
        """Search the topic's terms, loading (once per request) the hits' articles with sentences."""
        terms = [term.text for term in query.weighted]
        hits = await self.store.search(
            terms,
            publisher=publisher,
            since_at=since_at,
            limit=_TOPIC_HITS,
            language=language,
            snippets=False,  # the hits' articles are reloaded just below, with their sentences
        )
        missing = [h.article.id for h in hits if h.article.id not in loaded]
        # Only each article's opening: a brief's cost follows the sentences it considers.
        loaded.update((a.id, a) for a in await self.store.get_articles(missing, heads=True))
        return [
            SearchHit(loaded[h.article.id], h.score, h.snippet)
            for h in hits
            if h.article.id in loaded
        ]

    async def _related(self, offered_ids: set[int], language: str | None = None) -> list[Article]:
        """Recent articles beyond the topic's own hits, offered for "Related updates".

        A brief asked for in one ``language`` offers only related articles in it too.
        """
        recent = await self.store.list_articles(
            limit=_RELATED_RECENT, heads=True, language=language
        )
        candidates = [a.id for a in recent if a.id not in offered_ids]
        return await self.store.get_articles(candidates, heads=True)

    async def _not_found(self, topic: str, filtered_at: datetime | None = None) -> TopicNotFound:
        """The closest lexicon topics that have stored articles (stems are not shown to people).

        With ``filtered_at`` (the request had filters), first count the topic's articles without
        them: a known topic outside the window is not an unknown topic.
        """
        if filtered_at is not None:
            _query, unfiltered = await self._rank_topic(topic, filtered_at, None, None)
            if unfiltered:
                return TopicNotFound(topic, (), unfiltered_count=len(unfiltered))
        candidates = suggest_topics(
            topic, self.lexicons.topics, (), limit=len(self.lexicons.topics)
        )
        by_label = {entry.label: entry for entry in self.lexicons.topics.values()}
        existing: list[str] = []
        for label in candidates.suggestions:
            entry = by_label.get(label)
            terms = [*entry.terms, *entry.aliases] if entry else [label]
            if await self.store.search(terms, limit=1):
                existing.append(label)
            if len(existing) == _SUGGESTIONS:
                break
        return TopicNotFound(candidates.topic, tuple(existing))
