"""Timelines: dated events drawn from article sentences, merged across articles, in date order."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from bot.core.models import Article, ArticleDraft, DatePrecision, Sentence
from bot.core.text import fingerprint_text, sentences_of
from bot.core.timex import Granularity, Timex, TimexType, tag
from bot.core.timex.period import period_of

_TAGGER_PRECISION = {
    DatePrecision.DAY: "day",
    DatePrecision.WEEK: "week",
    DatePrecision.MONTH: "month",
    DatePrecision.YEAR: "year",
    DatePrecision.UNKNOWN: "unknown",
}
_EXPECTATION = re.compile(
    r"\b(?:will|won't|shall|'ll|is\s+expected|are\s+expected|expects?|expected\s+to|"
    r"forecasts?|plans?\s+to|planned|aims?\s+to|intends?\s+to|is\s+set\s+to|scheduled|"
    r"slated|is\s+to|are\s+to|going\s+to|projected|strives?\s+to)\b",
    re.IGNORECASE,
)
_ATTRIBUTION = re.compile(
    r"\b(?:said|says|told|noted|reported|added|stressed|according\s+to)\b[^.;]{0,70}$",
    re.IGNORECASE,
)
_CARD_LABEL = re.compile(r"^\s*\d{4}(?:-\d{2}){0,2}\s*[:–—-]?\s*")
_CLAUSE_BREAK = re.compile(r"[,;:–—]\s+|\s+-\s+")
_MAX_STATEMENT = 200
_SIMILAR = 0.5


@dataclass(frozen=True, slots=True)
class Citation:
    """Where an event is stated: an article id and a sentence position in it."""

    article_id: int
    position: int


@dataclass(frozen=True, slots=True)
class Event:
    """A dated statement: TIMEX3 value and precision, verbatim clause, sources, and flags.

    ``starts_at``/``ends_at`` bound the period the value names (UTC, end exclusive);
    ``upcoming`` says it starts after ``now_at``; ``expected`` that it is a plan or forecast.
    """

    value: str
    precision: Granularity
    statement: str
    citations: tuple[Citation, ...]
    starts_at: datetime
    ends_at: datetime
    upcoming: bool
    expected: bool
    mod: str | None = None
    resolved: bool = True


@dataclass(frozen=True, slots=True)
class Timeline:
    """Events in date order and the articles they cite (number sources by list position + 1)."""

    events: tuple[Event, ...]
    articles: tuple[Article, ...]


def _sentences(article: Article) -> tuple[Sentence, ...]:
    if article.sentences:
        return article.sentences
    draft = ArticleDraft(title=article.title, body=article.body, card=article.card)
    return tuple(sentences_of(article.id, draft))


def statement_of(sentence: str, timex: Timex) -> str:
    """The clause around an expression, verbatim, trimmed to at most about 200 characters."""
    text = _CARD_LABEL.sub("", sentence, count=1) if timex.start == 0 else sentence
    offset = len(sentence) - len(text)
    text = text.strip().lstrip("•·*-– ").strip()
    if len(text) <= _MAX_STATEMENT:
        return text.rstrip(" .;,")
    breaks = [0, *(m.end() for m in _CLAUSE_BREAK.finditer(text)), len(text)]
    where = max(0, timex.start - offset)
    lo = max(b for b in breaks if b <= where)
    hi = min((b for b in breaks if b > where), default=len(text))
    while hi - lo < 60:
        wider = [b for b in breaks if b > hi]
        if not wider or wider[0] - lo > _MAX_STATEMENT:
            break
        hi = wider[0]
    clause = text[lo:hi].strip()
    if len(clause) > _MAX_STATEMENT:
        clause = clause[:_MAX_STATEMENT].rsplit(" ", 1)[0]
    return clause.rstrip(" .;,:–—-")


def _narrow(starts_at: datetime, ends_at: datetime, mod: str | None) -> tuple[datetime, datetime]:
    """The first, middle or last third of a period for "early", "mid" and "late"."""
    third = (ends_at - starts_at) / 3
    if mod == "START":
        return starts_at, starts_at + third
    if mod == "MID":
        return starts_at + third, ends_at - third
    if mod == "END":
        return ends_at - third, ends_at
    return starts_at, ends_at


def _is_attribution(sentence: Sentence, timex: Timex, published: str | None) -> bool:
    """ "…, Hu told the Global Times on Wednesday": the date of the telling, not of an event."""
    if published is None or timex.value != published:
        return False
    return bool(_ATTRIBUTION.search(sentence.text[: timex.start]))


def _events_of(
    article: Article, now_at: datetime, precision: str
) -> Iterable[tuple[str, Event, set[str]]]:
    published_at = article.published_at
    published = published_at.date().isoformat() if published_at and precision == "day" else None
    for sentence in _sentences(article):
        for timex in tag(sentence.text, published_at, precision):
            if timex.type not in {TimexType.DATE, TimexType.TIME}:
                continue
            value = timex.value.split("T", 1)[0]
            span = period_of(value)
            if span is None or (not timex.resolved and span[2] < Granularity.MONTH):
                continue
            if _is_attribution(sentence, timex, published):
                continue
            if (
                sentence.text[timex.end : timex.end + 2] in {"'s", "’s"}
                and timex.text.lower() == "today"
            ):
                continue  # "today's system" speaks of the present, not of a dated event
            starts_at, ends_at = _narrow(span[0], span[1], timex.mod)
            granularity = span[2]
            statement = statement_of(sentence.text, timex)
            after_publication = published_at is None or ends_at > published_at
            expected = after_publication and (
                bool(_EXPECTATION.search(sentence.text)) or timex.relation == "ON_OR_BEFORE"
            )
            event = Event(
                value, granularity, statement, (Citation(article.id, sentence.position),),
                starts_at, ends_at, starts_at > now_at, expected, timex.mod, timex.resolved,
            )  # fmt: skip
            yield value, event, set(fingerprint_text(statement).split())


def _similar(left: set[str], right: set[str]) -> bool:
    if not left or not right:
        return False
    return len(left & right) / len(left | right) >= _SIMILAR


def build_timeline(
    articles: Iterable[Article],
    *,
    now_at: datetime,
    from_at: datetime | None = None,
    to_at: datetime | None = None,
    upcoming_only: bool = False,
) -> Timeline:
    """Dated events from every sentence, merged across articles and sorted chronologically.

    Each article's ``published_precision`` sets how far relative dates resolve: with WEEK
    (``published_at`` is the Sunday starting the known week) a bare weekday resolves inside
    that week and is flagged unresolved, since the exact publication day is unknown.
    """
    kept = tuple(articles)
    merged: list[tuple[str, Event, set[str]]] = []
    for article in kept:
        precision = _TAGGER_PRECISION[article.published_precision]
        if article.published_at is None:
            precision = "unknown"
        for value, event, words in _events_of(article, now_at, precision):
            if from_at is not None and event.ends_at <= from_at:
                continue
            if to_at is not None and event.starts_at >= to_at:
                continue
            if upcoming_only and not event.upcoming:
                continue
            for index, (other_value, other, other_words) in enumerate(merged):
                if other_value == value and _similar(words, other_words):
                    citations = other.citations + tuple(
                        c for c in event.citations if c not in other.citations
                    )
                    merged[index] = (
                        value,
                        Event(
                            other.value,
                            other.precision,
                            other.statement,
                            citations,
                            other.starts_at,
                            other.ends_at,
                            other.upcoming,
                            other.expected or event.expected,
                            other.mod,
                            other.resolved and event.resolved,
                        ),
                        other_words | words,
                    )
                    break
            else:
                merged.append((value, event, words))
    events = sorted(
        (event for _, event, _ in merged),
        key=lambda e: (e.starts_at, -int(e.precision), e.value, e.statement),
    )
    return Timeline(tuple(events), kept)
