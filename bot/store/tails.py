"""Long articles stored in two parts: the head in the article's rows, the rest in a tail row.

SQLite reads a value whole, and reaching any column after a long body walks its whole overflow
chain: a 20 MB article made every brief that met it read 45 MB. So an article's row keeps only
its first ``STORED_BODY_CHARS`` characters of body and its first ``STORED_SENTENCES`` sentences;
whatever follows goes to ``article_tails`` and is joined back only by full reads. The full-text
indexes hold the head, which bounds a search's cost per article the same way. The ingest gate's
default size (``bot.core.article_gate``) is below both limits, so only articles stored before the
gate, or with a raised limit, have a tail.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, NamedTuple

from bot.store.dialect import Connection, insert_sql, json_values

# Above the gate's default 300 KB and the snippet scan (``bot.core.snippets.MAX_SCANNED``).
STORED_BODY_CHARS = 500_000
# News stories have tens of sentences; a brief reads at most ``bot.core.brief.budget``'s 100.
STORED_SENTENCES = 2_000

TAILS_SQL = """
CREATE TABLE article_tails (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    body       TEXT NOT NULL,
    sentences  TEXT NOT NULL
);
"""
TAIL_COLUMNS = ("article_id", "body", "sentences")
TAIL_INSERT = insert_sql("article_tails", TAIL_COLUMNS)


class Split(NamedTuple):
    """An article's body and sentence items cut into what its rows keep and its tail."""

    body: str
    items: list[Any]
    tail_body: str
    tail_items: list[Any]

    @property
    def has_tail(self) -> bool:
        """Whether anything is left over for a tail row."""
        return bool(self.tail_body or self.tail_items)


def split_article(body: str, items: list[Any]) -> Split:
    """The head and tail of a body and its sentence items (``[position, paragraph, section, text]``)."""
    return Split(
        body[:STORED_BODY_CHARS],
        items[:STORED_SENTENCES],
        body[STORED_BODY_CHARS:],
        items[STORED_SENTENCES:],
    )


def full_body_sql(alias: str | None) -> str:
    """The SQL for a whole body: the row's head followed by its tail, when there is one."""
    table = alias or "articles"
    return (
        f"{table}.body || coalesce((SELECT t.body FROM article_tails t "
        f"WHERE t.article_id = {table}.id), '')"
    )


async def tail_sentences(connection: Connection, ids: Sequence[int]) -> dict[int, str]:
    """The stored JSON of the tail sentences of those of these articles that have a tail."""
    if not ids:
        return {}
    query = f"SELECT article_id, sentences FROM article_tails WHERE article_id IN {json_values(connection)}"
    async with connection.execute(query, (json.dumps(list(ids)),)) as cursor:
        return {int(article_id): str(items) async for article_id, items in cursor}
