"""The weekly digest: top stories of a period, what changed since the last digest, what comes up."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum

from bot.core.brief.ranking import recency
from bot.core.brief.sections import is_boilerplate
from bot.core.brief.selection import SentenceVector, cosine, summarise, vectorise
from bot.core.models import Article, ArticleDraft, DatePrecision, Sentence
from bot.core.stories import (
    Story,
    cluster_stories,
    group_stories,
    jaccard,
    shingles,
    story_text,
)
from bot.core.text import sentences_of
from bot.core.timeline import Event, build_timeline
from bot.core.timex import Granularity

PERIOD_DAYS = 7
MAX_STORIES = 8
PER_SOURCE_CAP = 3
SUMMARY_SENTENCES = 2
SUMMARY_MAX_CHARS = 420
MAX_UPCOMING = 5
UPCOMING_DAYS = 30
CENTRALITY_WEIGHT = 0.4
CORROBORATION_WEIGHT = 0.35
RECENCY_WEIGHT = 0.25
RECENCY_HALF_LIFE_DAYS = 3.5
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class ChangeKind(StrEnum):
    """How a story stands against the previous digest in the same channel."""

    NEW = "new"
    GREW = "grew"
    ONGOING = "ongoing"


@dataclass(frozen=True, slots=True)
class DigestSentence:
    """One verbatim summary sentence and where it comes from."""

    text: str
    article_id: int
    position: int


@dataclass(frozen=True, slots=True)
class DigestSource:
    """One article of a story, as a linkable source."""

    article_id: int
    title: str
    publisher: str | None
    url: str | None
    published_at: datetime | None
    published_precision: DatePrecision


@dataclass(frozen=True, slots=True)
class DigestStory:
    """A top story: title, 1–2 sentence extractive summary, every source, rank score and change."""

    key: str
    title: str
    summary: tuple[DigestSentence, ...]
    sources: tuple[DigestSource, ...]
    publishers: tuple[str, ...]
    latest_at: datetime
    score: float
    change: ChangeKind
    new_publishers: tuple[str, ...] = ()
    new_events: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class UpcomingEvent:
    """A dated event still to come, with the articles that state it."""

    statement: str
    value: str
    starts_at: datetime
    expected: bool
    article_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class SnapshotStory:
    """What the next digest needs to know of one story: its articles, outlets and event values."""

    key: str
    article_ids: tuple[int, ...]
    publishers: tuple[str, ...]
    event_values: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Digest:
    """A digest of one period; ``changes`` is empty for the first digest of a channel."""

    period_start_at: datetime
    period_end_at: datetime
    article_count: int
    story_count: int
    publisher_count: int
    stories: tuple[DigestStory, ...]
    changes: tuple[DigestStory, ...]
    coming_up: tuple[UpcomingEvent, ...]
    snapshot: tuple[SnapshotStory, ...]
    previous_at: datetime | None = None

    @property
    def is_quiet(self) -> bool:
        """True when nothing was published in the period."""
        return self.article_count == 0


def _sentences(article: Article) -> tuple[Sentence, ...]:
    if article.sentences:
        return article.sentences
    draft = ArticleDraft(title=article.title, body=article.body, card=article.card)
    return tuple(sentences_of(article.id, draft))


def story_summary(article: Article, k: int = SUMMARY_SENTENCES) -> tuple[DigestSentence, ...]:
    """One or two verbatim body sentences that best summarise the article, in document order."""
    body = [s for s in _sentences(article) if s.section is None and not is_boilerplate(s.text)] or [
        s for s in _sentences(article) if s.section is not None
    ]
    picked = summarise([s.text for s in body], k)
    chosen: list[DigestSentence] = []
    used: set[int] = set()
    for text in picked:
        match = next(s for s in body if s.text == text and s.position not in used)
        used.add(match.position)
        chosen.append(DigestSentence(text, article.id, match.position))
    while len(chosen) > 1 and sum(len(s.text) for s in chosen) > SUMMARY_MAX_CHARS:
        chosen.pop()
    return tuple(chosen)


def _representative(articles: Sequence[Article]) -> Article:
    if len(articles) == 1:
        return articles[0]
    sets = {a.id: shingles(story_text(a)) for a in articles}

    def closeness(article: Article) -> tuple[float, int, int]:
        total = sum(jaccard(sets[article.id], sets[o.id]) for o in articles if o is not article)
        return (-total, -len(article.body), article.id)

    return min(articles, key=closeness)


def _source(article: Article) -> DigestSource:
    return DigestSource(
        article.id,
        article.title,
        article.publisher or article.original_publisher,
        article.canonical_url or article.url,
        article.published_at,
        article.published_precision,
    )


def _story_events(events: Sequence[Event], story: Story) -> tuple[str, ...]:
    ids = story.article_ids
    found = {e.value for e in events if any(c.article_id in ids for c in e.citations)}
    return tuple(sorted(found))


def _centroid(vectors: Sequence[SentenceVector]) -> SentenceVector:
    counts: dict[str, float] = {}
    for vector in vectors:
        if vector.norm:
            for term, value in vector.counts.items():
                counts[term] = counts.get(term, 0.0) + value / vector.norm
    norm = sum(v * v for v in counts.values()) ** 0.5
    return SentenceVector(counts, norm, 0)


def _previous_match(story: Story, previous: Sequence[SnapshotStory]) -> SnapshotStory | None:
    ids = story.article_ids
    for old in previous:
        if old.key == story.key or ids.intersection(old.article_ids):
            return old
    return None


def _upcoming(events: Sequence[Event], now_at: datetime) -> tuple[UpcomingEvent, ...]:
    # Century- or decade-wide values ("by mid-century") say nothing about the weeks ahead.
    ahead = [
        e
        for e in events
        if e.upcoming and e.starts_at >= now_at and e.precision >= Granularity.YEAR
    ]
    near = [e for e in ahead if e.starts_at < now_at + timedelta(days=UPCOMING_DAYS)]
    chosen = (near or ahead)[:MAX_UPCOMING]
    return tuple(
        UpcomingEvent(
            e.statement,
            e.value,
            e.starts_at,
            e.expected,
            tuple(sorted({c.article_id for c in e.citations})),
        )
        for e in chosen
    )


def build_digest(
    articles: Sequence[Article],
    *,
    period_start_at: datetime,
    period_end_at: datetime,
    now_at: datetime,
    previous: Sequence[SnapshotStory] | None = None,
    previous_at: datetime | None = None,
    max_stories: int = MAX_STORIES,
    per_source_cap: int = PER_SOURCE_CAP,
    story_keys: Mapping[int, str] | None = None,
) -> Digest:
    """Cluster, rank and summarise the period's articles against the previous digest's snapshot.

    ``articles`` may include older articles of the previous digest's stories: they link a story
    across digests (so it can be seen to grow) but are not counted or ranked on their own.
    ``story_keys`` are the stored stories (``bot.service.stories``); without them the articles
    are clustered here with the same clusterer.
    """
    in_period = [a for a in articles if period_start_at <= a.dated_at < period_end_at]
    period_ids = {a.id for a in in_period}
    grouped = (
        group_stories(articles, story_keys) if story_keys is not None else cluster_stories(articles)
    )
    stories = [s for s in grouped if s.article_ids & period_ids]
    events = build_timeline(in_period, now_at=now_at).events if in_period else ()
    vectors = [vectorise(" ".join(story_text(a) for a in s.articles)) for s in stories]
    centroid = _centroid(vectors)
    drafts: list[DigestStory] = []
    snapshot: list[SnapshotStory] = []
    for story, vector in zip(stories, vectors, strict=True):
        fresh = [a for a in story.articles if a.id in period_ids]
        values = _story_events(events, story)
        snapshot.append(
            SnapshotStory(story.key, tuple(sorted(story.article_ids)), story.publishers, values)
        )
        old = _previous_match(story, previous or ())
        change, new_publishers, new_events = ChangeKind.NEW, story.publishers, values
        if old is not None:
            new_publishers = tuple(p for p in story.publishers if p not in old.publishers)
            new_events = tuple(v for v in values if v not in old.event_values)
            grew = new_publishers or new_events or set(story.article_ids) - set(old.article_ids)
            change = ChangeKind.GREW if grew else ChangeKind.ONGOING
        latest_at = max(a.dated_at for a in fresh)
        corroboration = min(1.0, (max(len(story.publishers), 1) - 1) / 3)
        score = (
            CENTRALITY_WEIGHT * cosine(vector, centroid)
            + CORROBORATION_WEIGHT * corroboration
            + RECENCY_WEIGHT * recency(latest_at, now_at, RECENCY_HALF_LIFE_DAYS)
        )
        lead = _representative(fresh)
        drafts.append(
            DigestStory(
                story.key,
                lead.title,
                story_summary(lead),
                tuple(_source(a) for a in story.articles),
                story.publishers,
                latest_at,
                round(score, 6),
                change,
                new_publishers,
                new_events,
            )
        )
    drafts.sort(key=lambda s: (-s.score, -s.latest_at.timestamp(), s.key))
    top: list[DigestStory] = []
    per_source: dict[str, int] = {}
    for ranked in drafts:
        outlet = ranked.sources[0].publisher or "" if ranked.sources else ""
        if outlet and per_source.get(outlet, 0) >= per_source_cap:
            continue
        per_source[outlet] = per_source.get(outlet, 0) + 1
        top.append(ranked)
        if len(top) == max_stories:
            break
    changes = (
        tuple(s for s in drafts if s.change in (ChangeKind.NEW, ChangeKind.GREW))
        if previous is not None
        else ()
    )
    publishers = {a.publisher or a.original_publisher for a in in_period} - {None}
    return Digest(
        period_start_at,
        period_end_at,
        len(in_period),
        len(stories),
        len(publishers),
        tuple(top),
        changes,
        _upcoming(events, now_at),
        tuple(snapshot),
        previous_at,
    )


def encode_snapshot(snapshot: Sequence[SnapshotStory]) -> str:
    """A digest's snapshot as compact JSON, for storing beside the posted digest."""
    return json.dumps(
        [[s.key, list(s.article_ids), list(s.publishers), list(s.event_values)] for s in snapshot],
        ensure_ascii=False,
        separators=(",", ":"),
    )


