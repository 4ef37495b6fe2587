"""An article's language: declared metadata when usable, else py3langid over its opening text."""

from __future__ import annotations

import py3langid  # type: ignore[import-untyped]  # ships no type information

from bot.core.language import (
    DEFAULT_LANGUAGE,
    choose_language,
    has_enough_letters,
    normalise_language,
    script_language,
)

# The opening of an article decides its language; reading more costs time and changes nothing.
DETECTION_CHARS = 4000


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the text's language among the news languages ("en" when unsure)."""
    opening = text[:DETECTION_CHARS]
    by_script = script_language(opening)
    if by_script is not None:
        return by_script
    if not has_enough_letters(opening):
        return DEFAULT_LANGUAGE
    # The model loads on first use (about half a second) and stays loaded for the process.
    ranked: list[tuple[str, float]] = py3langid.rank(opening)
    return choose_language(ranked)


def article_language(declared: str | None, title: str, body: str) -> str:
    """The declared language (normalised, "fr" from "fr-FR") when it is a code, else detected."""
    code = normalise_language(declared) if declared else None
    return code or detect_language(f"{title}\n{body}")
