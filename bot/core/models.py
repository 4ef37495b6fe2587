"""Article models shared by every layer: drafts before storage, stored articles and their sentences."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class DatePrecision(StrEnum):
    """How much of an article's publication date is actually known."""

    DAY = "day"
    WEEK = "week"  # published_at is the first day of the known week (Sunday-based)
    MONTH = "month"
    YEAR = "year"
    UNKNOWN = "unknown"


class CardSectionKind(StrEnum):
    """The structured sections of an aggregator card (seed ``000_…``), kept as structure."""

    TLDR = "tldr"
    WHAT_CHANGED = "what_changed"
    WHY_IT_MATTERS = "why_it_matters"
    WHAT_TO_DO_NEXT = "what_to_do_next"
    WHO_SHOULD_CARE = "who_should_care"
    KEY_TAKEAWAYS = "key_takeaways"
    FUTURE_IMPLICATIONS = "future_implications"
    TIMELINE = "timeline"


@dataclass(frozen=True, slots=True)
class CardSection:
    """One recognised card section and its items, in document order."""

    kind: CardSectionKind
    items: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ParsedText:
    """What the plain-text parser keeps of a document: title, clean body paragraphs and card sections."""

    title: str
    paragraphs: tuple[str, ...]
    card: tuple[CardSection, ...] = ()
    lead: str = ""

    @property
    def body(self) -> str:
        """The clean body text, paragraphs separated by blank lines."""
        return "\n\n".join(self.paragraphs)


@dataclass(frozen=True, slots=True)
class ArticleDraft:
    """An article as ingest produces it, before the store gives it an id.

    ``body`` is clean text with paragraphs separated by blank lines; ``card`` holds the aggregator
    card sections when the source had them (their text is not repeated in ``body``).
    """

    title: str
    body: str
    publisher: str | None = None
    original_publisher: str | None = None
    author: str | None = None
    url: str | None = None
    canonical_url: str | None = None
    language: str = "en"
    published_at: datetime | None = None
    published_precision: DatePrecision = DatePrecision.UNKNOWN
    card: tuple[CardSection, ...] = ()
    origin: str | None = None


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a stored article, addressable by (article_id, position) for citations.

    ``section`` is ``None`` for body text, or the card section the sentence came from; ``paragraph``
    counts paragraphs from 0 so the lead (paragraph 0, or the title when ``position`` is -1) is known.
    """

    article_id: int
    position: int
    paragraph: int
    text: str
    section: CardSectionKind | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """A stored article with its id, ingest time, content hash and (when loaded) its sentences."""

    id: int
    title: str
    body: str
    content_hash: str
    ingested_at: datetime
    publisher: str | None = None
    original_publisher: str | None = None
    author: str | None = None
    url: str | None = None
    canonical_url: str | None = None
    language: str = "en"
    published_at: datetime | None = None
    published_precision: DatePrecision = DatePrecision.UNKNOWN
    card: tuple[CardSection, ...] = ()
    origin: str | None = None
    sentences: tuple[Sentence, ...] = field(default=(), compare=False)

    @property
    def dated_at(self) -> datetime:
        """The best known date: publication when known, else ingest time."""
        return self.published_at or self.ingested_at


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One ranked full-text match: the article, its bm25 score (higher is better) and a snippet."""

    article: Article
    score: float
    snippet: str
