"""Rules for dates relative to the anchor: today, weekdays, bare months, "two years ago"."""

from __future__ import annotations

import re
from datetime import timedelta

from bot.core.timex.absolute import Handler, capitalised, month_number, position_mod
from bot.core.timex.context import Context
from bot.core.timex.holidays import HOLIDAY_PATTERN, holiday
from bot.core.timex.lexicon import (
    AMBIGUOUS_MONTHS,
    PARTS_OF_DAY,
    SEASON_START_MONTH,
    SEASONS,
    UNITS,
    WEEKDAYS,
    number_value,
)
from bot.core.timex.model import Granularity, Reading, Tense, TimexType
from bot.core.timex.patterns import NUMBER, POSITION, UNIT, YEAR, month, weekday
from bot.core.timex.reporting import quarter_in_context, this_year, year_ago
from bot.core.timex.resolve import (
    day_value,
    month_value,
    month_year,
    needs,
    shift_reading,
    unresolved,
    week_value,
    weekday_day,
)
from bot.core.timex.telling import is_telling

_I = re.IGNORECASE
_FULL_MONTHS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)
_DEICTIC = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
_MONTH_CONTEXT = re.compile(
    r"(?:\b(?:in|since|by|until|till|before|after|during|through|from|to|of|last|next|this|"
    r"early|late|mid|end|beginning|middle|between|and|on|for|around|each|every|past|coming|"
    r"the|a|its|their|his|her)"
    r"|-)\s*$"
)


def _step(rel: str | None) -> int:
    key = (rel or "").lower().split()
    if not key:
        return 0
    if key[-1] in {"last", "past", "previous", "prior"} or key[:2] == ["this", "past"]:
        return -1
    if key[-1] in {"next", "coming", "following"}:
        return 1
    return 0


def _part(day_text: str, part: str | None) -> Reading:
    if part:
        code = PARTS_OF_DAY[part.lower()]
        return Reading(TimexType.TIME, f"{day_text}T{code}", Granularity.TIME)
    return Reading(TimexType.DATE, day_text, Granularity.DAY)


def _deictic(m: re.Match[str], ctx: Context) -> Reading | None:
    word = m["word"].lower()
    offset = _DEICTIC[word] + (-1 if m["dby"] else 1 if m["dat"] else 0)
    if not needs(ctx.anchor, Granularity.DAY):
        return unresolved(ctx.anchor)
    day = day_value(ctx.anchor.day + timedelta(days=offset))
    reading = _part(day, m["part"])
    return Reading(reading.type, reading.value, reading.granularity, position_mod(m["pos"]))


def _part_of_day(m: re.Match[str], ctx: Context) -> Reading | None:
    if not needs(ctx.anchor, Granularity.DAY):
        return unresolved(ctx.anchor, TimexType.TIME)
    offset = -1 if m["rel"].lower() == "last" else 0
    return _part(day_value(ctx.anchor.day + timedelta(days=offset)), m["part"])


def _weekday(m: re.Match[str], ctx: Context) -> Reading | None:
    if not capitalised(m["weekday"]):
        return None
    number = WEEKDAYS[m["weekday"].lower()]
    step = _step(m["rel"])
    if ctx.anchor.precision < Granularity.WEEK:
        return unresolved(ctx.anchor)
    base = ctx.anchor.day
    if step < 0:
        back = (base.weekday() - number) % 7 or 7
        day, resolved = base - timedelta(days=back), True
    elif step > 0:
        ahead = (number - base.weekday()) % 7 or 7
        day, resolved = base + timedelta(days=ahead), True
    else:
        # "told reporters late on Tuesday that it would …": the telling is past whatever it tells.
        told = is_telling(ctx.text, m.start(), m.end())
        tense = Tense.PAST if told else ctx.tense_at(m.start(), m.end())
        day, resolved = weekday_day(ctx.anchor, number, tense)
    reading = _part(day_value(day), m["part"])
    if ctx.anchor.precision == Granularity.WEEK:
        resolved = False
    return Reading(
        reading.type, reading.value, reading.granularity, position_mod(m["pos"]), resolved
    )


