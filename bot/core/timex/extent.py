"""Extent conventions of TIMEX3: which leading words of a match belong to the expression."""

from __future__ import annotations

import re

_POSSESSIVE = re.compile(r"(?:its|their|his|her|our|your|my)\s+", re.IGNORECASE)
_DETERMINER = re.compile(r"(?:a|an|the|that|this)\s+", re.IGNORECASE)
# Words that only hedge or stress an amount ("only five hours") and are no TIMEX3 modifier.
_STRESS = re.compile(r"(?:only|just|about(?!\s+an?\b))\s+", re.IGNORECASE)
# An attributive compound ("a 16-hour flight", "the third-quarter loss") ends in a hyphened unit.
_HYPHENED_END = re.compile(
    r"\w-(?:second|minute|hour|day|night|week|month|quarter|year|decade|century|ago|earlier|"
    r"old|long)$",
    re.IGNORECASE,
)
# "a five year low": a count above one before a singular unit can only be attributive.
_SINGULAR_COUNT = re.compile(
    r"^(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    r"forty|fifty|hundred)\s+(?:second|minute|hour|day|week|month|year|decade)$",
    re.IGNORECASE,
)
_NOUN_AFTER = re.compile(r"\s+[A-Za-z]")


def trim_start(text: str, start: int, end: int) -> int:
    """The start of a match once possessives, stress words and attributive articles are dropped.

    TimeBank leaves the noun phrase's determiner out when the expression only modifies the
    noun ("a [third-quarter] loss", "its [fourth quarter]", "only [five hours]").
    """
    while True:
        chunk = text[start:end]
        hit = _POSSESSIVE.match(chunk) or _STRESS.match(chunk)
        if hit is None:
            hit = _DETERMINER.match(chunk)
            if hit is None or not _attributive(text, start + hit.end(), end):
                return start
        start += hit.end()


def _attributive(text: str, start: int, end: int) -> bool:
    """Whether the span modifies a following noun rather than heading its own phrase."""
    rest = text[start:end]
    if _HYPHENED_END.search(rest):
        return bool(_NOUN_AFTER.match(text, end))
    return bool(_SINGULAR_COUNT.match(rest)) and bool(_NOUN_AFTER.match(text, end))
