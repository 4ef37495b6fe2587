"""TimelineJS export: valid against a schema written from the Knight Lab docs, honest dates."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest

from bot.core.timeline import Timeline
from bot.render.timeline_view import shorten, view_timeline
from bot.render.timelinejs import render_timelinejs, timelinejs_document
from tests.render.timeline_fixtures import (
    make_article,
    make_event,
    many_events_timeline,
    sample_timeline,
)

# From https://timeline.knightlab.com/docs/json-format.html: a timeline has "events" (slides)
# and an optional "title" slide; slides need "start_date" (except the title); a date needs a
# numeric "year" and may add month, day and a display_date; text has headline and text.
_DATE = {
    "type": "object",
    "required": ["year"],
    "properties": {
        "year": {"type": "integer"},
        "month": {"type": "integer", "minimum": 1, "maximum": 12},
        "day": {"type": "integer", "minimum": 1, "maximum": 31},
        "display_date": {"type": "string"},
    },
    "dependentRequired": {"day": ["month"]},
    "additionalProperties": False,
}
_TEXT = {
    "type": "object",
    "properties": {"headline": {"type": "string"}, "text": {"type": "string"}},
    "additionalProperties": False,
}
_SLIDE_PROPERTIES = {
    "start_date": _DATE,
    "end_date": _DATE,
    "text": _TEXT,
    "group": {"type": "string"},
    "display_date": {"type": "string"},
    "unique_id": {"type": "string"},
    "autolink": {"type": "boolean"},
}
SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["events"],
    "properties": {
        "title": {
            "type": "object",
            "properties": {"text": _TEXT},
            "additionalProperties": False,
        },
        "events": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["start_date", "text"],
                "properties": _SLIDE_PROPERTIES,
                "additionalProperties": False,
            },
        },
        "scale": {"enum": ["human", "cosmological"]},
    },
    "additionalProperties": False,
}


def slides(timeline: Timeline) -> dict[str, dict[str, Any]]:
    document = timelinejs_document(view_timeline(timeline, "chips"))
    jsonschema.validate(document, SCHEMA)
    return {slide["display_date"]: slide for slide in document["events"]}


def test_the_export_is_valid_json_against_the_schema() -> None:
    document = json.loads(render_timelinejs(view_timeline(sample_timeline(), "chips & co")))
    jsonschema.validate(document, SCHEMA)
    assert document["title"]["text"]["headline"] == "Timeline: chips &amp; co"
    assert len(document["events"]) == 9
    jsonschema.validate(timelinejs_document(view_timeline(many_events_timeline(60), "x")), SCHEMA)
    jsonschema.validate(timelinejs_document(view_timeline(Timeline((), ()), "x")), SCHEMA)


def test_dates_claim_no_more_precision_than_known() -> None:
    by_date = slides(sample_timeline())
    assert by_date["6 Sep 2022"]["start_date"] == {"year": 2022, "month": 9, "day": 6}
    assert "end_date" not in by_date["6 Sep 2022"]
    assert by_date["early Aug 2022"]["start_date"] == {"year": 2022, "month": 8, "day": 1}
    assert by_date["early Aug 2022"]["end_date"] == {"year": 2022, "month": 8, "day": 10}
    assert by_date["≈ Oct 2022"]["start_date"] == {"year": 2022, "month": 10}
    assert by_date["Q3 2024"]["start_date"] == {"year": 2024, "month": 7}
    assert by_date["Q3 2024"]["end_date"] == {"year": 2024, "month": 9}
    assert by_date["2028"]["start_date"] == {"year": 2028}
    assert by_date["late 2020s"]["start_date"] == {"year": 2027}
    assert by_date["late 2020s"]["end_date"] == {"year": 2029}
    assert by_date["mid-21st century"]["start_date"] == {"year": 2040}
    assert by_date["mid-21st century"]["end_date"] == {"year": 2060}


# Every precision and modifier: (TIMEX3 value, mod, display text, start date, inclusive end date).
PERIODS = [
    ("2022-09-06", None, "6 Sep 2022", (2022, 9, 6), None),
    ("2022-W42", None, "week of 17 Oct 2022", (2022, 10, 17), (2022, 10, 23)),
    ("2022-08", None, "Aug 2022", (2022, 8), None),
    ("2022-08", "START", "early Aug 2022", (2022, 8, 1), (2022, 8, 10)),
    ("2022-08", "MID", "mid-Aug 2022", (2022, 8, 11), (2022, 8, 21)),
    ("2022-08", "END", "late Aug 2022", (2022, 8, 22), (2022, 8, 31)),
    ("2022-02", "END", "late Feb 2022", (2022, 2, 20), (2022, 2, 28)),
    ("2022-SU", None, "summer 2022", (2022, 6), (2022, 8)),
    ("2022-SU", "START", "early summer 2022", (2022, 6), None),
    ("2022-WI", None, "winter 2022", (2022, 12), (2023, 2)),
    ("2024-Q3", None, "Q3 2024", (2024, 7), (2024, 9)),
    ("2024-Q3", "END", "late Q3 2024", (2024, 9), None),
    ("2024-H2", None, "H2 2024", (2024, 7), (2024, 12)),
    ("2024-H1", "MID", "mid-H1 2024", (2024, 3), (2024, 4)),
    ("2028", None, "2028", (2028,), None),
    ("2028", "START", "early 2028", (2028, 1), (2028, 4)),
    ("2028", "MID", "mid-2028", (2028, 5), (2028, 8)),
    ("2028", "END", "late 2028", (2028, 9), (2028, 12)),
    ("202", None, "2020s", (2020,), (2029,)),
    ("202", "START", "early 2020s", (2020,), (2022,)),
    ("202", "MID", "mid-2020s", (2023,), (2026,)),
    ("20", None, "21st century", (2000,), (2099,)),
    ("20", "START", "early 21st century", (2000,), (2029,)),
    ("20", "MID", "mid-21st century", (2040,), (2060,)),
    ("20", "END", "late 21st century", (2070,), (2099,)),
]


def _as_date(parts: tuple[int, ...]) -> dict[str, int]:
    return dict(zip(("year", "month", "day"), parts, strict=False))


@pytest.mark.parametrize(("value", "mod", "text", "start", "end"), PERIODS)
def test_every_precision_lands_where_its_text_says(
    value: str, mod: str | None, text: str, start: tuple[int, ...], end: tuple[int, ...] | None
) -> None:
    timeline = Timeline((make_event(value, "It happens", 1, mod=mod),), (make_article(1, "A"),))
    document = json.loads(render_timelinejs(view_timeline(timeline, "x")))
    jsonschema.validate(document, SCHEMA)
    (slide,) = document["events"]
    assert slide["display_date"] == text
    assert slide["start_date"] == _as_date(start)
    assert slide.get("end_date") == (_as_date(end) if end else None)


def test_text_is_escaped_and_names_its_sources() -> None:
    by_date = slides(sample_timeline())
    body = by_date["6 Sep 2022"]["text"]["text"]
    assert "Commerce released its &lt;strategy&gt; &amp; funding rules [2][1]" in body
    assert '<a href="https://example.com/a?b=1&amp;c=2">China eyes core tech</a>' in body
    assert "[1] Breaking the tech trap — Example Wire, 2022-09-07" in body
    assert by_date["2028"]["group"] == "Upcoming"
    assert by_date["Mar 2021"]["group"] == "Past"
    assert "<em>upcoming · expected</em>" in by_date["2028"]["text"]["text"]


def test_long_headlines_are_cut_at_a_word() -> None:
    assert shorten("one two three", 50) == "one two three"
    assert shorten("alpha beta gamma delta", 13) == "alpha beta…"
