"""Dates told relative to the last date mentioned: "that day", "later that year", "the following month"."""

from __future__ import annotations

import re
from datetime import date, timedelta

from bot.core.timex.absolute import Handler, position_mod
from bot.core.timex.context import Context
from bot.core.timex.lexicon import PARTS_OF_DAY, WEEKDAYS
from bot.core.timex.model import Anaphor, Granularity, Reading, TimexType
from bot.core.timex.resolve import add_months, day_value, month_value, quarter_of, week_value

_I = re.IGNORECASE
_UNITS = {"day": "D", "week": "W", "month": "M", "quarter": "Q", "year": "Y"}
_STEPS = {"following": 1, "next": 1, "previous": -1, "preceding": -1, "prior": -1}
_REFERENCE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-W(\d{2})|-Q([1-4]))?(?:T.*)?$")


def _anaphor_reading(unit_word: str, step: int, mod: str | None) -> Reading:
    """A placeholder reading: its value is filled in from the referenced date."""
    part = PARTS_OF_DAY.get(unit_word)
    unit = "D" if part else _UNITS[unit_word]
    kind = TimexType.TIME if part else TimexType.DATE
    return Reading(kind, "XXXX", Granularity.DAY, mod, False, Anaphor(unit, step, part))


def _that_unit(m: re.Match[str], ctx: Context) -> Reading | None:
    return _anaphor_reading(m["unit"].lower(), 0, position_mod(m["pos"]))


def _next_unit(m: re.Match[str], ctx: Context) -> Reading | None:
    unit_word = m["unit"].lower()
    rel = m["rel"].lower()
    if rel == "next" and unit_word in _UNITS and unit_word != "day":
        return None  # "the next month" counts from today, not from the last date
    return _anaphor_reading(unit_word, _STEPS[rel], None)


_PREPOSITION_BEFORE = re.compile(r"\b(?:in|during|for|through|throughout|over|of)\s+$")


def _the_unit(m: re.Match[str], ctx: Context) -> Reading | None:
    if m["next"]:
        return None
    if not m["within"]:
        if m["unit"].lower() == "year":
            return None  # only "later in the year" is anaphoric, not a bare "the year"
        if not _PREPOSITION_BEFORE.search(ctx.words_before(m.start(), 16)):
            return None  # "for the week" and "in the morning" speak of the day or week in view
    return _anaphor_reading(m["unit"].lower(), 0, position_mod(m["pos"]))


def _next_weekday(m: re.Match[str], ctx: Context) -> Reading | None:
    if not m["weekday"][0].isupper():
        return None
    anaphor = Anaphor("D", _STEPS[m["rel"].lower()], None, WEEKDAYS[m["weekday"].lower()])
    return Reading(TimexType.DATE, "XXXX", Granularity.DAY, None, False, anaphor)


_UNIT_WORDS = r"(?P<unit>day|morning|afternoon|evening|night|week|month|quarter|year)\b(?!-)"
ANAPHOR_RULES: tuple[tuple[re.Pattern[str], Handler], ...] = (
    (
        re.compile(
            rf"\b(?:(?P<pos>earlier|later)\s+)?(?:that(?:\s+same)?|the\s+same)\s+{_UNIT_WORDS}",
            _I,
        ),
        _that_unit,
    ),
    (
        re.compile(
            rf"\bthe\s+(?P<rel>following|previous|preceding|prior|next)\s+{_UNIT_WORDS}", _I
        ),
        _next_unit,
    ),
    (
        re.compile(
            r"\b(?:(?P<pos>early|late|earlier|later)\s+(?P<within>in\s+)?)?the\s+"
            r"(?P<unit>week|year|morning|afternoon|evening)\b"
            r"(?P<next>'s|\s+(?:of|before|after|ahead|earlier|ago|when|that)\b)?",
            _I,
        ),
        _the_unit,
    ),
    (
        re.compile(
            r"\bthe\s+(?P<rel>following|previous|preceding|prior)\s+"
            r"(?P<weekday>(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b",
            _I,
        ),
        _next_weekday,
    ),
)
# Trigger kinds and reach before and after the trigger, in the order of ANAPHOR_RULES.
ANAPHOR_TRIGGERS = (
    ("anaphor", 10, 24), ("anaphor", 6, 24), ("week part unit", 24, 12), ("anaphor", 6, 12),
)  # fmt: skip


def reference_of(reading: Reading) -> tuple[date, Granularity] | None:
    """The calendar date a reading names and how precisely, when it can anchor an anaphor."""
    if reading.type not in {TimexType.DATE, TimexType.TIME}:
        return None
    m = _REFERENCE.match(reading.value)
    if m is None:
        return None
    year = int(m[1])
    try:
        if m[3]:
            return date(year, int(m[2]), int(m[3])), Granularity.DAY
        if m[2]:
            return date(year, int(m[2]), 1), Granularity.MONTH
        if m[4]:
            return date.fromisocalendar(year, int(m[4]), 1), Granularity.WEEK
        if m[5]:
            return date(year, 3 * int(m[5]) - 2, 1), Granularity.QUARTER
    except ValueError:
        return None
    return date(year, 1, 1), Granularity.YEAR


_NEEDS = {"D": Granularity.DAY, "W": Granularity.WEEK, "M": Granularity.MONTH,
          "Q": Granularity.QUARTER, "Y": Granularity.YEAR}  # fmt: skip


def resolve_anaphor(reading: Reading, reference: tuple[date, Granularity]) -> Reading | None:
    """The reading with its value counted from the referenced date, or None if it is too coarse."""
    anaphor = reading.anaphor
    if anaphor is None:
        return reading
    day, precision = reference
    if precision < _NEEDS[anaphor.unit] or (
        anaphor.unit == "W" and precision not in {Granularity.WEEK, Granularity.DAY}
    ):
        return None
    step = anaphor.step
    if anaphor.weekday is not None:
        gap = (
            (anaphor.weekday - day.weekday()) % 7
            if step > 0
            else (day.weekday() - anaphor.weekday) % 7
        )
        target = day + timedelta(days=step * (gap or 7))
        value, granularity = day_value(target), Granularity.DAY
    elif anaphor.unit == "D":
        value, granularity = day_value(day + timedelta(days=step)), Granularity.DAY
        if anaphor.part:
            value, granularity = f"{value}T{anaphor.part}", Granularity.TIME
    elif anaphor.unit == "W":
        value, granularity = week_value(day + timedelta(weeks=step)), Granularity.WEEK
    elif anaphor.unit == "M":
        year, month = add_months(day.year, day.month, step)
        value, granularity = month_value(year, month), Granularity.MONTH
    elif anaphor.unit == "Q":
        year, month = add_months(day.year, day.month, 3 * step)
        value, granularity = f"{year:04d}-Q{quarter_of(month)}", Granularity.QUARTER
    else:
        value, granularity = f"{day.year + step:04d}", Granularity.YEAR
    return Reading(reading.type, value, granularity, reading.mod, True)
