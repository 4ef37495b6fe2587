"""Filter tokens: the publisher as a word of a hidden, zero-weight full-text column.

Each article's ``facets`` column (generated from its row) holds ``0p<hex of the ASCII-lower-cased
publisher>``. A publisher-filtered search ANDs that token into its MATCH, so FTS5 skips other
publishers' articles inside the index instead of checking every text match; the exact SQL filter
still applies. (Month tokens for date ranges were measured too: ORing a year's twelve months made
date-filtered searches slower, so dates stay SQL-only filters.)
"""

from __future__ import annotations

from bot.store.query import quote_phrase

TEXT_COLUMNS = ("title", "lead", "body", "card_text")
# Title and lead count more than the body; card items sit between the two (TEXT_COLUMNS order).
RANK_WEIGHTS = (10.0, 5.0, 1.0, 2.0)
FACETS_COLUMN = "facets"
# SQLite's lower() and NOCASE fold ASCII letters only; the token must fold the same way.
FACETS_SQL = "'0p' || hex(lower(coalesce(publisher, '')))"
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def publisher_token(publisher: str) -> str | None:
    """The facet token of a publisher filter, or ``None`` when the name cannot be encoded."""
    try:
        return "0p" + publisher.translate(_ASCII_LOWER).encode("utf-8").hex()
    except UnicodeEncodeError:
        return None


def text_only(expression: str) -> str:
    """An FTS5 expression restricted to the article text columns (never the facet tokens)."""
    return f"{{{' '.join(TEXT_COLUMNS)}}} : ({expression})"


def filtered(expression: str, *, publisher: str | None) -> str:
    """The text expression, ANDed with the publisher's facet token when there is a filter."""
    token = None if publisher is None else publisher_token(publisher)
    if token is None:
        return text_only(expression)
    return f"{text_only(expression)} AND {FACETS_COLUMN} : {quote_phrase(token)}"
