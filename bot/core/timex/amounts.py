"""Rules for durations, sets, present/past/future references and clock times."""

from __future__ import annotations

import re

from bot.core.timex.absolute import Handler, month_number
from bot.core.timex.context import Context
from bot.core.timex.lexicon import CLOCK_UNITS, QUANTITY_MODS, UNITS, WEEKDAYS, number_value
from bot.core.timex.model import Granularity, Reading, TimexType
from bot.core.timex.patterns import NUMBER, QUANTITY, UNIT, month
from bot.core.timex.resolve import day_value, needs, unresolved

_I = re.IGNORECASE
_REFS = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF",
    "current": "PRESENT_REF", "these days": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "at present": "PRESENT_REF", "the moment": "PRESENT_REF", "recently": "PAST_REF",
    "the past": "PAST_REF", "the future": "FUTURE_REF", "the near future": "FUTURE_REF",
    "the near term": "FUTURE_REF",
    "the short term": "FUTURE_REF", "the long term": "FUTURE_REF", "a later date": "FUTURE_REF",
}  # fmt: skip
_SET_ADVERBS = {
    "daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
    "hourly": "PT1H", "nightly": "P1D", "biweekly": "P2W",
}  # fmt: skip


def _quantity_mod(raw: str | None) -> str | None:
    if not raw:
        return None
    return QUANTITY_MODS.get(" ".join(raw.lower().split()))


def period_value(amount: float | None, unit: str, unit_word: str) -> str:
    """A TIMEX3 duration such as P3Y, PT5H, P2Y6M or PXY for a vague amount."""
    clock = unit_word in CLOCK_UNITS
    if unit == "WE":
        unit = "D"
        amount = None if amount is None else amount * 2
    if unit == "F":
        unit = "W"
        amount = None if amount is None else amount * 2
    prefix = "PT" if clock else "P"
    if amount is None:
        return f"{prefix}X{unit}"
    if unit == "E" and amount == int(amount):
        return f"P{int(amount * 10)}Y"
    if unit == "C" and amount == int(amount):
        return f"P{int(amount * 100)}Y"
    if amount != int(amount):
        whole = int(amount)
        if unit == "Y":
            return (
                f"P{whole}Y{round((amount - whole) * 12)}M" if whole else f"P{round(amount * 12)}M"
            )
        if unit == "H":
            return (
                f"PT{whole}H{round((amount - whole) * 60)}M"
                if whole
                else f"PT{round(amount * 60)}M"
            )
        if unit == "M" and clock:
            return (
                f"PT{whole}M{round((amount - whole) * 60)}S"
                if whole
                else f"PT{round(amount * 60)}S"
            )
        if unit == "M":
            return (
                f"P{whole}M{round((amount - whole) * 30)}D" if whole else f"P{round(amount * 30)}D"
            )
        if unit == "D":
            return (
                f"P{whole}DT{round((amount - whole) * 24)}H"
                if whole
                else f"PT{round(amount * 24)}H"
            )
        return f"{prefix}{amount:g}{unit}"
    return f"{prefix}{int(amount)}{unit}"


def _amount(raw: str) -> float | None:
    text = " ".join(raw.lower().split())
    if text.endswith(" 1/2"):
        base = number_value(text[:-4])
        return None if base is None else base + 0.5
    if text in {"half a", "half an"}:
        return 0.5
    try:
        return float(text)
    except ValueError:
        value = number_value(text)
        return None if value is None else float(value)


