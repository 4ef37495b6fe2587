"""Grouping cleaned lines into paragraphs or items: hard-wrap joining, bullets, prose tests."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.core.text import normalise_space

_BULLET = re.compile(r"^(?:[•·▪◦‣●○■□*\-–]|\d{1,2}[.)])\s+(?=\S)")
_SENTENCE_END = re.compile(r"""[.!?…。！？][\"'”’‘»)\]」』）\s]*$""")
_CLAUSE_END = re.compile(r"""[,;:，；：、][\"'”’»)\]」』）]*$""")
# A line at least this wide (CJK counting double) that stops mid-sentence was wrapped by the source.
_WRAP_WIDTH = 50
_SHORT_WORDS = 12
_SHORT_CHARS = 90
_SHORT_CJK_CHARS = 30


@dataclass(frozen=True, slots=True)
class TextUnit:
    """One paragraph or item: its text and whether it came from a bulleted line."""

    text: str
    bullet: bool = False


def strip_bullet(line: str) -> tuple[str, bool]:
    """Remove a leading list marker; say whether there was one."""
    match = _BULLET.match(line)
    if match is None:
        return line, False
    return line[match.end() :], True


def is_cjk(char: str) -> bool:
    """Whether a character is a CJK ideograph, kana or hangul (full-width in print)."""
    code = ord(char)
    return 0x2E80 <= code <= 0x9FFF or 0xAC00 <= code <= 0xD7AF or 0xF900 <= code <= 0xFAFF


def display_width(text: str) -> int:
    """Width in columns, CJK characters counting double."""
    return sum(2 if is_cjk(ch) else 1 for ch in text)


def ends_sentence(text: str) -> bool:
    """Whether text ends with sentence-final punctuation (optionally followed by closing quotes)."""
    return _SENTENCE_END.search(text) is not None


def is_prose(text: str) -> bool:
    """Whether a unit reads as running text rather than a heading, label or navigation link."""
    if ends_sentence(text) or _CLAUSE_END.search(text):
        return True
    return not is_short(text)


def is_heading_like(text: str) -> bool:
    """Whether a unit could be a heading or label: short, unpunctuated, starting with a capital."""
    first = text[0]
    starts_like_heading = first.isupper() or first.isdigit() or is_cjk(first)
    return starts_like_heading and not is_prose(text)


def is_short(text: str) -> bool:
    """Whether a unit is short enough to be a heading or a label."""
    if len(text) > _SHORT_CHARS:
        return False
    cjk = sum(1 for ch in text if is_cjk(ch))
    if cjk > len(text) / 2:
        return len(text) <= _SHORT_CJK_CHARS
    return len(text.split()) <= _SHORT_WORDS and len(text) <= _SHORT_CHARS


def _continues(previous: str, line: str) -> bool:
    """Whether ``line`` continues the hard-wrapped ``previous`` line rather than starting anew."""
    if ends_sentence(previous):
        return False
    first = line[0]
    return first.islower() or display_width(previous) >= _WRAP_WIDTH


def units_of(lines: Sequence[str | None]) -> list[TextUnit]:
    """Group lines (``None`` marks a break) into units, joining hard-wrapped continuation lines."""
    units: list[TextUnit] = []
    pending: list[str] = []
    pending_bullet = False

    def flush() -> None:
        nonlocal pending, pending_bullet
        text = normalise_space(" ".join(pending))
        if text:
            units.append(TextUnit(text, pending_bullet))
        pending = []
        pending_bullet = False

    for raw in lines:
        if raw is None:
            flush()
            continue
        line, bullet = strip_bullet(raw.strip())
        if not line:
            flush()
            continue
        if pending and (bullet or not _continues(pending[-1], line)):
            flush()
        if not pending:
            pending_bullet = bullet
        pending.append(line)
    flush()
    return units
