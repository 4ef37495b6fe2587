"""Autocomplete for topics: lexicon topics naming what was typed, then stored words starting with it."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.completions import surface_words
from bot.service.briefings import Briefings

# Articles read to find how the stored stems are spelled; a few suffice for frequent words.
_SPELLING_ARTICLES = 40
_RECENT_ARTICLES = 100
_MIN_WORD = 3


@dataclass(frozen=True, slots=True)
class TopicCompletion:
    """One suggestion: what to show and what to fill in."""

    name: str
    value: str


async def complete_topic(service: Briefings, typed: str, *, limit: int) -> list[TopicCompletion]:
    """Lexicon topics whose names contain what was typed, then stored words that start with it."""
    needle = typed.strip().casefold()
    out: list[TopicCompletion] = []
    seen: set[str] = set()
    for entry in service.lexicons.topics.values():
        names = entry.names()
        if needle and not any(needle in name.casefold() for name in names):
            continue
        value = entry.key.replace("_", " ")
        out.append(TopicCompletion(f"{entry.label} ({value})", value))
        seen.update(name.casefold() for name in names)
    if len(needle) >= 2 and len(out) < limit:
        stems = [term for term, _ in await service.store.vocabulary(limit=limit, prefix=needle)]
        for word in await _spelled(service, stems):
            if len(word) >= _MIN_WORD and word.startswith(needle) and word not in seen:
                out.append(TopicCompletion(word, word))
                seen.add(word)
    return out[:limit]


async def _spelled(service: Briefings, stems: list[str]) -> list[str]:
    """The words the stored articles spell these stems as (stems nobody spells are left out)."""
    if not stems:
        return []
    hits = await service.store.search(stems, limit=_SPELLING_ARTICLES, snippets=False)
    articles = [hit.article for hit in hits]
    words = surface_words(stems, (f"{a.title}\n{a.body}" for a in articles))
    if len(words) < len(stems):
        # Searching a stem finds the articles spelling it only where stemming it again keeps it
        # ("chip"), not "chines"; the newest articles cover the frequent words either way.
        articles += await service.store.list_articles(limit=_RECENT_ARTICLES, heads=True)
        words = surface_words(stems, (f"{a.title}\n{a.body}" for a in articles))
    return words
