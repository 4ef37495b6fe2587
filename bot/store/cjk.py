"""Finding the CJK runs of a text and spelling them as overlapping bigrams for their own index."""

from __future__ import annotations

import re

# Han (with extensions and compatibility forms), kana, Hangul and CJK symbols/fullwidth forms.
_CJK_CHARS = (
    "\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3040-\u30ff\u3131-\u318e\u3400-\u4dbf"
    "\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff\U00020000-\U0002fa1f"
)
_CJK_RUN = re.compile(f"[{_CJK_CHARS}]+")


def cjk_runs(text: str) -> list[str]:
    """The maximal runs of CJK characters in a text, in order."""
    return _CJK_RUN.findall(text)


def cjk_text(text: str) -> str:
    """Only the CJK runs of a text, one per line; empty for text without CJK."""
    if text.isascii():
        return ""
    return "\n".join(cjk_runs(text))


# A filler token between runs, so a phrase cannot match across two runs.
_RUN_SEPARATOR = " 0 "


def bigrams_of(run: str) -> list[str]:
    """The overlapping two-character pieces of a CJK run; a one-character run is itself."""
    if len(run) < 2:
        return [run] if run else []
    return [run[i : i + 2] for i in range(len(run) - 1)]


def cjk_bigrams(text: str) -> str:
    """A text's CJK runs as space-separated bigrams, for an FTS5 ``unicode61`` index."""
    if text.isascii():
        return ""
    return _RUN_SEPARATOR.join(" ".join(bigrams_of(run)) for run in cjk_runs(text))
