"""TimelineJS 3 (Knight Lab) JSON export: one slide per event, dates only as precise as known."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from html import escape as _escape_attribute
from typing import Any

from bot.core.timex import Granularity
from bot.core.timex.period import part_unit
from bot.render.language_marks import language_suffix
from bot.render.timeline_terminal import summary_line
from bot.render.timeline_view import (
    EventView,
    SourceView,
    TimelineView,
    cite_marks,
    shorten,
)

_HEADLINE_CHARS = 80
# How many date parts a period's bounds are exact to: year only, year and month, or a full day.
_PARTS = {Granularity.YEAR: 1, Granularity.MONTH: 2, Granularity.DAY: 3}


def escape(text: str) -> str:
    """HTML-escape text content (&, <, >); quotes stay readable outside attributes."""
    return _escape_attribute(text, quote=False)


def _date(at: datetime, parts: int) -> dict[str, int]:
    date = {"year": at.year}
    if parts >= 2:
        date["month"] = at.month
    if parts >= 3:
        date["day"] = at.day
    return date


def _dates(event: EventView) -> tuple[dict[str, int], dict[str, int] | None]:
    """Start and (for periods longer than one unit of their bounds) inclusive end dates.

    The event's own period, already narrowed by "early", "mid" or "late" and counted in the
    article's weeks, so "mid-21st century" spans 2040–2060 and "early Aug 2022" 1–10 Aug.
    """
    unit = part_unit(Granularity[event.precision.upper()], event.mod)
    parts = _PARTS[unit]
    last_at = event.ends_at - timedelta(microseconds=1)
    start, end = _date(event.starts_at, parts), _date(last_at, parts)
    return start, (end if end != start else None)


def _source_html(source: SourceView) -> str:
    title = escape(source.title)
    if source.url:
        title = f'<a href="{_escape_attribute(source.url)}">{title}</a>'
    publisher = escape(source.publisher or "unknown publisher")
    when = escape(source.date_label) + language_suffix(source.language)
    return f"[{source.number}] {title} — {publisher}, {when}"


def _slide(index: int, event: EventView, sources: dict[int, SourceView]) -> dict[str, Any]:
    start, end = _dates(event)
    body = f"<p>{escape(event.statement)} {cite_marks(event.sources)}</p>"
    if event.markers:
        body += f"<p><em>{escape(' · '.join(event.markers))}</em></p>"
    cited = [_source_html(sources[n]) for n in event.sources if n in sources]
    if cited:
        body += "<p>" + "<br>".join(cited) + "</p>"
    slide: dict[str, Any] = {
        "unique_id": f"event-{index}",
        "start_date": start,
        "display_date": ("≈ " if event.approximate else "") + event.date_label,
        "text": {"headline": escape(shorten(event.statement, _HEADLINE_CHARS)), "text": body},
        "group": "Upcoming" if event.upcoming else "Past",
    }
    if end is not None:
        slide["end_date"] = end
    return slide


def timelinejs_document(view: TimelineView) -> dict[str, Any]:
    """The TimelineJS JSON object: a title slide and one slide per event."""
    sources = {source.number: source for source in view.sources}
    return {
        "title": {
            "text": {
                "headline": escape(f"Timeline: {view.topic}"),
                "text": f"<p>{escape(summary_line(view))}</p>",
            }
        },
        "events": [_slide(i, event, sources) for i, event in enumerate(view.events, start=1)],
    }


def render_timelinejs(view: TimelineView) -> str:
    """The TimelineJS document as indented UTF-8 JSON text."""
    return json.dumps(timelinejs_document(view), ensure_ascii=False, indent=2)
