"""Timelines: dated events drawn from article sentences, merged across articles, in date order."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from bot.core.event_dates import EventDate, event_date_of, event_dates_of
from bot.core.event_text import is_analysis, standalone_statement
from bot.core.models import Article, ArticleDraft, DatePrecision, Sentence
from bot.core.statements import statement_of
from bot.core.text import fingerprint_text, sentences_of
from bot.core.timex import Anchor, Granularity, Timex, TimexType, tag
from bot.core.timex.resolve import week_day
from bot.core.timex.telling import is_telling

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
    r"slated|is\s+to|are\s+to|going\s+to|projected|strives?\s+to)\b"
    r"|即将|将(?![近军领])|预计|预期|计划|目标|有望|(?<!模)拟|力争|争取|打算",
    re.IGNORECASE,
)
_ATTRIBUTION = re.compile(
    r"\b(?:said|says|told|noted|reported|added|stressed|according\s+to)\b[^.;]{0,70}$",
    re.IGNORECASE,
)
# "发言人11月10日表示": in Chinese the verb of telling follows the day it was told.
_ZH_ATTRIBUTION = re.compile(r"[^，。；！？,]{0,12}?(?:表示|称|说|指出|获悉|透露|介绍|强调|报道)")
_SIMILAR = 0.5
_BARE_CLOCK = re.compile(r"[\d:.\s]*(?:[ap]\.?\s?m\.?)?(?:\s*[A-Z]{2,4})?", re.IGNORECASE)


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


def _is_attribution(sentence: Sentence, timex: Timex, published: str | None) -> bool:
    """ "…, Hu told the Global Times on Wednesday": the date of the telling, not of an event."""
    if published is None or timex.value != published:
        return False
    if _ATTRIBUTION.search(sentence.text[: timex.start]):
        return True
    return _ZH_ATTRIBUTION.match(sentence.text, timex.end) is not None


def _without_tellings(text: str, timexes: list[Timex]) -> list[Timex]:
    """The dates left once the days of telling give way to a date of what is told.

    "The fab said on Thursday that it will open a plant in 2027" dates the plant 2027; a
    telling day stays when it is the sentence's only date ("…said on Monday it had sold it").
    """
    told = [timex for timex in timexes if not is_telling(text, timex.start, timex.end)]
    if len(told) == len(timexes) or not any(event_date_of(timex) for timex in told):
        return timexes
    return told


def _is_present(sentence: Sentence, timex: Timex) -> bool:
    """ "today's system" speaks of the present, not of a dated event."""
    possessive = sentence.text[timex.end : timex.end + 2] in {"'s", "’s"}
    return possessive and timex.text.lower() == "today"


def _is_bare_clock(timex: Timex, others: list[Timex]) -> bool:
    """ "at 9 a.m." resolves to the publication day; beside a named day it dates nothing new."""
    if timex.type != TimexType.TIME or not _BARE_CLOCK.fullmatch(timex.text):
        return False
    return any(not _BARE_CLOCK.fullmatch(other.text) for other in others)


def _week_shift(published_at: datetime | None, precision: str) -> timedelta:
    """How far the article's weeks start from ISO Mondays: its own week is "this week".

    A week-dated article's window (Sunday-based on the seeds' site) stands for the ISO week
    holding most of its days; every week it names is counted on the article's grid instead, so
    "This week" in an article dated "week of 2022-10-16" is the week of 16 Oct, not of 17 Oct.
    """
    if published_at is None or precision != "week":
        return timedelta(0)
    day = published_at.date()
    monday = dt.date.fromisocalendar(*week_day(Anchor(day, Granularity.WEEK)).isocalendar()[:2], 1)
    return day - monday


def _in_article_weeks(event_date: EventDate, shift: timedelta) -> EventDate:
    if not shift or event_date.precision != Granularity.WEEK or "/" in event_date.value:
        return event_date
    return replace(
        event_date, starts_at=event_date.starts_at + shift, ends_at=event_date.ends_at + shift
    )


def _sentence_dates(
    sentence: Sentence, published_at: datetime | None, precision: str, published: str | None
) -> list[tuple[EventDate, str]]:
    """A sentence's event dates with their statements, no statement given to two dates.

    When the whole sentence would serve several dates, each gets its own clause instead; a
    date whose clause is still another's statement is dropped (the first one stands).
    """
    timexes = [
        timex
        for timex in tag(sentence.text, published_at, precision)
        if timex.type in {TimexType.DATE, TimexType.TIME}
        and not _is_attribution(sentence, timex, published)
        and not _is_present(sentence, timex)
    ]
    timexes = [timex for timex in timexes if not _is_bare_clock(timex, timexes)]
    timexes = _without_tellings(sentence.text, timexes)
    shift = _week_shift(published_at, precision)
    dates = [_in_article_weeks(d, shift) for d in event_dates_of(sentence.text, timexes)]
    statements = [statement_of(sentence.text, d.start, d.end) for d in dates]
    if len(set(statements)) < len(statements):
        statements = [statement_of(sentence.text, d.start, d.end, whole=False) for d in dates]
    out: list[tuple[EventDate, str]] = []
    for date, statement in zip(dates, statements, strict=True):
        if all(statement != kept for _, kept in out):
            out.append((date, statement))
    return out


def _events_of(
    article: Article, now_at: datetime, precision: str
) -> Iterable[tuple[str, Event, set[str]]]:
    published_at = article.published_at
    published = published_at.date().isoformat() if published_at and precision == "day" else None
    stated: set[str] = set()
    previous: str | None = None
    for sentence in _sentences(article):
        before, previous = previous, sentence.text
        for date, said in _sentence_dates(sentence, published_at, precision, published):
            if is_analysis(sentence.text, date.start, date.end):
                continue
            statement = standalone_statement(said, sentence.text, before)
            if statement is None:
                continue
            if statement in stated:
                continue  # an article repeating itself (lead and body) states it once
            stated.add(statement)
            after_publication = published_at is None or date.ends_at > published_at
            expected = after_publication and (
                bool(_EXPECTATION.search(sentence.text)) or date.relation == "ON_OR_BEFORE"
            )
            event = Event(
                date.value, date.precision, statement, (Citation(article.id, sentence.position),),
                date.starts_at, date.ends_at, date.starts_at > now_at, expected, date.mod,
                date.resolved,
            )  # fmt: skip
            yield date.value, event, set(fingerprint_text(statement).split())


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


def dates_ahead(article: Article, sentence: Sentence) -> bool:
    """True when the sentence dates an event after its article's publication (the tagger's view).

    The brief's "What's next" leads with these: the same sentences the timeline marks upcoming
    at publication ("Guidance … will be released next February").
    """
    published_at = article.published_at
    if published_at is None:
        return False
    precision = _TAGGER_PRECISION[article.published_precision]
    published = published_at.date().isoformat() if precision == "day" else None
    return any(
        date.starts_at > published_at
        for date, _ in _sentence_dates(sentence, published_at, precision, published)
    )
