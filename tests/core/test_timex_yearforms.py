"""Tests of year ranges, spoken years and week-precision anchors in the temporal tagger."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.core.timex import tag
from bot.core.timex.yearforms import range_end

DCT = datetime(1998, 3, 4, 12, tzinfo=UTC)


def spans(text: str, dct: datetime = DCT, precision: str = "day") -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in tag(text, dct, precision)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sales grew in 2019-2020.", [("2019", "2019"), ("2020", "2020")]),
        ("It was the 2019–20 season.", [("2019", "2019"), ("20", "2020")]),
        ("Figures for 1999-00 were late.", [("1999", "1999"), ("00", "2000")]),
        ("He served 1998-2004 as chief.", [("1998", "1998"), ("2004", "2004")]),
    ],
)
def test_year_ranges_are_two_dates(text: str, expected: list[tuple[str, str]]) -> None:
    assert spans(text) == expected


@pytest.mark.parametrize("text", ["It paid $2019-20 in fees.", "Set it to 2019-12-40x."])
def test_year_ranges_need_a_year_first(text: str) -> None:
    assert ("20", "2020") not in spans(text)


def test_range_end_rejects_backward_and_month_tails() -> None:
    assert range_end(2019, "-2018") is None
    assert range_end(2019, "-12") is None
    assert range_end(2019, "-2020") == 2020


def test_iso_month_is_not_a_range() -> None:
    assert spans("Data for 2019-12 came in.") == [("2019-12", "2019-12")]


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("Prices peaked in nineteen ninety-six.", "nineteen ninety-six", "1996"),
        ("One person is killed. January nineteen ninety-seven.", "January nineteen ninety-seven",
         "1997-01"),
        ("Oil fell to levels seen in the winter of nineteen ninety-four.",
         "the winter of nineteen ninety-four", "1994-WI"),
        ("Computers must be ready by the year two thousand.", "the year two thousand", "2000"),
        ("The plan runs until two thousand five.", "two thousand five", "2005"),
        ("It opened in nineteen oh five.", "nineteen oh five", "1905"),
        ("Music of the nineteen sixties returned.", "nineteen sixties", "196"),
    ],
)  # fmt: skip
def test_spoken_years(text: str, expr: str, value: str) -> None:
    assert (expr, value) in spans(text)


@pytest.mark.parametrize(
    "text", ["Two thousand troops arrived.", "Nineteen people died.", "It cost two thousand."]
)
def test_spoken_counts_are_no_dates(text: str) -> None:
    assert spans(text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The talks were held this week.", "2024-W10"),
        ("Sales fell last week.", "2024-W09"),
        ("They meet next week.", "2024-W11"),
    ],
)
def test_week_precision_anchor_is_the_iso_week_holding_most_days(text: str, value: str) -> None:
    # 2024-03-03 is a Sunday: six days of its Sunday-based week fall in ISO week 10.
    sunday = datetime(2024, 3, 3, tzinfo=UTC)
    assert [v for _, v in spans(text, sunday, "week")] == [value]


def test_day_precision_this_week_is_the_iso_week_of_the_day() -> None:
    sunday = datetime(2024, 3, 3, tzinfo=UTC)
    assert spans("The talks were held this week.", sunday) == [("this week", "2024-W09")]
