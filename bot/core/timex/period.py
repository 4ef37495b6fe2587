"""The calendar period a TIMEX3 date value covers, as UTC datetimes, and its early/mid/late part."""

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
# The calendar unit a period of each granularity is cut into for "early", "mid" and "late":
# a century into years, a year into months, a month into days.
_PART_UNITS = {
    Granularity.CENTURY: Granularity.YEAR,
    Granularity.DECADE: Granularity.YEAR,
    Granularity.YEAR: Granularity.MONTH,
    Granularity.HALF: Granularity.MONTH,
    Granularity.QUARTER: Granularity.MONTH,
    Granularity.SEASON: Granularity.MONTH,
    Granularity.MONTH: Granularity.DAY,
    Granularity.WEEK: Granularity.DAY,
}
_PART_MODS = frozenset({"START", "MID", "END"})


def _at(year: int, month: int = 1, day: int = 1) -> datetime:
    return datetime(year, month, day, tzinfo=UTC)


def _months_later(start: datetime, months: int) -> datetime:
    index = start.year * 12 + start.month - 1 + months
    return _at(index // 12, index % 12 + 1)


def period_of(value: str) -> tuple[datetime, datetime, Granularity] | None:
    """The [start, end) UTC period of a concrete TIMEX3 date value and its granularity.

    A range ``first/last`` of one granularity ("2021/2025", 十四五期间) runs from the start
    of the first to the end of the last.
    """
    try:
        if "/" not in value:
            return _period(value)
        first, _, last = value.partition("/")
        start, end = _period(first), _period(last)
    except ValueError:
        return None
    if start is None or end is None or start[2] != end[2] or end[1] <= start[0]:
        return None
    return start[0], end[1], start[2]


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


def _later(start: datetime, unit: Granularity, count: int) -> datetime:
    if unit == Granularity.YEAR:
        return _at(start.year + count, start.month, start.day)
    if unit == Granularity.MONTH:
        return _months_later(start, count)
    return start + timedelta(days=count)


def _units(starts_at: datetime, ends_at: datetime, unit: Granularity) -> int:
    if unit == Granularity.YEAR:
        return ends_at.year - starts_at.year
    if unit == Granularity.MONTH:
        return (ends_at.year - starts_at.year) * 12 + ends_at.month - starts_at.month
    return (ends_at - starts_at).days


def part_unit(granularity: Granularity, mod: str | None) -> Granularity:
    """The finest calendar unit (YEAR, MONTH or DAY) a period's bounds are exact to.

    "2020s" is exact to the year, "Q3 2022" to the month, "early Aug 2022" to the day.
    """
    if mod in _PART_MODS and granularity in _PART_UNITS:
        return _PART_UNITS[granularity]
    if granularity <= Granularity.YEAR:
        return Granularity.YEAR
    if granularity < Granularity.WEEK:
        return Granularity.MONTH
    return Granularity.DAY


def narrowed(
    starts_at: datetime, ends_at: datetime, granularity: Granularity, mod: str | None
) -> tuple[datetime, datetime]:
    """The [start, end) part of a period that "early", "mid" or "late" names, in whole units.

    Thirds of the period's calendar units ("early Aug 2022" is 1–10 Aug, "late 2022" Sep–Dec),
    except that "mid-century" is its middle decades, 2040–2060 for the 21st.
    """
    unit = _PART_UNITS.get(granularity)
    if mod not in _PART_MODS or unit is None:
        return starts_at, ends_at
    count = _units(starts_at, ends_at, unit)
    if granularity == Granularity.CENTURY and count == 100:
        first, last = 30, 70
        middle = (40, 61)
    else:
        first = round(count / 3)
        last = count - first
        middle = (first, last)
    if mod == "START":
        return starts_at, _later(starts_at, unit, first)
    if mod == "END":
        return _later(starts_at, unit, last), ends_at
    return _later(starts_at, unit, middle[0]), _later(starts_at, unit, middle[1])
