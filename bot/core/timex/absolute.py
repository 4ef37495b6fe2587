"""Rules for dates written out in full or in part: ISO, month-day-year, years, decades, quarters."""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.core.timex.context import Context
from bot.core.timex.lexicon import DECADE_WORDS, MONTHS, POSITION_MODS
from bot.core.timex.model import Granularity, Reading, TimexType
from bot.core.timex.patterns import DECADE_WORD, POSITION, YEAR, month, weekday
from bot.core.timex.resolve import (
    day_value,
    month_value,
    month_year,
    needs,
    quarter_of,
    safe_day,
    unresolved,
)
from bot.core.timex.yearforms import range_end

Handler = Callable[[re.Match[str], Context], Reading | None]
_I = re.IGNORECASE

_TEMPORAL_PREPS = frozenset(
    [
        "in",
        "since",
        "by",
        "until",
        "till",
        "before",
        "after",
        "during",
        "from",
        "to",
        "through",
        "of",
        "between",
        "early",
        "late",
        "mid",
        "fiscal",
        "and",
        "or",
        "the",
        "around",
        "circa",
        "throughout",
        "beginning",
        "end",
        "start",
        "until",
        "ending",
        "year",
        "summer",
        "spring",
        "fall",
        "autumn",
        "winter",
    ]
)
_YEAR_FOLLOWERS = frozenset(
    [
        "and",
        "or",
        "to",
        "through",
        "when",
        "as",
        "was",
        "were",
        "is",
        "are",
        "had",
        "has",
        "have",
        "after",
        "before",
        "with",
        "for",
        "from",
        "compared",
        "against",
        "levels",
        "level",
        "budget",
        "season",
        "election",
        "elections",
        "figures",
        "period",
        "census",
        "olympics",
        "games",
        "world",
        "cup",
        "while",
        "but",
        "because",
        "until",
        "if",
        "so",
        "the",
        "in",
        "on",
        "at",
        "by",
    ]
)
_FOLLOW_WORD = re.compile(r"\s*([A-Za-z']+)")


def position_mod(raw: str | None) -> str | None:
    """The TIMEX3 modifier of an "early/mid/late/the end of" prefix."""
    if not raw:
        return None
    words = raw.lower().replace("-", " ").split()
    if "first" in words:
        return "START"
    if "second" in words:
        return "END"
    for word in words:
        if word in POSITION_MODS:
            return POSITION_MODS[word]
    return None


def month_number(raw: str) -> int:
    """The number of a month name or abbreviation."""
    return MONTHS[raw.lower().rstrip(".")]


def capitalised(raw: str) -> bool:
    """Whether a name token is written as a name (not the modal "may" or the verb "march")."""
    return raw[:1].isupper()


def _iso(m: re.Match[str], ctx: Context) -> Reading | None:
    day = safe_day(int(m["y"]), int(m["m"]), int(m["d"]))
    if day is None:
        return None
    if m["hh"]:
        return Reading(TimexType.TIME, f"{day_value(day)}T{m['hh']}:{m['mi']}", Granularity.TIME)
    return Reading(TimexType.DATE, day_value(day), Granularity.DAY)


def _iso_month(m: re.Match[str], ctx: Context) -> Reading | None:
    return Reading(TimexType.DATE, month_value(int(m["y"]), int(m["m"])), Granularity.MONTH)


def _slash(m: re.Match[str], ctx: Context) -> Reading | None:
    year = int(m["y"])
    if year < 100:
        year += 1900 if year > 50 else 2000
    # A first field above 12 can only be a day: "21/03/2013" is written day first.
    month_no, day_no = (int(m["m"]), int(m["d"])) if m["m"] else (int(m["m2"]), int(m["d2"]))
    day = safe_day(year, month_no, day_no)
    return None if day is None else Reading(TimexType.DATE, day_value(day), Granularity.DAY)


def _cjk(m: re.Match[str], ctx: Context) -> Reading | None:
    year = int(m["y"])
    if m["m"] is None:
        return Reading(TimexType.DATE, f"{year:04d}", Granularity.YEAR)
    if not 1 <= int(m["m"]) <= 12:
        return None
    if m["d"] is None:
        return Reading(TimexType.DATE, month_value(year, int(m["m"])), Granularity.MONTH)
    day = safe_day(year, int(m["m"]), int(m["d"]))
    return None if day is None else Reading(TimexType.DATE, day_value(day), Granularity.DAY)


