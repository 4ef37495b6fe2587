"""Page furniture glued to a sentence's start: time stamps, bylines' dates, a repeated headline.

Extracted pages often run the "Posted May 3, 2013 at 7: 31 AM ET Updated 5: 40 p. m. ET" line
into the first sentence. The stamp is split off (the rest of the sentence is still verbatim
article text, so citations hold), and a sentence that is nothing but a stamp is no sentence.
"""

from __future__ import annotations

import re

_MONTH = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_WEEKDAY = r"mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:rs?|rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?"
_ZONE = (
    r"ET|EST|EDT|CT|CST|CDT|MT|MST|MDT|PT|PST|PDT|AKDT|AKST|GMT|BST|UTC|IST|AEST|AEDT|CET|CEST|"
    r"UK|hrs|HKT|JST|KST|SGT|MSK|SAST|EAT|WAT|AST|HST|NZST|NZDT|AWST|local\s+time"
)
_LABEL = (
    r"(?:first\s+|last\s+|originally\s+)?(?:posted|published|updated|created)(?:\s+on|\s+at)?|"
    r"story\s+created|last\s+modified|date"
)
_CLOCK = r"\d{1,2}\s?:\s?\d{2}(?:\s?:\s?\d{2})?(?:\s?(?:[ap]\.?\s?m\b\.?))?"
# One unit of a stamp; separators and filler words join units ("May 3, 2013 at 7: 31 AM ET |").
_UNIT = re.compile(
    rf"""
    (?P<clock>{_CLOCK})
    | (?P<label>\b(?:{_LABEL})\b\s?:?)
    | (?P<month>\b(?:{_MONTH})\b\.?)
    | (?P<weekday>\b(?:{_WEEKDAY})\b\.?)
    | (?P<zone>\(?\b(?:{_ZONE})\b(?:\s?[+-]\s?\d{{1,2}}(?:\s?:\s?\d{{1,2}})?)?\)?)
    | (?P<number>\b\d{{1,4}}(?:st|nd|rd|th)?\b)
    | (?P<joiner>[,|@/.\-–:()]|\bat\b|\bon\b)
    """,
    re.IGNORECASE | re.VERBOSE,
)
_SPACE = re.compile(r"\s*")
# A label inside the opening words marks a headline run into its stamp ("… rehab facility
# Updated 4: 08 p. m. ET Lindsay Lohan's attorney said …").
_INNER_LABEL = re.compile(rf"\b(?:{_LABEL})\b", re.IGNORECASE)
_OPENING_WORDS = 16
_MIN_REST_WORDS = 4
_STARTS_CLAUSE = re.compile(r"[\"'“‘(]?[A-Z0-9]")


def _stamp_end(text: str, start: int) -> int | None:
    """End of a stamp that begins at ``start``, when what runs there is one, else None."""
    position = _SPACE.match(text, start).end()  # type: ignore[union-attr]
    end = start
    kinds: set[str] = set()
    numbers = 0
    while True:
        unit = _UNIT.match(text, position)
        if unit is None:
            break
        kind = unit.lastgroup or ""
        # "… 15: 39 (GMT+05: 00) On October 1 - 2 Ashgabat hosts": a capital "On" after the
        # clock opens the sentence.
        if kind == "joiner" and "clock" in kinds and unit.group()[:1].isupper():
            break
        kinds.add("date" if kind in {"month", "weekday"} else kind)
        numbers += kind == "number"
        end = unit.end()
        position = _SPACE.match(text, end).end()  # type: ignore[union-attr]
    if numbers >= 3:
        kinds.add("date")  # "05 / 03 / 2013" is a date written in numbers
    if "label" in kinds and numbers:
        kinds.add("date")
    # Two kinds of stamp part at least: "At 2: 18 p. m., Horton and two other moms …" is prose.
    if len(kinds & {"clock", "date", "zone", "label"}) >= 2:
        return end
    return None


def _rest(text: str, end: int) -> str | None:
    rest = text[end:].lstrip(" ,|:-–—")
    if not rest:
        return ""
    if _STARTS_CLAUSE.match(rest) and len(rest.split()) >= _MIN_REST_WORDS:
        return rest
    return None


def strip_stamp(sentence: str) -> str:
    """The sentence without a leading time stamp (or headline and stamp); "" when all stamp."""
    end = _stamp_end(sentence, 0)
    if end is not None:
        rest = _rest(sentence, end)
        if rest is not None:
            return rest
    opening = " ".join(sentence.split()[:_OPENING_WORDS])
    for label in _INNER_LABEL.finditer(sentence, 1, len(opening)):
        end = _stamp_end(sentence, label.start())
        if end is None:
            continue
        rest = _rest(sentence, end)
        if rest:
            return rest
    return sentence


def strip_headline(sentence: str, title: str) -> str:
    """The sentence without the article's own title run into its start, when one is."""
    head = title.strip().rstrip(".")
    if len(head.split()) < 3 or not sentence.casefold().startswith(head.casefold()):
        return sentence
    rest = _rest(sentence, len(head))
    return rest if rest else sentence
