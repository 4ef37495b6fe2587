"""Timeline core: golden test on the seed articles and rule tests for events."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.core.event_text import MAX_JOINED
from bot.core.models import Article, ArticleDraft, CardSection, CardSectionKind, DatePrecision
from bot.core.text import sentences_of
from bot.core.timeline import Citation, Event, Timeline, build_timeline
from bot.core.timex import Granularity

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
CARD = CardSection(
    CardSectionKind.TIMELINE,
    (
        "2021-03: China's 14th Five-Year Plan explicitly sets a target to increase basic "
        "research spending to 8% of total R&D.",
        "2023-09: Introduction of the 'New Quality Productive Forces' concept to guide "
        "industrial upgrading.",
        "2024-03: Government Work Report emphasizes 'self-reliance' in science and technology "
        "as a national security priority.",
    ),
)


def make_article(
    article_id: int,
    body: str,
    published_at: datetime | None,
    precision: DatePrecision,
    card: tuple[CardSection, ...] = (),
) -> Article:
    draft = ArticleDraft(title=f"a{article_id}", body=body, card=card)
    return Article(
        id=article_id, title=draft.title, body=body, content_hash=str(article_id),
        ingested_at=datetime(2026, 1, 1, tzinfo=UTC), published_at=published_at,
        published_precision=precision, card=card,
        sentences=tuple(sentences_of(article_id, draft)),
    )  # fmt: skip


def seed(name: str) -> str:
    return next(SEEDS.glob(f"{name}_*.txt")).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed_articles() -> list[Article]:
    card_body = seed("000").split("\nTimeline\n")[0]  # the Timeline card is given as structure
    return [
        make_article(0, card_body, datetime(2026, 1, 1, tzinfo=UTC), DatePrecision.YEAR, (CARD,)),
        make_article(2, seed("002"), datetime(2022, 9, 7, tzinfo=UTC), DatePrecision.DAY),
        make_article(4, seed("004"), datetime(2022, 10, 16, tzinfo=UTC), DatePrecision.WEEK),
    ]


def by_value(timeline: Timeline) -> dict[str, list[Event]]:
    out: dict[str, list[Event]] = {}
    for event in timeline.events:
        out.setdefault(event.value, []).append(event)
    return out


def test_golden_seed_timeline(seed_articles: list[Article]) -> None:
    now_at = datetime(2022, 9, 7, 12, tzinfo=UTC)
    timeline = build_timeline(seed_articles, now_at=now_at)
    events = by_value(timeline)
    ipef = "2022-09-08/2022-09-09"  # "from Thursday to Friday": one ranged event
    for value in ("2021-03", "2023-09", "2024-03", "2022-08", "2022-09-06", ipef,
                  "2023-02", "2022-10-16", "2028", "20"):  # fmt: skip
        assert value in events, value
    assert "Five-Year Plan" in events["2021-03"][0].statement
    assert events["2021-03"][0].citations[0].article_id == 0
    assert "CHIPS Act" in events["2022-08"][0].statement
    assert events["2022-08"][0].mod == "START"
    assert "Department of Commerce" in events["2022-09-06"][0].statement
    assert not {"2022-09-08", "2022-09-09"} & set(events)
    assert len(events[ipef]) == 1
    assert "IPEF" in events[ipef][0].statement
    assert events[ipef][0].precision == Granularity.DAY
    assert events[ipef][0].starts_at == datetime(2022, 9, 8, tzinfo=UTC)
    assert events[ipef][0].ends_at == datetime(2022, 9, 10, tzinfo=UTC)
    assert events[ipef][0].upcoming
    assert events[ipef][0].expected
    february = events["2023-02"][0]
    assert february.upcoming
    assert february.expected
    assert "next February" in february.statement
    congress = events["2022-10-16"][0].statement
    assert congress.startswith("In his speech before the 20th")
    assert "“education, technology, and talent”" in congress
    # "It lists …" needs the sentence before, which names no "it" either: the dash clause stands.
    assert events["20"][0].statement.startswith("… a crucial period as the nation strives")
    assert events["20"][0].statement.endswith("by mid-century")
    assert events["2022-10-16"][0].resolved is False  # only the week was known
    forecast = events["2028"][0]
    assert forecast.expected
    assert forecast.precision == Granularity.YEAR
    starts = [e.starts_at for e in timeline.events]
    assert starts == sorted(starts)
    assert timeline.articles == tuple(seed_articles)
    for false_value in ("2027", "2050", "2020", "2014", "2004"):
        assert false_value not in events
    statements = [(e.citations[0].article_id, e.statement) for e in timeline.events]
    assert len(statements) == len(set(statements))
    for event in timeline.events:
        assert len(event.statement) <= MAX_JOINED
        assert event.statement.count("“") == event.statement.count("”")
        article = seed_articles[[a.id for a in seed_articles].index(event.citations[0].article_id)]
        position = event.citations[0].position
        # Verbatim: from the sentence, or the sentence joined with the one it points back to.
        around = " ".join(s.text for s in article.sentences[max(0, position - 1) : position + 1])
        assert event.statement.removeprefix("… ") in around


def test_week_precision_resolves_weekdays_inside_the_week(seed_articles: list[Article]) -> None:
    week_article = seed_articles[2]
    assert week_article.published_precision == DatePrecision.WEEK
    events = by_value(build_timeline([week_article], now_at=datetime(2022, 10, 31, tzinfo=UTC)))
    congress = [e for e in events["2022-10-16"] if "Party Congress" in e.statement]
    assert congress
    assert congress[0].resolved is False
    assert congress[0].precision == Granularity.DAY


def test_month_precision_sunday_keeps_the_month_only(seed_articles: list[Article]) -> None:
    month_article = replace(seed_articles[2], published_precision=DatePrecision.MONTH)
    timeline = build_timeline([month_article], now_at=datetime(2022, 10, 31, tzinfo=UTC))
    events = by_value(timeline)
    assert not any(len(v) == 10 and v.startswith("2022-10") for v in events)
    congress = [e for e in events["2022-10"] if "Party Congress" in e.statement]
    assert congress
    assert congress[0].resolved is False


def test_merges_same_event_across_articles() -> None:
    published = datetime(2022, 9, 7, tzinfo=UTC)
    text = "The US passed the CHIPS Act in early August to lure chip factories."
    articles = [
        make_article(1, text, published, DatePrecision.DAY),
        make_article(
            2,
            "In early August the US passed the CHIPS Act to lure chip factories.",
            published,
            DatePrecision.DAY,
        ),
    ]
    timeline = build_timeline(articles, now_at=published)
    assert len(timeline.events) == 1
    assert timeline.events[0].citations == (Citation(1, 0), Citation(2, 0))


def test_filters_by_range_and_upcoming(seed_articles: list[Article]) -> None:
    now_at = datetime(2022, 9, 7, 12, tzinfo=UTC)
    ranged = build_timeline(
        seed_articles, now_at=now_at,
        from_at=datetime(2022, 9, 1, tzinfo=UTC), to_at=datetime(2022, 10, 1, tzinfo=UTC),
    )  # fmt: skip
    assert {e.value for e in ranged.events} >= {"2022-09-06", "2022-09-08/2022-09-09"}
    assert all(e.value.startswith("2022-09") for e in ranged.events)
    upcoming = build_timeline(seed_articles, now_at=now_at, upcoming_only=True)
    assert upcoming.events
    assert all(e.starts_at > now_at for e in upcoming.events)


def test_attribution_dates_are_not_events() -> None:
    published = datetime(2022, 9, 7, tzinfo=UTC)
    article = make_article(1, "It is not enough, Hu told the Global Times on Wednesday.",
                           published, DatePrecision.DAY)  # fmt: skip
    assert build_timeline([article], now_at=published).events == ()


def test_long_sentence_gives_the_clause() -> None:
    published = datetime(2022, 9, 7, tzinfo=UTC)
    filler = ", ".join(f"the {word} industry grew steadily" for word in "abcdefghij")
    article = make_article(1, f"{filler}, and the ministers will meet next February in Tokyo, "
                           f"{filler}.", published, DatePrecision.DAY)  # fmt: skip
    event = build_timeline([article], now_at=published).events[0]
    assert event.value == "2023-02"
    assert "next February" in event.statement
    assert len(event.statement) <= 200
