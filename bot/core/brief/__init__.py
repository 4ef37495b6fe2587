"""Cited, extractive topic briefs: topic resolution, ranking, sentence selection and assembly."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.core.brief.lexicon import (
        AudienceEntry,
        LexiconError,
        TopicEntry,
        load_audience_lexicon,
        load_topic_lexicon,
        parse_audiences,
        parse_topics,
    )
    from bot.core.brief.model import (
        Audience,
        Brief,
        CitedSentence,
        RelatedArticle,
        SentenceRef,
        Source,
        Voice,
    )
    from bot.core.brief.ranking import RankedArticle, rank_articles
    from bot.core.brief.selection import summarise
    from bot.core.brief.summary import build_article_brief, build_brief
    from bot.core.brief.topic import (
        QueryTerm,
        TopicNotFound,
        TopicQuery,
        expand_topic,
        resolve_topic,
        suggest_topics,
    )

# Names resolve on first use: the store imports only ``stemming`` and commands that read articles
# never pay for sentence selection and brief assembly (bench/startup.py).
_HOMES = {
    "Audience": "bot.core.brief.model",
    "AudienceEntry": "bot.core.brief.lexicon",
    "Brief": "bot.core.brief.model",
    "CitedSentence": "bot.core.brief.model",
    "LexiconError": "bot.core.brief.lexicon",
    "QueryTerm": "bot.core.brief.topic",
    "RankedArticle": "bot.core.brief.ranking",
    "RelatedArticle": "bot.core.brief.model",
    "SentenceRef": "bot.core.brief.model",
    "Source": "bot.core.brief.model",
    "TopicEntry": "bot.core.brief.lexicon",
    "TopicNotFound": "bot.core.brief.topic",
    "TopicQuery": "bot.core.brief.topic",
    "Voice": "bot.core.brief.model",
    "build_article_brief": "bot.core.brief.summary",
    "build_brief": "bot.core.brief.summary",
    "expand_topic": "bot.core.brief.topic",
    "load_audience_lexicon": "bot.core.brief.lexicon",
    "load_topic_lexicon": "bot.core.brief.lexicon",
    "parse_audiences": "bot.core.brief.lexicon",
    "parse_topics": "bot.core.brief.lexicon",
    "rank_articles": "bot.core.brief.ranking",
    "resolve_topic": "bot.core.brief.topic",
    "suggest_topics": "bot.core.brief.topic",
    "summarise": "bot.core.brief.selection",
}

__all__ = [
    "Audience",
    "AudienceEntry",
    "Brief",
    "CitedSentence",
    "LexiconError",
    "QueryTerm",
    "RankedArticle",
    "RelatedArticle",
    "SentenceRef",
    "Source",
    "TopicEntry",
    "TopicNotFound",
    "TopicQuery",
    "Voice",
    "build_article_brief",
    "build_brief",
    "expand_topic",
    "load_audience_lexicon",
    "load_topic_lexicon",
    "parse_audiences",
    "parse_topics",
    "rank_articles",
    "resolve_topic",
    "suggest_topics",
    "summarise",
]

if not TYPE_CHECKING:

    def __getattr__(name: str) -> object:
        """Import the module defining ``name`` on first use and keep the value."""
        home = _HOMES.get(name)
        if home is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(home), name)
        globals()[name] = value
        return value
