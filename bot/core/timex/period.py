"""The calendar period a TIMEX3 date value covers, as UTC datetimes, for sorting and filtering."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from bot.core.timex.model import Granularity

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{1,2})(?:-WE)?$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_SEASON_MONTHS = {"SP": (3, 3), "SU": (6, 3), "FA": (9, 3), "WI": (12, 3)}


def _at(year: int, month: int = 1, day: int = 1) -> datetime:
    return datetime(year, month, day, tzinfo=UTC)


def _months_later(start: datetime, months: int) -> datetime:
    index = start.year * 12 + start.month - 1 + months
    return _at(index // 12, index % 12 + 1)


def period_of(value: str) -> tuple[datetime, datetime, Granularity] | None:
    """The [start, end) UTC period of a concrete TIMEX3 date value and its granularity."""
    try:
        return _period(value)
    except ValueError:
        return None


def _period(value: str) -> tuple[datetime, datetime, Granularity] | None:
    if m := _DAY.match(value):
        start = _at(int(m[1]), int(m[2]), int(m[3]))
        return start, start + timedelta(days=1), Granularity.DAY
    if m := _MONTH.match(value):
        start = _at(int(m[1]), int(m[2]))
        return start, _months_later(start, 1), Granularity.MONTH
    if m := _WEEK.match(value):
        day = datetime.fromisocalendar(int(m[1]), int(m[2]), 1).replace(tzinfo=UTC)
        return day, day + timedelta(weeks=1), Granularity.WEEK
    if m := _QUARTER.match(value):
        start = _at(int(m[1]), 3 * int(m[2]) - 2)
        return start, _months_later(start, 3), Granularity.QUARTER
    if m := _HALF.match(value):
        start = _at(int(m[1]), 6 * int(m[2]) - 5)
        return start, _months_later(start, 6), Granularity.HALF
    if m := _SEASON.match(value):
        first, length = _SEASON_MONTHS[m[2]]
        start = _at(int(m[1]), first)
        return start, _months_later(start, length), Granularity.SEASON
    if re.fullmatch(r"\d{4}", value):
        return _at(int(value)), _at(int(value) + 1), Granularity.YEAR
    if re.fullmatch(r"\d{3}", value):
        return _at(int(value) * 10), _at(int(value) * 10 + 10), Granularity.DECADE
    if re.fullmatch(r"\d{2}", value):
        return _at(max(1, int(value) * 100)), _at(int(value) * 100 + 100), Granularity.CENTURY
    return None
