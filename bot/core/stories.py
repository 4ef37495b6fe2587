"""Stories as the digest sees them: the articles of one event, and near-duplicate measures.

``cluster_stories`` groups articles with ``bot.core.story.clusterer``; shingles and Jaccard
stay here for near-duplicate checks (a story's most representative article).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.core.models import Article, DatePrecision
from bot.core.story.clusterer import cluster_labels
from bot.core.story.state import DateSpan
from bot.core.story.terms import story_terms
from bot.core.text import fingerprint_text, split_paragraphs

SHINGLE_WORDS = 3
LEAD_WORDS = 120


@dataclass(frozen=True, slots=True)
class Story:
    """Articles telling one story, newest first; ``key`` is stable while the oldest article stays."""

    key: str
    articles: tuple[Article, ...]

    @property
    def publishers(self) -> tuple[str, ...]:
        """The distinct outlets carrying the story, in article order."""
        seen: dict[str, None] = {}
        for article in self.articles:
            name = article.publisher or article.original_publisher
            if name:
                seen.setdefault(name, None)
        return tuple(seen)

    @property
    def article_ids(self) -> frozenset[int]:
        """The ids of every article in the story."""
        return frozenset(a.id for a in self.articles)


def _words(text: str) -> list[str]:
    return fingerprint_text(text).split()


def story_text(article: Article) -> str:
    """The part of an article that identifies its story: title and the lead's first words."""
    paragraphs = split_paragraphs(article.body)
    lead_words = " ".join(paragraphs[:3]).split()[:LEAD_WORDS]
    return article.title + " \n " + " ".join(lead_words)


def shingles(text: str, size: int = SHINGLE_WORDS) -> frozenset[str]:
    """Overlapping runs of ``size`` normalised words (the whole text when it is shorter)."""
    words = _words(text)
    if len(words) <= size:
        return frozenset([" ".join(words)]) if words else frozenset()
    return frozenset(" ".join(words[i : i + size]) for i in range(len(words) - size + 1))


def jaccard(left: frozenset[str], right: frozenset[str]) -> float:
    """|A ∩ B| / |A ∪ B|, 0 when both are empty."""
    if not left or not right:
        return 0.0
    return len(left & right) / len(left | right)


def group_stories(articles: Sequence[Article], keys: Mapping[int, str]) -> list[Story]:
    """Group articles by their stored story key (an article without one is its own story)."""
    members: dict[str, list[Article]] = {}
    for article in {a.id: a for a in articles}.values():
        members.setdefault(keys.get(article.id, f"s{article.id}"), []).append(article)
    stories = [
        Story(key, tuple(sorted(group, key=lambda a: (-a.dated_at.timestamp(), a.id))))
        for key, group in members.items()
    ]
    return sorted(stories, key=lambda s: min(s.article_ids))


def date_span(published_at: datetime | None, precision: DatePrecision) -> DateSpan | None:
    """The days a publication date known to this precision may fall on (None: unknown).

    A month or a year is a span, not its first day: two reports of the same kind of event a
    few months apart stay apart, and a report dated "May" still finds May's stories.
    """
    if published_at is None or precision is DatePrecision.UNKNOWN:
        return None
    if precision is DatePrecision.DAY:
        return DateSpan(published_at, published_at)
    start_at = published_at.replace(hour=0, minute=0, second=0, microsecond=0)
    if precision is DatePrecision.WEEK:
        return DateSpan(start_at, start_at + timedelta(days=6))
    if precision is DatePrecision.MONTH:
        start_at = start_at.replace(day=1)
        following = (start_at + timedelta(days=32)).replace(day=1)
        return DateSpan(start_at, following - timedelta(days=1))
    start_at = start_at.replace(month=1, day=1)
    return DateSpan(start_at, start_at.replace(month=12, day=31))


def story_date(article: Article) -> DateSpan | None:
    """The days the article's publication date may fall on, for story clustering."""
    return date_span(article.published_at, article.published_precision)


def cluster_stories(articles: Sequence[Article]) -> list[Story]:
    """Group articles into stories with the incremental clusterer, adding them in id order.

    Each article is in exactly one story; a story's key is ``s<its first article id>``; stories
    come oldest first. ``bot.core.story.clusterer`` explains the method and its figures.
    """
    unique = {a.id: a for a in articles}
    keys = cluster_labels(
        (i, story_terms(a.title, a.body), story_date(a)) for i, a in unique.items()
    )
    return group_stories(list(unique.values()), keys)
