"""Per-sentence facts that depend on the text alone, cached: briefs revisit the same sentences."""

from __future__ import annotations

from functools import lru_cache

from bot.core.brief.sections import Role, is_boilerplate, role_of
from bot.core.brief.stemming import stem_spans
from bot.core.text import fingerprint_text

# About one large store's worth of recently briefed sentences (a few tens of MB at most).
_CACHED_SENTENCES = 100_000


@lru_cache(maxsize=_CACHED_SENTENCES)
def is_boilerplate_cached(text: str, card: bool) -> bool:
    """``is_boilerplate(text, card=card)``, cached."""
    return is_boilerplate(text, card=card)


@lru_cache(maxsize=_CACHED_SENTENCES)
def role_of_cached(text: str) -> Role:
    """``role_of(text)``, cached."""
    return role_of(text)


@lru_cache(maxsize=_CACHED_SENTENCES)
def fingerprint_cached(text: str) -> str:
    """``fingerprint_text(text)``, cached."""
    return fingerprint_text(text)


@lru_cache(maxsize=_CACHED_SENTENCES)
def stem_spans_cached(text: str) -> tuple[tuple[str, int, int], ...]:
    """``stem_spans(text)`` as a tuple, cached."""
    return tuple(stem_spans(text))
