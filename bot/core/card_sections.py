"""Aggregator card sections: turning the lines under a card heading into section items."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.core.models import CardSection, CardSectionKind
from bot.core.text import normalise_space
from bot.core.text_units import units_of

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE = (
    r"(?:\d{4}(?:[-/.]\d{1,2}(?:[-/.]\d{1,2})?)?"
    rf"|{_MONTH}\s+(?:\d{{1,2}},?\s+)?\d{{4}}"
    rf"|\d{{1,2}}\s+{_MONTH}\s+\d{{4}}"
    r"|(?:q[1-4]|h[12])\s+\d{4}"
    r"|\d{4}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?)"
)
_DATE_ONLY = re.compile(rf"^{_DATE}$", re.IGNORECASE)
_DATE_INLINE = re.compile(
    rf"^(?P<date>{_DATE})(?:\s*[—–:：|]\s*|\s+-\s+)(?P<event>\S.*)$", re.IGNORECASE
)
_AUDIENCE_SPLIT = re.compile(r"\s*[,;|·、]\s*")


def _timeline_items(lines: Sequence[str | None]) -> list[str]:
    """Pair a date line with the event line after it, or split an inline "date — event" line."""
    present = [normalise_space(line) for line in lines if line is not None and line.strip()]
    items: list[str] = []
    index = 0
    while index < len(present):
        line = present[index]
        inline = _DATE_INLINE.match(line)
        if inline:
            items.append(f"{inline.group('date')}: {inline.group('event')}")
        elif (
            _DATE_ONLY.match(line)
            and index + 1 < len(present)
            and not _DATE_ONLY.match(present[index + 1])
        ):
            items.append(f"{line}: {present[index + 1]}")
            index += 1
        else:
            items.append(line)
        index += 1
    return items


def section_items(kind: CardSectionKind, lines: Sequence[str | None]) -> tuple[str, ...]:
    """The items of one card section from the lines under its heading (``None`` marks a break)."""
    if kind is CardSectionKind.TIMELINE:
        return tuple(_timeline_items(lines))
    texts = [unit.text for unit in units_of(lines)]
    if kind is CardSectionKind.WHO_SHOULD_CARE:
        return tuple(part for text in texts for part in _AUDIENCE_SPLIT.split(text) if part)
    return tuple(texts)


def merge_sections(sections: Sequence[CardSection]) -> tuple[CardSection, ...]:
    """Drop empty sections and merge neighbours of the same kind, keeping document order."""
    merged: list[CardSection] = []
    for section in sections:
        if not section.items:
            continue
        if merged and merged[-1].kind is section.kind:
            merged[-1] = CardSection(section.kind, merged[-1].items + section.items)
        else:
            merged.append(section)
    return tuple(merged)