def decode_snapshot(text: str) -> tuple[SnapshotStory, ...]:
    """The snapshot stored by ``encode_snapshot``; unreadable text gives an empty snapshot."""
    try:
        rows = json.loads(text)
        return tuple(
            SnapshotStory(str(k), tuple(map(int, ids)), tuple(map(str, pubs)), tuple(map(str, ev)))
            for k, ids, pubs, ev in rows
        )
    except (ValueError, TypeError):
        return ()


def parse_weekday(text: str) -> int:
    """Monday=0 … Sunday=6 from 'mon', 'Monday', 'tue', …; ``ValueError`` with a plain message."""
    short = text.strip().lower()[:3]
    if short not in WEEKDAYS:
        raise ValueError(f"'{text}' is not a weekday (use one of {', '.join(WEEKDAYS)})")
    return WEEKDAYS.index(short)


def parse_time_of_day(text: str) -> time:
    """'09:00' or '9:30' as a time; ``ValueError`` with a plain message otherwise."""
    hours, _, minutes = text.strip().partition(":")
    well_formed = hours.isdigit() and minutes.isdigit() and len(minutes) == 2 and len(hours) <= 2
    if well_formed and int(hours) < 24 and int(minutes) < 60:
        return time(int(hours), int(minutes))
    raise ValueError(f"'{text}' is not a time of day in HH:MM form (e.g. 09:00)")


