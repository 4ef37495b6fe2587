"""The temporal tagger: runs the rules, keeps the longest non-overlapping readings."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from bot.core.timex.absolute import ABSOLUTE_RULES, Handler
from bot.core.timex.amounts import AMOUNT_RULES
from bot.core.timex.anaphora import ANAPHOR_RULES, ANAPHOR_TRIGGERS, reference_of, resolve_anaphor
from bot.core.timex.chinese import CHINESE_RULES, CHINESE_TRIGGERS
from bot.core.timex.chinese_context import chinese_relation
from bot.core.timex.context import Context
from bot.core.timex.extent import trim_start
from bot.core.timex.holidays import HOLIDAY_WORDS
from bot.core.timex.lexicon import RELATIONS
from bot.core.timex.model import Anchor, Granularity, Reading, Timex, TimexType
from bot.core.timex.relative import RELATIVE_RULES
from bot.core.timex.reporting import REPORTING_RULES, REPORTING_TRIGGERS
from bot.core.timex.resolve import anchor_value, day_value
from bot.core.timex.yearforms import SPOKEN_TRIGGER_WORDS, YEAR_FORM_RULES, YEAR_FORM_TRIGGERS

RULES: tuple[tuple[re.Pattern[str], Handler], ...] = (
    ABSOLUTE_RULES
    + RELATIVE_RULES
    + AMOUNT_RULES
    + ANAPHOR_RULES
    + REPORTING_RULES
    + YEAR_FORM_RULES
    + CHINESE_RULES
)
_PRECISIONS = {
    "day": Granularity.DAY, "week": Granularity.WEEK, "month": Granularity.MONTH,
    "year": Granularity.YEAR, "unknown": Granularity.UNKNOWN,
}  # fmt: skip
_RELATION_BEFORE = re.compile(r"\b(by|before|after|since|until|till|through)\s+(?:the\s+)?$", re.I)
_JOIN_TIME_DATE = re.compile(r"^\s*(?:,\s*|on\s+)?$")

Candidate = tuple[int, int, int, Reading]


def anchor_of(dct: datetime | None, dct_precision: str | Granularity = Granularity.DAY) -> Anchor:
    """The anchor for a document creation time given as a datetime and a precision."""
    if dct is None:
        return Anchor(datetime(2000, 1, 1).date(), Granularity.UNKNOWN)
    if isinstance(dct_precision, str):
        precision = _PRECISIONS.get(dct_precision.lower(), Granularity.UNKNOWN)
    else:
        precision = dct_precision
    return Anchor(dct.date(), precision)


# Every match of a rule contains one of that rule's trigger words; rules only run in windows
# around their triggers, which is what makes tagging fast (most of a text holds none).
_TOKEN = re.compile(r"\w+")
_YEAR_TOKEN = re.compile(r"(?:1[5-9]|20)\d\d(?!\d)")
_DECADE_TOKEN = re.compile(r"\d0s$")
_QUARTER_TOKEN = re.compile(r"[qQ][1-4]$")
_HAN = re.compile(r"[\u3007\u4e00-\u9fff]")
_KIND_WORDS = {
    "month": "january february march april may june july august september october november "
    "december jan feb mar apr jun jul aug sep sept oct nov dec",
    "weekday": "monday tuesday wednesday thursday friday saturday sunday",
    "deictic": "today tonight tomorrow yesterday",
    "unit": "second minute hour day night week weekend fortnight month quarter year decade "
    "century centuries millennium millennia",
    "ref": "now currently current recently present moment past future term later these nowadays",
    "season": "spring summer fall autumn winter",
    "set": "daily weekly monthly annually yearly hourly nightly biweekly every each per",
    "clock": "noon midnight midday am pm m clock gmt utc est edt cst cdt pst pdt local morning "
    "afternoon evening",
    "ago": "ago earlier hence now",
    "part": "morning afternoon evening night overnight",
    "decade": "twenties thirties forties fifties sixties seventies eighties nineties",
    "half": "half",
    "holiday": HOLIDAY_WORDS,
    "period": "period quarter",
    "week": "week",
    "anaphor": "that same following previous preceding prior next",
    "spoken": SPOKEN_TRIGGER_WORDS,
}
_KINDS: dict[str, tuple[str, ...]] = {}
for _kind, _words in _KIND_WORDS.items():
    for _word in _words.split():
        for _form in (_word, _word + "s"):
            _KINDS[_form] = (*_KINDS.get(_form, ()), _kind)
# Per rule: trigger kinds, and how far a match may reach before and after its trigger.
_RULE_TRIGGERS: tuple[tuple[frozenset[str], int, int], ...] = tuple(
    (frozenset(kinds.split()), before, after)
    for kinds, before, after in (
        ("year4", 12, 16), ("year4", 12, 16), ("num", 12, 16), ("year4", 2, 12),
        ("month", 24, 20), ("month", 24, 20), ("month", 24, 12), ("year4", 32, 4),
        ("year4 decade", 16, 4), ("unit", 24, 2), ("unit", 44, 24), ("q", 8, 8),
        ("half", 16, 24), ("deictic", 40, 12), ("part", 8, 2), ("weekday", 28, 12),
        ("month", 36, 16), ("season", 24, 8), ("unit", 40, 2), ("ago", 60, 2),
        ("unit", 28, 24), ("unit", 28, 6), ("holiday", 24, 36), ("month", 14, 8),
        ("unit", 60, 12), ("unit", 32, 2), ("set", 2, 24),
        ("ref", 12, 12), ("clock", 16, 12), *ANAPHOR_TRIGGERS, *REPORTING_TRIGGERS,
        *YEAR_FORM_TRIGGERS, *CHINESE_TRIGGERS,
    )
)  # fmt: skip


def _triggers(text: str) -> dict[str, list[int]]:
    """Per trigger kind, the token start and end offsets of its trigger words."""
    out: dict[str, list[int]] = {}
    for token in _TOKEN.finditer(text):
        word = token.group()
        if word[0].isdigit():
            kinds: tuple[str, ...] = ("num",)
            if _YEAR_TOKEN.match(word):
                kinds = ("num", "year4")
            elif _DECADE_TOKEN.match(word):
                kinds = ("num", "decade")
        elif _QUARTER_TOKEN.match(word):
            kinds = ("q",)
        elif "年" in word:
            kinds = ("year4",)
        else:
            kinds = _KINDS.get(word.lower(), ())
        if not word.isascii() and _HAN.search(word):
            kinds = (*kinds, "zh")
        for kind in kinds:
            out.setdefault(kind, []).extend(token.span())
    return out


def _windows(text: str, offsets: list[int], before: int, after: int) -> list[tuple[int, int]]:
    """Merged spans of text around trigger tokens, widened to whitespace so word bounds hold."""
    out: list[tuple[int, int]] = []
    size = len(text)
    for index in range(0, len(offsets), 2):
        lo = max(0, offsets[index] - before)
        while lo > 0 and not text[lo - 1].isspace():
            lo -= 1
        hi = min(size, offsets[index + 1] + after)
        while hi < size and not text[hi].isspace():
            hi += 1
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(hi, out[-1][1]))
        else:
            out.append((lo, hi))
    return out


# Per trigger kind, the rules it can fire: a sentence tries only the rules of the kinds it holds
# (most hold three or four of some thirty), not every rule of both languages.
_RULES_OF_KIND: dict[str, tuple[int, ...]] = {}
for _priority, (_kinds, _before, _after) in enumerate(_RULE_TRIGGERS):
    for _kind in _kinds:
        _RULES_OF_KIND[_kind] = (*_RULES_OF_KIND.get(_kind, ()), _priority)


def _candidates(ctx: Context) -> list[Candidate]:
    found: list[Candidate] = []
    text = ctx.text
    triggers = _triggers(text)
    fired = sorted({p for kind in triggers for p in _RULES_OF_KIND.get(kind, ())})
    for priority in fired:
        pattern, handler = RULES[priority]
        kinds, before, after = _RULE_TRIGGERS[priority]
        offsets = [o for k in kinds if k in triggers for o in triggers[k]]
        if len(kinds) > 1:
            pairs = sorted(zip(offsets[::2], offsets[1::2], strict=True))
            offsets = [o for pair in pairs for o in pair]
        for lo, hi in _windows(text, offsets, before, after):
            for match in pattern.finditer(text, lo, hi):
                reading = handler(match, ctx)
                if reading is None:
                    continue
                start, end = match.span()
                while end > start and text[end - 1] in " \t\n,-":
                    end -= 1
                while start < end and text[start].isspace():
                    start += 1
                start = trim_start(text, start, end)
                if end > start:
                    found.append((start, end, priority, reading))
    return found


def _select(found: list[Candidate]) -> list[Candidate]:
    found.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken: list[Candidate] = []
    for cand in found:
        if all(cand[1] <= other[0] or cand[0] >= other[1] for other in taken):
            taken.append(cand)
    taken.sort(key=lambda c: c[0])
    return taken


def _merge_time_and_day(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """Join "10 p.m. Wednesday" and "5 p.m. EST, Nov. 6" into one TIME on that day."""
    out: list[Candidate] = []
    for cand in chosen:
        if out:
            prev = out[-1]
            gap = text[prev[1] : cand[0]]
            left, right = prev[3], cand[3]
            if (
                left.type == TimexType.TIME
                and "T" in left.value
                and right.granularity == Granularity.DAY
                and _JOIN_TIME_DATE.match(gap)
                and left.value[:1].isdigit()
            ):
                clock = left.value.split("T", 1)[1]
                merged = Reading(TimexType.TIME, f"{right.value}T{clock}", Granularity.TIME,
                                 None, right.resolved)  # fmt: skip
                out[-1] = (prev[0], cand[1], prev[2], merged)
                continue
        out.append(cand)
    return out


_RANGE_GAP = re.compile(r"^\s*(?:to|through|until|till|and|-|–)\s*$", re.IGNORECASE)
_WEEKDAY_NAME = re.compile(r"^(?:mon|tues|wednes|thurs|fri|satur|sun)day$", re.IGNORECASE)


def _fix_weekday_ranges(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """Keep "Thursday to Friday" in order: the second weekday follows the first."""
    out = list(chosen)
    for index in range(1, len(out)):
        first, second = out[index - 1], out[index]
        if not (
            _WEEKDAY_NAME.match(text[first[0] : first[1]])
            and _WEEKDAY_NAME.match(text[second[0] : second[1]])
            and _RANGE_GAP.match(text[first[1] : second[0]])
        ):
            continue
        try:
            left = date.fromisoformat(first[3].value)
            right = date.fromisoformat(second[3].value)
        except ValueError:
            continue
        if right < left:
            fixed = day_value(right + timedelta(days=7 * ((left - right).days // 7 + 1)))
            reading = second[3]
            out[index] = (second[0], second[1], second[2],
                          Reading(reading.type, fixed, reading.granularity, reading.mod,
                                  reading.resolved))  # fmt: skip
    return out


def _resolve_anaphors(chosen: list[Candidate], anchor: Anchor) -> list[Candidate]:
    """Count "that day" and "the following year" from the last date mentioned before them."""
    out: list[Candidate] = []
    reference = None
    for start, end, priority, found in chosen:
        reading = found
        if found.anaphor is not None:
            own = (anchor.day, anchor.precision)
            resolved = resolve_anaphor(found, reference or own) or resolve_anaphor(found, own)
            if resolved is None:
                value, granularity = anchor_value(anchor)
                resolved = Reading(found.type, value, granularity, found.mod, False)
            reading = resolved
        named = reference_of(reading) if reading.resolved else None
        if named is not None:
            reference = named
        out.append((start, end, priority, reading))
    return out


def tag(text: str, dct: datetime | None, dct_precision: str | Granularity = "day") -> list[Timex]:
    """Find and normalise every temporal expression in a text, relative to its creation time."""
    ctx = Context(text, anchor_of(dct, dct_precision))
    chosen = _fix_weekday_ranges(text, _merge_time_and_day(text, _select(_candidates(ctx))))
    chosen = _resolve_anaphors(chosen, ctx.anchor)
    out: list[Timex] = []
    for start, end, _, reading in chosen:
        relation = None
        hit = _RELATION_BEFORE.search(text[max(0, start - 12) : start])
        dated = reading.type in {TimexType.DATE, TimexType.TIME}
        if dated and hit is not None:
            relation = RELATIONS[hit.group(1).lower()]
        elif dated and (_HAN.match(text, end) or (start and _HAN.match(text, start - 1))):
            relation = chinese_relation(text, start, end)  # 到2028年, 年底前
        out.append(
            Timex(
                start,
                end,
                text[start:end],
                reading.type,
                reading.value,
                reading.granularity,
                reading.mod,
                relation,
                reading.resolved,
            )
        )
    return out
