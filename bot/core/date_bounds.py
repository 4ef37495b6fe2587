"""Date bounds a person types (2024, 2024-05, 2024-05-17 or an ISO instant) as UTC datetimes."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Literal

# ASCII digits only: int() would also take other scripts' digits, which nobody means by "2024".
_PERIOD = re.compile(r"([0-9]{4})(?:-([0-9]{1,2})(?:-([0-9]{1,2}))?)?", re.ASCII)

Problem = Literal["not a date", "not a real date", "out of range"]


class DateBoundError(ValueError):
    """A typed date bound that is malformed, impossible (2023-02-29) or outside years 1-9999."""

    def __init__(self, value: str, problem: Problem) -> None:
        self.value = value
        self.problem: Problem = problem
        super().__init__(self.sentence("date"))

    def sentence(self, name: str) -> str:
        """The problem as one sentence about the date called ``name``, e.g. 'to date'."""
        if self.problem == "not a date":
            return f"The {name} must look like 2024, 2024-05 or 2024-05-17."
        if self.problem == "not a real date":
            return f"The {name} {self.value} is not a real date."
        return f"The {name} {self.value} reaches outside the years 1 to 9999."


def parse_date_bound(value: str, *, end: bool) -> datetime:
    """The UTC start of the typed year, month or day, or (``end``) the start of the next one.

    An ISO datetime with a time of day is an exact instant, returned as is whatever ``end`` says;
    a naive one is taken as UTC.
    """
    typed = value.strip()
    period = _PERIOD.fullmatch(typed)
    if period is not None:
        year, month, day = period.groups()
        return _period_bound(
            typed, int(year), int(month) if month else None, int(day) if day else None, end=end
        )
    try:
        # Other ISO day forms (20240517, 2024-W20-3) are days too, so --to covers the whole day.
        day_only = date.fromisoformat(typed)
    except ValueError:
        pass
    else:
        return _period_bound(typed, day_only.year, day_only.month, day_only.day, end=end)
    try:
        instant = datetime.fromisoformat(typed)
    except ValueError:
        raise DateBoundError(typed, "not a date") from None
    if instant.tzinfo is None:
        return instant.replace(tzinfo=UTC)
    try:
        return instant.astimezone(UTC)
    except OverflowError:
        raise DateBoundError(typed, "out of range") from None


def _period_bound(
    typed: str, year: int, month: int | None, day: int | None, *, end: bool
) -> datetime:
    """The start of a year/month/day, or of the one after it."""
    if not 1 <= year <= 9999:
        raise DateBoundError(typed, "out of range")
    try:
        # Not `month or 1`: a typed 0 is an impossible month, not January.
        start_at = datetime(
            year, 1 if month is None else month, 1 if day is None else day, tzinfo=UTC
        )
    except ValueError:
        raise DateBoundError(typed, "not a real date") from None
    if not end:
        return start_at
    try:
        if day is not None:
            return start_at + timedelta(days=1)
        if month is not None:
            return start_at.replace(year=year + (month == 12), month=month % 12 + 1)
        return start_at.replace(year=year + 1)
    except (ValueError, OverflowError):
        # Only the end of 9999 (or of its December / last day) falls past datetime's range.
        raise DateBoundError(typed, "out of range") from None
