"""A timeline as people read it: numbered sources, dates at their precision, groups and markers."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime

from bot.core.calendar import format_dated
from bot.core.models import Article, DatePrecision
from bot.core.timeline import Citation, Event, Timeline
from bot.core.timex import Granularity

_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
# Modifiers that read as a word before the date; quantity modifiers (LESS_THAN…) say nothing here.
_MOD_WORDS = {
    "START": "early",
    "MID": "mid",
    "END": "late",
    "APPROX": "around",
    "BEFORE": "before",
    "AFTER": "after",
    "ON_OR_BEFORE": "by",
    "ON_OR_AFTER": "since",
}
UPCOMING = "upcoming"
EXPECTED = "expected"
UPCOMING_AT_PUBLICATION = "upcoming at publication"
APPROXIMATE = "approximate date"


@dataclass(frozen=True, slots=True)
class SourceView:
    """One numbered source: title, publisher, date (to its precision), link and language code."""

    number: int
    article_id: int
    title: str
    publisher: str | None
    published_at: datetime | None
    published_precision: DatePrecision
    date_label: str
    url: str | None
    language: str = "en"


@dataclass(frozen=True, slots=True)
class EventView:
    """One event ready to show: its date label, group heading, source numbers and markers."""

    value: str
    precision: str
    date_label: str
    group: str
    statement: str
    sources: tuple[int, ...]
    citations: tuple[Citation, ...]
    starts_at: datetime
    ends_at: datetime
    upcoming: bool
    expected: bool
    approximate: bool
    mod: str | None
    markers: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TimelineView:
    """The whole timeline for renderers: topic, events in date order and numbered sources."""

    topic: str
    events: tuple[EventView, ...]
    sources: tuple[SourceView, ...]

    @property
    def upcoming_count(self) -> int:
        """How many events start after now."""
        return sum(1 for event in self.events if event.upcoming)


def _ordinal(number: int) -> str:
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


def _range_label(event: Event) -> str:
    start, end = event.value.split("/", 1)
    first = _plain_label(dataclasses.replace(event, value=start))
    last = _plain_label(dataclasses.replace(event, value=end))
    if event.precision >= Granularity.DAY and start[:7] == end[:7]:
        return f"{int(start[8:10])}–{last}"  # "8–9 Sep 2022"
    if event.precision == Granularity.MONTH and start[:4] == end[:4]:
        return f"{_month_name(start)}–{last}"  # "Mar–Jun 2022"
    return f"{first} – {last}"


def _plain_label(event: Event) -> str:
    at = event.starts_at
    value = event.value
    precision = event.precision
    if "/" in value:
        return _range_label(event)
    if precision >= Granularity.DAY:
        return f"{int(value[8:10])} {_month_name(value)} {value[:4]}"
    if precision == Granularity.WEEK:
        return f"week of {at.day} {at.strftime('%b %Y')}"
    if precision == Granularity.MONTH:
        return f"{_month_name(value)} {value[:4]}"
    if precision == Granularity.SEASON:
        return f"{_SEASONS.get(value[5:], value[5:])} {value[:4]}"
    if precision in {Granularity.QUARTER, Granularity.HALF}:
        return f"{value[5:]} {value[:4]}"
    if precision == Granularity.DECADE:
        return f"{value}0s"
    if precision == Granularity.CENTURY:
        return f"{_ordinal(int(value) + 1)} century"
    return value


def _month_name(value: str) -> str:
    return datetime(2000, int(value[5:7]), 1).strftime("%b")


def date_label(event: Event) -> str:
    """The event's date to its precision with its modifier: '6 Sep 2022', 'early Aug 2022', '2020s'."""
    plain = _plain_label(event)
    word = _MOD_WORDS.get(event.mod or "")
    if word is None:
        return plain
    # "mid-2028" but "early 2028": English hyphenates only "mid".
    return f"mid-{plain}" if word == "mid" else f"{word} {plain}"


def group_label(event: Event) -> str:
    """The heading an event is listed under: its year, or its decade or century when coarser."""
    if event.precision == Granularity.DECADE:
        return f"{event.value}0s"
    if event.precision <= Granularity.CENTURY:
        return _plain_label(event)
    return str(int(event.value[:4]))


def markers_of(event: Event) -> tuple[str, ...]:
    """Status words: upcoming (after now), expected (a plan or forecast), approximate date."""
    markers: list[str] = []
    if event.upcoming:
        markers.append(UPCOMING)
        if event.expected:
            markers.append(EXPECTED)
    elif event.expected:
        # Past now, but a plan when written: both words, so no renderer hides the expectation.
        markers += [UPCOMING_AT_PUBLICATION, EXPECTED]
    if not event.resolved:
        markers.append(APPROXIMATE)
    return tuple(markers)


def _source(number: int, article: Article) -> SourceView:
    return SourceView(
        number=number,
        article_id=article.id,
        title=article.title,
        publisher=article.publisher,
        published_at=article.published_at,
        published_precision=article.published_precision,
        date_label=format_dated(article.published_at, article.published_precision),
        url=article.url or article.canonical_url,
        language=article.language,
    )


def view_timeline(timeline: Timeline, topic: str) -> TimelineView:
    """Number the cited sources densely, in the timeline's article order, and label every event.

    Articles no event cites are left out, so the numbers have no gaps.
    """
    cited_ids = {c.article_id for event in timeline.events for c in event.citations}
    cited_articles = [a for a in timeline.articles if a.id in cited_ids]
    numbers = {article.id: index for index, article in enumerate(cited_articles, start=1)}
    events = []
    for event in timeline.events:
        cited = tuple(
            dict.fromkeys(numbers[c.article_id] for c in event.citations if c.article_id in numbers)
        )
        events.append(
            EventView(
                value=event.value,
                precision=event.precision.name.lower(),
                date_label=date_label(event),
                group=group_label(event),
                statement=event.statement,
                sources=cited,
                citations=event.citations,
                starts_at=event.starts_at,
                ends_at=event.ends_at,
                upcoming=event.upcoming,
                expected=event.expected,
                approximate=not event.resolved,
                mod=event.mod,
                markers=markers_of(event),
            )
        )
    sources = tuple(_source(numbers[a.id], a) for a in cited_articles)
    return TimelineView(topic, tuple(events), sources)


def grouped(events: tuple[EventView, ...]) -> list[tuple[str, list[EventView]]]:
    """Consecutive events sharing a group heading, in order."""
    groups: list[tuple[str, list[EventView]]] = []
    for event in events:
        if groups and groups[-1][0] == event.group:
            groups[-1][1].append(event)
        else:
            groups.append((event.group, [event]))
    return groups


def shorten(text: str, limit: int) -> str:
    """Cut text at a word boundary to at most ``limit`` characters, marking the cut with '…'."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:–—-")
    return cut + "…"


def cite_marks(numbers: tuple[int, ...]) -> str:
    """Source numbers as '[1][3]'."""
    return "".join(f"[{n}]" for n in numbers)
