"""Article ranking for a topic: bm25, how central the topic is to the article, and recency."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.core.brief.stemming import content_stems, sentence_stems
from bot.core.brief.topic import TopicQuery
from bot.core.models import Article, SearchHit

BM25_WEIGHT = 0.45
CENTRALITY_WEIGHT = 0.4
RECENCY_WEIGHT = 0.15
LEAD_PARAGRAPHS = 2


@dataclass(frozen=True, slots=True)
class RankedArticle:
    """An article with its combined relevance and the parts it is made of (each in [0, 1])."""

    article: Article
    score: float
    bm25: float
    centrality: float
    recency: float


def topic_centrality(query: TopicQuery, article: Article) -> float:
    """How central the topic is to an article: title and lead count more than a passing mention.

    An article without evidence for every typed word of the topic is not about it (0).
    """
    title_stems = content_stems(article.title)
    title = query.relevance(title_stems)
    stems = set(title_stems)
    lead = 0.0
    matched = 0
    total = 0
    for sentence in article.sentences:
        sentence_words = sentence_stems(sentence.text)
        stems.update(sentence_words)
        relevance = query.relevance(sentence_words)
        total += 1
        if relevance > 0.0:
            matched += 1
            if sentence.section is None and sentence.paragraph < LEAD_PARAGRAPHS:
                lead = max(lead, relevance)
    if not query.admits(frozenset(stems)):
        return 0.0
    density = min(1.0, 3.0 * matched / total) if total else 0.0
    return 0.45 * title + 0.3 * lead + 0.25 * density


def recency(dated_at: datetime, now_at: datetime, half_life_days: float) -> float:
    """Exponential decay of an article's age: 1 today, 0.5 after ``half_life_days``."""
    age_days = max(0.0, (now_at - dated_at).total_seconds() / 86_400)
    return math.exp(-math.log(2) * age_days / half_life_days)


def rank_articles(
    query: TopicQuery,
    hits: Sequence[SearchHit],
    *,
    now_at: datetime,
    half_life_days: float = 30.0,
) -> list[RankedArticle]:
    """Rank search hits (their articles loaded with sentences) for a topic, best first.

    Articles where no sentence and not the title match the topic are dropped, so an empty list
    means "nothing stored on this topic".
    """
    best_bm25 = max((hit.score for hit in hits), default=0.0)
    ranked: list[RankedArticle] = []
    seen: set[int] = set()
    for hit in hits:
        article = hit.article
        if article.id in seen:
            continue
        seen.add(article.id)
        centrality = topic_centrality(query, article)
        if centrality <= 0.0:
            continue
        bm25 = hit.score / best_bm25 if best_bm25 > 0 else 0.0
        fresh = recency(article.dated_at, now_at, half_life_days)
        score = BM25_WEIGHT * bm25 + CENTRALITY_WEIGHT * centrality + RECENCY_WEIGHT * fresh
        ranked.append(RankedArticle(article, score, bm25, centrality, fresh))
    ranked.sort(key=lambda r: (-r.score, -r.article.dated_at.timestamp(), r.article.id))
    return ranked
