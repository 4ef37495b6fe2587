"""PostgreSQL's bm25 (``bot.store.pg_bm25``) against FTS5's on the same articles, and its statistics."""

from __future__ import annotations

import math
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.store import ArticleStore
from bot.store.pg import PgConnection
from bot.store.pg_bm25 import Corpus, _cached, corpus
from tests.store.conftest import INGESTED_AT, background, draft

QUERIES = (
    ("chips",),
    ("export controls",),
    ("China", "lithography"),
    ("semiconductor", "export", "controls", "tariffs"),
    ("芯片",),
    ("光刻机", "chips"),
    ("芯",),
)


def _articles() -> list[object]:
    return [
        draft(
            "Chip export controls tighten",
            "The export controls on chips now cover lithography tools. Chips, chips and more.",
        ),
        draft(
            "Lithography in China",
            "China builds lithography machines; semiconductor makers in China wait for them.",
        ),
        draft(
            "Tariffs and trade",
            "New tariffs on steel. Semiconductor tariffs are discussed, export rules are not. "
            + "Long filler text about the trade talks between the two sides. " * 8,
        ),
        draft("Semiconductor export controls", "Export controls, export controls everywhere."),
        draft("芯片出口管制", "美国扩大芯片出口管制。光刻机也在其中，芯片企业受到影响。"),
        # A space before "chips": PostgreSQL's parser would join it to the CJK run before it.
        draft(
            "光刻机进展", "国产光刻机取得进展。 chips 供应链更加稳定。" + "会议讨论了很多问题。" * 5
        ),
        draft("Chips in Taiwan", "Taiwan makes chips; 芯片 is the word for chips."),
        *background(30),
        # CJK rows without the needles, so that bm25 weighs the needles in the bigram index.
        *(draft(f"天气 {i}", f"今天天气很好，我们去公园散步 {i} 次。") for i in range(6)),
    ]


async def _scores(location: Path | str) -> list[list[tuple[str, float]]]:
    async with await ArticleStore.open(location, workers=1) as store:
        await store.add_articles(_articles(), ingested_at=INGESTED_AT)  # type: ignore[arg-type]
        out = []
        for terms in QUERIES:
            hits = await store.search(terms, limit=10, snippets=False)
            out.append([(h.article.title, h.score) for h in hits])
        return out


async def test_postgresql_scores_are_fts5_bm25(tmp_path: Path, pg_url: str) -> None:
    on_sqlite = await _scores(tmp_path / "s.sqlite")
    on_postgresql = await _scores(pg_url)
    for fts5, pg in zip(on_sqlite, on_postgresql, strict=True):
        assert [title for title, _ in pg] == [title for title, _ in fts5]
        for (_, expected), (_, actual) in zip(fts5, pg, strict=True):
            assert actual == pytest.approx(expected, rel=1e-5)


async def test_statistics_follow_additions_and_removals(pg_url: str) -> None:
    async with await ArticleStore.open(pg_url, workers=1) as store:
        reader = await PgConnection.open(pg_url, read_only=True)
        try:
            empty = await corpus(reader)
            assert (empty.articles, empty.tokens) == (0, 0)
            results = await store.add_articles(
                [draft("One two", "Three four five."), draft("Six", "Seven eight")],
                ingested_at=INGESTED_AT,
            )
            added = await corpus(reader)
            # Title and body tokens (the lead repeats the body's opening), plus the facets token.
            assert added.articles == 2
            assert added.tokens == (2 + 3 + 3 + 1) + (1 + 2 + 2 + 1)
            assert added.token == empty.token
            assert added.generation > empty.generation
            await store.remove_articles(
                [results[0].article_id], removed_at=datetime(2025, 2, 1, tzinfo=UTC), removed_by="t"
            )
            removed = await corpus(reader)
            assert (removed.articles, removed.tokens) == (1, 6)
            assert removed.generation > added.generation
        finally:
            await reader.close()


def test_idf_is_fts5s_with_its_floor() -> None:
    state = Corpus("t", 0, 100, 1000)
    assert state.idf(10) == pytest.approx(math.log(90.5 / 10.5))
    assert state.idf(60) == 1e-6  # a phrase in most rows
    assert state.average_length == 10.0
    assert Corpus("t", 0, 0, 0).average_length == 1.0


async def test_counts_are_kept_until_a_hundredth_of_the_articles_changed() -> None:
    asked: list[list[str]] = []

    async def count(missing: list[str]) -> dict[str, int]:
        asked.append(missing)
        return dict.fromkeys(missing, 7)

    assert await _cached(Corpus("kept", 10, 300, 3000), ["a", "b"], count) == [7, 7]
    assert await _cached(Corpus("kept", 13, 303, 3030), ["a", "c"], count) == [7, 7]
    assert asked == [["a", "b"], ["c"]]
    await _cached(Corpus("kept", 14, 304, 3040), ["a"], count)  # 4 rows changed, 3 allowed
    assert asked[-1] == ["a"]
