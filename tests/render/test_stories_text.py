"""The stories listing's date: never more precise than known, and no ingest time passed off as news."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.core.models import ArticleDraft, DatePrecision
from bot.core.stories import Story
from bot.render.stories_text import story_details
from tests.core.brief.seed_articles import NOW_AT, article_from_draft


def _story(*dates: tuple[datetime | None, DatePrecision]) -> Story:
    articles = tuple(
        article_from_draft(
            number,
            ArticleDraft(
                title=f"Report {number}",
                body="A plant opened.",
                publisher=f"Outlet {number}",
                published_at=published_at,
                published_precision=precision,
            ),
        )
        for number, (published_at, precision) in enumerate(dates, start=1)
    )
    return Story("s1", articles)


def test_the_latest_date_is_shown_to_its_known_precision() -> None:
    week = datetime(2022, 10, 16, tzinfo=UTC)
    year = datetime(2021, 1, 1, tzinfo=UTC)
    assert story_details(_story((week, DatePrecision.WEEK))).endswith("latest week of 2022-10-16")
    assert story_details(_story((year, DatePrecision.YEAR))).endswith("latest 2021")
    # An undated report beside a dated one does not make the story look fresher than it is.
    mixed = _story((None, DatePrecision.UNKNOWN), (week, DatePrecision.DAY))
    assert story_details(mixed).endswith("latest 2022-10-16")


def test_a_story_with_no_dated_report_says_when_it_was_added() -> None:
    details = story_details(_story((None, DatePrecision.UNKNOWN)))
    assert details.endswith(f"added {NOW_AT:%Y-%m-%d}")
    assert "latest" not in details
