"""Pure-Python temporal tagger: dates, times, durations and sets, normalised to TIMEX3."""

from __future__ import annotations

from datetime import datetime

from bot.core.timex.model import Anchor, Granularity, Tense, Timex, TimexType
from bot.core.timex.tagger import tag

__all__ = [
    "Anchor",
    "Granularity",
    "Tense",
    "Timex",
    "TimexType",
    "normalise_timex",
    "tag",
    "tag_timexes",
    "tag_timexes_normalise",
]


def tag_timexes(text: str, dct: datetime, dct_precision: str = "day") -> list[dict[str, object]]:
    """Tag a text for the reference scorer: dicts with start, end, value, type and mod if any."""
    return [timex.as_dict() for timex in tag(text, dct, dct_precision)]


def normalise_timex(expr: str, dct: datetime, dct_precision: str = "day") -> str | None:
    """The TIMEX3 value of one expression (the longest one found in it), or None."""
    found = tag(expr, dct, dct_precision)
    if not found:
        return None
    return max(found, key=lambda t: t.end - t.start).value


tag_timexes_normalise = normalise_timex
