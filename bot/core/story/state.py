"""A story's running state (members, centroid, names, date span) and the changes to store."""

from __future__ import annotations

import collections
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from operator import mul
from typing import Any

CENTROID_TERMS = 120
# Reports of one event come within days of each other: a story takes an article dated within
# this many days of its first-to-last span (when dates are known), so a long-running story
# continues while coverage continues, and next year's earthquake is a new story.
WINDOW = timedelta(days=10)


def _count_in_python(counts: dict[Any, int], items: Iterable[Any]) -> None:
    """Add one to ``counts`` for each item (what CPython's C helper below does)."""
    get = counts.get
    for item in items:
        counts[item] = get(item, 0) + 1


# Counter's own C loop (count each element into a dict), without the Python-level checks
# ``Counter.update`` makes on every call: called per article, those were a few percent. It is
# private to CPython, so an interpreter without it counts in Python, with the same result.
count_into: Callable[[dict[Any, int], Iterable[Any]], None] = getattr(
    collections, "_count_elements", _count_in_python
)


@dataclass(frozen=True, slots=True)
class DateSpan:
    """The days an article's date may fall on: one day, or a whole week, month or year."""

    start_at: datetime
    end_at: datetime

    @classmethod
    def of(cls, dated: datetime | DateSpan | None) -> DateSpan | None:
        """A span from a span, a single moment (that day) or nothing."""
        return cls(dated, dated) if isinstance(dated, datetime) else dated

    @property
    def precise(self) -> bool:
        """Whether the span is short enough to date a story (a day or a week, not a month)."""
        return self.end_at - self.start_at <= WINDOW


@dataclass(slots=True)
class StoryState:
    """One story's running state: members, centroid (sum of unit vectors) and name counts."""

    key: str
    first_id: int
    article_ids: list[int]
    centroid: dict[str, float]
    names: dict[str, int]
    first_at: datetime | None = None
    last_at: datetime | None = None
    norm: float = 0.0
    # The centroid's terms, heaviest first (ties by term), kept by ``refresh``.
    ranked: list[str] = field(default_factory=list)
    # Whether the span comes only from dates known to a month or a year (none to the day).
    wide: bool = False

    def near(self, start_at: datetime | None, end_at: datetime | None) -> bool:
        """Whether a span of dates lies within ``WINDOW`` of this story's span (unknown: yes)."""
        if start_at is None or end_at is None or self.first_at is None or self.last_at is None:
            return True
        return start_at <= self.last_at + WINDOW and end_at >= self.first_at - WINDOW

    def date_by(self, start_at: datetime | None, end_at: datetime | None, *, wide: bool) -> None:
        """Take a report's (or a merged story's) dates into the story's span.

        A day or a week stretches a span of days and replaces one known only to a month or a
        year: the story happened then, and a year-long span would take every report of that
        year. A month or a year dates only a story with no dates yet.
        """
        if start_at is None or end_at is None:
            return
        if self.first_at is None or self.last_at is None or (self.wide and not wide):
            self.first_at, self.last_at, self.wide = start_at, end_at, wide
        elif not wide and not self.wide:
            self.first_at, self.last_at = min(self.first_at, start_at), max(self.last_at, end_at)

    def refresh(self) -> None:
        """Trim the centroid to its strongest terms, rank them and recompute its length."""
        ranked = ranked_terms(self.centroid)
        if len(ranked) > CENTROID_TERMS:
            ranked = ranked[:CENTROID_TERMS]
            self.centroid = dict(zip(ranked, map(self.centroid.__getitem__, ranked), strict=True))
        self.ranked = ranked
        self.norm = math.hypot(*self.centroid.values()) or 1.0

    def top_terms(self, count: int) -> list[str]:
        """The centroid's ``count`` heaviest terms, ties by term."""
        return self.ranked[:count]


def key_of(first_id: int) -> str:
    """A story's key: ``s`` and its first article's id (a merge keeps the older story's)."""
    return f"s{first_id}"


def ranked_terms(weights: Mapping[str, float]) -> list[str]:
    """Terms heaviest first, ties by term (a stable sort by weight over the sorted terms)."""
    return sorted(sorted(weights), key=weights.__getitem__, reverse=True)


def dot(left: Mapping[str, float], right: Mapping[str, float]) -> float:
    """The dot product of two sparse vectors, exactly rounded."""
    # The shared terms, found in C (a keys view intersection walks the smaller vector); fsum
    # is exactly rounded, so the order of the terms cannot change the last bit.
    common = left.keys() & right.keys()
    return math.fsum(map(mul, map(left.__getitem__, common), map(right.__getitem__, common)))


@dataclass(frozen=True, slots=True)
class StoryChanges:
    """What changed since the last ``drain_changes``, for the store to write.

    ``since_count`` is the document count of the state these changes build on: the store
    writes them only over that state (another writer may have moved it on).
    """

    since_count: int
    document_count: int
    frequencies: dict[str, int]
    stories: tuple[StoryState, ...]
    assignments: dict[int, str]
    merged: dict[str, str]
