"""The temporal tagger: runs every rule, keeps the longest non-overlapping readings, adds relations."""

from __future__ import annotations

import re
from datetime import datetime

from bot.core.timex.absolute import ABSOLUTE_RULES, Handler
from bot.core.timex.amounts import AMOUNT_RULES
from bot.core.timex.context import Context
from bot.core.timex.lexicon import RELATIONS
from bot.core.timex.model import Anchor, Granularity, Reading, Timex, TimexType
from bot.core.timex.relative import RELATIVE_RULES

RULES: tuple[tuple[re.Pattern[str], Handler], ...] = ABSOLUTE_RULES + RELATIVE_RULES + AMOUNT_RULES
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


def _candidates(ctx: Context) -> list[Candidate]:
    found: list[Candidate] = []
    text = ctx.text
    for priority, (pattern, handler) in enumerate(RULES):
        for match in pattern.finditer(text):
            reading = handler(match, ctx)
            if reading is None:
                continue
            start, end = match.span()
            while end > start and text[end - 1] in " \t\n,-":
                end -= 1
            while start < end and text[start].isspace():
                start += 1
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


def tag(text: str, dct: datetime | None, dct_precision: str | Granularity = "day") -> list[Timex]:
    """Find and normalise every temporal expression in a text, relative to its creation time."""
    ctx = Context(text, anchor_of(dct, dct_precision))
    chosen = _merge_time_and_day(text, _select(_candidates(ctx)))
    out: list[Timex] = []
    for start, end, _, reading in chosen:
        relation = None
        hit = _RELATION_BEFORE.search(text[max(0, start - 12) : start])
        if hit is not None and reading.type in {TimexType.DATE, TimexType.TIME}:
            relation = RELATIONS[hit.group(1).lower()]
        out.append(
            Timex(start, end, text[start:end], reading.type, reading.value, reading.granularity,
                  reading.mod, relation, reading.resolved)  # fmt: skip
        )
    return out
