"""Converting between core models and the text columns SQLite stores (dates, cards, rows)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from bot.core.models import Article, CardSection, CardSectionKind, DatePrecision, Sentence
from bot.store.tails import full_body_sql

_ARTICLE_COLUMNS = (
    "id",
    "title",
    "body",
    "content_hash",
    "ingested_at",
    "publisher",
    "original_publisher",
    "author",
    "url",
    "canonical_url",
    "language",
    "published_at",
    "published_precision",
    "card",
    "origin",
)
ARTICLE_COLUMN_COUNT = len(_ARTICLE_COLUMNS)


def article_columns(alias: str | None = None, *, body_chars: int | None = None) -> str:
    """The column list every article read selects, in the order ``article_from_row`` expects.

    ``body_chars`` reads only the body's opening (a huge body is not copied out of SQLite);
    without it the whole body is read, joining a long article's tail (``bot.store.tails``).
    """
    prefix = f"{alias}." if alias else ""
    columns = [prefix + column for column in _ARTICLE_COLUMNS]
    if body_chars is None:
        body = full_body_sql(alias)
    else:
        # Not even substr() for none of it: SQLite would still read the whole value.
        body = f"substr({prefix}body, 1, {body_chars:d})" if body_chars > 0 else "''"
    columns[_ARTICLE_COLUMNS.index("body")] = body
    return ", ".join(columns)


def iso_at(moment: datetime) -> str:
    """A timezone-aware datetime as fixed-width ISO text in UTC, so text order is time order."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime {moment!r}: the store only takes timezone-aware times")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def at_from_iso(text: str | None) -> datetime | None:
    """The datetime stored as ISO text, or ``None``."""
    return None if text is None else datetime.fromisoformat(text)


def card_json(card: Sequence[CardSection]) -> str:
    """The card sections as compact JSON."""
    return json.dumps(
        [{"kind": s.kind.value, "items": list(s.items)} for s in card],
        ensure_ascii=False,
        separators=(",", ":"),
    )


def card_from_json(text: str) -> tuple[CardSection, ...]:
    """The card sections stored as JSON."""
    raw: list[dict[str, Any]] = json.loads(text)
    return tuple(CardSection(CardSectionKind(s["kind"]), tuple(s["items"])) for s in raw)


def card_plain_text(card: Sequence[CardSection]) -> str:
    """The card items as plain text, one per line, for the full-text index."""
    return "\n".join(item for section in card for item in section.items)


def article_from_row(row: Sequence[Any], sentences: tuple[Sentence, ...] = ()) -> Article:
    """An ``Article`` from a row selected with ``article_columns()``."""
    ingested_at = at_from_iso(row[4])
    assert ingested_at is not None  # the column is NOT NULL
    return Article(
        id=row[0],
        title=row[1],
        body=row[2],
        content_hash=row[3],
        ingested_at=ingested_at,
        publisher=row[5],
        original_publisher=row[6],
        author=row[7],
        url=row[8],
        canonical_url=row[9],
        language=row[10],
        published_at=at_from_iso(row[11]),
        published_precision=DatePrecision(row[12]),
        card=card_from_json(row[13]),
        origin=row[14],
        sentences=sentences,
    )


def sentences_json(items: Sequence[Sequence[Any]]) -> str:
    """An article's sentences as stored: a compact JSON list of [position, paragraph, section, text]."""
    return json.dumps(items, ensure_ascii=False, separators=(",", ":"))


def sentences_from_json(
    article_id: int, text: str, *, limit: int | None = None
) -> tuple[Sentence, ...]:
    """The sentences of article ``article_id`` from their stored JSON, in position order.

    With ``limit``, ``text`` may be the JSON's opening cut anywhere: the whole sentences in it,
    at most ``limit`` of them, are returned.
    """
    items = json.loads(text) if limit is None else _leading_items(text, limit)
    return tuple(
        Sentence(
            article_id,
            position,
            paragraph,
            sentence,
            None if section is None else CardSectionKind(section),
        )
        for position, paragraph, section, sentence in items
    )


_DECODER = json.JSONDecoder()


def _leading_items(text: str, limit: int) -> list[Any]:
    """The complete items at the start of a JSON list's text, which may be cut short."""
    items: list[Any] = []
    index = 1  # past the list's "["
    while len(items) < limit and index < len(text):
        if text[index] in ", \n":
            index += 1
            continue
        try:
            item, index = _DECODER.raw_decode(text, index)
        except json.JSONDecodeError:
            break  # the closing "]", or the item the cut went through
        items.append(item)
    return items