def _bare_month(m: re.Match[str], ctx: Context) -> Reading | None:
    raw = m["month"]
    if not capitalised(raw) or (raw.lower() not in _FULL_MONTHS and not m["rel"]):
        return None
    bare = not (m["rel"] or m["pos"] or m["ly"])
    if (
        bare
        and raw.lower() in AMBIGUOUS_MONTHS
        and not _MONTH_CONTEXT.search(ctx.words_before(m.start(), 20))
    ):
        return None
    number = month_number(raw)
    mod = position_mod(m["pos"])
    if not needs(ctx.anchor, Granularity.YEAR):
        return Reading(TimexType.DATE, f"XXXX-{number:02d}", Granularity.MONTH, mod, False)
    step = _step(m["rel"])
    base = ctx.anchor.day
    if m["ly"]:
        year = base.year + {"last": -1, "next": 1}.get(m["ly"].lower(), 0)
    elif not needs(ctx.anchor, Granularity.MONTH):
        return Reading(
            TimexType.DATE, month_value(base.year, number), Granularity.MONTH, mod, False
        )
    elif step < 0:
        year = base.year if number < base.month else base.year - 1
    elif step > 0:
        year = base.year if number > base.month else base.year + 1
    elif (m["rel"] or "").lower().startswith("this"):
        year = base.year
    else:
        year = month_year(ctx.anchor, number, ctx.tense_at(m.start(), m.end()))
    return Reading(TimexType.DATE, month_value(year, number), Granularity.MONTH, mod)


def _season(m: re.Match[str], ctx: Context) -> Reading | None:
    code = SEASONS[m["season"].lower()]
    mod = position_mod(m["pos"])
    if m["y"]:
        return Reading(TimexType.DATE, f"{m['y']}-{code}", Granularity.SEASON, mod)
    rel = (m["rel"] or "").lower()
    if (
        not rel
        and not m["pos"]
        and not re.search(
            r"\b(?:in|during|this|over|through|since|by|until)\s+(?:the\s+)?$",
            ctx.words_before(m.start(), 16),
        )
    ):
        return None
    if not needs(ctx.anchor, Granularity.MONTH):
        return unresolved(ctx.anchor, mod=mod)
    base = ctx.anchor.day
    start = SEASON_START_MONTH[code]
    step = _step(rel)
    current = (base.month % 12) // 3
    season_index = (start % 12) // 3
    year = base.year
    if rel == "this":
        pass  # "this summer" is the current year's, whatever the tense
    elif step < 0 or (step == 0 and ctx.tense_at(m.start(), m.end()) == Tense.PAST):
        if season_index >= current:
            year -= 1
    elif step > 0 and season_index <= current:
        year += 1
    if code == "WI" and base.month <= 2 and step == 0:
        year -= 1
    return Reading(TimexType.DATE, f"{year:04d}-{code}", Granularity.SEASON, mod)


def _relative_unit(m: re.Match[str], ctx: Context) -> Reading | None:
    unit_word = m["unit"].lower()
    rel = m["rel"].lower()
    mod = position_mod(m["pos"] or m["pre"])
    if unit_word == "weekend":
        if not needs(ctx.anchor, Granularity.WEEK):
            return unresolved(ctx.anchor, mod=mod)
        step = _step(rel)
        if step == 0 and rel == "the":
            step = 1 if ctx.tense_at(m.start(), m.end()) == Tense.FUTURE else -1
        base = ctx.anchor.day
        saturday = base + timedelta(days=(5 - base.weekday()) % 7)
        if step < 0 and saturday > base:
            saturday -= timedelta(weeks=1)
        return Reading(TimexType.DATE, f"{week_value(saturday)}-WE", Granularity.WEEK, mod)
    unit = UNITS[unit_word]
    step = _step(rel)
    if rel == "the" and m["pre"]:
        pass  # "the end of the month" is this month's end
    elif rel == "the same" or (rel == "the" and unit_word != "quarter"):
        return None
    elif rel in {"the latest", "the past", "the previous", "the prior", "the"} and unit == "Q":
        step = -1
    reading = shift_reading(ctx.anchor, unit, step)
    if reading is None:
        return None
    return Reading(reading.type, reading.value, reading.granularity, mod, reading.resolved)


def _ago(m: re.Match[str], ctx: Context) -> Reading | None:
    if m["num"] is None and not m["unit"].lower().endswith("s"):
        return None
    amount = number_value(m["num"]) if m["num"] else None
    unit_word = m["unit"].lower().rstrip("s")
    unit = UNITS.get(unit_word, UNITS.get(unit_word + "s", ""))
    direction = -1 if m["dir"].lower() in {"ago", "earlier", "before"} else 1
    if amount is None:
        ref = "PAST_REF" if direction < 0 else "FUTURE_REF"
        return Reading(TimexType.DATE, ref, Granularity.REF)
    if unit in {"S", "H"} or unit_word == "minute":
        return None
    if unit == "E":
        unit, amount = "Y", amount * 10
    if unit == "C":
        unit, amount = "Y", amount * 100
    if unit == "Y" and needs(ctx.anchor, Granularity.MONTH):
        quarter = quarter_in_context(ctx, m.start(), m.end())
        if quarter is not None:
            value = f"{ctx.anchor.day.year + direction * amount:04d}-Q{quarter}"
            return Reading(TimexType.DATE, value, Granularity.QUARTER)
    reading = shift_reading(ctx.anchor, unit, direction * amount)
    if reading is None:
        return None
    return Reading(reading.type, reading.value, reading.granularity, None, reading.resolved)


