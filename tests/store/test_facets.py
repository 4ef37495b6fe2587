"""Publisher facet tokens: same folding as SQLite, filters in the MATCH, upgrade in place."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.store import ArticleStore
from bot.store.facets import FACETS_SQL, publisher_token
from tests.store.conftest import INGESTED_AT, draft, write_old_store


@given(st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=20))
def test_the_query_token_is_the_token_sqlite_stores(publisher: str) -> None:
    with sqlite3.connect(":memory:") as raw:
        stored = raw.execute(f"SELECT {FACETS_SQL} FROM (SELECT ? AS publisher)", (publisher,))
        [(token,)] = stored.fetchall()
    assert publisher_token(publisher) == str(token).lower()


@pytest.mark.parametrize(
    ("name", "other"), [("Reuters", "REUTERS"), ("Der Spiegel", "der spiegel")]
)
def test_tokens_fold_ascii_case_like_nocase(name: str, other: str) -> None:
    assert publisher_token(name) == publisher_token(other)


def test_non_ascii_case_is_not_folded_as_nocase_does_not() -> None:
    assert publisher_token("Élysée") != publisher_token("élysée")
    assert publisher_token("bad \ud800") is None


async def test_publisher_filter_is_exact_and_words_never_match_publishers(
    store: ArticleStore,
) -> None:
    await store.add_articles(
        [
            draft("Chips in Asia", "Chip exports grow.", publisher="Nikkei Asia"),
            draft("Chips at home", "Chip plants open.", publisher="Asia"),
            draft("Weather", "Rain all week.", publisher="Reuters"),
        ],
        ingested_at=INGESTED_AT,
    )
    hits = await store.search(["chips"], publisher="asia")
    assert [h.article.title for h in hits] == ["Chips at home"]
    assert await store.search(["reuters"]) == []
    assert await store.term_document_counts(["reuters", "chips"]) == {"reuters": 0, "chips": 2}
    words = [term for term, _ in await store.vocabulary(limit=1000)]
    assert "chip" in words
    assert not [w for w in words if w.startswith("0p")]


async def test_a_version_8_database_gets_facets_and_keeps_its_articles(tmp_path: Path) -> None:
    path = tmp_path / "v8.sqlite"
    await write_old_store(
        path,
        8,
        "INSERT INTO articles (id, title, publisher, ingested_at, dated_at, body, lead, "
        "content_hash) VALUES (3, 'Old chips story', 'Wired', ?, ?, 'Chips then.', "
        "'Chips then.', 'h3')",
        (datetime(2024, 1, 1, tzinfo=UTC).isoformat(),) * 2,
    )
    async with await ArticleStore.open(path) as store:
        await store.add_articles(
            [draft("New chips story", "Chips now.", publisher="WIRED")], ingested_at=INGESTED_AT
        )
        filtered = await store.search(["chips"], publisher="wired")
        unfiltered = await store.search(["chips"])
        elsewhere = await store.search(["chips"], publisher="Reuters")
    assert sorted(h.article.id for h in filtered) == [3, 4]
    assert sorted(h.article.id for h in unfiltered) == [3, 4]
    assert elsewhere == []
    with sqlite3.connect(path) as raw:
        raw.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
