"""Event statements: the verbatim words of a sentence around a date expression, trimmed to read well."""

from __future__ import annotations

import re

MAX_STATEMENT = 200
# A fragment after a dash may borrow the clause before it (its subject) and run this far.
MAX_WITH_SUBJECT = 220
_MIN_CLAUSE = 60
_CARD_LABEL = re.compile(r"^\s*\d{4}(?:-\d{2}){0,2}\s*[:–—-]?\s*")
_BULLETS = "•·*-– "
_CLAUSE_BREAK = re.compile(r"[,;:–—]\s+|\s+-\s+")
_DASH_BREAK = re.compile(r"\s*[–—-]\s*")
_LEADING_CONJUNCTION = re.compile(r"(?:and|but|or|so|yet|while|whereas)\s+", re.IGNORECASE)
_WORD_GAP = re.compile(r"\s+")
_INITIALISM = re.compile(r"(?:^|\s)(?:\w\.)+\w$")
_TRAILING = " .;,:–—-。；，："
# Cutting just before one of these leaves a complete phrase behind.
_CONNECTIVES = frozenset(
    "and or but as which that while with whereas because although after before".split()  # noqa: SIM905
)
# A statement never ends on one of these.
_DANGLING = frozenset(
    """a an the of to and or but in at for with as by on from into its their his her this that
    these those which who whose while than""".split()  # noqa: SIM905 - readable word list
)
_CLOSERS = {"“": "”", "‘": "’", "«": "»", "(": ")", "[": "]", "「": "」", "『": "』"}


def statement_of(sentence: str, start: int, end: int, *, whole: bool = True) -> str:
    """The words of ``sentence`` that state what happened at ``sentence[start:end]``.

    The whole sentence when it fits in 200 characters (and ``whole`` is set), else the clause
    around the expression: never cut inside quotes or brackets, starting where a statement can
    start and ending at a word boundary. The result is always a verbatim slice of the sentence.
    """
    text = _CARD_LABEL.sub("", sentence, count=1) if start == 0 else sentence
    offset = len(sentence) - len(text)
    stripped = text.lstrip(_BULLETS)
    offset += len(text) - len(stripped)
    body = _trim_end(stripped)
    start, end = max(0, start - offset), max(0, min(len(body), end - offset))
    if whole and len(body) <= MAX_STATEMENT:
        return body
    inside = _quoted(body)
    lo, hi = _clause(body, start, end, inside, _MIN_CLAUSE if whole else 0)
    return _tidy(body, lo, hi, end)


def _quoted(text: str) -> list[bool]:
    """For every boundary 0..len(text): does it lie inside an open quotation or bracket?"""
    inside = [False] * (len(text) + 1)
    expected: list[str] = []
    for index, char in enumerate(text):
        before = text[index - 1] if index else " "
        after = text[index + 1] if index + 1 < len(text) else " "
        if expected and char == expected[-1] and (char != "'" or not after.isalpha()):
            expected.pop()
        elif char in _CLOSERS:
            expected.append(_CLOSERS[char])
        elif char == '"':
            expected.append('"')
        elif char == "'" and not before.isalnum() and after.isalpha():
            expected.append("'")
        elif char in "”»" and not expected:
            # The sentence began inside a quotation that closes here.
            inside[: index + 1] = [True] * (index + 1)
        inside[index + 1] = bool(expected)
    return inside


def _readable(body: str, lo: int) -> bool:
    """Does a statement starting at ``lo`` read as one (sentence start, capital, digit)?"""
    if lo == 0:
        return True
    head = body[lo : lo + 2].lstrip("“‘\"'«(")
    return bool(head) and (head[0].isupper() or head[0].isdigit())


def _clause(body: str, start: int, end: int, inside: list[bool], min_len: int) -> tuple[int, int]:
    """The [lo, hi) window of clauses around the expression, as ``statement_of`` describes."""
    breaks = [m for m in _CLAUSE_BREAK.finditer(body) if not inside[m.start()]]
    starts = [0, *(m.end() for m in breaks)]
    ends = [*(m.start() for m in breaks), len(body)]
    lo = max(s for s in starts if s <= start)
    hi = min((e for e in ends if e >= end), default=len(body))
    cap = MAX_STATEMENT
    if not _readable(body, lo):
        lo, cap = _earlier_start(body, lo, hi, starts, breaks)
    if end - lo > cap:  # the expression lies deep inside one long clause
        lo = _word_start_near(body, end - cap // 2, inside)
    limit = min(len(body), lo + cap)
    while hi - lo < min_len:
        wider = [e for e in ends if e > hi]
        if not wider or wider[0] > limit:
            hi = _word_end_before(body, hi, limit, inside)
            break
        hi = wider[0]
    if hi > limit:
        hi = _word_end_before(body, end, limit, inside)
    return lo, hi


def _earlier_start(
    body: str, lo: int, hi: int, starts: list[int], breaks: list[re.Match[str]]
) -> tuple[int, int]:
    """Walk back from a fragment to an earlier clause start that reads as a statement.

    A fragment after a dash may borrow its subject up to ``MAX_WITH_SUBJECT`` characters;
    otherwise a leading conjunction is skipped ("and the ministers will meet" → "the ministers …").
    Returns the start and the length cap that applies from it.
    """
    after_dash = any(m.end() == lo and _DASH_BREAK.fullmatch(m.group()) for m in breaks)
    cap = MAX_WITH_SUBJECT if after_dash else MAX_STATEMENT
    for earlier in sorted((s for s in starts if s < lo), reverse=True):
        if hi - earlier > cap:
            break
        if _readable(body, earlier):
            return earlier, max(MAX_STATEMENT, hi - earlier)
    conjunction = _LEADING_CONJUNCTION.match(body, lo)
    return (conjunction.end() if conjunction else lo), MAX_STATEMENT


def _word_start_near(body: str, at: int, inside: list[bool]) -> int:
    """The first word start at or after ``at`` outside quotes (inside them if there is none)."""
    gaps = [m.end() for m in _WORD_GAP.finditer(body) if m.end() >= at]
    outside = [g for g in gaps if not inside[g]]
    return (outside or gaps or [at])[0]


def _word_end_before(body: str, least: int, limit: int, inside: list[bool]) -> int:
    """The best word end in [least, limit]: before a connective late in the window, else the last.

    Word ends inside quotes are used only when no other one fits.
    """
    if limit >= len(body):
        return len(body)
    gaps = [m.start() for m in _WORD_GAP.finditer(body) if least <= m.start() <= limit]
    outside = [g for g in gaps if not inside[g]]
    candidates = outside or gaps
    if not candidates:
        return max(least, limit)
    span = candidates[-1] - least
    for gap in reversed(candidates):
        if gap - least < span * 0.6:
            break
        following = body[gap:].split(None, 1)
        if following and following[0].lower() in _CONNECTIVES:
            return gap
    return candidates[-1]


def _tidy(body: str, lo: int, hi: int, end: int) -> str:
    """Trim punctuation and dangling function words from the end, never into the expression."""
    statement = _trim_end(body[lo:hi])
    while True:
        head, _, last = statement.rpartition(" ")
        if not head or last.lower() not in _DANGLING or lo + len(head) < end:
            return statement
        statement = _trim_end(head)


def _trim_end(text: str) -> str:
    """Drop trailing punctuation, but not the dot of an initialism ("5 p.m.", "the U.S.")."""
    trimmed = text.rstrip(_TRAILING)
    if text[len(trimmed) : len(trimmed) + 1] == "." and _INITIALISM.search(trimmed):
        return trimmed + "."
    return trimmed
