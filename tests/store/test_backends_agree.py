"""Both backends give the same briefs and timelines on the seeds: the service cannot tell them apart.

Both rank by bm25 (FTS5's own on SQLite, ``bot.store.pg_bm25`` on PostgreSQL), so hits compare by
article and order, timelines by their source articles in order, and scores to a few digits (the
tokenizers differ: porter against Snowball's english stemmer).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from bot.core.brief import Brief
from bot.service import Briefings, BriefRequest
from bot.service.briefings import TimelineRequest
from bot.store import ArticleStore
from tests.store.conftest import INGESTED_AT, background

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
NOW_AT = datetime(2026, 1, 15, tzinfo=UTC)
TOPICS = ("chips", "export controls", "lithography", "semiconductor equipment")


async def _answers(location: Path | str) -> list[object]:
    async with await ArticleStore.open(location, workers=1) as store:
        service = Briefings(store, seeds_dir=SEEDS, clock=lambda: NOW_AT)
        await service.ensure_seeded()
        await store.add_articles(background(40), ingested_at=INGESTED_AT)
        answers: list[object] = []
        for topic in TOPICS:
            brief = await service.brief(BriefRequest(topic))
            assert isinstance(brief, Brief)
            answers.append(brief)
            timeline = await service.timeline(TimelineRequest(topic))
            answers.append(getattr(timeline, "events", timeline))
            answers.append([a.id for a in getattr(timeline, "articles", ())])
        for words in ("chips", "export controls"):
            answers.append([(h.article, h.snippet) for h in await service.search(words)])
        # Words OR'ed: each weighed by its idf on both backends.
        answers.append([h.article.id for h in await service.search("China lithography")])
        return answers


async def test_seed_briefs_timelines_and_searches_are_the_same_on_sqlite_and_postgresql(
    tmp_path: Path, pg_url: str
) -> None:
    on_sqlite = await _answers(tmp_path / "s.sqlite")
    on_postgresql = await _answers(pg_url)
    assert on_postgresql == on_sqlite
