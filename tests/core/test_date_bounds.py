"""Typed date bounds: whole years, months and days, exact ISO instants, and clear refusals."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.date_bounds import DateBoundError, parse_date_bound


@pytest.mark.parametrize(
    ("typed", "start_at", "end_at"),
    [
        ("2024", datetime(2024, 1, 1, tzinfo=UTC), datetime(2025, 1, 1, tzinfo=UTC)),
        ("2024-05", datetime(2024, 5, 1, tzinfo=UTC), datetime(2024, 6, 1, tzinfo=UTC)),
        ("2024-12", datetime(2024, 12, 1, tzinfo=UTC), datetime(2025, 1, 1, tzinfo=UTC)),
        ("2024-02", datetime(2024, 2, 1, tzinfo=UTC), datetime(2024, 3, 1, tzinfo=UTC)),
        ("2024-05-17", datetime(2024, 5, 17, tzinfo=UTC), datetime(2024, 5, 18, tzinfo=UTC)),
        ("2024-02-29", datetime(2024, 2, 29, tzinfo=UTC), datetime(2024, 3, 1, tzinfo=UTC)),
        ("2024-12-31", datetime(2024, 12, 31, tzinfo=UTC), datetime(2025, 1, 1, tzinfo=UTC)),
        (" 2024-5-7 ", datetime(2024, 5, 7, tzinfo=UTC), datetime(2024, 5, 8, tzinfo=UTC)),
        ("20240517", datetime(2024, 5, 17, tzinfo=UTC), datetime(2024, 5, 18, tzinfo=UTC)),
    ],
)
def test_a_period_runs_from_its_start_to_the_start_of_the_next(
    typed: str, start_at: datetime, end_at: datetime
) -> None:
    assert parse_date_bound(typed, end=False) == start_at
    assert parse_date_bound(typed, end=True) == end_at


@pytest.mark.parametrize(
    ("typed", "instant_at"),
    [
        ("2024-05-17T10:00+02:00", datetime(2024, 5, 17, 8, 0, tzinfo=UTC)),
        ("2024-05-17T23:30-05:00", datetime(2024, 5, 18, 4, 30, tzinfo=UTC)),
        ("2024-05-17T10:00Z", datetime(2024, 5, 17, 10, 0, tzinfo=UTC)),
        ("2024-05-17T10:00", datetime(2024, 5, 17, 10, 0, tzinfo=UTC)),
        ("2024-05-17 00:00", datetime(2024, 5, 17, tzinfo=UTC)),
    ],
)
def test_an_iso_time_is_an_exact_instant_whichever_bound(typed: str, instant_at: datetime) -> None:
    for end in (False, True):
        parsed_at = parse_date_bound(typed, end=end)
        assert parsed_at == instant_at
        assert parsed_at.tzinfo is UTC


@pytest.mark.parametrize("typed", ["2023-02-29", "2024-13", "2024-00", "2024-04-31", "2024-5-0"])
def test_impossible_dates_are_not_real_dates(typed: str) -> None:
    with pytest.raises(DateBoundError) as refused:
        parse_date_bound(typed, end=False)
    assert refused.value.problem == "not a real date"
    assert str(refused.value) == f"The date {typed} is not a real date."
    assert refused.value.sentence("from date") == f"The from date {typed} is not a real date."


@pytest.mark.parametrize(
    "typed", ["24", "June", "yesterday", "", "2024/05/17", "2024-05-17-1", "٢٠٢٤", "2024-"]
)
def test_garbage_must_look_like_a_date(typed: str) -> None:
    with pytest.raises(DateBoundError) as refused:
        parse_date_bound(typed, end=True)
    assert refused.value.problem == "not a date"
    assert refused.value.sentence("to date") == (
        "The to date must look like 2024, 2024-05 or 2024-05-17."
    )
    assert isinstance(refused.value, ValueError)


@pytest.mark.parametrize(
    ("typed", "end"),
    [("0000", False), ("9999", True), ("9999-12", True), ("9999-12-31", True)],
)
def test_bounds_past_the_calendar_are_refused(typed: str, end: bool) -> None:
    with pytest.raises(DateBoundError) as refused:
        parse_date_bound(typed, end=end)
    assert str(refused.value) == f"The date {typed} reaches outside the years 1 to 9999."


def test_the_last_representable_periods_still_start() -> None:
    assert parse_date_bound("9999", end=False) == datetime(9999, 1, 1, tzinfo=UTC)
    assert parse_date_bound("9999-12-30", end=True) == datetime(9999, 12, 31, tzinfo=UTC)


def test_an_instant_shifted_before_year_one_is_refused() -> None:
    with pytest.raises(DateBoundError) as refused:
        parse_date_bound("0001-01-01T00:00+01:00", end=False)
    assert refused.value.problem == "out of range"


# Spelled out rather than strftime, whose %Y drops the leading zeros of years before 1000.
_GRANULARITIES = {
    "year": "{0.year:04d}",
    "month": "{0.year:04d}-{0.month:02d}",
    "day": "{0.year:04d}-{0.month:02d}-{0.day:02d}",
}


@given(
    day=st.dates(min_value=date(1, 1, 1), max_value=date(9998, 12, 31)),
    granularity=st.sampled_from(sorted(_GRANULARITIES)),
)
def test_every_day_lies_within_the_bounds_of_its_period(day: date, granularity: str) -> None:
    typed = _GRANULARITIES[granularity].format(day)
    start_at = parse_date_bound(typed, end=False)
    end_at = parse_date_bound(typed, end=True)
    day_at = datetime(day.year, day.month, day.day, tzinfo=UTC)
    assert start_at <= day_at < end_at
    assert start_at <= day_at + timedelta(days=1) - timedelta(microseconds=1) < end_at
    # The end of one period is the start of the one after it: no gaps, no overlaps.
    assert parse_date_bound(_GRANULARITIES[granularity].format(end_at), end=False) == end_at


@given(
    instant_at=st.datetimes(min_value=datetime(2, 1, 1), max_value=datetime(9998, 12, 31)),
    offset_minutes=st.integers(min_value=-14 * 60, max_value=14 * 60),
    end=st.booleans(),
)
def test_any_iso_instant_round_trips_exactly(
    instant_at: datetime, offset_minutes: int, end: bool
) -> None:
    aware_at = instant_at.replace(tzinfo=timezone(timedelta(minutes=offset_minutes)))
    assert parse_date_bound(aware_at.isoformat(), end=end) == aware_at
