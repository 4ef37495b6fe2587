"""TimelineJS export: valid against a schema written from the Knight Lab docs, honest dates."""

from __future__ import annotations

import json
from typing import Any

import jsonschema

from bot.core.timeline import Timeline
from bot.render.timeline_view import view_timeline
from bot.render.timelinejs import render_timelinejs, shorten, timelinejs_document
from tests.render.timeline_fixtures import many_events_timeline, sample_timeline

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
    assert by_date["early Aug 2022"]["start_date"] == {"year": 2022, "month": 8}
    assert by_date["≈ Oct 2022"]["start_date"] == {"year": 2022, "month": 10}
    assert by_date["Q3 2024"]["start_date"] == {"year": 2024, "month": 7}
    assert by_date["Q3 2024"]["end_date"] == {"year": 2024, "month": 9}
    assert by_date["2028"]["start_date"] == {"year": 2028}
    assert by_date["late 2020s"]["start_date"] == {"year": 2020}
    assert by_date["late 2020s"]["end_date"] == {"year": 2029}
    assert by_date["mid-21st century"]["end_date"] == {"year": 2099}


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
