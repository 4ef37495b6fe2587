"""Scoped store views: what the library, a server and the unscoped store read, and migration 17."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.core.scope import Scope
from bot.store import ArticleStore
from bot.store.database import connect, migrate
from bot.store.dialect import insert_sql
from bot.store.preparation import ARTICLE_COLUMNS, SENTENCE_COLUMNS, prepare_drafts
from bot.store.rows import iso_at
from bot.store.writing import _FTS_INSERT
from tests.store.conftest import INGESTED_AT, draft

SERVER = 123_456_789_012_345_678


async def test_views_read_their_own_scope_and_write_under_it(store: ArticleStore) -> None:
    library, server = store.scoped(Scope.library()), store.scoped(Scope.server(SERVER))
    (shared,) = await library.add_articles(
        [draft("Chip export rules", "Chip export rules widen today.")], ingested_at=INGESTED_AT
    )
    (own,) = await server.add_articles(
        [draft("Chip fab opens", "A chip fab opens in Ohio.")], ingested_at=INGESTED_AT
    )
    assert {a.id for a in await library.list_articles()} == {shared.article_id}
    assert {a.id for a in await server.list_articles()} == {shared.article_id, own.article_id}
    assert [h.article.id for h in await library.search(["chip"])] == [shared.article_id]
    assert len(await server.search(["chip"])) == 2
    assert await library.get_article(own.article_id) is None
    assert await library.count_articles() == 1
    assert await server.count_articles() == 2
    assert await store.count_articles() == 2  # unscoped: every article
    assert await library.term_document_counts(["fab"]) == {"fab": 0}
    assert await server.term_document_counts(["fab"]) == {"fab": 1}
    assert await library.vocabulary(prefix="fa") == []
    assert await server.vocabulary(prefix="fa") == [("fab", 1)]
    assert await library.publishers() == [("Reuters", 1)]


def test_scopes_are_checked() -> None:
    assert Scope.library().visible == (0,)
    assert Scope.server(5).visible == (0, 5)
    assert Scope.server(5).owner == 5
    with pytest.raises(ValueError, match="positive"):
        Scope.server(0)


async def test_migration_17_files_earlier_articles_and_feeds_under_the_library(
    tmp_path: Path,
) -> None:
    path = tmp_path / "v14.sqlite"
    connection = await connect(path)
    try:
        assert await migrate(connection, path, target=14) == 14
        (prepared,) = prepare_drafts(
            [draft("Old chips story", "Chips then and now.")], iso_at(INGESTED_AT)
        )
        await connection.execute(
            insert_sql("articles", ARTICLE_COLUMNS), (7, *prepared.article_row)
        )
        await connection.execute(
            insert_sql("sentences", SENTENCE_COLUMNS), (7, prepared.sentences_json)
        )
        await connection.execute(_FTS_INSERT, (7, 7))
        at = datetime(2024, 1, 1, tzinfo=UTC).isoformat()
        await connection.execute(
            "INSERT INTO feeds (url, title, interval_minutes, added_at, next_poll_at) "
            "VALUES ('https://example.com/rss', 'Wire', 30, ?, ?)",
            (at, at),
        )
    finally:
        await connection.close()
    async with await ArticleStore.open(path, workers=1) as store:
        library = store.scoped(Scope.library())
        server = store.scoped(Scope.server(SERVER))
        assert [h.article.id for h in await library.search(["chips"])] == [7]
        assert [h.article.id for h in await server.search(["chips"])] == [7]
        (feed,) = await library.list_feeds()
        assert feed.followers == (0,)
        assert await server.list_feeds() == []
