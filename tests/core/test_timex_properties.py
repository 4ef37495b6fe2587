"""Property tests of the temporal tagger: it never crashes and every span is exact."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.timex import tag

_WORDS = st.sampled_from(
    [
        "on",
        "in",
        "by",
        "since",
        "until",
        "the",
        "last",
        "next",
        "this",
        "early",
        "mid",
        "late",
        "Sunday",
        "Tuesday",
        "May",
        "March",
        "August",
        "2022",
        "2028",
        "1990s",
        "Q3",
        "three",
        "years",
        "ago",
        "week",
        "month",
        "$27",
        "50%",
        "27th",
        "we",
        "may",
        "6",
        "Sept.",
        ",",
        ".",
        "2021年3月5日",
        "2022-09-06",
        "every",
        "daily",
        "now",
        "today",
        "yesterday",
        "10",
        "p.m.",
        "mid-century",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(_WORDS, max_size=30).map(" ".join),
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1)),
    st.sampled_from(["day", "week", "month", "year", "unknown"]),
)
def test_spans_are_exact(text: str, dct: datetime, precision: str) -> None:
    found = tag(text, dct.replace(tzinfo=UTC), precision)
    ends = [t.start for t in found]
    assert ends == sorted(ends)
    for timex in found:
        assert 0 <= timex.start < timex.end <= len(text)
        assert text[timex.start : timex.end] == timex.text
        assert timex.value


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_text_never_crashes(text: str) -> None:
    for timex in tag(text, datetime(2022, 9, 7, tzinfo=UTC)):
        assert text[timex.start : timex.end] == timex.text
