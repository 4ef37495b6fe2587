"""Hand-made timelines for the renderer tests: events at every precision, and many events."""

from __future__ import annotations

import random
from datetime import UTC, datetime

from bot.core.models import Article, DatePrecision
from bot.core.timeline import Citation, Event, Timeline
from bot.core.timex.period import narrowed, period_of

NOW_AT = datetime(2026, 3, 1, tzinfo=UTC)


def make_article(article_id: int, title: str, url: str | None = None) -> Article:
    """A stored article as the renderers see it (no body needed)."""
    return Article(
        id=article_id, title=title, body="", content_hash=str(article_id),
        ingested_at=NOW_AT, publisher="Example Wire", url=url,
        published_at=datetime(2022, 9, 7, tzinfo=UTC), published_precision=DatePrecision.DAY,
    )  # fmt: skip


def make_event(
    value: str,
    statement: str,
    *article_ids: int,
    mod: str | None = None,
    expected: bool = False,
    resolved: bool = True,
) -> Event:
    """An event on a concrete TIMEX3 value; upcoming when it starts after ``NOW_AT``."""
    period = period_of(value)
    assert period is not None, value
    starts_at, ends_at, precision = period
    starts_at, ends_at = narrowed(starts_at, ends_at, precision, mod)  # as the core does
    citations = tuple(Citation(article_id, 0) for article_id in article_ids)
    return Event(
        value, precision, statement, citations, starts_at, ends_at,
        starts_at > NOW_AT, expected, mod, resolved,
    )  # fmt: skip


def sample_timeline() -> Timeline:
    """Eight events covering day, month, quarter, year, decade and century, with flags."""
    events = (
        make_event("2021-03", "The plan sets a research target", 7),
        make_event("2022-08", "Congress passed the CHIPS Act", 9, mod="START"),
        make_event("2022-09-06", "Commerce released its <strategy> & funding rules", 9, 7),
        make_event("2022-10", "Xi spoke this week", 7, resolved=False),
        make_event("2023-02", "Guidance will be released next February", 9, expected=True),
        make_event("2024-Q3", "Fabs open in the third quarter", 9),
        make_event("2028", "Spending will pass 10% by 2028", 7, expected=True),
        make_event("202", "Demand grows through the 2020s", 7, mod="END"),
        make_event("20", "A tech powerhouse by mid-century", 9, mod="MID", expected=True),
    )
    ordered = tuple(sorted(events, key=lambda e: (e.starts_at, -int(e.precision))))
    articles = (
        make_article(7, "Breaking the tech trap"),
        make_article(5, "An article no event cites"),
        make_article(9, "China eyes core tech", "https://example.com/a?b=1&c=2"),
    )
    return Timeline(ordered, articles)


def many_events_timeline(count: int, seed: int = 4) -> Timeline:
    """``count`` events at random precisions between 2019 and 2030, some upcoming."""
    rnd = random.Random(seed)
    words = [
        "tariff",
        "export",
        "chip",
        "fab",
        "subsidy",
        "lithography",
        "ministry",
        "plan",
        "factory",
        "talks",
        "wafer",
    ]
    events = []
    for index in range(count):
        year, month, day = rnd.randint(2019, 2030), rnd.randint(1, 12), rnd.randint(1, 28)
        value = rnd.choice([f"{year}-{month:02d}-{day:02d}", f"{year}-{month:02d}", f"{year}"])
        statement = " ".join(rnd.choice(words) for _ in range(rnd.randint(3, 30)))
        events.append(make_event(value, statement, 1 + index % 12, expected=rnd.random() < 0.3))
    articles = tuple(make_article(n, f"Article {n}") for n in range(1, 13))
    return Timeline(tuple(sorted(events, key=lambda e: e.starts_at)), articles)