def _duration(m: re.Match[str], ctx: Context) -> Reading | None:
    unit_word = m["unit"].lower()
    singular = unit_word[:-1] if unit_word.endswith("s") and unit_word[:-1] in UNITS else unit_word
    if singular == "centuries":
        singular = "century"
    unit = UNITS.get(singular)
    if unit is None:
        return None
    if m["unit"][0].isupper():
        return None  # a name such as "Five-Year Plan" or "60 Minutes"
    if ctx.text.startswith("-old", m.end()) or ctx.text.startswith("s-old", m.end()):
        return None  # an age, not a duration
    if singular == "quarter" and "-" in m.group(0):
        return None  # a fraction such as "three-quarters"
    amount = _amount(m["num"])
    if amount is not None and (amount > 5000 or (amount >= 1000 and not unit_word.endswith("s"))):
        return None  # "the 1988 quarter" is a year, not 1,988 quarters
    num_word = m["num"].lower()
    if (
        amount == 1
        and num_word in {"a", "an"}
        and (unit_word.endswith("s") or singular == "second")
    ):
        return None
    if m.group(0).lower() == f"{num_word} {unit_word}" and num_word in {"a", "an"}:
        is_rate, reading = _rate(ctx, m.start(), unit, singular)
        if is_rate:
            return reading
    if amount is not None and (m["half1"] or m["half2"]):
        amount += 0.5
    value = period_value(amount, unit, singular)
    return Reading(TimexType.DURATION, value, Granularity.PERIOD, _quantity_mod(m["q"]))


_FREQUENCY_BEFORE = re.compile(r"\b(?:once|twice|thrice|times)\s*$")
_AMOUNT_BEFORE = re.compile(
    r"(?:\d|\b(?:million|billion|thousand|hundred|percent|cents?|dollars|"
    r"(?!(?:as|was|is|has|his|its|this|thus|plus|less|unless|across|always|perhaps)\b)[a-z]+s))\W*$"
)


def _rate(ctx: Context, start: int, unit: str, singular: str) -> tuple[bool, Reading | None]:
    """ "Twice a week" is a set; "$2 million a year" and "24 hours a day" are rates, not times."""
    before = re.split(r"[.!?;:]\s", ctx.words_before(start, 24))[-1]
    if _FREQUENCY_BEFORE.search(before):
        return True, Reading(TimexType.SET, period_value(1, unit, singular), Granularity.PERIOD)
    return bool(_AMOUNT_BEFORE.search(before)), None


def _vague_duration(m: re.Match[str], ctx: Context) -> Reading | None:
    unit_word = (m["unit"] or m["ahead"] or m["long"]).lower()
    singular = "century" if unit_word == "centuries" else unit_word[:-1]
    unit = UNITS.get(singular)
    if unit is None:
        return None
    return Reading(TimexType.DURATION, period_value(None, unit, singular), Granularity.PERIOD)


def _set(m: re.Match[str], ctx: Context) -> Reading | None:
    word = (m["what"] or "").lower()
    if m["adverb"]:
        return Reading(TimexType.SET, _SET_ADVERBS[m["adverb"].lower()], Granularity.PERIOD)
    if word in WEEKDAYS:
        return Reading(TimexType.SET, f"XXXX-WXX-{WEEKDAYS[word] + 1}", Granularity.PERIOD)
    if m["month"]:
        return Reading(TimexType.SET, f"XXXX-{month_number(m['month']):02d}", Granularity.PERIOD)
    unit = UNITS.get(word)
    if unit is None:
        return None
    count = 2 if m["other"] else 1
    return Reading(TimexType.SET, period_value(count, unit, word), Granularity.PERIOD)


def _reference(m: re.Match[str], ctx: Context) -> Reading | None:
    key = " ".join(m["ref"].lower().split())
    if key == "current" and re.match(
        r"\s+(?:account|affairs|events|members?|chairman|"
        r"president|chief|owners?|law|rules?|system|form|"
        r"version|model|situation|crisis|generation)\b",
        ctx.text[m.end() : m.end() + 16],
        _I,
    ):
        return None
    return Reading(TimexType.DATE, _REFS[key], Granularity.REF)


_PART_HOURS = {"morning": 0, "afternoon": 12, "evening": 12, "night": 12}


