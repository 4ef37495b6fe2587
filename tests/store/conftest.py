"""Store fixtures: a fresh database per test on each backend, and helpers to build drafts.

``store`` runs each test twice: on a new SQLite file and on a new PostgreSQL database of the
session's throwaway cluster (``tests.pg``), skipped only where the server binaries are absent.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.core.models import ArticleDraft, DatePrecision
from bot.store import ArticleStore
from bot.store.database import connect, migrate

INGESTED_AT = datetime(2025, 1, 15, 12, 0, tzinfo=UTC)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_location(request: pytest.FixtureRequest, tmp_path: Path) -> Path | str:
    """Where a test's store lives: a new SQLite file, or a new PostgreSQL database's URL."""
    if request.param == "sqlite":
        return tmp_path / "data" / "articles.sqlite"
    url: str = request.getfixturevalue("pg_url")
    return url


@pytest.fixture
async def store(store_location: Path | str) -> AsyncIterator[ArticleStore]:
    """An open store on each backend, preparing batches in threads (no worker processes)."""
    opened = await ArticleStore.open(store_location, workers=1)
    try:
        yield opened
    finally:
        await opened.close()


def draft(
    title: str,
    body: str,
    *,
    url: str | None = None,
    publisher: str | None = "Reuters",
    published_at: datetime | None = None,
) -> ArticleDraft:
    """A draft with the fields tests vary most; published drafts get day precision."""
    return ArticleDraft(
        title=title,
        body=body,
        publisher=publisher,
        url=url,
        canonical_url=url,
        published_at=published_at,
        published_precision=DatePrecision.DAY if published_at else DatePrecision.UNKNOWN,
    )


def background(count: int) -> list[ArticleDraft]:
    """Unrelated articles, so that search terms are rare enough for bm25 to rank them."""
    topics = ("weather", "football", "recipes", "gardening", "museums", "trains", "music")
    return [
        draft(
            f"Local {topics[i % len(topics)]} note {i}",
            f"Paragraph about {topics[i % len(topics)]} number {i}. Nothing else happens here.",
            url=f"https://example.org/background/{i}",
            publisher="Local Paper",
        )
        for i in range(count)
    ]


async def write_old_store(
    path: Path, version: int, insert_article_sql: str, params: tuple[object, ...]
) -> None:
    """A database as schema ``version`` left it: one article row and its English index entry."""
    connection = await connect(path)
    try:
        assert await migrate(connection, path, target=version) == version
        await connection.execute(insert_article_sql, params)
        await connection.execute(
            "INSERT INTO articles_fts (rowid, title, lead, body, card_text) "
            "SELECT id, title, lead, body, card_text FROM articles"
        )
    finally:
        await connection.close()
