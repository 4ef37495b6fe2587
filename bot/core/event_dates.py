"""Event dates: the periods a sentence's date expressions name, with ranges joined into one."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from bot.core.timex import Granularity, Timex
from bot.core.timex.period import narrowed, period_of

# Granularities whose joined value ("2022-09-08/2022-09-09") every renderer can label.
_RANGE_GRANULARITIES = frozenset({Granularity.YEAR, Granularity.MONTH, Granularity.DAY})
_RANGE_JOINER = re.compile(r"\s*(?:to|through|thru|till|until|into|[-–—])\s*", re.IGNORECASE)
_AND_JOINER = re.compile(r"\s+and\s+", re.IGNORECASE)
_BETWEEN = re.compile(r"\bbetween\s+$", re.IGNORECASE)
# "postponed from March to June" names a move, not a period.
_MOVED_FROM = re.compile(
    r"\b(?:moved|postponed|delayed|pushed|brought|rescheduled|shifted|changed|put\s+off)"
    r"(?:\s+\w+){0,3}\s+from\s+$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class EventDate:
    """One dated reading of a sentence: value, period [starts_at, ends_at) and where it is said.

    ``start``/``end`` span the expression in the sentence (both ends of a range); ``value`` is
    a TIMEX3 date, or ``first/last`` for a range; ``mod`` narrows a single date (early, mid, late).
    """

    value: str
    precision: Granularity
    starts_at: datetime
    ends_at: datetime
    start: int
    end: int
    mod: str | None
    relation: str | None
    resolved: bool


def event_date_of(timex: Timex) -> EventDate | None:
    """The event date one expression names, or None when it names no usable period."""
    value = timex.value.split("T", 1)[0]
    span = period_of(value)
    if span is None or (not timex.resolved and span[2] < Granularity.MONTH):
        return None
    starts_at, ends_at = narrowed(span[0], span[1], span[2], timex.mod)
    return EventDate(
        value, span[2], starts_at, ends_at, timex.start, timex.end,
        timex.mod, timex.relation, timex.resolved,
    )  # fmt: skip


def _joined(sentence: str, first: EventDate, last: EventDate) -> EventDate | None:
    """One range from two dates joined by "to", "through", "until", a dash or "between … and".

    None when the two are not joined; the later date alone when the text moves one to the other.
    """
    between = sentence[first.end : last.start]
    if _AND_JOINER.fullmatch(between):
        if not _BETWEEN.search(sentence[: first.start]):
            return None
    elif not _RANGE_JOINER.fullmatch(between):
        return None
    elif _MOVED_FROM.search(sentence[: first.start]):
        return last  # the new date is the one that holds
    if first.value == last.value:
        return first
    if (
        first.precision != last.precision
        or first.precision not in _RANGE_GRANULARITIES
        or last.ends_at <= first.starts_at
    ):
        return None
    return EventDate(
        f"{first.value}/{last.value}", first.precision, first.starts_at, last.ends_at,
        first.start, last.end, None, first.relation, first.resolved and last.resolved,
    )  # fmt: skip


def event_dates_of(sentence: str, timexes: Iterable[Timex]) -> Iterator[EventDate]:
    """The event dates of one sentence in order, each range ("from Thursday to Friday") as one."""
    pending: EventDate | None = None
    for timex in timexes:
        current = event_date_of(timex)
        if current is None:
            continue
        if pending is not None:
            joined = _joined(sentence, pending, current)
            if joined is not None:
                yield joined
                pending = None
                continue
            yield pending
        pending = current
    if pending is not None:
        yield pending
