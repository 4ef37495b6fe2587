"""What rules see around a match: the text, the anchor, the clause's tense, the words before."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.core.timex.model import Anchor, Tense

_CLAUSE_END = re.compile(r"[.!?;\n]\s|[\n\"“”]")
_FUTURE = re.compile(
    r"\b(?:will|won't|wo\s+n't|shall|'ll|going\s+to|expects?\s+to|expected|scheduled|"
    r"slated|due\s+to|plans?\s+to|intends?\s+to|set\s+to|to\s+be\s+held|upcoming|"
    r"aims?\s+to|is\s+to|are\s+to|forecasts?|would|as\s+(?:soon|early)\s+as|next|"
    r"coming|from\s+now|later\s+this|tomorrow|planned\s+to|planning|preparing\s+to|"
    r"hopes?\s+to|hoping\s+to)\b",
    re.IGNORECASE,
)
_PAST = re.compile(
    r"\b(?:said|says|told|was|were|had|did|ago|last|earlier|met|began|took|made|left|held|"
    r"gave|saw|rose|fell|won|lost|struck|spoke|wrote|sent|came|went|ran|led|broke|"
    r"brought|bought|sold|paid|found|thought|felt|kept|became|grew|knew|shot|hit|put|"
    r"yesterday|(?-i:(?!(?:need|indeed|speed|proceed|exceed|succeed|hundred|feed|seed)\b)"
    r"[a-z]\w*ed))\b",
    re.IGNORECASE,
)
# A marker after the date binds less than one before it ("met Monday" vs "Monday, it said").
_AFTER_PENALTY = 8


def _last(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    found = None
    for found in pattern.finditer(text):  # noqa: B007 - the loop keeps the last match
        pass
    return found


def nearest_tense(
    head: str,
    tail: str,
    cues: tuple[tuple[re.Pattern[str], Tense], ...],
    *,
    after_penalty: int,
) -> Tense:
    """The tense of the cue nearest a date: the last in the text before it, or the first after it
    (``after_penalty`` characters further away, as it binds less)."""
    best: tuple[int, Tense] | None = None
    for pattern, tense in cues:
        last = _last(pattern, head)
        if last is not None:
            distance = len(head) - last.end()
            if best is None or distance < best[0]:
                best = (distance, tense)
        first = pattern.search(tail)
        if first is not None:
            distance = first.start() + after_penalty
            if best is None or distance < best[0]:
                best = (distance, tense)
    return Tense.UNKNOWN if best is None else best[1]


def _nearest(head: str, tail: str) -> Tense:
    return nearest_tense(
        head, tail, ((_FUTURE, Tense.FUTURE), (_PAST, Tense.PAST)), after_penalty=_AFTER_PENALTY
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
        """The tense of the clause around a span: the nearest future or past marker decides."""
        cached = self._tenses.get(start)
        if cached is not None:
            return cached
        text = self.text
        head = text[max(0, start - 120) : start]
        cut = _last(_CLAUSE_END, head)
        if cut is not None:
            head = head[cut.end() :]
        tail = text[end : end + 80]
        stop = _CLAUSE_END.search(tail)
        if stop is not None:
            tail = tail[: stop.start()]
        tense = _nearest(head, tail)
        self._tenses[start] = tense
        return tense
