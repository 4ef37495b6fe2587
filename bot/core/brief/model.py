"""The Brief model: cited sentences, voices, audiences, related articles and numbered sources."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.core.brief.discrepancy import Difference
from bot.core.models import DatePrecision


@dataclass(frozen=True, slots=True)
class SentenceRef:
    """Where a brief sentence comes from: the article id and the sentence position in it."""

    article_id: int
    position: int


@dataclass(frozen=True, slots=True)
class OtherWording:
    """Another outlet's own sentence on the same point, with its source number.

    With no ``differences`` it corroborates the shown sentence in its own words; with some, the
    outlets disagree and ``differences`` says on what (a number, a name, a date, a negation).
    """

    text: str
    citation: int
    ref: SentenceRef
    differences: tuple[Difference, ...] = ()


@dataclass(frozen=True, slots=True)
class CitedSentence:
    """A sentence taken verbatim from one or more articles, with its source numbers.

    ``text`` equals the stored sentence, except that a leading connective ("But", "Besides,") may
    be trimmed and the next letter capitalised. ``refs`` lists every merged near-duplicate's origin;
    ``attribution`` names who says it, when the text tells (recommendations and quotes).
    ``corroborations`` are other outlets saying the same in their own words; ``disagreements``
    are other outlets whose version differs in a fact. Neither is counted in ``citations``.
    """

    text: str
    citations: tuple[int, ...]
    refs: tuple[SentenceRef, ...]
    attribution: str | None = None
    corroborations: tuple[OtherWording, ...] = ()
    disagreements: tuple[OtherWording, ...] = ()


@dataclass(frozen=True, slots=True)
class Voice:
    """Who said what: the speaker, their role or affiliation when given, and the quote.

    ``verbatim`` says the quote is the speaker's own words, lifted from inside the article's
    quotation marks; otherwise it is the reporter's whole sentence of reported speech ("…, said
    Fu"), which renderers must not put in quotation marks as if the speaker had said it so.
    """

    speaker: str
    role: str | None
    quote: CitedSentence
    verbatim: bool = True

    @property
    def speaks_for_itself(self) -> bool:
        """Whether the reported sentence opens with its speaker and holds their role.

        "Officials said the damage was limited" needs no "Officials:" before it.
        """
        text = self.quote.text.casefold()
        named = text.startswith(self.speaker.casefold())
        return not self.verbatim and named and (self.role is None or self.role.casefold() in text)


@dataclass(frozen=True, slots=True)
class Audience:
    """A group the brief concerns, explained by cue words found in the cited articles."""

    key: str
    name: str
    cues: tuple[str, ...]
    citations: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Source:
    """A numbered source of the brief, with its article's language code."""

    number: int
    article_id: int
    title: str
    publisher: str | None
    published_at: datetime | None
    published_precision: DatePrecision
    url: str | None
    language: str = "en"


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
class StoryMention:
    """One of several stories a brief's sources report: its key, newest title and source numbers."""

    key: str
    title: str
    citations: tuple[int, ...]


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
    # Filled only when the sources report more than one story, largest first.
    stories: tuple[StoryMention, ...] = ()

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

    def disputed_sentences(self) -> tuple[CitedSentence, ...]:
        """The brief's sentences on which outlets disagree, in section order, each once."""
        seen: set[SentenceRef] = set()
        out: list[CitedSentence] = []
        for sentence in self.cited_sentences():
            if sentence.disagreements and sentence.refs[0] not in seen:
                seen.add(sentence.refs[0])
                out.append(sentence)
        return tuple(out)

    @property
    def is_empty(self) -> bool:
        """True when no article contributed anything."""
        return not self.sources
