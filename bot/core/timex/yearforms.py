"""Years written other than as one number: ranges ("2019-20") and spoken ("nineteen ninety-six")."""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.core.timex.context import Context
from bot.core.timex.lexicon import DECADE_WORDS, MONTHS, NUMBER_WORDS, SEASONS
from bot.core.timex.model import Granularity, Reading, TimexType
from bot.core.timex.patterns import DECADE_WORD, YEAR, month

_I = re.IGNORECASE
_RANGE_TAIL = re.compile(r"\s*[-–/]\s*(\d{4}|\d\d)\b(?![-–/.,]?\d)")


def range_end(first: int, after: str) -> int | None:
    """The closing year of a range like "2019-2020" or "2019-20" whose text follows a year."""
    tail = _RANGE_TAIL.match(after)
    if tail is None:
        return None
    digits = tail.group(1)
    if len(digits) == 4:
        last = int(digits)
    else:
        last = first // 100 * 100 + int(digits)
        if last < first:
            last += 100
        # "2019-12" is a month, not a century-long range.
        if last - first > _SHORT_RANGE_YEARS:
            return None
    return last if 0 < last - first <= 100 else None


_SHORT_RANGE_YEARS = 20


def _range_short_end(m: re.Match[str], ctx: Context) -> Reading | None:
    start = m.start()
    # The opening year is tagged by the year rule; here only its "-20" tail becomes a year.
    if re.match(r"[\w$]", ctx.text[max(0, start - 6) : start - 5]):
        return None
    last = range_end(int(ctx.text[start - 5 : start - 1]), ctx.text[start - 1 : m.end() + 2])
    if last is None:
        return None
    return Reading(TimexType.DATE, f"{last:04d}", Granularity.YEAR)


_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_SPOKEN = (
    r"(?:(?P<century>eighteen|nineteen)[\s-]+(?:(?P<tens>"
    + _TENS
    + r")(?:[\s-]+(?P<unit>"
    + _UNITS
    + r"))?\b|(?P<teen>"
    + _TEENS
    + r")\b|oh[\s-]+(?P<oh>"
    + _UNITS
    + r")\b|"
    r"(?P<decade>" + DECADE_WORD + r")\b)|"
    r"(?P<thousand>two\s+thousand)(?:(?:\s+and)?[\s-]+(?P<after>"
    + _TEENS
    + "|"
    + _UNITS
    + r")\b)?)"
)
_SPOKEN_YEAR = re.compile(
    r"\b(?:(?P<year_of>the\s+year\s+)|(?:the\s+)?(?P<season>spring|summer|fall|autumn|winter)"
    rf"\s+of\s+|{month()}\s+)?{_SPOKEN}",
    _I,
)
_DATE_PREPS = frozenset({"in", "by", "since", "until", "before", "after", "of", "from", "to"})


def _spoken_number(m: re.Match[str]) -> tuple[int, Granularity] | None:
    """The year (or decade's first year) a spoken form names, at its granularity."""
    if m["thousand"]:
        rest = m["after"]
        return 2000 + (NUMBER_WORDS[rest.lower()] if rest else 0), Granularity.YEAR
    base = NUMBER_WORDS[m["century"].lower()] * 100
    if m["decade"]:
        return base + 10 * DECADE_WORDS[m["decade"].lower()], Granularity.DECADE
    if m["teen"]:
        return base + NUMBER_WORDS[m["teen"].lower()], Granularity.YEAR
    if m["oh"]:
        return base + NUMBER_WORDS[m["oh"].lower()], Granularity.YEAR
    unit = NUMBER_WORDS[m["unit"].lower()] if m["unit"] else 0
    return base + NUMBER_WORDS[m["tens"].lower()] + unit, Granularity.YEAR


def _spoken_year(m: re.Match[str], ctx: Context) -> Reading | None:
    found = _spoken_number(m)
    if found is None:
        return None
    year, granularity = found
    named = m["year_of"] or m["season"] or m["month"]
    if m["month"] and not m["month"][:1].isupper():
        return None
    if m["thousand"] and not named:
        # "two thousand" alone is mostly a count ("two thousand troops").
        words = ctx.words_before(m.start(), 12).split()
        if not words or words[-1].lower() not in _DATE_PREPS or m["after"] is None:
            return None
    if granularity == Granularity.DECADE:
        if named:
            return None
        return Reading(TimexType.DATE, f"{year:04d}"[:3], Granularity.DECADE)
    if m["season"]:
        value = f"{year:04d}-{SEASONS[m['season'].lower()]}"
        return Reading(TimexType.DATE, value, Granularity.SEASON)
    if m["month"]:
        value = f"{year:04d}-{MONTHS[m['month'].lower().rstrip('.')]:02d}"
        return Reading(TimexType.DATE, value, Granularity.MONTH)
    return Reading(TimexType.DATE, f"{year:04d}", Granularity.YEAR)


Handler = Callable[[re.Match[str], Context], Reading | None]
YEAR_FORM_RULES: tuple[tuple[re.Pattern[str], Handler], ...] = (
    (re.compile(rf"(?<={YEAR}[-–/])\d\d\b"), _range_short_end),
    (_SPOKEN_YEAR, _spoken_year),
)
# Trigger kinds and reach (before, after) of each rule above, in the same order.
YEAR_FORM_TRIGGERS: tuple[tuple[str, int, int], ...] = (
    ("year4", 0, 8),
    ("spoken", 40, 40),
)
SPOKEN_TRIGGER_WORDS = "eighteen nineteen thousand"
