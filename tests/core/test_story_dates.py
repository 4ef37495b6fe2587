"""Story dates: a publication date known to the month or year is a span, not its first day."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from bot.core.models import DatePrecision
from bot.core.stories import date_span
from bot.core.story.clusterer import StoryClusterer
from bot.core.story.state import DateSpan
from bot.core.story.terms import (
    _SENTENCE_OPENING,
    _TOKEN,
    _ascii_openings,
    _ascii_tokens,
    story_terms,
)

QUAKE = (
    "Magnitude 6.1 earthquake strikes Bushehr province in Iran, killing 37 people",
    "The quake hit Kaki near Bushehr on Tuesday, Iranian state television said.",
)


def _at(month: int, day: int) -> datetime:
    return datetime(2024, month, day, 9, 30, tzinfo=UTC)


def test_each_precision_spans_the_days_it_may_mean() -> None:
    at = datetime(2024, 2, 14, 9, 30, tzinfo=UTC)
    midnight = at.replace(hour=0, minute=0)
    assert date_span(at, DatePrecision.DAY) == DateSpan(at, at)
    assert date_span(at, DatePrecision.WEEK) == DateSpan(midnight, midnight.replace(day=20))
    assert date_span(at, DatePrecision.MONTH) == DateSpan(
        midnight.replace(day=1), midnight.replace(day=29)
    )  # 2024 is a leap year
    assert date_span(at, DatePrecision.YEAR) == DateSpan(
        midnight.replace(month=1, day=1), midnight.replace(month=12, day=31)
    )
    assert date_span(at, DatePrecision.UNKNOWN) is None
    assert date_span(None, DatePrecision.DAY) is None


def test_a_report_dated_only_to_a_month_joins_that_month_s_story_not_another_s() -> None:
    may = date_span(_at(5, 1), DatePrecision.MONTH)
    clusterer = StoryClusterer()
    assert clusterer.add(1, story_terms(*QUAKE), _at(5, 20)) == "s1"
    assert clusterer.add(2, story_terms(*QUAKE), _at(9, 3)) == "s2"  # months later: a new story
    assert clusterer.add(3, story_terms(*QUAKE), may) == "s1"
    story = clusterer.stories["s1"]
    # The month keeps the report out of September's story but does not stretch May's.
    assert (story.first_at, story.last_at) == (_at(5, 20), _at(5, 20))


def test_a_story_started_by_a_report_dated_to_a_year_spans_that_year() -> None:
    year = date_span(_at(1, 1), DatePrecision.YEAR)
    clusterer = StoryClusterer()
    assert clusterer.add(1, story_terms(*QUAKE), year) == "s1"
    assert clusterer.add(2, story_terms(*QUAKE), _at(7, 4)) == "s1"
    later = datetime(2025, 3, 1, tzinfo=UTC)
    assert clusterer.add(3, story_terms(*QUAKE), later) == "s3"


def test_the_first_report_dated_to_the_day_dates_a_story_known_only_to_its_year() -> None:
    year = date_span(_at(1, 1), DatePrecision.YEAR)
    clusterer = StoryClusterer()
    clusterer.add(1, story_terms(*QUAKE), year)
    clusterer.add(2, story_terms(*QUAKE), _at(7, 4))
    story = clusterer.stories["s1"]
    assert (story.first_at, story.last_at, story.wide) == (_at(7, 4), _at(7, 4), False)
    # July's story no longer spans the year: November's report of the same words is another.
    assert clusterer.add(3, story_terms(*QUAKE), _at(11, 20)) == "s3"
    assert clusterer.add(4, story_terms(*QUAKE), year) == "s1"  # the year still fits July


def test_an_undated_report_merges_with_a_dated_story_only_as_closely_as_it_would_join() -> None:
    clusterer = StoryClusterer()
    clusterer.add(1, story_terms(*QUAKE), _at(5, 20))
    # Related words (the same quake, mostly reworded) but below the join threshold: dated to
    # the day they would merge; undated, the report could be any year's quake.
    loose = story_terms(
        "Iran quake: rescuers search Kaki villages", "Rescue teams reached villages near Kaki."
    )
    twin = StoryClusterer()
    twin.add(1, story_terms(*QUAKE), _at(5, 20))
    twin.add(2, loose, _at(5, 21))
    twin.consolidate()
    clusterer.add(2, loose, None)
    clusterer.consolidate()
    assert twin.resolve("s2") == "s1"
    assert clusterer.resolve("s2") == "s2"


@given(st.text(alphabet="ab'_ .-9Z\n\t\"(x", max_size=40))
def test_ascii_text_is_split_into_the_tokens_the_regular_expression_finds(text: str) -> None:
    assert _ascii_tokens(text) == _TOKEN.findall(text)


@given(st.text(alphabet="Ab' .-(9Z\n\"x", max_size=40))
def test_ascii_sentence_openings_are_those_the_unicode_pattern_finds(text: str) -> None:
    expected = [w for w in _SENTENCE_OPENING.findall(text) if w[:1].isupper()]
    assert sorted(_ascii_openings(text)) == sorted(expected)


def test_counting_without_cpythons_helper_gives_the_same_counts() -> None:
    from bot.core.story import state

    words = ["chip", "fab", "chip", "export", "chip"]
    fast: dict[str, int] = {"fab": 2}
    slow: dict[str, int] = {"fab": 2}
    state.count_into(fast, words)
    state._count_in_python(slow, words)
    assert fast == slow == {"fab": 3, "chip": 3, "export": 1}
