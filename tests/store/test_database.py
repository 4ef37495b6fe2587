"""Opening the database: pragmas, migrations (fresh, upgrade, newer refused) and unusable paths."""

from __future__ import annotations

import logging
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.core.models import ArticleDraft, CardSectionKind
from bot.store import SCHEMA_VERSION, ArticleStore, StoreUnavailableError, StoreVersionError
from bot.store.database import connect, migrate, schema_version
from bot.store.migrations import FTS_HASH_BYTES
from tests.store.conftest import write_old_store


async def test_a_new_file_gets_the_latest_schema_and_its_folder(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "articles.sqlite"
    async with await ArticleStore.open(path) as store:
        assert await store.count_articles() == 0
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        tables = {row[0] for row in raw.execute("SELECT name FROM sqlite_schema")}
    assert {"articles", "sentences", "meta", "articles_fts", "articles_cjk_bigrams"} <= tables
    assert "articles_cjk" not in tables


async def test_connections_use_wal_foreign_keys_normal_sync_and_a_busy_timeout(
    tmp_path: Path,
) -> None:
    connection = await connect(tmp_path / "a.sqlite")
    try:
        pragmas = {}
        for name in ("journal_mode", "foreign_keys", "synchronous", "busy_timeout"):
            async with connection.execute(f"PRAGMA {name}") as cursor:
                row = await cursor.fetchone()
            assert row is not None
            pragmas[name] = row[0]
    finally:
        await connection.close()
    assert pragmas["journal_mode"] == "wal"
    assert pragmas["foreign_keys"] == 1
    assert pragmas["synchronous"] == 1  # NORMAL
    assert pragmas["busy_timeout"] >= 1000


async def test_foreign_keys_reject_sentences_of_unknown_articles(tmp_path: Path) -> None:
    path = tmp_path / "a.sqlite"
    connection = await connect(path)
    try:
        await migrate(connection, path)
        with pytest.raises(sqlite3.IntegrityError):
            await connection.execute(
                "INSERT INTO sentences (article_id, items) VALUES (42, '[[0, 0, null, \"x\"]]')"
            )
    finally:
        await connection.close()


async def test_a_version_1_database_is_upgraded_in_place_and_keeps_its_articles(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.sqlite"
    connection = await connect(path)
    try:
        assert await migrate(connection, path, target=1) == 1
        assert await schema_version(connection) == 1
        # What version 1 wrote: the article row and its English index, no CJK index yet.
        await connection.execute(
            "INSERT INTO articles (id, title, ingested_at, dated_at, body, lead, content_hash) "
            "VALUES (7, '虎嗅 on chips', ?, ?, '中国芯片产业正在寻求突破。\n\nChips matter.', "
            "'中国芯片产业正在寻求突破。', 'h7')",
            (datetime(2024, 1, 1, tzinfo=UTC).isoformat(),) * 2,
        )
        await connection.execute(
            "INSERT INTO articles_fts (rowid, title, lead, body, card_text) "
            "SELECT id, title, lead, body, card_text FROM articles"
        )
    finally:
        await connection.close()

    async with await ArticleStore.open(path) as store:
        assert await store.count_articles() == 1
        cjk_hits = await store.search(["芯片"])
        word_hits = await store.search(["chip"])
    assert [h.article.id for h in cjk_hits] == [7]
    assert [h.article.id for h in word_hits] == [7]
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)


async def test_a_database_from_a_newer_briefbot_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite"
    future = SCHEMA_VERSION + 5
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE from_the_future (x)")
        raw.execute(f"PRAGMA user_version = {future}")
    with pytest.raises(StoreVersionError) as caught:
        await ArticleStore.open(path)
    message = str(caught.value)
    assert str(path) in message
    assert f"schema {future}, this version knows {SCHEMA_VERSION}" in message
    assert "upgrade briefbot" in message
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone() == (future,)


async def test_a_path_below_a_file_is_unavailable_with_the_path_named(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    path = blocker / "articles.sqlite"
    with pytest.raises(StoreUnavailableError) as caught:
        await ArticleStore.open(path)
    assert str(blocker) in str(caught.value)


async def test_a_folder_as_database_path_is_unavailable(tmp_path: Path) -> None:
    with pytest.raises(StoreUnavailableError) as caught:
        await ArticleStore.open(tmp_path)
    assert str(tmp_path) in str(caught.value)


async def test_a_file_that_is_not_a_database_is_unavailable(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_bytes(b"these are my notes, not a database" * 100)
    with pytest.raises(StoreUnavailableError, match="not an SQLite database"):
        await ArticleStore.open(path)


async def test_reopening_keeps_articles_and_meta(store_location: Path | str) -> None:
    path = store_location
    async with await ArticleStore.open(path) as store:
        await store.set_meta("seeded_at", "2025-01-01T00:00:00+00:00")
        await store.set_meta("seeded_at", "2025-02-01T00:00:00+00:00")
    async with await ArticleStore.open(path) as store:
        assert await store.get_meta("seeded_at") == "2025-02-01T00:00:00+00:00"
        assert await store.get_meta("never_set") is None


async def test_a_version_7_database_gets_a_bigger_index_write_buffer_and_keeps_its_hits(
    tmp_path: Path,
) -> None:
    path = tmp_path / "v7.sqlite"
    await write_old_store(
        path,
        7,
        "INSERT INTO articles (id, title, ingested_at, dated_at, body, lead, content_hash) "
        "VALUES (7, 'Old chips story', ?, ?, 'Chips then.', 'Chips then.', 'h7')",
        (datetime(2024, 1, 1, tzinfo=UTC).isoformat(),) * 2,
    )
    async with await ArticleStore.open(path) as store:
        await store.add_articles(
            [
                ArticleDraft(title="Chip curbs", body="Export rules on chips widen."),
                ArticleDraft(title="Rain", body="Weather news."),
            ],
            ingested_at=datetime(2025, 1, 1, tzinfo=UTC),
        )
        hits = await store.search(["chips"])
    assert sorted(h.article.title for h in hits) == ["Chip curbs", "Old chips story"]
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        for table in ("articles_fts_config", "articles_cjk_bigrams_config"):
            sizes = raw.execute(f"SELECT v FROM {table} WHERE k = 'hashsize'").fetchall()
            assert sizes == [(FTS_HASH_BYTES,)]


async def test_a_version_9_database_keeps_every_sentence_in_order_after_packing(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "v9.sqlite"
    await write_old_store(
        path,
        9,
        "INSERT INTO articles (id, title, ingested_at, dated_at, body, lead, content_hash) "
        "VALUES (3, 'Chips', ?, ?, 'First. Second.', 'First. Second.', 'h3')",
        (datetime(2024, 1, 1, tzinfo=UTC).isoformat(),) * 2,
    )
    with sqlite3.connect(path) as raw:
        # Inserted out of order, with a card sentence: packing must follow the positions.
        raw.executemany(
            "INSERT INTO sentences (article_id, position, paragraph, section, text) "
            "VALUES (3, ?, ?, ?, ?)",
            [(2, 1, "tldr", "Card line."), (0, 0, None, "First."), (1, 0, None, "Second.")],
        )
    caplog.set_level(logging.INFO, logger="bot.store.database")
    async with await ArticleStore.open(path) as store:
        (article,) = await store.get_articles([3])
        hits = await store.search(["chips"])
    assert [(s.position, s.paragraph, s.text) for s in article.sentences] == [
        (0, 0, "First."),
        (1, 0, "Second."),
        (2, 1, "Card line."),
    ]
    assert [s.section for s in article.sentences] == [None, None, CardSectionKind.TLDR]
    assert [h.article.id for h in hits] == [3]
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        tables = {row[0] for row in raw.execute("SELECT name FROM sqlite_schema")}
    assert "sentences_v9" not in tables
    assert f"upgrading the store {path} from schema 9 to 10" in caplog.text