def _week_of(m: re.Match[str], ctx: Context) -> Reading | None:
    number = month_number(m["month"])
    year = month_year(ctx.anchor, number, ctx.tense_at(m.start(), m.end()), int(m["d"]))
    try:
        day = ctx.anchor.day.replace(year=year, month=number, day=int(m["d"]))
    except ValueError:
        return None
    return Reading(TimexType.DATE, week_value(day), Granularity.WEEK)


_REL = (
    r"last|next|this(?:\s+(?:past|coming))?|the\s+(?:past|coming|current|latest|same|next|last)|"
    r"the"
)
RELATIVE_RULES: tuple[tuple[re.Pattern[str], Handler], ...] = (
    (
        re.compile(
            r"\b(?:(?P<pos>early|late|later|earlier)\s+)?(?:(?P<dby>the\s+day\s+before\s+)|"
            r"(?P<dat>the\s+day\s+after\s+))?(?P<word>today|yesterday|tomorrow|tonight)\b"
            r"(?:\s+(?P<part>morning|afternoon|evening|night))?",
            _I,
        ),
        _deictic,
    ),
    (
        re.compile(r"\b(?P<rel>this|last)\s+(?P<part>morning|afternoon|evening|night)\b", _I),
        _part_of_day,
    ),
    (
        re.compile(
            rf"\b(?:(?P<pos>early|late)\s+)?(?:(?P<rel>last|next|this(?:\s+(?:past|coming))?|"
            rf"the\s+next|coming)\s+)?{weekday()}"
            r"(?:\s+(?P<part>morning|afternoon|evening|night))?",
            _I,
        ),
        _weekday,
    ),
    (
        re.compile(
            rf"\b(?:(?P<pos>{POSITION})[\s-]*)?(?:(?P<rel>last|next|this(?:\s+(?:past|coming))?|"
            rf"the\s+(?:previous|following|coming|past))\s+)?{month()}"
            r"(?:\s+(?P<ly>last|this|next)\s+year)?",
            _I,
        ),
        _bare_month,
    ),
    (
        re.compile(
            r"\b(?:(?P<pos>early|mid|late)[\s-]+)?(?:(?P<rel>this|last|next|this\s+past|this\s+coming|"
            rf"the)\s+)?(?P<season>spring|summer|fall|autumn|winter)\b(?:\s+(?:of\s+)?(?P<y>{YEAR})\b)?",
            _I,
        ),
        _season,
    ),
    (
        re.compile(
            r"\b(?:(?P<pos>early|mid|late|earlier|later)[\s-]+)?(?:(?P<pre>the\s+(?:end|beginning|"
            rf"middle|start)\s+of)\s+)?(?P<rel>{_REL})\s+(?P<unit>week|weekend|month|year|quarter|"
            r"decade|century)\b",
            _I,
        ),
        _relative_unit,
    ),
    (
        re.compile(
            rf"(?:\b(?:about|nearly|almost|some|more\s+than|less\s+than|roughly|just|only|"
            rf"at\s+least|over|around)\s+)?(?:(?<![\w$,.])(?P<num>{NUMBER})[\s-]+)?(?:more\s+)?\b{UNIT}\s+"
            r"(?:or\s+so\s+)?"
            r"(?P<dir>ago|earlier|from\s+now|hence)\b",
            _I,
        ),
        _ago,
    ),
    (
        re.compile(
            r"\b(?:the\s+)?(?:comparable\s+)?(?:year-ago|year-earlier)\b(?:\s+(?P<noun>period|"
            r"(?:(?:first|second|third|fourth)[\s-]+)?quarter|nine\s+months))?",
            _I,
        ),
        year_ago,
    ),
    (
        re.compile(
            r"\b(?:the\s+(?P<adj>(?:full|fiscal|current|calendar|latest)(?:\s+fiscal)?\s+)?year|"
            r"(?P<end>year[\s-]end|year's\s+end|the\s+end\s+of\s+the\s+year))\b(?!')",
            _I,
        ),
        this_year,
    ),
    (HOLIDAY_PATTERN, holiday),
    (re.compile(rf"\bthe\s+week\s+of\s+{month()}\s*(?P<d>3[01]|[12]\d|0?[1-9])\b", _I), _week_of),
)