def next_weekly_at(weekday: int, at: time, zone: tzinfo, after_at: datetime) -> datetime:
    """The first local ``weekday`` ``at`` strictly after ``after_at``, as UTC.

    A wall time that does not exist (spring forward) moves one hour later; an ambiguous one
    (fall back) is its first occurrence.
    """
    local_day = after_at.astimezone(zone).date()
    for offset in range(15):
        day = local_day + timedelta(days=offset)
        if day.weekday() != weekday:
            continue
        candidate = _local_instant(day, at, zone)
        if candidate > after_at:
            return candidate
    raise AssertionError("a weekday recurs within 15 days")


def previous_weekly_at(weekday: int, at: time, zone: tzinfo, before_at: datetime) -> datetime:
    """The last local ``weekday`` ``at`` at or before ``before_at``, as UTC."""
    found = next_weekly_at(weekday, at, zone, before_at - timedelta(days=8))
    while (following := next_weekly_at(weekday, at, zone, found)) <= before_at:
        found = following
    return found


def _local_instant(day: date, at: time, zone: tzinfo) -> datetime:
    # fold=0 takes the offset in force before a transition: a skipped wall time lands one hour
    # later, a repeated one on its first occurrence (what APScheduler's CronTrigger does).
    return datetime.combine(day, at).replace(tzinfo=zone, fold=0).astimezone(UTC)


def period_key(end_at: datetime, zone: tzinfo) -> str:
    """The period a digest ending at ``end_at`` belongs to: the local ISO week, e.g. '2026-W23'."""
    year, week, _ = end_at.astimezone(zone).isocalendar()
    return f"{year}-W{week:02d}"
