"""Words shared by every renderer for outlets that disagree or corroborate a sentence."""

from __future__ import annotations

from bot.core.brief.model import CitedSentence, OtherWording

SOURCES_DIFFER = "Sources differ"
# Another outlet's version is quoted whole up to this length, then cut at a word with "…".
OTHER_WORDING_CHARS = 280


def contrast(other: OtherWording) -> str:
    """What differs, as "Athens left / Greece killed; 10 / 12" (the shown wording first)."""
    pairs = (f"{d.ours or '—'} / {d.theirs or '—'}" for d in other.differences)
    return "; ".join(pairs)


def shortened(text: str, limit: int = OTHER_WORDING_CHARS) -> str:
    """The text whole when it fits, else cut at a word boundary and ended with "…"."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:")
    return f"{cut}…"


def also_numbers(sentence: CitedSentence) -> tuple[int, ...]:
    """Source numbers of outlets that say the same in their own words, not already cited."""
    return tuple(sorted({o.citation for o in sentence.corroborations} - set(sentence.citations)))
