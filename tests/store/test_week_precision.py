"""Schema 3: publication dates known only to the week, and the in-place upgrade that allows them."""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.core.models import DatePrecision
from bot.store import SCHEMA_VERSION, ArticleStore
from bot.store.database import connect, migrate
from tests.store.conftest import INGESTED_AT, draft

WEEK_OF = datetime(2022, 10, 16, tzinfo=UTC)


async def test_week_precision_round_trips(store: ArticleStore) -> None:
    week = dataclasses.replace(
        draft("Congress week", "Xi spoke on Sunday. The congress opened."),
        published_at=WEEK_OF,
        published_precision=DatePrecision.WEEK,
    )
    (result,) = await store.add_articles([week], ingested_at=INGESTED_AT)
    article = await store.get_article(result.article_id)
    assert article is not None
    assert article.published_precision is DatePrecision.WEEK
    assert article.published_at == WEEK_OF


async def test_a_version_2_store_upgrades_and_keeps_articles_and_sentences(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    connection = await connect(path)
    try:
        assert await migrate(connection, path, target=2) == 2
    finally:
        await connection.close()
    with sqlite3.connect(path) as raw:
        raw.execute("PRAGMA foreign_keys = ON")
        raw.execute(
            "INSERT INTO articles (id, title, published_precision, ingested_at, dated_at, body, "
            "lead, content_hash) VALUES (1, 'Old', 'month', '2024-01-01T00:00:00+00:00', "
            "'2024-01-01T00:00:00+00:00', 'Body text.', 'Body text.', 'h1')"
        )
        raw.execute("INSERT INTO sentences VALUES (1, 0, 0, NULL, 'Body text.')")
        with pytest.raises(sqlite3.IntegrityError):
            raw.execute("UPDATE articles SET published_precision = 'week' WHERE id = 1")

    store = await ArticleStore.open(path, workers=1)
    try:
        old = await store.get_article(1)
        assert old is not None
        assert [s.text for s in old.sentences] == ["Body text."]
        week = dataclasses.replace(
            draft("New", "A new article this week."),
            published_at=WEEK_OF,
            published_precision=DatePrecision.WEEK,
        )
        (added,) = await store.add_articles([week], ingested_at=INGESTED_AT)
        assert added.article_id == 2
    finally:
        await store.close()
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        with pytest.raises(sqlite3.IntegrityError):
            raw.execute("UPDATE articles SET published_precision = 'fortnight' WHERE id = 1")