def _clock(m: re.Match[str], ctx: Context) -> Reading | None:
    if m["noon"]:
        hour, minute = (12, 0) if m["noon"].lower() in {"noon", "midday"} else (24, 0)
    elif m["h24"]:
        hour, minute = int(m["h24"]), int(m["m24"])
    else:
        hour = number_value(m["h"] or m["hw"] or m["hp"]) or 0
        minute = int(m["mi"] or 0)
        if not 1 <= hour <= 12 and not (m["h"] and hour == 0):
            return None
        if minute > 59:
            return None
        if m["ap"]:
            half = m["ap"].lower()[0]
            if half == "p" and hour < 12:
                hour += 12
            if half == "a" and hour == 12:
                hour = 0
        elif m["dp"]:
            hour += _PART_HOURS[m["dp"].lower()] if hour < 12 else 0
    if not needs(ctx.anchor, Granularity.DAY):
        return unresolved(ctx.anchor, TimexType.TIME)
    return Reading(
        TimexType.TIME, f"{day_value(ctx.anchor.day)}T{hour:02d}:{minute:02d}", Granularity.TIME
    )


_CLOCK_WORD = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
_ZONE = r"(?:[ECMP][SD]?T|GMT|UTC|BST|CES?T)\b"
_PLURAL_UNIT = r"(?P<unit>days|weeks|months|years|decades|centuries|hours|minutes|quarters)"
AMOUNT_RULES: tuple[tuple[re.Pattern[str], Handler], ...] = (
    (
        re.compile(
            rf"(?:\b(?P<q>{QUANTITY})\s+)?(?:\b(?:the|a|an|another|each\s+of\s+the)\s+)?"
            r"(?:\b(?:past|last|next|coming|first|previous|following|final|initial|remaining|"
            r"latest|additional|more|further|same|prior|recent|preceding|ensuing)\s+)?"
            rf"(?<![\w$,.])(?P<num>{NUMBER})(?:\s+(?:to|or)\s+{NUMBER}|-{NUMBER})?"
            r"(?P<half1>\s+and\s+a\s+half)?[\s-]+"
            rf"(?:more\s+|trading\s+|business\s+|calendar\s+|full\s+|straight\s+)?{UNIT}\b"
            r"(?P<half2>\s+and\s+a\s+half)?(?:\s+or\s+so)?",
            _I,
        ),
        _duration,
    ),
    (
        re.compile(
            r"\b(?:(?:the\s+)?(?:recent|coming|past|next|last|previous|following)\s+"
            rf"|(?<=\bfor\s)|(?<=\bin\s)|(?<=\bover\s))(?:few\s+)?{_PLURAL_UNIT}\b"
            rf"|\bthe\s+{_PLURAL_UNIT.replace('unit', 'ahead')}\s+ahead\b"
            rf"|\b{_PLURAL_UNIT.replace('unit', 'long')}-long\b",
            _I,
        ),
        _vague_duration,
    ),
    (
        re.compile(
            r"\b(?:(?:every|each|per)\s+(?:(?P<other>other)\s+)?(?:(?P<what>day|week|month|year|"
            r"quarter|hour|minute|morning|night|evening|season|summer|winter|spring|fall|"
            rf"monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|{month()})"
            r"|(?P<adverb>daily|weekly|monthly|annually|yearly|hourly|nightly|biweekly)\b)",
            _I,
        ),
        _set,
    ),
    (
        re.compile(
            r"\b(?P<ref>right\s+now|now|currently|current|these\s+days|nowadays|at\s+present|"
            r"recently|the\s+past|the\s+near\s+future|the\s+future|the\s+(?:near|short|long)\s+term|a\s+later\s+date)\b",
            _I,
        ),
        _reference,
    ),
    (
        re.compile(
            r"\b(?:(?P<h>1[0-2]|0?\d)(?::(?P<mi>[0-5]\d))?\s*(?P<ap>[ap]\.m\.|[ap]m\b)"
            rf"(?:\s+{_ZONE})?|(?P<noon>noon|midnight|midday)|"
            rf"(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)\s*(?:{_ZONE}|local\s+time\b)|"
            rf"(?P<hw>\d{{1,2}}|{_CLOCK_WORD})\s+o'clock\b|"
            rf"(?P<hp>1[0-2]|[1-9]|{_CLOCK_WORD})\s+in\s+the\s+(?P<dp>morning|afternoon|evening))",
            _I,
        ),
        _clock,
    ),
)
