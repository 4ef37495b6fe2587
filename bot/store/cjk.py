"""CJK runs of a text spelled as overlapping bigrams for their own full-text index."""

from __future__ import annotations

from bot.core.cjk import bigrams_of, cjk_runs


def cjk_text(text: str) -> str:
    """Only the CJK runs of a text, one per line; empty for text without CJK."""
    if text.isascii():
        return ""
    return "\n".join(cjk_runs(text))


# A filler token between runs, so a phrase cannot match across two runs.
_RUN_SEPARATOR = " 0 "


def cjk_bigrams(text: str) -> str:
    """A text's CJK runs as space-separated bigrams, for an FTS5 ``unicode61`` index."""
    if text.isascii():
        return ""
    return _RUN_SEPARATOR.join(" ".join(bigrams_of(run)) for run in cjk_runs(text))
