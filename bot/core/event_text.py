"""Event text rules: a timeline statement a reader understands alone, and no analysis as events."""

from __future__ import annotations

import re

from bot.core.standalone import opens_on_previous, stands_alone

# A statement joined with the sentence before it stays short enough to read as one line.
MAX_JOINED = 300
_CJK_END = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff01-\uff5e”’」』]$")
_DASH_TAIL = re.compile(r"\s+[–—]\s+|;\s+")
# Verbs of commentary: a sentence that relates one thing to another rather than telling what happened.
_ANALYSIS_VERB = re.compile(
    r"\b(?:aligns?|aligned|reflects?|mirrors?|echo(?:es)?|underscores?|underlines?|signals?|"
    r"suggests?|illustrates?|exemplifies|represents?|is\s+(?:increasingly\s+)?linked|"
    r"is\s+consistent|builds?\s+on|fits?\s+(?:into|with))\b",
    re.IGNORECASE,
)
# The date as a modifier of the subject: "China's 2026 'Dual Research' strategy", "The 2026 plan".
_ATTRIBUTIVE_BEFORE = re.compile(r"(?:^|['’]s\s+|\b(?:[Tt]he|[Ii]ts|[Tt]heir|[Tt]his)\s+)$")
_ATTRIBUTIVE_AFTER = re.compile(r"^\s*['‘“]?[A-Za-z]")


def is_analysis(sentence: str, start: int, end: int) -> bool:
    """Whether the sentence comments on a dated thing instead of dating an event.

    "China's 2026 'Dual Research' strategy aligns with the Plan's emphasis…": the year only
    names the strategy, and the verb relates it to something else.
    """
    before = sentence[:start].lstrip("•·*- ")
    attributive = bool(_ATTRIBUTIVE_BEFORE.search(before)) and bool(
        _ATTRIBUTIVE_AFTER.match(sentence[end:])
    )
    return attributive and _ANALYSIS_VERB.search(sentence[end:]) is not None


def standalone_statement(statement: str, sentence: str, previous: str | None) -> str | None:
    """The statement as a reader can take it alone, or None when no reading of it stands alone.

    A statement opening on the sentence before ("These include…") is joined with that sentence
    when it stands alone and both fit; else the clause after its last dash or semicolon, marked
    as cut with "…", when that clause holds the whole date and opens on no one.
    """
    if not opens_on_previous(statement):
        return statement
    if previous is not None:
        previous = previous.strip()
        # Chinese runs on after its full stop (。); other text takes a space.
        joined = previous + ("" if _CJK_END.search(previous) else " ") + statement
        if stands_alone(previous) and not opens_on_previous(previous) and len(joined) <= MAX_JOINED:
            return joined
    tails = list(_DASH_TAIL.finditer(statement))
    if tails:
        tail = statement[tails[-1].end() :]
        if len(tail.split()) >= 5 and not opens_on_previous(tail):
            return "… " + tail
    return None