def _month_day(m: re.Match[str], ctx: Context) -> Reading | None:
    if not capitalised(m["month"]):
        return None
    month_no = month_number(m["month"])
    day_no = int(m["d"])
    if m["y"]:
        day = safe_day(int(m["y"]), month_no, day_no)
        return None if day is None else Reading(TimexType.DATE, day_value(day), Granularity.DAY)
    if not needs(ctx.anchor, Granularity.MONTH):
        if safe_day(2000, month_no, day_no) is None:
            return None
        return Reading(
            TimexType.DATE, f"XXXX-{month_no:02d}-{day_no:02d}", Granularity.DAY, None, False
        )
    tense = ctx.tense_at(m.start(), m.end())
    year = month_year(ctx.anchor, month_no, tense, day_no)
    day = safe_day(year, month_no, day_no)
    return None if day is None else Reading(TimexType.DATE, day_value(day), Granularity.DAY)


def _month_year(m: re.Match[str], ctx: Context) -> Reading | None:
    if not capitalised(m["month"]):
        return None
    value = month_value(int(m["y"]), month_number(m["month"]))
    return Reading(TimexType.DATE, value, Granularity.MONTH, position_mod(m["pos"]))


def _year_is_date(m: re.Match[str], ctx: Context) -> bool:
    start, end = m.span("y")
    text = ctx.text
    before = text[max(0, start - 2) : start]
    if before.endswith(("$", "#", "€", "£", "¥")) or re.search(r"[\d,.]$", before.rstrip()):
        return False
    after = text[end : end + 12]
    if range_end(int(m["y"]), after) is not None:
        return True
    if re.match(r"\s*(?:%|percent|per\s*cent|[,.]\d|\d|-\w)", after):
        return False
    if m["pos"] or m["fiscal"] or m["prepost"]:
        return True
    words = ctx.words_before(start, 24).split()
    if words and words[-1].strip("(,") in _TEMPORAL_PREPS:
        return True
    if re.match(r"\s*(?:$|[^\w\s]|'s)", after):
        return True
    follow = _FOLLOW_WORD.match(after)
    if follow is None:
        return True
    word = follow.group(1)
    if word[:1].isupper() or word.lower() in _YEAR_FOLLOWERS:
        return True
    # An attributive year ("its 1990 invasion") is a date; a count ("2000 troops") is not.
    return 1900 <= int(m["y"]) <= 2099 and not word.endswith("s")


def _year(m: re.Match[str], ctx: Context) -> Reading | None:
    if not _year_is_date(m, ctx):
        return None
    return Reading(TimexType.DATE, m["y"], Granularity.YEAR, position_mod(m["pos"]))


def _decade(m: re.Match[str], ctx: Context) -> Reading | None:
    if m["full"]:
        value = m["full"][:3]
    else:
        tens = DECADE_WORDS[m["word"].lower()] if m["word"] else int(m["short"][0])
        base = ctx.anchor.day.year
        century = base // 100
        if tens * 10 > base % 100 + 5:
            century -= 1
        value = f"{century:02d}{tens}"
    return Reading(TimexType.DATE, value, Granularity.DECADE, position_mod(m["pos"]))


def _century(m: re.Match[str], ctx: Context) -> Reading | None:
    number = m["n"]
    if number is None:
        value = f"{ctx.anchor.day.year // 100:02d}"
        if not needs(ctx.anchor, Granularity.YEAR):
            return unresolved(ctx.anchor, mod=position_mod(m["pos"]))
    else:
        value = f"{int(number) - 1:02d}"
    return Reading(TimexType.DATE, value, Granularity.CENTURY, position_mod(m["pos"]))


def _quarter(m: re.Match[str], ctx: Context) -> Reading | None:
    word = (m["ord"] or m["qn"] or "").lower()
    number = {"first": 1, "second": 2, "third": 3, "fourth": 4}.get(word) or int(word[0])
    year_text = m["y1"] or m["y2"]
    if year_text:
        year = int(year_text)
    else:
        if not needs(ctx.anchor, Granularity.YEAR):
            return Reading(TimexType.DATE, f"XXXX-Q{number}", Granularity.QUARTER, None, False)
        year = ctx.anchor.day.year
        shift = (m.groupdict().get("ry") or "").lower()
        year += {"last": -1, "next": 1}.get(shift, 0)
        if (
            not shift
            and ctx.anchor.precision >= Granularity.MONTH
            and (
                number > quarter_of(ctx.anchor.day.month) + 1
                and ctx.tense_at(m.start(), m.end()).value == "past"
            )
        ):
            year -= 1
    return Reading(TimexType.DATE, f"{year:04d}-Q{number}", Granularity.QUARTER)


