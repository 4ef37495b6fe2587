"""Reporting periods of earnings prose: "a year ago" as a quarter, "the year ended", "the latest period"."""

from __future__ import annotations

import re

from bot.core.timex.absolute import Handler
from bot.core.timex.context import Context
from bot.core.timex.model import Granularity, Reading, TimexType
from bot.core.timex.patterns import YEAR
from bot.core.timex.resolve import needs, shift_reading, unresolved

_I = re.IGNORECASE


_QUARTER_WORD = re.compile(r"\b(?:(first|second|third|fourth)[\s-]+)?quarter\b", _I)


def quarter_in_context(ctx: Context, start: int, end: int) -> int | None:
    """The quarter a "year ago" compares with in earnings prose ("third-quarter ... a year ago").

    The sentence itself decides first; otherwise the last quarter named in the text before it,
    since earnings reports name the quarter once and then compare "a year earlier".
    """
    text = ctx.text
    lo = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start), start - 250)
    hi = text.find(". ", end)
    hi = min(hi if hi >= 0 else len(text), end + 150)
    inside = [m for m in _QUARTER_WORD.finditer(text, lo, hi) if not start <= m.start() < end]
    before = list(_QUARTER_WORD.finditer(text, max(0, lo - _QUARTER_REACH), lo))[-1:]
    found = inside[0] if inside else before[0] if before else None
    if found is None:
        return None
    if found.group(1):
        return {"first": 1, "second": 2, "third": 3, "fourth": 4}[found.group(1).lower()]
    previous = (ctx.anchor.day.month - 1) // 3
    return previous if previous else 4


_QUARTER_REACH = 1000


def year_ago(m: re.Match[str], ctx: Context) -> Reading | None:
    if not needs(ctx.anchor, Granularity.MONTH):
        return unresolved(ctx.anchor)
    year = ctx.anchor.day.year - 1
    quarter = quarter_in_context(ctx, m.start(), m.end())
    if (m["noun"] and m["noun"].lower().endswith("quarter")) or quarter is not None:
        if quarter is None:
            quarter = (ctx.anchor.day.month - 1) // 3 or 4
        return Reading(TimexType.DATE, f"{year:04d}-Q{quarter}", Granularity.QUARTER)
    return Reading(TimexType.DATE, f"{year:04d}", Granularity.YEAR)


_BARE_YEAR_BEFORE = re.compile(r"\b(?:for|of|in|during)\s+$")
_BARE_YEAR_AFTER = re.compile(
    r"\s+(?:before|after|earlier|ago|when|in\s+which|that|two\s+thousand|\d)", re.IGNORECASE
)


def this_year(m: re.Match[str], ctx: Context) -> Reading | None:
    after = ctx.text[m.end() : m.end() + 16]
    if not (m["adj"] or m["end"]) and (
        not _BARE_YEAR_BEFORE.search(ctx.words_before(m.start(), 12))
        or _BARE_YEAR_AFTER.match(after)
    ):
        return None  # a bare "the year" is the current one only in "for the year" and the like
    if re.match(r"\s+end(?:ed|ing)\b", after) and not m["end"]:
        return Reading(TimexType.DURATION, "P1Y", Granularity.PERIOD)  # "the year ended June 30"
    if not needs(ctx.anchor, Granularity.YEAR):
        return unresolved(ctx.anchor)
    mod = "END" if m["end"] else None
    latest = "latest" in (m["adj"] or "").lower()
    year = ctx.anchor.day.year - (1 if latest else 0)
    return Reading(TimexType.DATE, f"{year:04d}", Granularity.YEAR, mod)


def latest_period(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "The latest period" of an earnings report is the last quarter reported."""
    if quarter_in_context(ctx, m.start(), m.end()) is None:
        return None
    return shift_reading(ctx.anchor, "Q", -1)


def year_period(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "The 1988 period" compares with the quarter under report, when there is one."""
    quarter = quarter_in_context(ctx, m.start(), m.end())
    if quarter is None:
        if m["noun"].lower() == "quarter":
            return None
        return Reading(TimexType.DATE, m["y"], Granularity.YEAR)
    return Reading(TimexType.DATE, f"{m['y']}-Q{quarter}", Granularity.QUARTER)


def same_period(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "The same period last year": the quarter under report, a year (or the named year) back."""
    if m["y"]:
        year = int(m["y"])
    elif needs(ctx.anchor, Granularity.YEAR):
        year = ctx.anchor.day.year - 1
    else:
        return unresolved(ctx.anchor)
    quarter = quarter_in_context(ctx, m.start(), m.end())
    if quarter is None:
        return Reading(TimexType.DATE, f"{year:04d}", Granularity.YEAR)
    return Reading(TimexType.DATE, f"{year:04d}-Q{quarter}", Granularity.QUARTER)


REPORTING_RULES: tuple[tuple[re.Pattern[str], Handler], ...] = (
    (re.compile(r"\bthe\s+(?:latest|most\s+recent)\s+period\b", _I), latest_period),
    (re.compile(rf"\bthe\s+(?P<y>{YEAR})\s+(?P<noun>period|quarter)\b", _I), year_period),
    (
        re.compile(
            r"\bthe\s+(?:same|corresponding|comparable)\s+(?:period|quarter)\s+(?:last\s+year|"
            rf"a\s+year\s+(?:ago|earlier)|(?:of|in)\s+(?:last\s+year|(?P<y>{YEAR})))\b",
            _I,
        ),
        same_period,
    ),
)
# Trigger kinds and reach before and after the trigger, in the order of REPORTING_RULES.
REPORTING_TRIGGERS = (("period", 24, 2), ("period", 12, 2), ("period", 24, 24))
