"""Turning user search terms into safe FTS5 expressions and CJK needles."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.core.cjk import cjk_runs
from bot.store.cjk import cjk_text

_WORD = re.compile(r"[^\W_]")
# FTS5 reads NUL as the end of the query, and lone surrogates cannot be encoded at all.
_UNSAFE = re.compile("[\x00\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    """A query's phrases (for the porter index) and CJK needles (for the CJK bigram index)."""

    phrases: tuple[str, ...]
    needles: tuple[str, ...]

    @property
    def fts_expression(self) -> str:
        """The phrases OR'ed as an FTS5 MATCH expression; empty when there are none."""
        return " OR ".join(quote_phrase(p) for p in self.phrases)

    @property
    def is_empty(self) -> bool:
        """Whether nothing searchable is left."""
        return not self.phrases and not self.needles


def quote_phrase(text: str) -> str:
    """An FTS5 string literal: everything inside is literal, so user text cannot break syntax."""
    return '"' + text.replace('"', '""') + '"'


def parse_terms(terms: Sequence[str]) -> ParsedQuery:
    """Split each term into its CJK runs and its remaining words, dropping terms with neither."""
    phrases: dict[str, None] = {}
    needles: dict[str, None] = {}
    for raw in terms:
        term = _UNSAFE.sub(" ", raw)
        runs = cjk_runs(term)
        needles.update(dict.fromkeys(runs))
        rest = " ".join(term.split()) if not runs else " ".join(_without_cjk(term).split())
        if _WORD.search(rest):
            phrases[rest] = None
    return ParsedQuery(tuple(phrases), tuple(needles))


def _without_cjk(text: str) -> str:
    for run in cjk_text(text).split("\n"):
        if run:
            text = text.replace(run, " ")
    return text
