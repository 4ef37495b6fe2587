"""Tests for reading publication dates from metadata."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.models import DatePrecision
from bot.ingest import parse_published

DAY, MONTH, YEAR = DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR


@pytest.mark.parametrize(
    ("value", "at", "precision"),
    [
        ("2022", datetime(2022, 1, 1, tzinfo=UTC), YEAR),
        (2026, datetime(2026, 1, 1, tzinfo=UTC), YEAR),
        ("2022-10", datetime(2022, 10, 1, tzinfo=UTC), MONTH),
        ("2022/10", datetime(2022, 10, 1, tzinfo=UTC), MONTH),
        ("October 2022", datetime(2022, 10, 1, tzinfo=UTC), MONTH),
        ("2022年10月", datetime(2022, 10, 1, tzinfo=UTC), MONTH),
        ("2022-10-16", datetime(2022, 10, 16, tzinfo=UTC), DAY),
        ("2022/10/16", datetime(2022, 10, 16, tzinfo=UTC), DAY),
        ("2022年10月16日", datetime(2022, 10, 16, tzinfo=UTC), DAY),
        ("16 Oct 2022", datetime(2022, 10, 16, tzinfo=UTC), DAY),
        ("Sunday, October 16, 2022", datetime(2022, 10, 16, tzinfo=UTC), DAY),
        ("Oct. 16th, 2022", datetime(2022, 10, 16, tzinfo=UTC), DAY),
        ("2022-10-16T10:30:00", datetime(2022, 10, 16, 10, 30, tzinfo=UTC), DAY),
        ("2022-10-16T10:30:00Z", datetime(2022, 10, 16, 10, 30, tzinfo=UTC), DAY),
        ("2022-09-07T08:00:00+08:00", datetime(2022, 9, 7, tzinfo=UTC), DAY),
        ("Wed, 07 Sep 2022 10:00:00 +0800", datetime(2022, 9, 7, 2, tzinfo=UTC), DAY),
        (date(2022, 9, 7), datetime(2022, 9, 7, tzinfo=UTC), DAY),
        (datetime(2022, 9, 7, 12), datetime(2022, 9, 7, 12, tzinfo=UTC), DAY),
    ],
)
def test_parse_published(value: object, at: datetime, precision: DatePrecision) -> None:
    published = parse_published(value)
    assert (published.at, published.precision) == (at, precision)
    assert published.at.tzinfo is UTC


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("the other day", "'the other day' is not a date this tool reads"),
        ("2022-13", "'2022-13' is not a real calendar date"),
        ("Smarch 2022", "'Smarch' is not a month name"),
        ("", "'' is not a date"),
        (True, "True is not a date"),
        (None, "None is not a date"),
    ],
)
def test_parse_published_rejects_with_a_plain_reason(value: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_published(value)


@given(
    st.datetimes(
        min_value=datetime(1000, 1, 2),
        timezones=st.sampled_from([UTC, timezone(timedelta(hours=8)), None]),
    )
)
def test_any_datetime_becomes_the_same_moment_in_utc(moment: datetime) -> None:
    published = parse_published(moment.isoformat())
    expected = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    assert published.at == expected
    assert published.at.utcoffset() == timedelta(0)
