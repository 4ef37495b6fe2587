"""Long articles in two parts: the head in the rows, the rest in a tail, read back whole."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import psycopg

from bot.core.brief.budget import MAX_BODY_CHARS, MAX_SENTENCES
from bot.core.models import ArticleDraft
from bot.core.snippets import MAX_SCANNED
from bot.core.text import sentences_of
from bot.store import SCHEMA_VERSION, ArticleStore
from bot.store.database import connect, migrate
from bot.store.date_keys import DATE_KEY_COLUMN
from bot.store.rows import sentences_json
from bot.store.tails import STORED_BODY_CHARS, STORED_SENTENCES
from tests.store.conftest import INGESTED_AT

_FTS_COLUMNS = "title, lead, body, card_text, facets"


def _long_body(paragraphs: int, *, last: str) -> str:
    lines = [
        f"The wafer line moved lot {n} to lithography stage {n % 31} on schedule."
        for n in range(paragraphs)
    ]
    return "\n\n".join([*lines, last])


def _long_draft() -> ArticleDraft:
    # About 8,000 paragraphs: past both the body and the sentence limits.
    return ArticleDraft(
        title="Fab log",
        body=_long_body(8_000, last="The zeppelinfabrik closed its doors."),
        publisher="Fab",
        origin="fab.log",
    )


def _integrity(path: Path) -> None:
    with sqlite3.connect(path) as raw:
        raw.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_the_head_limits_hold_what_briefs_and_snippets_read() -> None:
    assert STORED_SENTENCES > MAX_SENTENCES
    assert max(MAX_BODY_CHARS, MAX_SCANNED) <= STORED_BODY_CHARS


async def test_a_long_article_is_read_back_whole_and_its_head_alone(store: ArticleStore) -> None:
    draft = _long_draft()
    assert len(draft.body) > STORED_BODY_CHARS
    [added] = await store.add_articles([draft], ingested_at=INGESTED_AT)
    [full] = await store.get_articles([added.article_id])
    [head] = await store.get_articles([added.article_id], heads=True)
    [listed] = await store.list_articles()
    expected = tuple(sentences_of(added.article_id, draft))
    assert len(expected) > STORED_SENTENCES
    assert full.body == draft.body
    assert listed.body == draft.body
    assert full.sentences == expected
    assert head.sentences == expected[:MAX_SENTENCES]
    assert head.body == draft.body[:MAX_BODY_CHARS]


async def test_only_a_long_articles_head_is_searched(store: ArticleStore) -> None:
    [added] = await store.add_articles([_long_draft()], ingested_at=INGESTED_AT)
    assert [h.article.id for h in await store.search(["lithography"])] == [added.article_id]
    assert await store.search(["zeppelinfabrik"]) == []


async def test_removing_a_long_article_takes_its_tail(store_location: Path | str) -> None:
    path = store_location
    async with await ArticleStore.open(path, workers=1) as store:
        [added] = await store.add_articles([_long_draft()], ingested_at=INGESTED_AT)
        await store.remove_articles(
            [added.article_id], removed_at=INGESTED_AT, removed_by="operator"
        )
        assert await store.get_articles([added.article_id]) == []
    if isinstance(path, str):
        with psycopg.connect(path) as connection:
            assert connection.execute("SELECT count(*) FROM article_tails").fetchone() == (0,)
        return
    with sqlite3.connect(path) as raw:
        assert raw.execute("SELECT count(*) FROM article_tails").fetchone() == (0,)
    _integrity(path)


async def test_a_version_14_store_has_its_long_articles_split_and_reindexed(
    tmp_path: Path,
) -> None:
    path = tmp_path / "v14.sqlite"
    draft = _long_draft()
    items = [[s.position, s.paragraph, None, s.text] for s in sentences_of(9, draft)]
    dated = datetime(2024, 1, 1, tzinfo=UTC).isoformat()
    connection = await connect(path)
    try:  # as a version 14 writer stored it: everything in the rows, everything indexed
        assert await migrate(connection, path, target=14) == 14
        await connection.execute(
            "INSERT INTO articles (id, title, ingested_at, dated_at, body, lead, content_hash) "
            "VALUES (9, ?, ?, ?, ?, 'The wafer line moved lot 0.', 'h9')",
            (draft.title, dated, dated, draft.body),
        )
        await connection.execute(
            "INSERT INTO sentences (article_id, items) VALUES (9, ?)", (sentences_json(items),)
        )
        await connection.execute(
            f"INSERT INTO articles_fts (rowid, {_FTS_COLUMNS}) "
            f"SELECT {DATE_KEY_COLUMN}, {_FTS_COLUMNS} FROM articles"
        )
        await connection.commit()
    finally:
        await connection.close()
    async with await ArticleStore.open(path, workers=1) as store:
        [full] = await store.get_articles([9])
        [head] = await store.get_articles([9], heads=True)
        tail_hits = await store.search(["zeppelinfabrik"])
        head_hits = await store.search(["lithography"])
    assert full.body == draft.body
    assert [[s.position, s.paragraph, None, s.text] for s in full.sentences] == items
    assert len(head.sentences) == MAX_SENTENCES
    assert tail_hits == []
    assert [h.article.id for h in head_hits] == [9]
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        [(body, sentences)] = raw.execute("SELECT body, sentences FROM article_tails").fetchall()
        [(stored,)] = raw.execute("SELECT length(body) FROM articles").fetchall()
    assert stored == STORED_BODY_CHARS
    assert body == draft.body[STORED_BODY_CHARS:]
    assert json.loads(sentences) == items[STORED_SENTENCES:]
    _integrity(path)
