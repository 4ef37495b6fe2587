"""Named holidays with a fixed or a computed date: Christmas, Easter, Thanksgiving, Labor Day."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from bot.core.timex.context import Context
from bot.core.timex.model import Granularity, Reading, TimexType
from bot.core.timex.patterns import YEAR
from bot.core.timex.resolve import day_value, month_year, needs


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The nth given weekday of a month (0 = Monday); nth -1 is the last one."""
    if nth > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    after = date(year + month // 12, month % 12 + 1, 1)
    last = after - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * l_) // 433
    month = (h + l_ - 7 * m + 90) // 25
    return date(year, month, (h + l_ - 7 * m + 33 * month + 19) % 32)


def _fixed(month: int, day: int) -> Callable[[int], date]:
    return lambda year: date(year, month, day)


def _floating(month: int, weekday: int, nth: int) -> Callable[[int], date]:
    return lambda year: _nth_weekday(year, month, weekday, nth)


def _election_day(year: int) -> date:
    return _nth_weekday(year, 11, 0, 1) + timedelta(days=1)


# Keyed by the lower-cased first word(s) of the name as the pattern below captures them.
_DATES: dict[str, tuple[Callable[[int], date], int]] = {
    "christmas eve": (_fixed(12, 24), 12),
    "christmas": (_fixed(12, 25), 12),
    "boxing": (_fixed(12, 26), 12),
    "new year's eve": (_fixed(12, 31), 12),
    "new year's": (_fixed(1, 1), 1),
    "valentine's": (_fixed(2, 14), 2),
    "independence": (_fixed(7, 4), 7),
    "halloween": (_fixed(10, 31), 10),
    "veterans": (_fixed(11, 11), 11),
    "thanksgiving": (_floating(11, 3, 4), 11),
    "labor": (_floating(9, 0, 1), 9),
    "memorial": (_floating(5, 0, -1), 5),
    "columbus": (_floating(10, 0, 2), 10),
    "mother's": (_floating(5, 6, 2), 5),
    "father's": (_floating(6, 6, 3), 6),
    "election": (_election_day, 11),
    "easter": (easter, 4),
    "good friday": (lambda year: easter(year) - timedelta(days=2), 4),
}
HOLIDAY_PATTERN = re.compile(
    r"\b(?:(?P<rel>last|next|this)\s+)?(?P<name>Christmas\s+Eve|Christmas|Boxing|New\s+Year's\s+Eve|"
    r"New\s+Year's|Valentine's|Independence|Halloween|Veterans|Thanksgiving|Labor|Memorial|"
    r"Columbus|Mother's|Father's|Election|Easter|Good\s+Friday)(?P<day>\s+Day)?\b"
    rf"(?:(?P<sunday>\s+Sunday)\b)?(?:,?\s+(?P<y>{YEAR})\b)?"
)
# Names that are only a holiday when "Day" follows ("Labor Day", not "Labor Party").
_NEEDS_DAY = frozenset({"boxing", "new year's", "valentine's", "independence", "veterans",
                        "labor", "memorial", "columbus", "mother's", "father's", "election"})  # fmt: skip
HOLIDAY_WORDS = (
    "christmas boxing year valentine independence halloween veterans thanksgiving labor "
    "memorial columbus mother father election easter good"
)


def holiday(m: re.Match[str], ctx: Context) -> Reading | None:
    """The day a named holiday falls on, in the year the tense and the anchor suggest."""
    name = " ".join(m["name"].lower().split())
    if name in _NEEDS_DAY and not m["day"]:
        return None
    if name == "easter" and m["day"]:
        return None
    when, month = _DATES[name]
    if m["y"]:
        year = int(m["y"])
    elif not needs(ctx.anchor, Granularity.YEAR):
        return None
    else:
        base = ctx.anchor.day.year
        rel = (m["rel"] or "").lower()
        if rel == "this":
            year = base
        elif rel:
            step = -1 if rel == "last" else 1
            year = base + step
            moved = when(base)
            if (step < 0 and moved < ctx.anchor.day) or (step > 0 and moved > ctx.anchor.day):
                year = base  # "last Christmas" in March is the one three months ago
        else:
            year = month_year(ctx.anchor, month, ctx.tense_at(m.start(), m.end()), when(base).day)
    return Reading(TimexType.DATE, day_value(when(year)), Granularity.DAY)
