"""Turning drafts into ready-to-insert rows: pure CPU work, run in worker processes."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, NamedTuple

from bot.core.models import ArticleDraft
from bot.core.text import content_hash, normalise_space, sentences_of
from bot.store.cjk import cjk_bigrams
from bot.store.rows import card_json, card_plain_text, iso_at, sentences_json
from bot.store.tails import split_article


class PreparedDraft(NamedTuple):
    """A draft's identity (URL key, content hash) and its rows, still without an article id.

    A plain tuple so it crosses process boundaries cheaply.
    """

    url_key: str | None
    content_hash: str
    # The articles row from ``title`` on (see ``ARTICLE_INSERT``); the id is prepended at insert.
    article_row: tuple[Any, ...]
    # The article's sentences as stored (``bot.store.rows.sentences_json``).
    sentences_json: str
    cjk_title: str
    cjk_body: str
    # A long article's (body, sentences JSON) beyond its head (``bot.store.tails``), or ``None``.
    tail: tuple[str, str] | None = None


# The articles columns a prepared row fills, the id first (``PreparedDraft.article_row``).
ARTICLE_COLUMNS = (
    "id",
    "title",
    "publisher",
    "original_publisher",
    "author",
    "url",
    "canonical_url",
    "language",
    "published_at",
    "published_precision",
    "ingested_at",
    "dated_at",
    "body",
    "lead",
    "card",
    "card_text",
    "content_hash",
    "origin",
)
SENTENCE_COLUMNS = ("article_id", "items")


# The same blank-line rule as ``bot.core.text.split_paragraphs``.
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def lead_of(body: str) -> str:
    """The first non-empty paragraph, normalised; only it is cleaned, unlike ``split_paragraphs``."""
    for chunk in _PARAGRAPH_BREAK.split(body):
        paragraph = normalise_space(chunk.replace("\n", " "))
        if paragraph:
            return paragraph
    return ""


def prepare_drafts(drafts: Sequence[ArticleDraft], ingested_text: str) -> list[PreparedDraft]:
    """Compute hashes, rows and sentences of drafts (placeholder article id 0 in sentences)."""
    return [_prepare(draft, ingested_text) for draft in drafts]


def _prepare(draft: ArticleDraft, ingested_text: str) -> PreparedDraft:
    url = draft.url or None
    canonical_url = draft.canonical_url or None
    published_text = None if draft.published_at is None else iso_at(draft.published_at)
    card_text = card_plain_text(draft.card)
    hash_ = content_hash(draft.body, draft.card)
    split = split_article(
        draft.body,
        [
            [s.position, s.paragraph, None if s.section is None else s.section.value, s.text]
            for s in sentences_of(0, draft)
        ],
    )
    row = (
        draft.title,
        draft.publisher,
        draft.original_publisher,
        draft.author,
        url,
        canonical_url,
        draft.language,
        published_text,
        draft.published_precision.value,
        ingested_text,
        published_text or ingested_text,
        split.body,
        lead_of(split.body),
        card_json(draft.card),
        card_text,
        hash_,
        draft.origin,
    )
    # The indexes hold what the row holds: the head.
    return PreparedDraft(
        canonical_url or url,
        hash_,
        row,
        sentences_json(split.items),
        cjk_bigrams(draft.title),
        cjk_bigrams(split.body + "\n" + card_text),
        (split.tail_body, sentences_json(split.tail_items)) if split.has_tail else None,
    )