def _half(m: re.Match[str], ctx: Context) -> Reading | None:
    half = 1 if m["ord"].lower() == "first" else 2
    if m["y"]:
        year = int(m["y"])
    elif m["ry"]:
        year = ctx.anchor.day.year + {"last": -1, "next": 1}.get(m["ry"].lower(), 0)
    else:
        return None
    return Reading(TimexType.DATE, f"{year:04d}-H{half}", Granularity.HALF)


_WEEKDAY_OPT = rf"(?:{weekday()},?\s+)?"
ABSOLUTE_RULES: tuple[tuple[re.Pattern[str], Handler], ...] = (
    (
        re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:T(?P<hh>\d{2}):(?P<mi>\d{2}))?\b"),
        _iso,
    ),
    (re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])\b(?![-/]\d)"), _iso_month),
    (
        re.compile(
            r"\b(?:(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])|"
            r"(?P<d2>3[01]|2\d|1[3-9])/(?P<m2>1[0-2]|0?[1-9]))/(?P<y>\d{4}|\d{2})\b"
        ),
        _slash,
    ),
    (
        re.compile(r"(?P<y>\d{4})\s*年(?:\s*(?P<m>\d{1,2})\s*月(?:\s*(?P<d>\d{1,2})\s*[日号])?)?"),
        _cjk,
    ),
    (
        re.compile(
            rf"\b{_WEEKDAY_OPT}{month()}\s*(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b"
            rf"(?!\s*(?:%|percent|billion|million|,\d))(?:,?\s+(?P<y>{YEAR})\b)?",
            _I,
        ),
        _month_day,
    ),
    (
        re.compile(
            rf"\b{_WEEKDAY_OPT}(?:the\s+)?(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?:\s+of)?\s+"
            rf"{month()}(?:,?\s+(?P<y>{YEAR})\b)?",
            _I,
        ),
        _month_day,
    ),
    (
        re.compile(rf"\b(?:(?P<pos>{POSITION})[\s-]*)?{month()},?\s+(?:of\s+)?(?P<y>{YEAR})\b", _I),
        _month_year,
    ),
    (
        re.compile(
            rf"(?:\b(?P<pos>{POSITION})[\s-]*)?(?:\b(?P<fiscal>fiscal(?:\s+year)?|FY)\s*)?"
            rf"(?:\b(?P<prepost>pre|post)-)?(?<![\w'$])(?P<y>{YEAR})\b(?!'?s\b)",
            _I,
        ),
        _year,
    ),
    (
        re.compile(
            rf"\b(?:the\s+)?(?:(?P<pos>early|mid|late)[\s-]+)?(?:(?P<full>(?:1[5-9]|20)\d0)'?s|"
            rf"'(?P<short>\d0)s|(?P<word>{DECADE_WORD}))\b",
            _I,
        ),
        _decade,
    ),
    (
        re.compile(
            r"\b(?:the\s+)?(?:(?P<pos>early|mid|late|turn\s+of\s+the)[\s-]*)?"
            r"(?:(?P<n>\d{1,2})(?:st|nd|rd|th)[\s-]+|(?P<this>this\s+))?century\b",
            _I,
        ),
        _century,
    ),
    (
        re.compile(
            r"\b(?:(?:the|its|a|this|last|next|that)\s+)?(?:(?P<ry>this|last|next)\s+year's\s+)?"
            rf"(?:(?P<y1>{YEAR})\s+)?(?:fiscal[\s-]+)?(?P<ord>first|second|third|fourth|1st|2nd|"
            rf"3rd|4th)[\s-]+quarter\b(?:\s+of\s+(?:fiscal\s+)?(?P<y2>{YEAR}))?",
            _I,
        ),
        _quarter,
    ),
    (
        re.compile(
            rf"\b(?:Q(?P<qn>[1-4])(?:\s+|-|/)?(?P<y2>{YEAR})?|(?P<y1>{YEAR})\s*-?\s*Q(?P<ord>[1-4]))\b"
        ),
        _quarter,
    ),
    (
        re.compile(
            r"\b(?:the\s+)?(?P<ord>first|second|latter|last)\s+half\s+of\s+"
            rf"(?:(?P<y>{YEAR})|(?P<ry>this|last|next)\s+year)\b",
            _I,
        ),
        _half,
    ),
)
