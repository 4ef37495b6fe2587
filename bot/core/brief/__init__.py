"""Cited, extractive topic briefs: topic resolution, ranking, sentence selection and assembly."""

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
