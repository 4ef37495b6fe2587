"""The Brief model: cited sentences, voices, audiences, related articles and numbered sources."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.core.models import DatePrecision


@dataclass(frozen=True, slots=True)
class SentenceRef:
    """Where a brief sentence comes from: the article id and the sentence position in it."""

    article_id: int
    position: int


@dataclass(frozen=True, slots=True)
class CitedSentence:
    """A sentence taken verbatim from one or more articles, with its source numbers.

    ``text`` equals the stored sentence, except that a leading connective ("But", "Besides,") may
    be trimmed and the next letter capitalised. ``refs`` lists every merged near-duplicate's origin;
    ``attribution`` names who says it, when the text tells (recommendations and quotes).
    """

    text: str
    citations: tuple[int, ...]
    refs: tuple[SentenceRef, ...]
    attribution: str | None = None


@dataclass(frozen=True, slots=True)
class Voice:
    """Who said what: the speaker, their role or affiliation when given, and the quote."""

    speaker: str
    role: str | None
    quote: CitedSentence


@dataclass(frozen=True, slots=True)
class Audience:
    """A group the brief concerns, explained by cue words found in the cited articles."""

    key: str
    name: str
    cues: tuple[str, ...]
    citations: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Source:
    """A numbered source of the brief."""

    number: int
    article_id: int
    title: str
    publisher: str | None
    published_at: datetime | None
    published_precision: DatePrecision
    url: str | None


@dataclass(frozen=True, slots=True)
class RelatedArticle:
    """A stored article close to the brief's articles that the brief does not cite."""

    article_id: int
    title: str
    publisher: str | None
    published_at: datetime | None
    published_precision: DatePrecision
    url: str | None
    line: str


@dataclass(frozen=True, slots=True)
class Brief:
    """A cited, extractive briefing on one topic (or one article), in the seed card's sections."""

    topic: str
    headline: CitedSentence | None
    tldr: tuple[CitedSentence, ...]
    what_changed: tuple[CitedSentence, ...]
    why_it_matters: tuple[CitedSentence, ...]
    whats_next: tuple[CitedSentence, ...]
    voices: tuple[Voice, ...]
    key_takeaways: tuple[CitedSentence, ...]
    what_to_do_next: tuple[CitedSentence, ...]
    who_should_care: tuple[Audience, ...]
    related: tuple[RelatedArticle, ...]
    sources: tuple[Source, ...]

    def cited_sentences(self) -> tuple[CitedSentence, ...]:
        """Every cited sentence of the brief, in section order (headline first)."""
        head = (self.headline,) if self.headline is not None else ()
        return (
            *head,
            *self.tldr,
            *self.what_changed,
            *self.why_it_matters,
            *self.whats_next,
            *(voice.quote for voice in self.voices),
            *self.key_takeaways,
            *self.what_to_do_next,
        )

    @property
    def is_empty(self) -> bool:
        """True when no article contributed anything."""
        return not self.sources
