"""What rules may see around a match: the text, the anchor, the clause's tense and the words before."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.core.timex.model import Anchor, Tense

_CLAUSE_END = re.compile(r"[.!?;\n]\s|[\n\"“”]")
_FUTURE = re.compile(
    r"\b(?:will|won't|wo\s+n't|shall|'ll|going\s+to|expect(?:s|ed)?\s+to|expected|scheduled|"
    r"slated|due\s+to|plans?\s+to|planned|intends?\s+to|set\s+to|to\s+be\s+held|upcoming|"
    r"aims?\s+to|is\s+to|are\s+to|forecasts?|would\s+be\s+held|next)\b",
    re.IGNORECASE,
)
_PAST = re.compile(
    r"\b(?:said|says|told|announced|reported|was|were|had|did|ago|last|earlier|"
    r"\w+ed)\b",
    re.IGNORECASE,
)
_REPORTING_BEFORE = re.compile(
    r"\b(?:said|told|announced|reported|added|noted|disclosed|declared|confirmed|"
    r"was|were|died|resigned|closed|ended|rose|fell)\s+(?:on\s+)?$",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Context:
    """The document being tagged and its anchor, with per-position tense lookups cached."""

    text: str
    anchor: Anchor
    _tenses: dict[int, Tense] = field(default_factory=dict)

    def words_before(self, start: int, width: int = 40) -> str:
        """The lower-cased text just before a position, on the same line."""
        chunk = self.text[max(0, start - width) : start]
        return chunk.rsplit("\n", 1)[-1].lower()

    def tense_at(self, start: int, end: int) -> Tense:
        """The tense of the clause around a span: future markers win, then past, else unknown."""
        cached = self._tenses.get(start)
        if cached is not None:
            return cached
        text = self.text
        lo = max(0, start - 120)
        head = text[lo:start]
        cut = None
        for cut in _CLAUSE_END.finditer(head):
            pass
        if cut is not None:
            head = head[cut.end() :]
        tail = text[end : end + 80]
        stop = _CLAUSE_END.search(tail)
        if stop is not None:
            tail = tail[: stop.start()]
        if _REPORTING_BEFORE.search(head):
            tense = Tense.PAST
        elif _FUTURE.search(head) or _FUTURE.search(tail):
            tense = Tense.FUTURE
        elif _PAST.search(head) or _PAST.search(tail):
            tense = Tense.PAST
        else:
            tense = Tense.UNKNOWN
        self._tenses[start] = tense
        return tense
