"""What Chinese date rules read around a match: tense cues, governing words, festival days."""

from __future__ import annotations

import re
from datetime import date

from bot.core.timex.context import nearest_tense
from bot.core.timex.model import Tense

_CLAUSE_STOP = "。！？；\n"
_FUTURE = re.compile(
    r"即将|将要|将于|将在|将(?![近军领])|计划|预计|预期|拟|有望|力争|争取|打算|准备|目标|届时|"
    r"今后|未来|下一步|明年|下周|下个月"
)
_PAST = re.compile(r"(?<!为)了(?!解)|已经|已|曾经|曾|此前|日前|去年|上周|上个月|刚刚|过去|当时")
# A cue after the date binds less than one before it, as in the English rules.
_AFTER_PENALTY = 4
_BEFORE_WORDS = re.compile(r"(?:截至|截止到|截止|直到|到|至迟|最迟)$")
_SINCE_WORDS = re.compile(r"(?:自从|自)$")
# "前"/"后" after a date govern it unless they begin a word ("前景" prospects, "后续" follow-up).
_AFTER_WORDS = re.compile(
    r"以来|以前|之前|前(?![后景列沿线进提往夕期身])|以后|之后|后(?![续期来台果者面备勤盾劲])"
)
_AFTER_RELATIONS = {"以来": "ON_OR_AFTER", "以前": "BEFORE", "之前": "BEFORE", "前": "BEFORE"}
# 春节, the first day of the lunar year (Gregorian dates, from the published Chinese calendar).
SPRING_FESTIVAL: dict[int, date] = {
    year: date(year, month, day)
    for year, month, day in (
        (2010, 2, 14), (2011, 2, 3), (2012, 1, 23), (2013, 2, 10), (2014, 1, 31),
        (2015, 2, 19), (2016, 2, 8), (2017, 1, 28), (2018, 2, 16), (2019, 2, 5),
        (2020, 1, 25), (2021, 2, 12), (2022, 2, 1), (2023, 1, 22), (2024, 2, 10),
        (2025, 1, 29), (2026, 2, 17), (2027, 2, 6), (2028, 1, 26), (2029, 2, 13),
        (2030, 2, 3),
    )
}  # fmt: skip


def _clause(text: str, start: int, end: int) -> tuple[str, str]:
    """The clause's words before and after a span, up to the sentence stops around it."""
    lo = max((text.rfind(stop, 0, start) for stop in _CLAUSE_STOP), default=-1) + 1
    stops = [i for i in (text.find(stop, end) for stop in _CLAUSE_STOP) if i >= 0]
    hi = min(stops, default=len(text))
    return text[lo:start], text[end:hi]


def chinese_tense(text: str, start: int, end: int) -> Tense:
    """The tense of the clause around a span: the nearest future (将, 预计) or past (了, 已) cue."""
    head, tail = _clause(text, start, end)
    cues = ((_FUTURE, Tense.FUTURE), (_PAST, Tense.PAST))
    return nearest_tense(head, tail, cues, after_penalty=_AFTER_PENALTY)


def chinese_relation(text: str, start: int, end: int) -> str | None:
    """The relation a governing word gives a Chinese date, as the English prepositions do.

    到/截至 before it is ON_OR_BEFORE ("到2028年", like "by 2028"), 自 ON_OR_AFTER; after it
    前/之前 is BEFORE ("年底前"), 以来 ON_OR_AFTER and 后/之后 AFTER.
    """
    before = text[max(0, start - 3) : start]
    if _BEFORE_WORDS.search(before):
        return "ON_OR_BEFORE"
    if _SINCE_WORDS.search(before):
        return "ON_OR_AFTER"
    hit = _AFTER_WORDS.match(text, end)
    if hit is None:
        return None
    return _AFTER_RELATIONS.get(hit.group(), "AFTER")


def nearest_festival(anchor_day: date, tense: Tense) -> date | None:
    """The 春节 a bare mention means: the nearest one, or the next/last when tense says so."""
    options = [
        SPRING_FESTIVAL[year]
        for year in (anchor_day.year - 1, anchor_day.year, anchor_day.year + 1)
        if year in SPRING_FESTIVAL
    ]
    if not options:
        return None
    if tense == Tense.FUTURE:
        ahead = [day for day in options if day >= anchor_day]
        return ahead[0] if ahead else None
    if tense == Tense.PAST:
        behind = [day for day in options if day <= anchor_day]
        return behind[-1] if behind else None
    return min(options, key=lambda day: abs((day - anchor_day).days))
